"""Every example notebook runs top to bottom, so the notebooks never rot.

Each notebook runs on the ``python3`` kernel of this environment, in a copy of ``examples/``, so
the files it writes (its ``output/`` folder) land in a temporary folder, never in the repository.
The notebooks are committed without outputs; a test says so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

nbclient = pytest.importorskip("nbclient", reason="the notebook tests need the dev extra (nbclient)")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    """The three tutorials exist (a glob that matches nothing would pass every other test)."""
    assert [path.name for path in NOTEBOOKS][:3] == [
        "01_quickstart.ipynb",
        "02_your_stripboard.ipynb",
        "03_calendars_for_the_crew.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    """No outputs or execution counts in the repository: diffs stay readable, files small."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_top_to_bottom(path: Path, tmp_path: Path) -> None:
    """The notebook executes without an error, in a copy of examples/ (its working folder)."""
    workdir = tmp_path / "examples"
    shutil.copytree(EXAMPLES, workdir, ignore=shutil.ignore_patterns("output", ".ipynb_checkpoints"))
    notebook = nbformat.read(workdir / path.name, as_version=4)
    client = nbclient.NotebookClient(
        notebook, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(workdir)}}
    )
    client.execute()
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
    assert (workdir / "output").is_dir()  # each notebook writes its files there

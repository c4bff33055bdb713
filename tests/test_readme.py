"""The README's Python tour runs as written (with a shorter time limit), so it stays true."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one Python block of the README executes and writes what it says, in a scratch folder."""
    pytest.importorskip("matplotlib")
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1
    shutil.copytree(
        REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("*.ipynb", "output")
    )
    monkeypatch.chdir(tmp_path)
    code = blocks[0].replace("time_limit=30", "time_limit=2")
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "schedule.xlsx").exists() and (tmp_path / "board.png").exists()
    assert (tmp_path / "calendars" / "unit.ics").exists()


def test_readme_exit_codes_are_the_commands() -> None:
    """The README's exit-code table lists exactly the codes `shootplan --help` lists."""
    from shootplan.cli import EXIT_CODES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| (\d+) \|", readme, re.M)
    listed = re.findall(r"^\s+(\d+)\s{2,}", EXIT_CODES, re.M)
    assert documented == listed == ["0", "1", "2", "3", "4", "70", "130"]


def test_readme_options_exist() -> None:
    """Every command-line option the README names is one the commands take."""
    from click.testing import CliRunner

    from shootplan.cli import main

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(--[a-z][a-z-]+)", readme))
    helps = "".join(
        CliRunner().invoke(main, [*command, "--help"]).stdout
        for command in (
            [],
            ["plan"],
            ["replan"],
            ["dood"],
            ["calendars"],
            ["score"],
            ["check"],
            ["sweep"],
            ["callsheets"],
            ["breakdown"],
        )
    )
    assert named and {option for option in named if option not in helps} == set()

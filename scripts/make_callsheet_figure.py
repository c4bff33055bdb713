"""Draw ``docs/callsheet.png``, the README's picture of a call sheet: page 1 of the example's Day 1.

The example is planned as ``scripts/make_readme_figure.py`` plans it (one solver worker, CP-SAT's
deterministic time), so the call sheet is of the same plan as the stripboard picture. The PDF is
the one ``shootplan plan`` writes, rendered to pixels by PDFium (``pypdfium2``, the ``docs``
extra: it ships PDFium in its wheel, so no system package is needed). Run it from the repository
root (about half a minute)::

    .venv/bin/pip install -e '.[docs]'
    .venv/bin/python scripts/make_callsheet_figure.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image

import shootplan

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "callsheet.png"
SECONDS = 20.0
# 1.4 px per point: a Letter page at ~100 dpi, readable on a screen and well under 300 KB once
# reduced to a palette (the sheet is text, rules and a few fills).
SCALE = 1.4
COLORS = 64


def main() -> None:
    """Plan the example, write Day 1's call sheet as PDF, draw its first page."""
    production = shootplan.example_production()
    result = shootplan.solve(production, time_limit=SECONDS, num_workers=1, seed=0)
    if result.schedule is None or result.evaluation is None or not result.evaluation.is_feasible:
        raise SystemExit(f"no clean plan to draw:\n{result}")
    with tempfile.TemporaryDirectory() as folder:
        (pdf_path,) = shootplan.write_call_sheets(
            production, result.schedule, folder, days=[1], formats=("pdf",)
        )
        document = pypdfium2.PdfDocument(pdf_path)
        try:
            image = document[0].render(scale=SCALE).to_pil()
        finally:
            document.close()
    picture = image.convert("RGB").quantize(colors=COLORS, method=Image.Quantize.MEDIANCUT)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # PIL writes no date into a PNG, so an unchanged sheet is an unchanged file.
    picture.save(OUTPUT, optimize=True)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

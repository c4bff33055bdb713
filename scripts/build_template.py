"""Build ``examples/template.xlsx``: the bundled example production as the workbook template.

The template is what an AD fills in (or copies their board into): sheets Scenes, Cast, Locations,
Settings and Boards, with a note on every column header (see :mod:`shootplan.io.workbook`).
The file is byte-stable across builds. Reading it back with :func:`shootplan.io.read_production`
gives the example production again; the script checks that before it finishes. Run it from the
repository root::

    .venv/bin/python scripts/build_template.py
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from shootplan.examples import example_production
from shootplan.io import read_production, write_workbook

OUTPUT = Path(__file__).resolve().parents[1] / "examples" / "template.xlsx"


def main() -> None:
    """Write the template and prove it reads back as the same production."""
    production = example_production()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # A fixed stamp (the shoot's first day) keeps the file byte-identical from one build to the next.
    write_workbook(production, OUTPUT, stamp=datetime.combine(production.calendar.start, datetime.min.time()))
    if read_production(OUTPUT) != production:
        raise SystemExit(f"{OUTPUT} does not read back as the example production")
    print(f"wrote {OUTPUT.relative_to(Path.cwd()) if OUTPUT.is_relative_to(Path.cwd()) else OUTPUT}")


if __name__ == "__main__":
    main()

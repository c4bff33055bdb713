"""Draw ``docs/stripboard.png``, the README's picture: the example production's planned board.

The plan is made with one solver worker, whose time limit is CP-SAT's deterministic time, so the
same code draws the same board on any machine. Run it from the repository root (about half a
minute)::

    .venv/bin/python scripts/make_readme_figure.py
"""

from __future__ import annotations

from pathlib import Path

import shootplan

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "stripboard.png"
SECONDS = 20.0


def main() -> None:
    """Plan the example, check the plan, draw its board."""
    production = shootplan.example_production()
    result = shootplan.solve(production, time_limit=SECONDS, num_workers=1, seed=0)
    if result.schedule is None or result.evaluation is None or not result.evaluation.is_feasible:
        raise SystemExit(f"no clean plan to draw:\n{result}")
    figure = shootplan.plot_stripboard(production, result.schedule)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # No date in the PNG's metadata, so an unchanged board is an unchanged file.
    figure.savefig(OUTPUT, dpi=90, metadata={"Software": None})
    print(result)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()

"""Quick benchmark tier in CI: the talent-scheduling literature's known optima, proven."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from shootplan import Status, evaluate, solve

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from instances import SHARED, talent_production  # noqa: E402

TALENT = sorted((SHARED / "talent").glob("*.json")) if (SHARED / "talent").is_dir() else []


@pytest.mark.skipif(not TALENT, reason="../shared/benchmarks/talent is not beside the repository")
@pytest.mark.parametrize("path", TALENT, ids=[p.stem for p in TALENT])
def test_known_optimum_is_reached_and_proven(path: Path) -> None:
    """solve() on the instance as a Production proves the published optimum."""
    production, data = talent_production(path)
    result = solve(production, time_limit=10, num_workers=1)
    assert result.status is Status.OPTIMAL and result.schedule is not None
    performing = sum(
        a["cost"] * sum(s["duration"] for s in data["scenes"] if a["id"] in s["actors"])
        for a in data["actors"]
    )
    check = evaluate(production, result.schedule)
    assert check.is_feasible, check.violations
    assert check.cost + performing == data["known_optimum_total"]

"""Quick benchmark tier in CI: the talent-scheduling literature's known optima, proven.

The instances are copies under tests/data/talent (see tests/data/README.md). Those of up to
13 scenes run in the fast tier; the larger ones (18 to 28 scenes) take a few seconds each and are
marked slow. One realistic production checks the path larger boards take (neighbourhood search).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from shootplan import Status, evaluate, solve
from tests.conftest import REPO, benchmark_data

BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from instances import realistic_production, talent_production  # noqa: E402

TALENT = sorted(benchmark_data("talent").glob("*.json"))
FAST_SCENES = 13  # up to here CP-SAT proves the optimum well under a second


def _instance(path: Path) -> Any:
    """One instance as a test case, marked slow when it has more than FAST_SCENES scenes."""
    scenes = len(json.loads(path.read_text("utf-8"))["scenes"])
    return pytest.param(path, id=path.stem, marks=[pytest.mark.slow] if scenes > FAST_SCENES else [])


def test_the_literature_instances_are_all_there() -> None:
    """All 21 instances are found (a glob that matched nothing would pass every case below)."""
    assert len(TALENT) == 21
    assert {"tiny", "rehearsal", "film1_csplib", "MobStory"} <= {path.stem for path in TALENT}


@pytest.mark.parametrize("path", [_instance(path) for path in TALENT])
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


def test_a_realistic_tv_block_is_planned_by_neighbourhood_search() -> None:
    """A 50-scene TV block (over 40 scenes, so solve() adds neighbourhood search) gets a valid plan.

    The fast tier's one run of the neighbourhood search; the solves of the 119-scene example are slow.
    """
    production = realistic_production("tv", 1)
    assert len(production.scenes) == 50
    result = solve(production, time_limit=0.5, num_workers=1, seed=0)
    assert result.schedule is not None and result.evaluation is not None
    assert result.evaluation.is_feasible, result.evaluation.violations


# --------------------------------------------------------------------------- where the data comes from


def test_benchmark_data_prefers_the_copy_in_tests_data(tmp_path: Path) -> None:
    """A file copied into tests/data is used even when ../shared has it too."""
    copies, shared = tmp_path / "copies", tmp_path / "shared"
    for root in (copies, shared):
        (root / "talent").mkdir(parents=True)
        (root / "talent" / "tiny.json").write_text("{}")
    assert benchmark_data("talent/tiny.json", copies=copies, shared=shared) == copies / "talent" / "tiny.json"
    (copies / "talent" / "tiny.json").unlink()
    assert benchmark_data("talent/tiny.json", copies=copies, shared=shared) == shared / "talent" / "tiny.json"


def test_missing_benchmark_data_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under CI=true a file in neither place is a failure that names both places, not a skip."""
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"mss/movie5\.txt is neither in .* nor in .*shared"):
        benchmark_data("mss/movie5.txt", copies=tmp_path / "copies", shared=tmp_path / "shared")


def test_missing_benchmark_data_skips_outside_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a developer's machine without ../shared the test is skipped with the reason."""
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"mss/movie5\.txt is neither in"):
        benchmark_data("mss/movie5.txt", copies=tmp_path / "copies", shared=tmp_path / "shared")

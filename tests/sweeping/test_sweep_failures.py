"""A sweep's workers that die: retried once, then reported in their row; the rest still finish.

The child Pythons of the local executor are made to die for real (SIGKILL, as the out-of-memory
killer does) by a ``sitecustomize`` module this test puts on the children's import path: the
package itself has no hook for it. The module reads the task on stdin, gives it back, and kills
its own process while the scenario has deaths left in the plan the test wrote.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from shootplan import Production, Scenario, SolveParams, SweepResult, sweep

PARAMS = SolveParams(time_limit=2, seed=3)

# Runs first in every child Python while the test's folder is on the import path.
SITECUSTOMIZE = """
import io, json, os, signal, sys, time
from pathlib import Path

_plan = os.environ.get("SHOOTPLAN_TEST_DEATHS")
if _plan:
    _task = sys.stdin.read()
    sys.stdin = io.StringIO(_task)
    _name = json.loads(json.loads(_task)["scenario"])["name"]
    _how, _times = json.loads(Path(_plan).read_text()).get(_name, ["live", 0])
    _tries = Path(_plan).with_name(_name + ".tries")
    _before = int(_tries.read_text()) if _tries.exists() else 0
    _tries.write_text(str(_before + 1))
    if _before < _times:
        if _how == "hang":
            time.sleep(120)
        os.kill(os.getpid(), signal.SIGKILL)
"""


def _plan_deaths(folder: Path, monkeypatch: pytest.MonkeyPatch, deaths: dict[str, tuple[str, int]]) -> Path:
    """Scenario name -> ("die" or "hang", how many first attempts); returns the folder of the tries."""
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE)
    plan = folder / "deaths.json"
    plan.write_text(json.dumps(deaths))
    # The children's import path is the parent's (shootplan.child_python), so they find it.
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("SHOOTPLAN_TEST_DEATHS", str(plan))
    return folder


def _tries(folder: Path, name: str) -> int:
    path = folder / f"{name}.tries"
    return int(path.read_text()) if path.exists() else 0


@pytest.fixture(scope="module")
def died(small_production: Production, tmp_path_factory: pytest.TempPathFactory) -> tuple[SweepResult, Path]:
    """Three scenarios alike but for their names: one dies once, one twice, one never."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        folder = _plan_deaths(
            tmp_path_factory.mktemp("deaths"),
            monkeypatch,
            {"dies once": ("die", 1), "dies twice": ("die", 2)},
        )
        scenarios = [Scenario(name=name) for name in ("dies once", "dies twice", "lives")]
        result = sweep(small_production, scenarios, workers_per_solve=1, processes=2, params=PARAMS)
    return result, folder


@pytest.mark.slow
def test_a_worker_that_dies_once_is_retried_and_solves(died: tuple[SweepResult, Path]) -> None:
    """The scenario whose solving process is killed once is run again and gets the same row."""
    result, folder = died
    rows = result.frame
    assert _tries(folder, "dies once") == 2
    assert rows.loc["dies once", "status"] == rows.loc["lives", "status"] == "optimal"
    assert rows.loc["dies once", "cost"] == rows.loc["lives", "cost"]
    once, lives = result["dies once"].schedule, result["lives"].schedule
    assert once is not None and lives is not None and once.days == lives.days


@pytest.mark.slow
def test_a_worker_that_dies_twice_is_reported_in_its_row(died: tuple[SweepResult, Path]) -> None:
    """Killed twice: tried no third time, its row says why; the other scenarios still finish."""
    result, folder = died
    rows = result.frame
    assert _tries(folder, "dies twice") == 2
    assert _tries(folder, "lives") == 1
    assert rows.loc["dies twice", "status"] == "failed"
    assert "the worker process died (killed by SIGKILL" in rows.loc["dies twice", "reason"]
    assert "tried 2 times" in rows.loc["dies twice", "reason"]
    assert result["dies twice"].schedule is None
    assert not result.interrupted
    assert rows.loc["lives", "status"] == "optimal"


@pytest.mark.slow
def test_stopping_a_sweep_starts_no_worker_again(
    small_production: Production, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C kills the running solves; a solve killed so is not retried (the sweep stops at once)."""
    folder = _plan_deaths(tmp_path, monkeypatch, {"stuck": ("hang", 9)})

    def stop(*_: object) -> None:
        raise KeyboardInterrupt

    started = time.perf_counter()
    scenarios = [Scenario(name="quick"), Scenario(name="stuck")]
    result = sweep(
        small_production, scenarios, workers_per_solve=1, processes=2, params=PARAMS, progress=stop
    )
    assert time.perf_counter() - started < 30
    assert result.interrupted
    assert result["stuck"].status == "not run"
    assert _tries(folder, "stuck") == 1

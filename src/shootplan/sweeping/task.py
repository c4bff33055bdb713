"""One scenario's solve as a pure task: production JSON and scenario JSON in, outcome JSON out.

Every executor runs the same function, :func:`run_task`, on plain text and dicts, so a scenario
gives the same row on a laptop, a Dask worker or a Ray worker (with one CP-SAT worker per solve
and a seed, the search runs on CP-SAT's deterministic clock). Nothing in it touches a file.

The local executor runs it in a child Python (``python -m shootplan.sweeping.task``, the task on
stdin, the outcome on stdout): a child, not ``multiprocessing``, whose workers import the
caller's main script again (a script without a ``__main__`` guard would sweep twice).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

__all__ = ["run_task", "task_payload"]


def task_payload(
    production_json: str, scenario_json: str, *, workers: int, time_limit: float, seed: int
) -> dict[str, Any]:
    """The one argument of :func:`run_task`: text and numbers only, so any engine can ship it."""
    return {
        "production": production_json,
        "scenario": scenario_json,
        "workers": workers,
        "time_limit": time_limit,
        "seed": seed,
    }


def run_task(payload: dict[str, Any]) -> dict[str, Any]:
    """Solve one scenario; the outcome as JSON-ready data (a data error is an outcome, not a raise)."""
    # Imported here: a Dask or Ray worker unpickles this function before it needs the solver.
    from shootplan.errors import ShootplanError
    from shootplan.model import Production
    from shootplan.replanning.reasons import infeasible
    from shootplan.replanning.standins import score, with_weather
    from shootplan.solver import Status, solve
    from shootplan.sweeping.scenario import Scenario

    started = time.perf_counter()
    scenario = Scenario.model_validate_json(payload["scenario"])
    try:
        production, weather = scenario.posed(Production.model_validate_json(payload["production"]))
    except ShootplanError as error:
        return _outcome(scenario.name, "error", started, reasons=[str(error)])
    # Weather as a re-plan keeps it: a stand-in performer away on its dates, in every exterior.
    solving = with_weather(production, weather, set())
    result = solve(
        solving,
        time_limit=scenario.time_limit or payload["time_limit"],
        num_workers=payload["workers"],
        seed=payload["seed"] if scenario.seed is None else scenario.seed,
        explain=not weather,  # with weather, explained with the stand-in named for what it is
    )
    explanation = list(result.explanation)
    if weather and result.status is Status.INFEASIBLE:
        explanation = infeasible(solving, weather, production.calendar.start, set())
    evaluation = result.evaluation
    if weather and result.schedule is not None:
        evaluation = score(production, solving, result.schedule, weather)
    outcome = _outcome(
        scenario.name,
        result.status.value,
        started,
        reasons=[str(finding) for finding in explanation],
    )
    outcome.update(
        objective=result.objective,
        bound=result.bound,
        gap=result.gap,
        runtime=round(result.runtime, 3),
        method=result.method,
        metrics=evaluation.metrics() if evaluation is not None else {},
        schedule=result.schedule.model_dump(mode="json") if result.schedule is not None else None,
    )
    return outcome


def _outcome(name: str, status: str, started: float, *, reasons: list[str]) -> dict[str, Any]:
    return {
        "scenario": name,
        "status": status,
        "reasons": reasons,
        "objective": None,
        "bound": None,
        "gap": None,
        "runtime": round(time.perf_counter() - started, 3),
        "method": None,
        "metrics": {},
        "schedule": None,
        # The process's peak so far: in a child Python of its own, the solve's peak.
        "peak_memory_mb": _peak_memory_mb(),
    }


def _peak_memory_mb() -> float | None:
    """The process's peak resident memory so far, in MB (None where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Kilobytes on Linux, bytes on macOS.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main() -> None:
    """The child Python's entry: a payload on stdin, its outcome on stdout."""
    payload = json.loads(sys.stdin.read())
    outcome = run_task(payload)
    sys.stdout.write(json.dumps(outcome))
    sys.stdout.flush()


if __name__ == "__main__":
    main()

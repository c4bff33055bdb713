"""Scenario sweeps: many what-if solves of one production, on this machine or a cluster.

A producer's questions are trade-offs (one more shoot day, a later start, a sixth day a week, the
lead away a week): each is a full solve, and they are independent. CP-SAT itself does not spread
one solve over machines, so a sweep spreads the scenarios instead: :func:`sweep` turns each
:class:`Scenario` into one pure task (production JSON and scenario JSON in, outcome JSON out,
:mod:`~shootplan.sweeping.task`) and hands the tasks to an engine (:mod:`~shootplan.sweeping.engines`).

Determinism: with ``workers_per_solve=1`` and a seed, CP-SAT searches on its deterministic clock
(the time limit counts deterministic work, not seconds), so a scenario's row is the same on any
executor and any load; only the measured time and memory differ.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from shootplan.errors import ParameterError
from shootplan.model import Production
from shootplan.solver import SolveParams
from shootplan.sweeping.engines import ClusterError, engine_for
from shootplan.sweeping.result import ScenarioResult, SweepResult
from shootplan.sweeping.scenario import Scenario
from shootplan.sweeping.task import task_payload

__all__ = ["ClusterError", "Scenario", "ScenarioResult", "SweepResult", "sweep"]

logger = logging.getLogger("shootplan.sweep")


def sweep(
    production: Production,
    scenarios: Iterable[Scenario],
    *,
    executor: Any = None,
    workers_per_solve: int = 2,
    params: SolveParams | None = None,
    processes: int | None = None,
    progress: Callable[[ScenarioResult, int, int], None] | None = None,
) -> SweepResult:
    """Solve every scenario of ``production`` and gather the results, in the scenarios' order.

    Args:
        executor: where the solves run: None (child Pythons on this machine), any
            ``concurrent.futures.Executor``, a ``distributed.Client`` or ``"dask://host:8786"``,
            ``"ray"`` (a local Ray) or ``"ray://head:10001"``.
        workers_per_solve: CP-SAT workers of each solve, and the cores each task declares to the
            engine. 1 (with a seed) makes every row repeat exactly, on any executor.
        params: the time limit and seed of every scenario that sets none (default: 60 s, seed 0).
        processes: solves at once on this machine (default: cores / workers_per_solve).
        progress: called with each result as it finishes, the number done and the number of scenarios.

    Ctrl-C stops the sweep and returns what finished (``interrupted`` is True); the rest say
    ``"not run"``. A cluster that cannot be reached raises :class:`ClusterError`.
    """
    scenarios = list(scenarios)
    _check(scenarios, workers_per_solve)
    settings = params or SolveParams()
    production_json = production.model_dump_json()
    payloads = [
        task_payload(
            production_json,
            scenario.model_dump_json(),
            workers=workers_per_solve,
            time_limit=settings.time_limit,
            seed=settings.seed,
        )
        for scenario in scenarios
    ]
    engine = engine_for(executor, workers_per_solve=workers_per_solve, processes=processes)
    found: dict[int, ScenarioResult] = {}
    started = time.perf_counter()
    interrupted = False
    outcomes = engine(payloads)
    try:
        for n, outcome in outcomes:
            found[n] = ScenarioResult.from_outcome(scenarios[n], outcome)
            logger.info("scenario %s: %s", scenarios[n].name, found[n].status)
            if progress is not None:
                progress(found[n], len(found), len(scenarios))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        outcomes.close()
    results = tuple(found.get(n) or ScenarioResult(s, "not run") for n, s in enumerate(scenarios))
    return SweepResult(results, interrupted=interrupted, wall_time=time.perf_counter() - started)


def _check(scenarios: list[Scenario], workers_per_solve: int) -> None:
    if not all(isinstance(s, Scenario) for s in scenarios):
        raise ParameterError("sweep() takes Scenario objects: Scenario(name=..., days=...)")
    names = [s.name for s in scenarios]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ParameterError(f"scenario names must differ: {', '.join(repeated)} appear more than once")
    if workers_per_solve < 1:
        raise ParameterError(f"workers_per_solve must be at least 1, got {workers_per_solve}")

"""Neighbourhood search without the whole model, for productions too large to build it.

On 1,000 scenes over 290 candidate days the whole model has 400,000 variables and 1.7 million
constraints: building it in Python took most of a 60-s limit, CP-SAT's presolve copies of it
peaked near 5 GB, and each neighbourhood step cloned it again. Here each step builds the model of
the same production with the scenes' start days cut down instead: a scene left on the board keeps
only the day it is on, a freed scene only the days freed with it. That model keeps every rule and
every cost of the whole board (about 20,000 variables) and has the current board as a solution,
so a step never makes the board worse and its objective compares with every other step's.
"""

from __future__ import annotations

import dataclasses
import logging
import random
import time
from collections.abc import Callable, Collection, Mapping
from datetime import date

from ortools.sat.python import cp_model

from shootplan.evaluation import evaluate
from shootplan.solver.deterministic import deterministic_budget, seconds_of
from shootplan.solver.instance import Instance
from shootplan.solver.lns import Incumbent, days_of, neighbourhood
from shootplan.solver.model import ScheduleModel

__all__ = ["first_days", "improve_windowed", "pinned"]

logger = logging.getLogger("shootplan.solver")

# Wall time to build one variable or constraint of a step's model (measured: 15-23 us on
# 3,000-27,000-item models, 2026-12-05).
_BUILD_SECONDS_PER_ITEM = 2e-5
# And what a step costs whatever its size (the solver's start, the hint, reading the answer).
_STEP_SECONDS = 0.02


def first_days(instance: Instance, days: list[list[int]]) -> list[int] | None:
    """Each scene's first day on a board of day lists, or None when a scene is not on it."""
    day_of: dict[int, int] = {}
    for d, scenes in enumerate(days):
        for s in scenes:
            day_of.setdefault(s, d)
    if len(day_of) < len(instance.scenes):
        return None
    return [day_of[s] for s in range(len(instance.scenes))]


def pinned(instance: Instance, day_of: list[int], free: Collection[int] = ()) -> Instance:
    """``instance`` with every scene held to its start day in ``day_of``; a scene in ``free``
    may start on any of its candidate days that a freed scene occupies now."""
    open_days = {day_of[s] + i for s in free for i in range(instance.length[s])}
    starts = [
        [d for d in candidates if d in open_days] if s in free else [day_of[s]]
        for s, candidates in enumerate(instance.starts)
    ]
    return dataclasses.replace(instance, starts=starts)


def improve_windowed(
    instance: Instance,
    built: ScheduleModel,
    incumbent: Incumbent,
    *,
    churn: Mapping[str, tuple[date, float]] | None,
    time_limit: float,
    deterministic: bool,
    num_workers: int | Callable[[], int],
    seed: int,
    step_seconds: float,
    on_improvement: Callable[[ScheduleModel, Incumbent], None],
) -> tuple[ScheduleModel, Incumbent]:
    """Improve ``incumbent`` (an assignment of ``built``) until the (deterministic) time runs out.

    Returns the model of the last improvement and its assignment: the caller reads the schedule
    from them. ``num_workers`` CP-SAT workers per step.
    """
    rng = random.Random(seed)
    horizon = max(1, sum(incumbent.values[u.Index()] for u in built.variables.used))
    window = max(2, min(horizon, 4))
    spent = 0.0
    started = time.perf_counter()
    steps = improvements = 0
    build = 0.0  # wall time the last step's model took to build
    while True:
        remaining = time_limit - (spent if deterministic else time.perf_counter() - started)
        # A step that cannot solve after its build would only run past the limit.
        if remaining <= 0.05 or (not deterministic and remaining < build + 0.5):
            break
        building = time.perf_counter()
        v = built.variables
        day_of = days_of([{d: lit.Index() for d, lit in s.items()} for s in v.start], incumbent)
        free = neighbourhood(rng, v, day_of, incumbent, window, horizon)
        sub = ScheduleModel(pinned(instance, day_of, free), churn)
        sub.hint(built.extract(incumbent.values))
        build = time.perf_counter() - building
        size = len(sub.model.proto.variables) + len(sub.model.proto.constraints)
        logger.debug("step model: %d variables and constraints built in %.3f s", size, build)
        solver = cp_model.CpSolver()
        # A callable says how many cores the steps have now (a proof may be using one).
        solver.parameters.num_workers = num_workers() if callable(num_workers) else num_workers
        solver.parameters.catch_sigint_signal = False
        solver.parameters.random_seed = rng.randrange(1 << 30)
        if deterministic:
            solver.parameters.max_deterministic_time = deterministic_budget(min(remaining, step_seconds))
        else:
            # Building the step's model took time too: the solve gets what is left of the limit.
            left = time_limit - (time.perf_counter() - started)
            solver.parameters.max_time_in_seconds = max(0.05, min(left, step_seconds))
        status = solver.solve(sub.model)
        # One worker counts time by CP-SAT's deterministic clock, which does not see the Python
        # build; charged by the model's size, a run repeats exactly and lasts about its limit.
        spent += seconds_of(solver.deterministic_time) + _STEP_SECONDS + size * _BUILD_SECONDS_PER_ITEM
        steps += 1
        improved = (
            status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            and solver.objective_value < incumbent.objective - 1e-6
        )
        values = list(solver.response_proto.solution) if improved else []
        # The model's turnaround assumes a night wraps by dawn; the scorer times the day. A step
        # the scorer flags is not taken: the search must end on a board with no rule broken.
        if improved and not evaluate(instance.production, sub.schedule(values)).is_feasible:
            improved = False
            logger.debug("step rejected: the scorer finds a broken rule in its board")
        if improved:
            built, incumbent = sub, Incumbent(values, solver.objective_value)
            improvements += 1
            on_improvement(built, incumbent)
        # As the whole-model search: grow after quick proofs, shrink after fruitless time-outs.
        if status == cp_model.OPTIMAL:
            window = min(horizon, window + 1)
        elif not improved and window > 2:
            window -= 1
    logger.info("neighbourhood search on cut-down models: %d steps, %d improvements", steps, improvements)
    return built, incumbent

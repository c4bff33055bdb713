"""Large neighbourhood search around CP-SAT: re-board a few days, a person or two places at a time.

CP-SAT alone, on two cores, stalls on feature-size boards: the whole model is too large for its
search to reshuffle more than a handful of strips at once. An AD improves a board the same way
this does: keep most strips where they are, take a week (or everything one actor shoots, or two
locations) off the board and put it back better. Each step fixes every other strip's day in a copy
of the model and lets CP-SAT solve what is left, hinted with the current board, so a step never
makes the board worse. Neighbourhood size adapts: larger after quick proofs, smaller after time-outs.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from shootplan.solver.deterministic import deterministic_budget, seconds_of
from shootplan.solver.variables import Variables

__all__ = ["Incumbent", "days_of", "hint_assignment", "improve", "neighbourhood"]

logger = logging.getLogger("shootplan.solver")


@dataclass
class Incumbent:
    """The best full assignment found so far (values of every model variable) and its objective."""

    values: list[int]
    objective: float


def improve(
    model: cp_model.CpModel,
    v: Variables,
    incumbent: Incumbent,
    *,
    time_limit: float,
    deterministic: bool,
    num_workers: int | Callable[[], int],
    seed: int,
    step_seconds: float = 1.0,
    on_improvement: Callable[[Incumbent], None],
    should_stop: Callable[[], bool],
) -> Incumbent:
    """Improve ``incumbent`` by neighbourhood moves until the (deterministic) time runs out."""
    rng = random.Random(seed)
    start_index = [{d: lit.Index() for d, lit in starts.items()} for starts in v.start]
    horizon = max(1, _used_days(v, incumbent))
    window = max(2, min(horizon, 4))
    spent = 0.0
    started = time.perf_counter()
    steps = improvements = 0
    while not should_stop():
        elapsed = spent if deterministic else time.perf_counter() - started
        remaining = time_limit - elapsed
        if remaining <= 0.05:
            break
        day_of = days_of(start_index, incumbent)
        free = neighbourhood(rng, v, day_of, incumbent, window, horizon)
        sub = model.clone()
        for s, days in enumerate(start_index):
            if s in free:
                continue
            for d, index in days.items():
                value = 1 if d == day_of[s] else 0
                domain = sub.proto.variables[index].domain
                domain.clear()
                domain.extend([value, value])
        hint_assignment(sub, incumbent.values)
        solver = cp_model.CpSolver()
        step_limit = min(remaining, step_seconds)
        # A callable says how many cores the search has now (a proof may be using one).
        solver.parameters.num_workers = num_workers() if callable(num_workers) else num_workers
        solver.parameters.catch_sigint_signal = False
        solver.parameters.random_seed = rng.randrange(1 << 30)
        if deterministic:
            solver.parameters.max_deterministic_time = deterministic_budget(step_limit)
        else:
            solver.parameters.max_time_in_seconds = step_limit
        status = solver.solve(sub)
        spent += seconds_of(solver.deterministic_time)
        steps += 1
        improved = (
            status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            and solver.objective_value < incumbent.objective - 1e-6
        )
        if improved:
            incumbent = Incumbent(list(solver.response_proto.solution), solver.objective_value)
            improvements += 1
            on_improvement(incumbent)
        # Quick proofs mean the neighbourhood is easy: take more of the board next time; a step
        # that ran out of time without gain was too big.
        if status == cp_model.OPTIMAL:
            window = min(horizon, window + 1)
        elif not improved and window > 2:
            window -= 1
    logger.info("neighbourhood search: %d steps, %d improvements", steps, improvements)
    return incumbent


def hint_assignment(model: cp_model.CpModel, values: list[int]) -> None:
    """Hint every variable of ``model`` with a whole assignment of it (a schedule found before)."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)


def _used_days(v: Variables, incumbent: Incumbent) -> int:
    return sum(incumbent.values[u.Index()] for u in v.used)


def days_of(start_index: list[dict[int, int]], incumbent: Incumbent) -> list[int]:
    """Each scene's start day in ``incumbent`` (start literal indices per scene and day)."""
    days = []
    for starts in start_index:
        days.append(next((d for d, index in starts.items() if incumbent.values[index]), -1))
    return days


def neighbourhood(
    rng: random.Random,
    v: Variables,
    day_of: list[int],
    incumbent: Incumbent,
    window: int,
    horizon: int,
) -> set[int]:
    """Scenes to take off the board: a run of days, an actor's strips, or two locations' strips."""
    instance = v.instance
    kind = rng.random()
    scenes_on_days = _scenes_by_day(instance.length, day_of)
    if kind < 0.5:
        first = rng.randrange(max(1, horizon - window + 1))
        days = set(range(first, first + window))
        if rng.random() < 0.5:  # a second, distant run lets strips travel across the board
            other = rng.randrange(max(1, horizon - window + 1))
            days |= set(range(other, other + max(1, window // 2)))
        return {s for d in days for s in scenes_on_days.get(d, [])}
    if kind < 0.8 and v.hold:
        # An actor with hold days, chosen by what their holds cost: free their strips and the
        # strips of their hold days, so their work can close up.
        weights = []
        actors = list(v.hold)
        for cast_id in actors:
            holds = sum(incumbent.values[h.Index()] for h in v.hold[cast_id].values())
            weights.append(holds * instance.hold_rate(cast_id) + 1)
        cast_id = rng.choices(actors, weights)[0]
        free = set(instance.cast_scenes[cast_id])
        hold_days = [d for d, h in v.hold[cast_id].items() if incumbent.values[h.Index()]]
        for d in rng.sample(hold_days, min(len(hold_days), window)):
            free |= set(scenes_on_days.get(d, []))
        return free
    names = [n for n, scenes in instance.location_scenes.items() if scenes]
    chosen = rng.sample(names, min(2, len(names)))
    free = {s for n in chosen for s in instance.location_scenes[n]}
    days = {day_of[s] for s in free}
    for d in rng.sample(sorted(days), min(len(days), window)):
        free |= set(scenes_on_days.get(d, []))
    return free


def _scenes_by_day(length: list[int], day_of: list[int]) -> dict[int, list[int]]:
    by_day: dict[int, list[int]] = {}
    for s, d in enumerate(day_of):
        for i in range(length[s]):
            by_day.setdefault(d + i, []).append(s)
    return by_day

"""An exact method for the pure sequencing case: one scene per day, holds the only cost.

When no two scenes can share a day and nothing ties a scene to a date, a schedule is just an order
of scenes, and minimizing hold cost is the *talent scheduling problem* of the literature (Cheng,
Diamond & Lin 1993; de la Banda, Stuckey & Chu 2011). CP-SAT finds good orders but its bound is
weak there; this dynamic program over sets of scheduled scenes proves optimality.

Before the DP, exact reductions shrink the problem (de la Banda et al. 2011, section 3):
performers in a single scene or in every scene pay the same whatever the order and are dropped;
scenes with the same remaining cast are merged (an optimal order keeps them together); scenes
with no remaining cast go first at no cost. The DP then runs over ``2**n`` sets of merged scenes.

f(P) = least cost of shooting the set P first; adding scene s after P keeps on payroll, for
``dur(s)`` days, its own cast plus everyone who worked in P and still works after s.

When location returns or precedences also depend on the order, ``sequencing_dp`` solves it
instead, with only the reductions that stay exact there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from shootplan.model import Light, Production
from shootplan.profiles import MEAL_MINUTES
from shootplan.solver.instance import COST_SCALE
from shootplan.solver.sequencing_dp import solve_ordered
from shootplan.sun import sun_at

__all__ = [
    "MAX_SEQUENCING_SCENES",
    "SequencingProblem",
    "own_pay",
    "paid_spans",
    "sequencing_problem",
    "solve_sequencing",
    "total_cost",
    "work_days",
]

# 2**23 states in int64 arrays: about 70 MB per array, well inside a laptop's memory.
MAX_SEQUENCING_SCENES = 23
# What the holds-only DP holds at that limit: best, union, masks and layers (int64) and popcount
# (int8), 33 bytes a state, about 280 MB. The DP with returns and precedences keeps one best per
# location state, so it takes 2**n * (8 * locations + 25) bytes and stays within the same budget.
_DP_MEMORY = (1 << MAX_SEQUENCING_SCENES) * 33


@dataclass(frozen=True)
class SequencingProblem:
    """Scenes with durations (days) and cast; performers with a cost per paid day.

    With ``locations`` (each scene's location index) and ``return_costs`` (per location), leaving a
    location and coming back costs its return cost; ``precedences`` are (first, second) pairs of
    scene indices that must be shot in that order. Both default to none (talent scheduling).
    """

    durations: list[int]
    cast: list[frozenset[str]]
    rates: dict[str, int]
    locations: tuple[int, ...] = ()
    return_costs: tuple[int, ...] = ()
    precedences: tuple[tuple[int, int], ...] = ()

    @property
    def has_order_rules(self) -> bool:
        """Whether locations' returns or precedences matter besides the holds."""
        return bool(self.precedences) or any(self.return_costs)


def total_cost(problem: SequencingProblem, order: list[int]) -> int:
    """Cost of paying every performer from the start of their first scene to the end of the last,
    plus every return to a location already left."""
    return _hold_cost(problem, order) + _return_cost(problem, order)


def _return_cost(problem: SequencingProblem, order: list[int]) -> int:
    if not any(problem.return_costs):
        return 0
    visited: set[int] = set()
    previous, cost = -1, 0
    for scene in order:
        here = problem.locations[scene]
        if here != previous and here in visited:
            cost += problem.return_costs[here]
        visited.add(here)
        previous = here
    return cost


def _hold_cost(problem: SequencingProblem, order: list[int]) -> int:
    spans = paid_spans(problem, order)
    return sum(problem.rates.get(a, 0) * span for a, span in spans.items())


def paid_spans(problem: SequencingProblem, order: list[int]) -> dict[str, int]:
    """Each performer's days from the start of their first scene to the end of their last."""
    day = 0
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for scene in order:
        for actor in problem.cast[scene]:
            first.setdefault(actor, day)
            last[actor] = day + problem.durations[scene]
        day += problem.durations[scene]
    return {a: last[a] - first[a] for a in first}


def work_days(problem: SequencingProblem) -> dict[str, int]:
    """Each performer's own scene days: paid in every order, never a hold."""
    days: dict[str, int] = {}
    for duration, cast in zip(problem.durations, problem.cast, strict=True):
        for actor in cast:
            days[actor] = days.get(actor, 0) + duration
    return days


def own_pay(problem: SequencingProblem) -> int:
    """What the performers' own scene days cost: the part of :func:`total_cost` no order changes."""
    return sum(problem.rates.get(a, 0) * days for a, days in work_days(problem).items())


def solve_sequencing(problem: SequencingProblem) -> list[int] | None:
    """An optimal order of the scenes, or None when the reduced problem is too large for the DP
    (or its precedences allow no order)."""
    if problem.has_order_rules:
        return solve_ordered(problem, _DP_MEMORY)  # the reductions and the DP below know holds only
    groups, free = _reduce(problem)
    if len(groups) > MAX_SEQUENCING_SCENES:
        return None
    order = _dynamic_program(problem, groups)
    return free + [scene for group in order for scene in groups[group][0]]


def _reduce(problem: SequencingProblem) -> tuple[list[tuple[list[int], frozenset[str]]], list[int]]:
    """Merge scenes of equal relevant cast; return (groups of scenes with cast, cast-free scenes).

    The cast-free scenes come back in the order they must be shot, first of all: a scene freed in
    a later round still holds performers that were in every busy scene of an earlier round, so it
    must stay inside their span, after the scenes freed before it.
    """
    n = len(problem.durations)
    relevant = {a for a, rate in problem.rates.items() if rate > 0}
    cast = [problem.cast[i] & relevant for i in range(n)]
    free = [i for i in range(n) if not cast[i]]
    while True:
        counts: dict[str, int] = {}
        for members in cast:
            for actor in members:
                counts[actor] = counts.get(actor, 0) + 1
        busy = sum(1 for members in cast if members)
        # One scene only, or every scene still busy: the order cannot change their pay.
        constant = {a for a, k in counts.items() if k == 1 or k == busy}
        if not constant:
            break
        cast = [members - constant for members in cast]
        free += [i for i in range(n) if not cast[i] and i not in free]
    groups: dict[frozenset[str], list[int]] = {}
    for i in range(n):
        if cast[i]:
            groups.setdefault(cast[i], []).append(i)
    return [(scenes, members) for members, scenes in groups.items()], free


def _dynamic_program(problem: SequencingProblem, groups: list[tuple[list[int], frozenset[str]]]) -> list[int]:
    n = len(groups)
    if n == 0:
        return []
    actors = sorted({a for _, members in groups for a in members})
    bit = {a: i for i, a in enumerate(actors)}
    act = np.array([sum(1 << bit[a] for a in members) for _, members in groups], dtype=np.int64)
    dur = np.array([sum(problem.durations[s] for s in scenes) for scenes, _ in groups], dtype=np.int64)
    rate = np.array([problem.rates[a] for a in actors], dtype=np.int64)
    full = (1 << n) - 1
    size = 1 << n
    # union[mask]: performers in the scenes of mask, built one bit at a time.
    union = np.zeros(size, dtype=np.int64)
    for i in range(n):
        union[1 << i : 1 << (i + 1)] = union[: 1 << i] | act[i]

    def payroll_cost(mask: np.ndarray) -> np.ndarray:
        cost = np.zeros(mask.shape, dtype=np.int64)
        for j in range(len(actors)):
            cost += ((mask >> j) & 1) * rate[j]
        return cost

    best = np.full(size, np.iinfo(np.int64).max // 4, dtype=np.int64)
    best[0] = 0
    masks = np.arange(size, dtype=np.int64)
    popcount = np.zeros(size, dtype=np.int8)
    for i in range(n):
        popcount += ((masks >> i) & 1).astype(np.int8)
    layers = [masks[popcount == k] for k in range(n + 1)]

    def step_cost(before: np.ndarray, scene: int) -> np.ndarray:
        after = before | (1 << scene)
        on_payroll = act[scene] | (union[before] & union[full ^ after])
        result: np.ndarray = dur[scene] * payroll_cost(on_payroll)
        return result

    for k in range(n):
        layer = layers[k]
        for scene in range(n):
            before = layer[(layer >> scene) & 1 == 0]
            if before.size == 0:
                continue
            after = before | (1 << scene)
            candidate = best[before] + step_cost(before, scene)
            best[after] = np.minimum(best[after], candidate)
    # Walk back from the full set: the last scene is one whose removal explains the optimum.
    order: list[int] = []
    mask = full
    while mask:
        for scene in range(n):
            if mask >> scene & 1:
                before = np.array([mask ^ (1 << scene)], dtype=np.int64)
                if best[before[0]] + int(step_cost(before, scene)[0]) == best[mask]:
                    order.append(scene)
                    mask = int(before[0])
                    break
    return order[::-1]


def sequencing_problem(production: Production) -> SequencingProblem | None:
    """The production as a sequencing problem (holds, returns, precedences), or None when the order
    of the scenes is not all that matters."""
    if not _is_pure_sequencing(production):
        return None
    rates = {c.id: round(production.hold_day_cost(c.id) * COST_SCALE) for c in production.cast if c.holds}
    names = [loc.name for loc in production.locations]
    index = {number: i for i, number in enumerate(s.number for s in production.scenes)}
    return SequencingProblem(
        durations=[production.days_needed(s) for s in production.scenes],
        cast=[frozenset(s.cast) for s in production.scenes],
        rates=rates,
        locations=tuple(names.index(s.location) for s in production.scenes),
        return_costs=tuple(round(production.return_cost(n) * COST_SCALE) for n in names)
        if _returns_possible(production)
        else (),
        precedences=tuple((index[a], index[b]) for a, b in production.rules.precedences),
    )


def _is_pure_sequencing(production: Production) -> bool:
    """One scene per day, nothing tied to dates: the order is all that matters (holds, returns)."""
    rules = production.rules
    singles = sorted(
        (s.eighths, rules.scene_minutes(s)) for s in production.scenes if production.days_needed(s) == 1
    )
    if len(singles) >= 2:
        smallest_pages = singles[0][0] + singles[1][0]
        smallest_minutes = sum(sorted(m for _, m in singles)[:2])
        pages_block = smallest_pages > rules.max_eighths_per_day
        minutes_block = rules.max_minutes_per_day is not None and smallest_minutes > rules.max_minutes_per_day
        if not (pages_block or minutes_block):
            return False
    total_days = sum(production.days_needed(s) for s in production.scenes)
    if rules.max_shoot_days is not None and rules.max_shoot_days < total_days:
        return False
    if rules.same_day:
        return False
    if any(s.earliest or s.latest or s.pinned for s in production.scenes):
        return False
    if any(c.unavailable or (c.drop_pickup and c.max_drops > 0) for c in production.cast):
        return False
    if any(loc.windows or loc.unavailable for loc in production.locations):
        return False
    # The sequence model knows neither the light nor the turnaround: with one scene a day, each
    # exterior must fit its light on every date, and without a turnaround rule nights may follow
    # days in any order.
    if rules.turnaround.value != "none" and any(s.needs_dark for s in production.scenes):
        return False
    return _fits_its_light(production, total_days)


def _fits_its_light(production: Production, total_days: int) -> bool:
    """Every exterior, alone on a day, fits the light of every date of the shoot."""
    lit = [s for s in production.scenes if s.required_light is not Light.ANY]
    dates = production.calendar.shoot_dates(total_days) if lit else []
    for scene in lit:
        share = -(-production.rules.scene_minutes(scene) // production.days_needed(scene))
        minutes = share + MEAL_MINUTES  # the meal is kept out of the light, as the solver keeps it
        for day in dates:
            sun = sun_at(production, scene.location, day)
            room = sun.daylight_minutes if scene.needs_daylight else sun.darkness_minutes
            if minutes > room:
                return False
    return True


def _returns_possible(production: Production) -> bool:
    """Whether the order can leave a location and come back to it at a cost."""
    scenes_at = Counter(s.location for s in production.scenes)
    return len(scenes_at) > 1 and any(
        count > 1 and production.return_cost(name) > 0 for name, count in scenes_at.items()
    )

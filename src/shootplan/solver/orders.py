"""Annealing over shooting orders, for productions where the order is all that matters.

When no two scenes share a day and nothing ties a scene to a date (a :class:`SequencingProblem`:
the talent-scheduling and movie-shoot-scheduling shape), a schedule is an order of scenes. The
day-indexed CP-SAT model grows with scenes times days (870 days on the largest public instance)
and the exact dynamic program with 2**scenes; an order search grows with neither.

Each step takes a block of consecutive strips off the order (one strip, a few, or a whole run at
one location, as an AD moves strips on a board) and prices putting it back at *every* position at
once, with numpy: a performer's span grows by the block's days when the block lands inside it,
and a location gains or saves a return by the block's neighbours. The new position is drawn with
probability ``exp(-delta / T)`` among the positions the precedences allow (heat-bath annealing),
with T cooling geometrically over the time: early steps wander, late steps are a best-insertion
descent. The best order seen is kept.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from shootplan.solver.sequencing import SequencingProblem, total_cost

__all__ = ["anneal_order", "first_order"]

# Steps per second of a time limit when the run must repeat exactly (one worker): about what this
# machine does in a second on a 300-scene instance, so a deterministic run lasts about as long.
_STEPS_PER_SECOND = 1500
# The last temperature as a share of the first: the search ends as a descent.
_FINAL_SHARE = 1e-4
# Coolings per run (see anneal_order).
_CYCLES = 12


@dataclass
class _Arrays:
    """The problem as numpy arrays, built once."""

    durations: np.ndarray  # per scene
    locations: np.ndarray  # per scene
    presence: np.ndarray  # actors x scenes, bool
    rates: np.ndarray  # per actor
    return_costs: np.ndarray  # per location
    before: list[list[int]]  # scenes each scene must follow
    after: list[list[int]]  # scenes each scene must precede

    @classmethod
    def of(cls, problem: SequencingProblem) -> _Arrays:
        n = len(problem.durations)
        actors = sorted(a for a, rate in problem.rates.items() if rate > 0)
        presence = np.array([[a in problem.cast[s] for s in range(n)] for a in actors], dtype=bool)
        locations = np.array(problem.locations or [0] * n, dtype=np.int64)
        costs = np.array(problem.return_costs or [0] * (int(locations.max(initial=0)) + 1), dtype=np.int64)
        before: list[list[int]] = [[] for _ in range(n)]
        after: list[list[int]] = [[] for _ in range(n)]
        for first, second in problem.precedences:
            before[second].append(first)
            after[first].append(second)
        durations = np.array(problem.durations, dtype=np.int64)
        presence = presence.reshape(len(actors), n)
        rates = np.array([problem.rates[a] for a in actors], dtype=np.int64)
        return cls(durations, locations, presence, rates, costs, before, after)


def first_order(problem: SequencingProblem) -> list[int]:
    """A sensible order to start from: precedences kept, each location shot out before the next."""
    return _first_order(_Arrays.of(problem))


def _first_order(arrays: _Arrays) -> list[int]:
    n = len(arrays.durations)
    waiting = [len(b) for b in arrays.before]
    ready = [s for s in range(n) if not waiting[s]]
    order: list[int] = []
    here = -1
    while ready:
        # Stay where the unit is while it can; else go where the most strips are ready.
        at_here = [s for s in ready if arrays.locations[s] == here]
        if at_here:
            scene = at_here[0]
        else:
            counts: dict[int, int] = {}
            for s in ready:
                counts[int(arrays.locations[s])] = counts.get(int(arrays.locations[s]), 0) + 1
            here = max(counts, key=lambda loc: (counts[loc], -loc))
            scene = next(s for s in ready if arrays.locations[s] == here)
        ready.remove(scene)
        order.append(scene)
        for later in arrays.after[scene]:
            waiting[later] -= 1
            if not waiting[later]:
                ready.append(later)
    if len(order) < n:
        raise ValueError("the precedences form a cycle")
    return order


def anneal_order(
    problem: SequencingProblem,
    *,
    time_limit: float,
    seed: int,
    deterministic: bool,
    initial: list[int] | None = None,
    on_improvement: Callable[[list[int], int], None] | None = None,
) -> tuple[list[int], int]:
    """The cheapest order found in ``time_limit`` seconds (steps, when ``deterministic``), its cost."""
    arrays = _Arrays.of(problem)
    rng = random.Random(seed)
    order = np.array(initial if initial is not None else _first_order(arrays), dtype=np.int64)
    cost = total_cost(problem, order.tolist())
    best, best_cost = order.copy(), cost
    if len(order) < 2:
        return best.tolist(), best_cost
    budget = _Budget(time_limit, deterministic)
    temperature = _first_temperature(arrays, order, rng)
    cycle = 0
    while (progress := budget.progress()) < 1.0:
        # Several coolings, each from the best order so far: a run stuck in a poor valley
        # at the end of one cooling gets another chance.
        if int(progress * _CYCLES) > cycle:
            cycle = int(progress * _CYCLES)
            order, cost = best.copy(), best_cost
        t = temperature * _FINAL_SHARE ** (progress * _CYCLES - cycle)
        order, cost = _step(arrays, order, cost, rng, t)
        if cost < best_cost:
            best, best_cost = order.copy(), cost
            if on_improvement is not None:
                on_improvement(best.tolist(), best_cost)
    return best.tolist(), best_cost


class _Budget:
    """How far through its time (or, deterministic, its steps) the search is: 0 to 1."""

    def __init__(self, time_limit: float, deterministic: bool) -> None:
        self.steps = 0
        self.total_steps = max(1, round(time_limit * _STEPS_PER_SECOND)) if deterministic else None
        self.started = time.perf_counter()
        self.time_limit = max(time_limit, 1e-3)
        self.last = 0.0

    def progress(self) -> float:
        self.steps += 1
        if self.total_steps is not None:
            return self.steps / self.total_steps
        if self.steps % 16 == 1:  # the clock is read now and then: it costs as much as a step
            self.last = (time.perf_counter() - self.started) / self.time_limit
        return self.last


def _first_temperature(arrays: _Arrays, order: np.ndarray, rng: random.Random) -> float:
    """A temperature at which a typical worsening re-insertion is taken about one time in three."""
    rises: list[float] = []
    for _ in range(30):
        costs, allowed, _, _ = _insertions(arrays, order, *_block(arrays, order, rng))
        worse = costs[allowed] - costs[allowed].min()
        worse = worse[worse > 0]
        if worse.size:
            rises.append(float(np.median(worse)))
    return max(float(np.median(rises)) if rises else 1.0, 1.0)


def _block(arrays: _Arrays, order: np.ndarray, rng: random.Random) -> tuple[int, int]:
    """A block of consecutive strips to move: one, a few, or the whole location run of one."""
    n = len(order)
    first = rng.randrange(n)
    kind = rng.random()
    if kind < 0.5:
        return first, first + 1
    if kind < 0.8:
        # Never the whole order: there would be nowhere else to put it.
        return first, min(n, first + 1 + int(rng.expovariate(1 / 4)), first + n - 1)
    where = arrays.locations[order]
    start = end = first
    while start > 0 and where[start - 1] == where[first]:
        start -= 1
    while end + 1 < n and where[end + 1] == where[first]:
        end += 1
    if end - start + 1 == n:
        return first, first + 1
    return start, end + 1


def _step(
    arrays: _Arrays, order: np.ndarray, cost: int, rng: random.Random, temperature: float
) -> tuple[np.ndarray, int]:
    """Take a block off and put it back where a heat-bath draw says; the new order and its cost."""
    first, end = _block(arrays, order, rng)
    costs, allowed, rest, block = _insertions(arrays, order, first, end)
    candidates = np.flatnonzero(allowed)
    chosen = costs[candidates]
    weights = np.exp(-(chosen - chosen.min()) / temperature)
    pick = rng.random() * float(weights.sum())
    index = min(int(np.searchsorted(np.cumsum(weights), pick)), len(candidates) - 1)
    j = int(candidates[index])
    new_order = np.concatenate((rest[:j], block, rest[j:]))
    return new_order, int(costs[j])


def _insertions(
    arrays: _Arrays, order: np.ndarray, first: int, end: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The cost of the order with ``order[first:end]`` moved to each position of the rest.

    Returns (cost per position 0..len(rest), which positions the precedences allow, rest, block).
    """
    block = order[first:end]
    rest = np.concatenate((order[:first], order[end:]))
    holds = _hold_costs(arrays, rest, block)
    returns = _return_costs(arrays, rest, block)
    return holds + returns, _allowed(arrays, rest, block), rest, block


def _hold_costs(arrays: _Arrays, rest: np.ndarray, block: np.ndarray) -> np.ndarray:
    """Each performer's paid span (first to last day, their own days included, as
    :func:`total_cost` counts it), summed at rates, for the block at each position of the rest."""
    m = len(rest)
    durations = arrays.durations[rest]
    ends = np.cumsum(durations)
    starts = ends - durations
    at = np.concatenate((starts, ends[-1:] if m else np.zeros(1, dtype=np.int64)))  # block's start
    positions = np.arange(m + 1)
    block_days = int(arrays.durations[block].sum())
    in_rest = arrays.presence[:, rest]
    in_block = arrays.presence[:, block]
    has_rest = in_rest.any(axis=1)
    has_block = in_block.any(axis=1)
    first_pos = in_rest.argmax(axis=1)
    last_pos = m - 1 - in_rest[:, ::-1].argmax(axis=1) if m else first_pos
    first_start = starts[first_pos] if m else np.zeros_like(first_pos)
    last_end = ends[last_pos] if m else np.zeros_like(first_pos)
    # Within the block: each performer's first start and last end, as offsets from its start.
    b_durations = arrays.durations[block]
    b_ends = np.cumsum(b_durations)
    b_first = (b_ends - b_durations)[in_block.argmax(axis=1)]
    b_last = b_ends[len(block) - 1 - in_block[:, ::-1].argmax(axis=1)]
    total = np.zeros(m + 1, dtype=np.int64)
    only_rest = has_rest & ~has_block
    if only_rest.any():
        inside = (positions > first_pos[only_rest, None]) & (positions <= last_pos[only_rest, None])
        spans = (last_end - first_start)[only_rest, None] + block_days * inside
        total += arrays.rates[only_rest] @ spans
    only_block = has_block & ~has_rest
    total += int(arrays.rates[only_block] @ (b_last - b_first)[only_block])
    both = has_rest & has_block
    if both.any():
        shifted_first = first_start[both, None] + block_days * (first_pos[both, None] >= positions)
        shifted_last = last_end[both, None] + block_days * (last_pos[both, None] >= positions)
        lo = np.minimum(shifted_first, at + b_first[both, None])
        hi = np.maximum(shifted_last, at + b_last[both, None])
        total += arrays.rates[both] @ (hi - lo)
    return total


def _return_costs(arrays: _Arrays, rest: np.ndarray, block: np.ndarray) -> np.ndarray:
    """What the returns to locations cost with the block at each position of the rest."""
    costs = arrays.return_costs
    m = len(rest)
    if not costs.any():
        return np.zeros(m + 1, dtype=np.int64)
    where = arrays.locations[rest]
    b_where = arrays.locations[block]
    runs = np.bincount(_run_starts(where), minlength=len(costs)) + np.bincount(
        _run_starts(b_where), minlength=len(costs)
    )
    base = int(costs @ np.maximum(runs - 1, 0))
    # The block's neighbours at each position: -1 where there is none.
    before = np.concatenate(([-1], where))
    after = np.concatenate((where, [-1]))
    joined_before = before == b_where[0]
    joined_after = after == b_where[-1]
    split = (before == after) & (before >= 0)
    adjust = -costs[b_where[0]] * joined_before - costs[b_where[-1]] * joined_after
    adjust = adjust + np.where(split, costs[np.maximum(before, 0)], 0)
    result: np.ndarray = base + adjust
    return result


def _run_starts(where: np.ndarray) -> np.ndarray:
    """The location of each run of consecutive strips at one location."""
    if not len(where):
        return where
    return where[np.concatenate(([True], where[1:] != where[:-1]))]


def _allowed(arrays: _Arrays, rest: np.ndarray, block: np.ndarray) -> np.ndarray:
    """Positions of the rest where the block keeps every precedence."""
    m = len(rest)
    allowed = np.ones(m + 1, dtype=bool)
    if not any(arrays.before[s] or arrays.after[s] for s in block.tolist()):
        return allowed
    position = {int(s): i for i, s in enumerate(rest.tolist())}
    lowest, highest = 0, m
    for scene in block.tolist():
        for earlier in arrays.before[scene]:
            if earlier in position:
                lowest = max(lowest, position[earlier] + 1)
        for later in arrays.after[scene]:
            if later in position:
                highest = min(highest, position[later])
    allowed[:lowest] = False
    allowed[highest + 1 :] = False
    return allowed

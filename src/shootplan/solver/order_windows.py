"""Exact polish of a shooting order, a window of consecutive scenes at a time.

Annealing moves one block at a time; it rarely finds a better order that needs several scenes of a
stretch to change places together. The dynamic program of :mod:`sequencing_dp` finds the best order
of a dozen scenes in milliseconds, so each window of the order is re-solved exactly with the rest
held still.

The rest of the order enters the window's problem as two scenes of no duration, one pinned first
and one pinned last (by precedences):
- the one before carries every performer of the window who already worked before it, at the
  location of the scene just before the window; the one after carries every performer who works
  again after it, at the location of the scene just after.
So a performer's paid span inside the window is what it is in the whole order, and the window's
location runs join their neighbours' as they do in the whole order. Every other cost is the same
for every order of the window: performers absent from the window, or present on both sides, pay
the whole window anyway, and a location's runs outside the window do not change. The window's
best order is therefore the best order of those scenes in place.
"""

from __future__ import annotations

from shootplan.solver.sequencing import SequencingProblem, total_cost
from shootplan.solver.sequencing_dp import solve_ordered

__all__ = ["polish_windows", "window_problem"]

# 2**(width + 2) states, one int64 per location state: a few MB for a window of 12.
_MEMORY = 64 << 20


def polish_windows(problem: SequencingProblem, order: list[int], width: int, stride: int) -> tuple[list[int], int]:
    """The order with each window of ``width`` scenes (every ``stride``) re-ordered at its best;
    its cost. Never costs more than ``order``."""
    cost = total_cost(problem, order)
    if len(order) <= 1:
        return order, cost
    width = min(width, len(order))
    for start in range(0, max(1, len(order) - width + stride), stride):
        start = min(start, len(order) - width)
        window = order[start : start + width]
        best = solve_ordered(window_problem(problem, order, start, width), _MEMORY)
        if best is None:
            continue
        candidate = order[:start] + [window[i] for i in best if i < width] + order[start + width :]
        candidate_cost = total_cost(problem, candidate)
        if candidate_cost < cost:
            order, cost = candidate, candidate_cost
    return order, cost


def window_problem(problem: SequencingProblem, order: list[int], start: int, width: int) -> SequencingProblem:
    """The scenes ``order[start:start + width]`` as a problem of their own (indices 0..width-1),
    with the rest of the order as a scene of no duration pinned first (index width) and one pinned
    last (index width + 1)."""
    window = order[start : start + width]
    inside = set(window)
    acting = frozenset().union(*(problem.cast[s] for s in window))
    before = frozenset().union(*(problem.cast[s] for s in order[:start])) & acting
    after = frozenset().union(*(problem.cast[s] for s in order[start + width :])) & acting
    position = {scene: i for i, scene in enumerate(window)}
    first, last = width, width + 1
    precedences = [(position[a], position[b]) for a, b in problem.precedences if a in inside and b in inside]
    precedences += [(first, i) for i in range(width)] + [(i, last) for i in range(width)] + [(first, last)]
    locations: tuple[int, ...] = ()
    return_costs = problem.return_costs
    if problem.locations:
        # With nothing before (after) the window, the pinned scene is nowhere: a location whose
        # returns cost nothing, so it joins no run of the window's.
        nowhere = len(return_costs)
        ahead = problem.locations[order[start - 1]] if start > 0 else nowhere
        behind = problem.locations[order[start + width]] if start + width < len(order) else nowhere
        locations = (*(problem.locations[s] for s in window), ahead, behind)
        return_costs = (*return_costs, 0)
    return SequencingProblem(
        durations=[problem.durations[s] for s in window] + [0, 0],
        cast=[problem.cast[s] for s in window] + [before, after],
        rates=problem.rates,
        locations=locations,
        return_costs=return_costs,
        precedences=tuple(precedences),
    )

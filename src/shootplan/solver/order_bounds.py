"""A lower bound on the holds of any order: performers in small groups, each group solved exactly.

Take any order of all scenes and keep only the scenes of a group of performers: their spans can
only shrink (the other scenes' days drop out between), and every precedence that held still
holds. So the group's best order on its own scenes, holds only, costs no more than the group's
holds in any full order; over groups that share no performer the sums add up. Each group is
small enough for the dynamic program (:func:`solve_sequencing`) to prove its best order.

The groups are grown greedily: from the costliest performer not yet grouped, add whoever raises
the group's own optimum the most, while the group stays small enough to prove quickly.
"""

from __future__ import annotations

from dataclasses import dataclass

from shootplan.solver.sequencing import SequencingProblem, own_pay, solve_sequencing, total_cost, work_days

__all__ = ["GroupBound", "group_hold_bound"]

# Largest group and most kinds of scene (distinct casts) a group's dynamic program may see:
# 2**12 states take a few milliseconds, so the greedy growth stays within its budget.
_GROUP_SIZE = 6
_SCENE_KINDS = 16
# How many partners of the group (those who share most scenes with it) each growth step tries.
_CANDIDATES = 6


@dataclass(frozen=True)
class GroupBound:
    """The holds no order avoids (scaled cost), and the groups that carry them with their share."""

    value: int
    groups: tuple[tuple[tuple[str, ...], int], ...]


def group_hold_bound(problem: SequencingProblem, *, tries: int = 120) -> GroupBound:
    """The sum over disjoint groups of performers of each group's least hold cost on its own.

    ``tries`` caps the groups solved exactly (a count, not a clock, so the bound repeats exactly):
    120 take about 3 s on movie300's 40 performers.
    """
    budget = _Tries(tries)
    days = work_days(problem)
    # The costliest first: their groups carry most of the bound.
    free = sorted(
        (a for a, rate in problem.rates.items() if rate > 0), key=lambda a: -problem.rates[a] * days.get(a, 0)
    )
    groups: list[tuple[tuple[str, ...], int]] = []
    while free and budget.left:
        group, value = _grow(problem, free[0], free, budget)
        for actor in group:
            free.remove(actor)
        if value > 0:
            groups.append((tuple(group), value))
    return GroupBound(sum(v for _, v in groups), tuple(groups))


class _Tries:
    def __init__(self, tries: int) -> None:
        self.left = tries

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _grow(problem: SequencingProblem, seed: str, free: list[str], budget: _Tries) -> tuple[list[str], int]:
    """A group around ``seed``: add the partner that raises its own optimum most, while any does."""
    group, value = [seed], 0
    while len(group) < _GROUP_SIZE and budget.left > 0:
        best: tuple[int, str] | None = None
        for partner in _partners(problem, group, free):
            if not budget.take():
                break
            candidate = _holds_alone(problem, [*group, partner])
            if candidate is not None and (best is None or candidate > best[0]):
                best = (candidate, partner)
        if best is None or (best[0] <= value and len(group) > 1):
            break
        value, group = best[0], [*group, best[1]]
    return group, value


def _partners(problem: SequencingProblem, group: list[str], free: list[str]) -> list[str]:
    """The free performers who share the most scene days with the group."""
    members = set(group)
    shared: dict[str, int] = {}
    for scene, cast in enumerate(problem.cast):
        if cast & members:
            for actor in cast:
                if actor in free and actor not in members:
                    shared[actor] = shared.get(actor, 0) + problem.durations[scene]
    return sorted(shared, key=lambda a: -shared[a] * problem.rates[a])[:_CANDIDATES]


def _holds_alone(problem: SequencingProblem, group: list[str]) -> int | None:
    """The group's least hold cost over orders of its own scenes (None: too many kinds of scene)."""
    members = frozenset(group)
    scenes = [s for s, cast in enumerate(problem.cast) if cast & members]
    if len({problem.cast[s] & members for s in scenes}) > _SCENE_KINDS:
        return None
    alone = SequencingProblem(
        durations=[problem.durations[s] for s in scenes],
        cast=[problem.cast[s] & members for s in scenes],
        rates={a: problem.rates[a] for a in group},
    )
    order = solve_sequencing(alone)
    if order is None:
        return None
    return total_cost(alone, order) - own_pay(alone)

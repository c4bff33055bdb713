"""The exact sequencing DP when the order has rules besides holds: location returns, precedences.

The state is (set of scheduled scenes, where the last one was): a scene may join a set only when
every scene that must precede it is already in the set, and arriving at a location the set has
already been to, from elsewhere, costs that location's return cost. Locations whose returns cost
nothing share one "elsewhere" state, since being last there changes no later cost.

Only reductions that stay exact with returns and precedences are used:
- a performer paid at a rate in a single scene, or in every scene, costs the same in any order and
  is dropped (one round only: the holds-only DP's later rounds lean on cast-free scenes going
  first, which a location or a precedence can forbid);
- scenes with the same remaining cast at the same location, neither in any precedence, are merged.
  For two such scenes s and t with others between them, moving t just after s, or s just before t,
  changes the holds of the performers not in their cast by ``dur(t) * (a - b)`` and
  ``dur(s) * (b - a)`` for the same a and b, so one of the two moves costs no more in holds; their
  own cast's spans can only shrink; and neither move adds a visit to any location (the moved scene
  joins its twin's visit, and taking it out can only join its neighbours). Only pairs involving
  the moved scene change order, so with no precedence on either, every precedence still holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from shootplan.solver.sequencing import SequencingProblem

__all__ = ["solve_ordered"]

_INF = np.iinfo(np.int64).max // 4
_CHUNK = 12  # performers per payroll lookup table (4,096 entries each)


@dataclass(frozen=True)
class _Groups:
    """Merged scenes as the DP sees them; a group's bit is its index."""

    scenes: list[list[int]]
    act: list[int]  # bit mask of each group's remaining performers
    dur: list[int]
    rates: list[int]  # per performer bit
    place: list[int]  # each group's location state
    fee: list[int]  # return cost per location state (0 for the shared "elsewhere" state)
    need: list[int]  # bit mask of the groups that must come before each group

    @property
    def at_place(self) -> list[int]:
        """Bit mask of the groups at each location state."""
        masks = [0] * len(self.fee)
        for g, p in enumerate(self.place):
            masks[p] |= 1 << g
        return masks


def solve_ordered(problem: SequencingProblem, memory: int) -> list[int] | None:
    """An optimal order respecting the precedences, or None when the DP would need more than
    ``memory`` bytes or the precedences allow no order."""
    groups = _group(problem)
    n, places = len(groups.scenes), len(groups.fee)
    # best (one int64 per state and location) + union, masks, layers (int64) + popcount (int8).
    if (1 << n) * (8 * places + 25) > memory:
        return None
    table = _Table(groups)
    table.run()
    order = table.walk_back()
    if order is None:
        return None
    return [scene for g in order for scene in groups.scenes[g]]


def _group(problem: SequencingProblem) -> _Groups:
    n = len(problem.durations)
    relevant = {a for a, rate in problem.rates.items() if rate > 0}
    counts = Counter(a for members in problem.cast for a in members & relevant)
    kept = sorted(a for a, k in counts.items() if 1 < k < n)
    bit = {a: i for i, a in enumerate(kept)}
    fees = problem.return_costs or (0,) * (max(problem.locations, default=-1) + 1)
    located = any(fees)
    bound = {s for pair in problem.precedences for s in pair}
    keyed: dict[object, list[int]] = {}
    for s in range(n):
        cast = frozenset(bit[a] for a in problem.cast[s] if a in bit)
        key = ("alone", s) if s in bound else (cast, problem.locations[s] if located else None)
        keyed.setdefault(key, []).append(s)
    scenes = list(keyed.values())
    # Costly locations get a state each; the free ones share the last state.
    states: dict[int, int] = {}
    for members in scenes:
        loc = problem.locations[members[0]] if located else -1
        if loc >= 0 and fees[loc] > 0:
            states.setdefault(loc, len(states))
    elsewhere = len(states)

    def place(members: list[int]) -> int:
        loc = problem.locations[members[0]] if located else -1
        return states.get(loc, elsewhere)

    group_of = {s: g for g, members in enumerate(scenes) for s in members}
    need = [0] * len(scenes)
    for first, second in problem.precedences:
        need[group_of[second]] |= 1 << group_of[first]
    places = [place(members) for members in scenes]
    fee = [fees[loc] for loc in states] + ([0] if elsewhere in places else [])
    return _Groups(
        scenes=scenes,
        act=[sum(1 << bit[a] for a in problem.cast[m[0]] if a in bit) for m in scenes],
        dur=[sum(problem.durations[s] for s in m) for m in scenes],
        rates=[problem.rates[a] for a in kept],
        place=places,
        fee=fee,
        need=need,
    )


class _Table:
    """best[p, mask]: least cost of shooting the groups of mask first, the last at state p."""

    def __init__(self, groups: _Groups) -> None:
        self.g = groups
        n = len(groups.scenes)
        self.full = (1 << n) - 1
        size = 1 << n
        # union[mask]: performers in the groups of mask, built one bit at a time.
        self.union = np.zeros(size, dtype=np.int64)
        for i in range(n):
            self.union[1 << i : 1 << (i + 1)] = self.union[: 1 << i] | groups.act[i]
        masks = np.arange(size, dtype=np.int64)
        popcount = np.zeros(size, dtype=np.int8)
        for i in range(n):
            popcount += ((masks >> i) & 1).astype(np.int8)
        self.layers = [masks[popcount == k] for k in range(n + 1)]
        del masks, popcount
        self.best = np.full((len(groups.fee), size), _INF, dtype=np.int64)
        self.best[:, 0] = 0
        self.at_place = groups.at_place
        # payroll of a set of performers as a sum of lookups, _CHUNK performers at a time.
        self.payroll_tables = []
        for start in range(0, len(groups.rates), _CHUNK):
            rates = groups.rates[start : start + _CHUNK]
            table = np.zeros(1 << len(rates), dtype=np.int64)
            for j, rate in enumerate(rates):
                table[1 << j : 1 << (j + 1)] = table[: 1 << j] + rate
            self.payroll_tables.append(table)

    def step_cost(self, before: np.ndarray, g: int) -> np.ndarray:
        """Holds paid while group g is shot after the groups of ``before``."""
        after = before | (1 << g)
        on_payroll = self.g.act[g] | (self.union[before] & self.union[self.full ^ after])
        cost = np.zeros(before.shape, dtype=np.int64)
        for k, table in enumerate(self.payroll_tables):
            cost += table[(on_payroll >> (k * _CHUNK)) & ((1 << _CHUNK) - 1)]
        result: np.ndarray = self.g.dur[g] * cost
        return result

    def run(self) -> None:
        g = self.g
        for k in range(len(g.scenes)):
            layer = self.layers[k]
            cheapest = self.best[:, layer].min(axis=0)
            alive = cheapest < _INF
            layer, cheapest = layer[alive], cheapest[alive]
            for s in range(len(g.scenes)):
                fits = ((layer >> s) & 1 == 0) & ((layer & g.need[s]) == g.need[s])
                before = layer[fits]
                if before.size == 0:
                    continue
                p = g.place[s]
                back = (before & self.at_place[p]) != 0
                arrive = cheapest[fits] + g.fee[p] * back
                candidate = np.minimum(arrive, self.best[p, before]) + self.step_cost(before, s)
                after = before | (1 << s)
                self.best[p, after] = np.minimum(self.best[p, after], candidate)

    def walk_back(self) -> list[int] | None:
        """The groups in order, from the full set back: each step explains the optimum left."""
        g = self.g
        mask, p = self.full, int(np.argmin(self.best[:, self.full]))
        if self.best[p, mask] >= _INF:
            return None  # the precedences form a cycle
        order: list[int] = []
        while mask:
            target = int(self.best[p, mask])
            for s in range(len(g.scenes)):
                before = mask ^ (1 << s)
                if not (mask >> s & 1 and g.place[s] == p and before & g.need[s] == g.need[s]):
                    continue
                hold = int(self.step_cost(np.array([before], dtype=np.int64), s)[0])
                back = g.fee[p] if before & self.at_place[p] else 0
                previous = int(np.argmin(self.best[:, before]))
                if int(self.best[p, before]) + hold == target:
                    previous = p
                elif int(self.best[previous, before]) + back + hold != target:
                    continue
                order.append(s)
                mask, p = before, previous
                break
        return order[::-1]

"""Location returns that dates, windows and availability force on every schedule.

A return is the unit coming back to a location after a day of work elsewhere. It is forced when
one of the location's scenes must be shot before some day of work that cannot be at the location,
and another of its scenes after it. A day of work cannot be at the location when a scene on it
fills its days alone (a multi-day scene), or when none of the location's scenes may fall on any
day that scene may fall on. A chain of k such scenes of the location, each pair separated by
such a day, makes at least k runs there: k - 1 returns, whatever the schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

from shootplan.findings import Finding, Rule
from shootplan.money import format_money
from shootplan.solver.instance import COST_SCALE, Instance

__all__ = ["ForcedReturns", "forced_returns", "returns_reason"]


@dataclass(frozen=True)
class ForcedReturns:
    """The returns to one location no schedule avoids, and the scenes of the chain that forces them."""

    location: str
    returns: int
    chain: tuple[int, ...]  # scene indices: location scene, separator, location scene, ...


def _window(instance: Instance, s: int) -> tuple[int, int]:
    """The first day a scene may occupy and the last (its latest start plus its length)."""
    starts = instance.starts[s]
    return min(starts), max(starts) + instance.length[s] - 1


def _separators(instance: Instance, members: list[int]) -> list[int]:
    """Scenes elsewhere whose day of work never has the location's work too."""
    here = set().union(*(instance.days_of(s) for s in members))
    inside = set(members)
    return [
        x
        for x in range(len(instance.scenes))
        if x not in inside
        and instance.starts[x]
        and (instance.length[x] > 1 or not (instance.days_of(x) & here))
    ]


def _longest_chain(instance: Instance, members: list[int], separators: list[int]) -> tuple[int, ...]:
    """The longest alternation location scene, separator, location scene... each strictly after
    the one before (its first possible day after the other's last)."""
    items = [(m, True) for m in members] + [(x, False) for x in separators]
    items.sort(key=lambda item: _window(instance, item[0])[0])
    # best[i]: (location scenes in the longest chain ending at item i, that chain).
    best: list[tuple[int, tuple[int, ...]]] = []
    for i, (s, at_location) in enumerate(items):
        first, _ = _window(instance, s)
        chain: tuple[int, tuple[int, ...]] = (1, (s,)) if at_location else (0, ())
        for j in range(i):
            t, t_here = items[j]
            if t_here == at_location or _window(instance, t)[1] >= first or not best[j][1]:
                continue
            if best[j][0] + at_location > chain[0]:
                chain = (best[j][0] + at_location, (*best[j][1], s))
        best.append(chain)
    none: tuple[int, tuple[int, ...]] = (0, ())
    count, longest = max(best, key=lambda found: found[0], default=none)
    return longest if count else ()


def forced_returns(instance: Instance) -> list[ForcedReturns]:
    """Per location whose returns cost something, the returns dates and scenes force (if any)."""
    found: list[ForcedReturns] = []
    for name, members in instance.location_scenes.items():
        if (
            instance.return_cost(name) == 0
            or len(members) < 2
            or any(not instance.starts[s] for s in members)
        ):
            continue
        chain = _longest_chain(instance, members, _separators(instance, members))
        runs = sum(1 for s in chain if instance.scenes[s].location == name)
        if runs > 1:
            found.append(ForcedReturns(name, runs - 1, chain))
    return found


def returns_reason(instance: Instance, forced: ForcedReturns) -> Finding:
    """One location's forced returns in words."""
    cost = forced.returns * instance.return_cost(forced.location) / COST_SCALE
    steps = []
    for s in forced.chain:
        scene = instance.scenes[s]
        first, last = _window(instance, s)
        when = (
            f"{instance.dates[first]}"
            if first == last
            else f"{instance.dates[first]}..{instance.dates[last]}"
        )
        steps.append(f"scene {scene.number} ({scene.location}, {when})")
    plural = "s" if forced.returns > 1 else ""
    message = (
        f"at least {forced.returns} return{plural} to {forced.location} ({format_money(cost)}):"
        f" {', then '.join(steps)} must come in that order, and the unit cannot be at"
        f" {forced.location} on the days between"
    )
    return Finding(
        Rule.LOCATION_RETURNS,
        message,
        scenes=tuple(instance.scenes[s].number for s in forced.chain),
        locations=(forced.location,),
        numbers={"location_returns": forced.returns, "return_cost": cost},
    )

"""Schedules built the way an AD builds them by hand, and the order of scenes within a day.

:func:`hand_board` is the AD's method (the benchmarks' baseline) and the solver's warm start:
strips at window-bound locations first, then sorted by location, set, day/night and cast, each
shoot day filled up to its caps with strips allowed on its date.
"""

from __future__ import annotations

from collections import defaultdict

from shootplan.model import Production, Scene, Turnaround
from shootplan.solver.instance import Instance

__all__ = ["hand_board", "order_day"]


def hand_board(instance: Instance) -> list[list[int]]:
    """Day lists of scene indices filled first-fit in board order (some scenes may be left out)."""
    production = instance.production
    rules = production.rules
    order = sorted(range(len(instance.scenes)), key=lambda i: _board_key(production, instance.scenes[i]))
    days: list[list[int]] = [[] for _ in range(instance.horizon)]
    eighths = [0] * instance.horizon
    minutes = [0] * instance.horizon
    locations: list[set[str]] = [set() for _ in range(instance.horizon)]
    placed: set[int] = set()

    def fits(index: int, day: int) -> bool:
        scene = instance.scenes[index]
        if day not in instance.starts[index] or not _turnaround_ok(instance, days, index, day):
            return False
        if instance.length[index] > 1:
            return all(not days[day + i] for i in range(instance.length[index]))
        if days[day] and any(instance.length[j] > 1 for j in days[day]):
            return False
        move = 0 if not locations[day] or scene.location in locations[day] else rules.company_move_minutes
        if eighths[day] + scene.eighths > rules.max_eighths_per_day:
            return False
        cap = rules.max_minutes_per_day
        return cap is None or minutes[day] + instance.minutes[index] + move <= cap

    def place(index: int, day: int) -> None:
        scene = instance.scenes[index]
        if instance.length[index] == 1:
            new_location = bool(locations[day]) and scene.location not in locations[day]
            eighths[day] += scene.eighths
            minutes[day] += instance.minutes[index] + (rules.company_move_minutes if new_location else 0)
        for i in range(instance.length[index]):
            days[day + i].append(index)
            locations[day + i].add(scene.location)
        placed.add(index)

    # Pinned strips and multi-day strips take their days first: nothing else can move them.
    for index in sorted(order, key=lambda i: (instance.scenes[i].pinned is None, -instance.length[i])):
        if instance.scenes[index].pinned is None and instance.length[index] == 1:
            break
        for day in instance.starts[index]:
            if fits(index, day):
                place(index, day)
                break
    for day in range(instance.horizon):
        for index in order:
            if index not in placed and fits(index, day):
                place(index, day)
    used = max((d + 1 for d in range(instance.horizon) if days[d]), default=0)
    return [order_day(instance, day) for day in days[:used]]


def _board_key(production: Production, scene: Scene) -> tuple[object, ...]:
    location = production.location(scene.location)
    window = min((w.start for w in location.windows), default=None)
    return (
        window is None,
        window or "",
        scene.location,
        scene.set,
        scene.is_night,
        tuple(sorted(scene.cast)),
        scene.number,
    )


def _turnaround_ok(instance: Instance, days: list[list[int]], index: int, day: int) -> bool:
    """A strip may not make a night-then-morning pair with its neighbouring days."""
    if instance.production.rules.turnaround is Turnaround.NONE:
        return True
    last = day + instance.length[index] - 1
    night = instance.scenes[index].is_night
    night_before = (
        day > 0 and instance.consecutive(day - 1) and any(instance.scenes[j].is_night for j in days[day - 1])
    )
    day_after = (
        last + 1 < instance.horizon
        and instance.consecutive(last)
        and any(not instance.scenes[j].is_night for j in days[last + 1])
    )
    return not ((not night and night_before) or (night and day_after))


def order_day(instance: Instance, scenes: list[int]) -> list[int]:
    """Shooting order within a day: a location's sets together, day scenes before night scenes.

    Locations whose work is all by day come first, night work last; precedences between scenes of
    the day are kept (a topological order that follows this preference where it can).
    """
    by_location: dict[str, list[int]] = defaultdict(list)
    for index in scenes:
        by_location[instance.scenes[index].location].append(index)

    def location_key(name: str) -> tuple[float, str]:
        members = by_location[name]
        night_share = sum(instance.scenes[i].is_night for i in members) / len(members)
        return (night_share, name)

    preferred: list[int] = []
    for name in sorted(by_location, key=location_key):
        preferred += sorted(
            by_location[name],
            key=lambda i: (
                instance.scenes[i].is_night,
                instance.scenes[i].set,
                instance.scenes[i].number,
            ),
        )
    return _respect_precedences(instance, preferred)


def _respect_precedences(instance: Instance, preferred: list[int]) -> list[int]:
    """The preferred order, changed only as far as precedences within the day demand."""
    numbers = {instance.scenes[i].number: i for i in preferred}
    before: dict[int, set[int]] = {i: set() for i in preferred}
    for first, second in instance.production.rules.precedences:
        if first in numbers and second in numbers:
            before[numbers[second]].add(numbers[first])
    result: list[int] = []
    pending = list(preferred)
    while pending:
        # The first scene, in preferred order, whose predecessors are all shot already.
        ready = next((i for i in pending if before[i] <= set(result)), pending[0])
        result.append(ready)
        pending.remove(ready)
    return result

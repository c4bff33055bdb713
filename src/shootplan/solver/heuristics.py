"""Schedules built the way an AD builds them by hand, and the order of scenes within a day.

:func:`hand_board` is the AD's method (the benchmarks' baseline) and the solver's warm start:
strips at window-bound locations first, then sorted by location, set, day/night and cast, each
shoot day filled up to its caps with strips allowed on its date. :class:`Board` holds the rules an
AD checks by hand, once, for the hand method and for the re-plan's repair of an old plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shootplan.day_order import shooting_order
from shootplan.model import Light, Production, Scene, Turnaround
from shootplan.profiles import MEAL_MINUTES
from shootplan.solver.constraints import minor_caps, twilight_clash
from shootplan.solver.instance import Instance

__all__ = ["Board", "hand_board", "order_day"]


_TWILIGHT = (Light.DUSK, Light.DAWN)


class Board:
    """Day lists of scene numbers over an instance's days, with the checks an AD makes by hand.

    The hand-checkable rules live here once, for the hand method (:func:`hand_board`) and the
    re-plan's repair: dates and availability (the instance's start days), page and time caps with
    company moves, whole days for multi-day scenes, turnaround, and (with ``keep_order``) scene
    order and same-day groups. The hand method leaves order and groups to the solver: its board
    is a first hint, and the benchmarks measured it that way.
    """

    def __init__(self, instance: Instance, *, keep_order: bool = True) -> None:
        production = instance.production
        rules = production.rules
        self.instance = instance
        self.production = production
        self.dates = instance.dates
        self.days: list[list[str]] = [[] for _ in instance.dates]
        self.position = {d: i for i, d in enumerate(instance.dates)}
        self.where: dict[str, int] = {}
        # Plain dicts: the board asks about the same scenes thousands of times.
        self.index = {s.number: i for i, s in enumerate(instance.scenes)}
        self.scene = {s.number: s for s in instance.scenes}
        self.dark = {s.number for s in instance.scenes if s.needs_dark}
        self.daylight = {s.number for s in instance.scenes if s.needs_daylight}
        self.lengths = {s.number: instance.length[i] for i, s in enumerate(instance.scenes)}
        self.minutes = {s.number: instance.minutes[i] for i, s in enumerate(instance.scenes)}
        self._starts = {s.number: set(instance.starts[i]) for i, s in enumerate(instance.scenes)}
        self.keep_order = keep_order
        self.before = {n: [a for a, b in rules.precedences if b == n] for n in self.scene}
        self.after = {n: [b for a, b in rules.precedences if a == n] for n in self.scene}
        self.group = {n: [m for m in g if m != n] for g in rules.same_day for n in g}
        self.turnaround = rules.turnaround is not Turnaround.NONE
        self.page_cap, self.minute_cap = rules.max_eighths_per_day, rules.work_cap
        self.minors = {c.id for c in production.cast if c.is_minor}
        self._caps: dict[tuple[str, int], tuple[int, int]] = {}
        self.move_minutes = rules.company_move_minutes
        self.page_minutes = round(rules.minutes_per_page / 8)

    def length(self, number: str) -> int:
        """Shoot days the scene occupies."""
        return self.lengths[number]

    def allowed(self, number: str, start: int) -> bool:
        """The scene's dates, cast and location allow it to start on ``start``."""
        return start in self._starts[number]

    def fits(self, number: str, start: int) -> bool:
        """Allowed there, and room for it under every rule the board can check."""
        if not self.allowed(number, start) or not self._in_order(number, start):
            return False
        k = self.lengths[number]
        if not self._rested(number, start, k):
            return False
        if k > 1:
            return all(not self.days[start + i] and self._lit([number], start + i) for i in range(k))
        if any(self.lengths[n] > 1 for n in self.days[start]):
            return False
        numbers = [*self.days[start], number]
        return self._over(numbers) == 0 and self._lit(numbers, start) and self._minors_ok(numbers, start)

    def _minors_ok(self, numbers: list[str], day: int) -> bool:
        """Each minor's work and work after sunset within their caps (the solver's minors rule)."""
        for cast_id in {c for n in numbers for c in self.scene[n].cast} & self.minors:
            cap, dark_cap = self._minor_caps(cast_id, day)
            theirs = [n for n in numbers if cast_id in self.scene[n].cast]
            dark = [n for n in theirs if n in self.dark]
            if self._day_work(theirs) > cap or self._day_work(dark) > dark_cap:
                return False
        return True

    def _minor_caps(self, cast_id: str, day: int) -> tuple[int, int]:
        key = (cast_id, day)
        if key not in self._caps:
            self._caps[key] = minor_caps(self.instance, self.production.cast_member(cast_id), day)
        return self._caps[key]

    def _lit(self, numbers: list[str], day: int) -> bool:
        """The strips' exteriors fit the day's daylight and darkness (the solver's light rule)."""
        instance = self.instance
        if not instance.daylight:
            return True
        lights = [self.scene[n].required_light for n in numbers]
        if lights.count(Light.DUSK) > 1 or lights.count(Light.DAWN) > 1:
            return False
        twilight = [self.scene[n] for n in numbers if self.scene[n].required_light in _TWILIGHT]
        if any(twilight_clash(t, self.scene[n]) for t in twilight for n in numbers if n != t.number):
            return False
        day_places = {self.scene[n].location for n in numbers if n in self.daylight}
        if len(day_places & {self.scene[n].location for n in numbers if n in self.dark}) > 1:
            return False  # two locations with day and night work: one would shoot by day after dark
        day_work = self._day_work([n for n in numbers if n in self.daylight])
        dark_work = self._day_work([n for n in numbers if n in self.dark])
        return (not day_work or day_work <= instance.daylight[day] - MEAL_MINUTES) and (
            not dark_work or dark_work <= instance.darkness[day] - MEAL_MINUTES
        )

    def _day_work(self, numbers: list[str]) -> int:
        """Minutes these strips take on one of their days (a multi-day strip's share)."""
        return sum(self.instance.day_minutes(self.index[n]) for n in numbers)

    def _over(self, numbers: list[str]) -> int:
        """How far these single-day strips together go over the day's caps, in minutes."""
        eighths = sum(self.scene[n].eighths for n in numbers)
        over = max(0, eighths - self.page_cap) * self.page_minutes
        if self.minute_cap is not None:
            places = len({self.scene[n].location for n in numbers})
            minutes = sum(self.minutes[n] for n in numbers) + self.move_minutes * (places - 1)
            over += max(0, minutes - self.minute_cap)
        return over

    def overflow(self, day: int) -> int:
        """How far a day is over its caps, in minutes (a page over counts as its minutes)."""
        numbers = self.days[day]
        if len(numbers) < 2 or any(self.lengths[n] > 1 for n in numbers):
            return 0
        return self._over(numbers)

    def may_go(self, number: str, day: int) -> bool:
        """Every rule but the caps allows the scene on this day (dates, order, turnaround)."""
        return self.allowed(number, day) and self._in_order(number, day) and self._rested(number, day, 1)

    def _in_order(self, number: str, start: int) -> bool:
        if not self.keep_order:
            return True
        end = start + self.length(number) - 1
        if any(a in self.where and self.where[a] + self.lengths[a] - 1 > start for a in self.before[number]):
            return False
        if any(b in self.where and self.where[b] < end for b in self.after[number]):
            return False
        return all(self.where.get(m, start) == start for m in self.group.get(number, []))

    def _rested(self, number: str, start: int, k: int) -> bool:
        """With the scene on its days, no day exteriors follow a late day (the solver's rule)."""
        if not self.turnaround:
            return True
        for d in range(start, start + k):
            self.days[d].append(number)
        try:
            return self._chain_ok(start)
        finally:
            for d in range(start, start + k):
                self.days[d].remove(number)

    def _late(self, day: int) -> bool:
        """The day wraps late: it works in the dark, or it continues a run of late days."""
        while day >= 0 and self.days[day]:
            if any(n in self.dark for n in self.days[day]):
                return True
            if day == 0 or not self.instance.consecutive(day - 1):
                return False
            day -= 1
        return False

    def _chain_ok(self, first: int) -> bool:
        """No day exteriors the day after a late day, from ``first`` to where the run ends."""
        late = first > 0 and self.instance.consecutive(first - 1) and self._late(first - 1)
        for d in range(first, len(self.dates)):
            numbers = self.days[d]
            if late and any(n in self.daylight for n in numbers):
                return False
            late = bool(numbers) and (late or any(n in self.dark for n in numbers))
            if not late and d > first:
                return True
            if d + 1 < len(self.dates) and not self.instance.consecutive(d):
                late = False
        return True

    def place(self, number: str, start: int) -> None:
        """Put the scene on its days from ``start`` (no check: ask :meth:`fits` first)."""
        for i in range(self.length(number)):
            self.days[start + i].append(number)
        self.where[number] = start

    def remove(self, number: str) -> None:
        """Take the scene off the board."""
        start = self.where.pop(number)
        for i in range(self.length(number)):
            self.days[start + i].remove(number)

    def nearest(self, near: int, lowest: int) -> list[int]:
        """Positions from ``lowest`` on, nearest to ``near`` first (a later day before an earlier
        one at the same distance: earlier days are closer to today and already prepared)."""
        positions = range(lowest, len(self.dates))
        return sorted(positions, key=lambda p: (abs(p - near), p < near))


def hand_board(instance: Instance, key: Callable[[int], Any] | None = None) -> list[list[int]]:
    """Day lists of scene indices filled first-fit in board order (some scenes may be left out).

    ``key`` orders the strips instead of the AD's sort (location, set, light, cast)."""
    production = instance.production
    ad_sort = key or (lambda i: _board_key(production, instance.scenes[i]))
    order = sorted(range(len(instance.scenes)), key=ad_sort)
    board = Board(instance, keep_order=False)
    numbers = [scene.number for scene in instance.scenes]
    # Pinned strips and multi-day strips take their days first: nothing else can move them.
    for index in sorted(order, key=lambda i: (instance.scenes[i].pinned is None, -instance.length[i])):
        if instance.scenes[index].pinned is None and instance.length[index] == 1:
            break
        day = next((d for d in instance.starts[index] if board.fits(numbers[index], d)), None)
        if day is not None:
            board.place(numbers[index], day)
    for day in range(instance.horizon):
        for index in order:
            if numbers[index] not in board.where and board.fits(numbers[index], day):
                board.place(numbers[index], day)
    used = max((d + 1 for d in range(instance.horizon) if board.days[d]), default=0)
    return [order_day(instance, [board.index[n] for n in day]) for day in board.days[:used]]


def _board_key(production: Production, scene: Scene) -> tuple[object, ...]:
    location = production.location(scene.location)
    window = min((w.start for w in location.windows), default=None)
    return (
        window is None,
        window or "",
        scene.location,
        scene.set,
        scene.needs_dark,
        tuple(sorted(scene.cast)),
        scene.number,
    )


def order_day(instance: Instance, scenes: list[int]) -> list[int]:
    """Shooting order within a day, as :func:`shootplan.day_order.shooting_order` gives it."""
    index = {instance.scenes[i].number: i for i in scenes}
    return [index[n] for n in shooting_order(instance.production, list(index))]

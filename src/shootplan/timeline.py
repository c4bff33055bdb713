"""The shoot day laid out: crew call, each scene's start and end, the meal, company moves, wrap.

One estimate of the day that every output shares (calendar feeds today; Excel and call sheets
later), so that a phone and a printed sheet never disagree about when a scene starts.

- Crew call is ``rules.call_time`` (``night_call_time``, when given, on days whose scenes are all
  night scenes), in the IANA zone of the day's first location (else the shoot calendar's zone).
- The work is what :func:`~shootplan.evaluate` counts for the day (scene minutes, from
  ``minutes_per_page`` unless a scene has its own, plus ``company_move_minutes`` per move); a
  multi-day scene is shared between its days as :func:`~shootplan.scene_share` shares it.
- A meal break of ``meal_minutes`` (60) is added on days whose work exceeds six hours (the usual
  first-meal rule), at the scene boundary nearest half-way, or in the middle of a lone scene.
- Wrap = call + work + meal, counted in absolute time so that a night shoot across a DST change
  ends at the right hour.

Everything here is plain data (no file format): :func:`lay_out_days` gives one
:class:`DayTimeline` per shoot day, each a sequence of :class:`TimelineItem` (scene, meal or move)
that :meth:`DayTimeline.stretches` groups into :class:`LocationStretch` (the unit at one place).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from shootplan.evaluation import Evaluation, evaluate, scene_share
from shootplan.model import Location, Production, Scene
from shootplan.schedule import Schedule, ShootDay

__all__ = [
    "MEAL_AFTER_MINUTES",
    "DayTimeline",
    "LocationStretch",
    "TimelineItem",
    "lay_out_day",
    "lay_out_days",
    "zone_of",
]

#: Work beyond this many minutes earns the crew a meal break (the usual six-hour rule).
MEAL_AFTER_MINUTES = 6 * 60


@dataclass(frozen=True)
class TimelineItem:
    """One stretch of a shoot day's estimated timeline: a scene, a meal or a company move.

    ``location`` is where it happens (for a move, where the unit goes). A scene shot over ``n``
    days has ``part`` ``(k, n)`` on its ``k``-th day; ``eighths`` is the share of its pages shot in
    this item (0 for the second half of a scene split by the meal, listed as continued).
    """

    kind: Literal["scene", "meal", "move"]
    start: datetime
    end: datetime
    location: Location
    scene: Scene | None = None
    part: tuple[int, int] | None = None
    eighths: int = 0

    @property
    def minutes(self) -> int:
        """The item's length in whole minutes."""
        return round((self.end - self.start).total_seconds() / 60)


@dataclass(frozen=True)
class LocationStretch:
    """A stretch of a shoot day the unit spends at one location (from call or arrival to leaving)."""

    location: Location
    start: datetime
    end: datetime
    items: tuple[TimelineItem, ...]
    first: bool  # starts at crew call (else on arrival after a company move)


@dataclass(frozen=True)
class DayTimeline:
    """One shoot day laid out: its call, items and wrap (aware datetimes), and what it holds.

    ``index`` is the day's 0-based position in the schedule, ``total_days`` the schedule's number
    of the last shoot day (for "Day 4 of 32"), ``scenes`` the day's scene numbers without repeats,
    ``eighths`` and ``work_minutes`` the day's totals as :func:`~shootplan.evaluate` counts them,
    and ``meal_minutes`` the meal break the day gets (0 when none).
    """

    index: int
    day: ShootDay
    total_days: int
    zone: ZoneInfo
    call: datetime
    wrap: datetime
    items: tuple[TimelineItem, ...]
    scenes: tuple[str, ...]
    eighths: int
    work_minutes: int
    meal_minutes: int

    @property
    def location(self) -> Location | None:
        """Where the crew is called (the first scene's location); None on a day without scenes."""
        return self.items[0].location if self.items else None

    def stretches(self) -> list[LocationStretch]:
        """The stretches at each location, in order (a day at A, B, A gives three)."""
        stretches: list[LocationStretch] = []
        current: list[TimelineItem] = []
        start = self.call
        for item in self.items:
            if item.kind == "move":
                if current:
                    place = current[0].location
                    stretches.append(LocationStretch(place, start, item.start, tuple(current), not stretches))
                current, start = [], item.end
            else:
                current.append(item)
        if current:
            stretches.append(
                LocationStretch(current[0].location, start, self.wrap, tuple(current), not stretches)
            )
        return stretches


def zone_of(production: Production, location: Location | None) -> ZoneInfo:
    """The time zone of ``location``, else of the production's shoot calendar, else UTC.

    UTC only stands in for a production whose zone was never resolved (built in Python and not
    yet through a reader or a calendar writer, which resolve it): the wall-clock times laid out
    are the same in any zone, and no feed is written from an unresolved production.
    """
    name = (location.time_zone if location else None) or production.calendar.time_zone or "UTC"
    return ZoneInfo(name)


def lay_out_days(
    production: Production,
    schedule: Schedule,
    *,
    night_call_time: time | None = None,
    meal_minutes: int = 60,
    evaluation: Evaluation | None = None,
) -> list[DayTimeline]:
    """Every shoot day of ``schedule`` laid out, in order.

    ``evaluation`` is ``evaluate(production, schedule)`` when the caller has it already (it is
    computed otherwise). Raises ``KeyError`` for a scene the production does not have.
    """
    evaluation = evaluation if evaluation is not None else evaluate(production, schedule)
    spans = schedule.scene_days()
    return [
        lay_out_day(
            production,
            schedule,
            index,
            night_call_time=night_call_time,
            meal_minutes=meal_minutes,
            evaluation=evaluation,
            spans=spans,
        )
        for index in range(len(schedule.days))
    ]


def lay_out_day(
    production: Production,
    schedule: Schedule,
    index: int,
    *,
    night_call_time: time | None = None,
    meal_minutes: int = 60,
    evaluation: Evaluation | None = None,
    spans: Mapping[str, list[int]] | None = None,
) -> DayTimeline:
    """The shoot day at 0-based position ``index`` laid out: call, scenes, meal, moves, wrap.

    ``evaluation`` and ``spans`` (:meth:`~shootplan.Schedule.scene_days`) are computed when not
    given; pass them when laying out many days of one schedule.
    """
    evaluation = evaluation if evaluation is not None else evaluate(production, schedule)
    spans = spans if spans is not None else schedule.scene_days()
    day = schedule.days[index]
    work_minutes = evaluation.minutes_per_day[index]
    numbers = tuple(dict.fromkeys(day.scenes))
    scenes = [production.scene(n) for n in numbers]
    zone = zone_of(production, production.location(scenes[0].location) if scenes else None)
    night = bool(scenes) and all(s.is_night for s in scenes)
    call_time = night_call_time if night and night_call_time else production.rules.call_time
    call = datetime.combine(day.date, call_time.replace(tzinfo=None), tzinfo=zone)
    meal = meal_minutes if work_minutes > MEAL_AFTER_MINUTES and scenes else 0
    entries = [_entry(production, scene, spans.get(scene.number, [index]), index) for scene in scenes]
    items = _items(production, entries, call, work_minutes, meal)
    # The wrap is evaluate()'s work for the day (the one definition) plus the meal, counted in UTC.
    wrap = (call.astimezone(UTC) + timedelta(minutes=work_minutes + meal)).astimezone(zone)
    return DayTimeline(
        index=index,
        day=day,
        total_days=schedule.days[-1].number,
        zone=zone,
        call=call,
        wrap=wrap,
        items=items,
        scenes=numbers,
        eighths=evaluation.eighths_per_day[index],
        work_minutes=work_minutes,
        meal_minutes=meal,
    )


@dataclass(frozen=True)
class _Entry:
    """A scene's share of one day, as evaluate() shares a multi-day scene between its days."""

    scene: Scene
    eighths: int
    minutes: int
    part: tuple[int, int] | None


def _entry(production: Production, scene: Scene, span: list[int], index: int) -> _Entry:
    eighths, minutes = scene_share(production, scene, span, index)
    part = (span.index(index) + 1, len(span)) if len(span) > 1 else None
    return _Entry(scene, eighths, minutes, part)


def _items(
    production: Production, entries: Sequence[_Entry], call: datetime, work_minutes: int, meal: int
) -> tuple[TimelineItem, ...]:
    """The day's scenes in order, with the meal and the company moves between them."""
    meal_at, split = _meal_position(production, entries, work_minutes, meal)
    # Clock arithmetic in UTC: a wall-clock sum would be an hour off across a DST change.
    now = call.astimezone(UTC)
    items: list[TimelineItem] = []
    previous: Location | None = None
    for position, entry in enumerate(entries):
        location = production.location(entry.scene.location)
        minutes, eighths = entry.minutes, entry.eighths
        if meal and position == meal_at:
            items.append(TimelineItem("meal", now, now + timedelta(minutes=meal), previous or location))
            now += timedelta(minutes=meal)
        if previous is not None and location.name != previous.name:
            move = timedelta(minutes=production.rules.company_move_minutes)
            items.append(TimelineItem("move", now, now + move, location))
            now += move
        if meal and split and position == 0:
            # One long scene: the meal falls in its middle; the rest is listed as "(cont.)".
            half = minutes // 2
            end = now + timedelta(minutes=half)
            items.append(TimelineItem("scene", now, end, location, entry.scene, entry.part, eighths))
            items.append(TimelineItem("meal", end, end + timedelta(minutes=meal), location))
            now, minutes, eighths = end + timedelta(minutes=meal), minutes - half, 0
        end = now + timedelta(minutes=minutes)
        items.append(TimelineItem("scene", now, end, location, entry.scene, entry.part, eighths))
        now = end
        previous = location
    return tuple(items)


def _meal_position(
    production: Production, entries: Sequence[_Entry], work_minutes: int, meal: int
) -> tuple[int | None, bool]:
    """Where the meal goes: before entry k (the boundary nearest half-way), or inside a lone scene."""
    if not meal or not entries:
        return None, False
    if len(entries) == 1:
        return None, True
    elapsed = 0
    best: tuple[float, int] | None = None
    for position, entry in enumerate(entries):
        if position:
            # The meal comes before a company move at the same boundary (the crew eats, then goes).
            distance = abs(elapsed - work_minutes / 2)
            if best is None or distance < best[0]:
                best = (distance, position)
            if entries[position - 1].scene.location != entry.scene.location:
                elapsed += production.rules.company_move_minutes
        elapsed += entry.minutes
    return (best[1] if best else None), False

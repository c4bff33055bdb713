"""The shoot day as it is lived: its type, call, each scene's start and end, meal, moves, wrap.

One estimate of the day that every output shares (calendar feeds, Excel, call sheets) and that
:func:`~shootplan.evaluate` checks, so that a phone, a printed sheet and the scorer never disagree
about when a scene starts. Each day is laid out in the order the schedule lists its scenes:

- The day's **type** (:func:`~shootplan.day_order.day_kind`): day, night or split, from the light
  its exteriors need; it places the scenes and the call. What the sheets print is
  :attr:`DayTimeline.shoot_type`, read from the clock as an AD reads it (:func:`clock_type`): an
  all-interior day that turnaround pushes to an evening call is a night shoot for its crew.
- **Light** (:mod:`shootplan.sun`, at each scene's location and date): EXT DAY between sunrise and
  sunset, EXT NIGHT between sunset and the next sunrise, DUSK starting in the evening twilight,
  DAWN in the morning one (the next morning's on a night shoot), interiors any time.
- **Call**: among the calls that put every scene in its light without waiting, a day shoot calls
  at ``rules.call_time`` (moved only as far as the light needs: earlier for a dawn scene, later
  when a winter sunrise comes after it), a night shoot at the first call its night exteriors allow
  (they start at sunset, or its dawn scene at dawn), a split day at the latest (its day
  exteriors end at sunset). No call comes sooner than the turnaround's rest after the previous
  shoot day's wrap where the light leaves room; where it does not, the day keeps its light and
  :func:`~shootplan.evaluate` reports the turnaround.
- **Meal**: ``meal_minutes`` (60) on a day whose work exceeds six hours, at the scene boundary
  nearest half-way among those within six hours of call (or in the middle of a lone long scene).
- **Work**: scene minutes (a multi-day scene shared as :func:`~shootplan.shares.scene_share`
  shares it) plus ``company_move_minutes`` per move. A scene that would still start before its
  light waits for it; wrap is the end of the last item. Clock sums are in absolute time, so a night
  across a DST change ends at the right hour.

Plain data, no file format: :func:`lay_out_days` gives one :class:`DayTimeline` per shoot day;
:func:`time_schedule` writes the times into the schedule itself.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from shootplan.day_order import day_kind
from shootplan.model import Light, Location, Production, Scene
from shootplan.profiles import MEAL_MINUTES
from shootplan.schedule import DayKind, Schedule, ShootDay
from shootplan.shares import scene_share
from shootplan.sun import SunTimes, sun_at

__all__ = [
    "MEAL_AFTER_MINUTES",
    "DayTimeline",
    "LightWindow",
    "LocationStretch",
    "TimelineItem",
    "clock_type",
    "lay_out_days",
    "light_window",
    "time_schedule",
    "zone_of",
]

#: Work beyond this many minutes earns the crew a meal break, within this long of call.
MEAL_AFTER_MINUTES = 6 * 60

# How an AD reads a day's type off its clock (DOMAIN.md, "Day types"): a night shoot calls in the
# late afternoon or evening, or wraps well past midnight; a split day calls around midday and runs
# past dark; anything else is a day shoot, however long.
NIGHT_CALL_FROM = time(15, 0)
NIGHT_WRAP_FROM = time(3, 0)  # on the next morning
SPLIT_CALL_FROM = time(11, 0)
SPLIT_WRAP_FROM = time(21, 0)


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
    window: LightWindow | None = None

    @property
    def light_problem(self) -> str | None:
        """Why this scene is shot out of its light (None when it is not, or for a meal or move)."""
        return self.window.problem(self.start, self.end) if self.window is not None else None

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
    ``meal_minutes`` the meal break the day gets (0 when none), ``kind`` the day's type (None
    without scenes) and ``sun`` the light at the day's first location.
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
    kind: DayKind | None
    sun: SunTimes

    @property
    def shoot_type(self) -> DayKind | None:
        """The day's type as its call sheet prints it (None without scenes).

        Dark exteriors make a night or split day whatever the clock says; a day whose light asks
        for daylight or none (interiors) reads its type from its call and wrap (:func:`clock_type`),
        since the crew lives the clock, not the scenes' light.
        """
        if self.kind is None or not self.items:
            return None
        if self.kind is not DayKind.DAY:
            return self.kind
        return clock_type(self.call, self.wrap, self.day.date, self.zone)

    @property
    def interiors_only(self) -> bool:
        """Whether no scene of the day needs any light (so a night of them needs no darkness)."""
        return all(item.scene.required_light is Light.ANY for item in self.items if item.scene is not None)

    def scene_times(self) -> dict[str, tuple[datetime, datetime]]:
        """Each scene's planned start and end (a scene split by the meal: first start, last end)."""
        times: dict[str, tuple[datetime, datetime]] = {}
        for item in self.items:
            if item.scene is not None:
                first = times.get(item.scene.number, (item.start, item.end))[0]
                times[item.scene.number] = (first, item.end)
        return times

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


def clock_type(call: datetime, wrap: datetime, on: date, zone: ZoneInfo) -> DayKind:
    """A day's type read off its clock (day ``on``, times in ``zone``): a call from
    :data:`NIGHT_CALL_FROM` or a wrap from :data:`NIGHT_WRAP_FROM` the next morning is a night
    shoot; a call from :data:`SPLIT_CALL_FROM` that wraps from :data:`SPLIT_WRAP_FROM` is a split
    day; the rest is a day shoot."""
    if call.astimezone(zone) >= datetime.combine(on, NIGHT_CALL_FROM, tzinfo=zone):
        return DayKind.NIGHT
    next_morning = datetime.combine(on + timedelta(days=1), NIGHT_WRAP_FROM, tzinfo=zone)
    if wrap.astimezone(zone) >= next_morning:
        return DayKind.NIGHT
    midday = datetime.combine(on, SPLIT_CALL_FROM, tzinfo=zone)
    evening = datetime.combine(on, SPLIT_WRAP_FROM, tzinfo=zone)
    if call.astimezone(zone) >= midday and wrap.astimezone(zone) >= evening:
        return DayKind.SPLIT
    return DayKind.DAY


def zone_of(production: Production, location: Location | None) -> ZoneInfo:
    """The time zone of ``location``, else of the production's shoot calendar, else UTC.

    UTC only stands in for a production whose zone was never resolved (built in Python and not
    yet through a reader or a calendar writer, which resolve it): the wall-clock times laid out
    are the same in any zone, and no feed is written from an unresolved production.
    """
    name = (location.time_zone if location else None) or production.calendar.time_zone or "UTC"
    return ZoneInfo(name)


@dataclass(frozen=True)
class LightWindow:
    """When a scene may be shot: start no sooner than ``earliest``, no later than ``latest_start``,
    end by ``latest_end`` (None: no limit)."""

    light: Light
    earliest: datetime | None
    latest_start: datetime | None
    latest_end: datetime | None

    def continued(self) -> LightWindow:
        """The window of a scene's part after the meal: the scene started in its light, so only
        its end is checked (the solver times the scene's start, as an AD sets up for the light)."""
        return replace(self, earliest=None, latest_start=None)

    def problem(self, start: datetime, end: datetime) -> str | None:
        """Why a scene shot from ``start`` to ``end`` is out of its light (None when it is not)."""
        if self.earliest is not None and start < self.earliest:
            return f"starts at {_clock(start)}, before {_LIGHT_FROM[self.light]} at {_clock(self.earliest)}"
        if self.latest_start is not None and start > self.latest_start:
            ends = _clock(self.latest_start)
            return f"starts at {_clock(start)}, after the {self.light.value} light ends at {ends}"
        if self.latest_end is not None and end > self.latest_end:
            return f"ends at {_clock(end)}, after {_LIGHT_TO[self.light]} at {_clock(self.latest_end)}"
        return None


_LIGHT_FROM = {Light.DAY: "sunrise", Light.NIGHT: "sunset", Light.DUSK: "sunset", Light.DAWN: "dawn"}
_LIGHT_TO = {Light.DAY: "sunset", Light.NIGHT: "sunrise"}


def _clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def light_window(production: Production, scene: Scene, kind: DayKind | None, day: ShootDay) -> LightWindow:
    """The light ``scene`` needs on ``day`` (a day of type ``kind``), at its location."""
    light = scene.required_light
    sun = sun_at(production, scene.location, day.date)
    if light is Light.DAY:
        return LightWindow(light, sun.sunrise, None, sun.sunset)
    if light is Light.NIGHT:
        return LightWindow(light, sun.sunset, None, sun.next_sunrise)
    if light is Light.DUSK:
        return LightWindow(light, sun.sunset, sun.dusk, None)
    if light is Light.DAWN:
        if kind in (DayKind.NIGHT, DayKind.SPLIT):
            return LightWindow(light, sun.next_dawn, sun.next_sunrise, None)
        return LightWindow(light, sun.dawn, sun.sunrise, None)
    return LightWindow(light, None, None, None)


def lay_out_days(
    production: Production, schedule: Schedule, *, meal_minutes: int = MEAL_MINUTES
) -> list[DayTimeline]:
    """Every shoot day of ``schedule`` laid out, in order (each call rested after the last wrap).

    Raises ``KeyError`` for a scene the production does not have.
    """
    spans = schedule.scene_days()
    rest = timedelta(hours=production.rules.turnaround.rest_hours)
    timelines: list[DayTimeline] = []
    rested_from: datetime | None = None
    for index in range(len(schedule.days)):
        timeline = _lay_out_day(production, schedule, index, spans, rested_from, meal_minutes)
        timelines.append(timeline)
        if timeline.items:
            rested_from = timeline.wrap + rest
    return timelines


def time_schedule(production: Production, schedule: Schedule) -> Schedule:
    """``schedule`` with each day's type, call, wrap and scene times written in."""
    days = [
        timeline.day.model_copy(
            update={
                "kind": timeline.kind,
                "call": timeline.call if timeline.items else None,
                "wrap": timeline.wrap if timeline.items else None,
                "times": timeline.scene_times(),
            }
        )
        for timeline in lay_out_days(production, schedule)
    ]
    return schedule.model_copy(update={"days": days})


def _lay_out_day(
    production: Production,
    schedule: Schedule,
    index: int,
    spans: Mapping[str, list[int]],
    rested_from: datetime | None,
    meal_minutes: int,
) -> DayTimeline:
    """The shoot day at 0-based ``index``: type, call, items and wrap."""
    day = schedule.days[index]
    scenes = [production.scene(n) for n in dict.fromkeys(day.scenes)]
    kind = day_kind(scenes)
    first = production.location(scenes[0].location) if scenes else None
    zone = zone_of(production, first)
    entries = [
        _entry(production, scene, spans.get(scene.number, [index]), index, kind, day) for scene in scenes
    ]
    work = sum(e.minutes for e in entries) + production.rules.company_move_minutes * _moves(entries)
    meal = meal_minutes if work > MEAL_AFTER_MINUTES and entries else 0
    meal_at, split = _meal_position(production, entries, work, meal)
    offsets = _offsets(production, entries, meal_at, meal, split)
    call = _call(production, day, zone, kind, entries, offsets, rested_from)
    items = _items(production, entries, call, meal, meal_at, split)
    wrap = items[-1].end.astimezone(zone) if items else call
    return DayTimeline(
        index=index,
        day=day,
        total_days=schedule.days[-1].number,
        zone=zone,
        call=call,
        wrap=wrap,
        items=items,
        scenes=tuple(s.number for s in scenes),
        eighths=sum(e.eighths for e in entries),
        work_minutes=work,
        meal_minutes=meal,
        kind=kind,
        sun=sun_at(production, first.name if first else None, day.date),
    )


@dataclass(frozen=True)
class _Entry:
    """A scene's share of one day, as evaluate() shares a multi-day scene between its days."""

    scene: Scene
    eighths: int
    minutes: int
    part: tuple[int, int] | None
    window: LightWindow


def _entry(
    production: Production, scene: Scene, span: list[int], index: int, kind: DayKind | None, day: ShootDay
) -> _Entry:
    eighths, minutes = scene_share(production, scene, span, index)
    part = (span.index(index) + 1, len(span)) if len(span) > 1 else None
    return _Entry(scene, eighths, minutes, part, light_window(production, scene, kind, day))


def _moves(entries: Sequence[_Entry]) -> int:
    return sum(1 for a, b in itertools.pairwise(entries) if a.scene.location != b.scene.location)


def _offsets(
    production: Production, entries: Sequence[_Entry], meal_at: int | None, meal: int, split: bool
) -> list[tuple[int, int]]:
    """Minutes from call to the start and to the end of each entry when nothing waits for the
    light (a lone scene split by the meal ends a meal hour later)."""
    offsets: list[tuple[int, int]] = []
    elapsed = 0
    for position, entry in enumerate(entries):
        if meal and position == meal_at:
            elapsed += meal
        if position and entries[position - 1].scene.location != entry.scene.location:
            elapsed += production.rules.company_move_minutes
        length = entry.minutes + (meal if split and position == 0 else 0)
        offsets.append((elapsed, elapsed + length))
        elapsed += length
    return offsets


def _call(
    production: Production,
    day: ShootDay,
    zone: ZoneInfo,
    kind: DayKind | None,
    entries: Sequence[_Entry],
    offsets: Sequence[tuple[int, int]],
    rested_from: datetime | None,
) -> datetime:
    """The crew call: within the calls that put every scene in its light, the one the day's type
    asks for (a day shoot ``rules.call_time``, a night shoot the first dark, a split day the
    latest), no sooner than ``rested_from`` where the light leaves room for the rest."""
    call = datetime.combine(day.date, production.rules.call_time.replace(tzinfo=None), tzinfo=zone)
    lower: datetime | None = None
    upper: datetime | None = None
    for i, entry in enumerate(entries):
        window = entry.window
        for bound, minutes, is_lower in (
            (window.earliest, offsets[i][0], True),
            (window.latest_start, offsets[i][0], False),
            (window.latest_end, offsets[i][1], False),
        ):
            if bound is None:
                continue
            at = _minus(bound, minutes, zone)
            if is_lower:
                lower = at if lower is None or at > lower else lower
            else:
                upper = at if upper is None or at < upper else upper
    if lower is not None and upper is not None and lower > upper:
        # No call puts every scene in its light (the order asks the impossible): the day keeps
        # the call its type asks for (its first night exterior at sunset on a night or split day),
        # rested where it can be, and the scenes out of their light are the one problem told.
        if kind in (DayKind.NIGHT, DayKind.SPLIT):
            call = _dark_call(entries, offsets, zone) or call
        return max(call, rested_from.astimezone(zone)) if rested_from is not None else call
    if rested_from is not None and (upper is None or rested_from <= upper):
        lower = rested_from if lower is None or rested_from > lower else lower
    if kind is DayKind.NIGHT and lower is not None:
        return _on_the_quarter(lower, lower, upper)
    if kind is DayKind.SPLIT and upper is not None:
        return _on_the_quarter(upper, lower, upper) if lower is None or upper >= lower else lower
    if upper is not None and call > upper:
        call = upper
    if lower is not None and call < lower:
        call = lower
    return _on_the_quarter(call, lower, upper)


def _on_the_quarter(call: datetime, lower: datetime | None, upper: datetime | None) -> datetime:
    """The call on a quarter hour, as call sheets print it (18:45, not 18:47), where the light's
    bounds leave room: the next quarter, else the one before, else the minute itself."""
    past = timedelta(minutes=call.minute % 15, seconds=call.second, microseconds=call.microsecond)
    before = call - past
    after = before + timedelta(minutes=15) if past else call
    for candidate in (after, before):
        if (lower is None or candidate >= lower) and (upper is None or candidate <= upper):
            return candidate
    return call


def _dark_call(
    entries: Sequence[_Entry], offsets: Sequence[tuple[int, int]], zone: ZoneInfo
) -> datetime | None:
    """The call that starts the day's first night or dusk exterior at sunset (None without one)."""
    for i, entry in enumerate(entries):
        if entry.window.light in (Light.NIGHT, Light.DUSK) and entry.window.earliest is not None:
            return _minus(entry.window.earliest, offsets[i][0], zone)
    return None


def _minus(moment: datetime, minutes: int, zone: ZoneInfo) -> datetime:
    return (moment.astimezone(UTC) - timedelta(minutes=minutes)).astimezone(zone)


def _items(
    production: Production,
    entries: Sequence[_Entry],
    call: datetime,
    meal: int,
    meal_at: int | None,
    split: bool,
) -> tuple[TimelineItem, ...]:
    """The day's scenes in order, with the meal and the company moves between them."""
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
        if entry.window.earliest is not None and now < entry.window.earliest:
            now = entry.window.earliest.astimezone(UTC)  # the unit waits for its light
        window = entry.window
        if meal and split and position == 0:
            # One long scene: the meal falls in its middle; the rest is listed as "(cont.)".
            half = minutes // 2
            end = now + timedelta(minutes=half)
            items.append(TimelineItem("scene", now, end, location, entry.scene, entry.part, eighths, window))
            items.append(TimelineItem("meal", end, end + timedelta(minutes=meal), location))
            now, minutes, eighths = end + timedelta(minutes=meal), minutes - half, 0
            window = window.continued()
        end = now + timedelta(minutes=minutes)
        items.append(TimelineItem("scene", now, end, location, entry.scene, entry.part, eighths, window))
        now = end
        previous = location
    return tuple(_local(item, call.tzinfo) for item in items)


def _local(item: TimelineItem, zone: object) -> TimelineItem:
    assert isinstance(zone, ZoneInfo)
    return replace(item, start=item.start.astimezone(zone), end=item.end.astimezone(zone))


def _meal_position(
    production: Production, entries: Sequence[_Entry], work_minutes: int, meal: int
) -> tuple[int | None, bool]:
    """Where the meal goes: before entry k (the boundary within six hours of call nearest
    half-way), or inside a lone scene."""
    if not meal or not entries:
        return None, False
    if len(entries) == 1:
        return None, True
    elapsed = 0
    best: tuple[float, int] | None = None
    for position, entry in enumerate(entries):
        if position and elapsed <= MEAL_AFTER_MINUTES:
            # The meal comes before a company move at the same boundary (the crew eats, then goes).
            distance = abs(elapsed - work_minutes / 2)
            if best is None or distance < best[0]:
                best = (distance, position)
        if position and entries[position - 1].scene.location != entry.scene.location:
            elapsed += production.rules.company_move_minutes
        elapsed += entry.minutes
    return (best[1] if best else None), best is None

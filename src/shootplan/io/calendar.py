"""iCalendar feeds of a schedule for crew phones: the unit, each cast member, each location.

A crew member subscribes once; every re-publish must update the phone in place, never duplicate an
event or move it by an hour (see ICS.md). This module builds the feeds with ``icalendar`` and
decides, for every event, its identity (UID) and its revision (SEQUENCE).

Feeds
    :func:`unit_calendar` (every shoot day, crew call to estimated wrap), :func:`cast_calendar` (one
    performer's work days, timed, and hold days, all-day and busy; drop periods stay free) and
    :func:`location_calendar` (the times the unit is at one location). :func:`write_calendars`
    writes them all to a folder; :func:`lint_ics` checks any iCalendar text for what breaks phones.

Times
    Crew call is ``rules.call_time`` (``night_call_time`` on days whose scenes are all night
    scenes), in the IANA zone of the day's first location (else the shoot calendar's zone). The
    estimated work is what :func:`~shootplan.evaluate` counts for the day (scene minutes, from
    ``minutes_per_page`` unless a scene has its own, plus ``company_move_minutes`` per move), and a
    meal break of ``meal_minutes`` (60) is added on days whose work exceeds six hours (the usual
    first-meal rule), at the scene boundary nearest half-way. Wrap = call + work + meal, counted in
    absolute time so that a night shoot across a DST change ends at the right hour.

Identity (UID)
    Every UID is ``uuid5(production namespace, key)``, the namespace being ``uuid5(shootplan's
    namespace, production_id or production.name)``. Dates and day numbers never enter a key: days
    are renumbered and re-dated whenever the schedule changes. A shoot day's key is its *anchor
    scene*, the day's scene whose SHA-256 of the scene number is smallest (``day/<scene>/<n>``,
    ``n`` counting earlier days with the same anchor, i.e. the days of a multi-day scene). The
    order is arbitrary but fixed: no edit of the production can change it, so a day keeps its UID
    when scenes move, unless its anchor leaves or a scene that sorts before it joins (the chance of
    keeping it equals the share of scenes the day keeps, as in MinHash). When the previously
    published *feed* is known (the files already in ``out_dir``, the events on a CalDAV server, or
    ``previous=`` feed text), each day instead continues the published day it shares the most
    scenes with and keeps that day's UID, so updates stay in place through any re-boarding that
    leaves a day some of its scenes; only a day with no published predecessor takes its anchor
    UID. Per-person and per-location events derive from the day:
    ``work/<cast id>/<day UID>``, ``hold/<cast id>/<day UID>``,
    ``location/<name>/<day UID>/<k>``. Every event carries ``X-SHOOTPLAN-PRODUCTION``,
    ``X-SHOOTPLAN-FEED``, ``X-SHOOTPLAN-DAY`` and ``X-SHOOTPLAN-SCENES`` so a later publish (or
    :func:`shootplan.io.caldav.publish_caldav`) recognizes its own events.

Revision (SEQUENCE, LAST-MODIFIED, DTSTAMP)
    DTSTAMP is the schedule's own timestamp (``schedule.created``, or ``stamp=``; never the clock)
    on every event. An event whose crew-visible content (SUMMARY, DTSTART, DTEND, LOCATION, GEO,
    DESCRIPTION, URL, STATUS, TRANSP) differs from the previously published one gets SEQUENCE + 1
    and LAST-MODIFIED = the stamp; an unchanged one keeps both. A previously published event that
    is gone is emitted once more with the same UID, SEQUENCE + 1 and STATUS:CANCELLED, titled
    ``CANCELLED - ...``; an event already cancelled is kept as it was (re-publishing the same
    schedule gives the same bytes) until ``since=`` prunes its date. What was published before is
    read from, in order of exactness:

    - a previous **feed** (text or ``icalendar.Calendar``; ``write_calendars`` reads the files in
      ``out_dir``; ``publish_caldav`` reads the server): exact over any number of publishes;
    - a previous **Schedule**: rendered as if published with no history (SEQUENCE 0,
      LAST-MODIFIED = its ``created``), which is exact for one revision. Over a chain of revisions
      an event that changes twice gets SEQUENCE 1 twice; clients still take it, by its newer
      DTSTAMP and LAST-MODIFIED. Day UIDs are not inherited in this mode: an inherited UID is one
      a later Schedule-only publish could not reproduce, which would leave a duplicate on phones
      that imported the feed; the anchor UID is always reproducible.

    A change in the number of shoot days changes every title (``Day 4/24`` becomes ``Day 4/23``),
    so every event then gets a new revision: the crew does see a different title.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal, TypedDict, Unpack
from urllib.parse import quote, unquote
from zoneinfo import ZoneInfo

import icalendar
from icalendar.prop import vCalAddress, vText

from shootplan.errors import ShootplanError
from shootplan.evaluation import CastWork, evaluate, scene_share
from shootplan.io.ics_lint import lint_ics
from shootplan.model import WEEKDAY_NAMES, Location, Production, Scene
from shootplan.pages import format_pages
from shootplan.schedule import Schedule, ShootDay

__all__ = [
    "SHOOTPLAN_NAMESPACE",
    "CalendarOptions",
    "cast_calendar",
    "feed_file_names",
    "lint_ics",
    "location_calendar",
    "unit_calendar",
    "write_calendars",
]

logger = logging.getLogger(__name__)

#: The root of every UID shootplan makes: uuid5(NAMESPACE_URL, "https://github.com/shootplan/shootplan#calendar").
SHOOTPLAN_NAMESPACE = uuid.UUID("8d4a9fd6-7612-5b6f-bd3f-c0fa605b8729")
PRODID = "-//shootplan//shootplan calendar feed//EN"
#: How often clients should re-read a subscribed feed (Google ignores it and takes 8-24 h).
REFRESH = "PT6H"
#: Work beyond this many minutes earns the crew a meal break (the usual six-hour rule).
MEAL_AFTER_MINUTES = 6 * 60

X_PRODUCTION = "X-SHOOTPLAN-PRODUCTION"
X_FEED = "X-SHOOTPLAN-FEED"
X_DAY = "X-SHOOTPLAN-DAY"
X_SCENES = "X-SHOOTPLAN-SCENES"

# What a subscriber sees: a change to any of these is a new revision of the event.
_CONTENT = ("SUMMARY", "DTSTART", "DTEND", "LOCATION", "GEO", "DESCRIPTION", "URL", "STATUS", "TRANSP")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CANCELLED_PREFIX = "CANCELLED - "

Previous = Schedule | icalendar.Calendar | str | bytes | None


# --------------------------------------------------------------------------- settings


class CalendarOptions(TypedDict, total=False):
    """The options every feed function takes as keywords; :func:`unit_calendar` says what each does.

    Declared once, so that the feed functions, :func:`write_calendars` and
    :func:`shootplan.io.caldav.publish_caldav` cannot drift apart. An option left out takes its
    default (``meal_minutes`` 60, the others None).
    """

    organizer: str | None
    production_id: str | None
    stamp: datetime | None
    call_sheet_url: str | None
    night_call_time: time | None
    meal_minutes: int
    since: date | None


@dataclass(frozen=True)
class _Settings:
    """The options every feed shares, checked once."""

    stamp: datetime
    namespace: uuid.UUID
    organizer: str
    organizer_name: str
    call_sheet_url: str | None
    night_call_time: time | None
    meal_minutes: int
    since: date | None


def _settings(
    production: Production,
    schedule: Schedule,
    *,
    organizer: str | None = None,
    production_id: str | None = None,
    stamp: datetime | None = None,
    call_sheet_url: str | None = None,
    night_call_time: time | None = None,
    meal_minutes: int = 60,
    since: date | None = None,
) -> _Settings:
    """The checked options; an unknown keyword is a TypeError here, as in a full signature."""
    when = stamp if stamp is not None else schedule.created
    if when is None:
        raise ShootplanError(
            "the schedule has no 'created' timestamp: calendars take DTSTAMP and LAST-MODIFIED from"
            " it (never from the clock, so that the same schedule gives the same feed); pass"
            " stamp=datetime(..., tzinfo=UTC) or build the schedule with created=..."
        )
    _require_aware(when, "stamp")
    if meal_minutes < 0:
        raise ShootplanError(f"meal_minutes must be 0 or more, not {meal_minutes}")
    if call_sheet_url is not None:
        try:
            call_sheet_url.format(number=1, date=date(2000, 1, 1))
        except (KeyError, IndexError, ValueError) as error:
            raise ShootplanError(
                f"call_sheet_url {call_sheet_url!r} may use only {{number}} and {{date}}: {error}"
            ) from None
    address = (organizer or "noreply@shootplan.invalid").strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", address):
        address = f"mailto:{address}"
    return _Settings(
        stamp=when.astimezone(UTC).replace(microsecond=0),
        namespace=uuid.uuid5(SHOOTPLAN_NAMESPACE, production_id or production.name),
        organizer=address,
        organizer_name=f"{production.name} production office",
        call_sheet_url=call_sheet_url,
        night_call_time=night_call_time,
        meal_minutes=meal_minutes,
        since=since,
    )


def _require_aware(value: datetime, what: str) -> None:
    """Naive datetimes become floating times, which Google reads as UTC: refuse them."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ShootplanError(
            f"{what} {value.isoformat()} has no time zone: a naive datetime becomes a floating"
            " time that phones show at the wrong hour (give tzinfo, e.g. UTC)"
        )


# --------------------------------------------------------------------------- the day plans


@dataclass(frozen=True)
class _Item:
    """One stretch of a shoot day's estimated timeline: a scene, a meal or a company move."""

    kind: Literal["scene", "meal", "move"]
    start: datetime
    end: datetime
    location: Location  # where it happens; for a move, where the unit goes
    scene: Scene | None = None
    part: tuple[int, int] | None = None  # (k, n): day k of a scene shot over n days
    eighths: int = 0


@dataclass(frozen=True)
class _Segment:
    """A stretch of a shoot day the unit spends at one location."""

    location: Location
    start: datetime
    end: datetime
    items: tuple[_Item, ...]
    first: bool  # starts at crew call (else on arrival after a company move)


@dataclass(frozen=True)
class _DayPlan:
    """One shoot day laid out: identity, times, timeline and who works."""

    index: int
    day: ShootDay
    uid: str
    total: int
    zone: ZoneInfo
    call: datetime
    wrap: datetime
    items: tuple[_Item, ...]
    scenes: tuple[str, ...]
    eighths: int
    work_minutes: int
    meal_minutes: int

    @property
    def label(self) -> str:
        """``Day 4/32``."""
        return f"Day {self.day.number}/{self.total}"

    @property
    def location(self) -> Location | None:
        """Where the crew is called (the first scene's location)."""
        return self.items[0].location if self.items else None

    def segments(self) -> list[_Segment]:
        """The stretches at each location, in order (A, B, A gives three)."""
        segments: list[_Segment] = []
        current: list[_Item] = []
        start = self.call
        for item in self.items:
            if item.kind == "move":
                if current:
                    location = current[0].location
                    segments.append(_Segment(location, start, item.start, tuple(current), not segments))
                current, start = [], item.end
            else:
                current.append(item)
        if current:
            segments.append(_Segment(current[0].location, start, self.wrap, tuple(current), not segments))
        return segments


@dataclass(frozen=True)
class _Plan:
    """A schedule laid out for calendars: one plan per shoot day and everyone's work."""

    production: Production
    schedule: Schedule
    days: tuple[_DayPlan, ...]
    work: Mapping[str, CastWork]


@dataclass(frozen=True)
class _PreviousDay:
    """A shoot day as a previous feed published it (for UID inheritance)."""

    uid: str
    scenes: frozenset[str]
    start: date


def _plan(
    production: Production,
    schedule: Schedule,
    settings: _Settings,
    previous_days: Mapping[str, _PreviousDay] | None = None,
) -> _Plan:
    unknown = sorted({n for d in schedule.days for n in d.scenes if not production.has_scene(n)})
    if unknown:
        raise ShootplanError(
            f"the schedule lists scene(s) {', '.join(unknown)}, which are not in production"
            f" {production.name!r}: no calendar can describe them"
        )
    evaluation = evaluate(production, schedule)
    uids = _day_uids(settings.namespace, schedule, previous_days)
    total = schedule.days[-1].number if schedule.days else 0
    spans = schedule.scene_days()
    days = tuple(
        _lay_out(
            production,
            settings,
            index,
            day,
            uids[index],
            total,
            evaluation.minutes_per_day[index],
            evaluation.eighths_per_day[index],
            spans,
        )
        for index, day in enumerate(schedule.days)
    )
    return _Plan(production, schedule, days, evaluation.cast)


def _zone_of(production: Production, location: Location | None) -> ZoneInfo:
    name = (location.time_zone if location else None) or production.calendar.time_zone
    return ZoneInfo(name)


def _lay_out(
    production: Production,
    settings: _Settings,
    index: int,
    day: ShootDay,
    uid: str,
    total: int,
    work_minutes: int,
    eighths: int,
    spans: Mapping[str, list[int]],
) -> _DayPlan:
    """The estimated timeline of one day: call, scenes, meal, moves, wrap."""
    rules = production.rules
    numbers = tuple(dict.fromkeys(day.scenes))
    scenes = [production.scene(n) for n in numbers]
    first = production.location(scenes[0].location) if scenes else None
    zone = _zone_of(production, first)
    night = bool(scenes) and all(s.is_night for s in scenes)
    call_time = settings.night_call_time if night and settings.night_call_time else rules.call_time
    call = datetime.combine(day.date, call_time.replace(tzinfo=None), tzinfo=zone)
    meal = settings.meal_minutes if work_minutes > MEAL_AFTER_MINUTES and scenes else 0

    # (scene, eighths, minutes, part) as evaluate() shares a multi-day scene between its days.
    entries: list[tuple[Scene, int, int, tuple[int, int] | None]] = []
    for scene in scenes:
        span = spans.get(scene.number, [index])
        share_eighths, share_minutes = scene_share(production, scene, span, index)
        part = (span.index(index) + 1, len(span)) if len(span) > 1 else None
        entries.append((scene, share_eighths, share_minutes, part))
    meal_at, split = _meal_position(production, entries, work_minutes, meal)

    # Clock arithmetic in UTC: a wall-clock sum would be an hour off across a DST change.
    now = call.astimezone(UTC)
    items: list[_Item] = []
    previous: Location | None = None
    for position, (scene, share_eighths, minutes, part) in enumerate(entries):
        location = production.location(scene.location)
        if meal and position == meal_at:
            items.append(_Item("meal", now, now + timedelta(minutes=meal), previous or location))
            now += timedelta(minutes=meal)
        if previous is not None and location.name != previous.name:
            move = timedelta(minutes=rules.company_move_minutes)
            items.append(_Item("move", now, now + move, location))
            now += move
        if meal and split and position == 0:
            # One long scene: the meal falls in its middle; the rest is listed as "(cont.)".
            half = minutes // 2
            end = now + timedelta(minutes=half)
            items.append(_Item("scene", now, end, location, scene, part, share_eighths))
            items.append(_Item("meal", end, end + timedelta(minutes=meal), location))
            now, minutes, share_eighths = end + timedelta(minutes=meal), minutes - half, 0
        end = now + timedelta(minutes=minutes)
        items.append(_Item("scene", now, end, location, scene, part, share_eighths))
        now = end
        previous = location
    # The wrap is evaluate()'s work for the day (the one definition) plus the meal, counted in UTC.
    wrap = (call.astimezone(UTC) + timedelta(minutes=work_minutes + meal)).astimezone(zone)
    return _DayPlan(
        index=index,
        day=day,
        uid=uid,
        total=total,
        zone=zone,
        call=call,
        wrap=wrap,
        items=tuple(items),
        scenes=numbers,
        eighths=eighths,
        work_minutes=work_minutes,
        meal_minutes=meal,
    )


def _meal_position(
    production: Production,
    entries: Sequence[tuple[Scene, int, int, tuple[int, int] | None]],
    work_minutes: int,
    meal: int,
) -> tuple[int | None, bool]:
    """Where the meal goes: before entry k (the boundary nearest half-way), or inside a lone scene."""
    if not meal or not entries:
        return None, False
    if len(entries) == 1:
        return None, True
    elapsed = 0
    best: tuple[float, int] | None = None
    for position, (scene, _, minutes, _) in enumerate(entries):
        if position:
            # The meal comes before a company move at the same boundary (the crew eats, then goes).
            distance = abs(elapsed - work_minutes / 2)
            if best is None or distance < best[0]:
                best = (distance, position)
            if entries[position - 1][0].location != scene.location:
                elapsed += production.rules.company_move_minutes
        elapsed += minutes
    return (best[1] if best else None), False


# --------------------------------------------------------------------------- identity


def _scene_order(number: str) -> bytes:
    """A fixed, arbitrary order of scene numbers that no edit of the production can change."""
    return hashlib.sha256(number.encode("utf-8")).digest()


def _day_keys(schedule: Schedule) -> list[str]:
    """The pure identity of each day: its anchor scene and how many earlier days share it."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for day in schedule.days:
        numbers = list(dict.fromkeys(day.scenes))
        base = f"day/{min(numbers, key=_scene_order)}" if numbers else "day/empty"
        keys.append(f"{base}/{seen[base]}")
        seen[base] += 1
    return keys


def _day_uids(
    namespace: uuid.UUID,
    schedule: Schedule,
    previous_days: Mapping[str, _PreviousDay] | None,
) -> list[str]:
    """Each day's UID: the previously published day it continues, else its own anchor UID."""
    keys = _day_keys(schedule)
    pure = [str(uuid.uuid5(namespace, key)) for key in keys]
    if not previous_days:
        return pure
    scenes = [frozenset(day.scenes) for day in schedule.days]
    dates = schedule.dates()
    # A day continues the published day it shares the most scenes with; on ties the one that
    # already has its own UID, then the nearest date, then order, so the choice is reproducible.
    pairs = sorted(
        (-len(scenes[i] & d.scenes), pure[i] != d.uid, abs((dates[i] - d.start).days), i, d.uid)
        for i in range(len(keys))
        for d in previous_days.values()
        if scenes[i] & d.scenes
    )
    result: list[str | None] = [None] * len(keys)
    taken: set[str] = set()
    for _, _, _, i, uid in pairs:
        if result[i] is None and uid not in taken:
            result[i] = uid
            taken.add(uid)
    uids: list[str] = []
    for i, inherited in enumerate(result):
        if inherited is not None:
            uids.append(inherited)
            continue
        # A new day: its own UID, unless a continuing day already carries that one.
        uid, again = pure[i], 0
        while uid in taken:
            again += 1
            uid = str(uuid.uuid5(namespace, f"{keys[i]}+{again}"))
        taken.add(uid)
        uids.append(uid)
    return uids


def _uid(settings: _Settings, key: str) -> str:
    return str(uuid.uuid5(settings.namespace, key))


# --------------------------------------------------------------------------- feeds and drafts


@dataclass(frozen=True)
class _Feed:
    """One calendar: which events it holds and what it is called."""

    key: str  # "unit", "cast/7", "location/HARBOR HOUSE"
    name: str
    description: str
    drafts: Callable[[_Plan, _Settings], list[_Draft]]
    empty: str  # why there is nothing to publish, when there is not


@dataclass(frozen=True)
class _Draft:
    """An event's content before its revision is known."""

    uid: str
    start: date
    day: str
    scenes: tuple[str, ...]
    properties: tuple[tuple[str, Any, Mapping[str, str]], ...]


def _unit_feed(production: Production, schedule: Schedule, stamp: datetime) -> _Feed:
    return _Feed(
        key="unit",
        name=f"{production.name} · Unit",
        description=_feed_description(production, schedule, stamp, "Every shoot day"),
        drafts=_unit_drafts,
        empty="the schedule has no shoot days",
    )


def _cast_feed(production: Production, schedule: Schedule, stamp: datetime, cast_id: str) -> _Feed:
    member = production.cast_member(cast_id)
    who = member.label + (f" ({member.name})" if member.name and member.character else "")

    def drafts(plan: _Plan, settings: _Settings) -> list[_Draft]:
        return _cast_drafts(plan, settings, cast_id)

    return _Feed(
        key=f"cast/{cast_id}",
        name=f"{production.name} · {who}",
        description=_feed_description(production, schedule, stamp, f"Work and hold days of {who}"),
        drafts=drafts,
        empty=f"cast {cast_id} ({member.label}) has no work or hold days in this schedule",
    )


def _location_feed(production: Production, schedule: Schedule, stamp: datetime, name: str) -> _Feed:
    location = production.location(name)

    def drafts(plan: _Plan, settings: _Settings) -> list[_Draft]:
        return _location_drafts(plan, settings, location)

    return _Feed(
        key=f"location/{name}",
        name=f"{production.name} · {name}",
        description=_feed_description(production, schedule, stamp, f"The unit at {name}"),
        drafts=drafts,
        empty=f"the unit is never at location {name!r} in this schedule",
    )


def _feed_description(production: Production, schedule: Schedule, stamp: datetime, what: str) -> str:
    version = f" ({schedule.name})" if schedule.name else ""
    return (
        f"{what} of {production.name}{version}, published {stamp:%Y-%m-%d %H:%M} UTC by"
        " shootplan. Call and wrap times are estimates; the call sheet is the reference."
    )


def _unit_drafts(plan: _Plan, settings: _Settings) -> list[_Draft]:
    drafts: list[_Draft] = []
    for day in _days(plan, settings):
        if not day.items:
            drafts.append(
                _all_day(
                    day,
                    day.uid,
                    f"{day.label} · no scenes scheduled",
                    f"{_day_heading(day)}\nNo scenes are scheduled on this shoot day yet.",
                    settings,
                )
            )
            continue
        locations = list(dict.fromkeys(s.location.name for s in day.segments()))
        lines = [
            _day_heading(day, f"{format_pages(day.eighths)} pages"),
            _call_and_wrap(day),
            "",
            *_timeline(plan.production, day, day.items),
            f"{_hhmm(day.wrap, day)}  Estimated wrap",
            "",
            f"Cast: {_cast_list(plan.production, day.scenes)}",
            *_footer(plan.production, day, day.items, settings),
        ]
        drafts.append(
            _timed(
                day,
                day.uid,
                f"{day.label} · Call {_hhmm(day.call, day)} · {' → '.join(locations)}",
                day.call,
                day.wrap,
                day.location,
                "\n".join(lines),
                settings,
            )
        )
    return drafts


def _cast_drafts(plan: _Plan, settings: _Settings, cast_id: str) -> list[_Draft]:
    production = plan.production
    member = production.cast_member(cast_id)
    work = plan.work[cast_id]
    wanted = set(work.work_days) | set(work.hold_days)
    drafts: list[_Draft] = []
    for day in _days(plan, settings):
        if day.index not in wanted:
            continue
        if day.index in work.hold_days:
            drafts.append(
                _all_day(
                    day,
                    _uid(settings, f"hold/{cast_id}/{day.uid}"),
                    f"Hold · {day.label} · {member.character or member.name or member.id}",
                    f"{_day_heading(day)}\nOn hold as {member.label}: not called, but paid and"
                    " held for the production. Keep the day free and stay reachable.",
                    settings,
                )
            )
            continue
        mine = [i for i in day.items if i.scene is not None and cast_id in i.scene.cast]
        where = mine[0].location if mine else day.location
        lines = [
            _day_heading(day, f"you work as {member.label}"),
            _call_and_wrap(day),
            "",
            "Your scenes:",
            *_timeline(production, day, mine),
            *_footer(production, day, mine, settings),
        ]
        drafts.append(
            _timed(
                day,
                _uid(settings, f"work/{cast_id}/{day.uid}"),
                f"{day.label} · Call {_hhmm(day.call, day)} · {where.name if where else ''}",
                day.call,
                day.wrap,
                where,
                "\n".join(lines),
                settings,
            )
        )
    return drafts


def _location_drafts(plan: _Plan, settings: _Settings, location: Location) -> list[_Draft]:
    drafts: list[_Draft] = []
    for day in _days(plan, settings):
        segments = [s for s in day.segments() if s.location.name == location.name]
        for k, segment in enumerate(segments):
            arrive = "Call" if segment.first else "From"
            lines = [
                _day_heading(day),
                f"The unit is at {location.name} from {_hhmm(segment.start, day)} to"
                f" {_hhmm(segment.end, day)} ({day.zone.key})",
                "",
                *_timeline(plan.production, day, segment.items),
                *_footer(plan.production, day, segment.items, settings),
            ]
            drafts.append(
                _timed(
                    day,
                    _uid(settings, f"location/{location.name}/{day.uid}/{k}"),
                    f"{day.label} · {arrive} {_hhmm(segment.start, day)} · {location.name}",
                    segment.start,
                    segment.end,
                    location,
                    "\n".join(lines),
                    settings,
                )
            )
    return drafts


def _days(plan: _Plan, settings: _Settings) -> Iterator[_DayPlan]:
    """The days to publish: all, or those from ``since`` on (to keep long feeds lean)."""
    for day in plan.days:
        if settings.since is None or day.day.date >= settings.since:
            yield day


def _timed(
    day: _DayPlan,
    uid: str,
    summary: str,
    start: datetime,
    end: datetime,
    location: Location | None,
    description: str,
    settings: _Settings,
) -> _Draft:
    zone = _zone_of_location(day, location)
    return _draft(
        day, uid, summary, start.astimezone(zone), end.astimezone(zone), location, description, settings
    )


def _zone_of_location(day: _DayPlan, location: Location | None) -> ZoneInfo:
    if location is not None and location.time_zone:
        return ZoneInfo(location.time_zone)
    return day.zone


def _all_day(day: _DayPlan, uid: str, summary: str, description: str, settings: _Settings) -> _Draft:
    # All-day: VALUE=DATE on both ends and an exclusive DTEND, the next date.
    end = day.day.date + timedelta(days=1)
    return _draft(day, uid, summary, day.day.date, end, None, description, settings)


def _draft(
    day: _DayPlan,
    uid: str,
    summary: str,
    start: date | datetime,
    end: date | datetime,
    location: Location | None,
    description: str,
    settings: _Settings,
) -> _Draft:
    """Timed and all-day events alike, their properties always in the same order (stable bytes)."""
    properties: list[tuple[str, Any, Mapping[str, str]]] = [
        ("SUMMARY", summary, {}),
        ("DTSTART", start, {}),
        ("DTEND", end, {}),
        *_place(location),
        ("DESCRIPTION", description, {}),
        *_call_sheet(day, settings),
        ("STATUS", "CONFIRMED", {}),
        ("TRANSP", "OPAQUE", {}),
    ]
    return _Draft(uid, day.day.date, day.uid, day.scenes, tuple(properties))


def _place(location: Location | None) -> list[tuple[str, Any, Mapping[str, str]]]:
    if location is None:
        return []
    properties: list[tuple[str, Any, Mapping[str, str]]] = [
        ("LOCATION", location.address or location.name, {})
    ]
    if location.latitude is not None and location.longitude is not None:
        properties.append(("GEO", (location.latitude, location.longitude), {}))
    return properties


def _call_sheet(day: _DayPlan, settings: _Settings) -> list[tuple[str, Any, Mapping[str, str]]]:
    if not settings.call_sheet_url:
        return []
    url = settings.call_sheet_url.format(number=day.day.number, date=day.day.date)
    return [("URL", url, {})]


# --------------------------------------------------------------------------- description text


def _hhmm(moment: datetime, day: _DayPlan) -> str:
    """``07:00`` in the day's zone; ``01:30 (+1)`` past midnight."""
    local = moment.astimezone(day.zone)
    later = (local.date() - day.day.date).days
    return f"{local:%H:%M}" + (f" (+{later})" if later else "")


def _day_heading(day: _DayPlan, extra: str = "") -> str:
    d = day.day.date
    text = (
        f"Day {day.day.number} of {day.total} · {WEEKDAY_NAMES[d.weekday()]}"
        f" {d.day} {_MONTHS[d.month - 1]} {d.year}"
    )
    return f"{text} · {extra}" if extra else text


def _call_and_wrap(day: _DayPlan) -> str:
    return f"Crew call {_hhmm(day.call, day)} · estimated wrap {_hhmm(day.wrap, day)} ({day.zone.key})"


def _pages(eighths: int) -> str:
    return f"{format_pages(eighths)} {'pg' if eighths <= 8 else 'pgs'}"


def _timeline(production: Production, day: _DayPlan, items: Iterable[_Item]) -> list[str]:
    lines: list[str] = []
    for item in items:
        when = _hhmm(item.start, day)
        minutes = round((item.end - item.start).total_seconds() / 60)
        if item.kind == "meal":
            lines.append(f"{when}  Meal · {minutes} min")
        elif item.kind == "move":
            address = f" · {item.location.address}" if item.location.address else ""
            lines.append(f"{when}  Company move to {item.location.name} · {minutes} min{address}")
        elif item.scene is not None:
            scene = item.scene
            part = f" (day {item.part[0]} of {item.part[1]})" if item.part else ""
            cast = f" · cast {', '.join(scene.cast)}" if scene.cast else ""
            pages = f" · {_pages(item.eighths)}" if item.eighths else " (cont.)"
            lines.append(f"{when}  Sc. {scene.number}{part} · {scene.slugline}{pages}{cast}")
            if scene.synopsis and item.eighths:
                lines.append(f"       {scene.synopsis}")
    return lines


def _cast_list(production: Production, numbers: Iterable[str]) -> str:
    ids = list(dict.fromkeys(c for n in numbers for c in production.scene(n).cast))
    order = {c.id: i for i, c in enumerate(production.cast)}
    ids.sort(key=lambda c: order.get(c, len(order)))
    return ", ".join(production.cast_member(c).label for c in ids) or "none"


def _footer(production: Production, day: _DayPlan, items: Iterable[_Item], settings: _Settings) -> list[str]:
    """Addresses of the places in ``items``, the call sheet, and how the times were estimated."""
    lines = [""]
    for location in dict.fromkeys(i.location.name for i in items if i.kind != "meal"):
        place = production.location(location)
        if place.address:
            lines.append(f"{place.name}: {place.address}")
    if settings.call_sheet_url:
        lines.append(
            f"Call sheet: {settings.call_sheet_url.format(number=day.day.number, date=day.day.date)}"
        )
    rules = production.rules
    meal = f", a {day.meal_minutes} min meal" if day.meal_minutes else ""
    lines.append(
        f"Estimated times: {rules.minutes_per_page:g} min a page unless a scene has its own,"
        f" {rules.company_move_minutes} min a company move{meal}."
    )
    return lines


# --------------------------------------------------------------------------- previous state


@dataclass(frozen=True)
class _Published:
    """An event as previously published: what the phones hold now."""

    uid: str
    sequence: int
    last_modified: datetime | None
    fingerprint: str
    cancelled: bool
    start: date
    day: str | None
    scenes: frozenset[str]
    event: icalendar.Event


@dataclass(frozen=True)
class _State:
    """Everything previously published in one feed, by UID."""

    events: Mapping[str, _Published]
    exact: bool  # read from a feed (True) or re-derived from a Schedule (False)

    def days(self) -> dict[str, _PreviousDay]:
        """The live shoot days the events belong to (for UID inheritance)."""
        days: dict[str, _PreviousDay] = {}
        for event in self.events.values():
            if event.day and not event.cancelled and event.day not in days:
                days[event.day] = _PreviousDay(event.day, event.scenes, event.start)
        return days


_EMPTY = _State({}, exact=False)


def _fingerprint(event: icalendar.Component) -> str:
    """A digest of what subscribers see, independent of how a server re-serializes it."""
    parts: list[str] = []
    for name in _CONTENT:
        value = event.get(name)
        if value is None:
            parts.append(f"{name}=")
        elif name in {"DTSTART", "DTEND"}:
            # The instant (with its offset) and the zone's name: how the server spells it is moot.
            zone = value.params.get("TZID", "")
            parts.append(f"{name}={event.decoded(name).isoformat()}|{zone}")
        elif name == "GEO":
            parts.append(f"{name}={float(value.latitude):.6f};{float(value.longitude):.6f}")
        else:
            parts.append(f"{name}={value}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _state_from_calendar(
    calendar: icalendar.Calendar, namespace: uuid.UUID, feed: str | None, *, exact: bool
) -> _State:
    """Our events of one feed (recognized by X-SHOOTPLAN-PRODUCTION and -FEED) in a calendar."""
    events: dict[str, _Published] = {}
    for event in calendar.walk("VEVENT"):
        published = _published(event, namespace, feed)
        if published is not None:
            events[published.uid] = published
    return _State(events, exact=exact)


def _published(event: icalendar.Component, namespace: uuid.UUID, feed: str | None) -> _Published | None:
    if str(event.get(X_PRODUCTION, "")) != str(namespace):
        return None
    if feed is not None and unquote(str(event.get(X_FEED, ""))) != feed:
        return None
    if "UID" not in event or "DTSTART" not in event:
        return None  # not something we published (or damaged beyond use): leave it be
    start = event.decoded("DTSTART")
    if isinstance(start, datetime):
        start = start.date()
    modified = event.decoded("LAST-MODIFIED") if "LAST-MODIFIED" in event else None
    scenes = frozenset(unquote(n) for n in str(event.get(X_SCENES, "")).split())
    return _Published(
        uid=str(event["UID"]),
        sequence=int(event.get("SEQUENCE", 0)),
        last_modified=modified if isinstance(modified, datetime) else None,
        fingerprint=_fingerprint(event),
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
        start=start,
        day=str(event[X_DAY]) if X_DAY in event else None,
        scenes=scenes,
        event=_as_event(event),
    )


def _as_event(component: icalendar.Component) -> icalendar.Event:
    """A parsed VEVENT, typed as one (copied only if the parser gave a bare component)."""
    if isinstance(component, icalendar.Event):
        return component
    event = icalendar.Event.from_ical(component.to_ical())
    assert isinstance(event, icalendar.Event)
    return event


def _parse_feed(text: str | bytes, what: str) -> icalendar.Calendar:
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise ShootplanError(f"cannot read {what} as iCalendar: {error}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise ShootplanError(f"{what} is not a VCALENDAR")
    return calendar


def _state_from_previous(
    production: Production,
    previous: Previous,
    feed: _Feed,
    settings: _Settings,
) -> _State:
    if previous is None:
        return _EMPTY
    if isinstance(previous, Schedule):
        return _state_from_plan(production, _previous_plan(production, previous, settings), feed)
    if isinstance(previous, str | bytes):
        previous = _parse_feed(previous, "the previous feed")
    return _state_from_calendar(previous, settings.namespace, feed.key, exact=True)


def _previous_plan(
    production: Production, previous: Schedule, settings: _Settings
) -> tuple[_Plan, _Settings]:
    """The previous schedule laid out as it was published: no history, stamped when made."""
    stamp = previous.created.astimezone(UTC) if previous.created else settings.stamp
    then = replace(settings, stamp=stamp.replace(microsecond=0))
    return _plan(production, previous, then), then


def _state_from_plan(production: Production, previous: tuple[_Plan, _Settings], feed: _Feed) -> _State:
    """What a previous schedule's feed held: every event at SEQUENCE 0."""
    plan, then = previous
    calendar = _render(production, plan, feed, _EMPTY, then, allow_empty=True)
    return _state_from_calendar(calendar, then.namespace, feed.key, exact=False)


# --------------------------------------------------------------------------- rendering


def _render(
    production: Production,
    plan: _Plan,
    feed: _Feed,
    state: _State,
    settings: _Settings,
    *,
    allow_empty: bool = False,
) -> icalendar.Calendar:
    """The feed's calendar: fresh events with their revisions, then what was withdrawn."""
    drafts = feed.drafts(plan, settings)
    events: list[icalendar.Event] = []
    live: set[str] = set()
    for draft in drafts:
        content = icalendar.Event()
        for name, value, params in draft.properties:
            content.add(name, value, parameters=dict(params))
        fingerprint = _fingerprint(content)
        old = state.events.get(draft.uid)
        if old is None:
            sequence, modified = 0, settings.stamp
        elif old.cancelled or old.fingerprint != fingerprint:
            sequence, modified = old.sequence + 1, settings.stamp
        else:
            sequence, modified = old.sequence, old.last_modified or settings.stamp
        events.append(_event(draft, feed, sequence, modified, settings))
        live.add(draft.uid)
    withdrawn = sorted(
        (e for e in state.events.values() if e.uid not in live),
        key=lambda e: (e.start, e.uid),
    )
    for old in withdrawn:
        if settings.since is not None and old.start < settings.since:
            continue  # pruned: long past, subscribers need not hear of it again
        events.append(_cancelled(old, settings))
    if not events and not allow_empty:
        raise ShootplanError(f"no calendar for {feed.name}: {feed.empty}")
    calendar = _calendar(production, feed, settings)
    for event in events:
        calendar.add_component(event)
    _add_time_zones(calendar, events)
    _reject_floating(calendar)
    return calendar


def _new_calendar() -> icalendar.Calendar:
    """What every VCALENDAR of ours starts with, a feed or one event stored on a CalDAV server."""
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _calendar(production: Production, feed: _Feed, settings: _Settings) -> icalendar.Calendar:
    calendar = _new_calendar()
    calendar.add("method", "PUBLISH")
    # Calendar.new() would add a random UID; ours is stable per feed.
    calendar.add("uid", _uid(settings, f"feed/{feed.key}"))
    calendar.add("name", feed.name)
    calendar.add("x-wr-calname", vText(feed.name))
    calendar.add("description", feed.description)
    calendar.add("x-wr-caldesc", vText(feed.description))
    calendar.add("x-wr-timezone", production.calendar.time_zone)
    # By hand: Calendar.new(refresh_interval=...) leaves out the required VALUE=DURATION.
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    return calendar


def _header(event: icalendar.Event, uid: str, sequence: int, modified: datetime, stamp: datetime) -> None:
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("last-modified", modified.astimezone(UTC))


def _event(
    draft: _Draft, feed: _Feed, sequence: int, modified: datetime, settings: _Settings
) -> icalendar.Event:
    event = icalendar.Event()
    _header(event, draft.uid, sequence, modified, settings.stamp)
    for name, value, params in draft.properties:
        event.add(name, value, parameters=dict(params))
    organizer = vCalAddress(settings.organizer)
    organizer.params["CN"] = settings.organizer_name
    event.add("organizer", organizer)
    event.add(X_PRODUCTION, str(settings.namespace))
    # Percent-encoded: parsers hand X- values back raw, so a TEXT-escaped comma would not match.
    event.add(X_FEED, quote(feed.key, safe="/ "))
    event.add(X_DAY, draft.day)
    event.add(X_SCENES, " ".join(quote(n, safe="") for n in draft.scenes))
    return event


def _cancelled(old: _Published, settings: _Settings) -> icalendar.Event:
    """The withdrawn event once more, cancelled (or as it was, when already cancelled)."""
    if old.cancelled:
        return _rebuilt(old.event, old.sequence, old.last_modified or settings.stamp, settings, {})
    summary = str(old.event.get("SUMMARY", ""))
    return _rebuilt(
        old.event,
        old.sequence + 1,
        settings.stamp,
        settings,
        {
            "SUMMARY": vText(_CANCELLED_PREFIX + summary),
            "STATUS": vText("CANCELLED"),
            "TRANSP": vText("TRANSPARENT"),
        },
    )


def _rebuilt(
    old: icalendar.Event,
    sequence: int,
    modified: datetime,
    settings: _Settings,
    changes: Mapping[str, Any],
) -> icalendar.Event:
    """A copy in canonical property order, so a re-publish gives the same bytes."""
    event = icalendar.Event()
    _header(event, str(old["UID"]), sequence, modified, settings.stamp)
    for name, value in old.property_items(recursive=False, sorted=False):
        if name in {"BEGIN", "END", "UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED"}:
            continue
        event.add(name, changes.get(name, value), encode=False)
    for name, value in changes.items():
        if name not in event:
            event.add(name, value, encode=False)
    return event


def _add_time_zones(calendar: icalendar.Calendar, events: Sequence[icalendar.Event]) -> None:
    """A VTIMEZONE for every TZID (Outlook reads a TZID without one as floating)."""
    if not events:
        return
    years = [e.decoded("DTSTART").year for e in events] + [e.decoded("DTEND").year for e in events]
    calendar.add_missing_timezones(date(min(years), 1, 1), date(max(years) + 1, 1, 1))
    zones = sorted(calendar.walk("VTIMEZONE"), key=lambda z: str(z["TZID"]))
    for zone in zones:
        # icalendar leaves a COMMENT on VTIMEZONE, which RFC 5545 does not allow there.
        zone.pop("COMMENT", None)
    others = [c for c in calendar.subcomponents if c.name != "VTIMEZONE"]
    calendar.subcomponents[:] = [*zones, *others]


def _reject_floating(calendar: icalendar.Calendar) -> None:
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            if name in event:
                value = event.decoded(name)
                if isinstance(value, datetime):
                    _require_aware(value, f"{name} of event {event.get('UID')}")


# --------------------------------------------------------------------------- public API


def unit_calendar(
    production: Production,
    schedule: Schedule,
    *,
    previous: Previous = None,
    **options: Unpack[CalendarOptions],
) -> icalendar.Calendar:
    """The unit's feed: every shoot day from crew call to estimated wrap, at its location.

    ``previous`` is what was published before (a Schedule, or the feed's text or calendar): it
    decides SEQUENCE and the cancelled events (module docs). ``organizer`` is the production
    office's address (``mailto:`` added when missing; a placeholder otherwise). ``production_id``
    keeps UIDs stable when the production is renamed (default: its name). ``stamp`` overrides
    ``schedule.created``; one of them is required. ``call_sheet_url`` may use ``{number}`` and
    ``{date}``. ``since`` leaves out earlier days. Raises :class:`ShootplanError` when there is
    nothing to publish or a datetime is naive.
    """
    settings = _settings(production, schedule, **options)
    feed = _unit_feed(production, schedule, settings.stamp)
    return _one_feed(production, schedule, feed, previous, settings)


def cast_calendar(
    production: Production,
    schedule: Schedule,
    cast_id: str,
    *,
    previous: Previous = None,
    **options: Unpack[CalendarOptions],
) -> icalendar.Calendar:
    """One performer's feed: work days (timed, crew call to wrap) and hold days (all-day, busy).

    Work, hold and drop days are exactly :func:`shootplan.cast_work`'s; dropped days stay free.
    Raises :class:`ShootplanError` when the performer has no day to publish (an iCalendar file
    needs at least one event), ``KeyError`` for an unknown board ID. Options as
    :func:`unit_calendar`.
    """
    settings = _settings(production, schedule, **options)
    feed = _cast_feed(production, schedule, settings.stamp, cast_id)
    return _one_feed(production, schedule, feed, previous, settings)


def location_calendar(
    production: Production,
    schedule: Schedule,
    location_name: str,
    *,
    previous: Previous = None,
    **options: Unpack[CalendarOptions],
) -> icalendar.Calendar:
    """One location's feed: each stretch of a shoot day the unit spends there.

    Raises :class:`ShootplanError` when the unit is never there, ``KeyError`` for an unknown
    location. Options as :func:`unit_calendar`.
    """
    settings = _settings(production, schedule, **options)
    feed = _location_feed(production, schedule, settings.stamp, location_name)
    return _one_feed(production, schedule, feed, previous, settings)


def _one_feed(
    production: Production,
    schedule: Schedule,
    feed: _Feed,
    previous: Previous,
    settings: _Settings,
) -> icalendar.Calendar:
    state = _state_from_previous(production, previous, feed, settings)
    return _render_schedule(production, schedule, feed, state, settings)


def _render_schedule(
    production: Production,
    schedule: Schedule,
    feed: _Feed,
    state: _State,
    settings: _Settings,
    *,
    allow_empty: bool = False,
) -> icalendar.Calendar:
    """The feed of ``schedule`` over what subscribers hold (``state``).

    Days continue the published days' UIDs only when ``state`` was read from a feed: a UID
    inherited from a re-derived Schedule could not be reproduced by a later publish (module docs).
    """
    plan = _plan(production, schedule, settings, state.days() if state.exact else None)
    return _render(production, plan, feed, state, settings, allow_empty=allow_empty)


def feed_file_names(production: Production) -> dict[str, str]:
    """Feed key -> file name: ``unit.ics``, ``cast-7-nora.ics``, ``location-harbor-house.ics``.

    Names are lower-case ASCII letters, digits and hyphens (safe on every OS and in URLs); a
    name that would collide with another (even differing only in case) gets a short suffix
    derived from the board ID or location name, so it stays the same from one publish to the next.
    """
    names: dict[str, str] = {"unit": "unit"}
    for member in production.cast:
        person = _slug(member.character or member.name)
        board = _slug(member.id) or _digest(member.id)
        names[f"cast/{member.id}"] = f"cast-{board}-{person}" if person else f"cast-{board}"
    for location in production.locations:
        names[f"location/{location.name}"] = f"location-{_slug(location.name) or _digest(location.name)}"
    counts = Counter(name.casefold() for name in names.values())
    for key, name in names.items():
        if counts[name.casefold()] > 1:
            names[key] = f"{name}-{_digest(key)}"
    return {key: f"{name}.ics" for key, name in names.items()}


# Letters that Unicode does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Ł": "L",
     "ł": "l", "Đ": "D", "đ": "d", "Þ": "TH", "þ": "th", "ı": "i"}
)  # fmt: skip


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def write_calendars(
    production: Production,
    schedule: Schedule,
    out_dir: str | os.PathLike[str],
    *,
    previous: Schedule | None = None,
    **options: Unpack[CalendarOptions],
) -> list[Path]:
    """Write ``unit.ics``, one ``cast-<id>-<name>.ics`` per performer and one
    ``location-<name>.ics`` per location to ``out_dir``; return the paths written.

    The feeds already in ``out_dir`` are what subscribers hold: when there are any, they decide
    SEQUENCE, cancellations and UID inheritance exactly, and ``previous`` is not needed (nor
    used). ``previous`` (the Schedule published before) serves a fresh folder. A performer with no
    work or hold day, or a location the unit never visits, gets no file (logged); a file with
    nothing left in it is never written empty. Each file is replaced atomically (temporary file
    and ``os.replace``) and only when its bytes change, so web servers keep their ETags. Options as
    :func:`unit_calendar`.
    """
    settings = _settings(production, schedule, **options)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    file_names = feed_file_names(production)
    feeds = [_unit_feed(production, schedule, settings.stamp)]
    feeds += [_cast_feed(production, schedule, settings.stamp, c.id) for c in production.cast]
    feeds += [_location_feed(production, schedule, settings.stamp, loc.name) for loc in production.locations]
    on_disk: dict[str, _State] = {}
    for feed in feeds:
        path = folder / file_names[feed.key]
        if path.exists():
            calendar = _parse_feed(path.read_bytes(), str(path))
            on_disk[feed.key] = _state_from_calendar(calendar, settings.namespace, feed.key, exact=True)
    published = any(state.events for state in on_disk.values())
    previous_days: dict[str, _PreviousDay] = {}
    for state in on_disk.values():
        previous_days.update(state.days())
    plan = _plan(production, schedule, settings, previous_days if published else None)
    before = _previous_plan(production, previous, settings) if previous and not published else None
    paths: list[Path] = []
    for feed in feeds:
        path = folder / file_names[feed.key]
        if published:
            state = on_disk.get(feed.key, _EMPTY)
        elif before is not None:
            state = _state_from_plan(production, before, feed)
        else:
            state = _EMPTY
        calendar = _render(production, plan, feed, state, settings, allow_empty=True)
        if not calendar.walk("VEVENT"):
            if feed.key == "unit":
                raise ShootplanError(f"no calendar for {feed.name}: {feed.empty}")
            # An iCalendar file needs at least one event: no file, and say why.
            logger.warning("no calendar file for %s: %s", feed.name, feed.empty)
            continue
        _write_atomic(path, calendar.to_ical())
        paths.append(path)
    return paths


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step, so a web server never serves half a feed."""
    if path.exists() and path.read_bytes() == data:
        return
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise

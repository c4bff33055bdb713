"""Which feeds exist (the unit, each performer, each location) and the events each holds.

A :class:`Feed` names one calendar; :func:`feed_drafts` gives its events as :class:`Draft` (the
content a subscriber sees, before its revision is known): the unit's shoot days from crew call to
estimated wrap, a performer's work days (timed) and hold days (all-day, busy; drop periods stay
free), and each stretch of a day the unit spends at a location.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal
from zoneinfo import ZoneInfo

from shootplan.day_checks import duration_words, minor_days
from shootplan.io.ics.identity import event_uid
from shootplan.io.ics.options import Settings
from shootplan.io.ics.plan import CalendarPlan, DayPlan
from shootplan.io.ics.text import (
    call_and_wrap,
    call_sheet_links,
    call_sheet_url,
    cast_list,
    day_heading,
    feed_description,
    footer,
    hhmm,
    key_lines,
    timeline_lines,
)
from shootplan.model import Location, Production
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline

__all__ = [
    "Draft",
    "Feed",
    "FeedKind",
    "Property",
    "SkipReason",
    "all_feeds",
    "cast_feed",
    "feed_drafts",
    "location_feed",
    "skip_reason",
    "unit_feed",
]

FeedKind = Literal["unit", "cast", "location"]
#: One iCalendar property of a draft: name, value (as ``icalendar`` takes it), parameters.
Property = tuple[str, Any, Mapping[str, str]]


class SkipReason(StrEnum):
    """Why a feed has no event to publish (an iCalendar file needs at least one)."""

    NO_SHOOT_DAYS = "no shoot days"  # the unit feed of an empty schedule
    NEVER_WORKS = "never works"  # a performer with no work or hold day
    NEVER_VISITED = "never visited"  # a location the unit never goes to
    ALL_BEFORE_SINCE = "all before since"  # every day of the feed is before ``since``


@dataclass(frozen=True)
class Feed:
    """One calendar: whose it is, what it is called and why it would be empty."""

    kind: FeedKind
    subject: str  # the performer's board ID, the location's name; "" for the unit
    name: str
    description: str
    empty: str  # why there is nothing to publish, when there is not

    @property
    def key(self) -> str:
        """``unit``, ``cast/7``, ``location/HARBOR HOUSE``: the feed's identity in UIDs and files."""
        return "unit" if self.kind == "unit" else f"{self.kind}/{self.subject}"


@dataclass(frozen=True)
class Draft:
    """An event's content before its revision is known."""

    uid: str
    start: date
    day: str  # the shoot day's UID
    scenes: tuple[str, ...]
    properties: tuple[Property, ...]


def unit_feed(production: Production, schedule: Schedule, stamp: datetime) -> Feed:
    """The unit's feed: every shoot day."""
    empty = "the schedule has no shoot days"
    return _feed(production, schedule, stamp, "unit", "", "Unit", "Every shoot day", empty)


def cast_feed(production: Production, schedule: Schedule, stamp: datetime, cast_id: str) -> Feed:
    """One performer's feed; ``KeyError`` for an unknown board ID."""
    member = production.cast_member(cast_id)
    who = member.label + (f" ({member.name})" if member.name and member.character else "")
    empty = f"cast {cast_id} ({member.label}) has no work or hold days in this schedule"
    return _feed(production, schedule, stamp, "cast", cast_id, who, f"Work and hold days of {who}", empty)


def location_feed(production: Production, schedule: Schedule, stamp: datetime, name: str) -> Feed:
    """One location's feed; ``KeyError`` for an unknown location."""
    production.location(name)
    empty = f"the unit is never at location {name!r} in this schedule"
    return _feed(production, schedule, stamp, "location", name, name, f"The unit at {name}", empty)


def _feed(
    production: Production,
    schedule: Schedule,
    stamp: datetime,
    kind: FeedKind,
    subject: str,
    who: str,
    what: str,
    empty: str,
) -> Feed:
    """A feed every subscriber sees titled ``<production> · <who>`` and described as ``what``."""
    description = feed_description(production, schedule, stamp, what)
    return Feed(kind, subject, f"{production.name} · {who}", description, empty)


def all_feeds(production: Production, schedule: Schedule, stamp: datetime) -> list[Feed]:
    """The unit's feed, then each performer's in board order, then each location's."""
    feeds = [unit_feed(production, schedule, stamp)]
    feeds += [cast_feed(production, schedule, stamp, c.id) for c in production.cast]
    feeds += [location_feed(production, schedule, stamp, loc.name) for loc in production.locations]
    return feeds


def feed_drafts(feed: Feed, plan: CalendarPlan, settings: Settings) -> list[Draft]:
    """The events of ``feed`` in ``plan``, in order."""
    if feed.kind == "cast":
        return _cast_drafts(plan, settings, feed.subject)
    if feed.kind == "location":
        return _location_drafts(plan, settings, plan.production.location(feed.subject))
    return _unit_drafts(plan, settings)


def skip_reason(feed: Feed, plan: CalendarPlan) -> SkipReason:
    """Why ``feed`` has no event in ``plan`` (call it only when it has none)."""
    if feed.kind == "unit":
        return SkipReason.NO_SHOOT_DAYS if not plan.days else SkipReason.ALL_BEFORE_SINCE
    if feed.kind == "cast":
        work = plan.work[feed.subject]
        return SkipReason.ALL_BEFORE_SINCE if work.work_days or work.hold_days else SkipReason.NEVER_WORKS
    visited = any(s.location.name == feed.subject for d in plan.days for s in d.timeline.stretches())
    return SkipReason.ALL_BEFORE_SINCE if visited else SkipReason.NEVER_VISITED


def _unit_drafts(plan: CalendarPlan, settings: Settings) -> list[Draft]:
    drafts: list[Draft] = []
    for day in plan.published_days(settings):
        t = day.timeline
        if not t.items:
            heading = f"{day_heading(t)}\nNo scenes are scheduled on this shoot day yet."
            drafts.append(_all_day(day, day.uid, f"{day.label} · no scenes scheduled", heading, settings))
            continue
        url = call_sheet_url(settings.call_sheet_url, t)
        locations = list(dict.fromkeys(s.location.name for s in t.stretches()))
        lines = [
            *key_lines(t, settings.call_sheet_base),
            "",
            *timeline_lines(t, t.items),
            f"{hhmm(t.wrap, t)}  Estimated wrap",
            "",
            f"Cast: {cast_list(plan.production, t.scenes)}",
            *footer(plan.production, t, t.items, url),
        ]
        summary = f"{day.label} · Call {hhmm(t.call, t)} · {' → '.join(locations)}"
        drafts.append(_timed(day, day.uid, summary, t.call, t.wrap, t.location, "\n".join(lines), settings))
    return drafts


def _cast_drafts(plan: CalendarPlan, settings: Settings, cast_id: str) -> list[Draft]:
    production = plan.production
    member = production.cast_member(cast_id)
    work = plan.work[cast_id]
    wanted = set(work.work_days) | set(work.hold_days)
    drafts: list[Draft] = []
    for day in plan.published_days(settings):
        t = day.timeline
        if t.index not in wanted:
            continue
        if t.index in work.hold_days:
            uid = event_uid(settings.namespace, f"hold/{cast_id}/{day.uid}")
            summary = f"Hold · {day.label} · {member.character or member.name or member.id}"
            description = (
                f"{day_heading(t)}\nOn hold as {member.label}: not called, but paid and"
                " held for the production. Keep the day free and stay reachable."
            )
            drafts.append(_all_day(day, uid, summary, description, settings))
            continue
        mine = [i for i in t.items if i.scene is not None and cast_id in i.scene.cast]
        where = mine[0].location if mine else t.location
        lines = [
            day_heading(t, f"you work as {member.label}"),
            call_and_wrap(t),
            *_minor_line(production, t, cast_id),
            "",
            "Your scenes:",
            *timeline_lines(t, mine),
            *footer(production, t, mine, call_sheet_url(settings.call_sheet_url, t)),
        ]
        uid = event_uid(settings.namespace, f"work/{cast_id}/{day.uid}")
        summary = f"{day.label} · Call {hhmm(t.call, t)} · {where.name if where else ''}"
        drafts.append(_timed(day, uid, summary, t.call, t.wrap, where, "\n".join(lines), settings))
    return drafts


def _minor_line(production: Production, t: DayTimeline, cast_id: str) -> list[str]:
    """A minor's day in one line: their hours on set and at work against their band's limits."""
    days = [d for d in minor_days(production, [t]) if d.member.id == cast_id]
    if not days:
        return []
    day = days[0]
    school = "a school day: 3 h of school on set" if day.school else "no school"
    return [
        f"Minor ({day.limits.band}), {school}: on set {hhmm(day.first, t)}-{hhmm(day.last, t)},"
        f" {duration_words(timedelta(minutes=day.work_minutes))} of work"
        f" (up to {duration_words(timedelta(minutes=day.limits.work))})"
    ]


def _location_drafts(plan: CalendarPlan, settings: Settings, location: Location) -> list[Draft]:
    drafts: list[Draft] = []
    for day in plan.published_days(settings):
        t = day.timeline
        stretches = [s for s in t.stretches() if s.location.name == location.name]
        for k, stretch in enumerate(stretches):
            arrive = "Call" if stretch.first else "From"
            lines = [
                day_heading(t),
                f"The unit is at {location.name} from {hhmm(stretch.start, t)} to"
                f" {hhmm(stretch.end, t)} ({t.zone.key})",
                "",
                *timeline_lines(t, stretch.items),
                *footer(plan.production, t, stretch.items, call_sheet_url(settings.call_sheet_url, t)),
            ]
            uid = event_uid(settings.namespace, f"location/{location.name}/{day.uid}/{k}")
            summary = f"{day.label} · {arrive} {hhmm(stretch.start, t)} · {location.name}"
            description = "\n".join(lines)
            drafts.append(
                _timed(day, uid, summary, stretch.start, stretch.end, location, description, settings)
            )
    return drafts


def _timed(
    day: DayPlan,
    uid: str,
    summary: str,
    start: datetime,
    end: datetime,
    location: Location | None,
    description: str,
    settings: Settings,
) -> Draft:
    zone = ZoneInfo(location.time_zone) if location is not None and location.time_zone else day.timeline.zone
    return _draft(
        day, uid, summary, start.astimezone(zone), end.astimezone(zone), location, description, settings
    )


def _all_day(day: DayPlan, uid: str, summary: str, description: str, settings: Settings) -> Draft:
    # All-day: VALUE=DATE on both ends and an exclusive DTEND, the next date.
    start = day.timeline.day.date
    return _draft(day, uid, summary, start, start + timedelta(days=1), None, description, settings)


def _draft(
    day: DayPlan,
    uid: str,
    summary: str,
    start: date | datetime,
    end: date | datetime,
    location: Location | None,
    description: str,
    settings: Settings,
) -> Draft:
    """Timed and all-day events alike, their properties always in the same order (stable bytes)."""
    properties: list[Property] = [
        ("SUMMARY", summary, {}),
        ("DTSTART", start, {}),
        ("DTEND", end, {}),
        *_place(location),
        ("DESCRIPTION", description, {}),
        *_call_sheet(settings, day.timeline),
        ("STATUS", "CONFIRMED", {}),
        ("TRANSP", "OPAQUE", {}),
    ]
    return Draft(uid, day.timeline.day.date, day.uid, day.timeline.scenes, tuple(properties))


def _call_sheet(settings: Settings, t: DayTimeline) -> list[Property]:
    """URL to the call sheet's HTML page (phones read it), ATTACH to its PDF (clients that list
    attachments offer it to print). Always a link, never the file: see the package docs."""
    links = call_sheet_links(settings.call_sheet_base, t)
    if links is not None:
        return [("URL", links[0], {}), ("ATTACH", links[1], {"FMTTYPE": "application/pdf"})]
    url = call_sheet_url(settings.call_sheet_url, t)
    return [("URL", url, {})] if url else []


def _place(location: Location | None) -> list[Property]:
    if location is None:
        return []
    properties: list[Property] = [("LOCATION", location.address or location.name, {})]
    if location.latitude is not None and location.longitude is not None:
        properties.append(("GEO", (location.latitude, location.longitude), {}))
    return properties

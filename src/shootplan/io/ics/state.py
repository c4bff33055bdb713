"""What subscribers hold: the events a previous publish put in a feed, read back.

A feed file, a feed's text or the events on a CalDAV server are read into a
:class:`PublishedFeed`, our events (recognized by ``X-SHOOTPLAN-PRODUCTION`` and
``X-SHOOTPLAN-FEED``) by UID, each with its SEQUENCE, LAST-MODIFIED, whether it is cancelled, and
a :func:`fingerprint` of what a subscriber sees, so a new publish knows which events changed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import unquote

import icalendar

from shootplan.errors import ShootplanError
from shootplan.io.ics.identity import X_DAY, X_FEED, X_PRODUCTION, X_SCENES, PublishedDay

__all__ = [
    "CONTENT_PROPERTIES",
    "NOTHING_PUBLISHED",
    "PublishedEvent",
    "PublishedFeed",
    "fingerprint",
    "parse_feed",
    "published_event",
    "published_feed",
]

#: What a subscriber sees: a change to any of these is a new revision of the event.
CONTENT_PROPERTIES = (
    "SUMMARY", "DTSTART", "DTEND", "LOCATION", "GEO", "DESCRIPTION", "URL", "STATUS", "TRANSP",
)  # fmt: skip


@dataclass(frozen=True)
class PublishedEvent:
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
class PublishedFeed:
    """Everything previously published in one feed, by UID."""

    events: Mapping[str, PublishedEvent]
    exact: bool  # read from a feed (True) or re-derived from a Schedule (False)

    def days(self) -> dict[str, PublishedDay]:
        """The live shoot days the events belong to (for UID inheritance)."""
        days: dict[str, PublishedDay] = {}
        for event in self.events.values():
            if event.day and not event.cancelled and event.day not in days:
                days[event.day] = PublishedDay(event.day, event.scenes, event.start)
        return days


#: A feed nobody has published yet.
NOTHING_PUBLISHED = PublishedFeed({}, exact=False)


def fingerprint(event: icalendar.Component) -> str:
    """A digest of what subscribers see, independent of how a server re-serializes it."""
    parts: list[str] = []
    for name in CONTENT_PROPERTIES:
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


def published_feed(
    calendar: icalendar.Calendar, namespace: uuid.UUID, feed: str | None, *, exact: bool
) -> PublishedFeed:
    """Our events of feed ``feed`` (every feed when None) in a calendar."""
    events: dict[str, PublishedEvent] = {}
    for event in calendar.walk("VEVENT"):
        published = published_event(event, namespace, feed)
        if published is not None:
            events[published.uid] = published
    return PublishedFeed(events, exact=exact)


def published_event(
    event: icalendar.Component, namespace: uuid.UUID, feed: str | None
) -> PublishedEvent | None:
    """The event as we published it in feed ``feed``; None when it is not one of ours."""
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
    return PublishedEvent(
        uid=str(event["UID"]),
        sequence=int(event.get("SEQUENCE", 0)),
        last_modified=modified if isinstance(modified, datetime) else None,
        fingerprint=fingerprint(event),
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


def parse_feed(text: str | bytes, what: str) -> icalendar.Calendar:
    """Feed text as a calendar; :class:`ShootplanError` naming ``what`` when it is not one."""
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise ShootplanError(f"cannot read {what} as iCalendar: {error}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise ShootplanError(f"{what} is not a VCALENDAR")
    return calendar

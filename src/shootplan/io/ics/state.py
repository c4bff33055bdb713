"""What subscribers hold: the events a previous publish put in a feed, read back.

A feed file, a feed's text or the events on a CalDAV server are read into a
:class:`PublishedFeed`, our events (recognized by ``X-SHOOTPLAN-PRODUCTION`` and
``X-SHOOTPLAN-FEED``) by UID, each with its SEQUENCE, LAST-MODIFIED, whether it is cancelled, and
a :func:`fingerprint` of what a subscriber sees, so a new publish knows which events changed.

Reading is defensive: a feed is a file anyone may re-save. An event of ours that another client
damaged (``SEQUENCE:abc``, a DTSTART that is no date) is still read, with what is wrong in
``damage`` (icalendar's own parse errors, or a value of the wrong type): the next publish rewrites
it from the schedule with a SEQUENCE above every one the feed holds, and nothing else stops.
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
    "SUMMARY", "DTSTART", "DTEND", "LOCATION", "GEO", "DESCRIPTION", "URL", "ATTACH", "STATUS",
    "TRANSP",
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
    stamp: datetime | None = None  # DTSTAMP: kept while the event does not change (stable bytes)
    damage: str = ""  # what cannot be read, in words ("" for a sound event)
    damaged: frozenset[str] = frozenset()  # the names of the properties that cannot be read

    @property
    def cancellable(self) -> bool:
        """Whether the event can be published once more, cancelled: its dates can be read."""
        return not self.damaged & {"DTSTART", "DTEND"}


@dataclass(frozen=True)
class PublishedFeed:
    """Everything previously published in one feed, by UID."""

    events: Mapping[str, PublishedEvent]
    exact: bool  # read from a feed (True) or re-derived from a Schedule (False)
    name: str | None = None  # the feed's NAME and DESCRIPTION as published, when read from a file
    description: str | None = None

    @property
    def top_sequence(self) -> int:
        """The highest SEQUENCE any event holds (-1 with none): a repaired event goes above it."""
        return max((event.sequence for event in self.events.values()), default=-1)

    def days(self) -> dict[str, PublishedDay]:
        """The live shoot days the events belong to (for UID inheritance)."""
        days: dict[str, PublishedDay] = {}
        for event in self.events.values():
            if event.day and not event.cancelled and not event.damage and event.day not in days:
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
    name, description = (_text(calendar, key) for key in ("NAME", "DESCRIPTION"))
    return PublishedFeed(events, exact=exact, name=name, description=description)


def _text(component: icalendar.Component, name: str) -> str | None:
    """A text property as written (None when missing or unreadable)."""
    value = component.get(name)
    return None if value is None or name in dict(component.errors) else str(value)


def published_event(
    event: icalendar.Component, namespace: uuid.UUID, feed: str | None
) -> PublishedEvent | None:
    """The event as we published it in feed ``feed``; None when it is not one of ours."""
    if str(event.get(X_PRODUCTION, "")) != str(namespace):
        return None
    if feed is not None and unquote(str(event.get(X_FEED, ""))) != feed:
        return None
    if "UID" not in event:
        return None  # no identity: nothing a subscriber could hold under it
    damage: dict[str, str] = {}
    for name, reason in event.errors:  # icalendar's own: a value it could not parse
        damage.setdefault(str(name), f"{name}: {_quoted(reason, quote=False)}")
    start = _date(event, "DTSTART", damage)
    _date(event, "DTEND", damage)
    sequence = _integer(event, damage)
    modified = _moment(event, "LAST-MODIFIED", damage)
    seen = ""
    if not damage:
        try:
            seen = fingerprint(event)
        except (ValueError, TypeError, AttributeError) as error:  # a value of an unexpected type
            damage["?"] = f"cannot be read: {_quoted(error, quote=False)}"
    return PublishedEvent(
        uid=str(event["UID"]),
        sequence=sequence,
        last_modified=modified,
        fingerprint=seen,
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
        start=start or date.min,
        day=str(event[X_DAY]) if X_DAY in event else None,
        scenes=frozenset(unquote(n) for n in str(event.get(X_SCENES, "")).split()),
        event=_as_event(event),
        stamp=_moment(event, "DTSTAMP", damage),
        damage="; ".join(damage.values()),
        damaged=frozenset(damage),
    )


def _date(event: icalendar.Component, name: str, damage: dict[str, str]) -> date | None:
    """The date a DTSTART or DTEND falls on; None (and a note in ``damage``) when unreadable."""
    if name not in event:
        damage.setdefault(name, f"{name} is missing")
        return None
    try:
        value = event.decoded(name)
    except (ValueError, TypeError, AttributeError):
        value = None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    damage.setdefault(name, f"{name} is not a date: {_quoted(event[name])}")
    return None


def _integer(event: icalendar.Component, damage: dict[str, str]) -> int:
    """SEQUENCE (0 when missing); -1 and a note in ``damage`` when it is not a whole number."""
    value = event.get("SEQUENCE", 0)
    try:
        return int(value)
    except (ValueError, TypeError):
        damage.setdefault("SEQUENCE", f"SEQUENCE is not a whole number: {_quoted(value)}")
        return -1


def _moment(event: icalendar.Component, name: str, damage: dict[str, str]) -> datetime | None:
    """A UTC timestamp property (None when missing; when unreadable, also a note in ``damage``)."""
    if name not in event:
        return None
    try:
        value = event.decoded(name)
    except (ValueError, TypeError, AttributeError):
        value = None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    damage.setdefault(name, f"{name} is not a UTC time: {_quoted(event[name])}")
    return None


def _quoted(value: object, *, quote: bool = True) -> str:
    """A damaged value, short and printable (it came from a file anyone may have edited)."""
    raw = value.to_ical() if hasattr(value, "to_ical") else value
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    text = "".join(c if c.isprintable() else "?" for c in text)
    text = text if len(text) <= 60 else text[:59] + "…"
    return repr(text) if quote else text


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

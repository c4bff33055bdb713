"""Events and VCALENDARs: a feed's drafts over what subscribers hold, with their revisions.

Stamps are the schedule's own time (never the clock). A new event, or one whose crew-visible
content differs from the published one, gets SEQUENCE + 1 and DTSTAMP = LAST-MODIFIED = the stamp;
an unchanged one keeps all three, and a feed none of whose events changed keeps its published
NAME-level description too, so publishing a schedule that changes nothing for a feed (a re-plan
that moved nothing, the same plan made again later) gives the same bytes and web servers keep
their ETags. A published event that is gone is emitted once more with the same UID, SEQUENCE + 1
and STATUS:CANCELLED, titled ``CANCELLED - ...``; an event already cancelled is kept as it was
until ``since`` prunes its date. An event dated before ``keep_before`` (a re-plan's shot days)
stays exactly as published, neither updated nor cancelled. A damaged published event (see
:mod:`~shootplan.io.ics.state`) is rewritten from the schedule with a SEQUENCE above every one
the feed holds; a withdrawn one whose dates cannot be read is cancelled as an all-day event on
its day's date when another event of ours on that day tells it (``dates``), else left out.
Every VCALENDAR carries a VTIMEZONE for each TZID it uses and no floating time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

import icalendar
from icalendar.prop import vCalAddress, vDDDTypes, vText

from shootplan.errors import ShootplanError
from shootplan.io.ics.feeds import Draft, Feed, feed_drafts
from shootplan.io.ics.identity import X_DAY, X_FEED, X_PRODUCTION, X_PRODUCTION_ID, X_SCENES, event_uid
from shootplan.io.ics.options import Settings, require_aware
from shootplan.io.ics.plan import CalendarPlan
from shootplan.io.ics.state import PublishedEvent, PublishedFeed, fingerprint
from shootplan.model import Production

__all__ = ["PRODID", "REFRESH", "new_calendar", "render_cancelled", "render_feed"]

PRODID = "-//shootplan//shootplan calendar feed//EN"
#: How often clients should re-read a subscribed feed (Google ignores it and takes 8-24 h).
REFRESH = "PT6H"

_CANCELLED_PREFIX = "CANCELLED - "


def render_feed(
    production: Production,
    plan: CalendarPlan,
    feed: Feed,
    published: PublishedFeed,
    settings: Settings,
    *,
    allow_empty: bool = False,
) -> icalendar.Calendar:
    """The feed's calendar: fresh events with their revisions, then what was withdrawn.

    Raises :class:`ShootplanError` when there is no event at all, unless ``allow_empty``.
    """
    events: list[icalendar.Event] = []
    live: set[str] = set()
    revised = False  # whether any event is new, changed or newly cancelled
    for draft in feed_drafts(feed, plan, settings):
        content = icalendar.Event()
        for name, value, params in draft.properties:
            content.add(name, value, parameters=dict(params))
        old = published.events.get(draft.uid)
        if _kept(old, draft.start, settings):
            assert old is not None
            events.append(
                _rebuilt(
                    old, old.sequence, old.last_modified or settings.stamp, old.stamp or settings.stamp, {}
                )
            )
            live.add(draft.uid)
            continue
        stamp = modified = settings.stamp
        if old is None:
            sequence = 0
        elif old.damage:  # above every SEQUENCE readable, whatever the phones hold
            sequence = max(published.top_sequence, old.sequence) + 1
        elif old.cancelled or old.fingerprint != fingerprint(content):
            sequence = old.sequence + 1
        else:
            sequence, modified, stamp = old.sequence, old.last_modified or stamp, old.stamp or stamp
        revised = revised or old is None or sequence != old.sequence
        events.append(_event(draft, feed, sequence, modified, stamp, settings))
        live.add(draft.uid)
    withdrawn, again = _withdrawn(published, live, settings)
    events += withdrawn
    if not events and not allow_empty:
        raise ShootplanError(f"no calendar for {feed.name}: {feed.empty}")
    return _calendar(production, feed, published, settings, events, revised=revised or again)


def render_cancelled(
    production: Production,
    feed: Feed,
    published: PublishedFeed,
    settings: Settings,
    dates: Mapping[str, date] | None = None,
) -> icalendar.Calendar:
    """A feed that is no longer produced: every event it published, cancelled (or kept so).

    ``dates`` are the dates published days fall on (by ``X-SHOOTPLAN-DAY``, from the other
    feeds): an event whose own dates were damaged is cancelled on its day's date.
    """
    events, revised = _withdrawn(published, set(), settings, dates or {})
    return _calendar(production, feed, published, settings, events, revised=revised)


def _withdrawn(
    published: PublishedFeed, live: set[str], settings: Settings, dates: Mapping[str, date] | None = None
) -> tuple[list[icalendar.Event], bool]:
    """The published events not in ``live``, cancelled; and whether any is newly cancelled."""
    starts = {e.uid: _start(e, dates or {}) for e in published.events.values() if e.uid not in live}
    gone = sorted(
        (e for e in published.events.values() if starts.get(e.uid) is not None),
        key=lambda e: (starts[e.uid], e.uid),
    )
    events: list[icalendar.Event] = []
    revised = False
    for old in gone:
        start = starts[old.uid]
        assert start is not None
        if settings.since is not None and start < settings.since:
            continue  # pruned: long past, subscribers need not hear of it again
        if _kept(old, old.start, settings):
            events.append(
                _rebuilt(
                    old, old.sequence, old.last_modified or settings.stamp, old.stamp or settings.stamp, {}
                )
            )
            continue
        revised = revised or not old.cancelled or bool(old.damage)
        events.append(_cancelled(old, published.top_sequence, settings, None if old.cancellable else start))
    return events, revised


def _start(old: PublishedEvent, dates: Mapping[str, date]) -> date | None:
    """The date a withdrawn event is cancelled on: its own; when its dates cannot be read, the
    date its day falls on in ``dates`` (None when unknown: it cannot be cancelled)."""
    if old.cancellable:
        return old.start
    if "DTSTART" not in old.damaged:
        return old.start
    return dates.get(old.day) if old.day else None


def _kept(old: PublishedEvent | None, start: date, settings: Settings) -> bool:
    """True for a published event of a day before ``keep_before``: the past is never re-sent."""
    return (
        old is not None
        and not old.damage
        and not old.cancelled
        and settings.keep_before is not None
        and start < settings.keep_before
    )


def _calendar(
    production: Production,
    feed: Feed,
    published: PublishedFeed,
    settings: Settings,
    events: list[icalendar.Event],
    *,
    revised: bool,
) -> icalendar.Calendar:
    """The VCALENDAR of ``events``; the published description stays while nothing is revised."""
    description = feed.description
    if not revised and published.description is not None and published.name == feed.name:
        description = published.description
    calendar = _feed_calendar(production, feed, description, settings)
    for event in events:
        calendar.add_component(event)
    _add_time_zones(calendar, events)
    _reject_floating(calendar)
    return calendar


def new_calendar() -> icalendar.Calendar:
    """What every VCALENDAR of ours starts with, a feed or one event stored on a CalDAV server."""
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _feed_calendar(
    production: Production, feed: Feed, description: str, settings: Settings
) -> icalendar.Calendar:
    calendar = new_calendar()
    calendar.add("method", "PUBLISH")
    # Calendar.new() would add a random UID; ours is stable per feed.
    calendar.add("uid", event_uid(settings.namespace, f"feed/{feed.key}"))
    if settings.production_id is not None:
        # Percent-encoded, as X-SHOOTPLAN-FEED: parsers hand X- values back raw.
        calendar.add(X_PRODUCTION_ID, quote(settings.production_id, safe="/ "))
    # icalendar does not know NAME (RFC 7986) as text: without vText a line break is not escaped.
    calendar.add("name", vText(feed.name))
    calendar.add("x-wr-calname", vText(feed.name))
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", vText(description))
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
    draft: Draft, feed: Feed, sequence: int, modified: datetime, stamp: datetime, settings: Settings
) -> icalendar.Event:
    event = icalendar.Event()
    _header(event, draft.uid, sequence, modified, stamp)
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


def _cancelled(old: PublishedEvent, top: int, settings: Settings, on: date | None = None) -> icalendar.Event:
    """The withdrawn event once more, cancelled (or as it was, when already cancelled); with
    ``on``, as an all-day event that day (its own dates could not be read)."""
    if old.cancelled and not old.damage:
        modified = old.last_modified or settings.stamp
        return _rebuilt(old, old.sequence, modified, old.stamp or settings.stamp, {})
    summary = str(old.event.get("SUMMARY", "")) if "SUMMARY" not in old.damaged else ""
    changes: dict[str, Any] = {
        "SUMMARY": vText(summary if summary.startswith(_CANCELLED_PREFIX) else _CANCELLED_PREFIX + summary),
        "STATUS": vText("CANCELLED"),
        "TRANSP": vText("TRANSPARENT"),
    }
    if on is not None:  # both ends of one type: RFC 5545 wants DTEND as DTSTART's value type
        changes |= {"DTSTART": vDDDTypes(on), "DTEND": vDDDTypes(on + timedelta(days=1))}
    sequence = max(top, old.sequence) + 1 if old.damage else old.sequence + 1
    return _rebuilt(old, sequence, settings.stamp, settings.stamp, changes)


def _rebuilt(
    old: PublishedEvent,
    sequence: int,
    modified: datetime,
    stamp: datetime,
    changes: Mapping[str, Any],
) -> icalendar.Event:
    """A copy in canonical property order, so a re-publish gives the same bytes.

    Properties that cannot be read are left out: they would be written back as damaged.
    """
    event = icalendar.Event()
    _header(event, old.uid, sequence, modified, stamp)
    skipped = {"BEGIN", "END", "UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", *old.damaged}
    for name, value in old.event.property_items(recursive=False, sorted=False):
        if name in skipped:
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
                    require_aware(value, f"{name} of event {event.get('UID')}")

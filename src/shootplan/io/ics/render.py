"""Events and VCALENDARs: a feed's drafts over what subscribers hold, with their revisions.

DTSTAMP is the schedule's own timestamp (never the clock) on every event. An event whose
crew-visible content differs from the published one gets SEQUENCE + 1 and LAST-MODIFIED = the
stamp; an unchanged one keeps both. A published event that is gone is emitted once more with the
same UID, SEQUENCE + 1 and STATUS:CANCELLED, titled ``CANCELLED - ...``; an event already
cancelled is kept as it was (re-publishing the same schedule gives the same bytes) until ``since``
prunes its date. Every VCALENDAR carries a VTIMEZONE for each TZID it uses and no floating time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import quote

import icalendar
from icalendar.prop import vCalAddress, vText

from shootplan.errors import ShootplanError
from shootplan.io.ics.feeds import Draft, Feed, feed_drafts
from shootplan.io.ics.identity import X_DAY, X_FEED, X_PRODUCTION, X_PRODUCTION_ID, X_SCENES, event_uid
from shootplan.io.ics.options import Settings, require_aware
from shootplan.io.ics.plan import CalendarPlan
from shootplan.io.ics.state import PublishedEvent, PublishedFeed, fingerprint
from shootplan.model import Production

__all__ = ["PRODID", "REFRESH", "new_calendar", "render_feed"]

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
    for draft in feed_drafts(feed, plan, settings):
        content = icalendar.Event()
        for name, value, params in draft.properties:
            content.add(name, value, parameters=dict(params))
        old = published.events.get(draft.uid)
        if old is None:
            sequence, modified = 0, settings.stamp
        elif old.cancelled or old.fingerprint != fingerprint(content):
            sequence, modified = old.sequence + 1, settings.stamp
        else:
            sequence, modified = old.sequence, old.last_modified or settings.stamp
        events.append(_event(draft, feed, sequence, modified, settings))
        live.add(draft.uid)
    withdrawn = sorted(
        (e for e in published.events.values() if e.uid not in live),
        key=lambda e: (e.start, e.uid),
    )
    for old in withdrawn:
        if settings.since is not None and old.start < settings.since:
            continue  # pruned: long past, subscribers need not hear of it again
        events.append(_cancelled(old, settings))
    if not events and not allow_empty:
        raise ShootplanError(f"no calendar for {feed.name}: {feed.empty}")
    calendar = _feed_calendar(production, feed, settings)
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


def _feed_calendar(production: Production, feed: Feed, settings: Settings) -> icalendar.Calendar:
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
    draft: Draft, feed: Feed, sequence: int, modified: datetime, settings: Settings
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


def _cancelled(old: PublishedEvent, settings: Settings) -> icalendar.Event:
    """The withdrawn event once more, cancelled (or as it was, when already cancelled)."""
    if old.cancelled:
        return _rebuilt(old.event, old.sequence, old.last_modified or settings.stamp, settings, {})
    summary = str(old.event.get("SUMMARY", ""))
    changes = {
        "SUMMARY": vText(_CANCELLED_PREFIX + summary),
        "STATUS": vText("CANCELLED"),
        "TRANSP": vText("TRANSPARENT"),
    }
    return _rebuilt(old.event, old.sequence + 1, settings.stamp, settings, changes)


def _rebuilt(
    old: icalendar.Event,
    sequence: int,
    modified: datetime,
    settings: Settings,
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
                    require_aware(value, f"{name} of event {event.get('UID')}")

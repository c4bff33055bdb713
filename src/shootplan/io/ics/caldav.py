"""Publish a schedule to a shared CalDAV calendar, so that changes reach the crew by push.

The server is the memory: the events shootplan put there before (recognized by their
``X-SHOOTPLAN-PRODUCTION`` and ``X-SHOOTPLAN-FEED``) decide, exactly as a previous feed file
would, which UIDs continue, which SEQUENCE each event gets and what is withdrawn (see
:mod:`shootplan.io.ics.calendars`). Each event is stored as its own VCALENDAR (with the VTIMEZONEs it
uses and no METHOD, which RFC 4791 forbids in stored objects) and saved with
``increase_seqno=False`` so our SEQUENCE stands. Only changed events are written; withdrawn ones are
deleted (the server tells the clients); other events on the calendar are left alone.

Needs the optional ``caldav`` package: ``pip install shootplan[caldav]``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Unpack
from urllib.parse import quote

import icalendar

from shootplan.errors import ShootplanError
from shootplan.io.ics.calendars import Previous, published_before, render_schedule
from shootplan.io.ics.feeds import Feed, cast_feed, location_feed, unit_feed
from shootplan.io.ics.identity import X_PRODUCTION_ID, event_uid
from shootplan.io.ics.options import CalendarOptions, Settings, check_options, zoned
from shootplan.io.ics.render import new_calendar
from shootplan.io.ics.state import PublishedEvent, PublishedFeed, fingerprint, published_event
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = ["CaldavReport", "calendar_id", "publish_caldav"]

logger = logging.getLogger(__name__)


@dataclass
class CaldavReport:
    """What one publish did on the server, by event UID."""

    calendar_url: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.calendar_url}: {len(self.created)} created, {len(self.updated)} updated,"
            f" {len(self.unchanged)} unchanged, {len(self.deleted)} deleted"
        )


def _caldav() -> ModuleType:
    """The caldav package, imported only when publishing (it is an optional extra)."""
    try:
        import caldav
        import caldav.lib.error
    except ImportError as error:
        raise ImportError(
            "publishing to a CalDAV server needs the caldav package: pip install shootplan[caldav]"
        ) from error
    return caldav


def publish_caldav(
    url: str,
    production: Production,
    schedule: Schedule,
    *,
    username: str | None = None,
    password: str | None = None,
    calendar_name: str | None = None,
    previous: Previous = None,
    cast_id: str | None = None,
    location_name: str | None = None,
    **options: Unpack[CalendarOptions],
) -> CaldavReport:
    """Create or update the schedule's events on a CalDAV calendar; delete the withdrawn ones.

    ``url`` is the server (or principal) URL; the calendar is the one whose display name is
    ``calendar_name``, created when missing. By default each production has calendars of its own,
    one per feed, found by an address derived from the production's identity (``Production.id``,
    :func:`calendar_id`) and shown under the feed's name (e.g. ``"<production> · Unit"``); a
    calendar of that name that already holds this feed's events (published before calendars had
    such addresses) is used instead. Only events marked as this production's (and this feed's)
    are ever changed or deleted, on any calendar: other productions' stay as they are, even
    those of the same name. The unit feed is published unless ``cast_id`` or ``location_name`` picks another.
    ``previous`` (a Schedule or feed) is used only when the calendar holds none of our events yet.
    The production must have an id (``Production.id``, or the ``production_id`` option): give
    it one once with :func:`shootplan.settle_production_id` and keep it (in production.json),
    or it is refused with a :class:`ShootplanError` before the server is dialled.
    With ``since``, our events before that date stay on the server as they are (history). Returns
    what was created, updated, left unchanged and deleted. Other options as
    :func:`shootplan.unit_calendar`. Server and network failures raise
    :class:`ShootplanError` naming the server.
    """
    caldav = _caldav()
    production = zoned(production)
    settings = check_options(production, schedule, **options)
    _require_id(production, settings)
    if cast_id is not None and location_name is not None:
        raise ShootplanError("publish either a cast member's feed or a location's, not both")
    if cast_id is not None:
        feed = cast_feed(production, schedule, settings.stamp, cast_id)
    elif location_name is not None:
        feed = location_feed(production, schedule, settings.stamp, location_name)
    else:
        feed = unit_feed(production, schedule, settings.stamp)
    try:
        with caldav.DAVClient(url=url, username=username, password=password) as client:
            calendar = _calendar(client, calendar_name, feed, settings)
            return _publish(caldav, calendar, production, schedule, feed, previous, settings)
    except caldav.lib.error.DAVError as error:
        raise ShootplanError(f"CalDAV server {url}: {error}") from error
    except OSError as error:  # refused, unreachable, TLS: the network layer's errors
        raise ShootplanError(f"CalDAV server {url} cannot be reached: {error}") from error


def _require_id(production: Production, settings: Settings) -> None:
    """Refuse a production with no id: its calendars and UIDs would derive from its name alone,
    and two productions of the same name ("Shooting Schedule") would rewrite each other's events."""
    if settings.production_id is None:
        raise ShootplanError(
            f"production {production.name!r} has no id: publishing it would share its calendars"
            " and event UIDs with any other production of that name. Give it an id once and keep"
            " it: production = shootplan.settle_production_id(production, [earlier outputs])"
            ".production, then save it (shootplan.io.json.write_production) and publish that;"
            " a production.json that shootplan plan wrote already carries one"
        )


def calendar_id(settings: Settings, feed: Feed) -> str:
    """The last segment of the address of a feed's own calendar: of the production's identity
    (its UID namespace) and the feed, never of a display name that two productions may share."""
    return f"shootplan-{event_uid(settings.namespace, f'calendar/{feed.key}')}"


def _calendar(client: Any, name: str | None, feed: Feed, settings: Settings) -> Any:
    """The calendar named ``name`` (shared by choice), else this production's own for the feed."""
    principal = client.principal()
    calendars = principal.calendars()
    if name is not None:
        for calendar in calendars:
            if calendar.get_display_name() == name:
                return calendar
        logger.info("creating CalDAV calendar %r", name)
        return principal.make_calendar(name=name)
    own = calendar_id(settings, feed)
    for calendar in calendars:
        if str(calendar.url).rstrip("/").rsplit("/", 1)[-1] == own:
            return calendar
    # Published before: the feed's calendar was found by its display name alone; keep it when
    # it holds this very feed's events (the same identity), never another production's.
    for calendar in calendars:
        if calendar.get_display_name() == feed.name and _holds_ours(calendar, settings, feed):
            return calendar
    logger.info("creating CalDAV calendar %r (%s)", feed.name, own)
    return principal.make_calendar(name=feed.name, cal_id=own)


def _holds_ours(calendar: Any, settings: Settings, feed: Feed) -> bool:
    return any(
        published_event(event, settings.namespace, feed.key) is not None
        for event, _ in _stored_events(calendar)
    )


def _stored_events(calendar: Any) -> Iterator[tuple[icalendar.Component, Any]]:
    """Every event on the calendar with its stored object. An object no parser can read (another
    client damaged it) is named in the log and skipped: if it was ours, publishing puts the
    event back at its own address from the schedule; if not, it is not ours to touch."""
    for stored in calendar.events():
        try:
            parsed = icalendar.Calendar.from_ical(stored.data)
        except ValueError as damage:
            logger.warning("CalDAV object %s cannot be read (%s): left as it is", stored.url, damage)
            continue
        for event in parsed.walk("VEVENT"):
            yield event, stored


def _publish(
    caldav: ModuleType,
    calendar: Any,
    production: Production,
    schedule: Schedule,
    feed: Feed,
    previous: Previous,
    settings: Settings,
) -> CaldavReport:
    # What the server holds of this feed: our events only, each with its stored object.
    ours: dict[str, tuple[PublishedEvent, Any]] = {}
    for event, stored in _stored_events(calendar):
        published = published_event(event, settings.namespace, feed.key)
        if published is not None:
            ours[published.uid] = (published, stored)
    if ours:
        state = PublishedFeed({uid: published for uid, (published, _) in ours.items()}, exact=True)
    else:
        state = published_before(production, previous, feed, settings)
    feed_calendar = render_schedule(production, schedule, feed, state, settings, allow_empty=True)
    zones = {str(z["TZID"]): z for z in feed_calendar.walk("VTIMEZONE")}
    report = CaldavReport(calendar_url=str(calendar.url))
    for event in feed_calendar.walk("VEVENT"):
        uid = str(event["UID"])
        known = ours.get(uid)
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            # Withdrawn: deleting it makes the server tell every client.
            if known is not None:
                known[1].delete()
                report.deleted.append(uid)
            continue
        if known is not None and not known[0].cancelled:
            old = known[0]
            if old.sequence == int(str(event["SEQUENCE"])) and old.fingerprint == fingerprint(event):
                report.unchanged.append(uid)
                continue
        data = _object(event, zones, settings)
        if known is not None:
            stored = known[1]
            stored.data = data
            report.updated.append(uid)
        else:
            stored = caldav.Event(client=calendar.client, data=data, parent=calendar)
            report.created.append(uid)
        stored.save(increase_seqno=False)
    logger.info("published %s", report)
    return report


def _object(event: icalendar.Component, zones: dict[str, icalendar.Component], settings: Settings) -> str:
    """One event as a stored calendar object: VCALENDAR, its VTIMEZONEs, the VEVENT."""
    stored = new_calendar()
    if settings.production_id is not None:
        stored.add(X_PRODUCTION_ID, quote(settings.production_id, safe="/ "))
    used = sorted(
        {str(event[name].params.get("TZID")) for name in ("DTSTART", "DTEND") if name in event} & set(zones)
    )
    for tzid in used:
        stored.add_component(zones[tzid])
    stored.add_component(event)
    text: bytes = stored.to_ical()
    return text.decode("utf-8")

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
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Unpack

import icalendar

from shootplan.errors import ShootplanError
from shootplan.io.ics.calendars import Previous, published_before, render_schedule
from shootplan.io.ics.feeds import Feed, cast_feed, location_feed, unit_feed
from shootplan.io.ics.options import CalendarOptions, Settings, check_options, zoned
from shootplan.io.ics.render import new_calendar
from shootplan.io.ics.state import PublishedEvent, PublishedFeed, fingerprint, published_event
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = ["CaldavReport", "publish_caldav"]

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
    ``calendar_name`` (default: the feed's name, e.g. ``"<production> · Unit"``), created when
    missing. The unit feed is published unless ``cast_id`` or ``location_name`` picks another.
    ``previous`` (a Schedule or feed) is used only when the calendar holds none of our events yet.
    With ``since``, our events before that date stay on the server as they are (history). Returns
    what was created, updated, left unchanged and deleted. Other options as
    :func:`shootplan.unit_calendar`. Server and network failures raise
    :class:`ShootplanError` naming the server.
    """
    caldav = _caldav()
    production = zoned(production)
    settings = check_options(production, schedule, **options)
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
            calendar = _calendar(client, calendar_name or feed.name)
            return _publish(caldav, calendar, production, schedule, feed, previous, settings)
    except caldav.lib.error.DAVError as error:
        raise ShootplanError(f"CalDAV server {url}: {error}") from error
    except OSError as error:  # refused, unreachable, TLS: the network layer's errors
        raise ShootplanError(f"CalDAV server {url} cannot be reached: {error}") from error


def _calendar(client: Any, name: str) -> Any:
    """The calendar with this display name, created when the principal has none."""
    principal = client.principal()
    for calendar in principal.calendars():
        if calendar.get_display_name() == name:
            return calendar
    logger.info("creating CalDAV calendar %r", name)
    return principal.make_calendar(name=name)


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
    for stored in calendar.events():
        for event in icalendar.Calendar.from_ical(stored.data).walk("VEVENT"):
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
        data = _object(event, zones)
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


def _object(event: icalendar.Component, zones: dict[str, icalendar.Component]) -> str:
    """One event as a stored calendar object: VCALENDAR, its VTIMEZONEs, the VEVENT."""
    stored = new_calendar()
    used = sorted(
        {str(event[name].params.get("TZID")) for name in ("DTSTART", "DTEND") if name in event} & set(zones)
    )
    for tzid in used:
        stored.add_component(zones[tzid])
    stored.add_component(event)
    text: bytes = stored.to_ical()
    return text.decode("utf-8")

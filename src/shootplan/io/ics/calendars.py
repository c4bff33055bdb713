"""One feed as an ``icalendar.Calendar``: the unit's, a performer's or a location's.

What subscribers hold decides SEQUENCE, cancellations and UID inheritance. It is read from, in
order of exactness:

- a previous **feed** (text or ``icalendar.Calendar``; :func:`write_calendars` reads the files in
  its folder; :func:`publish_caldav` reads the server): exact over any number of publishes;
- a previous **Schedule**: rendered as if published with no history (SEQUENCE 0, LAST-MODIFIED =
  its ``created``), which is exact for one revision. Over a chain of revisions an event that
  changes twice gets SEQUENCE 1 twice; clients still take it, by its newer DTSTAMP and
  LAST-MODIFIED. Day UIDs are not inherited in this mode: an inherited UID is one a later
  Schedule-only publish could not reproduce, which would leave a duplicate on phones that imported
  the feed; the anchor UID is always reproducible.

An event reads only its own day: titles say ``Day 4``, with no running total, so a day added or
cut re-sends only the days whose own content changed, never the days already shot (issue 21).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from typing import Unpack

import icalendar

from shootplan.io.ics.feeds import Feed, cast_feed, location_feed, unit_feed
from shootplan.io.ics.options import CalendarOptions, Settings, check_options, zoned
from shootplan.io.ics.plan import CalendarPlan, plan_calendars
from shootplan.io.ics.render import render_feed
from shootplan.io.ics.state import NOTHING_PUBLISHED, PublishedFeed, parse_feed, published_feed
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = [
    "Previous",
    "PreviousPlan",
    "cast_calendar",
    "location_calendar",
    "plan_as_published",
    "published_before",
    "published_by_plan",
    "render_schedule",
    "unit_calendar",
]

#: What was published before: a Schedule, or a feed's text or calendar (None: nothing).
Previous = Schedule | icalendar.Calendar | str | bytes | None


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
    ``schedule.created``; one of them is required. ``call_sheet_base`` is the web address the
    ``callsheets/`` folder is published at: each day then links its call sheet (``URL`` to the
    HTML page, ``ATTACH`` to the PDF; the package docs say how a phone opens it); else
    ``call_sheet_url`` gives one address per day with ``{number}`` and ``{date}``. Calls and
    wraps follow each day's type and light (:mod:`shootplan.timeline`); ``meal_minutes`` is the
    meal break of a day over six hours. ``since`` leaves out earlier days. Raises
    :class:`ShootplanError` when there is nothing to publish or a datetime is naive.
    """
    return _one_feed(production, schedule, previous, options, unit_feed)


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
    return _one_feed(production, schedule, previous, options, partial(cast_feed, cast_id=cast_id))


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
    return _one_feed(production, schedule, previous, options, partial(location_feed, name=location_name))


def _one_feed(
    production: Production,
    schedule: Schedule,
    previous: Previous,
    options: CalendarOptions,
    make_feed: Callable[[Production, Schedule, datetime], Feed],
) -> icalendar.Calendar:
    """The feed ``make_feed`` names (it needs the publish stamp) over what ``previous`` published."""
    production = zoned(production)
    settings = check_options(production, schedule, **options)
    feed = make_feed(production, schedule, settings.stamp)
    published = published_before(production, previous, feed, settings)
    return render_schedule(production, schedule, feed, published, settings)


def render_schedule(
    production: Production,
    schedule: Schedule,
    feed: Feed,
    published: PublishedFeed,
    settings: Settings,
    *,
    allow_empty: bool = False,
) -> icalendar.Calendar:
    """The feed of ``schedule`` over what subscribers hold (``published``).

    Days continue the published days' UIDs only when ``published`` was read from a feed: a UID
    inherited from a re-derived Schedule could not be reproduced by a later publish (module docs).
    """
    plan = plan_calendars(production, schedule, settings, published.days() if published.exact else None)
    return render_feed(production, plan, feed, published, settings, allow_empty=allow_empty)


def published_before(
    production: Production, previous: Previous, feed: Feed, settings: Settings
) -> PublishedFeed:
    """What subscribers of ``feed`` hold, from ``previous`` (module docs)."""
    if previous is None:
        return NOTHING_PUBLISHED
    if isinstance(previous, Schedule):
        return published_by_plan(production, plan_as_published(production, previous, settings), feed)
    if isinstance(previous, str | bytes):
        previous = parse_feed(previous, "the previous feed")
    return published_feed(previous, settings.namespace, feed.key, exact=True)


#: A previous schedule laid out as it was published, with the settings it was published under.
PreviousPlan = tuple[CalendarPlan, Settings]


def plan_as_published(production: Production, previous: Schedule, settings: Settings) -> PreviousPlan:
    """The previous schedule laid out as it was published: no history, stamped when made."""
    stamp = previous.created.astimezone(UTC) if previous.created else settings.stamp
    then = replace(settings, stamp=stamp.replace(microsecond=0))
    return plan_calendars(production, previous, then), then


def published_by_plan(production: Production, previous: PreviousPlan, feed: Feed) -> PublishedFeed:
    """What a previous schedule's feed held: every event at SEQUENCE 0."""
    plan, then = previous
    calendar = render_feed(production, plan, feed, NOTHING_PUBLISHED, then, allow_empty=True)
    return published_feed(calendar, then.namespace, feed.key, exact=False)

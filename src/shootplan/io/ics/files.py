"""Every feed of a schedule written to a folder, with a report of what each file became."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Unpack

from shootplan.errors import ShootplanError
from shootplan.io._files import write_bytes
from shootplan.io.ics.calendars import plan_as_published, published_by_plan
from shootplan.io.ics.feeds import Feed, SkipReason, all_feeds, skip_reason
from shootplan.io.ics.identity import PublishedDay, feed_file_names
from shootplan.io.ics.options import CalendarOptions, Settings, check_options, zoned
from shootplan.io.ics.plan import CalendarPlan, plan_calendars
from shootplan.io.ics.render import render_feed
from shootplan.io.ics.state import NOTHING_PUBLISHED, PublishedFeed, parse_feed, published_feed
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = ["CalendarFiles", "FileState", "SkippedFeed", "write_calendars"]

logger = logging.getLogger(__name__)

# What subscribers of a feed hold.
_Held = Callable[[Feed], PublishedFeed]

#: What a written file is to its subscribers: first written, changed, or the same bytes as before.
FileState = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True)
class SkippedFeed:
    """A feed :func:`write_calendars` did not write, because it would hold no event.

    ``kind`` is ``"cast"`` or ``"location"``; ``id`` the performer's board ID or the location's
    name; ``reason`` why, as data; ``message`` the same in words.
    """

    kind: Literal["cast", "location"]
    id: str
    reason: SkipReason
    message: str


@dataclass(frozen=True)
class CalendarFiles:
    """What :func:`write_calendars` did: the files written, what each is now, the feeds skipped.

    ``paths`` are in feed order (unit, each performer, each location); ``states`` tells for
    each path whether subscribers get a ``"new"`` feed, an ``"updated"`` one or an
    ``"unchanged"`` one (the same bytes as the file held before, left untouched).
    """

    folder: Path
    paths: tuple[Path, ...]
    states: Mapping[Path, FileState]
    skipped: tuple[SkippedFeed, ...]

    def counts(self) -> dict[FileState, int]:
        """How many files are new, updated and unchanged (every state, 0 included)."""
        found = Counter(self.states.values())
        return {state: found[state] for state in ("new", "updated", "unchanged")}

    def __str__(self) -> str:
        """``1 unit, 7 cast, 5 location feeds (2 updated, 11 unchanged); no feed for 3 performers
        who never work``."""
        kinds = Counter(path.name.split("-", 1)[0].removesuffix(".ics") for path in self.paths)
        text = f"{kinds['unit']} unit, {kinds['cast']} cast, {kinds['location']} location feeds"
        changes = ", ".join(f"{n} {state}" for state, n in self.counts().items() if n)
        text += f" ({changes})" if changes else ""
        reasons = Counter(skipped.reason for skipped in self.skipped)
        missing = [_PHRASES[reason][count != 1].format(count) for reason, count in reasons.items()]
        return f"{text}; no feed for {', '.join(missing)}" if missing else text


# Each reason in words, singular and plural.
_PHRASES = {
    SkipReason.NEVER_WORKS: ("{} performer who never works", "{} performers who never work"),
    SkipReason.NEVER_VISITED: ("{} location the unit never visits", "{} locations the unit never visits"),
    SkipReason.ALL_BEFORE_SINCE: (
        "{} feed with no day from 'since' on",
        "{} feeds with no day from 'since' on",
    ),
    SkipReason.NO_SHOOT_DAYS: ("{} feed of no shoot day", "{} feeds of no shoot day"),
}


def write_calendars(
    production: Production,
    schedule: Schedule,
    out_dir: str | os.PathLike[str],
    *,
    previous: Schedule | None = None,
    **options: Unpack[CalendarOptions],
) -> CalendarFiles:
    """Write ``unit.ics``, one ``cast-<id>-<name>.ics`` per performer and one
    ``location-<name>.ics`` per location to ``out_dir`` (created when missing); report what
    each file became and which feeds were not written.

    The feeds already in ``out_dir`` are what subscribers hold: when there are any, they decide
    SEQUENCE, cancellations and UID inheritance exactly, and ``previous`` is not needed (nor
    used). ``previous`` (the Schedule published before) serves a fresh folder. A performer with no
    work or hold day, or a location the unit never visits, gets no file (in the report's
    ``skipped``, and logged); a file with nothing left in it is never written empty. Each file is
    replaced atomically and only when its bytes change, so web servers keep their ETags. Options
    as :func:`unit_calendar`.
    """
    production = zoned(production)
    settings = check_options(production, schedule, **options)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    file_names = feed_file_names(production)
    feeds = all_feeds(production, schedule, settings.stamp)
    before: dict[str, bytes] = {}  # what each file held, to tell new, updated and unchanged apart
    on_disk: dict[str, PublishedFeed] = {}
    for feed in feeds:
        path = folder / file_names[feed.key]
        if path.exists():
            before[feed.key] = path.read_bytes()
            calendar = parse_feed(before[feed.key], str(path))
            on_disk[feed.key] = published_feed(calendar, settings.namespace, feed.key, exact=True)
    plan, held = _plans(production, schedule, settings, on_disk, previous)
    paths: list[Path] = []
    states: dict[Path, FileState] = {}
    skipped: list[SkippedFeed] = []
    for feed in feeds:
        path = folder / file_names[feed.key]
        calendar = render_feed(production, plan, feed, held(feed), settings, allow_empty=True)
        if not calendar.walk("VEVENT"):
            skipped.append(_skipped(feed, plan, settings))
            continue
        data = calendar.to_ical()
        old = before.get(feed.key)
        if old != data:  # the same bytes stay untouched, so web servers keep their ETags
            write_bytes(path, data)
        paths.append(path)
        states[path] = "new" if old is None else "unchanged" if old == data else "updated"
    return CalendarFiles(folder, tuple(paths), states, tuple(skipped))


def _plans(
    production: Production,
    schedule: Schedule,
    settings: Settings,
    on_disk: Mapping[str, PublishedFeed],
    previous: Schedule | None,
) -> tuple[CalendarPlan, _Held]:
    """The schedule laid out, and what subscribers of each feed hold (files first, else previous)."""
    published = any(held.events for held in on_disk.values())
    previous_days: dict[str, PublishedDay] = {}
    for held in on_disk.values():
        previous_days.update(held.days())
    plan = plan_calendars(production, schedule, settings, previous_days if published else None)
    if published:
        return plan, lambda feed: on_disk.get(feed.key, NOTHING_PUBLISHED)
    if previous is not None:
        before = plan_as_published(production, previous, settings)
        return plan, lambda feed: published_by_plan(production, before, feed)
    return plan, lambda feed: NOTHING_PUBLISHED


def _skipped(feed: Feed, plan: CalendarPlan, settings: Settings) -> SkippedFeed:
    """The record of a feed with no event; the unit's feed is never skipped: that is an error."""
    if feed.kind == "unit":
        raise ShootplanError(f"no calendar for {feed.name}: {feed.empty}")
    reason = skip_reason(feed, plan)
    message = feed.empty
    if reason is SkipReason.ALL_BEFORE_SINCE:
        message = f"{feed.name} has nothing on or after {settings.since}"
    # An iCalendar file needs at least one event: no file, and the report says why.
    logger.info("no calendar file for %s: %s", feed.name, message)
    return SkippedFeed(feed.kind, feed.subject, reason, message)

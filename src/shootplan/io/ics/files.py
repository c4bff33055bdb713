"""Every feed of a schedule written to a folder, with a report of what each file became.

The folder is what subscribers hold, and a subscriber's URL is a file name: it must keep working.
So a feed is found by its key (:mod:`~shootplan.io.ics.folder`), not its name, and **a feed keeps
the file it was first published under**: a performer renamed from MAYA to MAYA ROSS (same board
ID) goes on in ``cast-1-maya.ics``, its SEQUENCEs continuing, rather than starting again in a new
file while the old one shows the old days as confirmed forever. Only a feed with no file yet gets
a name from :func:`feed_file_names` (with a suffix when that name is another feed's file). A
fresh folder for fresh names: file names are never moved, since a moved file is a dead link.

A feed of ours that is no longer produced (a performer off the board, a location gone) is
published once more with every event cancelled, so phones clear it, and reported in
:attr:`CalendarFiles.cancelled`; after that it reads the same and is left alone. Files that are not
ours are never touched, except one at the very name a feed is written to (as before). A damaged
event, or a feed file that cannot be read at all, is repaired from the schedule and reported in
:attr:`CalendarFiles.repaired`.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Literal, Unpack

import icalendar

from shootplan.errors import ShootplanError
from shootplan.io._files import write_bytes
from shootplan.io.ics.calendars import plan_as_published, published_by_plan
from shootplan.io.ics.feeds import Feed, SkipReason, all_feeds, skip_reason
from shootplan.io.ics.folder import FolderFeeds, HeldFile, read_folder
from shootplan.io.ics.identity import PublishedDay, feed_file_names
from shootplan.io.ics.options import CalendarOptions, Settings, check_options, zoned
from shootplan.io.ics.plan import CalendarPlan, plan_calendars
from shootplan.io.ics.render import render_cancelled, render_feed
from shootplan.io.ics.state import NOTHING_PUBLISHED, PublishedFeed
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = [
    "CalendarFiles",
    "CancelledFeed",
    "EventCounts",
    "FeedRepair",
    "FileState",
    "SkippedFeed",
    "write_calendars",
]

logger = logging.getLogger(__name__)

# What subscribers of a feed's file hold (the file, or None for a feed with no file yet).
_Held = Callable[[Feed, HeldFile | None], PublishedFeed]

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
class CancelledFeed:
    """A feed of ours in the folder that is no longer produced, published once more with every
    event cancelled so that subscribers' phones clear it.

    ``kind`` and ``id`` as :class:`SkippedFeed`; ``message`` why, in words.
    """

    path: Path
    kind: Literal["cast", "location"]
    id: str
    message: str

    def __str__(self) -> str:
        """``feed cast-3-ben.ics: performer no longer on the board, every event cancelled``."""
        return f"feed {self.path.name}: {self.message}"


@dataclass(frozen=True)
class FeedRepair:
    """A damaged event in a published feed file (or a whole file that cannot be read), and
    what was done about it.

    ``uid`` and ``summary`` name the event ("" for the whole file); ``problem`` is what cannot be
    read; ``action`` what was published instead.
    """

    path: Path
    uid: str
    summary: str
    problem: str
    action: str

    def __str__(self) -> str:
        """``feed unit.ics: event 1d2c… ("Day 2 · Call 07:00 · FARM") is damaged (SEQUENCE is
        not a whole number: 'abc'): re-published from the schedule``."""
        if not self.uid:
            return f"feed {self.path.name} {self.problem}: {self.action}"
        what = f"event {self.uid}" + (f" ({self.summary!r})" if self.summary else "")
        return f"feed {self.path.name}: {what} is damaged ({self.problem}): {self.action}"


@dataclass(frozen=True)
class EventCounts:
    """What one feed's subscribers receive from a publish, event by event.

    ``updated``: events they hold that change (a new SEQUENCE); ``added``: events new to them;
    ``cancelled``: events they hold that are withdrawn; ``unchanged``: events that read as they
    hold them and keep their SEQUENCE (phones do nothing with them).
    """

    updated: int = 0
    added: int = 0
    cancelled: int = 0
    unchanged: int = 0

    @property
    def sent(self) -> int:
        """How many events phones act on: updated, added and cancelled."""
        return self.updated + self.added + self.cancelled

    def __str__(self) -> str:
        """``2 updated, 1 added, 0 cancelled (26 unchanged)``."""
        return (
            f"{self.updated} updated, {self.added} added, {self.cancelled} cancelled"
            f" ({self.unchanged} unchanged)"
        )


@dataclass(frozen=True)
class CalendarFiles:
    """What :func:`write_calendars` did: the files written, what each is now, the feeds skipped.

    ``paths`` are in feed order (unit, each performer, each location); ``states`` tells for
    each path whether subscribers get a ``"new"`` feed, an ``"updated"`` one or an
    ``"unchanged"`` one (the same bytes as the file held before, left untouched). ``cancelled``
    are the feeds no longer produced that this publish cancelled; ``repaired`` the damaged
    events and files it replaced. ``events`` tells for each file written (cancelled feeds
    included) how many events its subscribers get updated, added, cancelled or unchanged.
    """

    folder: Path
    paths: tuple[Path, ...]
    states: Mapping[Path, FileState]
    skipped: tuple[SkippedFeed, ...]
    cancelled: tuple[CancelledFeed, ...] = ()
    repaired: tuple[FeedRepair, ...] = ()
    events: Mapping[Path, EventCounts] = field(default_factory=dict)

    def event_counts(self) -> EventCounts:
        """Every feed's events added up: what all phones together receive."""
        return EventCounts(*(sum(getattr(c, name) for c in self.events.values()) for name in _COUNTED))

    def phones(self) -> list[str]:
        """What phones will receive, one line per feed that sends anything:
        ``unit.ics: 2 updated, 1 added, 0 cancelled (26 unchanged)``; one line when none does."""
        lines = [f"{path.name}: {counts}" for path, counts in self.events.items() if counts.sent]
        if not lines:
            total = self.event_counts().unchanged
            return [f"nothing to send: every feed's {total} events stay as phones hold them"]
        return lines

    def counts(self) -> dict[FileState, int]:
        """How many files are new, updated and unchanged (every state, 0 included)."""
        found = Counter(self.states.values())
        return {state: found[state] for state in ("new", "updated", "unchanged")}

    def notices(self) -> list[str]:
        """One line for each feed cancelled and each damaged event or file repaired."""
        return [str(item) for item in (*self.cancelled, *self.repaired)]

    def __str__(self) -> str:
        """``1 unit, 7 cast, 5 location feeds (2 updated, 11 unchanged); no feed for 3 performers
        who never work; 1 feed no longer produced cancelled``."""
        kinds = Counter(path.name.split("-", 1)[0].removesuffix(".ics") for path in self.paths)
        text = f"{kinds['unit']} unit, {kinds['cast']} cast, {kinds['location']} location feeds"
        changes = ", ".join(f"{n} {state}" for state, n in self.counts().items() if n)
        text += f" ({changes})" if changes else ""
        reasons = Counter(skipped.reason for skipped in self.skipped)
        missing = [_PHRASES[reason][count != 1].format(count) for reason, count in reasons.items()]
        text = f"{text}; no feed for {', '.join(missing)}" if missing else text
        if self.cancelled:
            n = len(self.cancelled)
            text += f"; {n} feed{'s' if n != 1 else ''} no longer produced, every event cancelled"
        if self.repaired:
            n = len(self.repaired)
            text += f"; {n} damaged feed {'entry' if n == 1 else 'entries'} repaired"
        return text


_COUNTED = ("updated", "added", "cancelled", "unchanged")

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
    keep_before: date | None = None,
    **options: Unpack[CalendarOptions],
) -> CalendarFiles:
    """Write ``unit.ics``, one ``cast-<id>-<name>.ics`` per performer and one
    ``location-<name>.ics`` per location to ``out_dir`` (created when missing); report what
    each file became, which feeds were not written, cancelled or repaired.

    The feeds already in ``out_dir`` are what subscribers hold: when there are any, they decide
    SEQUENCE, cancellations and UID inheritance exactly, and ``previous`` is not needed (nor
    used). ``previous`` (the Schedule published before) serves a fresh folder. A feed already in
    the folder keeps its file name, whatever its subject is called now; a feed of ours no longer
    produced is cancelled (module docs). A performer with no work or hold day, or a location the
    unit never visits, gets no file (in the report's ``skipped``, and logged); a file with nothing
    left in it is never written empty. Each file is replaced atomically and only when its bytes
    change, so web servers keep their ETags. Events dated before ``keep_before`` stay as
    subscribers hold them (a re-plan's shot days are never re-sent). Options as
    :func:`unit_calendar`.
    """
    production = zoned(production)
    settings = replace(check_options(production, schedule, **options), keep_before=keep_before)
    folder = Path(out_dir)
    feeds = all_feeds(production, schedule, settings.stamp)
    found = read_folder(folder, settings.namespace, [feed.key for feed in feeds])
    folder.mkdir(parents=True, exist_ok=True)
    file_names = feed_file_names(production, taken=found.names())
    plan, held = _plans(production, schedule, settings, found, previous)
    paths: list[Path] = []
    states: dict[Path, FileState] = {}
    counts: dict[Path, EventCounts] = {}
    skipped: list[SkippedFeed] = []
    repaired = [
        FeedRepair(path, "", "", f"cannot be read as iCalendar ({why})", "replaced with a fresh feed")
        for path, why in found.unreadable.items()
        if path.name in {file_names[feed.key] for feed in feeds if feed.key not in found.held}
    ]
    for feed in feeds:
        files: list[HeldFile | None] = [*found.held.get(feed.key, [])] or [None]
        for file in files:
            path = file.path if file is not None else folder / file_names[feed.key]
            published = held(feed, file)
            calendar = render_feed(production, plan, feed, published, settings, allow_empty=True)
            repaired += _repairs(path, published, calendar)
            if not calendar.walk("VEVENT"):
                skipped.append(_skipped(feed, plan, settings))
                continue
            paths.append(path)
            states[path] = _write(path, calendar, _old_bytes(path, file, found))
            counts[path] = _counted(published, calendar)
    produced = {feed.key for feed in feeds}
    cancelled = _cancel_stale(production, settings, found, produced, repaired, counts)
    for repair in repaired:
        logger.warning("%s", repair)
    return CalendarFiles(
        folder, tuple(paths), states, tuple(skipped), tuple(cancelled), tuple(repaired), counts
    )


def _counted(published: PublishedFeed, calendar: icalendar.Calendar) -> EventCounts:
    """Each event of ``calendar`` against what subscribers hold: updated, added, cancelled, unchanged."""
    found: Counter[str] = Counter()
    for event in calendar.walk("VEVENT"):
        old = published.events.get(str(event["UID"]))
        now_cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
        if old is None:
            found["added"] += 1
        elif int(event.decoded("SEQUENCE")) == old.sequence and not old.damage:
            found["unchanged"] += 1
        else:
            found["cancelled" if now_cancelled and not old.cancelled else "updated"] += 1
    return EventCounts(*(found[name] for name in _COUNTED))


def _old_bytes(path: Path, file: HeldFile | None, found: FolderFeeds) -> bytes | None:
    """What the file held before (None when there was no file)."""
    if file is not None:
        return file.data
    if path in found.others:
        return found.others[path]
    return b"" if path in found.unreadable else None


def _write(path: Path, calendar: icalendar.Calendar, old: bytes | None) -> FileState:
    """Replace ``path`` unless it holds the same bytes (web servers keep their ETags)."""
    data = calendar.to_ical()
    if old != data:
        write_bytes(path, data)
    return "new" if old is None else "unchanged" if old == data else "updated"


def _plans(
    production: Production,
    schedule: Schedule,
    settings: Settings,
    found: FolderFeeds,
    previous: Schedule | None,
) -> tuple[CalendarPlan, _Held]:
    """The schedule laid out, and what subscribers of each feed hold (files first, else previous)."""
    on_disk = [file.published for files in found.held.values() for file in files]
    published = any(held.events for held in on_disk)
    previous_days: dict[str, PublishedDay] = {}
    for held in on_disk:
        previous_days.update(held.days())
    plan = plan_calendars(production, schedule, settings, previous_days if published else None)
    if published:
        return plan, lambda feed, file: file.published if file is not None else NOTHING_PUBLISHED
    if previous is not None:
        before = plan_as_published(production, previous, settings)
        return plan, lambda feed, file: published_by_plan(production, before, feed)
    return plan, lambda feed, file: NOTHING_PUBLISHED


def _repairs(path: Path, published: PublishedFeed, calendar: icalendar.Calendar) -> list[FeedRepair]:
    """The damaged events of a feed file, each with what the new feed does about it."""
    now = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    repairs: list[FeedRepair] = []
    for old in published.events.values():
        if not old.damage:
            continue
        event = now.get(old.uid)
        if event is None:
            action = "left out: its dates cannot be read, so it cannot be cancelled"
        elif str(event.get("STATUS", "")).upper() == "CANCELLED":
            action = f"published once more, cancelled (SEQUENCE {event['SEQUENCE']})"
        else:
            action = f"re-published from the schedule (SEQUENCE {event['SEQUENCE']})"
        summary = "" if "SUMMARY" in old.damaged else str(old.event.get("SUMMARY", ""))
        repairs.append(FeedRepair(path, old.uid, summary, old.damage, action))
    return repairs


# Why a feed of ours is no longer produced, by its kind.
_GONE: dict[Literal["cast", "location"], str] = {
    "cast": "performer no longer on the board, every event cancelled",
    "location": "location no longer in the production, every event cancelled",
}


def _cancel_stale(
    production: Production,
    settings: Settings,
    found: FolderFeeds,
    produced: set[str],
    repaired: list[FeedRepair],
    counts: dict[Path, EventCounts],
) -> list[CancelledFeed]:
    """Cancel every event of the feeds of ours that are no longer produced (once: then unchanged)."""
    cancelled: list[CancelledFeed] = []
    dates = _day_dates(found)
    stale = [(kind, why, key, files) for key, files in found.held.items() if key not in produced
             for kind, why in _GONE.items() if key.startswith(f"{kind}/")]  # fmt: skip
    for kind, why, key, files in stale:
        subject = key.removeprefix(f"{kind}/")
        for file in files:
            name = file.published.name or f"{production.name} · {subject}"
            feed = Feed(kind, subject, name, f"{name}: {why}.", why)
            calendar = render_cancelled(production, feed, file.published, settings, dates)
            repaired += _repairs(file.path, file.published, calendar)
            if calendar.walk("VEVENT"):
                counts[file.path] = _counted(file.published, calendar)
            if calendar.walk("VEVENT") and _write(file.path, calendar, file.data) == "updated":
                cancelled.append(CancelledFeed(file.path, kind, subject, why))
                logger.info("feed %s: %s", file.path.name, why)
    return cancelled


def _day_dates(found: FolderFeeds) -> dict[str, date]:
    """The date each published day falls on, from every event of ours in the folder whose start
    can be read: a damaged event of a feed no longer produced is cancelled on its day's date, so
    its file is re-published (and the next run is quiet) even when no event of its own is sound."""
    dates: dict[str, date] = {}
    for files in found.held.values():
        for file in files:
            for event in file.published.events.values():
                if event.day and "DTSTART" not in event.damaged:
                    dates.setdefault(event.day, event.start)
    return dates


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

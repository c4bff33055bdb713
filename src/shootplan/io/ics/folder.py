"""What a folder of feeds holds: our feed files by feed key, whatever their names, read defensively.

A feed is known by its key (``unit``, ``cast/<board ID>``, ``location/<name>``), read from the
``X-SHOOTPLAN-FEED`` marker of its events (or, when none can be read, from the calendar's own
UID), never from its file name: a performer renamed from MAYA to MAYA ROSS keeps the file
``cast-1-maya.ics`` that their subscribers' URL points to. Files of another production, or no
shootplan feed at all, are not ours; a file that is no iCalendar at all is reported, never taken
as history.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import icalendar

from shootplan.errors import ShootplanError
from shootplan.io.ics.identity import X_FEED, X_PRODUCTION, event_uid
from shootplan.io.ics.state import PublishedFeed, parse_feed, published_feed

__all__ = ["FolderFeeds", "HeldFile", "read_folder"]


@dataclass(frozen=True)
class HeldFile:
    """One feed file of ours in the folder: its bytes and what its subscribers hold."""

    path: Path
    data: bytes
    key: str
    published: PublishedFeed


@dataclass
class FolderFeeds:
    """The folder's .ics files: ours by feed key, and those that cannot be read (with why)."""

    held: dict[str, list[HeldFile]] = field(default_factory=dict)
    unreadable: dict[Path, str] = field(default_factory=dict)
    others: dict[Path, bytes] = field(default_factory=dict)  # readable, not ours

    def names(self) -> set[str]:
        """Every file name our feeds hold."""
        return {held.path.name for files in self.held.values() for held in files}


def read_folder(folder: Path, namespace: uuid.UUID, produced: Collection[str]) -> FolderFeeds:
    """Read every ``*.ics`` file directly in ``folder``; ``produced`` are the keys written now."""
    found = FolderFeeds()
    if not folder.is_dir():
        return found
    by_uid = {event_uid(namespace, f"feed/{key}"): key for key in produced}
    for path in sorted(folder.glob("*.ics")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            calendar = parse_feed(data, path.name)
        except ShootplanError as error:
            found.unreadable[path] = str(error)
            continue
        key = _key(calendar, namespace) or by_uid.get(str(calendar.get("UID", "")))
        if key is None:
            found.others[path] = data
            continue
        published = published_feed(calendar, namespace, key, exact=True)
        found.held.setdefault(key, []).append(HeldFile(path, data, key, published))
    return found


def _key(calendar: icalendar.Calendar, namespace: uuid.UUID) -> str | None:
    """The feed key most of our events in ``calendar`` carry (None when none is ours)."""
    keys = Counter(
        unquote(str(event.get(X_FEED, "")))
        for event in calendar.walk("VEVENT")
        if str(event.get(X_PRODUCTION, "")) == str(namespace) and X_FEED in event
    )
    return keys.most_common(1)[0][0] if keys else None

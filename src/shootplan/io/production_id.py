"""A production's stable identity: created once, then found again wherever it was written.

``Production.id`` names the production's calendars and the namespace of its event UIDs
(:func:`shootplan.io.ics.identity.production_namespace`), so two productions of the same name
never touch each other's events, and a renamed production keeps its UIDs. A board seldom carries
one (a workbook shootplan wrote does, on its Settings sheet; so does production.json), so
:func:`settle_production_id` looks, in order, at:

1. the production itself;
2. the earlier outputs it is given: a ``production.json`` that carries an id, or a folder of
   feeds whose ``X-SHOOTPLAN-PRODUCTION-ID`` names one;
3. feeds published before productions had ids, whose events are marked with the namespace of
   the production's *name*: the name becomes the id, so those events keep their UIDs (two such
   productions of the same name stay indistinguishable; only a fresh id tells them apart);
4. else a new random id (``uuid4``), which the caller writes into its outputs so that the next
   run finds it there.

Nothing is ever written into the input file.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

import icalendar

from shootplan.errors import ProductionError, ShootplanError
from shootplan.io.ics.identity import SHOOTPLAN_NAMESPACE, X_PRODUCTION, X_PRODUCTION_ID
from shootplan.io.ics.state import parse_feed
from shootplan.model import Production

__all__ = ["IdSource", "SettledId", "settle_production_id"]

#: Where a production's id came from.
IdSource = Literal["board", "previous", "name", "new"]


@dataclass(frozen=True)
class SettledId:
    """The production with its id, where the id came from, and the file or folder that held it."""

    production: Production
    source: IdSource
    found_in: Path | None = None

    @property
    def notice(self) -> str | None:
        """One line for the user when the id did not come from the board itself."""
        production = self.production
        if self.source == "new":
            return (
                f"new production id {production.id} (kept in production.json, schedule.xlsx and the"
                " feeds: it keeps this production's calendars apart from any other's)"
            )
        if self.source == "name":
            return (
                f"the feeds in {self.found_in} were published under the production's name: it stays"
                " the production's id, so their events keep their UIDs"
            )
        if self.source == "previous":
            return f"production id {production.id}, from {self.found_in}"
        return None


def settle_production_id(production: Production, previous: Iterable[Path] = ()) -> SettledId:
    """The production with a stable id: its own, else one found in ``previous``, else a new one.

    ``previous`` are earlier outputs, in order of trust: production JSON files and folders of
    feeds (missing or unreadable ones are passed over). See the module docs for the order.
    """
    if production.id is not None:
        return SettledId(production, "board")
    places = [Path(place) for place in previous]
    for place in places:
        found = _id_in(place)
        if found is not None:
            with contextlib.suppress(ProductionError):  # not an id we could have written: pass over
                return SettledId(production.replace(id=found), "previous", place)
    legacy = str(uuid.uuid5(SHOOTPLAN_NAMESPACE, production.name))
    for place in places:
        if place.is_dir() and any(legacy in _markers(feed) for feed in _feeds(place)):
            return SettledId(production.replace(id=production.name), "name", place)
    return SettledId(production.replace(id=str(uuid.uuid4())), "new")


def _id_in(place: Path) -> str | None:
    """The id a production JSON file or a folder of feeds carries, if any."""
    if place.is_file():
        try:
            data = json.loads(place.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return None
        found = data.get("id") if isinstance(data, dict) else None
        return (found.strip() or None) if isinstance(found, str) else None
    for feed in _feeds(place):
        calendar = _calendar(feed)
        if calendar is not None and X_PRODUCTION_ID in calendar:
            return unquote(str(calendar[X_PRODUCTION_ID])).strip() or None
    return None


def _feeds(folder: Path) -> list[Path]:
    """The .ics files of a folder, the unit's first (every run writes it), in a fixed order."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.ics"), key=lambda path: (path.name != "unit.ics", path.name))


def _calendar(feed: Path) -> icalendar.Calendar | None:
    try:
        return parse_feed(feed.read_bytes(), str(feed))
    except (OSError, ShootplanError):
        return None  # a damaged feed is the feed writer's to report, not a reason to stop here


def _markers(feed: Path) -> set[str]:
    """The production markers of a feed's events."""
    calendar = _calendar(feed)
    if calendar is None:
        return set()
    return {str(event.get(X_PRODUCTION, "")) for event in calendar.walk("VEVENT")}

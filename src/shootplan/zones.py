"""The production's time zone, and where it came from when the production does not state one.

Phones show a feed's times in the zone the feed names, so a board without a time zone must not
silently become UTC (a 07:00 call in New York would show at 03:00). :func:`resolve_zone` is the one
place that decides, in this order:

1. the zone the production's calendar states (UTC too, when stated);
2. the zone of most of its locations: each location's own time zone, else the zone at its latitude
   and longitude (looked up offline with ``timezonefinder``); when they disagree the majority wins
   and the words say so;
3. this computer's zone: the ``TZ`` variable, else the target of ``/etc/localtime``, else
   ``/etc/timezone``;
4. UTC, as the last resort.

Readers fill the zone in when the file gives none (and warn with :attr:`ZoneChoice.notice`); the
calendar writers do the same for productions built in Python. The model itself never looks.
"""

from __future__ import annotations

import functools
import os
import zoneinfo
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from shootplan.model import Location, Production

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

__all__ = ["ZoneChoice", "ZoneSource", "machine_zone", "resolve_zone", "with_zone", "zone_at"]

_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")  # Debian's plain-text copy of the zone name
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"})


class ZoneSource(StrEnum):
    """Where the production's time zone came from."""

    STATED = "stated"  # the production's calendar names it
    LOCATIONS = "locations"  # the time zones its locations name
    COORDINATES = "coordinates"  # its locations' latitude and longitude
    MACHINE = "machine"  # this computer's settings
    FALLBACK = "fallback"  # nothing gave one: UTC


_WORDS = {
    ZoneSource.STATED: "as the production states",
    ZoneSource.LOCATIONS: "from the locations' time zones",
    ZoneSource.COORDINATES: "from the locations' coordinates",
    ZoneSource.MACHINE: "from this computer's settings",
    ZoneSource.FALLBACK: "as neither the locations nor this computer give one",
}


@dataclass(frozen=True)
class ZoneChoice:
    """The production's time zone (an IANA name), where it came from, and that in words.

    ``words`` is the reason (``from the locations' coordinates (3 of 4 locations; Mill Pond is in
    America/Chicago)``); :attr:`notice` is the one line to show a user, None when the production
    states its zone.
    """

    zone: str
    source: ZoneSource
    words: str

    @property
    def notice(self) -> str | None:
        """``no time zone given: using America/New_York, from ...``; None when stated."""
        if self.source is ZoneSource.STATED:
            return None
        line = f"no time zone given: using {self.zone}, {self.words}"
        if self.zone in _UTC_NAMES:
            # Phones away from Greenwich would show every call shifted: say how to avoid it.
            line += "; set the production's Time Zone if it shoots elsewhere"
        return line


def resolve_zone(production: Production, *, environ: Mapping[str, str] | None = None) -> ZoneChoice:
    """The production's time zone: stated, else its locations', else this computer's, else UTC.

    ``environ`` stands for ``os.environ`` (read for ``TZ``).
    """
    if production.calendar.time_zone is not None:
        return ZoneChoice(production.calendar.time_zone, ZoneSource.STATED, _WORDS[ZoneSource.STATED])
    from_places = _locations_zone(production.locations)
    if from_places is not None:
        return from_places
    machine = machine_zone(environ)
    if machine is not None:
        return ZoneChoice(machine, ZoneSource.MACHINE, _WORDS[ZoneSource.MACHINE])
    return ZoneChoice("UTC", ZoneSource.FALLBACK, _WORDS[ZoneSource.FALLBACK])


def with_zone(production: Production, choice: ZoneChoice) -> Production:
    """``production`` with ``choice.zone`` as its calendar's time zone (itself when stated)."""
    if production.calendar.time_zone == choice.zone:
        return production
    # The zone is a valid IANA name already (every source checks it): no need to re-validate.
    calendar = production.calendar.model_copy(update={"time_zone": choice.zone})
    return production.model_copy(update={"calendar": calendar})


def _locations_zone(locations: list[Location]) -> ZoneChoice | None:
    """The zone most locations are in (their own zone, else their coordinates'), or None."""
    votes: dict[str, str] = {}  # location name -> zone
    looked_up = False
    for location in locations:
        if location.time_zone is not None:
            votes[location.name] = location.time_zone
        elif location.latitude is not None and location.longitude is not None:
            found = zone_at(location.latitude, location.longitude)
            if found is not None:
                votes[location.name] = found
                looked_up = True
    if not votes:
        return None
    # Most locations win; on a tie, the zone named first (locations keep the file's order).
    counts = Counter(votes.values())
    zone = max(counts, key=lambda name: counts[name])
    source = ZoneSource.COORDINATES if looked_up else ZoneSource.LOCATIONS
    words = _WORDS[source]
    if len(counts) > 1:
        others = sorted((name, place) for place, name in votes.items() if name != zone)
        listed = "; ".join(f"{place} is in {name}" for name, place in others[:3])
        more = f"; {len(others) - 3} more elsewhere" if len(others) > 3 else ""
        words += f" ({counts[zone]} of {len(votes)} locations; {listed}{more})"
    return ZoneChoice(zone, source, words)


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point, looked up offline; None where no zone is known."""
    name = _finder().timezone_at(lat=latitude, lng=longitude)
    return name if name is not None and _is_zone(name) else None


@functools.cache
def _finder() -> TimezoneFinder:
    # Imported and built on first use: loading the boundary data takes most of a second.
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def machine_zone(environ: Mapping[str, str] | None = None, *, localtime: Path = _LOCALTIME) -> str | None:
    """This computer's IANA zone: ``TZ``, else ``/etc/localtime``'s target; None when unknown.

    ``TZ`` wins as it does for every program (``TZ=Europe/Berlin``, ``TZ=:Europe/Berlin`` or a
    path into the zone database); a value that names no zone is passed over.
    """
    variables = os.environ if environ is None else environ
    setting = variables.get("TZ", "").strip().removeprefix(":")
    if setting:
        name = _name_in_path(setting) if setting.startswith("/") else setting
        if name is not None and _is_zone(name):
            return name
    if localtime.is_symlink():
        name = _name_in_path(os.readlink(localtime))
        if name is not None and _is_zone(name):
            return name
    if localtime == _LOCALTIME and _TIMEZONE_FILE.is_file():
        name = _TIMEZONE_FILE.read_text(encoding="utf-8", errors="replace").strip()
        if _is_zone(name):
            return name
    return None


def _name_in_path(path: str) -> str | None:
    """``America/New_York`` from ``/usr/share/zoneinfo/America/New_York``; None elsewhere."""
    marker = "zoneinfo/"
    at = path.rfind(marker)
    return path[at + len(marker) :] if at >= 0 else None


def _is_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True

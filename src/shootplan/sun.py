"""Sunrise, sunset and twilight at a location on a date: when EXT DAY and EXT NIGHT can be shot.

Sun times come from ``astral`` (offline, from latitude, longitude and date), in the location's
time zone. Where the coordinates come from, in this order:

1. the location's own latitude and longitude;
2. the production's: the mean of its located locations (they sit within driving distance);
3. the production's time zone: the principal city IANA lists for it (``zone1970.tab`` of the
   ``tzdata`` package), e.g. New York for ``America/New_York``;
4. nothing known: sunrise 06:00 and sunset 18:00 local, with 30 minutes of twilight each side
   (an equinox day; :attr:`SunTimes.known` is False so reports can say the times are a guess).

The polar day and night, where the sun neither rises nor sets, take the same fixed times.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from zoneinfo import ZoneInfo

from astral import Observer
from astral.sun import dawn, dusk, sunrise, sunset

from shootplan.model import Light, Production

__all__ = ["SunTimes", "production_coordinates", "sun_at", "sun_notice", "sun_times", "zone_coordinates"]

_FALLBACK_SUNRISE = time(6, 0)
_FALLBACK_SUNSET = time(18, 0)
_TWILIGHT = timedelta(minutes=30)


@dataclass(frozen=True)
class SunTimes:
    """The light of one date at one place (aware datetimes, in the place's zone).

    ``dawn``/``dusk`` are civil twilight (sun 6 degrees below the horizon); ``next_dawn`` and
    ``next_sunrise`` belong to the following morning, which ends the night that starts at
    ``sunset``. ``known`` is False when the times are the documented fallback.
    """

    dawn: datetime
    sunrise: datetime
    sunset: datetime
    dusk: datetime
    next_dawn: datetime
    next_sunrise: datetime
    known: bool

    @property
    def daylight_minutes(self) -> int:
        """Minutes between sunrise and sunset."""
        return int((self.sunset - self.sunrise).total_seconds() // 60)

    @property
    def darkness_minutes(self) -> int:
        """Minutes between sunset and the next sunrise."""
        return int((self.next_sunrise - self.sunset).total_seconds() // 60)


@functools.lru_cache(maxsize=16384)
def sun_times(day: date, zone: str, coordinates: tuple[float, float] | None) -> SunTimes:
    """The sun on ``day`` (and the next morning) at ``coordinates`` in ``zone`` (cached)."""
    tz = ZoneInfo(zone)
    if coordinates is not None:
        try:
            today = _astral_day(day, tz, coordinates)
            tomorrow = _astral_day(day + timedelta(days=1), tz, coordinates)
            return _sun(today, tomorrow, known=True)
        except ValueError:
            pass  # polar day or night: the sun does not cross the horizon; fixed times below
    return _sun(_fixed_day(day, tz), _fixed_day(day + timedelta(days=1), tz), known=False)


_Day = tuple[datetime, datetime, datetime, datetime]  # dawn, sunrise, sunset, dusk


def _sun(today: _Day, tomorrow: _Day, *, known: bool) -> SunTimes:
    dawn_, rise, set_, dusk_ = today
    return SunTimes(dawn_, rise, set_, dusk_, tomorrow[0], tomorrow[1], known)


def _astral_day(day: date, tz: ZoneInfo, coordinates: tuple[float, float]) -> _Day:
    observer = Observer(latitude=coordinates[0], longitude=coordinates[1])
    dawn_, rise, set_, dusk_ = (
        f(observer, date=day, tzinfo=tz).replace(microsecond=0) for f in (dawn, sunrise, sunset, dusk)
    )
    return dawn_, rise, set_, dusk_


def _fixed_day(day: date, tz: ZoneInfo) -> _Day:
    rise = datetime.combine(day, _FALLBACK_SUNRISE, tzinfo=tz)
    set_ = datetime.combine(day, _FALLBACK_SUNSET, tzinfo=tz)
    return (rise - _TWILIGHT, rise, set_, set_ + _TWILIGHT)


def sun_at(production: Production, location_name: str | None, day: date) -> SunTimes:
    """The sun at a location of ``production`` on ``day`` (the fallbacks of the module's doc)."""
    location = production.location(location_name) if location_name else None
    zone = (location.time_zone if location else None) or production.calendar.time_zone or "UTC"
    if location is not None and location.latitude is not None and location.longitude is not None:
        return sun_times(day, zone, (location.latitude, location.longitude))
    return sun_times(day, zone, production_coordinates(production))


def production_coordinates(production: Production) -> tuple[float, float] | None:
    """Where the production is: the mean of its located locations, else its zone's city."""
    located = [
        (loc.latitude, loc.longitude)
        for loc in production.locations
        if loc.latitude is not None and loc.longitude is not None
    ]
    if located:
        return (sum(p[0] for p in located) / len(located), sum(p[1] for p in located) / len(located))
    return zone_coordinates(production.calendar.time_zone or "")


def sun_notice(production: Production) -> str | None:
    """One line when exteriors are timed by a guessed sun (no coordinates, no city for the zone)."""
    if production_coordinates(production) is not None:
        return None
    if all(s.required_light is Light.ANY for s in production.scenes):
        return None
    return (
        f"no latitude and longitude for any location, and no city for time zone"
        f" {production.calendar.time_zone or 'UTC'}: exteriors are timed by a guessed sun (sunrise"
        " 06:00, sunset 18:00); add Latitude and Longitude to the locations"
    )


def zone_coordinates(zone: str) -> tuple[float, float] | None:
    """The coordinates IANA gives for a zone's principal city (None for UTC and unknown zones)."""
    return _zone_table().get(zone)


@functools.cache
def _zone_table() -> dict[str, tuple[float, float]]:
    try:
        text = (resources.files("tzdata") / "zoneinfo" / "zone1970.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    table: dict[str, tuple[float, float]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            table[fields[2]] = _iso6709(fields[1])
    return table


def _iso6709(text: str) -> tuple[float, float]:
    """``+404251-0740023`` (degrees, minutes, seconds) as decimal latitude and longitude."""
    split = max(text.rfind("+"), text.rfind("-"))
    return _degrees(text[:split], 2), _degrees(text[split:], 3)


def _degrees(text: str, width: int) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    whole, minutes = int(digits[:width]), int(digits[width : width + 2])
    seconds = int(digits[width + 2 : width + 4] or 0)
    return sign * (whole + minutes / 60 + seconds / 3600)

"""The production model: scenes (strips), cast, locations, the shoot calendar and the rules.

Everything here is validated on construction and is the only input the solver, the scorer and
the reports ever see. Models are immutable (``frozen``); :meth:`Production.replace` returns a new,
re-validated production. A bad value or reference raises :class:`~shootplan.errors.ProductionError`
(a ``ValueError``) whose message names the entity: ``scene "42A": unknown cast id "7"``.

Conventions (see DOMAIN.md): scene numbers and cast board IDs are strings; page counts are whole
eighths; dates are ``datetime.date``; money is in the production's currency, per day.
"""

from __future__ import annotations

import math
import re
import zoneinfo
from collections.abc import Iterator, Sequence
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from shootplan.errors import ProductionError
from shootplan.pages import format_pages, parse_pages

__all__ = [
    "CastMember",
    "DateRange",
    "IntExt",
    "Location",
    "Production",
    "Rules",
    "Scene",
    "ShootCalendar",
    "Turnaround",
]

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Times of day that mean the unit works at night (and so owes a turnaround the next morning).
NIGHT_WORDS = frozenset({"NIGHT", "N", "EVENING", "LATE NIGHT", "MIDNIGHT", "NITE"})


class _Model(BaseModel):
    """Shared configuration: immutable, unknown fields rejected, readable errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise ProductionError(describe_validation_error(error, data, type(self))) from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate a dict (or object) into this model; errors name the entity at fault."""
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as error:
            raise ProductionError(describe_validation_error(error, obj, cls)) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, *args: Any, **kwargs: Any) -> Self:
        """Validate JSON text into this model; errors name the entity at fault."""
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as error:
            import json

            try:
                raw = json.loads(json_data)
            except ValueError:
                raw = None
            raise ProductionError(describe_validation_error(error, raw, cls)) from None


# --------------------------------------------------------------------------- dates


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        # Spreadsheets and USS often carry a time part ("2027-03-04T00:00:00", "... +0000").
        if len(text) >= 10 and re.match(r"^\d{4}-\d{2}-\d{2}", text):
            return text[:10]
        # US boards write month/day/year (3/4/2027 is March 4th).
        if match := _US_DATE.match(text):
            month, day, year = (int(part) for part in match.groups())
            try:
                return date(year + 2000 if year < 100 else year, month, day)
            except ValueError:
                return value  # pydantic then names the bad value
    return value


Day = Annotated[date, BeforeValidator(_parse_date)]


class DateRange(_Model):
    """An inclusive range of dates, written ``2027-03-04..2027-03-08`` (or a single date)."""

    start: Day
    end: Day

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, date):
            return {"start": value, "end": value}
        if isinstance(value, str):
            text = value.strip()
            parts = [p.strip() for p in re.split(r"\.\.|\u2013|\s+to\s+", text) if p.strip()]
            if len(parts) == 1 and not _US_DATE.match(text) and text.count("/") == 1:
                parts = [p.strip() for p in text.split("/")]  # ISO 8601 interval: start/end
            if len(parts) == 1:
                return {"start": parts[0], "end": parts[0]}
            if len(parts) == 2:
                return {"start": parts[0], "end": parts[1]}
            raise ValueError(f"cannot read {value!r} as a date or a range like 2027-03-04..2027-03-08")
        if isinstance(value, list | tuple) and len(value) == 2:
            return {"start": value[0], "end": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"range ends ({self.end}) before it starts ({self.start})")
        return self

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def dates(self) -> Iterator[date]:
        """Every date of the range, in order."""
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}..{self.end}"


def _split_ranges(value: Any) -> Any:
    """Accept ``"2027-03-04..2027-03-08; 2027-03-10"`` as well as a list of ranges or dates."""
    if value is None:
        return []
    if isinstance(value, str | date):
        value = [value]
    if isinstance(value, list | tuple):
        items: list[Any] = []
        for item in value:
            if isinstance(item, str):
                items += [part for part in re.split(r"[;,]", item) if part.strip()]
            else:
                items.append(item)
        return items
    return value


DateRanges = Annotated[list[DateRange], BeforeValidator(_split_ranges)]


def _in_any(day: date, ranges: Sequence[DateRange]) -> bool:
    return any(day in r for r in ranges)


# --------------------------------------------------------------------------- scene


class IntExt(StrEnum):
    """Interior or exterior, as the slugline says."""

    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"

    @classmethod
    def parse(cls, value: str) -> IntExt:
        """Read ``INT``, ``I``, ``Int.``, ``EXT/INT``, ``I/E`` and the like."""
        key = re.sub(r"[^A-Z/]", "", value.upper())
        table = {
            "INT": cls.INT,
            "I": cls.INT,
            "INTERIOR": cls.INT,
            "EXT": cls.EXT,
            "E": cls.EXT,
            "EXTERIOR": cls.EXT,
        }
        if key in table:
            return table[key]
        if key in {"INT/EXT", "EXT/INT", "I/E", "E/I", "IE", "EI", "INTEXT", "EXTINT"}:
            return cls.INT_EXT
        raise ValueError(f"cannot read {value!r} as INT, EXT or INT/EXT")


class Scene(_Model):
    """One strip on the board: a scene (or part of one) to be shot."""

    number: str = Field(min_length=1, description='Scene number as written: "12", "12A", "70pt".')
    int_ext: IntExt = Field(description="INT, EXT or INT/EXT.")
    time_of_day: str = Field(
        default="DAY", description="As written on the strip: DAY, NIGHT, DAWN, DUSK, MORNING..."
    )
    set: str = Field(min_length=1, description='The set: "BAILEY HOME - KITCHEN".')
    location: str = Field(
        default="",
        description="Shooting location name; defaults to the set name's part before ' - '.",
    )
    eighths: int = Field(description="Page count in eighths of a page (2 3/8 pages = 19).")
    cast: list[str] = Field(default_factory=list, description="Board IDs of the cast in it.")
    minutes: int | None = Field(
        default=None, ge=1, description="Estimated shooting minutes; else from the page count."
    )
    shoot_days: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Whole shoot days the scene occupies on its own (a 3-day battle). Default: 1, or as"
            " many as its pages/minutes need when it exceeds one day's capacity."
        ),
    )
    script_day: str | None = Field(default=None, description='Story day: "D3", "N2".')
    synopsis: str = Field(default="", description="One line for the strip.")
    elements: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Other breakdown elements by category: {"Extras": ["20 townsfolk"]}.',
    )
    earliest: Day | None = Field(default=None, description="Not to be shot before this date.")
    latest: Day | None = Field(default=None, description="Not to be shot after this date.")
    pinned: Day | None = Field(default=None, description="Must be shot (start) on this date.")
    cover: bool = Field(
        default=False, description="A weather-cover set: may be swapped into a lost exterior day."
    )

    @field_validator("number", "set", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{value:g}"
        return value

    @field_validator("int_ext", mode="before")
    @classmethod
    def _int_ext(cls, value: Any) -> Any:
        return IntExt.parse(value) if isinstance(value, str) else value

    @field_validator("time_of_day", mode="before")
    @classmethod
    def _time_of_day(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("eighths", mode="before")
    @classmethod
    def _eighths(cls, value: Any) -> Any:
        # A string is a page count as written ("2 3/8"); an int is already eighths.
        if isinstance(value, str):
            return parse_pages(value)
        return value

    @field_validator("cast", mode="before")
    @classmethod
    def _cast(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in re.split(r"[;,]", value)]
        if isinstance(value, list | tuple):
            ids: list[str] = []
            for item in value:
                text = f"{item:g}" if isinstance(item, float) else str(item).strip()
                if text and text not in ids:
                    ids.append(text)
            return ids
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = []
        if self.eighths <= 0:
            problems.append(
                f"page count must be at least 1/8 (got {self.eighths} eighths);"
                " a scene with no pages has nothing to shoot"
            )
        if self.earliest and self.latest and self.latest < self.earliest:
            problems.append(f"latest date {self.latest} is before earliest date {self.earliest}")
        if self.pinned and self.earliest and self.pinned < self.earliest:
            problems.append(f"pinned date {self.pinned} is before earliest date {self.earliest}")
        if self.pinned and self.latest and self.pinned > self.latest:
            problems.append(f"pinned date {self.pinned} is after latest date {self.latest}")
        if problems:
            raise ValueError(f"scene {self.number!r}: " + "; ".join(problems))
        if not self.location:
            # Sets at one place share the name before " - " (BAILEY HOME - KITCHEN / - PORCH).
            object.__setattr__(self, "location", self.set.split(" - ")[0].strip())
        return self

    @property
    def is_night(self) -> bool:
        """True when the strip is shot at night (NIGHT, EVENING...): it drives turnaround."""
        return self.time_of_day in NIGHT_WORDS or "NIGHT" in self.time_of_day

    @property
    def is_exterior(self) -> bool:
        """True for EXT and INT/EXT strips: they depend on the weather."""
        return self.int_ext is not IntExt.INT

    @property
    def pages(self) -> str:
        """The page count as an AD writes it: ``2 3/8``."""
        return format_pages(self.eighths)

    @property
    def slugline(self) -> str:
        """``INT. DINER - NIGHT``."""
        prefix = "INT./EXT." if self.int_ext is IntExt.INT_EXT else f"{self.int_ext.value}."
        return f"{prefix} {self.set} - {self.time_of_day}"


# --------------------------------------------------------------------------- cast


class CastMember(_Model):
    """A performer with a board ID (``1`` is the lead, by convention)."""

    id: str = Field(min_length=1, description='Board ID: "1", "7", "12B".')
    name: str = Field(default="", description="The performer's name.")
    character: str = Field(default="", description="The character they play.")
    daily_rate: float = Field(default=0.0, ge=0, description="Pay per work or hold day.")
    unavailable: DateRanges = Field(
        default_factory=list, description="Dates the performer cannot work (dates or ranges)."
    )
    holds: bool = Field(
        default=True,
        description=(
            "Paid on a consecutive basis: idle shoot days between first and last work day are hold"
            " days. False for performers engaged day by day."
        ),
    )
    drop_pickup: bool = Field(
        default=False, description="May be dropped and picked up again across a long gap."
    )
    min_drop_gap_days: int = Field(
        default=10,
        ge=0,
        description=(
            "A drop is allowed only when the pickup comes more than this many calendar days after"
            " the last work day before it (SAG-AFTRA: 10 in the US, 14 elsewhere)."
        ),
    )
    max_drops: int = Field(default=1, ge=0, description="Drops allowed per production (usually one).")
    minor: bool = Field(default=False, description="Under 18: minors' work rules apply.")

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{value:g}"
        return value

    @property
    def label(self) -> str:
        """``1. NORA`` as a board prints it (the character, else the performer)."""
        who = self.character or self.name
        return f"{self.id}. {who}" if who else self.id

    def is_available(self, day: date) -> bool:
        """False on a date the performer is unavailable."""
        return not _in_any(day, self.unavailable)


# --------------------------------------------------------------------------- location


class Location(_Model):
    """A place the unit shoots at; several sets may live at one location."""

    name: str = Field(min_length=1, description="Unique name, as used on scenes.")
    address: str = Field(default="", description="Full street address for call sheets and GPS.")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    time_zone: str | None = Field(default=None, description="IANA time zone; defaults to the calendar's.")
    windows: DateRanges = Field(
        default_factory=list, description="Dates it is available; empty means any date."
    )
    unavailable: DateRanges = Field(default_factory=list, description="Dates it cannot be used.")

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None:
            _check_zone(value)
        return value

    @model_validator(mode="after")
    def _coordinates(self) -> Self:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError(f"location {self.name!r}: give both latitude and longitude, or neither")
        return self

    def is_available(self, day: date) -> bool:
        """True when the location can be used on this date."""
        if self.windows and not _in_any(day, self.windows):
            return False
        return not _in_any(day, self.unavailable)


def _check_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r} (use an IANA name like America/New_York)") from None


# --------------------------------------------------------------------------- calendar


def _weekday_list(value: Any) -> Any:
    """Accept ``"Mon-Fri"``, ``"Mon-Sat"``, ``"Mon, Wed, Fri"``, ``[0, 1, 2]`` or names."""
    if isinstance(value, str):
        value = [part.strip() for part in re.split(r"[;,\s]+", value) if part.strip()]
    if not isinstance(value, list | tuple):
        return value
    names: list[str] = []
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool):
            if not 0 <= item <= 6:
                raise ValueError(f"weekday number {item} is not 0 (Monday) to 6 (Sunday)")
            indices = [item]
        else:
            text = str(item)
            if "-" in text:
                first, last = (_weekday_index(p) for p in text.split("-", 1))
                indices = [(first + k) % 7 for k in range((last - first) % 7 + 1)]
            else:
                indices = [_weekday_index(text)]
        names += [WEEKDAY_NAMES[i] for i in indices if WEEKDAY_NAMES[i] not in names]
    return sorted(names, key=WEEKDAY_NAMES.index)


def _weekday_index(text: str) -> int:
    key = text.strip()[:3].title()
    if key not in WEEKDAY_NAMES:
        raise ValueError(f"cannot read {text!r} as a weekday (Mon, Tue, ... Sun)")
    return WEEKDAY_NAMES.index(key)


class ShootCalendar(_Model):
    """When the unit shoots: start date, shooting weekdays, days off and holidays.

    Shoot day N is the Nth *shoot date* from ``start``: a date on a shooting weekday that is
    neither a day off nor a holiday.
    """

    start: Day = Field(description="Date of shoot day 1 (moved forward to the first shoot date).")
    weekdays: Annotated[list[str], BeforeValidator(_weekday_list)] = Field(
        default_factory=lambda: list(WEEKDAY_NAMES[:5]),
        description='Shooting weekdays, e.g. "Mon-Fri" (default) or "Mon-Sat".',
    )
    days_off: DateRanges = Field(default_factory=list, description="Company days off (dark days).")
    holidays: list[Day] = Field(default_factory=list, description="Company holidays (paid).")
    time_zone: str = Field(default="UTC", description="Default IANA time zone of the production.")

    @field_validator("holidays", mode="before")
    @classmethod
    def _holidays(cls, value: Any) -> Any:
        ranges = _split_ranges(value)
        if isinstance(ranges, list):
            days: list[Any] = []
            for item in ranges:
                days += list(DateRange.model_validate(item).dates()) if isinstance(item, str) else [item]
            return days
        return value

    @field_validator("weekdays")
    @classmethod
    def _some_weekday(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("the calendar needs at least one shooting weekday")
        return value

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        _check_zone(value)
        return value

    def is_shoot_date(self, day: date) -> bool:
        """True when the unit may shoot on this date (not before start, weekday, not off)."""
        return (
            day >= self.start
            and WEEKDAY_NAMES[day.weekday()] in self.weekdays
            and not _in_any(day, self.days_off)
            and day not in self.holidays
        )

    def is_holiday(self, day: date) -> bool:
        """True on a company holiday."""
        return day in self.holidays

    def shoot_dates(self, count: int | None = None, *, until: date | None = None) -> list[date]:
        """The first ``count`` shoot dates (or every one up to ``until``), in order."""
        if count is None and until is None:
            raise ValueError("give count or until")
        dates: list[date] = []
        day = self.start
        # Ten years of dates bounds the walk if the calendar has almost no shoot dates.
        horizon = self.start + timedelta(days=3660)
        while day <= horizon:
            if until is not None and day > until:
                break
            if count is not None and len(dates) >= count:
                break
            if self.is_shoot_date(day):
                dates.append(day)
            day += timedelta(days=1)
        return dates

    def date_of(self, day_number: int) -> date:
        """The date of shoot day ``day_number`` (1-based)."""
        if day_number < 1:
            raise ValueError(f"shoot days are numbered from 1, not {day_number}")
        dates = self.shoot_dates(day_number)
        if len(dates) < day_number:
            raise ValueError(f"the calendar has no shoot day {day_number} within ten years")
        return dates[-1]

    def day_number_of(self, day: date) -> int | None:
        """The shoot day number of a date, or None when it is not a shoot date."""
        if not self.is_shoot_date(day):
            return None
        return len(self.shoot_dates(until=day))


# --------------------------------------------------------------------------- rules


class Turnaround(StrEnum):
    """Rest profile after a night shoot (DOMAIN.md).

    With any profile but ``none``, a day containing night work may not be followed on the very next
    calendar date by a day-call shoot day: a night wrap near dawn leaves no 10-12 h rest before a
    morning call. A day off in between (a weekend) absorbs the reset.
    """

    SAG = "sag"  # performers, 12 h (SAG-AFTRA)
    IATSE = "iatse"  # crew, 10 h
    EU = "eu"  # 11 h (EU working time directive)
    NONE = "none"  # not enforced

    @property
    def rest_hours(self) -> int:
        """Minimum rest between wrap and next call."""
        return {"sag": 12, "iatse": 10, "eu": 11, "none": 0}[self.value]


class Rules(_Model):
    """Scheduling rules and the producer's cost weights.

    Costs are in the production's currency; the solver minimizes
    ``company_move_cost x moves + hold_cost_factor x sum(daily rate x hold days)
    + shoot_day_cost x shoot days``.
    """

    max_eighths_per_day: int = Field(
        default=5 * 8, ge=1, description="Page cap per shoot day, in eighths (default 5 pages)."
    )
    max_minutes_per_day: int | None = Field(
        default=600, ge=1, description="Shooting minutes per day, moves included (None: no cap)."
    )
    minutes_per_page: float = Field(
        default=120.0, gt=0, description="Estimated minutes per page for scenes without minutes."
    )
    call_time: time = Field(default=time(7, 0), description="Default crew call.")
    company_move_minutes: int = Field(
        default=60, ge=0, description="Shooting time a company move takes out of the day."
    )
    company_move_cost: float = Field(default=5000.0, ge=0, description="Cost of one company move.")
    hold_cost_factor: float = Field(
        default=1.0, ge=0, description="Multiplier on a performer's daily rate per hold day."
    )
    shoot_day_cost: float = Field(
        default=0.0, ge=0, description="Cost of each shoot day used (favours fewer days)."
    )
    max_shoot_days: int | None = Field(default=None, ge=1, description="Shoot days available.")
    turnaround: Turnaround = Field(default=Turnaround.SAG, description="Rest profile.")
    precedences: list[tuple[str, str]] = Field(
        default_factory=list, description="Pairs (A, B): scene A is shot before scene B."
    )
    same_day: list[list[str]] = Field(
        default_factory=list, description="Groups of scenes that must be shot on the same day."
    )

    @field_validator("max_eighths_per_day", mode="before")
    @classmethod
    def _pages(cls, value: Any) -> Any:
        return parse_pages(value) if isinstance(value, str) else value

    def scene_minutes(self, scene: Scene) -> int:
        """Estimated shooting minutes of a whole scene (its own estimate, else by pages)."""
        if scene.minutes is not None:
            return scene.minutes
        return max(1, round(scene.eighths * self.minutes_per_page / 8))


# --------------------------------------------------------------------------- production


class Production(_Model):
    """A whole production: what to shoot, who, where, when, and under which rules."""

    name: str = Field(min_length=1)
    scenes: list[Scene] = Field(min_length=1)
    cast: list[CastMember] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    calendar: ShootCalendar
    rules: Rules = Field(default_factory=Rules)
    boards: dict[str, list[list[str]]] = Field(
        default_factory=dict,
        description="Day assignments from the user's own boards: name -> days of scene numbers.",
    )

    _scenes_by_number: dict[str, Scene] = PrivateAttr(default_factory=dict)
    _cast_by_id: dict[str, CastMember] = PrivateAttr(default_factory=dict)
    _locations_by_name: dict[str, Location] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _cross_references(self) -> Self:
        problems: list[str] = []
        problems += _duplicates("scene", [s.number for s in self.scenes])
        problems += _duplicates("cast", [c.id for c in self.cast])
        problems += _duplicates("location", [loc.name for loc in self.locations])
        cast_ids = {c.id for c in self.cast}
        location_names = {loc.name for loc in self.locations}
        scene_numbers = {s.number for s in self.scenes}
        for scene in self.scenes:
            for cast_id in scene.cast:
                if cast_id not in cast_ids:
                    problems.append(f"scene {scene.number!r}: unknown cast id {cast_id!r}")
            if scene.location not in location_names:
                problems.append(f"scene {scene.number!r}: unknown location {scene.location!r}")
            if scene.pinned and not self.calendar.is_shoot_date(scene.pinned):
                problems.append(
                    f"scene {scene.number!r}: pinned date {scene.pinned} is not a shoot date"
                    " (before the start, a day off, a holiday or not a shooting weekday)"
                )
        for first, second in self.rules.precedences:
            for number in (first, second):
                if number not in scene_numbers:
                    problems.append(
                        f"rules: precedence ({first!r}, {second!r}) names unknown scene {number!r}"
                    )
            if first == second:
                problems.append(f"rules: scene {first!r} cannot precede itself")
        for group in self.rules.same_day:
            problems += [
                f"rules: same-day group {group} names unknown scene {n!r}"
                for n in group
                if n not in scene_numbers
            ]
        for board, days in self.boards.items():
            unknown = sorted({n for day in days for n in day if n not in scene_numbers})
            if unknown:
                problems.append(f"board {board!r}: unknown scene(s) {', '.join(map(repr, unknown))}")
        if problems:
            raise ProductionError(problems)
        self._scenes_by_number = {s.number: s for s in self.scenes}
        self._cast_by_id = {c.id: c for c in self.cast}
        self._locations_by_name = {loc.name: loc for loc in self.locations}
        return self

    # Lookups --------------------------------------------------------------

    def scene(self, number: str) -> Scene:
        """The scene with this number (KeyError naming it otherwise)."""
        try:
            return self._scenes_by_number[number]
        except KeyError:
            raise KeyError(f"no scene {number!r} in production {self.name!r}") from None

    def cast_member(self, cast_id: str) -> CastMember:
        """The cast member with this board ID."""
        try:
            return self._cast_by_id[cast_id]
        except KeyError:
            raise KeyError(f"no cast id {cast_id!r} in production {self.name!r}") from None

    def location(self, name: str) -> Location:
        """The location with this name."""
        try:
            return self._locations_by_name[name]
        except KeyError:
            raise KeyError(f"no location {name!r} in production {self.name!r}") from None

    def has_scene(self, number: str) -> bool:
        """True when a scene with this number exists."""
        return number in self._scenes_by_number

    # Derived figures ------------------------------------------------------

    @property
    def total_eighths(self) -> int:
        """All pages of all scenes, in eighths."""
        return sum(s.eighths for s in self.scenes)

    def days_needed(self, scene: Scene) -> int:
        """Shoot days a scene occupies: 1, or more when it exceeds one day's capacity."""
        if scene.shoot_days is not None:
            return scene.shoot_days
        by_pages = math.ceil(scene.eighths / self.rules.max_eighths_per_day)
        by_minutes = 1
        if self.rules.max_minutes_per_day is not None:
            by_minutes = math.ceil(self.rules.scene_minutes(scene) / self.rules.max_minutes_per_day)
        return max(1, by_pages, by_minutes)

    def min_shoot_days(self) -> int:
        """A lower bound on shoot days: multi-day scenes plus the rest packed at the page cap."""
        multi = [s for s in self.scenes if self.days_needed(s) > 1]
        rest = sum(s.eighths for s in self.scenes if self.days_needed(s) == 1)
        cap = self.rules.max_eighths_per_day
        return sum(self.days_needed(s) for s in multi) + math.ceil(rest / cap)

    def replace(self, **changes: Any) -> Production:
        """A new production with some fields replaced, validated again."""
        data = self.model_dump()
        data.update({k: v.model_dump() if isinstance(v, BaseModel) else v for k, v in changes.items()})
        return Production.model_validate(data)

    def summary(self) -> str:
        """A few lines a person reads first: scenes, pages, cast, locations, days needed."""
        nights = sum(s.is_night for s in self.scenes)
        sets = len({s.set for s in self.scenes})
        lines = [
            f"{self.name}",
            f"  scenes      {len(self.scenes)} ({nights} night), {sets} sets",
            f"  pages       {format_pages(self.total_eighths)}",
            f"  cast        {len(self.cast)}",
            f"  locations   {len(self.locations)}",
            f"  start       {self.calendar.start} ({', '.join(self.calendar.weekdays)})",
            f"  shoot days  at least {self.min_shoot_days()} at"
            f" {format_pages(self.rules.max_eighths_per_day)} pages a day",
        ]
        if self.rules.max_shoot_days:
            lines.append(f"  available   {self.rules.max_shoot_days} shoot days")
        for board, days in self.boards.items():
            lines.append(f"  board       {board!r}: {len(days)} days")
        return "\n".join(lines)


def _duplicates(kind: str, keys: list[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for key in keys:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    return [f"duplicate {kind} {key!r}" for key in repeated]


# --------------------------------------------------------------------------- errors


_ENTITY_KEYS = {
    "scenes": ("scene", "number"),
    "cast": ("cast", "id"),
    "locations": ("location", "name"),
}


def describe_validation_error(error: ValidationError, data: Any, model: type[BaseModel]) -> list[str]:
    """Turn pydantic's errors into sentences that name the entity (``scene "42A": ...``)."""
    problems: list[str] = []
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        cause = item.get("ctx", {}).get("error")
        if isinstance(cause, ProductionError):
            problems += cause.problems  # a cross-reference check that already lists every problem
            continue
        message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        where = _entity_name(loc, data, model)
        field = ".".join(str(part) for part in loc if not isinstance(part, int))
        if item["type"] == "value_error" and where and message.startswith(where.split(" ")[0]):
            problems.append(message)  # our own validators already name the entity
            continue
        value = f" (got {item['input']!r})" if item["type"] not in {"missing", "value_error"} else ""
        if not where and model is Production:
            problems.append(f"{field}: {message}{value}" if field else f"{message}{value}")
            continue
        head = where or model.__name__
        problems.append(f"{head}: {field}: {message}{value}" if field else f"{head}: {message}{value}")
    return problems or [str(error)]


def _entity_name(loc: list[Any], data: Any, model: type[BaseModel]) -> str:
    """``scene '42A'`` for a loc like ('scenes', 3, 'eighths') when the input has that scene."""
    if model is not Production and model.__name__ in {"Scene", "CastMember", "Location"}:
        kind, key = {
            "Scene": ("scene", "number"),
            "CastMember": ("cast", "id"),
            "Location": ("location", "name"),
        }[model.__name__]
        value = data.get(key) if isinstance(data, dict) else None
        return f"{kind} {value!r}" if value is not None else kind
    if len(loc) >= 2 and loc[0] in _ENTITY_KEYS and isinstance(loc[1], int):
        kind, key = _ENTITY_KEYS[loc[0]]
        entity: Any = None
        if isinstance(data, dict) and isinstance(data.get(loc[0]), list | tuple):
            items = data[loc[0]]
            if loc[1] < len(items):
                entity = items[loc[1]]
        value = entity.get(key) if isinstance(entity, dict) else getattr(entity, key, None)
        position = loc[1] + 1
        del loc[:2]
        return f"{kind} {value!r}" if value is not None else f"{kind} #{position}"
    return ""

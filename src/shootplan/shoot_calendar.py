"""Dates and the shoot calendar: date ranges, shooting weekdays, days off, holidays.

Shoot day N is the Nth *shoot date* from the calendar's start: a date on a shooting weekday that
is neither a day off nor a holiday. Dates are read as ISO (``2027-03-04``, with or without a time
part) or in US order (``3/4/2027`` is March 4th); ranges as ``2027-03-04..2027-03-08``.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from shootplan.validation import StrictModel

__all__ = [
    "OPEN_END",
    "OPEN_RANGE",
    "WEEKDAY_NAMES",
    "DateRange",
    "DateRanges",
    "Day",
    "ShootCalendar",
    "check_zone",
    "in_any",
    "split_ranges",
]

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

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


_DAY: TypeAdapter[date] = TypeAdapter(Day)
# A range with no end ("from 2027-04-08 on": a location lost for good) runs this long, the
# calendar's own ten-year walk being the longest any schedule can run.
OPEN_END = timedelta(days=3660)
OPEN_RANGE = re.compile(r"(?:from\s+)?(?P<start>.+?)(?:\s*\.\.|\s+on(?:wards?)?)", re.IGNORECASE)


class DateRange(StrictModel):
    """An inclusive range of dates, written ``2027-03-04..2027-03-08`` (or a single date), or
    ``from 2027-03-04 on`` with no end."""

    start: Day
    end: Day

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, date):
            return {"start": value, "end": value}
        if isinstance(value, str):
            text = value.strip()
            if opened := OPEN_RANGE.fullmatch(text):
                try:
                    start = _DAY.validate_python(opened["start"])
                except ValidationError:
                    raise ValueError(f"cannot read {opened['start']!r} as a date") from None
                return {"start": start, "end": start + OPEN_END}
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
        if self.end - self.start >= OPEN_END:
            return f"from {self.start} on"
        return str(self.start) if self.start == self.end else f"{self.start}..{self.end}"


def split_ranges(value: Any) -> Any:
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


DateRanges = Annotated[list[DateRange], BeforeValidator(split_ranges)]


def in_any(day: date, ranges: Sequence[DateRange]) -> bool:
    return any(day in r for r in ranges)


def check_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r} (use an IANA name like America/New_York)") from None


def _known_zone(value: str | None) -> str | None:
    if value is not None:
        check_zone(value)
    return value


#: An IANA time zone name, checked on construction; None when not given.
TimeZone = Annotated[str | None, AfterValidator(_known_zone)]


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


class ShootCalendar(StrictModel):
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
    time_zone: TimeZone = Field(
        default=None,
        description=(
            "IANA time zone of the production (UTC only when stated). None: not given, and"
            " shootplan.zones.resolve_zone decides (the locations', else this computer's)."
        ),
    )

    @field_validator("holidays", mode="before")
    @classmethod
    def _holidays(cls, value: Any) -> Any:
        ranges = split_ranges(value)
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

    def is_shoot_date(self, day: date) -> bool:
        """True when the unit may shoot on this date (not before start, weekday, not off)."""
        return (
            day >= self.start
            and WEEKDAY_NAMES[day.weekday()] in self.weekdays
            and not in_any(day, self.days_off)
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

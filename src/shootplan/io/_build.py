"""The last step every reader shares: a draft production, the caller's overrides, validation.

Readers turn a file into a :class:`Draft` (the Production's fields as plain data, plus where each
scene came from). :func:`finish` applies the keyword overrides of
:func:`~shootplan.io.read_production`, settles the start date, validates the Production and turns
any model problem into an :class:`~shootplan.errors.ImportProblem` that names the file, and the row
of the scene at fault when there is one (read from the problem's fields, never from its words).

The start date, in order of precedence: the ``start`` keyword; the file's own (a Settings sheet,
USS calendar or Production JSON); the dates written on the board's day breaks (which also give the
shooting weekdays and the days off between them); else :data:`DEFAULT_START`, with a
:class:`~shootplan.errors.ShootplanWarning`. A fixed placeholder keeps imports reproducible: the same
file always gives the same production, whatever the day it is read.

A file that gives no time zone gets one from :func:`~shootplan.zones.resolve_zone` (its
locations', else this computer's), with a warning that names the zone and where it came from; a
Production JSON written afterwards carries it, so later commands use the same zone.
"""

from __future__ import annotations

import contextlib
import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from shootplan.errors import ImportProblem, PageCountError, Problem, ProductionError
from shootplan.io._cells import Problems
from shootplan.model import WEEKDAY_NAMES, DateRange, Production, ShootCalendar
from shootplan.pages import parse_page_cap
from shootplan.sun import sun_notice
from shootplan.zones import resolve_zone, with_zone

__all__ = ["DEFAULT_START", "Draft", "Overrides", "calendar_from_day_dates", "date_ranges", "finish"]

DEFAULT_START = date(2027, 1, 4)
"""Start date of a board that gives none (the first Monday of 2027); a warning says so."""

_WEEKDAYS = list(WEEKDAY_NAMES[:5])


@dataclass
class Draft:
    """A production read from a file but not yet validated."""

    data: dict[str, Any]
    # scene number -> (sheet, row) of its strip, so the model's problems with a scene point at it
    places: dict[str, tuple[str | None, int]] = field(default_factory=dict)
    day_dates: list[date | None] = field(default_factory=list)  # first board's day-break dates
    # Where the production's name came from, for `check`: "the Settings sheet", "the title cell A1"
    name_source: str = "the file name"


@dataclass(frozen=True)
class Overrides:
    """The keyword overrides of read_production; each wins over the file's own setting."""

    start: date | str | None = None
    max_shoot_days: int | None = None
    max_pages_per_day: float | int | str | None = None


def finish(draft: Draft, problems: Problems, overrides: Overrides) -> Production:
    """Apply the overrides, settle the start date and validate; problems name the file."""
    data, file = draft.data, problems.file
    calendar = data.get("calendar") or {}
    rules = data.get("rules") or {}
    if not isinstance(calendar, dict) or not isinstance(rules, dict):
        # Hand-written JSON with a malformed section: the model says what is wrong with it.
        return _validated(data, draft, file)
    calendar, rules = dict(calendar), dict(rules)
    if overrides.start is not None:
        calendar["start"] = overrides.start
    elif not calendar.get("start"):
        inferred = calendar_from_day_dates(draft.day_dates, calendar)
        if inferred:
            calendar.update(inferred)
        else:
            problems.warn(
                f"no start date in the file; assuming {DEFAULT_START:%a %Y-%m-%d}."
                " Pass start=... (shootplan --start) or add a Start Date setting."
            )
            calendar["start"] = DEFAULT_START
    if overrides.max_shoot_days is not None:
        rules["max_shoot_days"] = overrides.max_shoot_days
    if overrides.max_pages_per_day is not None:
        try:
            rules["max_eighths_per_day"] = parse_page_cap(overrides.max_pages_per_day)
        except PageCountError as error:
            raise ImportProblem(f"max_pages_per_day: {error}") from None
    production = _validated({**data, "calendar": calendar, "rules": rules}, draft, file)
    return _zoned(production, problems)


def _zoned(production: Production, problems: Problems) -> Production:
    """The production with a time zone: the file's, else resolved, with a warning saying which."""
    choice = resolve_zone(production)
    zoned = with_zone(production, choice)
    sun = sun_notice(zoned)
    if choice.notice is not None:
        # One problem, one line: a board that says neither its zone nor where it shoots.
        problems.warn(choice.notice if sun is None else f"{choice.notice}; {sun}")
    elif sun is not None:
        problems.warn(sun)
    return zoned


def _validated(data: dict[str, Any], draft: Draft, file: str) -> Production:
    try:
        return Production.model_validate(data)
    except ProductionError as error:
        raise ImportProblem([_locate(problem, draft, file) for problem in error.records]) from None


def _locate(problem: Problem, draft: Draft, file: str) -> Problem:
    """Place a model problem in the file, at its scene's row when it is about a scene."""
    if problem.kind == "scene" and isinstance(problem.key, str) and problem.key in draft.places:
        sheet, row = draft.places[problem.key]
        return problem.at(file=file, sheet=sheet, row=row)
    return problem.at(file=file)


def calendar_from_day_dates(day_dates: list[date | None], calendar: dict[str, Any]) -> dict[str, Any] | None:
    """Start date (and, when every day is dated, weekdays and days off) from a board's dates.

    When every day break carries a date and they rise, the calendar reproduces them exactly: the
    shooting weekdays are Mon-Fri plus any weekday the board shoots on, and each shooting weekday
    between the first and last date that has no day is a day off. Otherwise the first dated day
    gives the start, counting back over the calendar's weekdays.
    """
    dated = [(index, day) for index, day in enumerate(day_dates) if day is not None]
    if not dated:
        return None
    rising = all(a[1] < b[1] for a, b in itertools.pairwise(dated))
    own_weekdays = "weekdays" in calendar or "days_off" in calendar
    if len(dated) == len(day_dates) and rising and not own_weekdays:
        dates = [day for _, day in dated]
        weekdays = [
            name
            for number, name in enumerate(WEEKDAY_NAMES)
            if name in _WEEKDAYS or any(day.weekday() == number for day in dates)
        ]
        shot = set(dates)
        off: list[date] = []
        day = dates[0]
        while day <= dates[-1]:
            if WEEKDAY_NAMES[day.weekday()] in weekdays and day not in shot:
                off.append(day)
            day += timedelta(days=1)
        return {"start": dates[0], "weekdays": weekdays, "days_off": date_ranges(off)}
    index, day = dated[0]
    names = _WEEKDAYS
    if "weekdays" in calendar:
        # A wrong weekday setting keeps the default here; validation reports it later.
        with contextlib.suppress(ProductionError):
            names = ShootCalendar(start=day, weekdays=calendar["weekdays"]).weekdays
    start = day
    while index > 0:
        start -= timedelta(days=1)
        if WEEKDAY_NAMES[start.weekday()] in names:
            index -= 1
    return {"start": start}


def date_ranges(days: list[date]) -> list[str]:
    """Sorted dates with consecutive ones merged into ranges: ``2027-03-04..2027-03-05``."""
    ranges: list[list[date]] = []
    for day in days:
        if ranges and day - ranges[-1][1] == timedelta(days=1):
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [str(DateRange(start=start, end=end)) for start, end in ranges]

"""The production model: scenes (strips; see :mod:`shootplan.scenes`), cast, locations, calendar, rules.

The shoot calendar and date ranges are in :mod:`shootplan.shoot_calendar`, the shared model base
and its error descriptions in :mod:`shootplan.validation`; both are re-exported here. Everything
here is validated on construction and is the only input the solver, the scorer and
the reports ever see. Models are immutable (``frozen``); :meth:`Production.replace` returns a new,
re-validated production. A bad value or reference raises :class:`~shootplan.errors.ProductionError`
(a ``ValueError``) whose message names the entity: ``scene "42A": unknown cast id "7"``.

Conventions (see DOMAIN.md): scene numbers and cast board IDs are strings; page counts are whole
eighths; dates are ``datetime.date``; money is in the production's currency, per day.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Self

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from shootplan.errors import Problem, ProductionError
from shootplan.light import Light as Light
from shootplan.money import MAX_MONEY as MAX_MONEY
from shootplan.pages import format_pages
from shootplan.profiles import Turnaround
from shootplan.rules import Rules as Rules

# A scene lives in its own module; its names stay importable from here.
from shootplan.scenes import MAX_EIGHTHS as MAX_EIGHTHS
from shootplan.scenes import MAX_MINUTES as MAX_MINUTES
from shootplan.scenes import IntExt as IntExt
from shootplan.scenes import Scene as Scene

# The calendar and the model base live in their own modules; these names stay importable from
# here, where the rest of the package has always found them.
from shootplan.shoot_calendar import WEEKDAY_NAMES as WEEKDAY_NAMES
from shootplan.shoot_calendar import DateRange as DateRange
from shootplan.shoot_calendar import DateRanges as DateRanges
from shootplan.shoot_calendar import Day as Day
from shootplan.shoot_calendar import ShootCalendar as ShootCalendar
from shootplan.shoot_calendar import TimeZone, in_any
from shootplan.validation import FreeText, OneLine, StrictModel

__all__ = [
    "CastMember",
    "DateRange",
    "IntExt",
    "Light",
    "Location",
    "Production",
    "Rules",
    "Scene",
    "ShootCalendar",
    "Turnaround",
]


def _precedence_cycle(pairs: list[tuple[str, str]]) -> list[str]:
    """Scenes whose precedences lead back to the first (empty when there is no cycle).

    A depth-first walk with its own stack: a long chain of precedences is no recursion limit.
    """
    after: dict[str, list[str]] = {}
    for first, second in pairs:
        after.setdefault(first, []).append(second)
    done: set[str] = set()
    for root in after:
        if root in done:
            continue
        path, on_path, stack = [root], {root}, [iter(after.get(root, []))]
        while stack:
            later = next(stack[-1], None)
            if later is None:
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                stack.pop()
                continue
            if later in on_path:
                return [*path[path.index(later) :], later]
            if later not in done:
                path.append(later)
                on_path.add(later)
                stack.append(iter(after.get(later, [])))
    return []


# --------------------------------------------------------------------------- cast


# The oldest age minors' rules apply to.
MINOR_MAX_AGE = 17


class CastMember(StrictModel):
    """A performer with a board ID (``1`` is the lead, by convention)."""

    id: OneLine = Field(min_length=1, description='Board ID: "1", "7", "12B".')
    name: OneLine = Field(default="", description="The performer's name.")
    character: OneLine = Field(default="", description="The character they play.")
    daily_rate: float = Field(
        default=0.0, ge=0, le=MAX_MONEY, description="Pay per work or hold day (at most 100,000,000)."
    )
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
    minor: bool = Field(
        default=False,
        description=(
            "Under 18: minors' work rules apply (California's: hours by age band, 05:00-22:00, 12 h rest)."
        ),
    )
    age: int | None = Field(
        default=None,
        ge=0,
        le=MINOR_MAX_AGE,
        description="A minor's age in years (sets the band; implies minor).",
    )
    schooling: bool = Field(
        default=True,
        description=(
            "A minor's weekdays are school days (3 h of school on set, fewer work hours);"
            " False in a school break."
        ),
    )

    # Call-sheet lead times before the performer's on-set call (shootplan.call_sheet's defaults
    # apply when None): the solver never reads them.
    makeup_minutes: int | None = Field(
        default=None, ge=0, le=600, description="Minutes in hair and makeup before on-set call (None: 60)."
    )
    pickup_minutes: int | None = Field(
        default=None, ge=0, le=600, description="Minutes from pickup to hair-and-makeup call (None: 30)."
    )

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

    @property
    def is_minor(self) -> bool:
        """True when minors' rules apply (``minor``, or an age given)."""
        return self.minor or self.age is not None

    def school_day(self, day: date) -> bool:
        """True when ``day`` is a school day for this minor (a weekday, unless not schooling)."""
        return self.schooling and day.weekday() < 5

    def is_available(self, day: date) -> bool:
        """False on a date the performer is unavailable."""
        return not in_any(day, self.unavailable)


# --------------------------------------------------------------------------- location


class Location(StrictModel):
    """A place the unit shoots at; several sets may live at one location."""

    name: OneLine = Field(min_length=1, description="Unique name, as used on scenes.")
    address: FreeText = Field(default="", description="Full street address for call sheets and GPS.")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    time_zone: TimeZone = Field(default=None, description="IANA time zone; defaults to the calendar's.")
    windows: DateRanges = Field(
        default_factory=list, description="Dates it is available; empty means any date."
    )
    unavailable: DateRanges = Field(default_factory=list, description="Dates it cannot be used.")
    return_cost: float | None = Field(
        default=None,
        ge=0,
        le=MAX_MONEY,
        description=(
            "What coming back to this location after the unit has left it costs (another load-in,"
            " parking, permits, re-dressing); None: the rules' location_return_cost."
        ),
    )
    standing: bool = Field(default=False, description="A standing set or stage: returns cost nothing.")
    # Printed on call sheets only: the unit needs them each morning, the solver never does.
    parking: OneLine = Field(
        default="", description="Crew parking and basecamp, as the call sheet prints it."
    )
    hospital: OneLine = Field(
        default="", description="Nearest hospital with an emergency room: name, address."
    )

    @model_validator(mode="after")
    def _coordinates(self) -> Self:
        if (self.latitude is None) != (self.longitude is None):
            message = "give both latitude and longitude, or neither"
            raise ProductionError(Problem(message, kind="location", key=self.name))
        return self

    def is_available(self, day: date) -> bool:
        """True when the location can be used on this date."""
        if self.windows and not in_any(day, self.windows):
            return False
        return not in_any(day, self.unavailable)


# --------------------------------------------------------------------------- rules


# --------------------------------------------------------------------------- production


class Production(StrictModel):
    """A whole production: what to shoot, who, where, when, and under which rules."""

    name: OneLine = Field(min_length=1)
    # Kept when the name changes and told apart from another production of the same name: it
    # names the production's calendars and the namespace of its event UIDs (io.ics.identity).
    id: OneLine | None = Field(default=None, min_length=1, max_length=200, description="Stable identity.")
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
    _has_daily_rates: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _cross_references(self) -> Self:
        problems = _duplicates("scene", [s.number for s in self.scenes])
        problems += _duplicates("cast", [c.id for c in self.cast])
        problems += _duplicates("location", [loc.name for loc in self.locations])
        problems += self._scene_references()
        problems += self._rule_references()
        if problems:
            raise ProductionError(problems)
        self._scenes_by_number = {s.number: s for s in self.scenes}
        self._cast_by_id = {c.id: c for c in self.cast}
        self._locations_by_name = {loc.name: loc for loc in self.locations}
        self._has_daily_rates = any(member.daily_rate > 0 for member in self.cast)
        return self

    def _scene_references(self) -> list[Problem]:
        """Every scene's cast, location and pinned date exist."""
        problems: list[Problem] = []
        cast_ids = {c.id for c in self.cast}
        location_names = {loc.name for loc in self.locations}
        for scene in self.scenes:
            found = [f"unknown cast id {cast_id!r}" for cast_id in scene.cast if cast_id not in cast_ids]
            if scene.location not in location_names:
                found.append(f"unknown location {scene.location!r}")
            if scene.pinned and not self.calendar.is_shoot_date(scene.pinned):
                found.append(
                    f"pinned date {scene.pinned} is not a shoot date"
                    " (before the start, a day off, a holiday or not a shooting weekday)"
                )
            problems += [Problem(message, kind="scene", key=scene.number) for message in found]
        return problems

    def _rule_references(self) -> list[Problem]:
        """Precedences, same-day groups and boards name scenes that exist."""
        problems: list[Problem] = []
        scene_numbers = {s.number for s in self.scenes}
        for first, second in self.rules.precedences:
            problems += [
                Problem(f"precedence ({first!r}, {second!r}) names unknown scene {number!r}", kind="rules")
                for number in (first, second)
                if number not in scene_numbers
            ]
            if first == second:
                problems.append(Problem(f"scene {first!r} cannot precede itself", kind="rules"))
        cycle = _precedence_cycle(self.rules.precedences)
        if cycle:
            message = (
                f"the precedences form a cycle: {' before '.join(map(repr, cycle))}; no order keeps them all"
            )
            problems.append(Problem(message, kind="rules"))
        for group in self.rules.same_day:
            problems += [
                Problem(f"same-day group {group} names unknown scene {n!r}", kind="rules")
                for n in group
                if n not in scene_numbers
            ]
        for board, days in self.boards.items():
            unknown = sorted({n for day in days for n in day if n not in scene_numbers})
            if unknown:
                message = f"unknown scene(s) {', '.join(map(repr, unknown))}"
                problems.append(Problem(message, kind="board", key=board))
            if len(self.calendar.shoot_dates(len(days))) < len(days):  # its days would have no dates
                message = f"has {len(days)} days, more than the calendar has shoot dates in ten years"
                problems.append(Problem(message, kind="board", key=board))
        return problems

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
    def has_daily_rates(self) -> bool:
        """True when any performer has a daily rate; without one, holds are priced by the rules."""
        return self._has_daily_rates

    def daily_rate(self, cast_id: str) -> float:
        """The daily rate a performer's hold days are priced at: the one place that decides it.

        A board without any daily rate (every performer at 0, as most CSV boards are) prices every
        performer at ``rules.default_daily_rate``, so that holds still count. A board that gives
        rates to some performers is taken at its word: a performer left at 0 there stays at 0 (a
        buy-out, a weekly deal, or someone the producer chose not to weigh), since a made-up
        figure beside the producer's own ones would outweigh or undercut them.
        """
        member = self.cast_member(cast_id)
        return member.daily_rate if self.has_daily_rates else self.rules.default_daily_rate

    def hold_day_cost(self, cast_id: str) -> float:
        """What one hold day of this performer costs (0 when they are engaged day by day)."""
        if not self.cast_member(cast_id).holds:
            return 0.0
        return self.daily_rate(cast_id) * self.rules.hold_cost_factor

    def return_cost(self, location_name: str) -> float:
        """What one return to this location costs: 0 for a standing set, else its own or the rules'."""
        location = self.location(location_name)
        if location.standing:
            return 0.0
        if location.return_cost is not None:
            return location.return_cost
        return self.rules.location_return_cost

    @property
    def total_eighths(self) -> int:
        """All pages of all scenes, in eighths."""
        return sum(s.eighths for s in self.scenes)

    def days_needed(self, scene: Scene) -> int:
        """Shoot days a scene occupies: 1, or more when it exceeds one day's capacity."""
        if scene.shoot_days is not None:
            return scene.shoot_days
        by_pages = math.ceil(scene.eighths / self.rules.max_eighths_per_day)
        by_minutes = math.ceil(self.rules.scene_minutes(scene) / self.rules.work_cap)
        return max(1, by_pages, by_minutes)

    def min_shoot_days(self) -> int:
        """A lower bound on shoot days: multi-day scenes plus the rest packed at the page and time caps."""
        multi = [s for s in self.scenes if self.days_needed(s) > 1]
        singles = [s for s in self.scenes if self.days_needed(s) == 1]
        days = math.ceil(sum(s.eighths for s in singles) / self.rules.max_eighths_per_day)
        if self.rules.max_minutes_per_day is not None:
            minutes = sum(self.rules.scene_minutes(s) for s in singles)
            days = max(days, math.ceil(minutes / self.rules.max_minutes_per_day))
        return sum(self.days_needed(s) for s in multi) + days

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


def _duplicates(kind: str, keys: list[str]) -> list[Problem]:
    seen: set[str] = set()
    repeated: list[str] = []
    for key in keys:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    return [Problem(f"duplicate {kind} {key!r}") for key in repeated]

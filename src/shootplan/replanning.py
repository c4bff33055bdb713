"""When the plan breaks: re-plan the remaining days with the fewest changes crews have to learn.

An actor calls in sick, a location falls through, it rains on an exterior day, the studio adds two
days. :func:`replan` takes the production, the schedule everybody is working to, the date and
what happened (:class:`Changes`), and returns a new schedule that

- keeps every day already shot exactly as it was (days before ``today``, and ``today`` itself
  unless ``freeze_today=False``), including the shot part of a multi-day scene, which therefore
  keeps its remaining days too;
- otherwise minimizes the producer's usual cost (:func:`shootplan.evaluate`) **plus a churn cost**
  for every scene moved off the date crews were told, so that the plan changes only where the
  disruption forces it or where moving saves real money;
- swaps weather-cover sets (``Scene.cover``) into days whose exterior work is rained out first.

:func:`compare` reports how two schedules differ (metrics and the scenes that moved), for a
re-plan as for any what-if.

How it works, in four steps:

1. The changes are applied to a copy of the production (:meth:`Changes.apply`). Weather is not
   part of a :class:`~shootplan.Production` (it is news, not a plan): while re-planning it is a
   stand-in "performer" on every exterior strip of the affected locations, away on the rained-out
   dates, so the solver, the scorer and the infeasibility explainer all enforce and explain it;
   it never appears in the returned production or in reports.
2. Scenes already shot are pinned to their dates. Every other scene gets another stand-in
   performer, away on every day already shot, so nothing new lands on a shot day (one rule the
   explainer can name, where an earliest date per scene would be one rule per scene).
3. The old plan is repaired the way an AD repairs a board (:func:`_warm_start`): scenes that can
   stay, stay; cover sets go into rained-out days; displaced scenes go to the nearest day with
   room, by a day swap or by moving a few strips aside; a short tabu search takes a tight board
   back under its caps.
4. :func:`shootplan.solve` runs with the churn costs, first on the days around the disruption only
   (every other scene pinned where the repaired board has it), then on every remaining day,
   starting from the better plan; a last pass puts back scenes the search moved for nothing.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
import os
import random
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import Field, field_validator

from shootplan.errors import ProductionError, ShootplanWarning
from shootplan.evaluation import Evaluation, Violation, evaluate
from shootplan.model import (
    WEEKDAY_NAMES,
    CastMember,
    DateRange,
    DateRanges,
    Day,
    Location,
    Production,
    Scene,
)
from shootplan.pages import format_pages
from shootplan.schedule import Schedule, ShootDay
from shootplan.solver import Progress, Result, Status, solve
from shootplan.solver.heuristics import order_day
from shootplan.solver.instance import Instance, date_reasons
from shootplan.validation import StrictModel as _Model

__all__ = [
    "CastUnavailable",
    "Changes",
    "Comparison",
    "LocationLost",
    "LocationUnavailable",
    "LocationWindows",
    "Pin",
    "ReplanResult",
    "ReplanWarning",
    "SceneMove",
    "Weather",
    "compare",
    "replan",
]

logger = logging.getLogger("shootplan.replanning")

# A location lost "for good" is closed this long from the first re-planned date (the calendar's
# own ten-year walk is the longest any schedule can run).
_FOREVER = timedelta(days=3660)
# The stand-in performer that carries a weather rule while re-planning (see the module docstring).
_WEATHER_PREFIX = "~weather-"
# The stand-in performer of the days already shot: away on every one of them, on every scene not
# yet shot (one rule the infeasibility explainer can name, where earliest dates would be one per
# scene).
_SHOT_ID = "~shot"
_SHOT_CHARACTER = "SHOT-DAYS"


class ReplanWarning(ShootplanWarning):
    """A change that :func:`replan` applies only in part: a date that is already shot (frozen), or
    extra shoot days for a production that has no limit on them."""


# --------------------------------------------------------------------------- changes


def _text_id(value: Any) -> Any:
    """Board IDs and scene numbers are text; JSON written by hand often has them as numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return value


class CastUnavailable(_Model):
    """A performer who cannot work on some dates (sick, injured, released to another job)."""

    cast: str = Field(min_length=1, description='Board ID: "1".')
    dates: DateRanges = Field(min_length=1, description="Dates or ranges: 2027-03-10..2027-03-12.")

    @field_validator("cast", mode="before")
    @classmethod
    def _cast_id(cls, value: Any) -> Any:
        return _text_id(value)


class LocationUnavailable(_Model):
    """A location that cannot be used on some dates (the owner needs it back, a permit lapsed)."""

    location: str = Field(min_length=1)
    dates: DateRanges = Field(min_length=1)


class LocationLost(_Model):
    """A location lost for the rest of the shoot. Its scenes not yet shot move to ``replacement``
    (an existing location or one in ``Changes.add_locations``); without one they cannot be shot,
    and :func:`replan` says so."""

    location: str = Field(min_length=1)
    replacement: str | None = Field(default=None, description="Where its remaining scenes go.")


class LocationWindows(_Model):
    """A location's window moved: from the first re-planned date on it is open only on ``windows``
    (an empty list: open every day). What was already shot there stands."""

    location: str = Field(min_length=1)
    windows: DateRanges = Field(default_factory=list)


class Weather(_Model):
    """Exterior work (EXT and INT/EXT strips) impossible on ``dates``: at ``locations``, or
    everywhere when none are named. Interior strips are unaffected; cover sets fill the gap."""

    dates: DateRanges = Field(min_length=1)
    locations: list[str] = Field(default_factory=list, description="Affected locations (default all).")
    note: str = Field(default="", description='What it is: "storm", "rain".')


class Pin(_Model):
    """A scene that must now be shot (start) on ``date``; ``date: null`` releases an existing pin."""

    scene: str = Field(min_length=1)
    date: Day | None

    @field_validator("scene", mode="before")
    @classmethod
    def _scene_number(cls, value: Any) -> Any:
        return _text_id(value)


class Changes(_Model):
    """What happened since the plan was made. Every field is optional; JSON looks like
    ``{"cast_unavailable": [{"cast": "1", "dates": ["2027-03-10", "2027-03-11"]}]}``.

    Dated changes apply from the first re-planned date on: a date that is already shot is dropped
    with a :class:`ReplanWarning` (re-plan with ``freeze_today=False`` to change today). A change
    naming something the production lacks, or undoing what is already shot, raises
    :class:`~shootplan.ProductionError` naming it.
    """

    note: str = Field(default="", description="What happened, for the record.")
    cast_unavailable: list[CastUnavailable] = Field(default_factory=list)
    location_unavailable: list[LocationUnavailable] = Field(default_factory=list)
    location_lost: list[LocationLost] = Field(default_factory=list)
    location_windows: list[LocationWindows] = Field(default_factory=list)
    weather: list[Weather] = Field(default_factory=list)
    add_shoot_days: int = Field(
        default=0,
        description=(
            "Shoot days gained (or lost, when negative): Rules.max_shoot_days changes by this much."
            " A production without a limit gets one only when days are lost (the current plan's"
            " length minus the loss)."
        ),
    )
    days_off: DateRanges = Field(default_factory=list, description="New company days off (dark days).")
    add_cast: list[CastMember] = Field(default_factory=list, description="New performers.")
    add_locations: list[Location] = Field(default_factory=list, description="New locations.")
    add_scenes: list[Scene] = Field(default_factory=list, description="New scenes (rewrites, pickups).")
    cut_scenes: list[str] = Field(default_factory=list, description="Scenes cut from the script.")
    pins: list[Pin] = Field(default_factory=list, description="Scenes tied to a date now.")

    @field_validator("cut_scenes", mode="before")
    @classmethod
    def _scene_numbers(cls, value: Any) -> Any:
        return [_text_id(v) for v in value] if isinstance(value, list) else value

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Changes:
        """Read changes from a JSON file; errors name the file and the entity at fault."""
        source = Path(path)
        try:
            return cls.model_validate_json(source.read_bytes())
        except ProductionError as error:
            raise ProductionError([f"{source}: {problem}" for problem in error.problems]) from None

    @property
    def is_empty(self) -> bool:
        """True when nothing changed (a re-plan then only re-optimizes the remaining days)."""
        return self == Changes(note=self.note)

    def describe(self, production: Production | None = None) -> list[str]:
        """One sentence per change, in a producer's words (names from ``production`` if given)."""

        def who(cast_id: str) -> str:
            if production is not None and _has_cast(production, cast_id):
                label = production.cast_member(cast_id).label
                return f"cast {label}"
            return f"cast {cast_id}"

        lines = [self.note] if self.note else []
        lines += [f"{who(c.cast)} unavailable {_ranges(c.dates)}" for c in self.cast_unavailable]
        lines += [f"location {c.location} unavailable {_ranges(c.dates)}" for c in self.location_unavailable]
        lines += [
            f"location {c.location} lost" + (f", scenes move to {c.replacement}" if c.replacement else "")
            for c in self.location_lost
        ]
        lines += [
            f"location {c.location} now open {_ranges(c.windows) if c.windows else 'every day'}"
            for c in self.location_windows
        ]
        for w in self.weather:
            where = f" at {', '.join(w.locations)}" if w.locations else ""
            what = f" ({w.note})" if w.note else ""
            lines.append(f"no exterior work{where} {_ranges(w.dates)}{what}")
        if self.add_shoot_days:
            lines.append(f"{self.add_shoot_days:+d} shoot days")
        if self.days_off:
            lines.append(f"new days off {_ranges(self.days_off)}")
        lines += [f"new cast {c.label}" for c in self.add_cast]
        lines += [f"new location {loc.name}" for loc in self.add_locations]
        lines += [f"new scene {s.number} ({s.slugline}, {s.pages} pages)" for s in self.add_scenes]
        lines += [f"scene {n} cut" for n in self.cut_scenes]
        lines += [
            f"scene {p.scene} pinned to {p.date}" if p.date else f"scene {p.scene} no longer pinned"
            for p in self.pins
        ]
        return lines

    def apply(
        self,
        production: Production,
        *,
        open_from: date | None = None,
        shot: Iterable[str] = (),
        plan_days: int | None = None,
    ) -> Production:
        """The production after these changes (validated again).

        ``open_from`` is the first date that may change (dated changes before it are dropped with a
        :class:`ReplanWarning`; default: the calendar's start); ``shot`` the scenes already shot
        (they may not be cut, re-pinned or moved to a replacement location); ``plan_days`` the
        length of the current plan (the base for ``add_shoot_days`` when the production has no
        limit). Weather is not part of a production: :func:`replan` applies it while solving.
        """
        production, _ = _apply(
            production,
            self,
            open_from=open_from or production.calendar.start,
            shot=set(shot),
            shot_dates=set(),
            plan_days=plan_days,
        )
        return production


def _has_cast(production: Production, cast_id: str) -> bool:
    return any(member.id == cast_id for member in production.cast)


def _has_location(production: Production, name: str) -> bool:
    return any(location.name == name for location in production.locations)


def _ranges(ranges: Sequence[DateRange]) -> str:
    return ", ".join(str(r) for r in ranges)


@dataclass(frozen=True)
class _WeatherRule:
    """One weather change while re-planning: its stand-in performer, dates and locations."""

    cast_id: str
    dates: list[DateRange]
    locations: frozenset[str] | None  # None: everywhere
    note: str

    def covers(self, scene: Scene) -> bool:
        """True when the rule can rain this scene out."""
        return scene.is_exterior and (self.locations is None or scene.location in self.locations)

    def on(self, day: date) -> bool:
        """True on a rained-out date."""
        return any(day in r for r in self.dates)


def _future(ranges: Sequence[DateRange], open_from: date, what: str, *, warn: bool = True) -> list[DateRange]:
    """The parts of ``ranges`` on or after ``open_from``; what falls before is dropped (warned)."""
    kept: list[DateRange] = []
    for r in ranges:
        if r.end < open_from:
            dropped: DateRange | None = r
        elif r.start < open_from:
            dropped = DateRange(start=r.start, end=open_from - timedelta(days=1))
            kept.append(DateRange(start=open_from, end=r.end))
        else:
            dropped = None
            kept.append(r)
        if dropped is not None and warn:
            warnings.warn(
                f"{what}: {dropped} is already shot (frozen); only dates from {open_from} on are"
                " re-planned (re-plan with freeze_today=False to change today)",
                ReplanWarning,
                stacklevel=4,
            )
    return kept


def _apply(
    production: Production,
    changes: Changes,
    *,
    open_from: date,
    shot: set[str],
    shot_dates: set[date],
    plan_days: int | None,
) -> tuple[Production, list[_WeatherRule]]:
    """Apply ``changes`` to ``production``; every problem found is raised at once, by name."""
    problems = _check(production, changes, open_from=open_from, shot=shot, shot_dates=shot_dates)
    if problems:
        raise ProductionError(problems)
    data = production.model_dump()
    cast = {c["id"]: c for c in data["cast"]}
    locations = {loc["name"]: loc for loc in data["locations"]}
    calendar_start = production.calendar.start

    for away in changes.cast_unavailable:
        cast[away.cast]["unavailable"] += [
            r.model_dump() for r in _future(away.dates, open_from, f"cast {away.cast} unavailable")
        ]
    data["cast"] += [c.model_dump() for c in changes.add_cast]
    data["locations"] += [loc.model_dump() for loc in changes.add_locations]
    locations.update({loc["name"]: loc for loc in data["locations"]})
    for closed in changes.location_unavailable:
        locations[closed.location]["unavailable"] += [
            r.model_dump()
            for r in _future(closed.dates, open_from, f"location {closed.location} unavailable")
        ]
    for change in changes.location_windows:
        location = next((loc for loc in production.locations if loc.name == change.location), None)
        past: list[DateRange] = []
        if open_from > calendar_start:
            # What was shot there stands: keep the old windows' past (or the whole past if none).
            last = open_from - timedelta(days=1)
            old = location.windows if location is not None and location.windows else []
            if not old:
                past = [DateRange(start=calendar_start, end=last)]
            else:
                past = [DateRange(start=w.start, end=min(w.end, last)) for w in old if w.start <= last]
        future = _future(change.windows, open_from, f"location {change.location} windows")
        windows = past + future
        if change.windows and not future:
            # Every new window is in the past: the location is closed from now on.
            locations[change.location]["unavailable"].append(
                {"start": open_from, "end": open_from + _FOREVER}
            )
        locations[change.location]["windows"] = [w.model_dump() for w in windows]
    for lost in changes.location_lost:
        locations[lost.location]["unavailable"].append({"start": open_from, "end": open_from + _FOREVER})
        if lost.replacement:
            for scene in data["scenes"]:
                if scene["location"] == lost.location and scene["number"] not in shot:
                    scene["location"] = lost.replacement

    if changes.days_off:
        kept = _future(changes.days_off, open_from, "days off")
        data["calendar"]["days_off"] += [r.model_dump() for r in kept]
    if changes.add_shoot_days:
        limit = production.rules.max_shoot_days
        if limit is None and changes.add_shoot_days > 0:
            warnings.warn(
                f"add_shoot_days {changes.add_shoot_days:+d}: the production has no limit on shoot"
                " days (rules.max_shoot_days), so there is nothing to add",
                ReplanWarning,
                stacklevel=3,
            )
        else:
            base = limit if limit is not None else (plan_days or 0)
            data["rules"]["max_shoot_days"] = base + changes.add_shoot_days

    data["scenes"] += [s.model_dump() for s in changes.add_scenes]
    cut = set(changes.cut_scenes)
    if cut:
        data["scenes"] = [s for s in data["scenes"] if s["number"] not in cut]
        order = data["rules"]
        order["precedences"] = [p for p in order["precedences"] if not cut & set(p)]
        groups = [[n for n in g if n not in cut] for g in order["same_day"]]
        order["same_day"] = [g for g in groups if len(g) > 1]
        data["boards"] = {
            name: [[n for n in day if n not in cut] for day in days] for name, days in data["boards"].items()
        }
    scenes = {s["number"]: s for s in data["scenes"]}
    for pin in changes.pins:
        scenes[pin.scene]["pinned"] = pin.date

    changed = Production.model_validate(data)
    weather: list[_WeatherRule] = []
    for index, rain in enumerate(changes.weather):
        dates = _future(rain.dates, open_from, "weather")
        if dates:
            where = frozenset(rain.locations) if rain.locations else None
            weather.append(_WeatherRule(f"{_WEATHER_PREFIX}{index + 1}", dates, where, rain.note))
    return changed, weather


def _check(
    production: Production, changes: Changes, *, open_from: date, shot: set[str], shot_dates: set[date]
) -> list[str]:
    """Every reference in ``changes`` that the production cannot honour, as a sentence."""
    problems: list[str] = []
    cast_ids = {c.id for c in production.cast} | {c.id for c in changes.add_cast}
    places = {loc.name for loc in production.locations} | {loc.name for loc in changes.add_locations}
    numbers = {s.number for s in production.scenes}
    for member in changes.add_cast:
        if _has_cast(production, member.id):
            problems.append(f"changes: add_cast: cast id {member.id!r} already exists")
    for location in changes.add_locations:
        if _has_location(production, location.name):
            problems.append(f"changes: add_locations: location {location.name!r} already exists")
    for scene in changes.add_scenes:
        if scene.number in numbers:
            problems.append(f"changes: add_scenes: scene {scene.number!r} already exists")
    for change in changes.cast_unavailable:
        if change.cast not in cast_ids:
            problems.append(f"changes: cast_unavailable names unknown cast id {change.cast!r}")
    named = [("location_unavailable", c.location) for c in changes.location_unavailable]
    named += [("location_lost", c.location) for c in changes.location_lost]
    named += [("location_windows", c.location) for c in changes.location_windows]
    named += [("weather", name) for w in changes.weather for name in w.locations]
    for field_name, name in named:
        if name not in places:
            problems.append(f"changes: {field_name} names unknown location {name!r}")
    for lost in changes.location_lost:
        if lost.replacement is not None and lost.replacement not in places:
            problems.append(
                f"changes: location_lost {lost.location!r}: unknown replacement location"
                f" {lost.replacement!r} (add it with add_locations)"
            )
        if lost.replacement == lost.location:
            problems.append(f"changes: location_lost {lost.location!r} cannot be its own replacement")
    new_numbers = numbers | {s.number for s in changes.add_scenes}
    for number in changes.cut_scenes:
        if number not in numbers:
            problems.append(f"changes: cut_scenes names unknown scene {number!r}")
        elif number in shot:
            problems.append(f"changes: scene {number!r} cannot be cut: it is already shot")
    for pin in changes.pins:
        if pin.scene not in new_numbers or pin.scene in changes.cut_scenes:
            problems.append(f"changes: pins names unknown scene {pin.scene!r}")
        elif pin.scene in shot:
            problems.append(f"changes: scene {pin.scene!r} cannot be pinned again: it is already shot")
        elif pin.date is not None and pin.date < open_from:
            problems.append(
                f"changes: scene {pin.scene!r} cannot be pinned to {pin.date}: only dates from"
                f" {open_from} on are re-planned"
            )
    for r in changes.days_off:
        hit = sorted(d for d in shot_dates if d in r)
        if hit:
            problems.append(f"changes: day off {r} falls on {hit[0]}, a day already shot")
    limit = production.rules.max_shoot_days
    if changes.add_shoot_days and limit is not None and limit + changes.add_shoot_days < 1:
        problems.append(
            f"changes: add_shoot_days {changes.add_shoot_days:+d} leaves no shoot day"
            f" (the production has {limit})"
        )
    return problems


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class SceneMove:
    """A scene whose (first) shoot date differs between two schedules.

    ``from_date`` is None for a scene only the second schedule has (added), ``to_date`` None for
    one it lacks (cut). ``reason`` says why, when :func:`replan` knows: ``"cast 1 unavailable"``,
    ``"weather"``, ``"weather cover"``, ``"day off"``, ``"re-boarded"`` (moved to save cost or to
    make room)...
    """

    scene: str
    from_date: date | None
    to_date: date | None
    from_day: int | None = None
    to_day: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        where_from = _when(self.from_date, self.from_day) if self.from_date else "new"
        where_to = _when(self.to_date, self.to_day) if self.to_date else "cut"
        why = f" ({self.reason})" if self.reason else ""
        return f"scene {self.scene}: {where_from} -> {where_to}{why}"


def _when(day: date, number: int | None) -> str:
    text = f"{WEEKDAY_NAMES[day.weekday()]} {day:%b} {day.day}"
    return f"{text} (day {number})" if number is not None else text


_METRICS = (
    ("cost", "cost"),
    ("hold_cost", "hold cost"),
    ("company_move_cost", "company move cost"),
    ("shoot_day_cost", "shoot day cost"),
    ("hold_days", "hold days"),
    ("company_moves", "company moves"),
    ("shoot_days", "shoot days"),
    ("violations", "rule violations"),
)


@dataclass(frozen=True)
class Comparison:
    """How schedule ``b`` differs from schedule ``a`` of the same production.

    ``table``: one row per metric (:meth:`shootplan.Evaluation.metrics`), columns the two
    schedules' names and ``change`` (b - a). ``moves``: the scenes whose first shoot date differs.
    ``changed_dates``: the dates whose scenes differ (what the crew's calendars will update).
    ``str()`` gives a short text.
    """

    names: tuple[str, str]
    table: pd.DataFrame
    moves: list[SceneMove]
    changed_dates: list[date]
    evaluations: tuple[Evaluation, Evaluation]

    @property
    def moved(self) -> pd.DataFrame:
        """The moves as a table: scene, set, from/to date and day, calendar days shifted, reason."""
        rows = [
            {
                "scene": m.scene,
                "from_date": m.from_date,
                "from_day": m.from_day,
                "to_date": m.to_date,
                "to_day": m.to_day,
                "shift_days": (m.to_date - m.from_date).days if m.from_date and m.to_date else None,
                "reason": m.reason,
            }
            for m in self.moves
        ]
        columns = ["scene", "from_date", "from_day", "to_date", "to_day", "shift_days", "reason"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.astype({"from_day": "Int64", "to_day": "Int64", "shift_days": "Int64"})

    @property
    def num_moved(self) -> int:
        """Scenes moved, added or cut."""
        return len(self.moves)

    def __str__(self) -> str:
        a, b = self.names
        lines = [f"{a} -> {b}"]
        old, new = (e.metrics() for e in self.evaluations)
        for key, label in _METRICS:
            before, after = old[key], new[key]
            change = after - before
            text = f"{before:,.0f} -> {after:,.0f}"
            if change:
                text += f"  ({change:+,.0f})"
            lines.append(f"  {label:<19}{text}")
        dates = len(self.changed_dates)
        lines.append(
            f"  {len(self.moves)} scene{'s' if len(self.moves) != 1 else ''} moved,"
            f" {dates} shoot date{'s' if dates != 1 else ''} changed"
        )
        shown = 12
        lines += [f"    {move}" for move in self.moves[:shown]]
        if len(self.moves) > shown:
            lines.append(f"    ... and {len(self.moves) - shown} more")
        return "\n".join(lines)


def compare(
    production: Production,
    a: Schedule,
    b: Schedule,
    *,
    names: tuple[str, str] = ("before", "after"),
) -> Comparison:
    """The metric differences between schedules ``a`` and ``b`` and the scenes that moved.

    Both are scored by :func:`shootplan.evaluate` against ``production``. A scene moves when its
    first shoot date differs (its order within a day does not count); a scene in only one of
    them is added or cut.
    """
    return _compare(production, a, b, names=names, evaluations=None, reasons=None)


def _compare(
    production: Production,
    a: Schedule,
    b: Schedule,
    *,
    names: tuple[str, str],
    evaluations: tuple[Evaluation, Evaluation] | None,
    reasons: Mapping[str, str] | None,
) -> Comparison:
    if names[0] == names[1]:
        raise ValueError(f"the two schedules need different names, not {names[0]!r} twice")
    first, second = evaluations or (evaluate(production, a), evaluate(production, b))
    metrics_a, metrics_b = first.metrics(), second.metrics()
    keys = [key for key, _ in _METRICS]
    table = pd.DataFrame(
        {
            names[0]: [metrics_a[k] for k in keys],
            names[1]: [metrics_b[k] for k in keys],
        },
        index=pd.Index(keys, name="metric"),
    )
    table["change"] = table[names[1]] - table[names[0]]
    moves = _moves(a, b, reasons or {})
    changed = _changed_dates(a, b)
    return Comparison(names, table, moves, changed, (first, second))


def _first_days(schedule: Schedule) -> dict[str, ShootDay]:
    first: dict[str, ShootDay] = {}
    for day in schedule.days:
        for number in day.scenes:
            first.setdefault(number, day)
    return first


def _moves(a: Schedule, b: Schedule, reasons: Mapping[str, str]) -> list[SceneMove]:
    before, after = _first_days(a), _first_days(b)
    moves: list[SceneMove] = []
    for number in [*before, *(n for n in after if n not in before)]:
        old, new = before.get(number), after.get(number)
        if old is not None and new is not None and old.date == new.date:
            continue
        moves.append(
            SceneMove(
                number,
                old.date if old else None,
                new.date if new else None,
                old.number if old else None,
                new.number if new else None,
                reasons.get(number, ""),
            )
        )
    far = date.max
    moves.sort(key=lambda m: (m.from_date or m.to_date or far, m.to_date or far, _scene_key(m.scene)))
    return moves


def _scene_key(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group()) if digits else 1 << 30, number)


def _changed_dates(a: Schedule, b: Schedule) -> list[date]:
    old = {day.date: sorted(day.scenes) for day in a.days}
    new = {day.date: sorted(day.scenes) for day in b.days}
    return sorted(d for d in old.keys() | new.keys() if old.get(d) != new.get(d))


# --------------------------------------------------------------------------- result


@dataclass(kw_only=True)
class ReplanResult(Result):
    """A :class:`~shootplan.Result` (status, schedule, objective, bound, explanation...) plus
    what a re-plan changed.

    ``objective`` is the new schedule's cost plus its ``churn_cost``; ``evaluation`` scores it
    against ``production`` (the production after the changes) and lists any weather violation
    too. ``previous_evaluation`` scores the old plan the same way: after a disruption it usually
    breaks rules (its ``violations``), which is why it had to change. ``moves`` lists every
    scene whose date changed, with a reason.
    """

    production: Production
    before: Production
    previous: Schedule
    previous_evaluation: Evaluation
    changes: Changes
    today: date
    open_from: date
    num_frozen_days: int
    moves: list[SceneMove] = field(default_factory=list)

    @property
    def cost_delta(self) -> float | None:
        """The new plan's cost minus the old plan's (churn not included); None without a plan."""
        if self.evaluation is None:
            return None
        return self.evaluation.cost - self.previous_evaluation.cost

    @property
    def num_moved(self) -> int:
        """Scenes moved, added or cut."""
        return len(self.moves)

    @property
    def comparison(self) -> Comparison:
        """:func:`compare` of the old plan and the new one (reasons included)."""
        if self.schedule is None or self.evaluation is None:
            raise ValueError(f"no new schedule to compare ({self.status.value})")
        return _compare(
            self.production,
            self.previous,
            self.schedule,
            names=("before", "after"),
            evaluations=(self.previous_evaluation, self.evaluation),
            reasons={m.scene: m.reason for m in self.moves},
        )

    def write_calendars(self, out_dir: str | os.PathLike[str], **options: Any) -> list[Path]:
        """Write the new schedule's calendar feeds so that phones update only what changed.

        The feeds already in ``out_dir`` (what subscribers hold) decide SEQUENCE and
        cancellations when there are any. In a fresh folder the old plan is what was published:
        it is given as ``previous`` (:func:`shootplan.write_calendars`), so exactly the events
        whose content changed get SEQUENCE + 1 and removed ones are cancelled. When the changes
        alter how an already published event reads (a scene's location replaced), the old plan's
        feeds are first written with the production as it was, so those events update too.
        ``options`` go to :func:`shootplan.write_calendars`.
        """
        from shootplan.io.ics import write_calendars

        if self.schedule is None:
            raise ValueError(f"no new schedule to publish ({self.status.value})")
        folder = Path(out_dir)
        published = folder.is_dir() and any(folder.glob("*.ics"))
        if published:
            return write_calendars(self.production, self.schedule, folder, **options)
        if _reads_the_same(self.before, self.production, self.previous):
            # Cut scenes are still described on the old days: render with them.
            rendering = _with_scenes(self.production, self.before, self.previous)
            return write_calendars(rendering, self.schedule, folder, previous=self.previous, **options)
        old_options = dict(options)
        if self.previous.created is None:
            old_options.setdefault("stamp", self.schedule.created)
        write_calendars(self.before, self.previous, folder, **old_options)
        return write_calendars(self.production, self.schedule, folder, **options)

    def __str__(self) -> str:
        rows = [
            ("status", self.status.value + (" (interrupted)" if self.interrupted else "")),
            ("re-planned", f"from {self.open_from} ({self.num_frozen_days} days shot and kept)"),
        ]
        old = self.previous_evaluation
        if self.evaluation is not None:
            e = self.evaluation
            delta = self.cost_delta or 0.0
            rows += [
                ("shoot days", f"{e.num_shoot_days}"),
                ("company moves", f"{e.company_moves}"),
                ("hold days", f"{e.total_hold_days}"),
                ("cost", f"{e.cost:,.2f} ({delta:+,.2f} against the old plan's {old.cost:,.2f})"),
                ("churn", f"{self.churn_cost:,.2f} for {_count(self.num_moved, 'scene')} moved"),
            ]
        rows += [
            ("objective", "-" if self.objective is None else f"{self.objective:,.2f}"),
            ("bound", "-" if self.bound is None else f"{self.bound:,.2f}"),
            ("gap", "-" if self.gap is None else f"{self.gap:.1%}"),
            ("time", f"{self.runtime:.1f} s"),
            ("method", self.method),
            ("old plan", f"{_count(len(old.violations), 'rule violation')} under the changes"),
        ]
        if self.evaluation is not None and self.evaluation.violations:
            rows.append(("violations", str(len(self.evaluation.violations))))
        lines = [f"{name:<15}{value}" for name, value in rows]
        lines += [f"  {reason}" for reason in self.explanation]
        lines += [f"  {move}" for move in self.moves[:12]]
        if len(self.moves) > 12:
            lines.append(f"  ... and {len(self.moves) - 12} more")
        return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _reads_the_same(before: Production, after: Production, schedule: Schedule) -> bool:
    """True when every scene, performer and place of ``schedule`` is described alike in both."""
    dates = {"earliest", "latest", "pinned", "cover"}
    for number in {n for day in schedule.days for n in day.scenes}:
        if before.has_scene(number) and after.has_scene(number):
            old, new = before.scene(number), after.scene(number)
            if old.model_dump(exclude=dates) != new.model_dump(exclude=dates):
                return False
    for member in before.cast:
        if _has_cast(after, member.id) and member.model_dump(exclude={"unavailable"}) != after.cast_member(
            member.id
        ).model_dump(exclude={"unavailable"}):
            return False
    for location in before.locations:
        if _has_location(after, location.name) and location.model_dump(
            exclude={"windows", "unavailable"}
        ) != after.location(location.name).model_dump(exclude={"windows", "unavailable"}):
            return False
    return before.name == after.name and before.calendar.time_zone == after.calendar.time_zone


def _with_scenes(production: Production, before: Production, schedule: Schedule) -> Production:
    """``production`` plus the scenes of ``schedule`` it lacks (cut ones), as ``before`` has them."""
    missing = [
        before.scene(n)
        for n in dict.fromkeys(n for day in schedule.days for n in day.scenes)
        if not production.has_scene(n) and before.has_scene(n)
    ]
    if not missing:
        return production
    return production.replace(scenes=[*production.scenes, *missing])


# --------------------------------------------------------------------------- replan


def replan(
    production: Production,
    current: Schedule,
    *,
    today: date,
    changes: Changes | Mapping[str, Any] | None = None,
    freeze_today: bool = True,
    time_limit: float = 30.0,
    num_workers: int | None = None,
    seed: int = 0,
    weight_churn: float = 1000.0,
    near_term_factor: float = 4.0,
    cover_factor: float = 0.1,
    from_scratch: bool = False,
    callback: Callable[[Progress], None] | None = None,
) -> ReplanResult:
    """Re-plan the days not yet shot after ``changes``, moving as few scenes as is worth it.

    Args:
        production: the production ``current`` was planned for.
        current: the schedule everybody works to now.
        today: days before it are shot and stay exactly as they are; so does ``today`` itself
            when ``freeze_today`` (the unit is shooting it). A multi-day scene whose first day is
            shot keeps all its days.
        changes: what happened (:class:`Changes`, or its dict/JSON form).
        time_limit: seconds for the whole re-plan (repair, two searches and a last pass).
        num_workers, seed: as :func:`shootplan.solve`; with one worker and a seed a re-plan repeats
            exactly (the repair and the closing pass then count steps, not seconds).
        callback: as :func:`shootplan.solve`, called on every better plan of either search;
            its ``cost`` includes the churn cost.
        weight_churn: what moving one scene off the date crews were told costs, in the
            production's currency, before the near-term factor. Every move means new call
            sheets, re-booked people and equipment; a scene moves only where that saves more.
        near_term_factor: moves close to today cost more, because people have already prepared
            for them: a scene planned ``d`` calendar days from today costs
            ``weight_churn x (1 + near_term_factor / (1 + d))`` to move. With the defaults
            (1,000 and 4), moving tomorrow's scene costs 3,000, one a week out 1,500 and one a
            month out about 1,130.
        cover_factor: weather cover. Cover sets (``Scene.cover``: interiors with their cast on
            hand) exist to be moved at short notice, so when the changes include weather their
            churn cost is multiplied by this factor (default 0.1). Together with the warm start,
            which swaps cover scenes into each rained-out day (nearest first, where they fit)
            and moves the lost exteriors to the nearest day with room, this makes the re-plan
            fill a rained-out day from the cover sets first; it keeps another arrangement only
            when that is cheaper in holds and moves.
        from_scratch: ignore the old plan for the days not yet shot: no churn cost and no warm
            start from it (what a full re-solve would give; for comparison). ``churn_cost`` then
            reports what its moves would cost, but ``objective`` is the plain cost.

    Returns:
        A :class:`ReplanResult`: the usual solver fields, the new schedule (frozen days copied
        from ``current``, unchanged days in their old shooting order), the moves with reasons,
        the cost change and the old plan's violations under the changes. When no schedule exists
        (the lead is away on a pinned day, too few days left...) ``status`` says so and
        ``explanation`` says why in words.

    Raises:
        ProductionError: a change names an unknown cast id, location or scene, or would undo
            what is already shot; ``current`` lists scenes the production lacks.
    """
    started = datetime.now()
    if isinstance(today, datetime):
        today = today.date()
    if changes is None:
        changes = Changes()
    elif not isinstance(changes, Changes):
        changes = Changes.model_validate(changes)
    for name, value in (
        ("weight_churn", weight_churn),
        ("near_term_factor", near_term_factor),
        ("cover_factor", cover_factor),
    ):
        if not (value >= 0 and math.isfinite(value)):
            raise ValueError(f"{name} must be a finite number >= 0, not {value}")
    unknown = sorted(
        {n for day in current.days for n in day.scenes if not production.has_scene(n)}, key=_scene_key
    )
    if unknown:
        raise ProductionError(
            f"the current schedule lists scene(s) {', '.join(unknown)}, which production"
            f" {production.name!r} lacks"
        )

    open_from = today + timedelta(days=1) if freeze_today else today
    frozen = [day for day in current.days if day.date < open_from]
    first_date = {number: day.date for number, day in _first_days(current).items()}
    shot = {n for day in frozen for n in day.scenes}
    changed, weather = _apply(
        production,
        changes,
        open_from=open_from,
        shot=shot,
        shot_dates={day.date for day in frozen},
        plan_days=current.num_days,
    )
    checking = _with_weather(changed, weather, shot)

    def result(
        status: Status, schedule: Schedule | None, evaluation: Evaluation | None, **extra: Any
    ) -> ReplanResult:
        return ReplanResult(
            status,
            schedule,
            extra.pop("objective", None),
            extra.pop("bound", None),
            (datetime.now() - started).total_seconds(),
            evaluation=evaluation,
            production=changed,
            before=production,
            previous=current,
            previous_evaluation=previous_evaluation,
            changes=changes,
            today=today,
            open_from=open_from,
            num_frozen_days=len(frozen),
            **extra,
        )

    previous_evaluation = _score(changed, checking, current, weather)
    reasons = _too_late(changed, shot, open_from) or _too_few_days(changed, shot, open_from)
    if reasons:
        return result(Status.INFEASIBLE, None, None, explanation=reasons)
    constrained = _freeze(checking, shot, first_date, open_from)
    churn: dict[str, tuple[date, float]] = {}
    for number, planned in first_date.items():
        if number in shot or not constrained.has_scene(number):
            continue
        ahead = max(0, (planned - today).days)
        weight = weight_churn * (1 + near_term_factor / (1 + ahead))
        if weather and constrained.scene(number).cover:
            weight *= cover_factor
        churn[number] = (planned, round(weight, 2))
    # With one worker solve() runs on CP-SAT's deterministic clock; the repair and the closing
    # pass then count their steps instead of watching the wall clock, so a re-plan repeats exactly.
    deterministic = (num_workers or os.cpu_count() or 1) == 1
    initial = None
    if not from_scratch:
        budget = min(2.0, 0.1 * time_limit)
        initial = _warm_start(
            constrained,
            current,
            shot,
            open_from,
            weather,
            seed=seed,
            seconds=budget,
            deterministic=deterministic,
        )
    minimized = {} if from_scratch else churn
    logger.info(
        "re-planning %s from %s: %d days frozen, %d scenes to place, %d with churn costs",
        production.name,
        open_from,
        len(frozen),
        sum(1 for s in constrained.scenes if s.number not in shot),
        len(minimized),
    )
    focused: Result | None = None
    if initial is not None:
        local = _focus(constrained, current, initial, shot, open_from, weather)
        if local is not None:
            # First the AD's way: re-board only the days around the disruption (small, often
            # proven optimal in a second), then the whole remaining shoot from that plan.
            focused = solve(
                local,
                time_limit=time_limit * FOCUS_SHARE,
                num_workers=num_workers,
                seed=seed,
                callback=callback,
                initial=initial,
                churn=minimized or None,
                proof_share=0,  # a re-plan is wanted fast: all its time goes to the search
            )
            if focused.schedule is not None:
                initial = focused.schedule
            logger.info("local re-board: %s, cost with churn %s", focused.status.value, focused.objective)
    if focused is not None and focused.interrupted and focused.schedule is not None:
        solved = focused  # Ctrl-C: keep what the local re-board found
    else:
        if deterministic:
            # What the steps above were allowed, not what the clock says they took.
            spent = (0.0 if from_scratch else budget) + (time_limit * FOCUS_SHARE if focused else 0.0)
        else:
            spent = (datetime.now() - started).total_seconds()
        solved = solve(
            constrained,
            time_limit=max(1.0, time_limit * (1 - POLISH_SHARE) - spent),
            num_workers=num_workers,
            seed=seed,
            callback=callback,
            initial=initial,
            churn=minimized or None,
            proof_share=0,
        )
    local_objective = focused.objective if focused is not None else None
    if local_objective is not None and (
        solved.objective is None or local_objective < solved.objective - 1e-6
    ):
        # The whole-shoot search starts from the local plan but may not return to it: keep the
        # better of the two (the local one is a schedule of the same problem).
        assert focused is not None
        solved = dataclasses.replace(
            solved,
            status=Status.FEASIBLE,
            schedule=focused.schedule,
            objective=local_objective,
            evaluation=focused.evaluation,
            explanation=[],
        )
    explanation = _explain(solved.explanation, weather, open_from, shot)
    if solved.status is Status.INFEASIBLE and not any(
        line.startswith(("scene", "-")) for line in explanation
    ):
        explanation.append(_what_is_left(constrained, shot, open_from))
    if solved.status is Status.NO_SOLUTION and (full := _how_full(constrained, shot, open_from)):
        explanation.append(full)
    if solved.schedule is None or solved.evaluation is None:
        return result(
            solved.status,
            None,
            None,
            explanation=explanation,
            method=solved.method,
            num_solutions=solved.num_solutions,
            interrupted=solved.interrupted,
        )
    best = solved.schedule
    if solved.status is not Status.OPTIMAL and not solved.interrupted and minimized:
        deadline = max(started + timedelta(seconds=time_limit), datetime.now() + timedelta(seconds=0.5))
        best = _polish(constrained, best, minimized, deadline=None if deterministic else deadline)
    schedule, frozen_extra = _finish(
        changed, checking, best, current, frozen, open_from, weather, f"re-planned {today}"
    )
    evaluation = _score(changed, checking, schedule, weather)
    churn_cost = float(
        sum(w for n, (planned, w) in churn.items() if first_date.get(n) != _first_date(schedule, n))
    )
    objective = evaluation.cost + (0.0 if from_scratch else churn_cost)
    bound = None if solved.bound is None else min(objective, solved.bound + frozen_extra)
    moves = _explained_moves(current, schedule, checking, changes, weather, shot)
    if evaluation.violations:
        logger.error("re-planned schedule breaks rules: %s", "; ".join(map(str, evaluation.violations)))
    return result(
        solved.status,
        schedule,
        evaluation,
        objective=objective,
        bound=bound,
        explanation=explanation,
        method=solved.method + (" (from scratch)" if from_scratch else ""),
        num_solutions=solved.num_solutions,
        interrupted=solved.interrupted,
        churn_cost=churn_cost,
        moves=moves,
    )


def _first_date(schedule: Schedule, number: str) -> date | None:
    return next((day.date for day in schedule.days if number in day.scenes), None)


def _with_weather(production: Production, weather: Sequence[_WeatherRule], shot: set[str]) -> Production:
    """The production plus one stand-in performer per weather rule on the exteriors it rains out."""
    if not weather:
        return production
    data = production.model_dump()
    for rule in weather:
        data["cast"].append(
            CastMember(
                id=rule.cast_id,
                name=rule.note,
                character=rule.cast_id.upper(),
                holds=False,
                unavailable=rule.dates,
            ).model_dump()
        )
    for scene, raw in zip(production.scenes, data["scenes"], strict=True):
        if scene.number in shot:
            continue
        raw["cast"] += [rule.cast_id for rule in weather if rule.covers(scene)]
    return Production.model_validate(data)


def _too_late(production: Production, shot: set[str], open_from: date) -> list[str]:
    """Scenes not shot whose own dates are already past: no re-plan can help them."""
    reasons = []
    for scene in production.scenes:
        if scene.number in shot:
            continue
        if scene.pinned and scene.pinned < open_from:
            reasons.append(
                f"scene {scene.number} is pinned to {scene.pinned}, a day already shot, but was not"
                " shot then: pin it to a later date (Changes.pins) or cut it"
            )
        elif scene.latest and scene.latest < open_from:
            reasons.append(
                f"scene {scene.number} had to be shot by {scene.latest} (its latest date) but is not"
                f" shot yet; only dates from {open_from} on are left"
            )
    return reasons


@dataclass(frozen=True)
class _Room:
    """The shoot days left after ``open_from`` and the fewest the scenes not yet shot need."""

    left: list[date]
    needed: int  # at the page or time cap, before any company move
    measure: str  # what sets ``needed``: "59 7/8 pages at 5 a day"
    todo: int  # scenes not yet shot


def _room(production: Production, shot: set[str], open_from: date) -> _Room | None:
    """How much room the days left hold for what is not shot yet; None without a day limit."""
    limit = production.rules.max_shoot_days
    if limit is None:
        return None
    rules = production.rules
    todo = [s for s in production.scenes if s.number not in shot]
    multi = sum(production.days_needed(s) for s in todo if production.days_needed(s) > 1)
    single = [s for s in todo if production.days_needed(s) == 1]
    eighths = sum(s.eighths for s in single)
    needed = multi + math.ceil(eighths / rules.max_eighths_per_day)
    measure = f"{format_pages(eighths)} pages at {format_pages(rules.max_eighths_per_day)} a day"
    if rules.max_minutes_per_day is not None:
        minutes = sum(rules.scene_minutes(s) for s in single)
        by_time = multi + math.ceil(minutes / rules.max_minutes_per_day)
        if by_time > needed:
            needed = by_time
            measure = f"{minutes} minutes at {rules.max_minutes_per_day} a day"
    left = [d for d in production.calendar.shoot_dates(limit) if d >= open_from]
    return _Room(left, needed, measure, len(todo))


def _too_few_days(production: Production, shot: set[str], open_from: date) -> list[str]:
    """The scenes not yet shot cannot fit the shoot days left at the page or time cap."""
    room = _room(production, shot, open_from)
    if room is None or room.needed <= len(room.left):
        return []
    span = f" ({room.left[0]} to {room.left[-1]})" if room.left else ""
    return [
        f"the {room.todo} scenes not yet shot need at least {room.needed} shoot days ({room.measure}),"
        f" but only {len(room.left)} of the production's {production.rules.max_shoot_days} are"
        f" left{span}: add shoot days (add_shoot_days) or cut scenes"
    ]


def _how_full(production: Production, shot: set[str], open_from: date) -> str | None:
    """When the search found nothing in time on a nearly full board: how little room is left."""
    room = _room(production, shot, open_from)
    if room is None or not room.left or room.needed < len(room.left) - 1:
        return None
    return (
        f"the board is nearly full: the {room.todo} scenes not yet shot need at least {room.needed} of"
        f" the {len(room.left)} shoot days left ({room.measure}, {room.left[0]} to {room.left[-1]})"
        " before any company move; if more time finds nothing, more shoot days (add_shoot_days) or"
        " re-planning today too (freeze_today=False) may help"
    )


def _what_is_left(production: Production, shot: set[str], open_from: date) -> str:
    """The re-plan's own frame, in words, for when the explainer found no smaller conflict."""
    todo = [s for s in production.scenes if s.number not in shot]
    limit = production.rules.max_shoot_days
    dates = [d for d in production.calendar.shoot_dates(limit) if d >= open_from] if limit else []
    days = f"the {len(dates)} shoot days from {dates[0]} to {dates[-1]}" if dates else "the days left"
    return (
        f"the {len(todo)} scenes not yet shot ({format_pages(sum(s.eighths for s in todo))} pages) do not"
        f" fit {days} under every rule and change; more shoot days (add_shoot_days), re-planning today"
        " too (freeze_today=False) or relaxing a change may help"
    )


def _freeze(
    production: Production, shot: set[str], first_date: Mapping[str, date], open_from: date
) -> Production:
    """Scenes already shot pinned where they are; nothing else on a day before ``open_from``."""
    data = production.model_dump()
    start = production.calendar.start
    if open_from > start:
        data["cast"].append(
            CastMember(
                id=_SHOT_ID,
                character=_SHOT_CHARACTER,
                holds=False,
                unavailable=[DateRange(start=start, end=open_from - timedelta(days=1))],
            ).model_dump()
        )
    for scene in data["scenes"]:
        if scene["number"] in shot:
            scene |= {"pinned": first_date[scene["number"]], "earliest": None, "latest": None}
        elif open_from > start:
            scene["cast"].append(_SHOT_ID)
    return Production.model_validate(data)


def _score(
    production: Production, checking: Production, schedule: Schedule, weather: Sequence[_WeatherRule]
) -> Evaluation:
    """evaluate() against the changed production, plus any rained-out exterior as a violation."""
    evaluation = evaluate(production, schedule)
    if not weather:
        return evaluation
    dates = {day.number: day.date for day in schedule.days}
    rained = [
        Violation(
            "weather",
            f"scene {v.scene} on day {v.day} ({dates.get(v.day or 0)}) is an exterior, and the"
            " weather rules out exterior work that date",
            day=v.day,
            scene=v.scene,
        )
        for v in evaluate(checking, schedule).violations
        if v.cast is not None and v.cast.startswith(_WEATHER_PREFIX)
    ]
    return dataclasses.replace(evaluation, violations=[*evaluation.violations, *rained])


# Beyond this many scenes that cannot be placed, the explanation sums up the rest.
_MAX_REASONS = 6


def _explain(
    lines: Sequence[str], weather: Sequence[_WeatherRule], open_from: date, shot: set[str]
) -> list[str]:
    """The explainer's sentences with the stand-in performers put into words, and the pins that
    hold shot scenes in place summed up as what they are: days already shot."""
    shot_until = open_from - timedelta(days=1)
    words: list[str] = []
    pinned = [
        m.group(1)
        for line in lines
        if (m := re.fullmatch(r"- scene (\S+) is pinned to [0-9-]+", line)) and m.group(1) in shot
    ]
    for line in lines:
        match = re.fullmatch(r"- scene (\S+) is pinned to [0-9-]+", line)
        if match and match.group(1) in shot:
            if match.group(1) == pinned[0]:
                many = len(pinned) > 1
                words.append(
                    f"- scene{'s' if many else ''} {', '.join(pinned)} {'are' if many else 'is'} already"
                    f" shot (the days up to {shot_until} stay as they were)"
                )
            continue
        line = line.replace(f"cast {_SHOT_ID} ({_SHOT_CHARACTER})", "a day not yet shot")
        line = re.sub(
            rf"{_SHOT_CHARACTER} is unavailable [0-9.\-]+", f"the days up to {shot_until} are shot", line
        )
        for rule in weather:
            name = rule.cast_id.upper()
            what = f"the {rule.note}" if rule.note else "the weather"
            line = line.replace(f"cast {rule.cast_id} ({name})", "weather fit for exteriors")
            line = line.replace(f"{name} is unavailable", f"{what} rules out exteriors")
        words.append(line)
    scenes = [line for line in words if line.startswith("scene ")]
    if len(scenes) > _MAX_REASONS:
        rest = len(scenes) - _MAX_REASONS
        words = [line for line in words if line not in scenes[_MAX_REASONS:]]
        words.append(f"... and {rest} more scene{'s' if rest > 1 else ''} with no possible date")
    return words


# --------------------------------------------------------------------------- warm start


class _Board:
    """Day lists over the calendar's shoot dates, with the checks an AD makes by hand: dates,
    availability, caps, whole days for multi-day scenes, turnaround, scene order, same-day groups."""

    def __init__(self, production: Production, dates: list[date]) -> None:
        self.production = production
        self.dates = dates
        self.days: list[list[str]] = [[] for _ in dates]
        self.position = {d: i for i, d in enumerate(dates)}
        self.where: dict[str, int] = {}
        rules = production.rules
        # Plain dicts: the board asks about the same scenes thousands of times.
        self.scene = {s.number: s for s in production.scenes}
        self.lengths = {s.number: production.days_needed(s) for s in production.scenes}
        self.minutes = {s.number: rules.scene_minutes(s) for s in production.scenes}
        self._allowed: dict[tuple[str, int], bool] = {}
        self.before = {n: [a for a, b in rules.precedences if b == n] for n in self.scene}
        self.after = {n: [b for a, b in rules.precedences if a == n] for n in self.scene}
        self.group = {n: [m for m in g if m != n] for g in rules.same_day for n in g}
        self.turnaround = rules.turnaround.value != "none"
        self.page_cap, self.minute_cap = rules.max_eighths_per_day, rules.max_minutes_per_day
        self.move_minutes = rules.company_move_minutes
        self.page_minutes = round(rules.minutes_per_page / 8)

    def length(self, number: str) -> int:
        return self.lengths[number]

    def allowed(self, number: str, start: int) -> bool:
        """The scene's dates, cast and location allow it to start on ``start``."""
        key = (number, start)
        if key not in self._allowed:
            scene, k = self.scene[number], self.lengths[number]
            if start + k > len(self.dates):
                self._allowed[key] = False
            else:
                first = self.dates[start]
                self._allowed[key] = all(
                    not date_reasons(self.production, scene, self.dates[start + i], first) for i in range(k)
                )
        return self._allowed[key]

    def fits(self, number: str, start: int) -> bool:
        """Allowed there, and room for it under every rule the board can check."""
        if not self.allowed(number, start) or not self._in_order(number, start):
            return False
        k = self.lengths[number]
        if not self._rested(number, start, k):
            return False
        if k > 1:
            return all(not self.days[start + i] for i in range(k))
        if any(self.lengths[n] > 1 for n in self.days[start]):
            return False
        return self._over([*self.days[start], number]) == 0

    def _over(self, numbers: list[str]) -> int:
        """How far these single-day strips together go over the day's caps, in minutes."""
        eighths = sum(self.scene[n].eighths for n in numbers)
        over = max(0, eighths - self.page_cap) * self.page_minutes
        if self.minute_cap is not None:
            places = len({self.scene[n].location for n in numbers})
            minutes = sum(self.minutes[n] for n in numbers) + self.move_minutes * (places - 1)
            over += max(0, minutes - self.minute_cap)
        return over

    def overflow(self, day: int) -> int:
        """How far a day is over its caps, in minutes (a page over counts as its minutes)."""
        numbers = self.days[day]
        if len(numbers) < 2 or any(self.lengths[n] > 1 for n in numbers):
            return 0
        return self._over(numbers)

    def may_go(self, number: str, day: int) -> bool:
        """Every rule but the caps allows the scene on this day (dates, order, turnaround)."""
        return self.allowed(number, day) and self._in_order(number, day) and self._rested(number, day, 1)

    def _in_order(self, number: str, start: int) -> bool:
        end = start + self.length(number) - 1
        if any(a in self.where and self.where[a] + self.lengths[a] - 1 > start for a in self.before[number]):
            return False
        if any(b in self.where and self.where[b] < end for b in self.after[number]):
            return False
        return all(self.where.get(m, start) == start for m in self.group.get(number, []))

    def _rested(self, number: str, start: int, k: int) -> bool:
        """No day call the morning after a night shoot, on either side of the scene's days."""
        if not self.turnaround:
            return True
        night = self.scene[number].is_night
        for d in range(start, start + k):
            later = self.days[d + 1] if d + 1 < len(self.dates) and self._next_morning(d) else []
            earlier = self.days[d - 1] if d > 0 and self._next_morning(d - 1) else []
            if night and any(not self.scene[n].is_night for n in later if n != number):
                return False
            if not night and any(self.scene[n].is_night for n in earlier if n != number):
                return False
        return True

    def _next_morning(self, day: int) -> bool:
        return (self.dates[day + 1] - self.dates[day]).days == 1

    def place(self, number: str, start: int) -> None:
        for i in range(self.length(number)):
            self.days[start + i].append(number)
        self.where[number] = start

    def remove(self, number: str) -> None:
        start = self.where.pop(number)
        for i in range(self.length(number)):
            self.days[start + i].remove(number)

    def nearest(self, near: int, lowest: int) -> list[int]:
        """Positions from ``lowest`` on, nearest to ``near`` first (a later day before an earlier
        one at the same distance: earlier days are closer to today and already prepared)."""
        positions = range(lowest, len(self.dates))
        return sorted(positions, key=lambda p: (abs(p - near), p < near))


# Share of the time limit for re-boarding the days around the disruption before the whole shoot.
FOCUS_SHARE = 0.4
# Days either side of each disrupted day that the local re-board may change.
FOCUS_REACH = 1


def _focus(
    production: Production,
    current: Schedule,
    warm: Schedule,
    shot: set[str],
    open_from: date,
    weather: Sequence[_WeatherRule],
) -> Production | None:
    """The production with every scene pinned to its warm-start date except around disrupted days.

    Disrupted days are where a scene left or arrived in the warm start, and rained-out days; the
    scenes within ``FOCUS_REACH`` shoot days of them stay free. None when the warm start breaks a
    rule (then it proves nothing feasible and the whole problem is solved directly).
    """
    if evaluate(production, warm).violations:
        return None
    old = {n: day.date for n, day in _first_days(current).items()}
    new = {n: (index, day.date) for index, day in enumerate(warm.days) for n in day.scenes}
    position = {day.date: index for index, day in enumerate(warm.days)}
    moved = {n for n, (_, when) in new.items() if n not in shot and old.get(n) != when}
    disrupted = {new[n][0] for n in moved}
    for n in moved:
        if n in old:
            earlier = [i for d, i in position.items() if d <= old[n]]
            disrupted.add(max(earlier) if earlier else 0)
    disrupted |= {i for d, i in position.items() if any(rule.on(d) for rule in weather)}
    window = {p + k for p in disrupted for k in range(-FOCUS_REACH, FOCUS_REACH + 1)}
    free = moved | {n for p in window if 0 <= p < len(warm.days) for n in warm.days[p].scenes}
    if not free:
        return None
    first = {n: when for n, (_, when) in reversed(list(new.items()))}
    scenes = [
        s.model_dump() | ({} if s.number in shot or s.number in free else {"pinned": first[s.number]})
        for s in production.scenes
    ]
    logger.info("local re-board: %d scenes free around %d disrupted days", len(free - shot), len(disrupted))
    return production.replace(scenes=scenes)


# Scenes one displaced strip may push to another day to make room for itself.
_MAX_EJECTED = 3


def _warm_start(
    production: Production,
    current: Schedule,
    shot: set[str],
    open_from: date,
    weather: Sequence[_WeatherRule],
    *,
    seed: int = 0,
    seconds: float = 1.0,
    deterministic: bool = False,
) -> Schedule:
    """The old plan, repaired as an AD would repair it by hand.

    Every scene that can still stay on its day stays. On a rained-out day, cover sets are pulled
    in first (nearest first). Then each displaced or new scene goes to the nearest day with room;
    failing that, its day is swapped for a day whose strips may take its place; failing that, it
    goes to the nearest day where moving up to three strips elsewhere makes room. Whatever still
    has no room is put over a cap, and a short tabu search (:func:`_settle`, ``seconds`` at most)
    takes the board back under its caps.
    """
    missing = len(production.scenes) - len({n for day in current.days for n in day.scenes})
    horizon = production.rules.max_shoot_days or (current.num_days + max(0, missing) + 10)
    board = _Board(production, production.calendar.shoot_dates(horizon))
    first_open = next((i for i, d in enumerate(board.dates) if d >= open_from), len(board.dates))
    starts = {n: day.date for n, day in _first_days(current).items() if production.has_scene(n)}
    displaced: list[tuple[str, int]] = []
    for number, planned in sorted(starts.items(), key=lambda item: (item[0] not in shot, item[1])):
        position = board.position.get(planned)
        if number in shot and position is not None:
            board.place(number, position)  # already shot: it is where it is
        elif position is not None and position >= first_open and board.fits(number, position):
            board.place(number, position)
        else:
            displaced.append((number, position if position is not None else first_open))

    lost = {p for _, p in displaced}
    for rule in weather:
        for position in range(first_open, len(board.dates)):
            if not rule.on(board.dates[position]) or position not in lost:
                continue
            covers: list[tuple[int, bool, str]] = []
            for scene in production.scenes:
                if not scene.cover or scene.number in shot or production.days_needed(scene) > 1:
                    continue
                where = board.where.get(scene.number)
                if where is not None and where != position and where >= first_open:
                    # Nearest first; at equal distance a later day's cover (not yet prepared for).
                    covers.append((abs(where - position), where < position, scene.number))
            for _, _, number in sorted(covers):
                where = board.where[number]
                board.remove(number)
                board.place(number, position if board.fits(number, position) else where)

    movable = {
        s.number
        for s in production.scenes
        if s.number not in shot and not s.pinned and s.number not in board.group
    }
    added = [(s.number, first_open) for s in production.scenes if s.number not in starts]
    waiting: list[tuple[str, int]] = []
    for number, near in [*displaced, *added]:
        spot = next((p for p in board.nearest(near, first_open) if board.fits(number, p)), None)
        if spot is not None:
            board.place(number, spot)
        else:
            waiting.append((number, near))
    by_day: dict[int, list[str]] = {}
    for number, near in waiting:
        by_day.setdefault(near, []).append(number)
    for near, numbers in by_day.items():
        _swap_days(board, numbers, near, movable, first_open)
    for number, near in waiting:
        if number in board.where:
            continue
        spots = board.nearest(near, first_open)
        if not _make_room(board, number, spots, movable - {number}, first_open):
            # Over a cap rather than missing: CP-SAT finds a first schedule faster from a complete
            # hint that breaks a cap on one day than from one that leaves a scene out.
            spot = next((p for p in spots if board.allowed(number, p)), None)
            logger.debug("warm start: no room for scene %s; hinted on day %s over the caps", number, spot)
            if spot is not None and board.length(number) == 1:
                board.place(number, spot)
    if any(board.overflow(p) for p in range(first_open, len(board.dates))):
        homes = {n: board.position[d] for n, d in starts.items() if d in board.position}
        steps = round(seconds * _SETTLE_STEPS_PER_SECOND) if deterministic else None
        _settle(board, movable, first_open, homes, seed=seed, seconds=seconds, max_steps=steps)
    used = max((i + 1 for i, day in enumerate(board.days) if day), default=0)
    # Each location's strips together, as the solver orders a day (only for the record: the
    # warm start fixes days, not the order within them).
    days = [
        sorted(
            day, key=lambda n: [production.scene(m).location for m in day].index(production.scene(n).location)
        )
        for day in board.days[:used]
    ]
    return Schedule.from_day_lists(production, days, name="warm start")


# Iterations a repaired strip stays where it was put before it may move again (tabu search).
_TABU_TENURE = 7
# Repair steps a second on the 2-core reference machine (119-scene example): the step budget
# that stands in for ``seconds`` when the re-plan must repeat exactly.
_SETTLE_STEPS_PER_SECOND = 400
# Passes of the closing pass when it runs without a clock (each pass ends or improves the cost).
_POLISH_PASSES = 5


def _settle(
    board: _Board,
    movable: set[str],
    first_open: int,
    planned: Mapping[str, int],
    *,
    seed: int,
    seconds: float,
    max_steps: int | None = None,
) -> None:
    """Take the board under its caps by moving and swapping strips (a short tabu search).

    Each step takes a day over its caps and makes the move or swap of one of its strips that
    lowers the total overflow most (ties: the move that leaves fewer strips off their planned
    day), even when no move lowers it, so the search walks out of dead ends; a strip just moved
    rests a few steps. It stops when every day is within its caps, or after ``seconds`` (after
    ``max_steps`` steps instead, when given: the same result on any machine).
    """
    rng = random.Random(seed)
    stop = datetime.now() + timedelta(seconds=seconds)
    days = range(first_open, len(board.dates))
    over = {p: board.overflow(p) for p in days}
    rest: dict[str, int] = {}
    step = 0

    def off_plan(number: str, day: int) -> int:
        return int(planned.get(number) != day)

    def time_left() -> bool:
        return step < max_steps if max_steps is not None else datetime.now() < stop

    while any(over.values()) and time_left():
        step += 1
        source = rng.choice([p for p in days if over[p]])
        strips = [n for n in board.days[source] if n in movable and board.length(n) == 1]
        best: tuple[tuple[int, int], str, int, str | None] | None = None
        for number in strips:
            if rest.get(number, 0) > step:
                continue
            board.remove(number)
            for target in days:
                if target == source or not board.may_go(number, target):
                    continue
                for other in [
                    None,
                    *(n for n in board.days[target] if n in movable and board.length(n) == 1),
                ]:
                    if other is not None:
                        board.remove(other)
                        if not board.may_go(other, source):
                            board.place(other, target)
                            continue
                        board.place(other, source)
                    board.place(number, target)
                    gain = board.overflow(source) + board.overflow(target) - over[source] - over[target]
                    churn = off_plan(number, target) - off_plan(number, source)
                    if other is not None:
                        churn += off_plan(other, source) - off_plan(other, target)
                    board.remove(number)
                    if other is not None:
                        board.remove(other)
                        board.place(other, target)
                    if best is None or (gain, churn) < best[0]:
                        best = ((gain, churn), number, target, other)
            board.place(number, source)
        if best is None:
            continue
        _, number, target, other = best
        board.remove(number)
        if other is not None:
            board.remove(other)
            board.place(other, source)
            rest[other] = step + _TABU_TENURE
        board.place(number, target)
        rest[number] = step + _TABU_TENURE
        over[source], over[target] = board.overflow(source), board.overflow(target)
    logger.debug(
        "warm start: caps %s after %d repair steps", "met" if not any(over.values()) else "not met", step
    )


def _swap_days(board: _Board, numbers: list[str], near: int, movable: set[str], first_open: int) -> bool:
    """Put the strips that left day ``near`` on another day E, trading them for E's strips that
    may go to ``near``: the AD's day swap (a sick lead's day for a day without the lead, a
    rained-out exterior day for an interior one). Nearest E first; False if none works."""
    if any(board.length(n) > 1 for n in numbers) or not 0 <= near < len(board.dates):
        return False
    for other in board.nearest(near, first_open):
        if other == near:
            continue
        trade = [
            n for n in board.days[other] if n in movable and board.length(n) == 1 and board.allowed(n, near)
        ]
        if not trade:
            continue
        for n in trade:
            board.remove(n)
        placed: list[str] = []
        for n in numbers:
            if not board.fits(n, other):
                break
            board.place(n, other)
            placed.append(n)
        homes: list[str] = []
        if len(placed) == len(numbers):
            for n in sorted(trade, key=lambda n: -board.scene[n].eighths):
                spot = next((p for p in (near, other) if board.fits(n, p)), None)
                if spot is None:
                    break
                board.place(n, spot)
                homes.append(n)
        if len(homes) == len(trade):
            return True
        for n in [*homes, *placed]:
            board.remove(n)
        for n in trade:
            board.place(n, other)
    return False


def _make_room(board: _Board, number: str, spots: list[int], movable: set[str], first_open: int) -> bool:
    """Place ``number`` on the first spot where moving one to three of its strips to other days
    with room makes room for it (fewest strips moved first, then the smallest)."""
    if board.length(number) > 1:
        return False
    for spot in spots:
        if not board.allowed(number, spot):
            continue
        strips = [n for n in board.days[spot] if n in movable and board.length(n) == 1]
        combos = [
            list(combo)
            for size in range(1, _MAX_EJECTED + 1)
            for combo in itertools.combinations(strips, size)
        ]
        combos.sort(key=lambda combo: (len(combo), sum(board.scene[n].eighths for n in combo)))
        for combo in combos:
            if _swap_in(board, number, spot, combo, first_open):
                return True
    return False


def _swap_in(board: _Board, number: str, spot: int, ejected: list[str], first_open: int) -> bool:
    """Move ``ejected`` off ``spot`` to the nearest days with room and ``number`` onto it, or
    change nothing and return False."""
    for other in ejected:
        board.remove(other)
    if not board.fits(number, spot):
        for other in ejected:
            board.place(other, spot)
        return False
    board.place(number, spot)
    homes: list[str] = []
    for other in ejected:
        home = next((p for p in board.nearest(spot, first_open) if p != spot and board.fits(other, p)), None)
        if home is None:
            break
        board.place(other, home)
        homes.append(other)
    if len(homes) == len(ejected):
        return True
    for other in homes:
        board.remove(other)
    board.remove(number)
    for other in ejected:
        board.place(other, spot)
    return False


# --------------------------------------------------------------------------- polishing

# Time for the closing pass that undoes moves the search left in place needlessly (beyond the limit).
POLISH_SHARE = 0.1


def _polish(
    production: Production,
    schedule: Schedule,
    churn: Mapping[str, tuple[date, float]],
    *,
    deadline: datetime | None,
) -> Schedule:
    """Put moved scenes back where crews expect them whenever that breaks no rule and costs less.

    A short search does not always return every scene it moved for nothing. For each moved scene,
    dearest move first, this tries its planned day again, alone or swapped with a scene that moved
    onto that day, and keeps the change when cost plus churn drops (checked by the scorer).
    Without a ``deadline`` it makes at most ``_POLISH_PASSES`` passes (the same on any machine).
    """
    dates = schedule.dates()
    position = {d: i for i, d in enumerate(dates)}
    instance = Instance.build(production, len(dates))
    index = {scene.number: i for i, scene in enumerate(instance.scenes)}
    days = [list(day.scenes) for day in schedule.days]

    def value(candidate: list[list[str]]) -> float | None:
        trial = Schedule.from_day_lists(production, candidate)
        evaluation = evaluate(production, trial)
        if evaluation.violations:
            return None
        first = {n: trial.days[i].date for i in reversed(range(len(candidate))) for n in candidate[i]}
        return evaluation.cost + sum(w for n, (planned, w) in churn.items() if first.get(n) != planned)

    def ordered(day: list[str]) -> list[str]:
        return [instance.scenes[s].number for s in order_day(instance, [index[n] for n in day])]

    best = value(days)
    if best is None:
        return schedule

    def out_of_time() -> bool:
        return deadline is not None and datetime.now() >= deadline

    improved = True
    passes = 0
    while improved and not out_of_time() and (deadline is not None or passes < _POLISH_PASSES):
        improved = False
        passes += 1
        where = {n: i for i, day in enumerate(days) for n in day}
        moved = [
            n
            for n, (planned, _) in sorted(churn.items(), key=lambda item: -item[1][1])
            if n in where
            and planned in position
            and position[planned] != where[n]
            and production.days_needed(production.scene(n)) == 1
        ]
        for number in moved:
            if out_of_time():
                break
            home, here = position[churn[number][0]], where[number]
            options: list[list[str]] = [[]]  # alone, or swapped with a scene that moved onto its day
            options += [
                [other]
                for other in days[home]
                if other in churn
                and churn[other][0] != dates[home]
                and production.days_needed(production.scene(other)) == 1
            ]
            for swap in options:
                trial = [list(day) for day in days]
                trial[here].remove(number)
                trial[home].append(number)
                for other in swap:
                    trial[home].remove(other)
                    trial[here].append(other)
                trial[here], trial[home] = ordered(trial[here]), ordered(trial[home])
                score = value(trial)
                if score is not None and score < best - 1e-6:
                    days, best, improved = trial, score, True
                    logger.info("polish: scene %s back to %s (swap %s)", number, dates[home], swap)
                    break
            if improved:
                break
    while days and not days[-1]:
        days.pop()
    return Schedule.from_day_lists(production, days, name=schedule.name, created=schedule.created)


# --------------------------------------------------------------------------- finishing


def _finish(
    production: Production,
    checking: Production,
    solved: Schedule,
    current: Schedule,
    frozen: list[ShootDay],
    open_from: date,
    weather: Sequence[_WeatherRule],
    name: str,
) -> tuple[Schedule, float]:
    """The solver's days after the frozen ones, numbered on; unchanged days in their old order.

    Returns the schedule and what the frozen days' own shooting order adds to the cost (a
    constant of every schedule, so a bound shifted by it stays a bound).
    """
    old_by_date = {day.date: day for day in current.days}
    rest = [day for day in solved.days if day.date >= open_from]
    past = {n for day in solved.days if day.date < open_from for n in day.scenes}
    if past != {n for day in frozen for n in day.scenes}:
        logger.error("the search changed shot days (please report): %s", sorted(past))
    number = frozen[-1].number if frozen else 0
    as_solved = [*frozen]
    kept_order = [*frozen]
    for offset, day in enumerate(rest, start=number + 1):
        as_solved.append(ShootDay(number=offset, date=day.date, scenes=list(day.scenes)))
        old = old_by_date.get(day.date)
        same = old is not None and sorted(old.scenes) == sorted(day.scenes)
        scenes = list(old.scenes) if same and old is not None else list(day.scenes)
        kept_order.append(ShootDay(number=offset, date=day.date, scenes=scenes))
    created = solved.created
    first = Schedule(name=name, days=as_solved, created=created)
    second = Schedule(name=name, days=kept_order, created=created)
    solver_cost = evaluate(checking, solved).cost
    plain = _score(production, checking, first, weather)
    kept = _score(production, checking, second, weather)
    chosen = second if kept.cost <= plain.cost and len(kept.violations) <= len(plain.violations) else first
    return chosen, max(0.0, plain.cost - solver_cost)


def _explained_moves(
    current: Schedule,
    schedule: Schedule,
    checking: Production,
    changes: Changes,
    weather: Sequence[_WeatherRule],
    shot: set[str],
) -> list[SceneMove]:
    """Every scene whose date changed, with why: the rule its old date now breaks, else re-boarded."""
    cut, added = set(changes.cut_scenes), {s.number for s in changes.add_scenes}
    limit = checking.rules.max_shoot_days
    last_date = checking.calendar.shoot_dates(limit)[-1] if limit else None
    rained = {d for rule in weather for r in rule.dates for d in r.dates()}
    reasons: dict[str, str] = {}
    for move in _moves(current, schedule, {}):
        number = move.scene
        if number in cut:
            reasons[number] = "cut"
        elif number in added or move.from_date is None:
            reasons[number] = "added"
        elif move.to_date is None:
            reasons[number] = "not scheduled"
        else:
            reasons[number] = _why_moved(checking, number, move.from_date, last_date)
            if reasons[number] == "re-boarded" and checking.scene(number).cover and move.to_date in rained:
                reasons[number] = "weather cover"
    return _moves(current, schedule, reasons)


def _why_moved(production: Production, number: str, planned: date, last_date: date | None) -> str:
    calendar = production.calendar
    if not calendar.is_shoot_date(planned):
        return "holiday" if calendar.is_holiday(planned) else "day off"
    if last_date is not None and planned > last_date:
        return "fewer shoot days"
    scene = production.scene(number)
    words = []
    for kind, key in date_reasons(production, scene, planned, planned):
        if kind == "cast" and key.startswith(_WEATHER_PREFIX):
            words.append("weather")
        elif kind == "cast":
            words.append(f"cast {key} unavailable")
        elif kind == "location":
            words.append(f"{key} unavailable")
        else:
            words.append("scene dates")
    return ", ".join(dict.fromkeys(words)) or "re-boarded"

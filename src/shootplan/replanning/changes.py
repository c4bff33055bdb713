"""What happened since the plan was made, and that news applied to a production.

:class:`Changes` gathers the change records (:class:`CastUnavailable` ... :class:`Pin`), says
them in words (:meth:`Changes.describe`) and applies them (:func:`apply_changes`): every
reference is checked first and every problem raised at once, by name. Weather is not part of a
production; applying it yields :class:`WeatherRule` records the re-plan enforces while solving.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator

from shootplan.errors import ProductionError, ShootplanWarning
from shootplan.model import (
    CastMember,
    DateRange,
    DateRanges,
    Day,
    Location,
    Production,
    Scene,
)
from shootplan.shoot_calendar import OPEN_END
from shootplan.validation import StrictModel

__all__ = [
    "WEATHER_PREFIX",
    "CastUnavailable",
    "Changes",
    "LocationLost",
    "LocationUnavailable",
    "LocationWindows",
    "Pin",
    "ReplanWarning",
    "Weather",
    "WeatherRule",
    "apply_changes",
    "has_cast",
    "has_location",
]


# The stand-in performer that carries a weather rule while re-planning (see the module docstring).
WEATHER_PREFIX = "~weather-"


class ReplanWarning(ShootplanWarning):
    """A change that :func:`replan` applies only in part: a date that is already shot (frozen), or
    extra shoot days for a production that has no limit on them."""


def _text_id(value: Any) -> Any:
    """Board IDs and scene numbers are text; JSON written by hand often has them as numbers."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return value


class CastUnavailable(StrictModel):
    """A performer who cannot work on some dates (sick, injured, released to another job)."""

    cast: str = Field(min_length=1, description='Board ID: "1".')
    dates: DateRanges = Field(min_length=1, description="Dates or ranges: 2027-03-10..2027-03-12.")

    @field_validator("cast", mode="before")
    @classmethod
    def _cast_id(cls, value: Any) -> Any:
        return _text_id(value)


class LocationUnavailable(StrictModel):
    """A location that cannot be used on some dates (the owner needs it back, a permit lapsed)."""

    location: str = Field(min_length=1)
    dates: DateRanges = Field(min_length=1)


class LocationLost(StrictModel):
    """A location lost for the rest of the shoot. Its scenes not yet shot move to ``replacement``
    (an existing location or one in ``Changes.add_locations``); without one they cannot be shot,
    and :func:`replan` says so."""

    location: str = Field(min_length=1)
    replacement: str | None = Field(default=None, description="Where its remaining scenes go.")


class LocationWindows(StrictModel):
    """A location's window moved: from the first re-planned date on it is open only on ``windows``
    (an empty list: open every day). What was already shot there stands."""

    location: str = Field(min_length=1)
    windows: DateRanges = Field(default_factory=list)


class Weather(StrictModel):
    """Exterior work (EXT and INT/EXT strips) impossible on ``dates``: at ``locations``, or
    everywhere when none are named. Interior strips are unaffected; cover sets fill the gap."""

    dates: DateRanges = Field(min_length=1)
    locations: list[str] = Field(default_factory=list, description="Affected locations (default all).")
    note: str = Field(default="", description='What it is: "storm", "rain".')


class Pin(StrictModel):
    """A scene that must now be shot (start) on ``date``; ``date: null`` releases an existing pin."""

    scene: str = Field(min_length=1)
    date: Day | None

    @field_validator("scene", mode="before")
    @classmethod
    def _scene_number(cls, value: Any) -> Any:
        return _text_id(value)


class Changes(StrictModel):
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
            " A production without a limit gets one: the current plan's length plus this."
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
            if production is not None and has_cast(production, cast_id):
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
        production, _ = apply_changes(
            production,
            self,
            open_from=open_from or production.calendar.start,
            shot=set(shot),
            shot_dates=set(),
            plan_days=plan_days,
        )
        return production


def has_cast(production: Production, cast_id: str) -> bool:
    return any(member.id == cast_id for member in production.cast)


def has_location(production: Production, name: str) -> bool:
    return any(location.name == name for location in production.locations)


def _ranges(ranges: Sequence[DateRange]) -> str:
    return ", ".join(str(r) for r in ranges)


@dataclass(frozen=True)
class WeatherRule:
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


def _warn(message: str) -> None:
    """A :class:`ReplanWarning` shown at the caller's line outside this package, however deep
    inside it the change was applied (``Changes.apply`` or ``replan``)."""
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith(__package__ or "-"):
        frame = frame.f_back
        level += 1
    warnings.warn(message, ReplanWarning, stacklevel=level)


def _future(
    ranges: Sequence[DateRange], open_from: date, what: str, *, today: date | None = None, warn: bool = True
) -> list[DateRange]:
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
            _warn(_dropped_words(what, dropped, open_from, today))
    return kept


def _dropped_words(what: str, dropped: DateRange, open_from: date, today: date | None) -> str:
    """Why a dated change does not act before ``open_from``, as an AD would say it.

    Days before today are shot; today, when it is kept (``open_from`` after it), is being shot as
    planned because none of its work is affected (:func:`replan` re-plans today otherwise).
    """
    if today is None or not dropped.start <= today < open_from:
        return f"{what}: {dropped} is already shot, so nothing changes there; the re-plan starts {open_from}"
    words = []
    if dropped.start < today:
        shot = DateRange(start=dropped.start, end=today - timedelta(days=1))
        words.append(f"{shot} is already shot, so nothing changes there")
    words.append(
        f"today ({today}) keeps its plan, since none of today's work is affected (give"
        " --replan-today / freeze_today=False to re-plan today as well)"
    )
    return f"{what}: {'; '.join(words)}; the re-plan starts {open_from}"


def apply_changes(
    production: Production,
    changes: Changes,
    *,
    open_from: date,
    shot: set[str],
    shot_dates: set[date],
    plan_days: int | None,
    today: date | None = None,
) -> tuple[Production, list[WeatherRule]]:
    """Apply ``changes`` to ``production``; every problem found is raised at once, by name.

    ``today`` (a re-plan's) lets the warnings tell a day being shot from days already shot."""
    problems = _check(production, changes, open_from=open_from, shot=shot, shot_dates=shot_dates)
    if problems:
        raise ProductionError(problems)
    data = production.model_dump()
    cast = {c["id"]: c for c in data["cast"]}
    locations = {loc["name"]: loc for loc in data["locations"]}

    for away in changes.cast_unavailable:
        cast[away.cast]["unavailable"] += [
            r.model_dump()
            for r in _future(away.dates, open_from, f"cast {away.cast} unavailable", today=today)
        ]
    data["cast"] += [c.model_dump() for c in changes.add_cast]
    data["locations"] += [loc.model_dump() for loc in changes.add_locations]
    locations.update({loc["name"]: loc for loc in data["locations"]})
    for closed in changes.location_unavailable:
        locations[closed.location]["unavailable"] += [
            r.model_dump()
            for r in _future(closed.dates, open_from, f"location {closed.location} unavailable", today=today)
        ]
    for change in changes.location_windows:
        _move_windows(production, change, open_from, locations[change.location], today)
    for lost in changes.location_lost:
        locations[lost.location]["unavailable"].append({"start": open_from, "end": open_from + OPEN_END})
        if lost.replacement:
            for scene in data["scenes"]:
                if scene["location"] == lost.location and scene["number"] not in shot:
                    scene["location"] = lost.replacement

    if changes.days_off:
        kept = _future(changes.days_off, open_from, "days off", today=today)
        data["calendar"]["days_off"] += [r.model_dump() for r in kept]
    if changes.add_shoot_days:
        limit = production.rules.max_shoot_days
        if limit is None and changes.add_shoot_days > 0 and plan_days is None:
            _warn(
                f"add_shoot_days {changes.add_shoot_days:+d}: the production has no limit on shoot"
                " days (rules.max_shoot_days), so there is nothing to add"
            )
        else:
            base = limit if limit is not None else (plan_days or 0)
            data["rules"]["max_shoot_days"] = base + changes.add_shoot_days

    data["scenes"] += [s.model_dump() for s in changes.add_scenes]
    _cut(data, set(changes.cut_scenes))
    scenes = {s["number"]: s for s in data["scenes"]}
    for pin in changes.pins:
        scenes[pin.scene]["pinned"] = pin.date

    changed = Production.model_validate(data)
    weather: list[WeatherRule] = []
    for index, rain in enumerate(changes.weather):
        dates = _future(rain.dates, open_from, "weather", today=today)
        if dates:
            where = frozenset(rain.locations) if rain.locations else None
            weather.append(WeatherRule(f"{WEATHER_PREFIX}{index + 1}", dates, where, rain.note))
    return changed, weather


def _move_windows(
    production: Production, change: LocationWindows, open_from: date, raw: dict[str, Any], today: date | None
) -> None:
    """Give location ``raw`` (its dumped data) the new windows from ``open_from`` on."""
    location = next((loc for loc in production.locations if loc.name == change.location), None)
    past: list[DateRange] = []
    if open_from > production.calendar.start:
        # What was shot there stands: keep the old windows' past (or the whole past if none).
        last = open_from - timedelta(days=1)
        old = location.windows if location is not None and location.windows else []
        if not old:
            past = [DateRange(start=production.calendar.start, end=last)]
        else:
            past = [DateRange(start=w.start, end=min(w.end, last)) for w in old if w.start <= last]
    future = _future(change.windows, open_from, f"location {change.location} windows", today=today)
    windows = past + future
    if change.windows and not future:
        # Every new window is in the past: the location is closed from now on.
        raw["unavailable"].append({"start": open_from, "end": open_from + OPEN_END})
    raw["windows"] = [w.model_dump() for w in windows]


def _cut(data: dict[str, Any], cut: set[str]) -> None:
    """Remove the cut scenes from the production's data, its order rules and its boards."""
    if cut:
        data["scenes"] = [s for s in data["scenes"] if s["number"] not in cut]
        order = data["rules"]
        order["precedences"] = [p for p in order["precedences"] if not cut & set(p)]
        groups = [[n for n in g if n not in cut] for g in order["same_day"]]
        order["same_day"] = [g for g in groups if len(g) > 1]
        data["boards"] = {
            name: [[n for n in day if n not in cut] for day in days] for name, days in data["boards"].items()
        }


def _check(
    production: Production, changes: Changes, *, open_from: date, shot: set[str], shot_dates: set[date]
) -> list[str]:
    """Every reference in ``changes`` that the production cannot honour, as a sentence."""
    problems: list[str] = []
    cast_ids = {c.id for c in production.cast} | {c.id for c in changes.add_cast}
    places = {loc.name for loc in production.locations} | {loc.name for loc in changes.add_locations}
    numbers = {s.number for s in production.scenes}
    for member in changes.add_cast:
        if has_cast(production, member.id):
            problems.append(f"changes: add_cast: cast id {member.id!r} already exists")
    for location in changes.add_locations:
        if has_location(production, location.name):
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

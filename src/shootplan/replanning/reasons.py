"""Why, in words: why no re-plan exists (too late, too few days, a full board) and why each scene moved."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from shootplan.findings import Finding, Rule
from shootplan.model import (
    Production,
)
from shootplan.pages import format_pages
from shootplan.replanning.changes import WEATHER_PREFIX, Changes, WeatherRule
from shootplan.replanning.compare import SceneMove, scene_moves
from shootplan.replanning.standins import SHOT_ID
from shootplan.schedule import Schedule
from shootplan.solver.explain import Words, explain_infeasible, explain_unplaceable
from shootplan.solver.instance import date_reasons, default_horizon

__all__ = [
    "explained_moves",
    "how_full",
    "infeasible",
    "standin_words",
    "too_few_days",
    "too_late",
    "what_is_left",
]


def too_late(production: Production, shot: set[str], open_from: date) -> list[Finding]:
    """Scenes not shot whose own dates are already past: no re-plan can help them."""
    reasons = []
    for scene in production.scenes:
        if scene.number in shot:
            continue
        if scene.pinned and scene.pinned < open_from:
            message = (
                f"scene {scene.number} is pinned to {scene.pinned}, a day already shot, but was not"
                " shot then: pin it to a later date (Changes.pins) or cut it"
            )
            reasons.append(Finding(Rule.PIN, message, scenes=(scene.number,), dates=(scene.pinned,)))
        elif scene.latest and scene.latest < open_from:
            message = (
                f"scene {scene.number} had to be shot by {scene.latest} (its latest date) but is not"
                f" shot yet; only dates from {open_from} on are left"
            )
            reasons.append(Finding(Rule.SCENE_DATES, message, scenes=(scene.number,), dates=(scene.latest,)))
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


def too_few_days(production: Production, shot: set[str], open_from: date) -> list[Finding]:
    """The scenes not yet shot cannot fit the shoot days left at the page or time cap."""
    room = _room(production, shot, open_from)
    if room is None or room.needed <= len(room.left):
        return []
    span = f" ({room.left[0]} to {room.left[-1]})" if room.left else ""
    message = (
        f"the {room.todo} scenes not yet shot need at least {room.needed} shoot days ({room.measure}),"
        f" but only {len(room.left)} of the production's {production.rules.max_shoot_days} are"
        f" left{span}: add shoot days (add_shoot_days) or cut scenes"
    )
    numbers = {"days_needed": room.needed, "days_left": len(room.left)}
    return [
        Finding(Rule.MAX_SHOOT_DAYS, message, dates=tuple(room.left[:1] + room.left[-1:]), numbers=numbers)
    ]


def how_full(production: Production, shot: set[str], open_from: date) -> Finding | None:
    """When the search found nothing in time on a nearly full board: how little room is left."""
    room = _room(production, shot, open_from)
    if room is None or not room.left or room.needed < len(room.left) - 1:
        return None
    numbers = {"days_needed": room.needed, "days_left": len(room.left)}
    return Finding(
        Rule.MAX_SHOOT_DAYS,
        numbers=numbers,
        message=(
            f"the board is nearly full: the {room.todo} scenes not yet shot need at least {room.needed} of"
            f" the {len(room.left)} shoot days left ({room.measure}, {room.left[0]} to {room.left[-1]})"
            " before any company move; if more time finds nothing, more shoot days (add_shoot_days) or"
            " re-planning today too (freeze_today=False) may help"
        ),
    )


def what_is_left(production: Production, shot: set[str], open_from: date) -> Finding:
    """The re-plan's own frame, in words, for when the explainer found no smaller conflict."""
    todo = [s for s in production.scenes if s.number not in shot]
    limit = production.rules.max_shoot_days
    dates = [d for d in production.calendar.shoot_dates(limit) if d >= open_from] if limit else []
    days = f"the {len(dates)} shoot days from {dates[0]} to {dates[-1]}" if dates else "the days left"
    return Finding(
        Rule.SEARCH,
        (
            f"the {len(todo)} scenes not yet shot ({format_pages(sum(s.eighths for s in todo))} pages) do not"
            f" fit {days} under every rule and change; more shoot days (add_shoot_days), re-planning today"
            " too (freeze_today=False) or relaxing a change may help"
        ),
    )


# Beyond this many scenes that cannot be placed, the explanation sums up the rest.
_MAX_REASONS = 6


def standin_words(weather: Sequence[WeatherRule], open_from: date) -> Words:
    """How the explainer names the stand-in performers: what they stand for, not who."""
    shot_until = open_from - timedelta(days=1)
    words = {("cast", SHOT_ID): ("a day not yet shot", f"the days up to {shot_until} are shot")}
    for rule in weather:
        what = f"the {rule.note}" if rule.note else "the weather"
        dates = ", ".join(str(r) for r in rule.dates)
        words["cast", rule.cast_id] = ("weather fit for exteriors", f"{what} rules out exteriors {dates}")
    return words


def infeasible(
    production: Production, weather: Sequence[WeatherRule], open_from: date, shot: set[str]
) -> list[Finding]:
    """Why no re-plan exists: the scenes with no possible date, else a set of conflicting rules,
    with the stand-ins named for what they stand for and the pins of shot scenes summed up."""
    started = _started_scenes(production, shot)
    words = {**standin_words(weather, open_from), **_started_words(production, started)}
    unplaceable = explain_unplaceable(production, words=words)
    if unplaceable:
        return _at_most([_split_advice(finding, started) for finding in unplaceable])
    horizon = production.rules.max_shoot_days or default_horizon(production, None)
    return _shot_pins_summed(explain_infeasible(production, horizon, words=words), open_from, shot)


def _started_scenes(production: Production, shot: set[str]) -> list[str]:
    """Scenes shot over several days whose first day is shot: the re-plan pins them to it."""
    scenes = [production.scene(n) for n in sorted(shot) if production.has_scene(n)]
    return [scene.number for scene in scenes if production.days_needed(scene) > 1]


def _started_words(production: Production, started: list[str]) -> Words:
    """A started scene's pin in words: it was started, not pinned by the AD."""
    words: dict[tuple[str, str], tuple[str, str]] = {}
    for number in started:
        scene = production.scene(number)
        days = production.days_needed(scene)
        rest = "the next shoot day" if days == 2 else f"the next {days - 1} shoot days"
        words["scene dates", number] = (
            "its days in a row from the first",
            f"scene {number}, shot over {days} days, was started on {scene.pinned} (a day already shot)"
            f" and goes on over {rest}",
        )
    return words


def _split_advice(finding: Finding, started: list[str]) -> Finding:
    """How an AD shoots the rest of a started scene another day, after the reason it cannot."""
    if len(finding.scenes) != 1 or finding.scenes[0] not in started:
        return finding
    number = finding.scenes[0]
    advice = (
        f"; a re-plan does not move the rest of a started scene: split it on the board (e.g. {number}"
        f" and {number}A) to shoot the rest another day"
    )
    return replace(finding, message=finding.message + advice)


def _at_most(findings: list[Finding]) -> list[Finding]:
    """The first scenes with no possible date, and how many more there are."""
    if len(findings) <= _MAX_REASONS:
        return findings
    rest = len(findings) - _MAX_REASONS
    more = Finding(
        Rule.SEARCH,
        f"... and {rest} more scene{'s' if rest > 1 else ''} with no possible date",
        scenes=tuple(n for f in findings[_MAX_REASONS:] for n in f.scenes),
    )
    return [*findings[:_MAX_REASONS], more]


def _shot_pins_summed(findings: list[Finding], open_from: date, shot: set[str]) -> list[Finding]:
    """The pins that hold shot scenes in place, as one line: days already shot."""
    pinned = [f for f in findings if f.rule is Rule.PIN and f.scenes and f.scenes[0] in shot]
    if not pinned:
        return findings
    numbers = tuple(f.scenes[0] for f in pinned)
    many = len(numbers) > 1
    summary = Finding(
        Rule.PIN,
        f"- scene{'s' if many else ''} {', '.join(numbers)} {'are' if many else 'is'} already"
        f" shot (the days up to {open_from - timedelta(days=1)} stay as they were)",
        scenes=numbers,
    )
    kept = [f for f in findings if f not in pinned]
    first = findings.index(pinned[0])
    return [*kept[:first], summary, *kept[first:]]


def explained_moves(
    current: Schedule,
    schedule: Schedule,
    checking: Production,
    changes: Changes,
    weather: Sequence[WeatherRule],
    shot: set[str],
) -> list[SceneMove]:
    """Every scene whose date changed, with why: the rule its old date now breaks, else re-boarded."""
    cut, added = set(changes.cut_scenes), {s.number for s in changes.add_scenes}
    limit = checking.rules.max_shoot_days
    last_date = checking.calendar.shoot_dates(limit)[-1] if limit else None
    rained = {d for rule in weather for r in rule.dates for d in r.dates()}
    reasons: dict[str, str] = {}
    for move in scene_moves(current, schedule, {}):
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
    return scene_moves(current, schedule, reasons)


def _why_moved(production: Production, number: str, planned: date, last_date: date | None) -> str:
    calendar = production.calendar
    if not calendar.is_shoot_date(planned):
        return "holiday" if calendar.is_holiday(planned) else "day off"
    if last_date is not None and planned > last_date:
        return "fewer shoot days"
    scene = production.scene(number)
    words = []
    for kind, key in date_reasons(production, scene, planned, planned):
        if kind == "cast" and key.startswith(WEATHER_PREFIX):
            words.append("weather")
        elif kind == "cast":
            words.append(f"cast {key} unavailable")
        elif kind == "location":
            words.append(f"{key} unavailable")
        else:
            words.append("scene dates")
    return ", ".join(dict.fromkeys(words)) or "re-boarded"

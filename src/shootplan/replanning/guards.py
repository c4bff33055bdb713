"""What a re-plan must not do quietly: keep a day the news has made impossible, or add shoot days.

:func:`today_conflicts` finds the changes that make today's planned work impossible (its performer
out today, its location lost, closed today or given windows without today, rain on its exterior
work, a day off today, its scenes cut or pinned elsewhere, another scene pinned to today): the
re-plan then re-plans today, or stops when today's work is under way. :func:`day_cap` is the most
shoot days a re-plan may use: the current plan's, plus what the changes add.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from shootplan.findings import Finding, Rule
from shootplan.model import Production, Scene
from shootplan.replanning.changes import Changes, has_cast
from shootplan.schedule import Schedule

__all__ = ["day_cap", "days_added", "today_conflicts"]


def today_conflicts(
    production: Production, changes: Changes, current: Schedule, today: date
) -> list[Finding]:
    """Each change that makes the work planned for ``today`` impossible, naming it and the scenes."""
    day = next((d for d in current.days if d.date == today), None)
    if day is None or not day.scenes:
        return []
    scenes = [production.scene(n) for n in day.scenes if production.has_scene(n)]
    return [
        *_cast_out(production, changes, scenes, today),
        *_locations_closed(changes, scenes, today),
        *_rained_out(changes, scenes, today),
        *_day_off(changes, scenes, today),
        *_scenes_changed(changes, day.scenes, today),
    ]


def _cast_out(production: Production, changes: Changes, scenes: list[Scene], today: date) -> list[Finding]:
    found: list[Finding] = []
    for away in changes.cast_unavailable:
        hit = tuple(s.number for s in scenes if away.cast in s.cast)
        if hit and any(today in r for r in away.dates):
            who = production.cast_member(away.cast).label if has_cast(production, away.cast) else away.cast
            message = f"cast {who} is out today ({today}) and was called for {_scenes(hit)}"
            found.append(Finding(Rule.CAST_AVAILABILITY, message, hit, (away.cast,), dates=(today,)))
    return found


def _locations_closed(changes: Changes, scenes: list[Scene], today: date) -> list[Finding]:
    """Today's locations closed today, lost, or given windows that leave today out."""
    closed = [
        (c.location, "closed today") for c in changes.location_unavailable if any(today in r for r in c.dates)
    ]
    closed += [(c.location, "lost") for c in changes.location_lost]
    # An empty list of windows opens the location every day; the windows are the AD's own dates.
    closed += [
        (c.location, f"now open only {', '.join(str(w) for w in c.windows)}, not today")
        for c in changes.location_windows
        if c.windows and not any(today in w for w in c.windows)
    ]
    found: list[Finding] = []
    for where, how in closed:
        hit = tuple(s.number for s in scenes if s.location == where)
        if hit:
            message = f"location {where} is {how} ({today}), where today's plan has {_scenes(hit)}"
            found.append(
                Finding(Rule.LOCATION_AVAILABILITY, message, hit, locations=(where,), dates=(today,))
            )
    return found


def _rained_out(changes: Changes, scenes: list[Scene], today: date) -> list[Finding]:
    found: list[Finding] = []
    for rain in changes.weather:
        places = set(rain.locations)
        hit = tuple(s.number for s in scenes if s.is_exterior and (not places or s.location in places))
        if hit and any(today in r for r in rain.dates):
            what = f" ({rain.note})" if rain.note else ""
            message = f"no exterior work today ({today}){what}, and today's plan has exterior {_scenes(hit)}"
            found.append(Finding(Rule.WEATHER, message, hit, dates=(today,)))
    return found


def _day_off(changes: Changes, scenes: list[Scene], today: date) -> list[Finding]:
    if not any(today in r for r in changes.days_off):
        return []
    hit = tuple(s.number for s in scenes)
    message = f"today ({today}) is now a day off, and today's plan has {_scenes(hit)}"
    return [Finding(Rule.CALENDAR, message, hit, dates=(today,))]


def _scenes_changed(changes: Changes, planned: Sequence[str], today: date) -> list[Finding]:
    """Today's scenes cut or pinned to another date; other scenes (new ones too) pinned to today."""
    found: list[Finding] = []
    cut = tuple(n for n in planned if n in set(changes.cut_scenes))
    if cut:
        message = (
            f"{_scenes(cut)} {_is(cut)} cut from the script, and today's plan ({today}) has {_them(cut)}"
        )
        found.append(Finding(Rule.UNKNOWN_SCENE, message, cut, dates=(today,)))
    pins = [(p.scene, p.date) for p in changes.pins if p.date is not None]
    pins += [(s.number, s.pinned) for s in changes.add_scenes if s.pinned is not None]
    for number, when in pins:
        if number in planned and when != today and number not in cut:
            message = f"scene {number} is now pinned to {when}, but today's plan ({today}) has it"
        elif number not in planned and when == today:
            message = f"scene {number} is now pinned to today ({today}), and today's plan lacks it"
        else:
            continue
        found.append(Finding(Rule.PIN, message, (number,), dates=(today,)))
    return found


def _is(numbers: tuple[str, ...]) -> str:
    return "are" if len(numbers) > 1 else "is"


def _them(numbers: tuple[str, ...]) -> str:
    return "them" if len(numbers) > 1 else "it"


def _scenes(numbers: tuple[str, ...]) -> str:
    return f"scene{'s' if len(numbers) > 1 else ''} {', '.join(numbers)}"


def day_cap(changed: Production, current: Schedule, changes: Changes) -> int | None:
    """The most shoot days the re-plan may use: the current plan's plus ``add_shoot_days``,
    never more than the production's own limit. None when the plan has no day (nothing to keep)."""
    if not current.days:
        return changed.rules.max_shoot_days
    cap = max(1, current.num_days + changes.add_shoot_days)
    limit = changed.rules.max_shoot_days
    return cap if limit is None else min(limit, cap)


def days_added(before: Schedule, after: Schedule | None, changes: Changes, allowed: bool) -> Finding | None:
    """A notice when the new plan has more shoot days than the old one, saying who asked for them."""
    if after is None or after.num_days <= before.num_days:
        return None
    extra = after.num_days - before.num_days
    why = "as the changes ask (add_shoot_days)" if changes.add_shoot_days > 0 else ""
    if allowed and extra > max(0, changes.add_shoot_days):
        why = "because more days were allowed (allow_more_days)"
    message = (
        f"{extra} shoot day{'s' if extra > 1 else ''} added: {before.num_days} -> {after.num_days}"
        f" ({after.days[-1].date} is now the last), {why}"
    )
    return Finding(Rule.SHOOT_DAYS, message, dates=(after.days[-1].date,), numbers={"added": extra})

"""Shoot days with no scenes: never at the start or the end, inside only where a date forces it.

An empty first or last day is a day paid for nothing: :func:`shootplan.evaluate` reports it as a
broken rule (``Rule.EMPTY_DAY``) from :func:`empty_ends`. An empty day inside the schedule may be
forced: the scenes shot after it cannot be shot on its date (a performer away, a location closed,
a pinned scene). :func:`empty_day_reasons` says so in words, or says that a date does not explain
it. The test is plain and sound: no scene shot later could be moved onto that date without
breaking availability, windows, scene dates or pins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shootplan.findings import Finding, Rule
from shootplan.model import Production, Scene
from shootplan.schedule import Schedule, ShootDay

__all__ = ["EmptyEnd", "empty_day_reasons", "empty_ends"]

# A reason names at most this many scenes; the rest are counted.
_NAMED_SCENES = 5


@dataclass(frozen=True)
class EmptyEnd:
    """An empty first or last shoot day: ``where`` is "first" or "last"."""

    day: ShootDay
    where: str

    @property
    def message(self) -> str:
        """The broken rule in words."""
        return (
            f"day {self.day.number} ({self.day.date}), the {self.where} shoot day, has no scenes:"
            " a schedule starts and ends on days with work"
        )


def empty_ends(schedule: Schedule) -> list[EmptyEnd]:
    """The first and the last shoot day, each when it has no scenes."""
    if not schedule.days:
        return []
    ends = [EmptyEnd(schedule.days[0], "first")] if not schedule.days[0].scenes else []
    if len(schedule.days) > 1 and not schedule.days[-1].scenes:
        ends.append(EmptyEnd(schedule.days[-1], "last"))
    return ends


def empty_day_reasons(production: Production, schedule: Schedule) -> list[Finding]:
    """One finding per empty day inside the schedule: which dates leave nothing to shoot on it."""
    findings = []
    for position, day in enumerate(schedule.days[1:-1], start=1):
        if day.scenes:
            continue
        later = list(
            dict.fromkeys(
                n for d in schedule.days[position + 1 :] for n in d.scenes if production.has_scene(n)
            )
        )
        findings.append(_why_empty(production, day, [production.scene(n) for n in later]))
    return findings


def _why_empty(production: Production, day: ShootDay, later: list[Scene]) -> Finding:
    """Why the scenes shot after ``day`` are not shot on it, grouped by what keeps them off."""
    kept_off: dict[tuple[str, str], list[str]] = {}
    free = []
    for scene in later:
        reason = _date_reason(production, scene, day.date)
        if reason is None:
            free.append(scene.number)
        else:
            kept_off.setdefault(reason, []).append(scene.number)
    head = f"day {day.number} ({day.date:%a} {day.date}) has no scenes"
    if free:
        message = (
            f"{head}, though no date keeps scene(s) {_named(free)} off it (another rule, such as"
            " turnaround after a night, or the cost, left it empty)"
        )
        return Finding(Rule.EMPTY_DAY, message, scenes=tuple(free), dates=(day.date,))
    parts = [f"{words} ({_named(numbers, 'scene')})" for (_, words), numbers in kept_off.items()]
    message = f"{head}: nothing left to shoot can go on that date: " + "; ".join(parts)
    return Finding(
        Rule.EMPTY_DAY,
        message,
        scenes=tuple(n for numbers in kept_off.values() for n in numbers),
        cast=tuple(key for kind, key in _keys(kept_off) if kind == "cast"),
        locations=tuple(key for kind, key in _keys(kept_off) if kind == "location"),
        dates=(day.date,),
        numbers={"day": day.number},
    )


def _keys(kept_off: dict[tuple[str, str], list[str]]) -> list[tuple[str, str]]:
    return [(kind.split(":", 1)[0], kind.split(":", 1)[1]) for kind, _ in kept_off]


def _date_reason(production: Production, scene: Scene, when: date) -> tuple[str, str] | None:
    """What keeps ``scene`` off ``when`` (its key and its words), or None when nothing does.

    A multi-day scene counts as starting on ``when``: its first day is the one asked about.
    """
    for cast_id in scene.cast:
        member = production.cast_member(cast_id)
        if not member.is_available(when):
            return f"cast:{cast_id}", f"{member.label} is unavailable that day"
    location = production.location(scene.location)
    if not location.is_available(when):
        closed = "outside its window" if location.windows else "closed"
        return f"location:{location.name}", f"{location.name} is {closed} that day"
    if scene.pinned and scene.pinned != when:
        return f"scene:{scene.number}", f"pinned to {scene.pinned}"
    if scene.earliest and when < scene.earliest:
        return f"scene:{scene.number}", f"not before {scene.earliest}"
    if scene.latest and when > scene.latest:
        return f"scene:{scene.number}", f"not after {scene.latest}"
    return None


def _named(numbers: list[str], noun: str = "") -> str:
    prefix = f"{noun}s " if noun and len(numbers) > 1 else f"{noun} " if noun else ""
    shown = ", ".join(numbers[:_NAMED_SCENES])
    more = len(numbers) - _NAMED_SCENES
    return prefix + shown + (f" and {more} more" if more > 0 else "")

"""The scorer's rules on the clock: light, turnaround, day length and minors' hours.

Each day is laid out by :mod:`shootplan.timeline` (the times the phones and call sheets show), and
these checks read the layout, so that what the crew is told is what is scored:

- **Light**: every exterior inside its light (EXT DAY between sunrise and sunset, EXT NIGHT between
  sunset and sunrise, DAWN and DUSK starting in their twilight) at its location on its date.
- **Turnaround**: the rest from one shoot day's wrap to the next one's call meets the profile
  (cast and crew; the cast's hours on set lie inside the crew's, so one check covers both and
  names the performers who work both days).
- **Day length**: call to wrap within ``rules.max_day_hours``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import timedelta

from shootplan.findings import Rule
from shootplan.model import Production
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline, lay_out_days
from shootplan.violations import Violation

__all__ = ["check_times", "duration_words"]


def check_times(production: Production, schedule: Schedule, violations: list[Violation]) -> list[DayTimeline]:
    """Append the clock rules' violations; return the days as laid out (scenes it knows only)."""
    known = schedule.model_copy(
        update={
            "days": [
                day.model_copy(update={"scenes": [n for n in day.scenes if production.has_scene(n)]})
                for day in schedule.days
            ]
        }
    )
    timelines = lay_out_days(production, known)
    _check_light(production, timelines, violations)
    _check_turnaround(production, timelines, violations)
    _check_day_length(production, timelines, violations)
    return timelines


def _check_light(
    production: Production, timelines: Sequence[DayTimeline], violations: list[Violation]
) -> None:
    for timeline in timelines:
        for item in timeline.items:
            problem = item.light_problem
            if problem is None or item.scene is None:
                continue
            violations.append(
                Violation(
                    Rule.LIGHT,
                    f"day {timeline.day.number} ({timeline.day.date}): Sc. {item.scene.number}"
                    f" ({item.scene.slugline}) {problem}",
                    day=timeline.day.number,
                    scene=item.scene.number,
                    location=item.scene.location,
                )
            )


def _check_turnaround(
    production: Production, timelines: Sequence[DayTimeline], violations: list[Violation]
) -> None:
    profile = production.rules.turnaround
    needed = timedelta(hours=profile.rest_hours)
    worked = [t for t in timelines if t.items]
    for before, after in itertools.pairwise(worked):
        rest = after.call - before.wrap
        if rest >= needed:
            continue
        both = sorted(
            {c for n in before.scenes for c in production.scene(n).cast}
            & {c for n in after.scenes for c in production.scene(n).cast}
        )
        who = f"; cast {', '.join(both)} work both days" if both else ""
        violations.append(
            Violation(
                Rule.TURNAROUND,
                f"day {after.day.number} ({after.day.date}) calls at {after.call:%H:%M},"
                f" {duration_words(rest)} after day {before.day.number} wraps at"
                f" {before.wrap:%H:%M}: the {profile.value} profile needs {profile.rest_hours} h"
                f" of rest{who}",
                day=after.day.number,
                scene=after.scenes[0],
                cast=both[0] if both else None,
            )
        )


def _check_day_length(
    production: Production, timelines: Sequence[DayTimeline], violations: list[Violation]
) -> None:
    cap = production.rules.max_day_hours
    if cap is None:
        return
    for timeline in timelines:
        length = timeline.wrap - timeline.call
        if timeline.items and length > timedelta(hours=cap):
            violations.append(
                Violation(
                    Rule.DAY_LENGTH,
                    f"day {timeline.day.number} ({timeline.day.date}) runs {duration_words(length)}"
                    f" from call at {timeline.call:%H:%M} to wrap at {timeline.wrap:%H:%M}, over"
                    f" the {cap:g} h cap",
                    day=timeline.day.number,
                )
            )


def duration_words(span: timedelta) -> str:
    """``11 h 30 min``, ``45 min``, ``-2 h`` (negative when the next call comes before the wrap)."""
    minutes = round(span.total_seconds() / 60)
    sign, minutes = ("-" if minutes < 0 else ""), abs(minutes)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    return f"{sign}{hours} h" if hours else f"{sign}{rest} min"

"""The scorer's rules on the clock: light, turnaround, day length and minors' hours.

Each day is laid out by :mod:`shootplan.timeline` (the times the phones and call sheets show), and
these checks read the layout, so that what the crew is told is what is scored:

- **Light**: every exterior inside its light (EXT DAY between sunrise and sunset, EXT NIGHT between
  sunset and sunrise, DAWN and DUSK starting in their twilight) at its location on its date.
- **Turnaround**: the rest from one shoot day's wrap to the next one's call meets the profile
  (cast and crew; the cast's hours on set lie inside the crew's, so one check covers both and
  names the performers who work both days).
- **Day length**: call to wrap within ``rules.max_day_hours``.
- **Minors** (:func:`shootplan.profiles.minor_limits`, California's rules): a minor works no more
  than their age band allows (fewer hours on a school day), spends no longer on set than the band's
  hours with the 3 h of school counted in, works between 05:00 and 22:00 (00:30 before a day
  without school) and rests 12 h from one day's last scene to the next day's first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from shootplan.findings import Rule
from shootplan.model import CastMember, Production
from shootplan.profiles import (
    MINOR_DAY_END,
    MINOR_DAY_START,
    MINOR_LATE_END,
    MINOR_REST_HOURS,
    SCHOOL_MINUTES,
    MinorLimits,
    minor_limits,
)
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline, lay_out_days
from shootplan.violations import Violation

__all__ = ["MinorDay", "check_times", "duration_words", "minor_days"]


def check_times(production: Production, schedule: Schedule, violations: list[Violation]) -> list[DayTimeline]:
    """Append the clock rules' violations; return the days as laid out (scenes it knows only)."""
    known = schedule
    if any(not production.has_scene(n) for day in schedule.days for n in day.scenes):
        days = [
            day.model_copy(update={"scenes": [n for n in day.scenes if production.has_scene(n)]})
            for day in schedule.days
        ]
        known = schedule.model_copy(update={"days": days})
    timelines = lay_out_days(production, known)
    _check_light(production, timelines, violations)
    _check_turnaround(production, timelines, violations)
    _check_day_length(production, timelines, violations)
    _check_minors(production, timelines, violations)
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


@dataclass(frozen=True)
class MinorDay:
    """A minor's day on set: from their first scene's start to their last scene's end."""

    member: CastMember
    day_number: int
    first: datetime
    last: datetime
    work_minutes: int
    school: bool
    limits: MinorLimits
    latest: datetime  # the end of the minor's work window that day

    @property
    def on_set_minutes(self) -> int:
        """Time at the place of work: the span of their scenes plus school on a school day."""
        return round((self.last - self.first).total_seconds() / 60) + (SCHOOL_MINUTES if self.school else 0)


def minor_days(production: Production, timelines: Sequence[DayTimeline]) -> list[MinorDay]:
    """Every minor's day on set, in day order (the data a call sheet prints for a minor)."""
    days: list[MinorDay] = []
    for timeline in timelines:
        for member in production.cast:
            if not member.is_minor:
                continue
            items = [i for i in timeline.items if i.scene is not None and member.id in i.scene.cast]
            if not items:
                continue
            date = timeline.day.date
            school = member.school_day(date)
            tomorrow_school = member.school_day(date + timedelta(days=1))
            zone = timeline.zone
            latest = (
                datetime.combine(date, MINOR_DAY_END, tzinfo=zone)
                if tomorrow_school
                else datetime.combine(date + timedelta(days=1), MINOR_LATE_END, tzinfo=zone)
            )
            work = sum(i.minutes for i in items)
            limits = minor_limits(member.age, school)
            days.append(
                MinorDay(
                    member, timeline.day.number, items[0].start, items[-1].end, work, school, limits, latest
                )
            )
    return days


def _check_minors(
    production: Production, timelines: Sequence[DayTimeline], violations: list[Violation]
) -> None:
    last_end: dict[str, datetime] = {}
    for day in minor_days(production, timelines):
        who = f"cast {day.member.id} (a minor, {day.limits.band})"
        problems: list[str] = []
        kind = "school day" if day.school else "day without school"
        if day.work_minutes > day.limits.work:
            problems.append(
                f"works {duration_words(timedelta(minutes=day.work_minutes))}, over the"
                f" {duration_words(timedelta(minutes=day.limits.work))} allowed on a {kind}"
            )
        if day.on_set_minutes > day.limits.on_set:
            school = " with 3 h of school" if day.school else ""
            problems.append(
                f"is on set {duration_words(timedelta(minutes=day.on_set_minutes))}{school}, over"
                f" {duration_words(timedelta(minutes=day.limits.on_set))}"
            )
        earliest = datetime.combine(day.first.date(), MINOR_DAY_START, tzinfo=day.first.tzinfo)
        if day.first < earliest or day.last > day.latest:
            problems.append(
                f"works {day.first:%H:%M}-{day.last:%H:%M},"
                f" outside {MINOR_DAY_START:%H:%M}-{day.latest:%H:%M}"
            )
        previous = last_end.get(day.member.id)
        if previous is not None and day.first - previous < timedelta(hours=MINOR_REST_HOURS):
            problems.append(
                f"starts {duration_words(day.first - previous)} after the last day's last scene,"
                f" under {MINOR_REST_HOURS} h of rest"
            )
        last_end[day.member.id] = day.last
        for problem in problems:
            violations.append(
                Violation(
                    Rule.MINORS,
                    f"day {day.day_number}: {who} {problem}",
                    day=day.day_number,
                    cast=day.member.id,
                )
            )

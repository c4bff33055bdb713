"""A schedule laid out for calendars: each day's timeline with its UID, and everyone's work."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from shootplan.errors import ShootplanError
from shootplan.evaluation import CastWork, evaluate
from shootplan.io.ics.identity import PublishedDay, day_uids
from shootplan.io.ics.options import Settings
from shootplan.model import Production
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline, lay_out_days

__all__ = ["CalendarPlan", "DayPlan", "plan_calendars"]


@dataclass(frozen=True)
class DayPlan:
    """One shoot day for the calendars: its timeline and its event identity."""

    timeline: DayTimeline
    uid: str

    @property
    def label(self) -> str:
        """``Day 4``: no total, which would change every title when a day is added (issue 21)."""
        return f"Day {self.timeline.day.number}"


@dataclass(frozen=True)
class CalendarPlan:
    """A schedule laid out for calendars: one plan per shoot day and everyone's work."""

    production: Production
    schedule: Schedule
    days: tuple[DayPlan, ...]
    work: Mapping[str, CastWork]

    def published_days(self, settings: Settings) -> Iterator[DayPlan]:
        """The days to publish: all, or those from ``since`` on (to keep long feeds lean)."""
        for day in self.days:
            if settings.since is None or day.timeline.day.date >= settings.since:
                yield day


def plan_calendars(
    production: Production,
    schedule: Schedule,
    settings: Settings,
    previous_days: Mapping[str, PublishedDay] | None = None,
) -> CalendarPlan:
    """Lay ``schedule`` out; days continue the UIDs of ``previous_days`` they share scenes with."""
    unknown = sorted({n for d in schedule.days for n in d.scenes if not production.has_scene(n)})
    if unknown:
        raise ShootplanError(
            f"the schedule lists scene(s) {', '.join(unknown)}, which are not in production"
            f" {production.name!r}: no calendar can describe them"
        )
    evaluation = evaluate(production, schedule)
    timelines = lay_out_days(production, schedule, meal_minutes=settings.meal_minutes)
    uids = day_uids(settings.namespace, schedule, previous_days)
    days = tuple(DayPlan(timeline, uid) for timeline, uid in zip(timelines, uids, strict=True))
    return CalendarPlan(production, schedule, days, evaluation.cast)

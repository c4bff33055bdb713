"""The feeds of a re-planned schedule, written so that phones update exactly what changed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from pydantic import BaseModel

from shootplan.io.ics.files import CalendarFiles, write_calendars
from shootplan.io.ics.options import CalendarOptions
from shootplan.model import Production
from shootplan.schedule import Schedule

if TYPE_CHECKING:
    from shootplan.replanning import ReplanResult

__all__ = ["write_revised_calendars"]


def write_revised_calendars(
    result: ReplanResult, out_dir: str | os.PathLike[str], **options: Unpack[CalendarOptions]
) -> CalendarFiles:
    """Write a re-plan's feeds to ``out_dir`` so that subscribers' phones update only what changed.

    The feeds already in ``out_dir`` (what subscribers hold) decide SEQUENCE and cancellations
    when there are any. In a fresh folder the old plan is what was published: it is given as
    ``previous`` to :func:`write_calendars`, so exactly the events whose content changed get
    SEQUENCE + 1 and removed ones are cancelled. When the changes alter how an already published
    event reads (a scene's location replaced), the old plan's feeds are first written with the
    production as it was, so those events update too. Events of the days before the re-planned
    ones are never re-sent. ``options`` as :func:`write_calendars`.
    """
    if result.schedule is None:
        raise ValueError(f"no new schedule to publish ({result.status.value})")
    folder = Path(out_dir)
    kept = result.open_from  # days before it are shot (or being shot): phones keep them as they are
    if folder.is_dir() and any(folder.glob("*.ics")):
        return write_calendars(result.production, result.schedule, folder, keep_before=kept, **options)
    if _reads_the_same(result.before, result.production, result.previous):
        # Cut scenes are still described on the old days: render with them.
        rendering = _with_scenes(result.production, result.before, result.previous)
        return write_calendars(
            rendering, result.schedule, folder, previous=result.previous, keep_before=kept, **options
        )
    old_options = CalendarOptions(**options)
    if result.previous.created is None:
        old_options.setdefault("stamp", result.schedule.created)
    write_calendars(result.before, result.previous, folder, **old_options)
    return write_calendars(result.production, result.schedule, folder, keep_before=kept, **options)


def _reads_the_same(before: Production, after: Production, schedule: Schedule) -> bool:
    """True when every scene, performer and place of ``schedule`` is described alike in both."""
    numbers = {n for day in schedule.days for n in day.scenes}
    scenes = [
        (before.scene(n), after.scene(n)) for n in numbers if before.has_scene(n) and after.has_scene(n)
    ]
    if any(_differ(old, new, {"earliest", "latest", "pinned", "cover"}) for old, new in scenes):
        return False
    members = {member.id: member for member in after.cast}
    if any(_differ(m, members.get(m.id), {"unavailable"}) for m in before.cast):
        return False
    places = {place.name: place for place in after.locations}
    if any(_differ(p, places.get(p.name), {"windows", "unavailable"}) for p in before.locations):
        return False
    return before.name == after.name and before.calendar.time_zone == after.calendar.time_zone


def _differ(old: BaseModel, new: BaseModel | None, dates: set[str]) -> bool:
    """True when both exist and read differently once their dates are left out."""
    return new is not None and old.model_dump(exclude=dates) != new.model_dump(exclude=dates)


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

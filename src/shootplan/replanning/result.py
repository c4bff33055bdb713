"""What a re-plan returns: the solver's result plus what changed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from shootplan.evaluation import Evaluation
from shootplan.model import (
    Production,
)
from shootplan.replanning.changes import Changes, has_cast, has_location
from shootplan.replanning.compare import Comparison, SceneMove, compare_schedules
from shootplan.schedule import Schedule
from shootplan.solver import Result

__all__ = ["ReplanResult"]


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
        return compare_schedules(
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
        from shootplan.io.calendar import write_calendars

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
        if has_cast(after, member.id) and member.model_dump(exclude={"unavailable"}) != after.cast_member(
            member.id
        ).model_dump(exclude={"unavailable"}):
            return False
    for location in before.locations:
        if has_location(after, location.name) and location.model_dump(
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

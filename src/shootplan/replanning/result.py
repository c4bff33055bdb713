"""What a re-plan returns: the solver's :class:`~shootplan.Result` plus what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from shootplan.evaluation import Evaluation
from shootplan.findings import Finding
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.replanning.changes import Changes
from shootplan.replanning.compare import Comparison, SceneMove, compare_schedules
from shootplan.schedule import Schedule
from shootplan.solver import Result, Status

__all__ = ["ReplanResult"]

# Moves listed by ``str()``; the rest are counted (``moves`` and ``comparison`` have them all).
_MOVES_SHOWN = 12


@dataclass(kw_only=True)
class ReplanResult:
    """The solver's :class:`~shootplan.Result` of a re-plan (``result``) plus what changed.

    The result's fields read through: ``status``, ``schedule``, ``objective``, ``bound``,
    ``explanation``... ``objective`` is the new schedule's cost plus its ``churn_cost``;
    ``evaluation`` scores it against ``production`` (the production after the changes) and lists
    any weather violation too. ``previous_evaluation`` scores the old plan the same way: after a
    disruption it usually breaks rules (its ``violations``), which is why it had to change.
    ``moves`` lists every scene whose date changed, with a reason; ``notices`` what a user must
    hear first (days added, today re-planned).
    """

    result: Result
    production: Production
    before: Production
    previous: Schedule
    previous_evaluation: Evaluation
    changes: Changes
    today: date
    open_from: date
    num_frozen_days: int
    moves: list[SceneMove] = field(default_factory=list)
    notices: list[Finding] = field(default_factory=list)
    """What the re-plan did beyond the news as given, said first: shoot days added, today
    re-planned because the news made its work impossible."""

    @property
    def status(self) -> Status:
        """How the search ended (:class:`~shootplan.Status`)."""
        return self.result.status

    @property
    def schedule(self) -> Schedule | None:
        """The new schedule: frozen days as they were, then the re-planned ones."""
        return self.result.schedule

    @property
    def evaluation(self) -> Evaluation | None:
        """The new schedule scored against ``production``, weather included."""
        return self.result.evaluation

    @property
    def objective(self) -> float | None:
        """The new schedule's cost plus its churn cost (the plain cost when from scratch)."""
        return self.result.objective

    @property
    def bound(self) -> float | None:
        """A proven lower bound on ``objective``."""
        return self.result.bound

    @property
    def gap(self) -> float | None:
        """``(objective - bound) / objective`` (0 = proven optimal)."""
        return self.result.gap

    @property
    def runtime(self) -> float:
        """Seconds the whole re-plan took."""
        return self.result.runtime

    @property
    def last_improvement(self) -> float | None:
        """Seconds from the re-plan's start to its search's last cheaper schedule."""
        return self.result.last_improvement

    @property
    def method(self) -> str:
        """How the schedule was found."""
        return self.result.method

    @property
    def num_solutions(self) -> int:
        """Better schedules the final search found."""
        return self.result.num_solutions

    @property
    def interrupted(self) -> bool:
        """True when Ctrl-C stopped the search (the best schedule so far is kept)."""
        return self.result.interrupted

    @property
    def explanation(self) -> list[Finding]:
        """Why no schedule exists, as findings (empty when one does)."""
        return self.result.explanation

    @property
    def bound_reasons(self) -> list[Finding]:
        """What the bound rests on, as the solver says it."""
        return self.result.bound_reasons

    @property
    def churn_cost(self) -> float:
        """What the scenes moved off their planned dates cost (``weight_churn`` and factors)."""
        return self.result.churn_cost

    @property
    def has_schedule(self) -> bool:
        """True when a schedule was found."""
        return self.result.has_schedule

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

    def __str__(self) -> str:
        old = self.previous_evaluation
        rows = [("re-planned", f"from {self.open_from} ({self.num_frozen_days} days shot and kept)")]
        if self.evaluation is not None:
            delta = format_money(self.cost_delta or 0.0, signed=True)
            rows += [
                (
                    "cost change",
                    f"{delta} against the old plan's {format_money(old.cost)} (churn not included)",
                ),
                ("churn", f"{format_money(self.churn_cost)} for {_count(self.num_moved, 'scene')} moved"),
            ]
        rows.append(("old plan", f"{_count(len(old.violations), 'rule violation')} under the changes"))
        lines = [*(f"NOTE: {notice}" for notice in self.notices), str(self.result)]
        lines += [f"{name:<15}{value}" for name, value in rows]
        lines += [f"  {move}" for move in self.moves[:_MOVES_SHOWN]]
        if len(self.moves) > _MOVES_SHOWN:
            lines.append(f"  ... and {len(self.moves) - _MOVES_SHOWN} more")
        return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

"""What :func:`shootplan.solve` returns: the :class:`Status`, the :class:`Result`, and the
:class:`Progress` passed to the progress callback on every better schedule."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from shootplan.evaluation import Evaluation
from shootplan.findings import Finding
from shootplan.money import format_money
from shootplan.quality import describe_quality
from shootplan.schedule import Schedule

__all__ = ["Progress", "Result", "Status"]


class Status(StrEnum):
    """How the search ended."""

    OPTIMAL = "optimal"  # proven best (gap 0)
    FEASIBLE = "feasible"  # a schedule, maybe not the best; see gap
    INFEASIBLE = "infeasible"  # proven that no schedule meets every hard rule; see explanation
    NO_SOLUTION = "no solution yet"  # time ran out before the first schedule
    INVALID = "invalid"  # the model was malformed: a bug in shootplan, please report it


@dataclass(frozen=True)
class Progress:
    """What the solver knows now; passed to the ``progress`` callback on each better schedule."""

    elapsed: float
    cost: float
    bound: float
    gap: float
    company_moves: int
    hold_days: int
    solutions: int


@dataclass
class Result:
    """The outcome of :func:`solve`.

    ``objective`` is the producer's cost of ``schedule`` (as :func:`shootplan.evaluate` computes
    it) and ``bound`` a proven lower bound on the cost of any schedule over the same days;
    ``gap = (objective - bound) / objective``. ``explanation`` says why there is no schedule and
    ``bound_reasons`` what the bound rests on, as findings (``str(finding)`` is its sentence).
    ``last_improvement`` is when, in seconds from the start, the search last found a cheaper
    schedule (None without a schedule): close to ``runtime``, more time would likely help.
    ``notices`` say what a user should know about the plan: the day count chosen when none was
    given, and why an empty day inside the schedule is there.
    """

    status: Status
    schedule: Schedule | None
    objective: float | None
    bound: float | None
    runtime: float
    evaluation: Evaluation | None = None
    explanation: list[Finding] = field(default_factory=list)
    method: str = "cp-sat"
    num_solutions: int = 0
    interrupted: bool = False
    churn_cost: float = 0.0
    bound_reasons: list[Finding] = field(default_factory=list)
    last_improvement: float | None = None
    notices: list[Finding] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        """Relative distance between the cost found and the best bound (0 = proven optimal)."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)

    @property
    def quality(self) -> list[str]:
        """How good the plan is known to be, in sentences (:func:`shootplan.quality.describe_quality`)."""
        return describe_quality(
            self.objective,
            self.bound,
            runtime=self.runtime,
            last_improvement=self.last_improvement,
            proven=self.status is Status.OPTIMAL,
        )

    @property
    def has_schedule(self) -> bool:
        """True when a schedule was found."""
        return self.schedule is not None

    def __str__(self) -> str:
        rows = [("status", self.status.value + (" (interrupted)" if self.interrupted else ""))]
        if self.evaluation is not None:
            e = self.evaluation
            rows += [
                ("shoot days", f"{e.num_shoot_days}"),
                ("company moves", f"{e.company_moves}"),
                ("location returns", f"{e.location_returns}"),
                ("hold days", f"{e.total_hold_days}"),
            ]
        rows += [
            ("cost", "-" if self.objective is None else format_money(self.objective)),
            ("bound", "-" if self.bound is None else format_money(self.bound)),
            ("gap", "-" if self.gap is None else f"{self.gap:.1%}"),
            ("time", f"{self.runtime:.1f} s"),
            ("method", self.method),
        ]
        if self.evaluation is not None and self.evaluation.violations:
            rows.append(("violations", str(len(self.evaluation.violations))))
        rows += [("quality" if n == 0 else "", sentence) for n, sentence in enumerate(self.quality)]
        lines = [f"{name:<15}{value}" for name, value in rows]
        lines += [f"  bound: {reason}" for reason in self.bound_reasons]
        lines += [f"  {reason}" for reason in self.explanation]
        lines += [f"  note: {notice}" for notice in self.notices]
        return "\n".join(lines)

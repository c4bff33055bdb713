"""What the file writers read of a solver run: one Protocol for schedule.json and the Excel Summary.

``io`` may not import the solver, so the writers take any object with these attributes: the
solver's ``Result``, a ``ReplanResult``, or another tool's result.
"""

from __future__ import annotations

from typing import Protocol

from shootplan.quality import describe_quality

__all__ = ["SolverRun", "quality_of", "status_value"]


class SolverRun(Protocol):
    """A solver run as the writers show it; any object with these attributes will do.

    Shown too when the object has them (they are optional, so results from other tools need not
    carry them): ``method``, ``bound_reasons`` (what the bound rests on), ``num_solutions``,
    ``interrupted``, ``last_improvement`` (seconds from the start to the last cheaper schedule) and
    ``notices`` (what a user should know about the plan, as findings or text).
    """

    @property
    def status(self) -> object:
        """The solver's status (an enum with a ``value``, such as ``Status.OPTIMAL``, or text)."""

    @property
    def objective(self) -> float | None:
        """The cost of the schedule found."""

    @property
    def bound(self) -> float | None:
        """A proven lower bound: no schedule costs less than this."""

    @property
    def gap(self) -> float | None:
        """(objective - bound) / objective; 0.0 is proven optimal."""

    @property
    def runtime(self) -> float:
        """Seconds the search took."""


def status_value(run: SolverRun) -> object:
    """The status as written to files: an enum's value (``"optimal"``), else the status itself."""
    return getattr(run.status, "value", run.status)


def quality_of(run: SolverRun) -> list[str]:
    """How good the run's plan is known to be, in the words of ``plan``'s summary.

    Only what the plan and its bound say: when the cost last fell is the run's clock, which
    ``plan`` prints and writes to run.json, and would change a file's bytes from run to run.
    """
    return describe_quality(
        run.objective,
        run.bound,
        runtime=run.runtime,
        # Status.OPTIMAL's value, or another tool's enum named OPTIMAL, or the text itself.
        proven="optimal" in {str(status_value(run)).lower(), str(getattr(run.status, "name", "")).lower()},
    )

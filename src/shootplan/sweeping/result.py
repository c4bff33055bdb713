"""What :func:`shootplan.sweep` returns: one :class:`ScenarioResult` per scenario, as a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from shootplan.schedule import Schedule
from shootplan.sweeping.scenario import Scenario

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["COLUMNS", "ScenarioResult", "SweepResult"]

# The table's columns, in order: the scorer's metrics, then how good the plan is known to be.
COLUMNS = (
    "scenario",
    "status",
    "shoot_days",
    "company_moves",
    "location_returns",
    "hold_days",
    "hold_cost",
    "company_move_cost",
    "location_return_cost",
    "shoot_day_cost",
    "cost",
    "bound",
    "gap",
    "time",
    "peak_memory_mb",
    "reason",
)
# What differs between two runs of the same sweep by design: the clock and the memory.
MEASURED = ("time", "peak_memory_mb")
_METRICS = COLUMNS[2:11]


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario's outcome: its status (a solver status, ``"error"`` for a scenario that does
    not apply, ``"failed"`` when its worker died twice, ``"not run"`` after an interrupt), the
    schedule and the scorer's metrics when there is one, and the reasons when there is none."""

    scenario: Scenario
    status: str
    schedule: Schedule | None = None
    metrics: dict[str, float | int] = field(default_factory=dict)
    bound: float | None = None
    gap: float | None = None
    runtime: float | None = None
    peak_memory_mb: float | None = None
    reasons: tuple[str, ...] = ()

    @classmethod
    def from_outcome(cls, scenario: Scenario, outcome: dict[str, Any]) -> ScenarioResult:
        """From the JSON a task returned."""
        schedule = outcome.get("schedule")
        return cls(
            scenario=scenario,
            status=outcome["status"],
            schedule=Schedule.model_validate(schedule) if schedule is not None else None,
            metrics=dict(outcome.get("metrics") or {}),
            bound=outcome.get("bound"),
            gap=outcome.get("gap"),
            runtime=outcome.get("runtime"),
            peak_memory_mb=outcome.get("peak_memory_mb"),
            reasons=tuple(outcome.get("reasons") or ()),
        )

    def row(self) -> dict[str, Any]:
        """The table row: the columns of :data:`COLUMNS`."""
        row: dict[str, Any] = {"scenario": self.scenario.name, "status": self.status}
        row.update({name: self.metrics.get(name) for name in _METRICS})
        row.update(
            bound=self.bound,
            gap=self.gap,
            time=self.runtime,
            peak_memory_mb=self.peak_memory_mb,
            reason=" ".join(self.reasons),
        )
        return row


@dataclass(frozen=True)
class SweepResult:
    """Every scenario's result, in the order the scenarios were given.

    ``frame`` is the table (one row per scenario), ``schedules`` the schedules found by name,
    ``compare(base)`` each scenario against one of them; ``interrupted`` is True when the sweep
    was stopped (the scenarios not finished say ``"not run"``).
    """

    results: tuple[ScenarioResult, ...]
    interrupted: bool = False
    wall_time: float = 0.0

    @property
    def frame(self) -> pd.DataFrame:
        """One row per scenario: days, moves, returns, holds, costs by family, bound, gap, status, time."""
        return pd.DataFrame([r.row() for r in self.results], columns=list(COLUMNS)).set_index("scenario")

    @property
    def schedules(self) -> dict[str, Schedule]:
        """The schedules found, by scenario name."""
        return {r.scenario.name: r.schedule for r in self.results if r.schedule is not None}

    def __getitem__(self, name: str) -> ScenarioResult:
        for result in self.results:
            if result.scenario.name == name:
                return result
        raise KeyError(f"no scenario {name!r}; the sweep has {', '.join(self.names)}")

    @property
    def names(self) -> list[str]:
        """The scenarios' names, in order."""
        return [r.scenario.name for r in self.results]

    def compare(self, base: str | None = None) -> pd.DataFrame:
        """Each scenario's figures minus the ``base`` scenario's (default the first): what a change buys."""
        frame = self.frame
        base = self.names[0] if base is None else base
        self[base]  # a clear KeyError for an unknown name
        numbers = frame[list(_METRICS)].astype(float)
        delta = numbers - numbers.loc[base]
        delta.insert(0, "status", frame["status"])
        return delta.rename(columns={name: f"{name}_change" for name in _METRICS})

    def best(self) -> ScenarioResult | None:
        """The cheapest scenario with a schedule (None when none has one)."""
        found = [r for r in self.results if r.schedule is not None and "cost" in r.metrics]
        return min(found, key=lambda r: r.metrics["cost"], default=None)

    def plot(self) -> Figure:
        """The trade-offs: cost against shoot days, hold days against company moves (matplotlib)."""
        from shootplan.plot import plot_tradeoffs

        return plot_tradeoffs(self.frame)

    def __str__(self) -> str:
        shown = self.frame[["status", "shoot_days", "company_moves", "hold_days", "cost", "gap"]].astype(
            object
        )
        shown["gap"] = [f"{gap:.1%}" if gap == gap and gap is not None else None for gap in shown["gap"]]
        text = shown.to_string(na_rep="-", float_format=lambda v: f"{v:,.0f}")
        return text + ("\n(interrupted: the scenarios not run are marked)" if self.interrupted else "")

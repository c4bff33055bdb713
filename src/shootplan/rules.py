"""The scheduling rules and the producer's cost weights of a production."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from shootplan.money import MAX_HOLD_FACTOR, MAX_MONEY
from shootplan.pages import parse_page_cap
from shootplan.profiles import MEAL_MINUTES, Turnaround
from shootplan.scenes import MAX_MINUTES
from shootplan.validation import StrictModel

if TYPE_CHECKING:
    from shootplan.model import Scene

__all__ = ["Rules"]


class Rules(StrictModel):
    """Scheduling rules and the producer's cost weights.

    Costs are in the production's currency, each at most :data:`~shootplan.money.MAX_MONEY`
    (100,000,000); minutes at most :data:`~shootplan.scenes.MAX_MINUTES` (120,000). The solver
    minimizes
    ``company_move_cost x moves + hold_cost_factor x sum(daily rate x hold days)
    + shoot_day_cost x shoot days + sum over locations of return cost x returns``, with the daily rates of
    :meth:`Production.daily_rate` (``default_daily_rate`` when the board gives none).
    """

    max_eighths_per_day: int = Field(
        default=5 * 8,
        ge=1,
        description=(
            "Page cap per shoot day, in eighths (default 5 pages); pages written as text"
            ' ("5.2", "5 2/8") round down to whole eighths, so a day never goes over the cap.'
        ),
    )
    max_minutes_per_day: int | None = Field(
        default=600,
        ge=1,
        le=MAX_MINUTES,
        description="Shooting minutes per day, moves included (None: no cap).",
    )
    minutes_per_page: float = Field(
        default=120.0,
        gt=0,
        le=24 * 60,
        description="Estimated minutes per page for scenes without minutes (at most a day, 1,440).",
    )
    call_time: time = Field(default=time(7, 0), description="Day shoots' crew call (see shootplan.timeline).")
    max_day_hours: float | None = Field(
        default=13.0,
        gt=0,
        le=24,
        description=(
            "Longest day from crew call to wrap, meal and waits for the light included (None: no"
            " cap; at most 24); the work itself is capped by max_minutes_per_day."
        ),
    )
    company_move_minutes: int = Field(
        default=60, ge=0, le=MAX_MINUTES, description="Shooting time a company move takes out of the day."
    )
    company_move_cost: float = Field(
        default=5000.0, ge=0, le=MAX_MONEY, description="Cost of one company move."
    )
    location_return_cost: float = Field(
        default=5000.0,
        ge=0,
        le=MAX_MONEY,
        description=(
            "Cost of each return to a location the unit had left (a new run of shoot days there),"
            " for locations that state no return cost of their own. 5,000, about a company move:"
            " a second load-in and load-out, parking, permits and re-dressing the set cost about"
            " what moving the company does. Standing sets and stages return for free."
        ),
    )
    hold_cost_factor: float = Field(
        default=1.0,
        ge=0,
        le=MAX_HOLD_FACTOR,
        description="Multiplier on a performer's daily rate per hold day (at most 100).",
    )
    default_daily_rate: float = Field(
        default=1000.0,
        ge=0,
        le=MAX_MONEY,
        description=(
            "What one performer's hold day is taken to cost when the board gives no daily rates at"
            " all (every performer at 0), so the plan still keeps holds down: 1,000, about a day"
            " performer's scale. Once any performer has a rate, the board's own rates are used and"
            " this is not."
        ),
    )
    shoot_day_cost: float = Field(
        default=25000.0,
        ge=0,
        le=MAX_MONEY,
        description=(
            "What one more shoot day costs the production: 25,000, a lean crew day (crew, gear,"
            " catering, location fee) on a small feature. The plan adds a day only when that saves"
            " more: at the default 1,000 a hold day, 25 hold days or 5 company moves. Set 0 when the"
            " number of days is fixed and only their order matters."
        ),
    )
    max_shoot_days: int | None = Field(default=None, ge=1, description="Shoot days available.")
    extra_shoot_days: int = Field(
        default=0,
        ge=0,
        description=(
            "Slack when no day count is given: days allowed beyond the fewest the caps and dates"
            " need (each still costs shoot_day_cost, so it is used only where it saves more)."
        ),
    )
    turnaround: Turnaround = Field(default=Turnaround.SAG, description="Rest profile.")
    precedences: list[tuple[str, str]] = Field(
        default_factory=list, description="Pairs (A, B): scene A is shot before scene B."
    )
    same_day: list[list[str]] = Field(
        default_factory=list, description="Groups of scenes that must be shot on the same day."
    )

    @field_validator("max_eighths_per_day", mode="before")
    @classmethod
    def _pages(cls, value: Any) -> Any:
        # Pages as written ("5.2", "5 2/8") floor to whole eighths: a cap is never exceeded.
        return parse_page_cap(value) if isinstance(value, str) else value

    @property
    def work_cap(self) -> int:
        """Most minutes of work (scenes and moves) the solver puts in a day: the time cap, and a
        day with its meal hour no longer than ``max_day_hours`` nor than 24 h less the
        turnaround's rest (so that the next day can call at the same hour)."""
        caps = [(24 - self.turnaround.rest_hours) * 60 - MEAL_MINUTES]
        if self.max_minutes_per_day is not None:
            caps.append(self.max_minutes_per_day)
        if self.max_day_hours is not None:
            caps.append(int(self.max_day_hours * 60) - MEAL_MINUTES)
        return max(1, min(caps))

    def scene_minutes(self, scene: Scene) -> int:
        """Estimated shooting minutes of a whole scene (its own estimate, else by pages)."""
        if scene.minutes is not None:
            return scene.minutes
        return max(1, round(scene.eighths * self.minutes_per_page / 8))

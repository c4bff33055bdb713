"""``Scenario``: one what-if question, as changes to a production and to the search.

A scenario names what differs from the production as it stands: the shoot days available, the
start date, the shooting weekdays, the page cap, daily rates, any other rule or cost weight, and
news of the kind a re-plan takes (a performer away, a location lost, rain: every record of
:class:`shootplan.replanning.Changes`, applied from the calendar's start). Weather is no part of a
production: as in a re-plan, the solve keeps exteriors off its dates through a stand-in performer
(:meth:`Scenario.posed`). Everything left out is the production's own. A scenario is data (JSON
in, JSON out), so it travels to any worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, field_validator

from shootplan.errors import ProductionError
from shootplan.model import Day, Production, Rules
from shootplan.pages import parse_page_cap
from shootplan.replanning.changes import Changes, WeatherRule, apply_changes
from shootplan.validation import StrictModel

__all__ = ["Scenario"]


class Scenario(StrictModel):
    """A named what-if: changes to the production and the rules, and the search's time and seed.

    ``Scenario(name="27 days from Mar 8", days=27, start=date(2027, 3, 8))``; ``rules`` takes any
    other field of :class:`~shootplan.Rules` (``{"shoot_day_cost": 30000}``), ``rates`` performers'
    daily rates by board ID, ``changes`` availability and location news.
    """

    name: str = Field(min_length=1, description="How the scenario is called in tables and plots.")
    days: int | None = Field(default=None, ge=1, description="Shoot days available (max_shoot_days).")
    start: Day | None = Field(default=None, description="Date of shoot day 1.")
    weekdays: list[str] | None = Field(default=None, description='Shooting weekdays: ["Mon", ..., "Sat"].')
    page_cap: int | None = Field(
        default=None, ge=1, description="Page cap per day, in eighths (or pages as text)."
    )
    rates: dict[str, float] = Field(default_factory=dict, description="Daily rate by board ID.")
    rules: dict[str, Any] = Field(
        default_factory=dict, description="Other rules and cost weights: Rules field -> value."
    )
    changes: Changes = Field(
        default_factory=Changes, description="A re-plan's news: availability, locations, scenes, weather."
    )
    time_limit: float | None = Field(default=None, gt=0, description="Seconds for this solve.")
    seed: int | None = Field(default=None, ge=0, lt=2**31, description="The search's random seed.")

    @field_validator("page_cap", mode="before")
    @classmethod
    def _pages(cls, value: Any) -> Any:
        # "5 2/8" pages as written, like Rules.max_eighths_per_day.
        return parse_page_cap(value) if isinstance(value, str) else value

    @field_validator("rates", mode="before")
    @classmethod
    def _cast_ids(cls, value: Any) -> Any:
        # Board IDs are text; a hand-written JSON often has them as numbers.
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value

    def apply(self, production: Production) -> Production:
        """The production this scenario asks about (validated again; errors name the scenario).

        Its weather is not in it: see :meth:`posed`."""
        return self.posed(production)[0]

    def posed(self, production: Production) -> tuple[Production, list[WeatherRule]]:
        """The production this scenario asks about and the weather its solve must keep exteriors
        out of (``shootplan.replanning.standins.with_weather`` makes that a rule of the solve)."""
        try:
            return self._apply(production)
        except ProductionError as error:
            raise ProductionError([f"scenario {self.name!r}: {p}" for p in error.problems]) from None

    def _apply(self, production: Production) -> tuple[Production, list[WeatherRule]]:
        weather: list[WeatherRule] = []
        if not self.changes.is_empty:
            production, weather = self._changed(production)
        rules = dict(self.rules)
        if self.days is not None:
            rules["max_shoot_days"] = self.days
        if self.page_cap is not None:
            rules["max_eighths_per_day"] = self.page_cap
        unknown = sorted(set(rules) - set(Rules.model_fields))
        if unknown:
            raise ProductionError(f"rules has no field {', '.join(unknown)}")
        calendar: dict[str, Any] = {}
        if self.start is not None:
            calendar["start"] = self.start
        if self.weekdays is not None:
            calendar["weekdays"] = self.weekdays
        changed: dict[str, Any] = {}
        if rules:
            changed["rules"] = production.rules.model_dump() | rules
        if calendar:
            changed["calendar"] = production.calendar.model_dump() | calendar
        if self.rates:
            changed["cast"] = _with_rates(production, self.rates)
        return (production.replace(**changed) if changed else production), weather

    def _changed(self, production: Production) -> tuple[Production, list[WeatherRule]]:
        """The change records applied: nothing is shot yet, and every date counts from the earlier
        of the production's start and the scenario's (an earlier start keeps earlier news)."""
        if self.changes.add_shoot_days and production.rules.max_shoot_days is None:
            # A re-plan adds to the current plan's length; a sweep has no plan to add to.
            raise ProductionError(
                f"changes: add_shoot_days {self.changes.add_shoot_days:+d} needs a limit on shoot days"
                " to change (rules.max_shoot_days); give the scenario days= instead"
            )
        starts = [production.calendar.start, self.start or production.calendar.start]
        open_from: date = min(starts)
        return apply_changes(
            production, self.changes, open_from=open_from, shot=set(), shot_dates=set(), plan_days=None
        )

    def describe(self) -> str:
        """What differs from the production, in a few words ("27 days, from 2027-03-08")."""
        parts = []
        if self.days is not None:
            parts.append(f"{self.days} days")
        if self.start is not None:
            parts.append(f"from {self.start.isoformat()}")
        if self.weekdays is not None:
            parts.append("-".join([self.weekdays[0], self.weekdays[-1]]) if self.weekdays else "")
        if self.page_cap is not None:
            parts.append(f"{self.page_cap / 8:g} pages a day")
        parts += [f"cast {cast} at {rate:g}" for cast, rate in self.rates.items()]
        parts += [f"{name} {value}" for name, value in self.rules.items()]
        parts += self.changes.describe()
        return ", ".join(parts) or "as planned"


def _with_rates(production: Production, rates: dict[str, float]) -> list[dict[str, Any]]:
    known = {member.id for member in production.cast}
    missing = sorted(set(rates) - known)
    if missing:
        raise ProductionError(f"rates name no performer of the production: cast {', '.join(missing)}")
    return [
        member.model_dump() | ({"daily_rate": rates[member.id]} if member.id in rates else {})
        for member in production.cast
    ]

"""One vocabulary for every rule and cost, and the structured records that speak of them.

:class:`Rule` names each hard rule and each cost family once. The solver's constraint families, the
scorer's :class:`~shootplan.evaluation.Violation`, the infeasibility explainer, the bound's reasons and
the re-plan's reasons all use it, so a caller filters by ``finding.rule is Rule.PIN`` rather than by
reading a sentence. :class:`Finding` is such a record: the rule, the entities and dates it concerns,
its numbers, and the sentence a person reads, which is made from those fields where the finding is
made and never parsed again. Words belong to the edge (the CLI, Excel, notebooks): they print
``str(finding)`` and nothing else reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

__all__ = ["Finding", "Rule"]


class Rule(StrEnum):
    """A hard rule or a cost family; ``str(rule)`` is its stable id, ``rule.label`` its words."""

    # Structure: every schedule has it.
    SCHEDULED_ONCE = "scheduled_once"
    UNKNOWN_SCENE = "unknown_scene"
    MULTI_DAY_SCENE = "multi_day_scene"
    DAY_NUMBERS = "day_numbers"
    CALENDAR = "calendar"
    # Hard rules.
    MAX_SHOOT_DAYS = "max_shoot_days"
    PAGE_CAP = "page_cap"
    TIME_CAP = "time_cap"
    CAST_AVAILABILITY = "cast_availability"
    LOCATION_AVAILABILITY = "location_availability"
    SCENE_DATES = "scene_dates"
    PIN = "pin"
    PRECEDENCE = "precedence"
    SAME_DAY = "same_day"
    TURNAROUND = "turnaround"
    LIGHT = "light"
    DAY_LENGTH = "day_length"
    MINORS = "minors"
    DROP_PICKUP = "drop_pickup"
    WEATHER = "weather"
    EMPTY_DAY = "empty_day"
    # Costs.
    SHOOT_DAYS = "shoot_days"
    COMPANY_MOVES = "company_moves"
    LOCATION_RETURNS = "location_returns"
    HOLDS = "holds"
    CHURN = "churn"
    # The search itself: time ran out, a conflict was isolated, a bound was proven by CP-SAT.
    SEARCH = "search"

    @property
    def label(self) -> str:
        """The rule in an AD's words, for tables and messages."""
        return _LABELS[self]

    @property
    def is_cost(self) -> bool:
        """True for a cost family (minimized), False for a hard rule (never broken) or the search."""
        return self in _COSTS


_LABELS = {
    Rule.SCHEDULED_ONCE: "scheduled once",
    Rule.UNKNOWN_SCENE: "unknown scene",
    Rule.MULTI_DAY_SCENE: "multi-day scene",
    Rule.DAY_NUMBERS: "day numbers",
    Rule.CALENDAR: "calendar",
    Rule.MAX_SHOOT_DAYS: "shoot days",
    Rule.PAGE_CAP: "page cap",
    Rule.TIME_CAP: "time cap",
    Rule.CAST_AVAILABILITY: "cast availability",
    Rule.LOCATION_AVAILABILITY: "location availability",
    Rule.SCENE_DATES: "scene dates",
    Rule.PIN: "pinned date",
    Rule.PRECEDENCE: "precedence",
    Rule.SAME_DAY: "same day",
    Rule.TURNAROUND: "turnaround",
    Rule.LIGHT: "daylight and darkness",
    Rule.DAY_LENGTH: "day length",
    Rule.MINORS: "minors' hours",
    Rule.DROP_PICKUP: "drop/pickup",
    Rule.WEATHER: "weather",
    Rule.EMPTY_DAY: "empty day",
    Rule.SHOOT_DAYS: "shoot days",
    Rule.COMPANY_MOVES: "company moves",
    Rule.LOCATION_RETURNS: "location returns",
    Rule.HOLDS: "hold days",
    Rule.CHURN: "changes to the plan",
    Rule.SEARCH: "search",
}
_COSTS = frozenset({Rule.SHOOT_DAYS, Rule.COMPANY_MOVES, Rule.LOCATION_RETURNS, Rule.HOLDS, Rule.CHURN})

#: The rules the scorer checks on the day's clock (each call, scene and wrap time). The solver
#: bounds each day's minutes against them, not yet every time, so its schedule may still break
#: one (a night running past dawn into the next call's rest, a minor's evening): a known limit,
#: said as such, where any other broken rule is a bug.
CLOCK_RULES = frozenset({Rule.TURNAROUND, Rule.LIGHT, Rule.DAY_LENGTH, Rule.MINORS})


@dataclass(frozen=True)
class Finding:
    """Something shootplan found, as data: the rule, what it concerns, its numbers, and its words.

    ``message`` is the sentence a person reads; code reads the other fields.
    """

    rule: Rule
    message: str
    scenes: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    numbers: Mapping[str, float] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return self.message

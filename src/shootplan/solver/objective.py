"""The producer's cost, as one CP-SAT objective, plus tie-breakers an AD likes.

cost = company moves x move cost + sum over cast of hold days x daily rate x hold factor
       + shoot days x day cost + location returns x return cost,
in hundredths of the currency (``COST_SCALE``).
When re-planning, a churn cost per scene moved off its planned date is added.
Tie-breakers, too small to outweigh a real cost: a day that mixes day and night work ("split
day", one hundredth of a currency unit), so night scenes group on their own days; an empty day
inside the schedule (one unit), so dark days fall only where they save something.
Terms are added only when their weight is positive.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from shootplan.solver.variables import Variables

__all__ = ["Objective"]


class Objective:
    """Builds the objective and turns solver values back into the producer's cost."""

    SPLIT_DAY_PENALTY = 1
    # A dark day inside the schedule (used, nothing shot) is legal but unwelcome: one currency
    # unit each, so it is chosen only when it saves something real.
    EMPTY_DAY_PENALTY = 100

    def __init__(self, v: Variables, churn: list[tuple[int, int | None, int]] | None = None) -> None:
        instance = v.instance
        self.variables = v
        terms: list[cp_model.LinearExprT] = []
        for cast_id, hold in v.hold.items():
            terms.append(instance.hold_rate(cast_id) * sum(hold.values()))
        if instance.day_cost > 0:
            terms.append(instance.day_cost * sum(v.used))
        for scene, planned_day, weight in churn or []:
            # Moving a scene off its planned day costs its weight (re-planning keeps what crews know).
            stays = v.start[scene].get(planned_day) if planned_day is not None else None
            terms.append(weight * (1 - stays) if stays is not None else weight)
        # The cost besides company moves and location returns (holds, days, churn): the budget
        # proofs bound it plus the moves, counted day by day. Returns are left out of what they
        # prove: never negative, so the bound stays valid, and with them in CP-SAT proves nothing
        # in seconds on the example (under 5,000: unknown after 2.5 s; without: 0.1 s).
        self.cost_besides_moves = cp_model.LinearExpr.sum(terms)
        for name, starts in v.run_start.items():
            # Every location is visited: its first run is free, each later run is a return.
            terms.append(instance.return_cost(name) * (sum(starts.values()) - 1))
        if instance.move_cost > 0:
            locations = [at for days in v.at.values() for at in days.values()]
            terms.append(instance.move_cost * (sum(locations) - sum(v.busy)))
        self.tie_breakers = list(v.split.values())
        terms.append(self.SPLIT_DAY_PENALTY * sum(self.tie_breakers))
        terms.append(self.EMPTY_DAY_PENALTY * (sum(v.used) - sum(v.busy)))
        self.expression = sum(terms)
        v.model.minimize(self.expression)

    @property
    def max_tie_breaker(self) -> int:
        """The most the tie-breakers can add: subtracted from the bound to bound the cost alone."""
        return self.SPLIT_DAY_PENALTY * len(self.tie_breakers) + self.EMPTY_DAY_PENALTY * len(
            self.variables.used
        )

"""Location returns in the solver: it pays for coming back where it costs, and only there."""

from __future__ import annotations

from typing import Any

import pytest

from shootplan import Production, Schedule, Status, evaluate, solve
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.model import ScheduleModel
from shootplan.solver.objective import Objective


def _board(**house: Any) -> Production:
    """HOUSE scenes 1 (NORA) and 3 (ELIAS), SHOP scene 2 (both): one scene a day.

    HOUSE, SHOP, HOUSE holds nobody; keeping HOUSE in one run holds someone for a day (1,000).
    """
    scenes = [
        {"number": "1", "int_ext": "INT", "set": "HOUSE - KITCHEN", "eighths": 8, "cast": ["1"]},
        {"number": "2", "int_ext": "INT", "set": "SHOP - FLOOR", "eighths": 8, "cast": ["1", "2"]},
        {"number": "3", "int_ext": "INT", "set": "HOUSE - PORCH", "eighths": 8, "cast": ["2"]},
    ]
    return Production.model_validate(
        {
            "name": "Returns",
            "scenes": scenes,
            "cast": [{"id": "1", "daily_rate": 1000}, {"id": "2", "daily_rate": 1000}],
            "locations": [{"name": "HOUSE", **house}, {"name": "SHOP"}],
            "calendar": {"start": "2027-03-01"},
            "rules": {"max_eighths_per_day": 8, "shoot_day_cost": 0, "turnaround": "none"},
        }
    )


def _solved(production: Production) -> Any:
    result = solve(production, time_limit=10, num_workers=1, seed=1)
    check = evaluate(production, result.schedule)
    assert check.violations == [] and result.objective == pytest.approx(check.cost)
    assert result.status is Status.OPTIMAL  # proven: the model counts what evaluate does
    return result


def test_a_costly_return_keeps_the_location_in_one_run() -> None:
    """A return costs 5,000, a hold 1,000: the solver shoots HOUSE out in one run and pays the hold."""
    result = _solved(_board())
    assert result.evaluation.location_returns == 0
    assert result.objective == 1000


def test_a_free_return_is_taken_when_it_saves_a_hold() -> None:
    """HOUSE standing (or free to come back to): HOUSE, SHOP, HOUSE, nobody held, cost 0."""
    for house in ({"standing": True}, {"return_cost": 0}):
        result = _solved(_board(**house))
        assert result.evaluation.location_returns == 1
        assert result.objective == 0


def test_an_empty_day_between_two_days_at_a_location_is_no_return_to_the_model() -> None:
    """HOUSE, a dark day, HOUSE: the model's cost is the scorer's (plus its empty-day tie-breaker)."""
    production = _board(return_cost=3000)
    model = ScheduleModel(Instance.build(production, 4))
    for days in ([[0], [], [2], [1]], [[0], [1], [], [2]]):
        completed = model.complete(days, deterministic=True)
        assert completed is not None
        numbers = [[production.scenes[s].number for s in day] for day in days]
        cost = evaluate(production, Schedule.from_day_lists(production, numbers)).cost
        assert completed.objective == cost * COST_SCALE + Objective.EMPTY_DAY_PENALTY

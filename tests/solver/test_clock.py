"""Each day's wrap on the clock: the model accepts the rested calls the scorer lays out cleanly."""

from __future__ import annotations

from shootplan import Production, Rule, Schedule, evaluate
from shootplan.day_order import shooting_order
from shootplan.solver.instance import Instance
from shootplan.solver.model import ScheduleModel, plan_horizon
from tests.conftest import small_production_data

NEW_YORK_CITY = {"latitude": 40.71, "longitude": -74.01}


def _dawn_then_dusk_with_interiors(minor: bool) -> Production:
    """A 30-min dawn at the farm ends Monday's night; Tuesday shoots a dusk there and MAE's
    two-hour interior at the farm (a ten-year-old's, or an adult's)."""
    data = small_production_data()
    data["locations"] = [dict(loc, **NEW_YORK_CITY) for loc in data["locations"]]
    data["calendar"]["start"] = "2027-04-05"
    data["cast"][2].update(minor=minor, age=10 if minor else None)
    field = {"int_ext": "EXT", "set": "FARM - FIELD", "eighths": 4, "cast": ["1"]}
    data["scenes"] = [
        dict(field, number="A", time_of_day="DAWN", minutes=30),
        dict(field, number="B", time_of_day="DUSK", minutes=60),
        {"number": "C", "int_ext": "INT", "set": "FARM - BARN", "eighths": 8, "cast": ["3"], "minutes": 120},
    ]
    return Production.model_validate(data)


def _model_accepts(production: Production, schedule: Schedule) -> bool:
    built = ScheduleModel(Instance.build(production, plan_horizon(production).days))
    return built.complete(built.days_of(schedule), deterministic=True) is not None


def test_a_dusk_after_a_rested_call_has_only_the_minors_interiors_before_it() -> None:
    """An adult's interior follows the night's dusk, so the rested call still makes dusk; a minor's
    goes first and pushes the dusk past its light: the scorer and the model agree on both."""
    for minor, broken in ((False, False), (True, True)):
        production = _dawn_then_dusk_with_interiors(minor)
        # In the order the solver shoots a day (a minor's interiors first on a night shoot).
        schedule = Schedule.from_day_lists(production, [["A"], shooting_order(production, ["B", "C"])])
        assert (Rule.TURNAROUND in [v.rule for v in evaluate(production, schedule).violations]) is broken
        assert _model_accepts(production, schedule) is not broken, minor

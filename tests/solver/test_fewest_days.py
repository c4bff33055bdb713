"""The search held first to the fewest shoot days the bound proves: a schedule of that length
when one exists, nothing tried when shoot days cost nothing, and solve() never worse for it."""

from __future__ import annotations

import time
from typing import Any

from shootplan import Production, evaluate, solve
from shootplan.solver.bound_days import forced_days
from shootplan.solver.fewest_days import fewest_days_first
from shootplan.solver.instance import Instance
from shootplan.solver.model import ScheduleModel
from shootplan.solver.search import Observer
from tests.conftest import small_production_data


def _production(**rules: Any) -> Production:
    """The six-scene production on up to six days; 39 eighths at 3 pages a day need two."""
    data = small_production_data()
    data["rules"] = {"max_shoot_days": 6, "max_eighths_per_day": 24, **rules}
    return Production.model_validate(data)


def _held(production: Production) -> tuple[ScheduleModel, Any]:
    built = ScheduleModel(Instance.build(production, 6))
    observer = Observer(built.variables, built.objective, time.perf_counter(), None)
    found, _, interrupted = fewest_days_first(
        built, observer, seconds=5, workers=1, seed=0, deterministic=True
    )
    assert not interrupted
    return built, found


def test_held_search_finds_a_schedule_on_the_fewest_days() -> None:
    production = _production(shoot_day_cost=10_000)
    built, found = _held(production)
    fewest = forced_days(built.instance).days
    assert 0 < fewest < 6 and found is not None
    schedule = built.schedule(found.values)
    assert schedule.num_days == fewest and evaluate(production, schedule).is_feasible


def test_nothing_is_held_when_shoot_days_cost_nothing() -> None:
    _, found = _held(_production(shoot_day_cost=0))
    assert found is None


def test_solve_with_and_without_the_held_start_agree_on_a_small_board() -> None:
    """Proven optimal either way: the held start changes where the search begins, not the answer."""
    production = _production(shoot_day_cost=10_000)
    held = solve(production, time_limit=10, num_workers=1, seed=0)
    free = solve(production, time_limit=10, num_workers=1, seed=0, fewest_days_share=0)
    assert held.status.value == free.status.value == "optimal"
    assert held.objective == free.objective

"""Productions too large for the whole model: cut-down models per step, same rules and costs."""

from __future__ import annotations

import pytest

from shootplan import Progress, evaluate, example_production, solve
from shootplan.solver.heuristics import hand_board
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.model import ScheduleModel, plan_horizon
from shootplan.solver.windowed import first_days, pinned


def test_a_board_held_to_its_days_costs_what_the_scorer_says() -> None:
    """The model with every scene held to its day prices the hand board as the scorer does."""
    production = example_production()
    instance = Instance.build(production, plan_horizon(production).days)
    board = hand_board(instance)
    day_of = first_days(instance, board)
    assert day_of is not None
    built = ScheduleModel(pinned(instance, day_of))
    start = built.complete(board, deterministic=True)
    assert start is not None
    cost = evaluate(production, built.schedule(start.values)).cost
    tie_breakers = built.objective.max_tie_breaker
    assert cost * COST_SCALE <= start.objective <= cost * COST_SCALE + tie_breakers


def test_a_scene_missing_from_the_board_leaves_the_whole_model() -> None:
    """A board that leaves a scene out cannot be cut down to: there is no day to hold it to."""
    production = example_production()
    instance = Instance.build(production, plan_horizon(production).days)
    board = hand_board(instance)
    assert first_days(instance, [day[1:] for day in board]) is None


@pytest.mark.slow
def test_cut_down_steps_improve_the_hand_board_and_repeat_with_one_worker() -> None:
    """Forced onto cut-down models, the example improves on its hand board, keeps every rule,
    and one worker with a seed gives the same schedule twice."""
    production = example_production()
    seen: list[Progress] = []
    first = solve(production, time_limit=3, num_workers=1, seed=2, whole_model_scenes=0, progress=seen.append)
    second = solve(production, time_limit=3, num_workers=1, seed=2, whole_model_scenes=0)
    assert first.schedule is not None and second.schedule is not None and first.evaluation is not None
    assert first.evaluation.violations == []
    assert first.objective is not None and first.objective < seen[0].cost
    assert first.schedule.day_lists() == second.schedule.day_lists()

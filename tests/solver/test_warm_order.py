"""The annealed warm start of large boards: taken only when the scorer prices it below the hand board."""

from __future__ import annotations

import pytest

from shootplan import example_production
from shootplan.solver.heuristics import hand_board
from shootplan.solver.instance import Instance
from shootplan.solver.model import plan_horizon
from shootplan.solver.warm_order import annealed_board, better_start, proxy_problem


def test_no_time_for_the_annealing_keeps_the_hand_board() -> None:
    """With no time to anneal, the search starts from the hand board as before."""
    production = example_production()
    instance = Instance.build(production, plan_horizon(production).days)
    board = hand_board(instance)
    assert better_start(instance, board, 0.0, seed=1, deterministic=True) is board


@pytest.mark.slow
def test_the_annealed_board_places_every_scene_and_repeats_with_a_seed() -> None:
    """The annealed order packed into days places every scene, the same way twice."""
    production = example_production()
    instance = Instance.build(production, plan_horizon(production).days)
    hand = hand_board(instance)
    first = annealed_board(instance, hand, time_limit=0.2, seed=3, deterministic=True)
    again = annealed_board(instance, hand, time_limit=0.2, seed=3, deterministic=True)
    assert first == again
    assert {s for day in first for s in day} == set(range(len(instance.scenes)))


def test_the_proxy_pays_holds_in_pages_and_returns_by_the_day() -> None:
    """A strip lasts its eighths in the proxy; a return weighs a day's pages of holds."""
    production = example_production()
    instance = Instance.build(production, plan_horizon(production).days)
    problem = proxy_problem(instance)
    single = next(s for s in range(len(instance.scenes)) if instance.length[s] == 1)
    assert problem.durations[single] == max(1, instance.scenes[single].eighths)
    assert len(problem.return_costs) == len(instance.location_scenes)

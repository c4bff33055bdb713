"""The annealed warm start of large boards: taken only when the scorer prices it below the hand board."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shootplan import evaluate, example_production
from shootplan.model import DateRange
from shootplan.solver.heuristics import hand_board
from shootplan.solver.instance import Instance
from shootplan.solver.model import plan_horizon, to_schedule
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


@pytest.mark.slow
def test_a_shoot_that_may_start_only_a_week_in_still_gets_the_annealed_start() -> None:
    """Boards are priced as the solver dates them (Day 1 on the first day with work): priced from
    the calendar's first date, every board of a shoot that may start only a week after it broke
    the empty-first-day rule, so the annealed start was never taken."""
    production = example_production()
    start = production.calendar.start
    opens = [DateRange(start=start, end=start + timedelta(days=400))]
    production = production.replace(
        calendar=production.calendar.model_copy(update={"start": start - timedelta(days=7)}),
        locations=[
            location.model_copy(update={"windows": location.windows or opens})
            for location in production.locations
        ],
    )
    instance = Instance.build(production, plan_horizon(production).days)
    hand = hand_board(instance)
    assert not hand[0]  # nothing may be shot in the calendar's first week
    board = better_start(instance, hand, 1.0, seed=1, deterministic=True)
    annealed, handmade = (evaluate(production, to_schedule(instance, days)) for days in (board, hand))
    assert board is not hand and annealed.is_feasible and annealed.cost < handmade.cost

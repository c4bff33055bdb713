"""Annealing over shooting orders: productions whose schedule is an order of scenes.

The movie-shoot-scheduling shape (one scene a day, whole-day scenes, paid returns, precedences)
is too long for the day-indexed CP-SAT model and too large for the dynamic program; the order
search prices every re-insertion at once and must never break a precedence.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shootplan import Production, Schedule, evaluate, solve
from shootplan.solver.order_bounds import group_hold_bound
from shootplan.solver.orders import anneal_order, first_order
from shootplan.solver.sequencing import SequencingProblem, total_cost
from tests.conftest import REPO, benchmark_data

sys.path.insert(0, str(REPO / "benchmarks"))
from mss import mss_production, read_mss


@st.composite
def problems(draw: st.DrawFn, most: int = 7) -> SequencingProblem:
    """A small order problem: durations, casts, rates, locations with return costs, precedences."""
    n = draw(st.integers(2, most))
    actors = ["a", "b", "c", "d"]
    cast = [frozenset(draw(st.sets(st.sampled_from(actors), max_size=3))) for _ in range(n)]
    locations = tuple(draw(st.integers(0, 2)) for _ in range(n))
    pairs = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3))
    return SequencingProblem(
        durations=[draw(st.integers(1, 3)) for _ in range(n)],
        cast=cast,
        rates={a: draw(st.integers(0, 9)) for a in actors},
        locations=locations,
        return_costs=tuple(draw(st.integers(0, 20)) for _ in range(3)),
        # Only forward pairs: no cycles.
        precedences=tuple((a, b) for a, b in sorted(pairs) if a < b),
    )


def _keeps_precedences(problem: SequencingProblem, order: list[int]) -> bool:
    position = {scene: i for i, scene in enumerate(order)}
    return all(position[a] < position[b] for a, b in problem.precedences)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(problems())
def test_the_annealing_finds_the_best_order_of_a_small_problem(problem: SequencingProblem) -> None:
    """On up to 7 scenes a short run reaches what trying every order finds, and keeps precedences."""
    orders = [list(o) for o in itertools.permutations(range(len(problem.durations)))]
    best = min(total_cost(problem, o) for o in orders if _keeps_precedences(problem, o))
    order, cost = anneal_order(problem, time_limit=0.3, seed=1, deterministic=True)
    assert _keeps_precedences(problem, order)
    assert sorted(order) == list(range(len(problem.durations)))
    assert cost == total_cost(problem, order) == best


@settings(max_examples=15, deadline=None)
@given(problems(most=12), st.integers(0, 1000))
def test_every_order_seen_is_priced_right(problem: SequencingProblem, seed: int) -> None:
    """The cost the search reports for each better order is what the order costs."""
    seen: list[tuple[list[int], int]] = []
    anneal_order(
        problem,
        time_limit=0.05,
        seed=seed,
        deterministic=True,
        on_improvement=lambda o, c: seen.append((o, c)),
    )
    for order, cost in seen:
        assert _keeps_precedences(problem, order)
        assert cost == total_cost(problem, order)


def test_the_first_order_shoots_each_location_out_when_nothing_forbids_it() -> None:
    """Without precedences, the starting order visits each location once."""
    problem = SequencingProblem(
        durations=[1] * 6,
        cast=[frozenset()] * 6,
        rates={},
        locations=(0, 1, 0, 2, 1, 0),
        return_costs=(5, 5, 5),
    )
    assert total_cost(problem, first_order(problem)) == 0


@pytest.mark.slow
def test_a_long_movie_shoot_is_planned_without_the_day_model() -> None:
    """movie100 (100 scenes, 307 days): annealing plans it in seconds, valid, cheaper than it began."""
    instance = read_mss("movie100", benchmark_data("mss/movie100.txt").parent)
    production = mss_production(instance)
    result = solve(production, time_limit=2, num_workers=1, seed=4)
    assert result.schedule is not None and result.evaluation is not None
    assert "annealing" in result.method
    assert result.evaluation.is_feasible, result.evaluation.violations
    order = _order(production, result.schedule)
    # The scorer and the benchmark's own definition agree on the cost of the order.
    assert result.objective == instance.cost(order)
    start = evaluate(production, _schedule(production, first_order_of(production)))
    assert result.objective < start.cost


def test_one_worker_and_a_seed_give_the_same_schedule() -> None:
    """Deterministic when asked: the same order, twice."""
    production = mss_production(read_mss("movie50", benchmark_data("mss/movie50.txt").parent))
    first = solve(production, time_limit=0.5, num_workers=1, seed=9)
    second = solve(production, time_limit=0.5, num_workers=1, seed=9)
    assert first.schedule is not None and second.schedule is not None
    assert [d.scenes for d in first.schedule.days] == [d.scenes for d in second.schedule.days]


def first_order_of(production: Production) -> list[int]:
    from shootplan.solver.sequencing import sequencing_problem

    problem = sequencing_problem(production)
    assert problem is not None
    return first_order(problem)


def _order(production: Production, schedule: Schedule) -> list[int]:
    index = {scene.number: i for i, scene in enumerate(production.scenes)}
    order: list[int] = []
    for day in schedule.days:
        for number in day.scenes:
            if index[number] not in order:
                order.append(index[number])
    return order


def _schedule(production: Production, order: list[int]) -> Schedule:
    scenes = [production.scenes[s] for s in order]
    return Schedule.from_day_lists(
        production, [[s.number] for s in scenes for _ in range(production.days_needed(s))]
    )


@settings(max_examples=60, deadline=None)
@given(problems())
def test_the_group_bound_never_exceeds_the_best_order(problem: SequencingProblem) -> None:
    """Each group's holds on its own scenes, summed over groups, is at most any order's cost."""
    own = sum(
        problem.rates[a] * d for d, cast in zip(problem.durations, problem.cast, strict=True) for a in cast
    )
    orders = [list(o) for o in itertools.permutations(range(len(problem.durations)))]
    best = min(total_cost(problem, o) for o in orders if _keeps_precedences(problem, o)) - own
    assert 0 <= group_hold_bound(problem).value <= best


def test_the_group_bound_acts_when_performers_cannot_all_work_back_to_back() -> None:
    """Three performers who each share a scene with the other two: someone always waits."""
    problem = SequencingProblem(
        durations=[1, 1, 1, 1, 1, 1],
        cast=[
            frozenset("ab"),
            frozenset("bc"),
            frozenset("ca"),
            frozenset("a"),
            frozenset("b"),
            frozenset("c"),
        ],
        rates={"a": 3, "b": 5, "c": 7},
    )
    bound = group_hold_bound(problem)
    assert bound.value > 0
    assert set(bound.groups[0][0]) == {"a", "b", "c"}


def test_the_group_bound_is_zero_when_no_one_need_wait() -> None:
    """Performers whose scenes can each be shot back to back: no hold is forced."""
    problem = SequencingProblem(
        durations=[2, 1, 1],
        cast=[frozenset("ab"), frozenset("b"), frozenset("c")],
        rates={"a": 3, "b": 5, "c": 7},
    )
    assert group_hold_bound(problem).value == 0


def test_a_long_movie_shoot_reports_a_bound_and_what_carries_it() -> None:
    """The bound of an annealed plan is proven by the groups, in words."""
    production = mss_production(read_mss("movie30", benchmark_data("mss/movie30.txt").parent))
    result = solve(production, time_limit=1, num_workers=1)
    assert result.objective is not None and result.bound is not None
    assert 0 < result.bound <= result.objective
    assert any("groups" in str(reason) for reason in result.bound_reasons)


@pytest.mark.slow
def test_a_second_core_runs_a_chain_of_its_own_and_the_cheapest_order_is_kept() -> None:
    """With two workers a child process anneals too; its order is a valid order priced right."""
    from shootplan.solver.chains import Chains

    problem = sequencing_problem_of(
        mss_production(read_mss("movie30", benchmark_data("mss/movie30.txt").parent))
    )
    worst = list(range(len(problem.durations)))
    chains = Chains(problem, workers=2, seed=3, deadline=time.time() + 1.5)
    assert len(chains.children) == 1
    order, cost = chains.cheapest(worst, total_cost(problem, worst) + 1)
    assert sorted(order) == worst and _keeps_precedences(problem, order)
    assert cost == total_cost(problem, order) < total_cost(problem, worst)


def test_one_worker_starts_no_other_chain() -> None:
    """Deterministic runs stay in one process."""
    from shootplan.solver.chains import Chains

    problem = sequencing_problem_of(
        mss_production(read_mss("movie30", benchmark_data("mss/movie30.txt").parent))
    )
    assert Chains(problem, workers=1, seed=3, deadline=time.time() + 1).children == []


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="needs POSIX SIGINT")
def test_ctrl_c_during_the_order_search_keeps_the_best_order_so_far() -> None:
    """Interrupted annealing returns a valid schedule marked interrupted, long before the limit."""
    production = mss_production(read_mss("movie50", benchmark_data("mss/movie50.txt").parent))
    # A shell without job control starts a background job with SIGINT ignored, and Python then
    # never raises KeyboardInterrupt: give this test the handler a terminal's Python has.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(3.0, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.perf_counter()
    try:
        result = solve(production, time_limit=60, num_workers=2)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert time.perf_counter() - started < 20
    assert result.interrupted and result.schedule is not None and result.evaluation is not None
    assert result.evaluation.is_feasible


def sequencing_problem_of(production: Production) -> SequencingProblem:
    from shootplan.solver.sequencing import sequencing_problem

    problem = sequencing_problem(production)
    assert problem is not None
    return problem

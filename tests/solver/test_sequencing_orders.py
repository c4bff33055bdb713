"""The exact sequencing DP with location returns and precedences: optimal, and the order it keeps."""

from __future__ import annotations

import itertools
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shootplan import Status, evaluate, solve
from shootplan.solver.sequencing import SequencingProblem, solve_sequencing, total_cost
from tests.conftest import REPO, benchmark_data

sys.path.insert(0, str(REPO / "benchmarks"))
from mss import mss_production, read_mss


@st.composite
def ordered_problems(draw: st.DrawFn) -> SequencingProblem:
    """Up to 7 scenes at 1-3 locations, random rates and return costs, precedences without cycles."""
    n = draw(st.integers(1, 7))
    places = draw(st.integers(1, 3))
    rank = draw(st.permutations(range(n)))  # every precedence follows this order: no cycle
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=4))
    return SequencingProblem(
        durations=draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)),
        cast=draw(st.lists(st.frozensets(st.sampled_from("abcd"), max_size=3), min_size=n, max_size=n)),
        rates=draw(st.dictionaries(st.sampled_from("abcd"), st.integers(0, 9), min_size=4)),
        locations=tuple(draw(st.lists(st.integers(0, places - 1), min_size=n, max_size=n))),
        return_costs=tuple(draw(st.lists(st.integers(0, 30), min_size=places, max_size=places))),
        precedences=tuple((rank[a], rank[b]) for a, b in pairs if a < b),
    )


def _keeps_order(problem: SequencingProblem, order: list[int]) -> bool:
    return all(order.index(first) < order.index(second) for first, second in problem.precedences)


@settings(max_examples=40, deadline=None)
@given(ordered_problems())
def test_ordered_dp_matches_brute_force(problem: SequencingProblem) -> None:
    """With returns and precedences, the DP's order keeps every precedence and costs the least."""
    order = solve_sequencing(problem)
    n = len(problem.durations)
    assert order is not None and sorted(order) == list(range(n)) and _keeps_order(problem, order)
    allowed = (list(p) for p in itertools.permutations(range(n)))
    best = min(total_cost(problem, p) for p in allowed if _keeps_order(problem, p))
    assert total_cost(problem, order) == best


def test_a_precedence_cycle_leaves_the_problem_to_the_search() -> None:
    """Scenes that must each come before the other have no order: the DP says so with None."""
    problem = SequencingProblem(
        [1, 1], [frozenset("a"), frozenset("a")], {"a": 1}, precedences=((0, 1), (1, 0))
    )
    assert solve_sequencing(problem) is None


def test_twin_scenes_split_by_a_precedence_still_find_the_best_order() -> None:
    """Two scenes alike in cast and place, one tied by a precedence, are not merged blindly."""
    problem = SequencingProblem(
        durations=[1, 1, 1],
        cast=[frozenset("ab"), frozenset("b"), frozenset("ab")],
        rates={"a": 5, "b": 1},
        locations=(0, 1, 0),
        return_costs=(100, 0),
        precedences=((0, 1), (1, 2)),
    )
    order = solve_sequencing(problem)
    assert order == [0, 1, 2]  # the precedences force it, return and all
    assert total_cost(problem, order) == 5 * 3 + 1 * 3 + 100


@pytest.mark.parametrize(("name", "optimum"), [("movie5", 9), ("movie10", 128)])
def test_small_mss_instances_are_proven_optimal(name: str, optimum: int) -> None:
    """solve() proves the small movie-shoot-scheduling instances and its cost is the MSS cost."""
    instance = read_mss(name, benchmark_data("mss"))
    production = mss_production(instance)
    result = solve(production, time_limit=10, num_workers=1)
    assert result.status is Status.OPTIMAL and result.schedule is not None
    order: list[int] = []
    for day in result.schedule.day_lists():
        scene = int(day[0]) - 1
        if scene not in order:
            order.append(scene)
    assert result.objective == evaluate(production, result.schedule).cost == instance.cost(order) == optimum
    assert all(order.index(a) < order.index(b) for a, b in instance.precedences)


def test_movie5_optimum_is_the_least_of_all_orders() -> None:
    """movie5's proven optimum is what trying all 120 orders finds."""
    instance = read_mss("movie5", benchmark_data("mss"))
    allowed = (list(p) for p in itertools.permutations(range(5)))
    best = min(
        instance.cost(p) for p in allowed if all(p.index(a) < p.index(b) for a, b in instance.precedences)
    )
    assert best == 9

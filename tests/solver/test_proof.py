"""Budget proofs: lower bounds the relaxation misses, always at most the proven optimum."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from shootplan import Production, Status, evaluate, example_production, solve
from shootplan.solver.bounds import relaxation_bound
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.model import ScheduleModel, plan_horizon
from shootplan.solver.proof import Proof, prove_bound
from shootplan.solver.search import run_interruptibly
from tests.conftest import random_productions


def _cycle_data() -> dict[str, Any]:
    """Four 3-page scenes (one a day at 5 pages) whose casts form a cycle: someone must hold."""
    scenes = [
        ("1", "DINER", ["A", "C"]),
        ("2", "FARM", ["A", "D"]),
        ("3", "DINER", ["B", "D"]),
        ("4", "FARM", ["B", "C"]),
    ]
    return {
        "name": "Cycle",
        "scenes": [
            {"number": n, "int_ext": "INT", "set": loc, "location": loc, "eighths": 24, "cast": cast}
            for n, loc, cast in scenes
        ],
        "cast": [{"id": c, "daily_rate": r} for c, r in [("A", 900), ("B", 800), ("C", 700), ("D", 600)]],
        "locations": [{"name": "DINER"}, {"name": "FARM"}],
        "calendar": {"start": "2027-03-01"},
        # Holds alone: the proof is about them (a shoot day and a location return cost nothing
        # here; the budget proofs leave returns out of what they bound).
        "rules": {
            "max_eighths_per_day": 40,
            "max_shoot_days": 6,
            "max_minutes_per_day": None,
            "shoot_day_cost": 0,
            "location_return_cost": 0,
        },
    }


def _prove(
    production: Production, *, ceiling: float, time_limit: float = 5.0, first_try_limit: float | None = None
) -> tuple[ScheduleModel, Proof]:
    """Run the budget proofs on ``production`` from bound 0 up to ``ceiling`` (deterministic)."""
    instance = Instance.build(production, plan_horizon(production).days)  # the days solve() plans over
    built = ScheduleModel(instance)
    proof = prove_bound(
        built.model,
        built.variables,
        built.objective.cost_besides_moves,
        known=0,
        ceiling=round(ceiling * COST_SCALE),
        step=instance.move_cost,
        time_limit=time_limit,
        deterministic=True,
        seed=0,
        run=run_interruptibly,
        first_try_limit=first_try_limit,
    )
    return built, proof


@pytest.fixture(scope="session")
def cycle_optimum() -> tuple[Production, float]:
    """The cycle production and its optimum, proven by the solver."""
    production = Production.model_validate(_cycle_data())
    result = solve(production, time_limit=10, num_workers=1, seed=0)
    assert result.status is Status.OPTIMAL and result.objective is not None
    return production, result.objective


def test_proof_reaches_the_optimum_the_relaxation_cannot_see(cycle_optimum: tuple[Production, float]) -> None:
    """The relaxation proves 0 on the cycle; the budget proofs prove the optimum itself."""
    production, optimum = cycle_optimum
    assert optimum > 0
    assert relaxation_bound(Instance.build(production, 6)).value == 0
    _, proof = _prove(production, ceiling=optimum)
    assert proof.bound == round(optimum * COST_SCALE)
    assert [outcome for _, outcome, _ in proof.tries][-1] == "infeasible"


def test_proof_hands_back_a_cheaper_schedule_it_finds(cycle_optimum: tuple[Production, float]) -> None:
    """With a ceiling far above the optimum, a budget try finds a schedule, scored as the optimum."""
    production, optimum = cycle_optimum
    built, proof = _prove(production, ceiling=100 * optimum)
    assert proof.cost is not None and proof.cost < 100 * optimum * COST_SCALE
    assert proof.values is not None
    check = evaluate(production, built.schedule(proof.values))
    assert check.is_feasible
    assert check.cost == pytest.approx(proof.cost / COST_SCALE)
    assert proof.bound <= round(optimum * COST_SCALE) <= proof.cost


def test_first_budget_may_run_past_the_proof_time(cycle_optimum: tuple[Production, float]) -> None:
    """Without proof time nothing is tried; a first-try allowance answers one budget, then stops."""
    production, optimum = cycle_optimum
    assert _prove(production, ceiling=optimum, time_limit=0.0)[1].tries == []
    _, proof = _prove(production, ceiling=optimum, time_limit=0.0, first_try_limit=5.0)
    assert len(proof.tries) == 1
    assert proof.tries[0][1] == "infeasible" and proof.bound == proof.tries[0][0] > 0


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_productions())
def test_proof_never_exceeds_the_proven_optimum(data: dict[str, Any]) -> None:
    """On random small productions the proven bound is at most the optimum the solver proves."""
    production = Production.model_validate(data)
    result = solve(production, time_limit=10, num_workers=1, seed=0)
    if result.status is not Status.OPTIMAL or result.objective is None:
        return
    built, proof = _prove(production, ceiling=2 * result.objective + 10_000, time_limit=3.0)
    assert proof.bound <= round(result.objective * COST_SCALE)
    if proof.values is not None:
        # A schedule the proof comes across costs, in full, at least the optimum.
        assert evaluate(production, built.schedule(proof.values)).cost >= result.objective


@pytest.fixture(scope="session")
def example_planned() -> Any:
    """The 119-scene example planned for 10 s of deterministic time (2.5 s of it for proofs)."""
    return solve(example_production(), time_limit=10, num_workers=1, seed=0)


@pytest.mark.slow
def test_solve_reports_the_proven_bound_and_why(example_planned: Any) -> None:
    """On the example the relaxation proves 0; the budget proofs raise the bound and say so."""
    production = example_production()
    assert relaxation_bound(Instance.build(production, plan_horizon(production).days)).value == 0
    result = example_planned
    assert result.evaluation is not None and result.evaluation.is_feasible
    assert result.bound is not None and 0 < result.bound <= result.objective
    assert [str(reason) for reason in result.bound_reasons] == [
        f"no schedule costs less than {result.bound:,.0f}: asked for one that meets every rule below"
        " that cost, CP-SAT proved there is none"
    ]


@pytest.mark.slow
def test_proofs_repeat_with_one_worker_and_a_seed(example_planned: Any) -> None:
    """One worker and a seed: the same schedule and the same proven bound, run after run."""
    again = solve(example_production(), time_limit=10, num_workers=1, seed=0)
    assert again.bound == example_planned.bound
    assert again.schedule is not None and example_planned.schedule is not None
    assert again.schedule.day_lists() == example_planned.schedule.day_lists()


@pytest.mark.slow
def test_proofs_run_beside_the_search_on_two_cores() -> None:
    """With two workers one core proves while the other searches: a bound and a valid schedule."""
    # 20 s: the proof answers its first budget after about 3.5 s of the search (8 s of the run,
    # with the model's build), but at 12 s one idle run in four and a loaded CI run left it
    # unanswered; the example's relaxation bound is 0, so the bound is the proof's alone.
    result = solve(example_production(), time_limit=20, num_workers=2, seed=0)
    assert result.evaluation is not None and result.evaluation.is_feasible
    assert result.bound is not None and 0 < result.bound <= result.objective
    assert "CP-SAT proved there is none" in result.bound_reasons[0].message
    assert result.runtime < 20 + 5  # the proof thread ends with the search


def test_proof_share_must_leave_time_for_the_search() -> None:
    """A proof share of 1 (no time left to search) is refused with a clear message."""
    with pytest.raises(ValueError, match="proof_share"):
        solve(Production.model_validate(_cycle_data()), proof_share=1.0)

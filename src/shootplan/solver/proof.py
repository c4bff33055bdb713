"""A lower bound by proof: ask CP-SAT for a schedule cheaper than B; "there is none" proves B.

Minimizing, CP-SAT's bound on these models stays at 0 or below: the LP relaxation of "first to
last work day" and of location changes is near 0 (spread every scene thinly over every day and
nobody holds), and presolve's rewrites take it lower. A budget works where the LP does not: with
the cost capped below one company move, no day may change location; below a lead's daily rate,
that lead works every day from first to last. Propagation then cuts the search down, and CP-SAT
often proves within seconds that no schedule meets every rule at that cost: B is a lower bound.

The budgets climb from the best bound known (relaxation or search) in steps of about one company
move, doubling after each proof and halving after each try that runs out of time (two of those
in a row end the proof); a try that finds a schedule under its budget lowers the ceiling and
hands that schedule back. Two implied constraints, true of every schedule, make the proofs
far faster: company moves counted day by day (never negative on a day), and each location's
minimum number of days at the page and time caps.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

from shootplan.money import format_money
from shootplan.solver.deterministic import deterministic_budget, seconds_of
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.variables import Variables

__all__ = ["Proof", "Run", "prove_bound"]

logger = logging.getLogger("shootplan.solver")

# Solves a model (interruptibly): its status, and whether it was stopped before the end.
Run = Callable[[cp_model.CpSolver, cp_model.CpModel], tuple[cp_model.CpSolverStatus, bool]]

# After the first try (which may take all the time, or more when given: one company move is the
# bound that matters most, and on 300-scene boards it takes 10-20 s), a try gets at most this
# share of the proof time left, so one hard budget cannot use it all.
_TRY_SHARE = 0.5
# Tries shorter than this rarely prove anything on a real board: stop instead.
_MIN_TRY_SECONDS = 0.5
# Budget steps are never finer than this share of the first step.
_MIN_STEP_SHARE = 1 / 8
# After this many tries in a row that run out of time, the rest of the time goes back to the
# search: on the largest boards no budget is proven in seconds.
_GIVE_UP_AFTER = 2


@dataclass
class Proof:
    """What the budget proofs established (costs scaled as in the model, tie-breakers excluded)."""

    bound: int  # no schedule costs less
    values: list[int] | None = None  # a schedule found under a budget, cheaper than the ceiling
    cost: int | None = None  # its cost as the proof counts it (location returns left out)
    tries: list[tuple[int, str, float]] = field(default_factory=list)  # (budget, outcome, seconds)
    spent: float = 0.0  # seconds on CP-SAT's deterministic clock, summed over the tries
    interrupted: bool = False


def add_implied_constraints(v: Variables) -> list[cp_model.IntVar]:
    """Constraints every schedule meets anyway, stated so that propagation can use them.

    Returns the company moves of each day that can have any (as variables, never negative).
    """
    instance, model = v.instance, v.model
    moves: list[cp_model.IntVar] = []
    for d in range(instance.horizon):
        here = [days[d] for days in v.at.values() if d in days]
        if len(here) > 1:
            # Capped as a sum of these, a budget of m moves caps every single day at m: the
            # same count as "location-days - busy days", which propagates nothing day by day.
            moves.append(model.new_int_var(0, len(here) - 1, f"moves[{d}]"))
            model.add(moves[-1] == sum(here) - v.busy[d])
    for name, days in v.at.items():
        needed = location_days_needed(instance, name)
        if needed > 1:
            model.add(sum(days.values()) >= needed)
    return moves


def location_days_needed(instance: Instance, name: str) -> int:
    """Fewest shoot days a location's scenes fit in: multi-day scenes fill theirs, the rest by caps."""
    rules = instance.production.rules
    members = instance.location_scenes[name]
    multi = sum(instance.length[s] for s in members if instance.length[s] > 1)
    single = [s for s in members if instance.length[s] == 1]
    days = math.ceil(sum(instance.scenes[s].eighths for s in single) / rules.max_eighths_per_day)
    if rules.max_minutes_per_day is not None:
        minutes = sum(instance.minutes[s] for s in single)
        days = max(days, math.ceil(minutes / rules.max_minutes_per_day))
    return multi + days


def prove_bound(
    model: cp_model.CpModel,
    v: Variables,
    cost_besides_moves: cp_model.LinearExpr,
    *,
    known: int,
    ceiling: int,
    step: int,
    time_limit: float,
    deterministic: bool,
    seed: int,
    run: Run,
    on_bound: Callable[[int], None] | None = None,
    first_try_limit: float | None = None,
) -> Proof:
    """Raise ``known`` (a proven bound on the cost) towards ``ceiling`` within ``time_limit``.

    The cost is ``cost_besides_moves`` (holds, shoot days, churn) plus company moves: a part of
    the full cost (location returns left out), so what it proves bounds the full cost too, and a
    schedule it finds is handed back to be costed in full.

    ``model`` is the solve's model over ``v``: it is cloned, never changed. ``run`` solves a model
    (interruptibly) and returns its status and whether it was stopped; ``on_bound`` hears each
    better bound as soon as it is proven (the proof may run beside the search). With
    ``deterministic`` the time is CP-SAT's deterministic time, so the proof repeats exactly.
    The first try may run for ``first_try_limit`` (if longer than ``time_limit``); the tries
    after it share what is left of ``time_limit``.
    """
    proof = Proof(known)
    if step <= 0 or known >= ceiling:
        return proof
    budget_model, capped = _budget_model(model, v, cost_besides_moves, ceiling)
    started = time.perf_counter()
    timeouts = 0
    smallest = max(1, int(step * _MIN_STEP_SHARE))
    while proof.bound < ceiling:
        left = time_limit - (proof.spent if deterministic else time.perf_counter() - started)
        if not proof.tries:
            allowed = max(left, first_try_limit or 0.0)
        else:
            allowed = min(left, max(_MIN_TRY_SECONDS, _TRY_SHARE * left))
        if allowed < _MIN_TRY_SECONDS or step < smallest or timeouts >= _GIVE_UP_AFTER:
            break
        budget = min(proof.bound + step, ceiling)
        # A schedule costing less than the budget, and at least the bound already proven.
        capped.with_domain(Domain(proof.bound, budget - 1))
        solver = _budget_solver(seed, deterministic, allowed)
        status, interrupted = run(solver, budget_model)
        if interrupted and status == cp_model.UNKNOWN:
            # Stopped before or while it ran (the search ended): CP-SAT may have no times to read.
            proof.interrupted = True
            break
        took = seconds_of(solver.deterministic_time) if deterministic else solver.wall_time
        proof.spent += seconds_of(solver.deterministic_time)
        outcome = solver.status_name(status).lower()
        proof.tries.append((budget, outcome, took))
        logger.info(
            "proof: a schedule under %s? %s (%.1f s)", format_money(budget / COST_SCALE), outcome, took
        )
        if interrupted:
            proof.interrupted = True
            break
        timeouts = timeouts + 1 if status == cp_model.UNKNOWN else 0
        if status == cp_model.INFEASIBLE:
            proof.bound = budget
            step *= 2
            if on_bound is not None:
                on_bound(budget)
        elif status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
            found = int(solver.value(capped))
            ceiling = found
            proof.values = list(solver.response_proto.solution)
            proof.cost = found
            step = max(smallest, (found - proof.bound) // 2)
        else:
            step //= 2
    return proof


def _budget_model(
    model: cp_model.CpModel, v: Variables, cost_besides_moves: cp_model.LinearExpr, ceiling: int
) -> tuple[cp_model.CpModel, cp_model.IntVar]:
    """A clone of ``model`` with no objective, the implied constraints, and the cost as a variable."""
    budget_model = model.clone()
    budget_model.clear_objective()  # type: ignore[no-untyped-call]
    budget_model.clear_hints()  # type: ignore[no-untyped-call]
    # The implied constraints go into the clone: same variable indices, so v's variables serve.
    moves = add_implied_constraints(replace(v, model=budget_model))
    capped = budget_model.new_int_var(0, max(ceiling, 0), "cost")
    budget_model.add(capped == v.instance.move_cost * sum(moves) + cost_besides_moves)
    return budget_model, capped


def _budget_solver(seed: int, deterministic: bool, allowed: float) -> cp_model.CpSolver:
    """A solver set up for one budget question of ``allowed`` seconds."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    # One worker without the LP: on these budget questions that proves in a few seconds
    # what two workers or the LP take four times as long for, or never prove (measured,
    # see benchmarks/README.md); the LP's bound is what fails here in the first place.
    params.num_workers = 1
    params.random_seed = seed
    params.catch_sigint_signal = False
    params.linearization_level = 0
    # Probing at presolve costs more than it saves on these questions: without it the
    # first budget is proven in half the deterministic time on 300-scene boards (measured).
    params.cp_model_probing_level = 0
    if deterministic:
        params.max_deterministic_time = deterministic_budget(allowed)
        params.max_time_in_seconds = 10 * allowed + 30
    else:
        params.max_time_in_seconds = allowed
    return solver

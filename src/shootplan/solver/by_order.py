"""Solving a production whose schedule is an order of scenes: exactly when small, else by annealing.

When no two scenes share a day and nothing ties a scene to a date (:func:`sequencing_problem`),
the dynamic program proves the best order of small productions; beyond its size, annealing over
orders (:mod:`shootplan.solver.orders`) searches without the day-indexed CP-SAT model, whose size
grows with scenes times days (the longest public instance runs 870 days).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import replace

from shootplan.evaluation import evaluate
from shootplan.findings import Finding, Rule
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.schedule import Schedule, creation_time
from shootplan.solver.chains import Chains
from shootplan.solver.instance import COST_SCALE
from shootplan.solver.order_bounds import GroupBound, group_hold_bound
from shootplan.solver.orders import anneal_order, first_order
from shootplan.solver.params import SolveParams
from shootplan.solver.result import Progress, Result, Status
from shootplan.solver.sequencing import (
    SequencingProblem,
    own_pay,
    paid_spans,
    solve_sequencing,
    total_cost,
    work_days,
)
from shootplan.timeline import time_schedule

__all__ = ["solve_by_order", "solve_exactly"]

logger = logging.getLogger("shootplan.solver")

# Progress reports from the annealing at most this often (it finds thousands of small gains).
_REPORT_SECONDS = 0.5


def solve_exactly(production: Production, problem: SequencingProblem, started: float) -> Result | None:
    """The proven best order by dynamic programming, or None when the problem is too large for it."""
    order = solve_sequencing(problem)
    if order is None:
        return None
    logger.info("pure sequencing: solved exactly by dynamic programming")
    return _result(
        production, order, started, Status.OPTIMAL, method="dynamic programming (exact)", solutions=1
    )


def solve_by_order(
    production: Production,
    problem: SequencingProblem,
    settings: SolveParams,
    started: float,
    progress: Callable[[Progress], None] | None,
    initial: Schedule | None,
) -> Result:
    """The cheapest order annealing finds in the time limit: one chain per worker, the cheapest
    kept (repeatable with one worker). Ctrl-C keeps the best order so far."""
    first = _order_of(production, initial) if initial is not None else None
    deterministic = settings.num_workers == 1
    left = settings.time_limit - (0.0 if deterministic else time.perf_counter() - started)
    workers = 1 if deterministic else settings.num_workers or os.cpu_count() or 1
    chains = Chains(problem, workers, settings.seed, time.time() + left)
    reporter = _Reporter(production, problem, started, progress)
    interrupted = False
    try:
        # About 4 exact group solves per second of the limit, 20 to 200 (3-4 s on 40 performers).
        bound = group_hold_bound(problem, tries=max(20, min(200, round(4 * settings.time_limit))))
        # One worker repeats exactly: the whole limit counts in steps, whatever the clock says.
        left = settings.time_limit - (0.0 if deterministic else time.perf_counter() - started)
        order, cost = anneal_order(
            problem,
            time_limit=max(0.0, left),
            seed=settings.seed,
            deterministic=deterministic,
            initial=first,
            on_improvement=reporter.improved,
        )
        order, _ = chains.cheapest(order, cost)
    except KeyboardInterrupt:
        chains.close()
        logger.warning("interrupted: keeping the best schedule so far")
        interrupted = True
        order = reporter.best or first or first_order(problem)
        bound = GroupBound(0, ())
    reporter.flush()
    logger.info("order search: %d better orders", reporter.solutions)
    result = _result(
        production,
        order,
        started,
        Status.FEASIBLE,
        method="annealing over shooting orders",
        solutions=reporter.solutions,
        last_improvement=reporter.last_improvement,
    )
    return replace(_with_bound(result, problem, order, bound), interrupted=interrupted)


def _with_bound(result: Result, problem: SequencingProblem, order: list[int], bound: GroupBound) -> Result:
    """The groups' holds plus what every order costs alike (the shoot days): a proven bound."""
    assert result.objective is not None
    alike = result.objective - (total_cost(problem, order) - own_pay(problem)) / COST_SCALE
    value = min(result.objective, alike + bound.value / COST_SCALE)
    reasons = [_groups_reason(bound)] if bound.value else []
    proven = value >= result.objective - 1e-6
    return replace(
        result, status=Status.OPTIMAL if proven else result.status, bound=value, bound_reasons=reasons
    )


def _groups_reason(bound: GroupBound) -> Finding:
    """The group bound in words: how many groups, the costliest named."""
    (names, value), *_ = sorted(bound.groups, key=lambda g: -g[1])
    message = (
        f"hold days cost at least {format_money(bound.value / COST_SCALE)} in any order: the performers"
        f" taken in {len(bound.groups)} groups that share no one, each group's best order of its own"
        f" scenes proven by dynamic programming (cast {', '.join(names)}: at least"
        f" {format_money(value / COST_SCALE)})"
    )
    return Finding(Rule.HOLDS, message, cast=names, numbers={"bound": bound.value / COST_SCALE})


def _order_of(production: Production, schedule: Schedule) -> list[int] | None:
    """The order of scenes in a given schedule (None when it does not place every scene)."""
    index = {scene.number: i for i, scene in enumerate(production.scenes)}
    order: list[int] = []
    for day in schedule.days:
        for number in day.scenes:
            if number in index and index[number] not in order:
                order.append(index[number])
    return order if len(order) == len(index) else None


def _result(
    production: Production,
    order: list[int],
    started: float,
    status: Status,
    *,
    method: str,
    solutions: int,
    last_improvement: float | None = None,
) -> Result:
    """The order as a timed schedule, scored by the solver-free scorer."""
    schedule = time_schedule(production, _schedule(production, order))
    evaluation = evaluate(production, schedule)
    runtime = time.perf_counter() - started
    return Result(
        status,
        schedule,
        evaluation.cost,
        evaluation.cost if status is Status.OPTIMAL else 0.0,
        runtime,
        evaluation=evaluation,
        method=method,
        num_solutions=solutions,
        last_improvement=runtime if last_improvement is None else last_improvement,
    )


def _schedule(production: Production, order: list[int]) -> Schedule:
    """One scene per day in ``order``, a scene of k days on k days in a row."""
    scenes = [production.scenes[s] for s in order]
    day_lists = [[scene.number] for scene in scenes for _ in range(production.days_needed(scene))]
    return Schedule.from_day_lists(production, day_lists, name="shootplan", created=creation_time())


class _Reporter:
    """Passes better orders on to the progress callback, priced as the scorer prices them."""

    def __init__(
        self,
        production: Production,
        problem: SequencingProblem,
        started: float,
        callback: Callable[[Progress], None] | None,
    ) -> None:
        self.production, self.problem, self.started, self.callback = production, problem, started, callback
        self.solutions = 0
        self.last_improvement: float | None = None
        self.pending: tuple[list[int], int] | None = None
        self.best: list[int] | None = None
        self.reported = 0.0
        self.offset: float | None = None  # what the scorer adds to the order's cost (days, own pay)

    def improved(self, order: list[int], cost: int) -> None:
        self.solutions += 1
        self.last_improvement = time.perf_counter() - self.started
        self.pending = (order, cost)
        self.best = order
        if self.last_improvement - self.reported >= _REPORT_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.callback is None or self.pending is None:
            return
        order, cost = self.pending
        self.pending = None
        self.reported = time.perf_counter() - self.started
        if self.offset is None:
            scored = evaluate(self.production, _schedule(self.production, order)).cost
            self.offset = scored - total_cost(self.problem, order) / COST_SCALE
        self.callback(
            Progress(
                elapsed=self.reported,
                cost=cost / COST_SCALE + self.offset,
                bound=0.0,
                gap=1.0,
                company_moves=0,
                hold_days=_hold_days(self.problem, order),
                solutions=self.solutions,
            )
        )


def _hold_days(problem: SequencingProblem, order: list[int]) -> int:
    """Days performers with a rate are paid to wait between their first and last scenes."""
    own = work_days(problem)
    return sum(span - own[a] for a, span in paid_spans(problem, order).items() if problem.rates.get(a, 0) > 0)

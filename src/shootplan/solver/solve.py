"""``solve()``: the thin wrapper that builds the CP-SAT model, runs it and returns a Result.

Data flows one way: Production -> Instance -> Variables + constraints + objective -> CP-SAT ->
day lists -> Schedule -> evaluate. The returned schedule is always checked by the solver-free
scorer, and its metrics are the scorer's, not the model's.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ortools.sat.python import cp_model

from shootplan.evaluation import Evaluation, cast_work, evaluate
from shootplan.model import Production
from shootplan.schedule import Schedule
from shootplan.solver.bounds import Bound, relaxation_bound
from shootplan.solver.constraints import add_all
from shootplan.solver.explain import explain_infeasible, explain_unplaceable
from shootplan.solver.heuristics import hand_board, order_day
from shootplan.solver.instance import COST_SCALE, Instance, default_horizon
from shootplan.solver.lns import Incumbent, improve
from shootplan.solver.objective import Objective
from shootplan.solver.params import ParameterError, SolveParams
from shootplan.solver.proof import Proof, Run, prove_bound
from shootplan.solver.sequencing import SequencingProblem, solve_sequencing
from shootplan.solver.variables import Variables

__all__ = ["Progress", "Result", "Status", "solve"]

logger = logging.getLogger("shootplan.solver")


class Status(StrEnum):
    """How the search ended."""

    OPTIMAL = "optimal"  # proven best (gap 0)
    FEASIBLE = "feasible"  # a schedule, maybe not the best; see gap
    INFEASIBLE = "infeasible"  # proven that no schedule meets every hard rule; see explanation
    NO_SOLUTION = "no solution yet"  # time ran out before the first schedule
    INVALID = "invalid"  # the model was malformed: a bug in shootplan, please report it


@dataclass(frozen=True)
class Progress:
    """What the solver knows now; passed to the ``callback`` on each better schedule."""

    elapsed: float
    cost: float
    bound: float
    gap: float
    company_moves: int
    hold_days: int
    solutions: int


@dataclass
class Result:
    """The outcome of :func:`solve`.

    ``objective`` is the producer's cost of ``schedule`` (as :func:`shootplan.evaluate` computes
    it) and ``bound`` a proven lower bound on the cost of any schedule over the same days;
    ``gap = (objective - bound) / objective``.
    """

    status: Status
    schedule: Schedule | None
    objective: float | None
    bound: float | None
    runtime: float
    evaluation: Evaluation | None = None
    explanation: list[str] = field(default_factory=list)
    method: str = "cp-sat"
    num_solutions: int = 0
    interrupted: bool = False
    churn_cost: float = 0.0
    bound_reasons: list[str] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        """Relative distance between the cost found and the best bound (0 = proven optimal)."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)

    @property
    def has_schedule(self) -> bool:
        """True when a schedule was found."""
        return self.schedule is not None

    def __str__(self) -> str:
        rows = [("status", self.status.value + (" (interrupted)" if self.interrupted else ""))]
        if self.evaluation is not None:
            e = self.evaluation
            rows += [
                ("shoot days", f"{e.num_shoot_days}"),
                ("company moves", f"{e.company_moves}"),
                ("hold days", f"{e.total_hold_days}"),
            ]
        rows += [
            ("cost", "-" if self.objective is None else f"{self.objective:,.2f}"),
            ("bound", "-" if self.bound is None else f"{self.bound:,.2f}"),
            ("gap", "-" if self.gap is None else f"{self.gap:.1%}"),
            ("time", f"{self.runtime:.1f} s"),
            ("method", self.method),
        ]
        if self.evaluation is not None and self.evaluation.violations:
            rows.append(("violations", str(len(self.evaluation.violations))))
        lines = [f"{name:<15}{value}" for name, value in rows]
        lines += [f"  bound: {reason}" for reason in self.bound_reasons]
        lines += [f"  {reason}" for reason in self.explanation]
        return "\n".join(lines)


def solve(
    production: Production,
    *,
    params: SolveParams | None = None,
    initial: Schedule | None = None,
    progress: Callable[[Progress], None] | None = None,
    churn: Mapping[str, tuple[date, float]] | None = None,
    callback: Callable[[Progress], None] | None = None,
    **overrides: Any,
) -> Result:
    """Find the least-cost schedule of ``production`` that meets every hard rule.

    Args:
        params: the settings (:class:`SolveParams`: time limit, workers, seed, proof share...);
            default: ``SolveParams()``.
        initial: a schedule to start from (e.g. the AD's own board); else the AD's hand method.
        progress: called with a :class:`Progress` on every better schedule.
        churn: for re-planning: scene number -> (planned date, cost of moving it off that date).
            The cost is added to the objective, so scenes move only when that saves more; the
            ``objective`` and ``bound`` then include it, and ``churn_cost`` reports its share.
        callback: the former name of ``progress``, still accepted.
        overrides: settings by name, applied over ``params``: ``solve(p, time_limit=5, seed=3)``.

    Raises :class:`ParameterError` (naming the argument) for a bad setting or argument.
    Ctrl-C stops the search and returns the best schedule found so far (``interrupted``).
    """
    settings = _settings(params, overrides)
    _check_arguments(production, initial, progress, callback)
    progress = progress or callback
    time_limit, proof_share, seed = settings.time_limit, settings.proof_share, settings.seed
    num_workers, log_search = settings.num_workers, settings.log_search
    callback = progress
    started = time.perf_counter()
    reasons = explain_unplaceable(production)
    if reasons:
        return Result(Status.INFEASIBLE, None, None, None, time.perf_counter() - started, explanation=reasons)
    # The exact method knows nothing of churn; a given start is only a hint, which it does not need.
    exact = None if churn or not settings.exact_sequencing else _solve_pure_sequencing(production, started)
    if exact is not None:
        return exact

    workers = num_workers or os.cpu_count() or 1
    horizon, warm = _horizon(production)
    instance = Instance.build(production, horizon)
    model = cp_model.CpModel()
    variables = Variables.create(model, instance)
    add_all(variables)
    objective = Objective(variables, _churn_terms(instance, churn))
    if initial is not None:
        hint_days = _initial_days(instance, initial)
    else:
        hint_days = warm if warm is not None else hand_board(instance)
    _add_hint(variables, hint_days)
    problems = model.validate()
    if problems:
        raise RuntimeError(f"shootplan built an invalid CP-SAT model (please report): {problems}")
    logger.info(
        "model: %d scenes, %d candidate days, %d variables, %d constraints",
        len(instance.scenes),
        instance.horizon,
        len(model.proto.variables),
        len(model.proto.constraints),
    )

    # Phase 1: CP-SAT on the whole model (it proves small productions optimal and gives the
    # bound); phase 2: neighbourhood search for the rest of the time on larger ones.
    use_lns = len(instance.scenes) > settings.whole_model_scenes
    full_time = time_limit * (settings.full_model_share if use_lns else 1 - proof_share)
    solver = cp_model.CpSolver()
    cp_params = solver.parameters
    cp_params.num_workers = workers
    cp_params.random_seed = seed
    cp_params.catch_sigint_signal = False  # Ctrl-C is ours: it stops the search and keeps the best
    deterministic = workers == 1
    if deterministic:
        cp_params.max_deterministic_time = full_time
        cp_params.max_time_in_seconds = max(10 * time_limit, time_limit + 30)
    else:
        # The full model may run past its share until it has a first schedule (soft stop).
        cp_params.max_time_in_seconds = time_limit
    if log_search:
        cp_params.log_search_progress = True
        solver.log_callback = logger.info
    # The search-free bound first: progress reports show it from the first schedule on.
    relaxed = relaxation_bound(instance)
    observer = _Observer(variables, objective, started, callback, floor=relaxed.value)
    soft_stop = None if deterministic else started + full_time
    status, interrupted = _run_interruptibly(solver, model, observer, soft_stop)
    if (
        deterministic
        and status == cp_model.UNKNOWN
        and not interrupted
        and solver.deterministic_time < time_limit
    ):
        cp_params.max_deterministic_time = time_limit - solver.deterministic_time
        status, interrupted = _run_interruptibly(solver, model, observer, None)
    runtime = time.perf_counter() - started

    if status == cp_model.MODEL_INVALID:
        raise RuntimeError("CP-SAT reports an invalid model (please report): " + model.validate())
    if status == cp_model.INFEASIBLE:
        explanation = explain_infeasible(production, horizon)
        return Result(Status.INFEASIBLE, None, None, None, runtime, explanation=explanation)
    start_from = None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and not interrupted:
        # The search found nothing in time, but the warm start may be a whole valid schedule:
        # complete it (every scene fixed, so this is propagation, not search) and go on from it.
        start_from = _complete(model, variables, hint_days, deterministic)
        if start_from is not None:
            observer.report(start_from.values, start_from.objective)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and start_from is None:
        return Result(
            Status.NO_SOLUTION,
            None,
            None,
            None,
            runtime,
            explanation=["no schedule found within the time limit; allow more time"],
            interrupted=interrupted,
        )
    incumbent = start_from or Incumbent(list(solver.response_proto.solution), solver.objective_value)
    proven = status == cp_model.OPTIMAL and not interrupted
    searched = max(0.0, (solver.best_objective_bound - objective.max_tie_breaker) / COST_SCALE)
    known = max(searched, relaxed.value)
    spent = solver.deterministic_time
    proof = None
    background = None
    if proof_share > 0 and not proven and not interrupted and known * COST_SCALE < incumbent.objective:
        floor, ceiling = math.ceil(known * COST_SCALE - 1e-6), math.floor(incumbent.objective)

        def prove(run: Run, first_try_limit: float | None = None) -> Proof:
            return prove_bound(
                model,
                variables,
                objective.cost_besides_moves,
                known=floor,
                ceiling=ceiling,
                step=instance.move_cost or max(map(instance.hold_rate, instance.cast_scenes), default=0),
                time_limit=time_limit * proof_share,
                deterministic=deterministic,
                seed=seed,
                run=run,
                # Progress reports from the search show each bound as soon as it is proven.
                on_bound=lambda value: observer.raise_floor(value / COST_SCALE, report=False),
                first_try_limit=first_try_limit,
            )

        if use_lns and workers > 1:
            # One core proves while the others search: the search loses a core, not its time.
            # The first budget may take until the search ends: on 300-scene boards it needs
            # 10-20 s, and a bound above 0 is worth more than the core's share of the search.
            until_end = time_limit - (time.perf_counter() - started)
            background = _BackgroundProof(lambda run: prove(run, until_end))
        else:
            # Before the neighbourhood search, so the time a proof does not need goes to it.
            proof = prove(
                lambda proof_solver, proof_model: _run_interruptibly(proof_solver, proof_model, None, None)
            )
            spent += proof.spent
            interrupted = proof.interrupted
            incumbent = _adopt(model, variables, proof, incumbent, observer, deterministic)
            # The cost is within the tie-breakers of the objective, and no schedule costs less.
            proven = proof.bound >= math.floor(incumbent.objective)
    if use_lns and not proven and not interrupted:
        remaining = time_limit - (spent if deterministic else time.perf_counter() - started)
        stop = threading.Event()
        try:
            incumbent = improve(
                model,
                variables,
                incumbent,
                time_limit=remaining,
                deterministic=deterministic,
                num_workers=workers if background is None else background.cores_left(workers),
                seed=seed,
                step_seconds=settings.lns_step_seconds,
                on_improvement=lambda better: observer.report(better.values, better.objective),
                should_stop=stop.is_set,
            )
        except KeyboardInterrupt:
            interrupted = True
            logger.warning("interrupted: keeping the best schedule so far")
        incumbent = (
            observer.best if observer.best and observer.best.objective < incumbent.objective else incumbent
        )
    if background is not None:
        proof = background.finish()
        if proof is not None:
            incumbent = _adopt(model, variables, proof, incumbent, observer, deterministic)
    day_lists = _extract(variables, incumbent.values)
    logger.info(
        "search ended: %s, model cost %s",
        solver.status_name(status),
        f"{incumbent.objective / COST_SCALE:,.2f}",
    )
    schedule = Schedule.from_day_lists(
        production,
        [[instance.scenes[s].number for s in day] for day in day_lists],
        name="shootplan",
        created=datetime.now().astimezone().replace(microsecond=0),
    )
    evaluation = evaluate(production, schedule)
    runtime = time.perf_counter() - started
    if evaluation.violations:
        # The model and the scorer disagree: never hand a broken schedule over silently.
        logger.error("solver schedule breaks rules: %s", "; ".join(map(str, evaluation.violations)))
    churn_cost = _churn_cost(schedule, churn)
    total = evaluation.cost + churn_cost
    proved = proof.bound / COST_SCALE if proof is not None else 0.0
    proven = proven or (proof is not None and proof.bound >= round(total * COST_SCALE))
    bound = min(max(known, proved), total)
    if proven and (objective.max_tie_breaker == 0 or proof is not None):
        bound = total
    return Result(
        Status.OPTIMAL if proven else Status.FEASIBLE,
        schedule,
        total,
        bound,
        runtime,
        evaluation=evaluation,
        num_solutions=observer.solutions,
        interrupted=interrupted,
        churn_cost=churn_cost,
        bound_reasons=_bound_reasons(searched, relaxed, proved),
    )


class _BackgroundProof:
    """The budget proofs in a thread on one core, beside the neighbourhood search."""

    def __init__(self, prove: Callable[[Run], Proof]) -> None:
        self._prove = prove
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._solver: cp_model.CpSolver | None = None
        self._proof: Proof | None = None
        self._thread = threading.Thread(target=self._work, name="shootplan-proof", daemon=True)
        self._thread.start()

    def cores_left(self, workers: int) -> Callable[[], int]:
        """How many workers the search may use now: one fewer while the proof runs."""
        return lambda: max(1, workers - 1) if self._thread.is_alive() else workers

    def _run(
        self, solver: cp_model.CpSolver, model: cp_model.CpModel
    ) -> tuple[cp_model.CpSolverStatus, bool]:
        with self._lock:
            if self._stop.is_set():
                return cp_model.UNKNOWN, True
            self._solver = solver
        return solver.solve(model), self._stop.is_set()

    def _work(self) -> None:
        try:
            self._proof = self._prove(self._run)
        except Exception:  # the proof is an extra: a failure must not cost the user the schedule
            logger.exception("the budget proof failed; the bound comes from the search alone")

    def finish(self) -> Proof | None:
        """Stop the proof (if it still runs) and return what it proved."""
        with self._lock:
            self._stop.set()
            if self._solver is not None:
                self._solver.stop_search()
        self._thread.join()
        return self._proof


def _adopt(
    model: cp_model.CpModel,
    v: Variables,
    proof: Proof,
    incumbent: Incumbent,
    observer: _Observer,
    deterministic: bool,
) -> Incumbent:
    """The cheaper of the incumbent and a schedule the proof came across; reports the bound."""
    if proof.values is not None:
        better = _complete(model, v, _extract(v, proof.values), deterministic)
        if better is not None and better.objective < incumbent.objective:
            observer.report(better.values, better.objective)
            incumbent = better
    observer.raise_floor(proof.bound / COST_SCALE)
    return incumbent


def _bound_reasons(searched: float, relaxed: Bound, proved: float = 0.0) -> list[str]:
    """What the reported bound rests on, in words: the relaxation's reasons, or CP-SAT's proof."""
    if proved > max(searched, relaxed.value):
        return [
            f"no schedule costs less than {proved:,.0f}: asked for one that meets every rule below"
            " that cost, CP-SAT proved there is none"
        ]
    if searched > relaxed.value:
        return [f"CP-SAT's search proved that no schedule costs less than {searched:,.0f}"]
    return list(relaxed.reasons)


def _churn_terms(
    instance: Instance, churn: Mapping[str, tuple[date, float]] | None
) -> list[tuple[int, int | None, int]]:
    """(scene index, candidate day of its planned date or None, scaled cost of moving it)."""
    if not churn:
        return []
    day_of_date = {d: i for i, d in enumerate(instance.dates)}
    terms = []
    for s, scene in enumerate(instance.scenes):
        if scene.number in churn:
            planned, weight = churn[scene.number]
            terms.append((s, day_of_date.get(planned), round(weight * COST_SCALE)))
    return terms


def _churn_cost(schedule: Schedule, churn: Mapping[str, tuple[date, float]] | None) -> float:
    """What moving scenes off their planned dates costs in this schedule."""
    if not churn:
        return 0.0
    first_date: dict[str, date] = {}
    for day in schedule.days:
        for number in day.scenes:
            first_date.setdefault(number, day.date)
    return float(
        sum(weight for number, (planned, weight) in churn.items() if first_date.get(number) != planned)
    )


def _settings(params: SolveParams | None, overrides: dict[str, Any]) -> SolveParams:
    """``params`` with the keyword overrides applied; an unknown keyword names itself."""
    if params is not None and not isinstance(params, SolveParams):
        raise ParameterError(f"params must be a SolveParams, got {type(params).__name__}")
    unknown = sorted(set(overrides) - set(SolveParams.model_fields))
    if unknown:
        known = ", ".join(["params", "initial", "progress", "churn", *SolveParams.model_fields])
        raise ParameterError(f"solve() got an unknown argument {unknown[0]!r}; it takes: {known}")
    base = params or SolveParams()
    return base.replace(**overrides) if overrides else base


def _check_arguments(production: Any, initial: Any, progress: Any, callback: Any) -> None:
    """The arguments besides the settings: the right types, named when they are not."""
    if isinstance(production, (str, os.PathLike)):
        raise ParameterError(
            f"solve() takes a Production, not the file name {str(production)!r}: read the file"
            " with shootplan.read_production first, then solve what it returns"
        )
    if not isinstance(production, Production):
        raise ParameterError(f"production must be a Production, got {type(production).__name__}")
    if initial is not None and not isinstance(initial, Schedule):
        raise ParameterError(f"initial must be a Schedule, got {type(initial).__name__}")
    if progress is not None and callback is not None:
        raise ParameterError("give progress or callback (its former name), not both")
    for name, function in (("progress", progress), ("callback", callback)):
        if function is not None and not callable(function):
            raise ParameterError(f"{name} must be callable, got {type(function).__name__}")


# --------------------------------------------------------------------------- pure sequencing


def _solve_pure_sequencing(production: Production, started: float) -> Result | None:
    """Solve exactly by dynamic programming when the production is a talent-scheduling problem."""
    if not _is_pure_sequencing(production):
        return None
    rates = {
        c.id: round(c.daily_rate * production.rules.hold_cost_factor * COST_SCALE)
        for c in production.cast
        if c.holds
    }
    problem = SequencingProblem(
        durations=[production.days_needed(s) for s in production.scenes],
        cast=[frozenset(s.cast) for s in production.scenes],
        rates=rates,
    )
    order = solve_sequencing(problem)
    if order is None:
        return None
    day_lists = [
        [production.scenes[s].number]
        for s in order
        for _ in range(production.days_needed(production.scenes[s]))
    ]
    schedule = Schedule.from_day_lists(
        production,
        day_lists,
        name="shootplan",
        created=datetime.now().astimezone().replace(microsecond=0),
    )
    evaluation = evaluate(production, schedule)
    logger.info("pure sequencing: solved exactly by dynamic programming")
    return Result(
        Status.OPTIMAL,
        schedule,
        evaluation.cost,
        evaluation.cost,
        time.perf_counter() - started,
        evaluation=evaluation,
        method="dynamic programming (exact)",
        num_solutions=1,
    )


def _is_pure_sequencing(production: Production) -> bool:
    """One scene per day, nothing tied to dates, no moves possible: order is all that matters."""
    rules = production.rules
    singles = sorted(
        (s.eighths, rules.scene_minutes(s)) for s in production.scenes if production.days_needed(s) == 1
    )
    if len(singles) >= 2:
        smallest_pages = singles[0][0] + singles[1][0]
        smallest_minutes = sum(sorted(m for _, m in singles)[:2])
        pages_block = smallest_pages > rules.max_eighths_per_day
        minutes_block = rules.max_minutes_per_day is not None and smallest_minutes > rules.max_minutes_per_day
        if not (pages_block or minutes_block):
            return False
    total_days = sum(production.days_needed(s) for s in production.scenes)
    if rules.max_shoot_days is not None and rules.max_shoot_days < total_days:
        return False
    if rules.precedences or rules.same_day:
        return False
    if any(s.earliest or s.latest or s.pinned for s in production.scenes):
        return False
    if any(c.unavailable or (c.drop_pickup and c.max_drops > 0) for c in production.cast):
        return False
    if any(loc.windows or loc.unavailable for loc in production.locations):
        return False
    return all(not s.is_night for s in production.scenes) or rules.turnaround.value == "none"


# --------------------------------------------------------------------------- hints and results


def _horizon(production: Production) -> tuple[int, list[list[int]] | None]:
    """Candidate days, and the hand method's board when it was built to find them.

    The limit if the production sets one; else the hand method is tried on a growing horizon
    until it places every scene, so that an actor who is away for weeks or a late location window
    never makes a feasible plan look infeasible for lack of days. First-fit fills days from the
    start, so its board does not change when the horizon grows past it: the warm start reuses it.
    """
    horizon = default_horizon(production, None)
    if production.rules.max_shoot_days is not None:
        return horizon, None
    for _ in range(6):
        probe = Instance.build(production, horizon)
        warm = hand_board(probe)
        if _places_all(probe, warm):
            return default_horizon(production, len(warm)), warm
        horizon *= 2
    return horizon, None


def _places_all(instance: Instance, days: list[list[int]]) -> bool:
    return len({s for day in days for s in day}) == len(instance.scenes)


def _complete(
    model: cp_model.CpModel, v: Variables, days: list[list[int]], deterministic: bool
) -> Incumbent | None:
    """The full model assignment of a day-by-day schedule, or None if it breaks a rule."""
    if not _places_all(v.instance, days):
        return None
    fixed = model.clone()
    for d, scenes in enumerate(days):
        for s in scenes:
            literal = v.start[s].get(d)
            if literal is None:
                if not any(d - i in v.start[s] for i in range(1, v.instance.length[s])):
                    return None
                continue  # a later day of a multi-day scene
            domain = fixed.proto.variables[literal.Index()].domain
            domain.clear()
            domain.extend([1, 1])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False
    if deterministic:
        solver.parameters.max_deterministic_time = 10.0
    else:
        solver.parameters.max_time_in_seconds = 10.0
    status = solver.solve(fixed)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Incumbent(list(solver.response_proto.solution), solver.objective_value)


def _initial_days(instance: Instance, initial: Schedule) -> list[list[int]]:
    index = {scene.number: s for s, scene in enumerate(instance.scenes)}
    return [[index[n] for n in day.scenes if n in index] for day in initial.days[: instance.horizon]]


def _add_hint(v: Variables, days: list[list[int]]) -> None:
    """Hint every variable from a (possibly partial) schedule so CP-SAT starts from it."""
    instance, model = v.instance, v.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    first_day: dict[int, int] = {}
    for d, scenes in enumerate(days):
        for s in scenes:
            first_day.setdefault(s, d)
    on_day: list[set[int]] = [set() for _ in range(instance.horizon)]
    for s, d in first_day.items():
        if d in v.start[s]:
            for i in range(instance.length[s]):
                if d + i < instance.horizon:
                    on_day[d + i].add(s)
    for s, starts in enumerate(v.start):
        for d, literal in starts.items():
            model.add_hint(literal, first_day.get(s) == d)
    last_used = max((d for d in range(instance.horizon) if on_day[d]), default=-1)
    for d, used in enumerate(v.used):
        model.add_hint(used, d <= last_used)
        model.add_hint(v.busy[d], bool(on_day[d]))
    for name, at in v.at.items():
        for d, literal in at.items():
            model.add_hint(literal, any(instance.scenes[s].location == name for s in on_day[d]))
    work_days: dict[str, list[int]] = {}
    for cast_id, works in v.works.items():
        members = set(instance.cast_scenes[cast_id])
        worked = [d for d in range(instance.horizon) if on_day[d] & members]
        work_days[cast_id] = worked
        for d, literal in works.items():
            model.add_hint(literal, d in worked)
    dropped_days = _hint_drops(v, on_day)
    for cast_id, hold in v.hold.items():
        worked = work_days[cast_id]
        dropped = dropped_days.get(cast_id, set())
        for d in hold:
            started = bool(worked) and worked[0] <= d
            remaining = bool(worked) and worked[-1] >= d
            model.add_hint(v.started[cast_id][d], started)
            model.add_hint(v.remaining[cast_id][d], remaining)
            model.add_hint(hold[d], started and remaining and d not in worked and d not in dropped)
            if cast_id in v.dropped:
                model.add_hint(v.dropped[cast_id][d], d in dropped)
    for d, literal in v.night.items():
        model.add_hint(literal, any(instance.scenes[s].is_night for s in on_day[d]))
    for d, literal in v.daylight.items():
        model.add_hint(literal, any(not instance.scenes[s].is_night for s in on_day[d]))
    for d, literal in v.split.items():
        kinds = {instance.scenes[s].is_night for s in on_day[d]}
        model.add_hint(literal, len(kinds) == 2)


def _hint_drops(v: Variables, on_day: list[set[int]]) -> dict[str, set[int]]:
    """Dropped days of the hinted schedule, as the scorer defines them."""
    if not v.dropped:
        return {}
    instance = v.instance
    used = [d for d in range(instance.horizon) if on_day[d]]
    if not used:
        return {}
    lists = [[instance.scenes[s].number for s in sorted(on_day[d])] for d in range(used[-1] + 1)]
    schedule = Schedule.from_day_lists(instance.production, lists)
    work = cast_work(instance.production, schedule)
    return {cast_id: set(work[cast_id].dropped_days) for cast_id in v.dropped}


def _extract(v: Variables, values: list[int]) -> list[list[int]]:
    instance = v.instance
    days: list[list[int]] = [[] for _ in range(instance.horizon)]
    for s, starts in enumerate(v.start):
        for d, literal in starts.items():
            if values[literal.Index()]:
                for i in range(instance.length[s]):
                    days[d + i].append(s)
    used = max((d + 1 for d in range(instance.horizon) if days[d]), default=0)
    return [order_day(instance, day) for day in days[:used]]


class _Observer(cp_model.CpSolverSolutionCallback):
    """Reports each better schedule through logging and the user's callback."""

    def __init__(
        self,
        v: Variables,
        objective: Objective,
        started: float,
        callback: Callable[[Progress], None] | None,
        *,
        floor: float = 0.0,
    ) -> None:
        super().__init__()
        self.variables = v
        self.objective = objective
        self.started = started
        self.callback = callback
        self.solutions = 0
        self.best: Incumbent | None = None
        self.best_bound = 0.0
        self.floor = floor  # the search-free bound (currency): the reported bound never falls below it

    def raise_floor(self, bound: float, *, report: bool = True) -> None:
        """A better bound proven: reports show it from now on (and at once with ``report``)."""
        self.floor = max(self.floor, bound)
        if report and self.best is not None:
            self.solutions -= 1  # the same schedule, not a new one
            self.report(self.best.values, self.best.objective)

    def on_solution_callback(self) -> None:
        self.best_bound = self.best_objective_bound
        self.report(list(self.response_proto.solution), self.objective_value)

    def report(self, values: list[int], objective: float) -> None:
        """Log and pass on a better schedule (from the full model or a neighbourhood step)."""
        self.solutions += 1
        self.best = Incumbent(values, objective)
        v = self.variables
        cost = max(0.0, objective / COST_SCALE)
        bound = max(self.floor, (self.best_bound - self.objective.max_tie_breaker) / COST_SCALE)
        bound = min(bound, cost)
        locations = sum(values[at.Index()] for days in v.at.values() for at in days.values())
        moves = locations - sum(values[u.Index()] for u in v.busy)
        holds = sum(values[h.Index()] for days in v.hold.values() for h in days.values())
        gap = 0.0 if cost <= 0 else (cost - bound) / cost
        progress = Progress(
            time.perf_counter() - self.started, cost, bound, gap, moves, holds, self.solutions
        )
        logger.info(
            "#%d  %.1fs  cost %s  bound %s  gap %.1f%%  moves %d  hold days %d",
            progress.solutions,
            progress.elapsed,
            f"{cost:,.0f}",
            f"{bound:,.0f}",
            100 * gap,
            moves,
            holds,
        )
        if self.callback is not None:
            self.callback(progress)


def _run_interruptibly(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    observer: _Observer | None,
    soft_stop: float | None,
) -> tuple[cp_model.CpSolverStatus, bool]:
    """Solve in a worker thread so Ctrl-C in the main thread can stop the search cleanly.

    Past ``soft_stop`` (a ``perf_counter`` time) the search stops as soon as it has a schedule.
    """
    outcome: dict[str, cp_model.CpSolverStatus] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["status"] = solver.solve(model, observer)
        finally:
            done.set()

    worker = threading.Thread(target=run, name="shootplan-cp-sat", daemon=True)
    worker.start()
    interrupted = False
    # Wait on an Event, not Thread.join: on Python 3.11 a Ctrl-C inside join() can leave
    # is_alive() False while the solver still runs.
    while not done.is_set():
        try:
            done.wait(0.1)
            has_schedule = observer is not None and observer.solutions > 0
            if soft_stop is not None and has_schedule and time.perf_counter() >= soft_stop:
                solver.stop_search()
                soft_stop = None
        except KeyboardInterrupt:
            interrupted = True
            logger.warning("interrupted: stopping the search and keeping the best schedule so far")
            solver.stop_search()
    worker.join()
    return outcome.get("status", cp_model.UNKNOWN), interrupted

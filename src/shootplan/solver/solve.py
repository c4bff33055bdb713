"""``solve()``: the producer's least-cost schedule, as a short list of phases.

Data flows one way: Production -> Instance -> :class:`ScheduleModel` (variables, constraints,
objective) -> CP-SAT -> day lists -> Schedule -> evaluate. The phases: settings checked; scenes
with no date explained (no search); when order is all that matters, the order methods
(:mod:`~shootplan.solver.by_order`: exact when small, else annealing, no day-indexed model); up
to ``whole_model_scenes`` scenes, the whole model with budget proofs; beyond, neighbourhood
search on cut-down models from the hand method's board or, when the scorer prices it lower, an
annealed one (:mod:`~shootplan.solver.warm_order`, :mod:`~shootplan.solver.windowed`). The
returned schedule is always checked by the solver-free scorer, and its metrics are the scorer's,
not the model's.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ortools.sat.python import cp_model

from shootplan.empty_days import empty_day_reasons
from shootplan.evaluation import evaluate
from shootplan.findings import Finding, Rule
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.schedule import Schedule, creation_time
from shootplan.solver.bounds import Bound, relaxation_bound
from shootplan.solver.by_order import solve_by_order, solve_exactly
from shootplan.solver.deterministic import deterministic_budget, seconds_of
from shootplan.solver.explain import explain_infeasible, explain_unplaceable
from shootplan.solver.fewest_days import fewest_days_first
from shootplan.solver.heuristics import hand_board
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.lns import Incumbent, improve
from shootplan.solver.model import Horizon, ScheduleModel, board_days, plan_horizon
from shootplan.solver.params import ParameterError, SolveParams
from shootplan.solver.proof import Proof, Run, prove_bound
from shootplan.solver.result import Progress, Result, Status
from shootplan.solver.search import BackgroundProof, Observer, run_interruptibly
from shootplan.solver.sequencing import MAX_SEQUENCING_SCENES, sequencing_problem
from shootplan.solver.warm_order import better_start
from shootplan.solver.windowed import first_days, improve_windowed, pinned
from shootplan.timeline import time_schedule
from shootplan.violations import clock_notice, off_the_clock

__all__ = ["VERDICT_LOGGER", "Progress", "Result", "Status", "solve"]

VERDICT_LOGGER = "shootplan.solver.verdict"

logger = logging.getLogger("shootplan.solver")
# What the scorer says of the schedule handed over: a caller that reports the evaluation in its
# own words (the plan command) silences this logger, so the user reads it once.
verdict = logging.getLogger(VERDICT_LOGGER)

# Up to this many (scene, candidate day) pairs the budget proofs of a cut-down search get a whole
# model of their own (about 1.5 GB at 300 scenes over 85 days, 24,000 pairs; far beyond, 1,000
# scenes over 290 days, 282,000 pairs, it took 5 GB).
_PROOF_MODEL_STARTS = 100_000

Churn = Mapping[str, tuple[date, float]]

# The share of the time limit (and the most seconds) the bound over groups of performers may take.
_GROUP_SHARE = 0.05
_GROUP_SECONDS = 3.0
# The share of the time limit (and the most seconds) the annealed warm start of large boards takes.
_WARM_SHARE = 0.05
_WARM_SECONDS = 5.0


def solve(
    production: Production,
    *,
    params: SolveParams | None = None,
    initial: Schedule | None = None,
    progress: Callable[[Progress], None] | None = None,
    churn: Churn | None = None,
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
        overrides: settings by name, applied over ``params``: ``solve(p, time_limit=5, seed=3)``.

    Raises :class:`ParameterError` (naming the argument) for a bad setting or argument.
    Ctrl-C stops the search and returns the best schedule found so far (``interrupted``).
    """
    settings = _settings(params, overrides)
    _check_arguments(production, initial, progress)
    started = time.perf_counter()
    reasons = explain_unplaceable(production)
    if reasons:
        return Result(Status.INFEASIBLE, None, None, None, time.perf_counter() - started, explanation=reasons)
    # The order methods know nothing of churn; a given start is only where annealing begins.
    problem = sequencing_problem(production) if settings.exact_sequencing and not churn else None
    if problem is not None:
        exact = solve_exactly(production, problem, started)
        if exact is not None:
            return exact
        if len(problem.durations) > MAX_SEQUENCING_SCENES:
            return solve_by_order(production, problem, settings, started, progress, initial)
    search = _Search.start(production, settings, initial, progress, churn, started)
    search.whole_model()
    if search.status == cp_model.INFEASIBLE:
        return search.infeasible()
    if not search.take_incumbent():
        return search.no_solution()
    try:
        search.prove()
        search.improve()
    except KeyboardInterrupt:
        # Between phases too (the cut-down search has a schedule before any solver runs).
        search.interrupted = True
        logger.warning("interrupted: keeping the best schedule so far")
    search.finish_proof()
    return search.result()


def _settings(params: SolveParams | None, overrides: dict[str, Any]) -> SolveParams:
    """``params`` with the keyword overrides applied; an unknown keyword names itself."""
    if params is not None and not isinstance(params, SolveParams):
        raise ParameterError(f"params must be a SolveParams, got {type(params).__name__}")
    return (params or SolveParams()).updated(overrides, caller="solve()")


def _check_arguments(production: Any, initial: Any, progress: Any) -> None:
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
    if progress is not None and not callable(progress):
        raise ParameterError(f"progress must be callable, got {type(progress).__name__}")


@dataclass
class _Search:
    """The state the CP-SAT phases share: the model, the best schedule so far, what is proven."""

    production: Production
    settings: SolveParams
    churn: Churn | None
    started: float
    built: ScheduleModel
    hint_days: list[list[int]]
    observer: Observer
    relaxed: Bound
    solver: cp_model.CpSolver
    horizon: Horizon
    instance: Instance  # every scene's candidate days (``built`` may hold a cut-down copy)
    windowed: bool  # too large for the whole model: steps build cut-down models (windowed.py)
    status: cp_model.CpSolverStatus = cp_model.UNKNOWN
    interrupted: bool = False
    incumbent: Incumbent | None = None
    held: Incumbent | None = None  # the best schedule of the search held to the fewest shoot days
    proven: bool = False
    searched: float = 0.0  # the bound CP-SAT's search proved (currency)
    spent: float = 0.0  # deterministic time used so far
    proof: Proof | None = None
    background: BackgroundProof | None = None

    @classmethod
    def start(
        cls,
        production: Production,
        settings: SolveParams,
        initial: Schedule | None,
        progress: Callable[[Progress], None] | None,
        churn: Churn | None,
        started: float,
    ) -> _Search:
        """Build the model over the planned days and hint it with the given or hand-made board.

        On a production too large for the whole model, the model holds every scene to its day on
        that board (when it places every scene): the neighbourhood search opens days step by step.
        """
        horizon = plan_horizon(production)
        warm = horizon.warm
        instance = Instance.build(production, horizon.days)
        if initial is not None:
            hint_days = board_days(instance, initial)
        else:
            hint_days = warm if warm is not None else hand_board(instance)
        spent = 0.0
        if initial is None and warm is None and len(instance.scenes) > settings.whole_model_scenes:
            # The cut-down search goes on from its start: an annealed board that holds fewer
            # days (1 worker, seed 1, 60 s: feature-1 1,147,900 -> 1,109,700, large-1
            # 3,208,000 -> 3,071,600, USS 1,534,000 -> 1,494,000) is search time saved.
            spent = min(_WARM_SECONDS, settings.time_limit * _WARM_SHARE)
            one_worker = (settings.num_workers or os.cpu_count() or 1) == 1
            hint_days = better_start(instance, hint_days, spent, settings.seed, one_worker)
        day_of = first_days(instance, hint_days)
        # Short of 60 scenes CP-SAT does best on the whole model; beyond, small models per step
        # beat it (60 s, 2 cores: feature-1 1,125,600 against 1,236,800; large-1 3,037,700
        # against 3,459,200) and keep 1,000 scenes under 600 MB.
        windowed = day_of is not None and len(instance.scenes) > settings.whole_model_scenes
        built = ScheduleModel(pinned(instance, day_of) if windowed and day_of else instance, churn)
        built.hint(hint_days)
        built.validate()
        logger.info(
            "model: %d scenes, %d candidate days, %d variables, %d constraints",
            len(instance.scenes),
            instance.horizon,
            len(built.model.proto.variables),
            len(built.model.proto.constraints),
        )
        # The search-free bound first: progress reports show it from the first schedule on.
        # The groups' small exact solves get a share of the time, at most a few seconds.
        relaxed = relaxation_bound(
            instance, group_seconds=min(_GROUP_SECONDS, settings.time_limit * _GROUP_SHARE)
        )
        observer = Observer(built.variables, built.objective, started, progress, floor=relaxed.value)
        return cls(
            production,
            settings,
            churn,
            started,
            built,
            hint_days,
            observer,
            relaxed,
            cp_model.CpSolver(),
            horizon,
            instance,
            windowed,
            spent=spent,
        )

    @property
    def workers(self) -> int:
        return self.settings.num_workers or os.cpu_count() or 1

    @property
    def deterministic(self) -> bool:
        """One worker: CP-SAT's deterministic clock, so runs repeat exactly."""
        return self.workers == 1

    @property
    def use_lns(self) -> bool:
        """Large productions: the whole model for a share of the time, then neighbourhood search."""
        return self.windowed or len(self.built.instance.scenes) > self.settings.whole_model_scenes

    @property
    def known(self) -> float:
        """The best bound proven before any budget proof: the search's or the relaxation's."""
        return max(self.searched, self.relaxed.value)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def whole_model(self) -> None:
        """Phase 1: CP-SAT on the whole model (it proves small productions optimal)."""
        if self.windowed:
            return  # the board is complete: take_incumbent completes it, the steps improve it
        s, solver = self.settings, self.solver
        full_time = s.time_limit * (s.full_model_share if self.use_lns else 1 - s.proof_share)
        held_time = self._fewest_days_first(full_time)
        if self.interrupted:
            return
        cp_params = solver.parameters
        cp_params.num_workers = self.workers
        cp_params.random_seed = s.seed
        cp_params.catch_sigint_signal = False  # Ctrl-C is ours: it stops the search and keeps the best
        if self.deterministic:
            cp_params.max_deterministic_time = deterministic_budget(full_time) - held_time
            cp_params.max_time_in_seconds = max(10 * s.time_limit, s.time_limit + 30)
        else:
            # The full model may run past its share until it has a first schedule (soft stop).
            cp_params.max_time_in_seconds = max(0.1, s.time_limit - self.elapsed())
        if s.log_search:
            cp_params.log_search_progress = True
            solver.log_callback = logger.info
        soft_stop = None if self.deterministic else self.started + full_time
        model = self.built.model
        status, interrupted = run_interruptibly(solver, model, self.observer, soft_stop)
        if (
            self.deterministic
            and status == cp_model.UNKNOWN
            and not interrupted
            and seconds_of(solver.deterministic_time) < s.time_limit
        ):
            cp_params.max_deterministic_time = deterministic_budget(s.time_limit) - solver.deterministic_time
            status, interrupted = run_interruptibly(solver, model, self.observer, None)
        if status == cp_model.MODEL_INVALID:
            raise RuntimeError("CP-SAT reports an invalid model (please report): " + model.validate())
        self.status, self.interrupted = status, interrupted

    def _fewest_days_first(self, full_time: float) -> float:
        """Phase 1a (whole model, shoot days at a cost): a share of its time held to the fewest
        shoot days, the rest hinted with what that found. Returns the deterministic seconds spent."""
        s = self.settings
        if self.use_lns:
            return 0.0
        found, spent, self.interrupted = fewest_days_first(
            self.built,
            self.observer,
            seconds=full_time * s.fewest_days_share,
            workers=self.workers,
            seed=s.seed,
            deterministic=self.deterministic,
        )
        if found is not None:
            self.held = found
            self.built.hint_values(found.values)
        if self.deterministic:
            self.spent += seconds_of(spent)
        return spent

    def infeasible(self) -> Result:
        """Proven that no schedule exists: say which rules conflict."""
        runtime = self.elapsed()
        explanation = (
            explain_infeasible(self.production, self.built.instance.horizon) if self.settings.explain else []
        )
        return Result(Status.INFEASIBLE, None, None, None, runtime, explanation=explanation)

    def no_solution(self) -> Result:
        """Time ran out before the first schedule."""
        return Result(
            Status.NO_SOLUTION,
            None,
            None,
            None,
            self.elapsed(),
            explanation=[Finding(Rule.SEARCH, "no schedule found within the time limit; allow more time")],
            interrupted=self.interrupted,
        )

    def take_incumbent(self) -> bool:
        """The schedule to go on from: the search's, else the completed warm start (False: none)."""
        found = self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        start_from = None
        if not found and self.held is not None:
            # The whole model found nothing in what was left (or Ctrl-C came first): go on from
            # the fewest-days search's schedule, which the progress reports have shown already.
            self.incumbent = self.held
            self.proven = False
            return True
        if not found and not self.interrupted:
            # The search found nothing in time, but the warm start may be a whole valid schedule:
            # complete it (every scene fixed, so this is propagation, not search) and go on from it.
            start_from = self.built.complete(self.hint_days, self.deterministic)
        if not found and start_from is None:
            return False
        solver = self.solver
        self.incumbent = start_from or Incumbent(list(solver.response_proto.solution), solver.objective_value)
        if start_from is not None:
            try:
                self.observer.report(start_from.values, start_from.objective)
            except KeyboardInterrupt:
                # Ctrl-C as the first schedule is printed (the moment a user sees a cost): keep it.
                self.interrupted = True
        self.proven = self.status == cp_model.OPTIMAL and not self.interrupted
        if not self.windowed:  # with no whole model, CP-SAT has not searched or bounded anything
            tie_breakers = self.built.objective.max_tie_breaker
            self.searched = max(0.0, (solver.best_objective_bound - tie_breakers) / COST_SCALE)
            self.spent += seconds_of(solver.deterministic_time)  # after the warm start's share
        return True

    def prove(self) -> None:
        """Phase 2: budget proofs, beside the search on several cores, else before it."""
        assert self.incumbent is not None
        s = self.settings
        if s.proof_share <= 0 or self.proven or self.interrupted:
            return
        # The budget proofs need the whole model (a cut-down one bounds only its own board): the
        # cut-down search builds one for them, when it fits in memory.
        whole = self.windowed
        if whole and sum(map(len, self.instance.starts)) > _PROOF_MODEL_STARTS:
            return
        if self.known * COST_SCALE >= self.incumbent.objective:
            return
        floor = math.ceil(self.known * COST_SCALE - 1e-6)
        ceiling = math.floor(self.incumbent.objective)
        if self.use_lns and self.workers > 1:
            # One core proves while the others search: the search loses a core, not its time.
            # The first budget may take until the search ends: on 300-scene boards it needs
            # 10-20 s, and a bound above 0 is worth more than the core's share of the search.
            # Beside the cut-down search the proof keeps to its share: the steps want both cores.
            until_end = None if whole else s.time_limit - self.elapsed()
            self.background = BackgroundProof(
                lambda run: self._prove(run, floor, ceiling, until_end, whole=whole)
            )
            self.background.start()
            return
        # Before the neighbourhood search, so the time a proof does not need goes to it.
        proof = self._prove(
            lambda solver, model: run_interruptibly(solver, model), floor, ceiling, whole=whole
        )
        self.proof = proof
        self.spent += proof.spent
        self.interrupted = proof.interrupted
        self._adopt(proof)
        # The cost is within the tie-breakers of the objective, and no schedule costs less.
        self.proven = proof.bound >= math.floor(self.incumbent.objective)

    def _prove(
        self, run: Run, floor: int, ceiling: int, first_try_limit: float | None = None, *, whole: bool = False
    ) -> Proof:
        # Built here, in the proof's thread, so the search starts at once.
        built = ScheduleModel(self.instance, self.churn) if whole else self.built
        instance, s = built.instance, self.settings
        return prove_bound(
            built.model,
            built.variables,
            built.objective.cost_besides_moves,
            known=floor,
            ceiling=ceiling,
            step=instance.move_cost or max(map(instance.hold_rate, instance.cast_scenes), default=0),
            time_limit=s.time_limit * s.proof_share,
            deterministic=self.deterministic,
            seed=s.seed,
            run=run,
            # Progress reports from the search show each bound as soon as it is proven.
            on_bound=lambda value: self.observer.raise_floor(value / COST_SCALE, report=False),
            first_try_limit=first_try_limit,
        )

    def _adopt(self, proof: Proof) -> None:
        """Keep the cheaper of the incumbent and a schedule the proof came across; report the bound."""
        assert self.incumbent is not None
        # A schedule the proof came across is an assignment of the whole model: on the cut-down
        # search's model it would not fit, so there only the bound is taken.
        if proof.values is not None and not self.windowed:
            better = self.built.complete(self.built.extract(proof.values), self.deterministic)
            if better is not None and better.objective < self.incumbent.objective:
                self.observer.report(better.values, better.objective)
                self.incumbent = better
        self.observer.raise_floor(proof.bound / COST_SCALE)

    def improve(self) -> None:
        """Phase 3 on large productions: neighbourhood search for the rest of the time."""
        assert self.incumbent is not None
        if not self.use_lns or self.proven or self.interrupted:
            return
        s = self.settings
        remaining = s.time_limit - (self.spent if self.deterministic else self.elapsed())
        background = self.background
        try:
            if self.windowed:
                self._improve_windowed(remaining)
                return
            self.incumbent = improve(
                self.built.model,
                self.built.variables,
                self.incumbent,
                time_limit=remaining,
                deterministic=self.deterministic,
                num_workers=self.workers if background is None else background.cores_left(self.workers),
                seed=s.seed,
                step_seconds=s.lns_step_seconds,
                on_improvement=lambda better: self.observer.report(better.values, better.objective),
                should_stop=lambda: False,
            )
        except KeyboardInterrupt:
            self.interrupted = True
            logger.warning("interrupted: keeping the best schedule so far")
        best = self.observer.best
        if best is not None and best.objective < self.incumbent.objective:
            self.incumbent = best

    def _improve_windowed(self, remaining: float) -> None:
        """The neighbourhood search on cut-down models: the model of the best board is kept."""
        assert self.incumbent is not None

        def on_improvement(built: ScheduleModel, better: Incumbent) -> None:
            # Kept at once, so Ctrl-C during a later step leaves a model and values that match.
            self.built, self.incumbent = built, better
            self.observer.variables, self.observer.objective = built.variables, built.objective
            self.observer.report(better.values, better.objective)

        s = self.settings
        self.built, self.incumbent = improve_windowed(
            self.instance,
            self.built,
            self.incumbent,
            churn=self.churn,
            time_limit=remaining,
            deterministic=self.deterministic,
            # A proof on a core of its own leaves the steps the others.
            num_workers=self.workers if self.background is None else self.background.cores_left(self.workers),
            seed=s.seed,
            step_seconds=s.lns_step_seconds,
            on_improvement=on_improvement,
        )

    def finish_proof(self) -> None:
        """Stop the proof thread (if any) and take what it proved."""
        if self.background is not None:
            self.proof = self.background.finish()
            if self.proof is not None:
                self._adopt(self.proof)

    def result(self) -> Result:
        """The schedule, scored by the solver-free scorer, with the best bound proven."""
        assert self.incumbent is not None
        schedule = self.built.schedule(self.incumbent.values, name="shootplan", created=creation_time())
        schedule = time_schedule(self.production, schedule)
        logger.info(
            "search ended: %s, model cost %s",
            self.solver.status_name(self.status),
            format_money(self.incumbent.objective / COST_SCALE),
        )
        evaluation = evaluate(self.production, schedule)
        runtime = self.elapsed()
        # The model and the scorer disagree: never hand a broken schedule over silently. On the
        # clock that is a known limit of the model (said as such); elsewhere it is a bug.
        if bugs := off_the_clock(evaluation.violations):
            verdict.error("solver schedule breaks rules: %s", "; ".join(map(str, bugs)))
        if (clock := clock_notice(evaluation.violations)) is not None:
            verdict.warning(clock.message)
        churn_cost = _churn_cost(schedule, self.churn)
        total = evaluation.cost + churn_cost
        proof = self.proof
        proved = proof.bound / COST_SCALE if proof is not None else 0.0
        proven = self.proven or (proof is not None and proof.bound >= round(total * COST_SCALE))
        bound = min(max(self.known, proved), total)
        if proven and (self.built.objective.max_tie_breaker == 0 or proof is not None):
            bound = total
        return Result(
            Status.OPTIMAL if proven else Status.FEASIBLE,
            schedule,
            total,
            bound,
            runtime,
            evaluation=evaluation,
            num_solutions=self.observer.solutions,
            interrupted=self.interrupted,
            churn_cost=churn_cost,
            bound_reasons=_bound_reasons(self.searched, self.relaxed, proved),
            # The observer sees every cheaper schedule: the full model's, the neighbourhood
            # search's, the completed warm start and any the budget proofs came across.
            last_improvement=self.observer.last_improvement,
            notices=self._notices(schedule),
        )

    def _notices(self, schedule: Schedule) -> list[Finding]:
        """The day count when the user gave none, and why any empty day inside the schedule is there."""
        extra = self.production.rules.extra_shoot_days
        days = self.horizon.notice(schedule.num_days, extra)
        return [*([days] if days is not None else []), *empty_day_reasons(self.production, schedule)]


def _bound_reasons(searched: float, relaxed: Bound, proved: float = 0.0) -> list[Finding]:
    """What the reported bound rests on: the relaxation's reasons, or CP-SAT's proof."""
    if proved > max(searched, relaxed.value):
        message = (
            f"no schedule costs less than {format_money(proved)}: asked for one that meets every rule"
            " below that cost, CP-SAT proved there is none"
        )
        return [Finding(Rule.SEARCH, message, numbers={"bound": proved})]
    if searched > relaxed.value:
        message = f"CP-SAT's search proved that no schedule costs less than {format_money(searched)}"
        return [Finding(Rule.SEARCH, message, numbers={"bound": searched})]
    return list(relaxed.reasons)


def _churn_cost(schedule: Schedule, churn: Churn | None) -> float:
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

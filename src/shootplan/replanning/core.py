"""The re-plan itself: :func:`replan`, a short list of phases over one :class:`Frame`.

The phases: apply the news and freeze what is shot (:func:`frame`); stop early when no plan can
exist; repair the old plan (:func:`~shootplan.replanning.repair.warm_start`); search around the
disruption, then the whole remaining shoot (:func:`search`); put needless moves back and lay the
frozen days in front (:func:`finished`); say why, in words.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from shootplan.errors import ProductionError
from shootplan.evaluation import Evaluation
from shootplan.findings import Finding, Rule
from shootplan.model import Production
from shootplan.replanning.changes import Changes, WeatherRule, apply_changes
from shootplan.replanning.compare import first_days, scene_key
from shootplan.replanning.guards import day_cap, days_added, today_conflicts
from shootplan.replanning.params import ReplanParams
from shootplan.replanning.polish import finish, polish
from shootplan.replanning.reasons import (
    explained_moves,
    how_full,
    infeasible,
    too_few_days,
    too_late,
    what_is_left,
)
from shootplan.replanning.repair import RepairBudget, focus, warm_start
from shootplan.replanning.result import ReplanResult
from shootplan.replanning.standins import freeze, score, with_weather
from shootplan.schedule import Schedule, ShootDay
from shootplan.solver import Progress, Result, Status, solve

__all__ = ["Frame", "replan"]

logger = logging.getLogger("shootplan.replanning")

Callback = Callable[[Progress], None]


def replan(
    production: Production,
    current: Schedule,
    *,
    today: date,
    changes: Changes | Mapping[str, Any] | None = None,
    params: ReplanParams | None = None,
    progress: Callback | None = None,
    **overrides: Any,
) -> ReplanResult:
    """Re-plan the days not yet shot after ``changes``, moving as few scenes as is worth it.

    Args:
        production: the production ``current`` was planned for.
        current: the schedule everybody works to now.
        today: days before it are shot and stay exactly as they are; so does ``today`` itself
            unless ``freeze_today=False``. A multi-day scene whose first day is shot keeps all
            its days.
        changes: what happened (:class:`Changes`, or its dict/JSON form).
        params: the settings (:class:`ReplanParams`: time limit, workers, seed, churn weights...).
        progress: called with a :class:`~shootplan.Progress` on every better plan of either
            search; its ``cost`` includes the churn cost.
        overrides: fields of :class:`ReplanParams` by name (``time_limit=5, seed=1``), applied
            over ``params`` and validated the same way.

    Returns:
        A :class:`ReplanResult`: the solver's result, the new schedule (frozen days copied from
        ``current``, unchanged days in their old shooting order), the moves with reasons, the
        cost change and the old plan's violations under the changes. When no schedule exists
        ``status`` says so and ``explanation`` says why in words.

    Raises:
        ProductionError: a change names an unknown cast id, location or scene, or would undo
            what is already shot; ``current`` lists scenes the production lacks.
        ParameterError: a setting out of range or an unknown keyword, naming it.
    """
    started = datetime.now()
    settings = (params or ReplanParams()).updated(overrides, caller="replan()")
    context = frame(production, current, today, _as_changes(changes), settings)
    previous = score(context.changed, context.checking, current, context.weather)
    if context.blocked:
        empty = Result(Status.INFEASIBLE, None, None, None, _since(started), explanation=context.blocked)
        return _replan_result(context, previous, empty)
    if reasons := too_late(context.changed, context.shot, context.open_from) or too_few_days(
        context.changed, context.shot, context.open_from
    ):
        empty = Result(Status.INFEASIBLE, None, None, None, _since(started), explanation=reasons)
        return _replan_result(context, previous, empty)
    initial = None if settings.from_scratch else _repair(context, settings)
    solved = search(context, settings, initial, progress, started)
    explanation = _explanation(context, solved)
    if solved.schedule is None or solved.evaluation is None:
        empty = Result(
            solved.status,
            None,
            None,
            None,
            _since(started),
            explanation=explanation,
            method=solved.method,
            num_solutions=solved.num_solutions,
            interrupted=solved.interrupted,
        )
        return _replan_result(context, previous, empty)
    return _replan_result(context, previous, finished(context, settings, solved, explanation, started))


@dataclass(frozen=True)
class Frame:
    """What every phase of a re-plan reads: the news applied, what is shot, what moving costs."""

    production: Production  # as given
    current: Schedule
    changes: Changes
    today: date
    open_from: date  # the first date that may change
    frozen: list[ShootDay]
    shot: set[str]
    first_date: dict[str, date]  # each scene's first date in ``current``
    changed: Production  # after the changes
    weather: list[WeatherRule]
    checking: Production  # plus the weather stand-ins
    constrained: Production  # plus the days already shot closed to new work
    churn: dict[str, tuple[date, float]]  # scene -> (planned date, cost of moving it)
    minimized: dict[str, tuple[date, float]]  # the churn the searches minimize (none from scratch)
    deterministic: bool  # one worker: the repair and the last pass count steps, not seconds
    notices: list[Finding]  # what the re-plan did that the user did not ask for in so many words
    blocked: list[Finding]  # why it must stop before solving (today's work under way, yet impossible)
    allow_more: bool  # the day count may grow beyond the plan's (ReplanParams.allow_more_days)


def frame(
    production: Production, current: Schedule, today: date, changes: Changes, settings: ReplanParams
) -> Frame:
    """Apply the news to the production and close the days already shot."""
    if isinstance(today, datetime):
        today = today.date()
    unknown = sorted(
        {n for day in current.days for n in day.scenes if not production.has_scene(n)}, key=scene_key
    )
    if unknown:
        raise ProductionError(
            f"the current schedule lists scene(s) {', '.join(unknown)}, which production"
            f" {production.name!r} lacks"
        )
    open_from, notices, blocked = _first_open_date(production, current, today, changes, settings)
    frozen = [day for day in current.days if day.date < open_from]
    first_date = {number: day.date for number, day in first_days(current).items()}
    shot = {n for day in frozen for n in day.scenes}
    # A re-plan that stops (today under way, yet impossible) reads the news as if today were open:
    # the conflict it names is the answer, not a refusal of today's news as "already shot".
    applied_from = today if blocked else open_from
    before = [day for day in current.days if day.date < applied_from]
    shot_before = {n for day in before for n in day.scenes}
    changed, weather = apply_changes(
        production,
        changes,
        open_from=applied_from,
        shot=shot_before,
        shot_dates={day.date for day in before},
        plan_days=current.num_days,
        today=today,
    )
    if settings.allow_more_days:
        changed, lifted = _lift_day_limit(changed)
        notices += lifted
    else:
        cap = day_cap(changed, current, changes)
        if cap is not None and cap != changed.rules.max_shoot_days:
            # The plan's day count is the crew's contract: it grows only when asked (add_shoot_days).
            changed = changed.replace(rules=changed.rules.model_copy(update={"max_shoot_days": cap}))
    checking = with_weather(changed, weather, shot)
    # Frozen from where the news applies: a stopped re-plan solves nothing, and its today's
    # scenes pinned to a today the news closed (a day off) would not even validate.
    constrained = freeze(checking, shot_before, first_date, applied_from)
    churn = _churn(constrained, first_date, shot, today, bool(weather), settings)
    logger.info(
        "re-planning %s from %s: %d days frozen, %d scenes to place, %d with churn costs",
        production.name,
        open_from,
        len(frozen),
        sum(1 for s in constrained.scenes if s.number not in shot),
        0 if settings.from_scratch else len(churn),
    )
    # With one worker solve() runs on CP-SAT's deterministic clock; the repair and the closing
    # pass then count their steps instead of watching the wall clock, so a re-plan repeats exactly.
    deterministic = (settings.num_workers or os.cpu_count() or 1) == 1
    return Frame(
        production, current, changes, today, open_from, frozen, shot, first_date, changed, weather,
        checking, constrained, churn, {} if settings.from_scratch else churn, deterministic,
        notices, blocked, settings.allow_more_days,
    )  # fmt: skip


def _lift_day_limit(changed: Production) -> tuple[Production, list[Finding]]:
    """With more days allowed, the production's day limit goes too: ``plan`` stores the day count
    it planned as that limit, so keeping it would allow nothing. The notice says so first."""
    limit = changed.rules.max_shoot_days
    if limit is None:
        return changed, []
    notice = Finding(
        Rule.SHOOT_DAYS,
        f"more shoot days allowed (allow_more_days / --allow-more-days): the limit of {limit} shoot"
        " days is lifted for this re-plan",
    )
    return changed.replace(rules=changed.rules.model_copy(update={"max_shoot_days": None})), [notice]


def _first_open_date(
    production: Production, current: Schedule, today: date, changes: Changes, settings: ReplanParams
) -> tuple[date, list[Finding], list[Finding]]:
    """The first date that may change, what to tell the user about it, and why to stop (if so).

    Today stays as planned when frozen, unless the news makes its work impossible: then today is
    re-planned too (a notice says so), or, when today's work is under way, the re-plan stops.
    """
    if not settings.freeze_today:
        return today, [], []
    conflicts = today_conflicts(production, changes, current, today)
    if not conflicts:
        return today + timedelta(days=1), [], []
    if settings.today_under_way:
        stop = Finding(
            Rule.SEARCH,
            f"today's work ({today}) is under way, so it cannot be re-planned, but the changes make"
            " it impossible; re-plan today too (leave out today_under_way / --today-under-way) or"
            " change the news:",
            dates=(today,),
        )
        return today + timedelta(days=1), [], [stop, *conflicts]
    notice = Finding(
        Rule.SEARCH,
        f"today ({today}) is re-planned too: "
        + "; ".join(c.message for c in conflicts)
        + " (say --today-under-way / today_under_way=True if today's work has started)",
        scenes=tuple(n for c in conflicts for n in c.scenes),
        dates=(today,),
    )
    return today, [notice], []


def _churn(
    constrained: Production,
    first_date: Mapping[str, date],
    shot: set[str],
    today: date,
    rained: bool,
    settings: ReplanParams,
) -> dict[str, tuple[date, float]]:
    """Each scene not yet shot: its planned date and what moving it off that date costs."""
    churn: dict[str, tuple[date, float]] = {}
    for number, planned in first_date.items():
        if number in shot or not constrained.has_scene(number):
            continue
        ahead = max(0, (planned - today).days)
        weight = settings.weight_churn * (1 + settings.near_term_factor / (1 + ahead))
        if rained and constrained.scene(number).cover:
            weight *= settings.cover_factor
        churn[number] = (planned, round(weight, 2))
    return churn


def _repair_seconds(settings: ReplanParams) -> float:
    return min(settings.repair_max_seconds, settings.repair_share * settings.time_limit)


def _repair(context: Frame, settings: ReplanParams) -> Schedule:
    """The old plan repaired by hand-board moves: the searches' warm start."""
    seconds = _repair_seconds(settings)
    steps = round(seconds * settings.repair_steps_per_second) if context.deterministic else None
    budget = RepairBudget(settings.seed, seconds, steps, settings.max_ejected, settings.tabu_tenure)
    c = context
    return warm_start(c.constrained, c.current, c.shot, c.open_from, c.weather, budget)


def search(
    context: Frame,
    settings: ReplanParams,
    initial: Schedule | None,
    progress: Callback | None,
    started: datetime,
) -> Result:
    """First the AD's way, re-boarding only the days around the disruption (small, often proven
    optimal in a second); then the whole remaining shoot from that plan; the better of the two."""
    focus_from = _since(started)
    focused = _shifted(_local_search(context, settings, initial, progress), focus_from)
    if focused is not None and focused.schedule is not None:
        initial = focused.schedule
        if focused.interrupted:
            return focused  # Ctrl-C: keep what the local re-board found
    if context.deterministic:
        # What the steps above were allowed, not what the clock says they took.
        spent = 0.0 if settings.from_scratch else _repair_seconds(settings)
        spent += settings.time_limit * settings.focus_share if focused is not None else 0.0
    else:
        spent = _since(started)
    seconds = max(1.0, settings.time_limit * (1 - settings.polish_share) - spent)
    solve_from = _since(started)
    solved = _shifted(_solve(context.constrained, context, settings, seconds, initial, progress), solve_from)
    assert solved is not None
    if focused is None or focused.objective is None:
        return solved
    if solved.objective is None or focused.objective < solved.objective - 1e-6:
        # The whole-shoot search starts from the local plan but may not return to it: keep the
        # better of the two (the local one is a schedule of the same problem).
        return dataclasses.replace(
            solved,
            status=Status.FEASIBLE,
            schedule=focused.schedule,
            objective=focused.objective,
            evaluation=focused.evaluation,
            explanation=[],
            last_improvement=focused.last_improvement,
        )
    return solved


def _shifted(result: Result | None, offset: float) -> Result | None:
    """``result`` with its last improvement counted from the re-plan's start, not its own solve's."""
    if result is None or result.last_improvement is None:
        return result
    return dataclasses.replace(result, last_improvement=offset + result.last_improvement)


def _local_search(
    context: Frame, settings: ReplanParams, initial: Schedule | None, progress: Callback | None
) -> Result | None:
    """The days around the disruption re-boarded, every other scene pinned where the repair put it."""
    if initial is None:
        return None
    c = context
    local = focus(
        c.constrained, c.current, initial, c.shot, c.open_from, c.weather, reach=settings.focus_reach
    )
    if local is None:
        return None
    seconds = settings.time_limit * settings.focus_share
    focused = _solve(local, context, settings, seconds, initial, progress)
    logger.info("local re-board: %s, cost with churn %s", focused.status.value, focused.objective)
    return focused


def _solve(
    problem: Production,
    context: Frame,
    settings: ReplanParams,
    seconds: float,
    initial: Schedule | None,
    progress: Callback | None,
) -> Result:
    return solve(
        problem,
        time_limit=seconds,
        num_workers=settings.num_workers,
        seed=settings.seed,
        progress=progress,
        initial=initial,
        churn=context.minimized or None,
        proof_share=0,  # a re-plan is wanted fast: all its time goes to the search
        explain=False,  # the re-plan explains in its own words (infeasible)
    )


def _explanation(context: Frame, solved: Result) -> list[Finding]:
    """Why the search found nothing (empty when it found a schedule)."""
    c = context
    if solved.status is Status.INFEASIBLE:
        findings = infeasible(c.constrained, c.weather, c.open_from, c.shot)
        if all(finding.rule is Rule.SEARCH for finding in findings):
            findings.append(what_is_left(c.constrained, c.shot, c.open_from))
        return findings
    findings = list(solved.explanation)
    if solved.status is Status.NO_SOLUTION and (full := how_full(c.constrained, c.shot, c.open_from)):
        findings.append(full)
    return findings


def finished(
    context: Frame, settings: ReplanParams, solved: Result, explanation: list[Finding], started: datetime
) -> Result:
    """The solved plan polished, the frozen days laid in front, scored with churn and weather."""
    c = context
    assert solved.schedule is not None
    best = solved.schedule
    if solved.status is not Status.OPTIMAL and not solved.interrupted and c.minimized:
        deadline = max(
            started + timedelta(seconds=settings.time_limit), datetime.now() + timedelta(seconds=0.5)
        )
        best = polish(
            c.constrained,
            best,
            c.minimized,
            deadline=None if c.deterministic else deadline,
            max_passes=settings.polish_passes,
        )
    schedule, frozen_extra = finish(
        c.changed, c.checking, best, c.current, c.frozen, c.open_from, c.weather, f"re-planned {c.today}"
    )
    evaluation = score(c.changed, c.checking, schedule, c.weather)
    churn_cost = float(
        sum(w for n, (_, w) in c.churn.items() if c.first_date.get(n) != _first_date(schedule, n))
    )
    objective = evaluation.cost + (0.0 if settings.from_scratch else churn_cost)
    if evaluation.violations:
        logger.error("re-planned schedule breaks rules: %s", "; ".join(map(str, evaluation.violations)))
    return Result(
        solved.status,
        schedule,
        objective,
        None if solved.bound is None else min(objective, solved.bound + frozen_extra),
        _since(started),
        evaluation=evaluation,
        explanation=explanation,
        method=solved.method + (" (from scratch)" if settings.from_scratch else ""),
        num_solutions=solved.num_solutions,
        interrupted=solved.interrupted,
        churn_cost=churn_cost,
        last_improvement=solved.last_improvement,
    )


def _replan_result(context: Frame, previous: Evaluation, result: Result) -> ReplanResult:
    c = context
    moves = []
    if result.schedule is not None:
        moves = explained_moves(c.current, result.schedule, c.checking, c.changes, c.weather, c.shot)
    return ReplanResult(
        result=result,
        production=c.changed,
        before=c.production,
        previous=c.current,
        previous_evaluation=previous,
        changes=c.changes,
        today=c.today,
        open_from=c.open_from,
        num_frozen_days=len(c.frozen),
        moves=moves,
        notices=[
            *filter(None, [days_added(c.current, result.schedule, c.changes, c.allow_more)]),
            *c.notices,
        ],
    )


def _as_changes(changes: Changes | Mapping[str, Any] | None) -> Changes:
    if changes is None:
        return Changes()
    return changes if isinstance(changes, Changes) else Changes.model_validate(changes)


def _since(started: datetime) -> float:
    return (datetime.now() - started).total_seconds()


def _first_date(schedule: Schedule, number: str) -> date | None:
    return next((day.date for day in schedule.days if number in day.scenes), None)

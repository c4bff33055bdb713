"""The re-plan itself: :func:`replan`, a short list of phases."""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from shootplan.errors import ProductionError
from shootplan.evaluation import Evaluation
from shootplan.model import (
    Production,
)
from shootplan.replanning.changes import Changes, apply_changes
from shootplan.replanning.compare import first_days, scene_key
from shootplan.replanning.polish import POLISH_SHARE, finish, polish
from shootplan.replanning.reasons import (
    explain,
    explained_moves,
    how_full,
    too_few_days,
    too_late,
    what_is_left,
)
from shootplan.replanning.repair import FOCUS_SHARE, focus, warm_start
from shootplan.replanning.result import ReplanResult
from shootplan.replanning.standins import freeze, score, with_weather
from shootplan.schedule import Schedule
from shootplan.solver import Progress, Result, Status, solve

__all__ = ["replan"]

logger = logging.getLogger("shootplan.replanning")


def replan(
    production: Production,
    current: Schedule,
    *,
    today: date,
    changes: Changes | Mapping[str, Any] | None = None,
    freeze_today: bool = True,
    time_limit: float = 30.0,
    num_workers: int | None = None,
    seed: int = 0,
    weight_churn: float = 1000.0,
    near_term_factor: float = 4.0,
    cover_factor: float = 0.1,
    from_scratch: bool = False,
    callback: Callable[[Progress], None] | None = None,
) -> ReplanResult:
    """Re-plan the days not yet shot after ``changes``, moving as few scenes as is worth it.

    Args:
        production: the production ``current`` was planned for.
        current: the schedule everybody works to now.
        today: days before it are shot and stay exactly as they are; so does ``today`` itself
            when ``freeze_today`` (the unit is shooting it). A multi-day scene whose first day is
            shot keeps all its days.
        changes: what happened (:class:`Changes`, or its dict/JSON form).
        time_limit: seconds for the whole re-plan (repair, two searches and a last pass).
        num_workers, seed: as :func:`shootplan.solve`; with one worker and a seed a re-plan repeats
            exactly (the repair and the closing pass then count steps, not seconds).
        callback: as :func:`shootplan.solve`, called on every better plan of either search;
            its ``cost`` includes the churn cost.
        weight_churn: what moving one scene off the date crews were told costs, in the
            production's currency, before the near-term factor. Every move means new call
            sheets, re-booked people and equipment; a scene moves only where that saves more.
        near_term_factor: moves close to today cost more, because people have already prepared
            for them: a scene planned ``d`` calendar days from today costs
            ``weight_churn x (1 + near_term_factor / (1 + d))`` to move. With the defaults
            (1,000 and 4), moving tomorrow's scene costs 3,000, one a week out 1,500 and one a
            month out about 1,130.
        cover_factor: weather cover. Cover sets (``Scene.cover``: interiors with their cast on
            hand) exist to be moved at short notice, so when the changes include weather their
            churn cost is multiplied by this factor (default 0.1). Together with the warm start,
            which swaps cover scenes into each rained-out day (nearest first, where they fit)
            and moves the lost exteriors to the nearest day with room, this makes the re-plan
            fill a rained-out day from the cover sets first; it keeps another arrangement only
            when that is cheaper in holds and moves.
        from_scratch: ignore the old plan for the days not yet shot: no churn cost and no warm
            start from it (what a full re-solve would give; for comparison). ``churn_cost`` then
            reports what its moves would cost, but ``objective`` is the plain cost.

    Returns:
        A :class:`ReplanResult`: the usual solver fields, the new schedule (frozen days copied
        from ``current``, unchanged days in their old shooting order), the moves with reasons,
        the cost change and the old plan's violations under the changes. When no schedule exists
        (the lead is away on a pinned day, too few days left...) ``status`` says so and
        ``explanation`` says why in words.

    Raises:
        ProductionError: a change names an unknown cast id, location or scene, or would undo
            what is already shot; ``current`` lists scenes the production lacks.
    """
    started = datetime.now()
    if isinstance(today, datetime):
        today = today.date()
    if changes is None:
        changes = Changes()
    elif not isinstance(changes, Changes):
        changes = Changes.model_validate(changes)
    for name, value in (
        ("weight_churn", weight_churn),
        ("near_term_factor", near_term_factor),
        ("cover_factor", cover_factor),
    ):
        if not (value >= 0 and math.isfinite(value)):
            raise ValueError(f"{name} must be a finite number >= 0, not {value}")
    unknown = sorted(
        {n for day in current.days for n in day.scenes if not production.has_scene(n)}, key=scene_key
    )
    if unknown:
        raise ProductionError(
            f"the current schedule lists scene(s) {', '.join(unknown)}, which production"
            f" {production.name!r} lacks"
        )

    open_from = today + timedelta(days=1) if freeze_today else today
    frozen = [day for day in current.days if day.date < open_from]
    first_date = {number: day.date for number, day in first_days(current).items()}
    shot = {n for day in frozen for n in day.scenes}
    changed, weather = apply_changes(
        production,
        changes,
        open_from=open_from,
        shot=shot,
        shot_dates={day.date for day in frozen},
        plan_days=current.num_days,
    )
    checking = with_weather(changed, weather, shot)

    def result(
        status: Status, schedule: Schedule | None, evaluation: Evaluation | None, **extra: Any
    ) -> ReplanResult:
        return ReplanResult(
            status,
            schedule,
            extra.pop("objective", None),
            extra.pop("bound", None),
            (datetime.now() - started).total_seconds(),
            evaluation=evaluation,
            production=changed,
            before=production,
            previous=current,
            previous_evaluation=previous_evaluation,
            changes=changes,
            today=today,
            open_from=open_from,
            num_frozen_days=len(frozen),
            **extra,
        )

    previous_evaluation = score(changed, checking, current, weather)
    reasons = too_late(changed, shot, open_from) or too_few_days(changed, shot, open_from)
    if reasons:
        return result(Status.INFEASIBLE, None, None, explanation=reasons)
    constrained = freeze(checking, shot, first_date, open_from)
    churn: dict[str, tuple[date, float]] = {}
    for number, planned in first_date.items():
        if number in shot or not constrained.has_scene(number):
            continue
        ahead = max(0, (planned - today).days)
        weight = weight_churn * (1 + near_term_factor / (1 + ahead))
        if weather and constrained.scene(number).cover:
            weight *= cover_factor
        churn[number] = (planned, round(weight, 2))
    # With one worker solve() runs on CP-SAT's deterministic clock; the repair and the closing
    # pass then count their steps instead of watching the wall clock, so a re-plan repeats exactly.
    deterministic = (num_workers or os.cpu_count() or 1) == 1
    initial = None
    if not from_scratch:
        budget = min(2.0, 0.1 * time_limit)
        initial = warm_start(
            constrained,
            current,
            shot,
            open_from,
            weather,
            seed=seed,
            seconds=budget,
            deterministic=deterministic,
        )
    minimized = {} if from_scratch else churn
    logger.info(
        "re-planning %s from %s: %d days frozen, %d scenes to place, %d with churn costs",
        production.name,
        open_from,
        len(frozen),
        sum(1 for s in constrained.scenes if s.number not in shot),
        len(minimized),
    )
    focused: Result | None = None
    if initial is not None:
        local = focus(constrained, current, initial, shot, open_from, weather)
        if local is not None:
            # First the AD's way: re-board only the days around the disruption (small, often
            # proven optimal in a second), then the whole remaining shoot from that plan.
            focused = solve(
                local,
                time_limit=time_limit * FOCUS_SHARE,
                num_workers=num_workers,
                seed=seed,
                callback=callback,
                initial=initial,
                churn=minimized or None,
                proof_share=0,  # a re-plan is wanted fast: all its time goes to the search
            )
            if focused.schedule is not None:
                initial = focused.schedule
            logger.info("local re-board: %s, cost with churn %s", focused.status.value, focused.objective)
    if focused is not None and focused.interrupted and focused.schedule is not None:
        solved = focused  # Ctrl-C: keep what the local re-board found
    else:
        if deterministic:
            # What the steps above were allowed, not what the clock says they took.
            spent = (0.0 if from_scratch else budget) + (time_limit * FOCUS_SHARE if focused else 0.0)
        else:
            spent = (datetime.now() - started).total_seconds()
        solved = solve(
            constrained,
            time_limit=max(1.0, time_limit * (1 - POLISH_SHARE) - spent),
            num_workers=num_workers,
            seed=seed,
            callback=callback,
            initial=initial,
            churn=minimized or None,
            proof_share=0,
        )
    local_objective = focused.objective if focused is not None else None
    if local_objective is not None and (
        solved.objective is None or local_objective < solved.objective - 1e-6
    ):
        # The whole-shoot search starts from the local plan but may not return to it: keep the
        # better of the two (the local one is a schedule of the same problem).
        assert focused is not None
        solved = dataclasses.replace(
            solved,
            status=Status.FEASIBLE,
            schedule=focused.schedule,
            objective=local_objective,
            evaluation=focused.evaluation,
            explanation=[],
        )
    explanation = explain(solved.explanation, weather, open_from, shot)
    if solved.status is Status.INFEASIBLE and not any(
        line.startswith(("scene", "-")) for line in explanation
    ):
        explanation.append(what_is_left(constrained, shot, open_from))
    if solved.status is Status.NO_SOLUTION and (full := how_full(constrained, shot, open_from)):
        explanation.append(full)
    if solved.schedule is None or solved.evaluation is None:
        return result(
            solved.status,
            None,
            None,
            explanation=explanation,
            method=solved.method,
            num_solutions=solved.num_solutions,
            interrupted=solved.interrupted,
        )
    best = solved.schedule
    if solved.status is not Status.OPTIMAL and not solved.interrupted and minimized:
        deadline = max(started + timedelta(seconds=time_limit), datetime.now() + timedelta(seconds=0.5))
        best = polish(constrained, best, minimized, deadline=None if deterministic else deadline)
    schedule, frozen_extra = finish(
        changed, checking, best, current, frozen, open_from, weather, f"re-planned {today}"
    )
    evaluation = score(changed, checking, schedule, weather)
    churn_cost = float(
        sum(w for n, (planned, w) in churn.items() if first_date.get(n) != _first_date(schedule, n))
    )
    objective = evaluation.cost + (0.0 if from_scratch else churn_cost)
    bound = None if solved.bound is None else min(objective, solved.bound + frozen_extra)
    moves = explained_moves(current, schedule, checking, changes, weather, shot)
    if evaluation.violations:
        logger.error("re-planned schedule breaks rules: %s", "; ".join(map(str, evaluation.violations)))
    return result(
        solved.status,
        schedule,
        evaluation,
        objective=objective,
        bound=bound,
        explanation=explanation,
        method=solved.method + (" (from scratch)" if from_scratch else ""),
        num_solutions=solved.num_solutions,
        interrupted=solved.interrupted,
        churn_cost=churn_cost,
        moves=moves,
    )


def _first_date(schedule: Schedule, number: str) -> date | None:
    return next((day.date for day in schedule.days if number in day.scenes), None)

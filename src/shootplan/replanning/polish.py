"""The re-plan's last steps: put back scenes the search moved for nothing, and lay the solved days
after the frozen ones.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from shootplan.evaluation import evaluate
from shootplan.model import (
    Production,
)
from shootplan.replanning.changes import WeatherRule
from shootplan.replanning.standins import score
from shootplan.schedule import Schedule, ShootDay
from shootplan.solver.heuristics import order_day
from shootplan.solver.instance import Instance

__all__ = ["POLISH_SHARE", "finish", "polish"]

logger = logging.getLogger("shootplan.replanning")


# Passes of the closing pass when it runs without a clock (each pass ends or improves the cost).
_POLISH_PASSES = 5


# Time for the closing pass that undoes moves the search left in place needlessly (beyond the limit).
POLISH_SHARE = 0.1


def polish(
    production: Production,
    schedule: Schedule,
    churn: Mapping[str, tuple[date, float]],
    *,
    deadline: datetime | None,
) -> Schedule:
    """Put moved scenes back where crews expect them whenever that breaks no rule and costs less.

    A short search does not always return every scene it moved for nothing. For each moved scene,
    dearest move first, this tries its planned day again, alone or swapped with a scene that moved
    onto that day, and keeps the change when cost plus churn drops (checked by the scorer).
    Without a ``deadline`` it makes at most ``_POLISH_PASSES`` passes (the same on any machine).
    """
    dates = schedule.dates()
    position = {d: i for i, d in enumerate(dates)}
    instance = Instance.build(production, len(dates))
    index = {scene.number: i for i, scene in enumerate(instance.scenes)}
    days = [list(day.scenes) for day in schedule.days]

    def value(candidate: list[list[str]]) -> float | None:
        trial = Schedule.from_day_lists(production, candidate)
        evaluation = evaluate(production, trial)
        if evaluation.violations:
            return None
        first = {n: trial.days[i].date for i in reversed(range(len(candidate))) for n in candidate[i]}
        return evaluation.cost + sum(w for n, (planned, w) in churn.items() if first.get(n) != planned)

    def ordered(day: list[str]) -> list[str]:
        return [instance.scenes[s].number for s in order_day(instance, [index[n] for n in day])]

    best = value(days)
    if best is None:
        return schedule

    def out_of_time() -> bool:
        return deadline is not None and datetime.now() >= deadline

    improved = True
    passes = 0
    while improved and not out_of_time() and (deadline is not None or passes < _POLISH_PASSES):
        improved = False
        passes += 1
        where = {n: i for i, day in enumerate(days) for n in day}
        moved = [
            n
            for n, (planned, _) in sorted(churn.items(), key=lambda item: -item[1][1])
            if n in where
            and planned in position
            and position[planned] != where[n]
            and production.days_needed(production.scene(n)) == 1
        ]
        for number in moved:
            if out_of_time():
                break
            home, here = position[churn[number][0]], where[number]
            options: list[list[str]] = [[]]  # alone, or swapped with a scene that moved onto its day
            options += [
                [other]
                for other in days[home]
                if other in churn
                and churn[other][0] != dates[home]
                and production.days_needed(production.scene(other)) == 1
            ]
            for swap in options:
                trial = [list(day) for day in days]
                trial[here].remove(number)
                trial[home].append(number)
                for other in swap:
                    trial[home].remove(other)
                    trial[here].append(other)
                trial[here], trial[home] = ordered(trial[here]), ordered(trial[home])
                score = value(trial)
                if score is not None and score < best - 1e-6:
                    days, best, improved = trial, score, True
                    logger.info("polish: scene %s back to %s (swap %s)", number, dates[home], swap)
                    break
            if improved:
                break
    while days and not days[-1]:
        days.pop()
    return Schedule.from_day_lists(production, days, name=schedule.name, created=schedule.created)


# --------------------------------------------------------------------------- finishing


def finish(
    production: Production,
    checking: Production,
    solved: Schedule,
    current: Schedule,
    frozen: list[ShootDay],
    open_from: date,
    weather: Sequence[WeatherRule],
    name: str,
) -> tuple[Schedule, float]:
    """The solver's days after the frozen ones, numbered on; unchanged days in their old order.

    Returns the schedule and what the frozen days' own shooting order adds to the cost (a
    constant of every schedule, so a bound shifted by it stays a bound).
    """
    old_by_date = {day.date: day for day in current.days}
    rest = [day for day in solved.days if day.date >= open_from]
    past = {n for day in solved.days if day.date < open_from for n in day.scenes}
    if past != {n for day in frozen for n in day.scenes}:
        logger.error("the search changed shot days (please report): %s", sorted(past))
    number = frozen[-1].number if frozen else 0
    as_solved = [*frozen]
    kept_order = [*frozen]
    for offset, day in enumerate(rest, start=number + 1):
        as_solved.append(ShootDay(number=offset, date=day.date, scenes=list(day.scenes)))
        old = old_by_date.get(day.date)
        same = old is not None and sorted(old.scenes) == sorted(day.scenes)
        scenes = list(old.scenes) if same and old is not None else list(day.scenes)
        kept_order.append(ShootDay(number=offset, date=day.date, scenes=scenes))
    created = solved.created
    first = Schedule(name=name, days=as_solved, created=created)
    second = Schedule(name=name, days=kept_order, created=created)
    solver_cost = evaluate(checking, solved).cost
    plain = score(production, checking, first, weather)
    kept = score(production, checking, second, weather)
    chosen = second if kept.cost <= plain.cost and len(kept.violations) <= len(plain.violations) else first
    return chosen, max(0.0, plain.cost - solver_cost)

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

__all__ = ["finish", "polish"]

logger = logging.getLogger("shootplan.replanning")


def polish(
    production: Production,
    schedule: Schedule,
    churn: Mapping[str, tuple[date, float]],
    *,
    deadline: datetime | None,
    max_passes: int,
) -> Schedule:
    """Put moved scenes back where crews expect them whenever that breaks no rule and costs less.

    A short search does not always return every scene it moved for nothing. For each moved scene,
    dearest move first, this tries its planned day again, alone or swapped with a scene that moved
    onto that day, and keeps the change when cost plus churn drops (checked by the scorer).
    Without a ``deadline`` it makes at most ``max_passes`` passes (the same on any machine).
    """
    board = _Polisher(production, schedule, churn)
    days = [list(day.scenes) for day in schedule.days]
    best = board.value(days)
    if best is None:
        return schedule

    def out_of_time() -> bool:
        return deadline is not None and datetime.now() >= deadline

    improved = True
    passes = 0
    while improved and not out_of_time() and (deadline is not None or passes < max_passes):
        improved = False
        passes += 1
        for number in board.moved(days):
            if out_of_time():
                break
            better = board.put_back(days, number, best)
            if better is not None:
                days, best = better
                improved = True
                break
    while days and not days[-1]:
        days.pop()
    return Schedule.from_day_lists(production, days, name=schedule.name, created=schedule.created)


class _Polisher:
    """What the closing pass needs at hand: the dates, the churn costs and the day order."""

    def __init__(
        self, production: Production, schedule: Schedule, churn: Mapping[str, tuple[date, float]]
    ) -> None:
        self.production = production
        self.churn = churn
        self.dates = schedule.dates()
        self.position = {d: i for i, d in enumerate(self.dates)}
        self.instance = Instance.build(production, len(self.dates))
        self.index = {scene.number: i for i, scene in enumerate(self.instance.scenes)}

    def value(self, candidate: list[list[str]]) -> float | None:
        """Cost plus churn of these day lists; None when they break a rule."""
        trial = Schedule.from_day_lists(self.production, candidate)
        evaluation = evaluate(self.production, trial)
        if evaluation.violations:
            return None
        first = {n: trial.days[i].date for i in reversed(range(len(candidate))) for n in candidate[i]}
        return evaluation.cost + sum(w for n, (planned, w) in self.churn.items() if first.get(n) != planned)

    def ordered(self, day: list[str]) -> list[str]:
        instance = self.instance
        return [instance.scenes[s].number for s in order_day(instance, [self.index[n] for n in day])]

    def single(self, number: str) -> bool:
        return self.production.days_needed(self.production.scene(number)) == 1

    def moved(self, days: list[list[str]]) -> list[str]:
        """Single-day scenes off their planned day, dearest move first."""
        where = {n: i for i, day in enumerate(days) for n in day}
        return [
            n
            for n, (planned, _) in sorted(self.churn.items(), key=lambda item: -item[1][1])
            if n in where
            and planned in self.position
            and self.position[planned] != where[n]
            and self.single(n)
        ]

    def put_back(
        self, days: list[list[str]], number: str, best: float
    ) -> tuple[list[list[str]], float] | None:
        """The days with ``number`` back on its planned day (alone, or swapped with a scene that
        moved onto that day) and their value, when that is cheaper than ``best``."""
        home = self.position[self.churn[number][0]]
        here = next(i for i, day in enumerate(days) if number in day)
        options: list[list[str]] = [[]]
        options += [
            [other]
            for other in days[home]
            if other in self.churn and self.churn[other][0] != self.dates[home] and self.single(other)
        ]
        for swap in options:
            trial = [list(day) for day in days]
            trial[here].remove(number)
            trial[home].append(number)
            for other in swap:
                trial[home].remove(other)
                trial[here].append(other)
            trial[here], trial[home] = self.ordered(trial[here]), self.ordered(trial[home])
            score = self.value(trial)
            if score is not None and score < best - 1e-6:
                logger.info("polish: scene %s back to %s (swap %s)", number, self.dates[home], swap)
                return trial, score
        return None


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

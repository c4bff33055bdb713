"""The CP-SAT model of one instance, in one class: build it, hint it, complete and read schedules.

:class:`ScheduleModel` puts the parts together (variables, one constraint function per rule
family, the objective) and owns the two translations between a day-by-day schedule and the
model's variables: a schedule into hints or a full assignment (``hint``, ``complete``) and an
assignment back into days (``extract``). Everything else in ``solver/`` works through it, so the
meaning of the variables is read and written in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ortools.sat.python import cp_model

from shootplan.evaluation import cast_work, evaluate
from shootplan.findings import Finding, Rule
from shootplan.model import Production
from shootplan.schedule import Schedule, ShootDay
from shootplan.solver.constraints import add_all
from shootplan.solver.deterministic import deterministic_budget
from shootplan.solver.heuristics import hand_board, order_day
from shootplan.solver.instance import COST_SCALE, Instance, default_horizon
from shootplan.solver.lns import Incumbent, hint_assignment
from shootplan.solver.objective import Objective
from shootplan.solver.variables import Variables

__all__ = ["Horizon", "ScheduleModel", "board_days", "plan_horizon", "to_schedule"]

# Completing a fixed schedule is propagation, not search: this is ample on any board.
_COMPLETE_SECONDS = 10.0


@dataclass(frozen=True)
class Horizon:
    """The candidate days a solve plans over, and how their number was chosen.

    ``days``: candidate days (the first ``first`` of them have nothing that may be shot); ``warm``:
    the hand method's board when it was built to find them; ``fewest``: the fewest shoot days the
    caps allow and ``allowed`` the shoot days allowed, both None when the production gives a count.
    """

    days: int
    warm: list[list[int]] | None = None
    first: int = 0
    fewest: int | None = None
    allowed: int | None = None

    def notice(self, used: int, extra: int) -> Finding | None:
        """One line on the day count when the user gave none: how many, and why that many."""
        if self.fewest is None or self.allowed is None:
            return None
        if used <= self.fewest:
            message = (
                f"no day count given: planned on the fewest shoot days the caps allow ({used})"
                f" plus {extra} extra allowed (rules.extra_shoot_days)"
            )
        else:
            message = (
                f"no day count given: planned on {used} shoot days; the page and time caps alone"
                f" allow {self.fewest}, the hand method's board needs {self.allowed - extra} (dates,"
                f" locations, turnaround), and up to that plus {extra} extra (rules.extra_shoot_days)"
                " were allowed"
            )
        numbers = {"shoot_days": used, "fewest": self.fewest, "allowed": self.allowed, "extra": extra}
        return Finding(Rule.SHOOT_DAYS, message, numbers=numbers)


def plan_horizon(production: Production) -> Horizon:
    """Candidate days, and the hand method's board when it was built to find them.

    The limit if the production sets one (counted from the first date anything may be shot).
    Else the hand method is tried on a growing horizon until it places every scene, so that an
    actor who is away for weeks or a late location window never makes a feasible plan look
    infeasible for lack of days; then the plan may use as many days as the hand method's board
    (never fewer than the caps need) plus ``rules.extra_shoot_days``. First-fit fills days from
    the start, so its board does not change when the horizon grows past it: the warm start reuses it.
    """
    limit = production.rules.max_shoot_days
    if limit is not None:
        return Horizon(limit + Instance.build(production, limit).first_day)
    horizon = default_horizon(production, None)
    for _ in range(6):
        probe = Instance.build(production, horizon)
        warm = hand_board(probe)
        if _places_all(probe, warm):
            return _fewest_days(probe, warm)
        horizon *= 2
    return Horizon(horizon)


def _fewest_days(probe: Instance, warm: list[list[int]]) -> Horizon:
    """The days a production with no day count is planned within: the hand method's board, the
    caps' minimum and the rules' slack, when that board is a whole valid plan."""
    production, first = probe.production, probe.first_day
    extra = production.rules.extra_shoot_days
    fewest = production.min_shoot_days()
    hand = to_schedule(probe, warm)
    if evaluate(production, hand).violations:
        # The hand method leaves scene order and same-day groups to the solver: its board then
        # proves nothing about the days needed, so the old generous horizon stays.
        horizon = default_horizon(production, len(warm)) + extra
        return Horizon(horizon, warm, first, fewest, horizon - first)
    allowed = max(fewest, hand.num_days) + extra
    return Horizon(first + allowed, warm, first, fewest, allowed)


def to_schedule(
    instance: Instance, days: list[list[int]], *, name: str = "", created: datetime | None = None
) -> Schedule:
    """The schedule of day lists of scene indices over the instance's days: Day 1 is the first day
    with work (candidate days before it are no shoot days), the last day with work ends it."""
    busy = [d for d, scenes in enumerate(days) if scenes]
    if not busy:
        return Schedule(name=name, created=created)
    shoot_days = [
        ShootDay(number=i + 1, date=instance.dates[d], scenes=[instance.scenes[s].number for s in days[d]])
        for i, d in enumerate(range(busy[0], busy[-1] + 1))
    ]
    return Schedule(name=name, created=created, days=shoot_days)


def board_days(instance: Instance, schedule: Schedule) -> list[list[int]]:
    """A schedule as lists of scene indices per candidate day (scenes not in the instance left out)."""
    index = {scene.number: s for s, scene in enumerate(instance.scenes)}
    position = {when: d for d, when in enumerate(instance.dates)}
    days: list[list[int]] = [[] for _ in range(instance.horizon)]
    for day in schedule.days:
        if day.date in position:  # by date: a schedule may start after the first candidate day
            days[position[day.date]] = [index[n] for n in day.scenes if n in index]
    while days and not days[-1]:
        days.pop()
    return days


def _places_all(instance: Instance, days: list[list[int]]) -> bool:
    return len({s for day in days for s in day}) == len(instance.scenes)


class ScheduleModel:
    """The CP-SAT model of ``instance``: every rule family added, the producer's cost minimized.

    ``churn`` (re-planning): scene number -> (planned date, cost of moving it off that date).
    """

    def __init__(self, instance: Instance, churn: Mapping[str, tuple[date, float]] | None = None) -> None:
        self.instance = instance
        self.model = cp_model.CpModel()
        self.variables = Variables.create(self.model, instance)
        add_all(self.variables)
        self.objective = Objective(self.variables, _churn_terms(instance, churn))

    def validate(self) -> None:
        """Raise if CP-SAT finds the model malformed: that is a bug in shootplan, not the data."""
        problems = self.model.validate()
        if problems:
            raise RuntimeError(f"shootplan built an invalid CP-SAT model (please report): {problems}")

    def days_of(self, schedule: Schedule) -> list[list[int]]:
        """A schedule as lists of scene indices per candidate day (scenes not in the model left out)."""
        return board_days(self.instance, schedule)

    def schedule(self, values: list[int], *, name: str = "", created: datetime | None = None) -> Schedule:
        """The schedule of a full assignment (its days from :meth:`extract`)."""
        return to_schedule(self.instance, self.extract(values), name=name, created=created)

    def extract(self, values: list[int]) -> list[list[int]]:
        """The days of a full assignment: scene indices per used day, in shooting order."""
        v, instance = self.variables, self.instance
        days: list[list[int]] = [[] for _ in range(instance.horizon)]
        for s, starts in enumerate(v.start):
            for d, literal in starts.items():
                if values[literal.Index()]:
                    for i in range(instance.length[s]):
                        days[d + i].append(s)
        used = max((d + 1 for d in range(instance.horizon) if days[d]), default=0)
        return [order_day(instance, day) for day in days[:used]]

    def complete(self, days: list[list[int]], deterministic: bool) -> Incumbent | None:
        """The full model assignment of a day-by-day schedule, or None if it breaks a rule."""
        v = self.variables
        if not _places_all(self.instance, days):
            return None
        fixed = self.model.clone()
        for d, scenes in enumerate(days):
            for s in scenes:
                literal = v.start[s].get(d)
                if literal is None:
                    if not any(d - i in v.start[s] for i in range(1, self.instance.length[s])):
                        return None
                    continue  # a later day of a multi-day scene
                domain = fixed.proto.variables[literal.Index()].domain
                domain.clear()
                domain.extend([1, 1])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.catch_sigint_signal = False
        if deterministic:
            solver.parameters.max_deterministic_time = deterministic_budget(_COMPLETE_SECONDS)
        else:
            solver.parameters.max_time_in_seconds = _COMPLETE_SECONDS
        status = solver.solve(fixed)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return Incumbent(list(solver.response_proto.solution), solver.objective_value)

    def hint_values(self, values: list[int]) -> None:
        """Hint every variable with a whole assignment of this model (another search's schedule)."""
        hint_assignment(self.model, values)

    def hint(self, days: list[list[int]]) -> None:
        """Hint every variable from a (possibly partial) schedule so CP-SAT starts from it."""
        v, instance, model = self.variables, self.instance, self.model
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
        worked = [d for d in range(instance.horizon) if on_day[d]]
        first_used, last_used = (worked[0], worked[-1]) if worked else (0, -1)
        for d, used in enumerate(v.used):
            model.add_hint(used, first_used <= d <= last_used)
            model.add_hint(v.busy[d], bool(on_day[d]))
        for name, at in v.at.items():
            for d, literal in at.items():
                model.add_hint(literal, any(instance.scenes[s].location == name for s in on_day[d]))
        self._hint_returns(on_day)
        self._hint_people(on_day)
        self._hint_day_types(on_day)

    def _hint_day_types(self, on_day: list[set[int]]) -> None:
        """Hint each day's night, daylight, split and late flags from its scenes."""
        v, instance, model = self.variables, self.instance, self.model
        late = False
        for d in range(instance.horizon):
            dark = any(instance.scenes[s].needs_dark for s in on_day[d])
            daylight = any(instance.scenes[s].needs_daylight for s in on_day[d])
            late = dark or (late and bool(on_day[d]) and d > 0 and instance.consecutive(d - 1))
            for flags, value in ((v.night, dark), (v.daylight, daylight), (v.split, dark and daylight)):
                if d in flags:
                    model.add_hint(flags[d], value)
            if d in v.late:
                model.add_hint(v.late[d], late)

    def _hint_returns(self, on_day: list[set[int]]) -> None:
        """Hint where the unit was on the last day with work, and where each run of days starts."""
        v, instance, model = self.variables, self.instance, self.model
        for name, starts in v.run_start.items():
            here = v.here[name]
            was = False
            for d in range(min(starts), max(starts) + 1):
                now = any(instance.scenes[s].location == name for s in on_day[d])
                if d in starts:
                    model.add_hint(starts[d], now and not was)
                if on_day[d]:
                    was = now
                if d in here:
                    model.add_hint(here[d], was)

    def _hint_people(self, on_day: list[set[int]]) -> None:
        """Hint work, spans, holds and drops of every performer from the scenes of each day."""
        v, instance, model = self.variables, self.instance, self.model
        work_days: dict[str, list[int]] = {}
        for cast_id, works in v.works.items():
            members = set(instance.cast_scenes[cast_id])
            worked = [d for d in range(instance.horizon) if on_day[d] & members]
            work_days[cast_id] = worked
            for d, literal in works.items():
                model.add_hint(literal, d in worked)
        dropped_days = self._hint_drops(on_day)
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

    def _hint_drops(self, on_day: list[set[int]]) -> dict[str, set[int]]:
        """Dropped days of the hinted schedule, as the scorer defines them."""
        v, instance = self.variables, self.instance
        if not v.dropped:
            return {}
        used = [d for d in range(instance.horizon) if on_day[d]]
        if not used:
            return {}
        lists = [[instance.scenes[s].number for s in sorted(on_day[d])] for d in range(used[-1] + 1)]
        schedule = Schedule.from_day_lists(instance.production, lists)
        work = cast_work(instance.production, schedule)
        return {cast_id: set(work[cast_id].dropped_days) for cast_id in v.dropped}


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

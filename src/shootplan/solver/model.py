"""The CP-SAT model of one instance, in one class: build it, hint it, complete and read schedules.

:class:`ScheduleModel` puts the parts together (variables, one constraint function per rule
family, the objective) and owns the two translations between a day-by-day schedule and the
model's variables: a schedule into hints or a full assignment (``hint``, ``complete``) and an
assignment back into days (``extract``). Everything else in ``solver/`` works through it, so the
meaning of the variables is read and written in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from ortools.sat.python import cp_model

from shootplan.evaluation import cast_work
from shootplan.model import Production
from shootplan.schedule import Schedule
from shootplan.solver.constraints import add_all
from shootplan.solver.heuristics import hand_board, order_day
from shootplan.solver.instance import COST_SCALE, Instance, default_horizon
from shootplan.solver.lns import Incumbent
from shootplan.solver.objective import Objective
from shootplan.solver.variables import Variables

__all__ = ["ScheduleModel", "plan_horizon"]

# Completing a fixed schedule is propagation, not search: this is ample on any board.
_COMPLETE_SECONDS = 10.0


def plan_horizon(production: Production) -> tuple[int, list[list[int]] | None]:
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
        index = {scene.number: s for s, scene in enumerate(self.instance.scenes)}
        return [
            [index[n] for n in day.scenes if n in index] for day in schedule.days[: self.instance.horizon]
        ]

    def schedule(self, values: list[int], *, name: str = "", created: datetime | None = None) -> Schedule:
        """The schedule of a full assignment (its days from :meth:`extract`)."""
        numbers = [[self.instance.scenes[s].number for s in day] for day in self.extract(values)]
        return Schedule.from_day_lists(self.instance.production, numbers, name=name, created=created)

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
            solver.parameters.max_deterministic_time = _COMPLETE_SECONDS
        else:
            solver.parameters.max_time_in_seconds = _COMPLETE_SECONDS
        status = solver.solve(fixed)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return Incumbent(list(solver.response_proto.solution), solver.objective_value)

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
        last_used = max((d for d in range(instance.horizon) if on_day[d]), default=-1)
        for d, used in enumerate(v.used):
            model.add_hint(used, d <= last_used)
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

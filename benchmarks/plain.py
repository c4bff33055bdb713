"""The benchmarks' plain baseline: a textbook scene-day CP-SAT model, no warm start, no LNS.

Same hard rules as shootplan, written the plain way: the day's pages and work within the caps
(a company move takes its minutes), availability and windows through the domains, the light
(day exteriors in daylight, night ones in the dark, one dusk and one dawn a day), the turnaround
as a chain of late days (no day exteriors the date after), minors' hours, used days as a run from
Day 1 with work on the first and last. The same cost as shootplan's scorer: company moves, holds
through first/last work-day integers (hold days = last - first + 1 - work days), shoot days, and
location returns through run-start flags (an empty day breaks no run). It shows what CP-SAT does
on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from shootplan import Production, Schedule
from shootplan.model import Light, Turnaround
from shootplan.solver.constraints import minor_caps, twilight_clash
from shootplan.solver.heuristics import order_day
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.model import to_schedule

# The meal hour the timeline puts in a long day, kept out of the light the work needs (as shootplan).
MEAL_MINUTES = 60

Var = cp_model.IntVar
OnDay = list[list[tuple[int, Var]]]  # per day: (scene, literal) pairs that may shoot it that day


@dataclass(frozen=True)
class PlainResult:
    """The plain model's schedule (None if none found), its objective and its proven lower bound."""

    schedule: Schedule | None
    objective: float | None
    bound: float


def solve_plain(production: Production, time_limit: float, num_workers: int = 2) -> PlainResult:
    """Solve ``production`` with the plain model for ``time_limit`` seconds."""
    instance = Instance.build(production, production.rules.max_shoot_days or 60)
    assert all(k == 1 for k in instance.length), "the plain baseline handles single-day scenes only"
    assert not any(c.drop_pickup for c in production.cast), "the plain baseline has no drop/pickup"
    horizon, scenes = instance.horizon, range(len(instance.scenes))
    model = cp_model.CpModel()
    x = [{d: model.new_bool_var(f"x{s},{d}") for d in instance.starts[s]} for s in scenes]
    for s in scenes:
        model.add_exactly_one(x[s].values())
    on_day: OnDay = [[(s, x[s][d]) for s in scenes if d in x[s]] for d in range(horizon)]
    at = {
        loc: [_any(model, [x[s][d] for s in members if d in x[s]]) for d in range(horizon)]
        for loc, members in instance.location_scenes.items()
    }
    busy = [_any(model, [at[loc][d] for loc in at]) for d in range(horizon)]
    used = _used_days(model, instance, on_day, busy)
    moves = [sum(at[loc][d] for loc in at) - busy[d] for d in range(horizon)]
    _caps(model, instance, on_day, moves)
    _light(model, instance, on_day)
    _turnaround(model, instance, on_day, busy)
    _minors(model, instance, x)
    _order(model, instance, x)
    model.minimize(
        instance.move_cost * sum(moves)
        + instance.day_cost * sum(used)
        + _holds(model, instance, x)
        + _returns(model, instance, at, busy)
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = num_workers
    status = solver.solve(model)
    bound = solver.best_objective_bound / COST_SCALE
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return PlainResult(None, None, bound)
    days = [[s for s, lit in on_day[d] if solver.boolean_value(lit)] for d in range(horizon)]
    days = [order_day(instance, day) for day in days]  # the library's order within a day
    schedule = to_schedule(instance, days, name="plain CP-SAT")
    return PlainResult(schedule, solver.objective_value / COST_SCALE, bound)


def _any(model: cp_model.CpModel, literals: list[Var]) -> Var:
    """A literal true exactly when one of ``literals`` is."""
    flag = model.new_bool_var("")
    for lit in literals:
        model.add_implication(lit, flag)
    model.add(sum(literals) >= flag)
    return flag


def _used_days(model: cp_model.CpModel, instance: Instance, on_day: OnDay, busy: list[Var]) -> list[Var]:
    """Used days: a run from Day 1 (the first day a scene may be shot), work on the first and last."""
    horizon, first = instance.horizon, instance.first_day
    used = [model.new_bool_var(f"used{d}") for d in range(horizon)]
    for d in range(horizon):
        model.add_implication(busy[d], used[d])
        if d < first:
            model.add(used[d] == 0)
            continue
        after = used[d + 1] if d + 1 < horizon else 0
        if d + 1 < horizon:
            model.add_implication(used[d + 1], used[d])
        model.add(busy[d] >= used[d] - after)  # the last used day has work
    if first < horizon:
        model.add(busy[first] >= used[first])  # and so has the first
    return used


def _caps(
    model: cp_model.CpModel, instance: Instance, on_day: OnDay, moves: list[cp_model.LinearExprT]
) -> None:
    """Pages and minutes per day within the caps; a company move takes its minutes."""
    rules = instance.production.rules
    for d, pairs in enumerate(on_day):
        model.add(sum(instance.scenes[s].eighths * lit for s, lit in pairs) <= rules.max_eighths_per_day)
        work = sum(instance.minutes[s] * lit for s, lit in pairs)
        model.add(work + rules.company_move_minutes * moves[d] <= rules.work_cap)


def _light(model: cp_model.CpModel, instance: Instance, on_day: OnDay) -> None:
    """Day exteriors fit the date's daylight, dark ones its darkness (meal aside); one dusk and one
    dawn scene a day, and no scene a twilight scene clashes with."""
    if not instance.daylight:
        return
    for d, pairs in enumerate(on_day):
        scene = instance.scenes
        day_work = [instance.minutes[s] * lit for s, lit in pairs if scene[s].needs_daylight]
        dark_work = [instance.minutes[s] * lit for s, lit in pairs if scene[s].needs_dark]
        model.add(sum(day_work) <= instance.daylight[d] - MEAL_MINUTES)
        model.add(sum(dark_work) <= instance.darkness[d] - MEAL_MINUTES)
        _one_split_location(model, instance, pairs)
        for twilight in (Light.DUSK, Light.DAWN):
            model.add(sum(lit for s, lit in pairs if scene[s].required_light is twilight) <= 1)
        for s, lit in pairs:
            if scene[s].required_light in (Light.DUSK, Light.DAWN):
                for t, other in pairs:
                    if t != s and twilight_clash(scene[s], scene[t]):
                        model.add(lit + other <= 1)


def _one_split_location(model: cp_model.CpModel, instance: Instance, pairs: list[tuple[int, Var]]) -> None:
    """At most one of the day's locations has both day and dark exteriors: the day's order shoots
    each location in one stretch, so a second such location would put day work after dark.

    (evaluate checks this on the laid-out day; shootplan's own light family does not state it.)
    """
    mixed = []
    for members in instance.location_scenes.values():
        here = [(s, lit) for s, lit in pairs if s in set(members)]
        day = [lit for s, lit in here if instance.scenes[s].needs_daylight]
        dark = [lit for s, lit in here if instance.scenes[s].needs_dark]
        if day and dark:
            mix = model.new_bool_var("")
            model.add(mix >= _any(model, day) + _any(model, dark) - 1)
            mixed.append(mix)
    if len(mixed) > 1:
        model.add(sum(mixed) <= 1)


def _turnaround(model: cp_model.CpModel, instance: Instance, on_day: OnDay, busy: list[Var]) -> None:
    """A day wraps late when it works in the dark or follows a late day without a day off between;
    the date after a late day shoots no day exteriors (the rest pushes its call past the light)."""
    if instance.production.rules.turnaround is Turnaround.NONE:
        return
    late: list[Var] = []
    for d, pairs in enumerate(on_day):
        late.append(model.new_bool_var(f"late{d}"))
        for s, lit in pairs:
            if instance.scenes[s].needs_dark:
                model.add_implication(lit, late[d])
        if d > 0 and instance.consecutive(d - 1):
            model.add(late[d] >= late[d - 1] + busy[d] - 1)
            for s, lit in pairs:
                if instance.scenes[s].needs_daylight:
                    model.add(late[d - 1] + lit <= 1)


def _minors(model: cp_model.CpModel, instance: Instance, x: list[dict[int, Var]]) -> None:
    """A minor's minutes a day within their age band's, and their dark work before their curfew."""
    for member in instance.production.cast:
        if not member.is_minor:
            continue
        members = instance.cast_scenes.get(member.id, [])
        for d in range(instance.horizon):
            pairs = [(s, x[s][d]) for s in members if d in x[s]]
            if not pairs:
                continue
            cap, dark_cap = minor_caps(instance, member, d)
            model.add(sum(instance.minutes[s] * lit for s, lit in pairs) <= cap)
            dark = [instance.minutes[s] * lit for s, lit in pairs if instance.scenes[s].needs_dark]
            model.add(sum(dark) <= dark_cap)


def _order(model: cp_model.CpModel, instance: Instance, x: list[dict[int, Var]]) -> None:
    """Precedences (A on or before B's day) and same-day groups."""
    index = {scene.number: s for s, scene in enumerate(instance.scenes)}

    def day_of(s: int) -> cp_model.LinearExprT:
        return sum(d * lit for d, lit in x[s].items())

    rules = instance.production.rules
    for first, second in rules.precedences:
        model.add(day_of(index[first]) <= day_of(index[second]))
    for group in rules.same_day:
        for other in group[1:]:
            model.add(day_of(index[group[0]]) == day_of(index[other]))


def _holds(model: cp_model.CpModel, instance: Instance, x: list[dict[int, Var]]) -> cp_model.LinearExprT:
    """Scaled hold cost: per performer, days between their first and last work day not worked."""
    horizon, terms = instance.horizon, []
    for cast_id, members in instance.cast_scenes.items():
        rate = instance.hold_rate(cast_id)
        if rate == 0 or len(members) < 2:
            continue
        first = model.new_int_var(0, horizon - 1, f"first{cast_id}")
        last = model.new_int_var(0, horizon - 1, f"last{cast_id}")
        works = {}
        for d in range(horizon):
            lits = [x[s][d] for s in members if d in x[s]]
            if lits:
                works[d] = _any(model, lits)
        # Exact first and last work days, so that any solution's objective is its true cost.
        model.add_min_equality(first, [d + horizon * (1 - w) for d, w in works.items()])
        model.add_max_equality(last, [d * w for d, w in works.items()])
        holds = model.new_int_var(0, horizon, f"holds{cast_id}")
        model.add(holds == last - first + 1 - sum(works.values()))
        terms.append(rate * holds)
    return sum(terms)


def _returns(
    model: cp_model.CpModel, instance: Instance, at: dict[str, list[Var]], busy: list[Var]
) -> cp_model.LinearExprT:
    """Scaled cost of the location returns: each new run of days at a location after the first."""
    terms = []
    for loc, days in at.items():
        cost = instance.return_cost(loc)
        if cost == 0 or not instance.location_scenes[loc]:
            continue
        before: cp_model.LinearExprT = 0  # the unit was at loc on the last day with work
        starts = []
        for d, here_today in enumerate(days):
            start = model.new_bool_var(f"start{loc},{d}")
            # Exact, as the holds: a run starts where the unit is and was not before.
            model.add(start >= here_today - before)
            model.add(start <= here_today)
            model.add(start <= 1 - before)
            starts.append(start)
            # Carried over an empty day; on a day with work, where the unit is that day.
            here = model.new_bool_var(f"here{loc},{d}")
            model.add(here == here_today).only_enforce_if(busy[d])
            model.add(here == before).only_enforce_if(busy[d].Not())
            before = here
        model.add(sum(starts) >= 1)  # every location with scenes is visited: its first run is free
        terms.append(cost * (sum(starts) - 1))
    return sum(terms)

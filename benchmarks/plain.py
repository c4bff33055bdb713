"""The benchmarks' plain baseline: a textbook scene-day CP-SAT model, no warm start, no LNS.

Same hard rules as shootplan (day caps with move time, availability and windows through the
domains, turnaround, the days available), holds through first/last work-day integers:
hold days = last - first + 1 - work days; location returns through run-start flags, as shootplan
prices them (an empty day breaks no run). It shows what CP-SAT does on its own.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from shootplan import Production, Schedule
from shootplan.solver.instance import COST_SCALE, Instance


def solve_plain(
    production: Production, time_limit: float, num_workers: int = 2
) -> tuple[Schedule | None, float]:
    """The plain model's schedule (None if none found) and its proven lower bound on the cost."""
    instance = Instance.build(production, production.rules.max_shoot_days or 60)
    rules = production.rules
    horizon = instance.horizon
    model = cp_model.CpModel()
    x = [
        {d: model.new_bool_var(f"x{s},{d}") for d in instance.starts[s]} for s in range(len(instance.scenes))
    ]
    assert all(k == 1 for k in instance.length), "the plain baseline handles single-day scenes only"
    for s in range(len(instance.scenes)):
        model.add_exactly_one(x[s].values())
    at = {
        loc: [model.new_bool_var(f"at{loc},{d}") for d in range(horizon)] for loc in instance.location_scenes
    }
    busy = [model.new_bool_var(f"busy{d}") for d in range(horizon)]
    moves = []
    for d in range(horizon):
        on_day = [(s, x[s][d]) for s in range(len(instance.scenes)) if d in x[s]]
        model.add(sum(instance.scenes[s].eighths * lit for s, lit in on_day) <= rules.max_eighths_per_day)
        for loc, members in instance.location_scenes.items():
            lits = [x[s][d] for s in members if d in x[s]]
            for lit in lits:
                model.add_implication(lit, at[loc][d])
            model.add(sum(lits) >= at[loc][d])
        model.add_max_equality(busy[d], [at[loc][d] for loc in at])
        day_moves = sum(at[loc][d] for loc in at) - busy[d]
        moves.append(day_moves)
        if rules.max_minutes_per_day is not None:
            work = sum(instance.minutes[s] * lit for s, lit in on_day)
            model.add(work + rules.company_move_minutes * day_moves <= rules.max_minutes_per_day)
        if d + 1 < horizon and instance.consecutive(d) and rules.turnaround.value != "none":
            nights = [lit for s, lit in on_day if instance.scenes[s].is_night]
            mornings = [
                x[s][d + 1]
                for s in range(len(instance.scenes))
                if d + 1 in x[s] and not instance.scenes[s].is_night
            ]
            for night in nights:
                for morning in mornings:
                    model.add_bool_or([night.Not(), morning.Not()])
    hold_terms = []
    for cast_id, members in instance.cast_scenes.items():
        rate = instance.hold_rate(cast_id)
        if rate == 0 or len(members) < 2:
            continue
        first = model.new_int_var(0, horizon - 1, f"first{cast_id}")
        last = model.new_int_var(0, horizon - 1, f"last{cast_id}")
        works = []
        for d in range(horizon):
            lits = [x[s][d] for s in members if d in x[s]]
            if not lits:
                continue
            w = model.new_bool_var(f"w{cast_id},{d}")
            model.add_max_equality(w, lits)
            model.add(first <= d).only_enforce_if(w)
            model.add(last >= d).only_enforce_if(w)
            works.append(w)
        holds = model.new_int_var(0, horizon, f"holds{cast_id}")
        model.add(holds == last - first + 1 - sum(works))
        hold_terms.append(rate * holds)
    model.minimize(instance.move_cost * sum(moves) + sum(hold_terms) + _returns(model, instance, at, busy))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = num_workers
    status = solver.solve(model)
    bound = solver.best_objective_bound / COST_SCALE
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, bound
    days = [
        [
            instance.scenes[s].number
            for s in range(len(instance.scenes))
            if d in x[s] and solver.boolean_value(x[s][d])
        ]
        for d in range(horizon)
    ]
    while days and not days[-1]:
        days.pop()
    return Schedule.from_day_lists(production, days, name="plain CP-SAT"), bound


def _returns(
    model: cp_model.CpModel,
    instance: Instance,
    at: dict[str, list[cp_model.IntVar]],
    busy: list[cp_model.IntVar],
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
            model.add(start >= here_today - before)
            starts.append(start)
            # Carried over an empty day; on a day with work, where the unit is that day.
            here = model.new_bool_var(f"here{loc},{d}")
            model.add(here == here_today).only_enforce_if(busy[d])
            model.add(here == before).only_enforce_if(busy[d].Not())
            before = here
        terms.append(cost * (sum(starts) - 1))
    return sum(terms)

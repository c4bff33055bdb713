"""Relaxations tried for a lower bound on the realistic productions (benchmarks/README.md, "the bound").

    python benchmarks/bound_study.py [--kinds tv feature block] [--seeds 1 2] [--plan-time 20]
                                     [--time-limit 30] [--sizes 3 4 5]

Prints one row per production: shootplan's cost and bound, the moves-only relaxation (every
performer paid day by day, so only company moves cost; calendar and caps kept) and the
cast-pattern relaxation for the k performers with the most hold cost in shootplan's schedule.
Each relaxation's value is a valid lower bound only when proven ("proven" column: CP-SAT's bound
equals its best value); its CP-SAT bound is valid in any case.

The cast-pattern relaxation keeps, for k chosen performers T, only which of them work each day:
- a *part* is what one location shoots on one day; its *pattern* is the set of T-performers in
  it. y[L, p] counts parts of pattern p at location L: at least ceil(pages of L / cap) parts, and
  for every V in T enough parts with pattern >= V (and meeting V) to hold the pages of the scenes
  that need V (resp. any of V); at most as many parts with performer c as c has scenes at L;
- a *day* has the union of its parts' patterns; u[p] counts days of pattern p, at most the
  shoot days available; each day of pattern p has a part at each location at most once, a part
  with each of its performers, and parts of sub-patterns only; merging parts costs one company
  move each (parts - days);
- the days of one pattern are shot together (an optimal order of talent scheduling keeps equal
  casts together), the patterns in the best order: performer c holds for every day of a pattern
  without c between c's first and last pattern.
Every real schedule maps onto this with the same moves and the same T-holds, so its optimum is a
lower bound on company moves x move cost + T's hold cost, hence on the producer's cost. Dates,
windows, turnaround and the other performers are dropped.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import realistic_production

from shootplan import Production, solve
from shootplan.solver.constraints import add_all
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.variables import Variables


def _subsets(items: frozenset[str]) -> list[frozenset[str]]:
    ordered = sorted(items)
    return [frozenset(c) for r in range(len(ordered) + 1) for c in itertools.combinations(ordered, r)]


def cast_pattern_bound(
    production: Production, performers: frozenset[str], time_limit: float
) -> tuple[float, float, bool]:
    """(best value found, proven lower bound, proven optimal) of the cast-pattern relaxation."""
    cap = production.rules.max_eighths_per_day
    days = production.rules.max_shoot_days or production.min_shoot_days()
    move = round(production.rules.company_move_cost)
    items: dict[str, list[tuple[frozenset[str], int]]] = defaultdict(list)
    for scene in production.scenes:
        length = production.days_needed(scene)
        for _ in range(length):
            items[scene.location].append(
                (frozenset(scene.cast) & performers, scene.eighths if length == 1 else cap)
            )
    model = cp_model.CpModel()
    patterns = _subsets(performers)
    u = {p: model.new_int_var(0, days, f"days{sorted(p)}") for p in patterns}
    model.add(sum(u.values()) <= days)
    parts: dict[tuple[str, frozenset[str]], cp_model.IntVar] = {}
    placed: dict[frozenset[str], dict[tuple[str, frozenset[str]], cp_model.IntVar]] = defaultdict(dict)
    for location, members in items.items():
        present = frozenset().union(*(sigma for sigma, _ in members))
        signatures = {sigma for sigma, _ in members}
        possible = {
            frozenset().union(*combo)
            for r in range(1, len(signatures) + 1)
            for combo in itertools.combinations(signatures, r)
        }
        y = {p: model.new_int_var(0, len(members), f"parts[{location},{sorted(p)}]") for p in possible}
        parts.update({(location, p): var for p, var in y.items()})
        pages = sum(e for _, e in members)
        model.add(sum(y.values()) >= math.ceil(pages / cap))
        for need in _subsets(present)[1:]:
            within = sum(e for sigma, e in members if sigma >= need)
            if within:
                model.add(cap * sum(var for p, var in y.items() if p >= need) >= within)
            meeting = sum(e for sigma, e in members if sigma & need)
            if meeting:
                model.add(cap * sum(var for p, var in y.items() if p & need) >= meeting)
        for performer in present:
            scenes = sum(1 for sigma, _ in members if performer in sigma)
            model.add(sum(var for p, var in y.items() if performer in p) <= scenes)
        for p, var in y.items():
            onto = []
            for day_pattern in patterns:
                if p <= day_pattern:
                    x = model.new_int_var(0, len(members), "")
                    placed[day_pattern][(location, p)] = x
                    onto.append(x)
            model.add(sum(onto) == var)
    for day_pattern in patterns:
        on = placed[day_pattern]
        if day_pattern:
            model.add(sum(on.values()) >= u[day_pattern])
        for performer in day_pattern:
            model.add(sum(x for (_, p), x in on.items() if performer in p) >= u[day_pattern])
        for location in items:
            model.add(sum(x for (where, _), x in on.items() if where == location) <= u[day_pattern])
    moves = model.new_int_var(0, 10 * days, "moves")
    model.add(moves == sum(parts.values()) - sum(u.values()))
    # The order of the (non-empty) patterns; days with nobody of T go first, at no cost.
    shown = patterns[1:]
    position = {p: model.new_int_var(0, len(shown) - 1, "") for p in shown}
    model.add_all_different(position.values())
    used = {}
    for p in shown:
        used[p] = model.new_bool_var("")
        model.add(u[p] >= 1).only_enforce_if(used[p])
        model.add(u[p] == 0).only_enforce_if(used[p].Not())
    hold_terms = []
    for performer in performers:
        first = model.new_int_var(0, len(shown) - 1, "")
        last = model.new_int_var(0, len(shown) - 1, "")
        for p in shown:
            if performer in p:
                model.add(first <= position[p]).only_enforce_if(used[p])
                model.add(last >= position[p]).only_enforce_if(used[p])
        rate = round(production.cast_member(performer).daily_rate * production.rules.hold_cost_factor)
        for p in shown:
            if performer in p:
                continue
            after_first, before_last, between = (model.new_bool_var("") for _ in range(3))
            model.add(position[p] <= first).only_enforce_if(after_first.Not())
            model.add(position[p] >= last).only_enforce_if(before_last.Not())
            model.add_bool_or([after_first.Not(), before_last.Not(), between])
            held = model.new_int_var(0, days, "")
            model.add(held >= u[p] - days * (1 - between))
            hold_terms.append(rate * held)
    model.minimize(move * moves + sum(hold_terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return math.nan, max(0.0, solver.best_objective_bound), False
    return solver.objective_value, max(0.0, solver.best_objective_bound), status == cp_model.OPTIMAL


def moves_only_bound(production: Production, time_limit: float) -> tuple[float, float, bool]:
    """(best, proven lower bound, proven) of the fewest company moves when no one is paid for holds."""
    free = production.replace(cast=[c.model_copy(update={"holds": False}) for c in production.cast])
    instance = Instance.build(free, free.rules.max_shoot_days or free.min_shoot_days())
    model = cp_model.CpModel()
    v = Variables.create(model, instance)
    add_all(v)
    per_day = []
    for d in range(instance.horizon):
        at = [days[d] for days in v.at.values() if d in days]
        moves = model.new_int_var(0, max(0, len(at) - 1), f"moves[{d}]")
        model.add(moves >= sum(at) - v.busy[d])
        per_day.append(moves)
    model.minimize(sum(per_day))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    cost = instance.move_cost / COST_SCALE
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return math.nan, 0.0, False
    return cost * solver.objective_value, cost * solver.best_objective_bound, status == cp_model.OPTIMAL


def _cell(value: float, bound: float, proven: bool) -> str:
    if proven:
        return f"{bound:,.0f} (proven)"
    return f"{value:,.0f} found, {bound:,.0f} proven"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kinds", nargs="*", default=["tv", "feature", "block"])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--plan-time", type=float, default=20.0)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--sizes", type=int, nargs="*", default=[3, 4, 5])
    args = parser.parse_args()
    sizes = " | ".join(f"cast patterns, top {k}" for k in args.sizes)
    print(f"| instance | shootplan cost | shootplan bound | moves only | {sizes} |")
    print("|---|---|---|---|" + "---|" * len(args.sizes))
    for kind in args.kinds:
        for seed in args.seeds:
            production = realistic_production(kind, seed)
            started = time.perf_counter()
            result = solve(production, time_limit=args.plan_time, num_workers=2)
            assert result.evaluation is not None
            holds = result.evaluation.hold_days
            cost = {c.id: holds.get(c.id, 0) * c.daily_rate for c in production.cast}
            ranked = [c for c in sorted(cost, key=lambda c: -cost[c]) if cost[c] > 0]
            cells = [_cell(*moves_only_bound(production, args.time_limit))]
            for k in args.sizes:
                cells.append(_cell(*cast_pattern_bound(production, frozenset(ranked[:k]), args.time_limit)))
            print(
                f"| {production.name} | {result.objective:,.0f} | {result.bound:,.0f} | {' | '.join(cells)} |",
                f"<!-- {time.perf_counter() - started:.0f} s -->",
                flush=True,
            )


if __name__ == "__main__":
    main()

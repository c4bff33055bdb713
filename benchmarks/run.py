"""Benchmarks: literature optima, the USS human board, realistic productions. Prints tables.

    python benchmarks/run.py [literature|people|realistic ...] [--time-limit S] [--seeds N ...] [--kinds K ...]

Reproducible: fixed instances and seeds; machine and date printed with the tables.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import SHARED, realistic_production, talent_production
from plain import solve_plain

from shootplan import Evaluation, Production, Schedule, evaluate, solve
from shootplan.day_order import day_kind
from shootplan.io import read_production
from shootplan.money import format_money
from shootplan.schedule import DayKind
from shootplan.solver.heuristics import hand_board
from shootplan.solver.instance import Instance


def literature() -> None:
    """Every talent-scheduling instance: known optimum reached and proven?"""
    print("\n## Literature (talent scheduling)\n")
    print("| instance | scenes | actors | known optimum | shootplan | proven | time (s) | method |")
    print("|---|---|---|---|---|---|---|---|")
    for path in sorted((SHARED / "talent").glob("*.json")):
        production, data = talent_production(path)
        result = solve(production, time_limit=10, num_workers=2)
        # Our objective is the idle (hold) cost; the literature's total adds the fixed performing cost.
        performing = sum(
            a["cost"] * sum(s["duration"] for s in data["scenes"] if a["id"] in s["actors"])
            for a in data["actors"]
        )
        total = (result.objective or 0) + performing
        print(
            f"| {data['name']} | {len(data['scenes'])} | {len(data['actors'])} | {data['known_optimum_total']}"
            f" | {total:.0f} | {'yes' if result.status.value == 'optimal' else 'no'} | {result.runtime:.2f}"
            f" | {result.method} |"
        )


def people(time_limit: float) -> None:
    """The USS sample's human 'Rev. WHITE' board against shootplan on the same days and calendar."""
    print('\n## People (USS "It\'s a Wonderful Life", board Rev. WHITE)\n')
    # The board as it comes: USS carries no pay rates, so the library's default hold rate applies.
    production = read_production(SHARED / "uss" / "full_sample_schedule.uss", max_pages_per_day=6)
    if not production.has_daily_rates:
        rules = production.rules
        each = format_money(rules.default_daily_rate * rules.hold_cost_factor)
        print(f"no daily rates: each hold day counts as {each}\n")
    human_schedule = Schedule.from_board(production, "Rev. WHITE")
    human = evaluate(production, human_schedule)
    # shootplan gets the human board's number of days (it may use fewer).
    production = production.replace(
        rules=production.rules.model_copy(update={"max_shoot_days": human.num_shoot_days})
    )
    result = solve(production, time_limit=time_limit, num_workers=2)
    print(f"| schedule | {' | '.join(BREAKDOWN)} | cost |")
    print("|---|" + "---|" * (len(BREAKDOWN) + 1))
    print(f"| Rev. WHITE (people) | {breakdown(production, human_schedule, human)} | {human.cost:,.0f} |")
    if result.schedule is not None and result.evaluation is not None:
        ours = result.evaluation
        print(
            f"| shootplan ({time_limit:.0f} s) | {breakdown(production, result.schedule, ours)}"
            f" | {ours.cost:,.0f} |"
        )
    else:
        print(f"| shootplan | {result.status.value} |" + " |" * len(BREAKDOWN))


KINDS = ["tv", "feature", "block", "large"]

# What each method's cost is made of: one column each.
BREAKDOWN = ("shoot days", "day types", "company moves", "location returns", "hold days", "violations")


def breakdown(production: Production, schedule: Schedule, evaluation: Evaluation) -> str:
    """A schedule's row of the BREAKDOWN columns."""
    return " | ".join(
        str(value)
        for value in (
            evaluation.num_shoot_days,
            day_types(production, schedule),
            evaluation.company_moves,
            evaluation.location_returns,
            evaluation.total_hold_days,
            len(evaluation.violations),
        )
    )


def day_types(production: Production, schedule: Schedule) -> str:
    """The days by type, as an AD counts them: "14 day / 3 night / 1 split" (empty days: "dark")."""
    kinds = Counter(
        kind.value if (kind := day_kind([production.scene(n) for n in day.scenes])) else "dark"
        for day in schedule.days
    )
    order = [kind.value for kind in DayKind] + ["dark"]
    return " / ".join(f"{kinds[k]} {k}" for k in order if kinds[k])


def realistic(time_limit: float, seeds: list[int], kinds: list[str]) -> None:
    """Generated productions: the AD's hand method, a plain CP-SAT model and shootplan."""
    print(f"\n## Realistic productions ({time_limit:.0f} s, 2 workers)\n")
    print(
        "| instance | scenes | max days | hand cost | plain CP-SAT cost (bound) | shootplan cost | vs hand"
        " | vs hand beyond the fewest days | vs plain | shootplan bound | gap | violations |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    parts: list[str] = []
    for kind in kinds:
        for seed in seeds:
            production = realistic_production(kind, seed)
            instance = Instance.build(production, production.rules.max_shoot_days or 60)
            days = hand_board(instance)
            hand = Schedule.from_day_lists(
                production, [[instance.scenes[s].number for s in day] for day in days]
            )
            hand_eval = evaluate(production, hand)
            plain = solve_plain(production, time_limit)
            plain_eval = evaluate(production, plain.schedule) if plain.schedule else None
            result = solve(production, time_limit=time_limit, num_workers=2)
            cost = result.objective
            ratio = f"{cost / hand_eval.cost:.0%}" if cost is not None and hand_eval.cost else "-"
            # The days the caps force cost every method the same: compared beyond them, the ratio
            # shows what the order of the days saves (moves, returns, holds, any day saved).
            floor = production.min_shoot_days() * production.rules.shoot_day_cost
            beyond = (
                f"{(cost - floor) / (hand_eval.cost - floor):.0%}"
                if cost is not None and hand_eval.cost > floor
                else "-"
            )
            vs_plain = (
                f"{cost / plain_eval.cost:.0%}"
                if cost is not None and plain_eval and plain_eval.cost
                else "-"
            )
            plain_text = (
                "none found"
                if plain_eval is None
                else f"{plain_eval.cost:,.0f}{'' if plain_eval.is_feasible else ' (breaks rules)'}"
            )
            violations = len(result.evaluation.violations) if result.evaluation else "-"
            print(
                f"| {production.name} | {len(production.scenes)} | {production.rules.max_shoot_days}"
                f" | {hand_eval.cost:,.0f}{'' if hand_eval.is_feasible else ' (breaks rules)'}"
                f" | {plain_text} ({plain.bound:,.0f}) | {'-' if cost is None else f'{cost:,.0f}'} | {ratio} | {beyond} | {vs_plain}"
                f" | {'-' if result.bound is None else f'{result.bound:,.0f}'}"
                f" | {'-' if result.gap is None else f'{result.gap:.0%}'} | {violations} |",
                flush=True,
            )
            methods = [("hand", hand, hand_eval), ("plain CP-SAT", plain.schedule, plain_eval)]
            methods.append(("shootplan", result.schedule, result.evaluation))
            for method, schedule, evaluation in methods:
                row = breakdown(production, schedule, evaluation) if schedule and evaluation else "none found"
                parts.append(f"| {production.name} | {method} | {row} |")
    print(
        "\nWhat each cost is made of (shoot days at 25,000, moves and returns at 5,000, holds at the daily rates):\n"
    )
    print(f"| instance | method | {' | '.join(BREAKDOWN)} |")
    print("|---|---|" + "---|" * len(BREAKDOWN))
    print("\n".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tables", nargs="*", default=["literature", "people", "realistic"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--kinds", nargs="*", default=KINDS, choices=KINDS, help="realistic kinds to run")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
        f" {datetime.date.today()}"
    )
    started = time.perf_counter()
    if "literature" in args.tables:
        literature()
    if "people" in args.tables:
        people(args.time_limit)
    if "realistic" in args.tables:
        realistic(args.time_limit, args.seeds, args.kinds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\ntotal {time.perf_counter() - started:.0f} s, peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""Benchmarks: literature optima, the USS human board, realistic productions. Prints tables.

    python benchmarks/run.py [literature|people|realistic|mss|memory ...] [--time-limit S] [--seeds N ...]
        [--kinds K ...] [--long [S]] [--mss INSTANCE ...]

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

from anneal import anneal
from child import in_child, solve_generated, solve_mss
from instances import SHARED, realistic_production, talent_production
from mss import INSTANCES, PUBLISHED, MssInstance, read_mss
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


def realistic(time_limit: float, seeds: list[int], kinds: list[str], long_limit: float | None = None) -> None:
    """Generated productions: the AD's hand method, a plain CP-SAT model and shootplan.

    With ``long_limit``, shootplan also runs that long: "vs long" is how much dearer the
    ``time_limit`` plan is (issue 16's target: within 5% at 60 s against 300 s).
    """
    print(f"\n## Realistic productions ({time_limit:.0f} s, 2 workers)\n")
    long_head = (
        f" | shootplan at {long_limit:.0f} s | {time_limit:.0f} s vs {long_limit:.0f} s" if long_limit else ""
    )
    print(
        "| instance | scenes | max days | hand cost | plain CP-SAT cost (bound) | shootplan cost | vs hand"
        f" | vs hand beyond the fewest days | vs plain | shootplan bound | gap | violations{long_head} |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|" + ("---|---|" if long_limit else ""))
    parts: list[str] = []
    for kind in kinds:
        for seed in seeds:
            row, rows = _realistic_row(realistic_production(kind, seed), time_limit, long_limit)
            print(row, flush=True)
            parts.extend(rows)
    print(
        "\nWhat each cost is made of (shoot days at 25,000, moves and returns at 5,000, holds at the daily rates):\n"
    )
    print(f"| instance | method | {' | '.join(BREAKDOWN)} |")
    print("|---|---|" + "---|" * len(BREAKDOWN))
    print("\n".join(parts))


def _realistic_row(
    production: Production, time_limit: float, long_limit: float | None
) -> tuple[str, list[str]]:
    """One production's row of the realistic table, and its rows of the breakdown table."""
    instance = Instance.build(production, production.rules.max_shoot_days or 60)
    days = hand_board(instance)
    hand = Schedule.from_day_lists(production, [[instance.scenes[s].number for s in day] for day in days])
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
    vs_plain = f"{cost / plain_eval.cost:.0%}" if cost is not None and plain_eval and plain_eval.cost else "-"
    plain_text = (
        "none found"
        if plain_eval is None
        else f"{plain_eval.cost:,.0f}{'' if plain_eval.is_feasible else ' (breaks rules)'}"
    )
    violations = len(result.evaluation.violations) if result.evaluation else "-"
    row = (
        f"| {production.name} | {len(production.scenes)} | {production.rules.max_shoot_days}"
        f" | {hand_eval.cost:,.0f}{'' if hand_eval.is_feasible else ' (breaks rules)'}"
        f" | {plain_text} ({plain.bound:,.0f}) | {'-' if cost is None else f'{cost:,.0f}'} | {ratio} | {beyond}"
        f" | {vs_plain} | {'-' if result.bound is None else f'{result.bound:,.0f}'}"
        f" | {'-' if result.gap is None else f'{result.gap:.0%}'} | {violations} |"
    )
    methods = [("hand", hand, hand_eval), ("plain CP-SAT", plain.schedule, plain_eval)]
    methods.append(("shootplan", result.schedule, result.evaluation))
    if long_limit:
        longer = solve(production, time_limit=long_limit, num_workers=2)
        long_cost = longer.objective
        versus = f"{cost / long_cost - 1:+.1%}" if cost is not None and long_cost else "-"
        row += f" {'-' if long_cost is None else f'{long_cost:,.0f}'} | {versus} |"
        methods.append((f"shootplan {long_limit:.0f} s", longer.schedule, longer.evaluation))
    parts = [
        f"| {production.name} | {method} | "
        + (breakdown(production, schedule, evaluation) if schedule and evaluation else "none found")
        + " |"
        for method, schedule, evaluation in methods
    ]
    return row, parts


def mss(time_limit: float, names: list[str]) -> None:
    """The MSS benchmark: shootplan (2 workers, its own process) against a textbook annealing (1 core)."""
    print(f"\n## Movie shoot scheduling (MSS, {time_limit:.0f} s; shootplan 2 workers, annealing 1 core)\n")
    print(
        "| instance | scenes | days | shootplan cost | bound | proven | time (s) | peak memory (MB)"
        " | annealing cost | shootplan vs annealing | published best-known |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        instance = read_mss(name)
        ours = in_child(solve_mss, name, time_limit)
        cost = ours.get("cost")
        if "crashed" in ours:
            cost_text, rest = f"crashed ({ours['crashed']})", " - | - | - | - "
        else:
            cost_text = ours["status"] if cost is None else f"{cost:,.0f}"
            bound = "-" if ours["bound"] is None else f"{ours['bound']:,.0f}"
            rest = f" {bound} | {'yes' if ours['proven'] else 'no'} | {ours['wall']:.1f} | {ours['peak_mb']:,.0f} "
        if ours.get("order") is not None:
            _check_mss_order(instance, ours["order"], cost)
        # After the solve, never beside it: the annealing gets a core of its own.
        _, annealed = anneal(instance, time_limit, seed=1)
        versus = f"{cost / annealed:.0%}" if cost is not None and annealed else "-"
        published = f"{PUBLISHED[name]:,}" if name in PUBLISHED else "-"
        print(
            f"| {name} | {len(instance.durations)} | {sum(instance.durations)} | {cost_text} |{rest}"
            f"| {annealed:,} | {versus} | {published} |",
            flush=True,
        )


def _check_mss_order(instance: MssInstance, order: list[int], cost: float | None) -> None:
    """Say loudly if shootplan's schedule, scored by the MSS definition on its own, disagrees."""
    problems = []
    if sorted(order) != list(range(len(instance.durations))):
        problems.append("the order does not shoot every scene once")
    elif not all(order.index(a) < order.index(b) for a, b in instance.precedences):
        problems.append("the order breaks a precedence")
    elif cost is None or instance.cost(order) != round(cost):
        problems.append(f"MssInstance.cost says {instance.cost(order):,}, shootplan says {cost}")
    for problem in problems:
        message = f"!!! MSS MISMATCH on {instance.name}: {problem}"
        print(message, flush=True)
        print(message, file=sys.stderr, flush=True)


def memory(time_limit: float) -> None:
    """1,000 scenes, 60 cast, 40 locations in a process of its own: peak memory and whether the search improves."""
    print(f"\n## Memory (a 1,000-scene production, {time_limit:.0f} s, 2 workers)\n")
    out = in_child(solve_generated, "huge", 1, time_limit)
    if "crashed" in out:
        print(f"crashed: {out['crashed']}")
        return
    print(
        "| instance | scenes | cast | locations | peak memory (MB) | first schedule (s) | first cost"
        " | better schedules | final cost | last improvement (s) | time (s) | violations |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    found = out["found"]
    first_time, first_cost = (f"{found[0][0]:.1f}", f"{found[0][1]:,.0f}") if found else ("-", "none found")
    final = out["status"] if out["cost"] is None else f"{out['cost']:,.0f}"
    last = "-" if out["last_improvement"] is None else f"{out['last_improvement']:.1f}"
    print(
        f"| {out['name']} | {out['scenes']} | {out['cast']} | {out['locations']} | {out['peak_mb']:,.0f}"
        f" | {first_time} | {first_cost} | {max(0, len(found) - 1)} | {final} | {last} | {out['wall']:.1f}"
        f" | {out['violations'] if out['violations'] is not None else '-'} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tables", nargs="*", default=["literature", "people", "realistic", "mss", "memory"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--kinds", nargs="*", default=KINDS, choices=KINDS, help="realistic kinds to run")
    parser.add_argument(
        "--long", type=float, nargs="?", const=300.0, help="realistic: shootplan again at this limit (300 s)"
    )
    parser.add_argument("--mss", nargs="*", default=INSTANCES, choices=INSTANCES, help="MSS instances to run")
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
        realistic(args.time_limit, args.seeds, args.kinds, args.long)
    if "mss" in args.tables:
        mss(args.time_limit, args.mss)
    if "memory" in args.tables:
        memory(args.time_limit)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\ntotal {time.perf_counter() - started:.0f} s, peak memory {peak:.0f} MB"
        f" (largest child process {children:.0f} MB)"
    )


if __name__ == "__main__":
    main()

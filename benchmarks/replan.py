"""Re-planning benchmark: a random disruption mid-shoot on realistic productions. Prints a table.

    python benchmarks/replan.py [--kinds tv feature block large] [--seeds 1 2]
                                [--plan-time 60] [--time-limit 30]

For each production ``instances.realistic_production(kind, seed)``:

1. plan it (``--plan-time`` seconds, 2 workers): the schedule everybody works to;
2. draw one disruption at random (``random.Random(f"{kind}-{seed}")``): the lead (cast 1) off sick
   for two or three shoot days, a location unavailable on one day, or rain ruling out exterior work
   on one or two days, all within the week after today; today is the date of the middle shoot day;
3. re-plan with ``shootplan.replan`` within ``--time-limit`` seconds on 2 workers;
4. re-solve the same remaining days from scratch (``replan(..., from_scratch=True)``: the same shot
   days kept, no churn cost, no warm start from the old plan), same limit and workers.

Reported: how many rules the old plan breaks after the disruption, scenes moved and the cost
change against the old plan (the scorer's cost, churn not included) for both, and the re-plan's
churn cost and wall time. Every schedule reported has zero rule violations (checked).

Then what phones receive: the old plan's feeds are published to a fresh folder and the re-plan's
written over them (``write_revised_calendars``). "Events re-sent" is what the report says phones
act on (updated, added, cancelled, every feed); "events changed" is counted from the files
themselves: events new to a feed, or whose content (every property but DTSTAMP, SEQUENCE,
LAST-MODIFIED and our X-SHOOTPLAN-* markers) differs from the published one, withdrawn ones
included. They must be equal (1:1, checked): nothing is re-sent that did not change.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import random
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import realistic_production

import shootplan
from shootplan import (
    Changes,
    Production,
    ReplanResult,
    Schedule,
    replan,
    solve,
    write_calendars,
    write_revised_calendars,
)

WORKERS = 2


def disruption(
    production: Production, schedule: Schedule, rng: random.Random
) -> tuple[str, Changes, datetime.date]:
    """A random disruption in the week after the middle shoot day: (words, changes, today)."""
    middle = schedule.num_days // 2
    today = schedule.days[middle - 1].date
    week = schedule.days[middle : middle + 5]
    kind = rng.choice(["sick", "location", "rain"])
    if kind == "sick":
        length = rng.choice([2, 3])
        first = rng.randrange(0, len(week) - length + 1)
        dates = [day.date for day in week[first : first + length]]
        words = f"lead sick {length} days"
        return words, Changes(cast_unavailable=[{"cast": "1", "dates": [str(d) for d in dates]}]), today
    if kind == "location":
        day = rng.choice(week)
        where = production.scene(rng.choice(day.scenes)).location
        return (
            f"{where} lost 1 day",
            Changes(location_unavailable=[{"location": where, "dates": [str(day.date)]}]),
            today,
        )
    wet = [day for day in week if any(production.scene(n).is_exterior for n in day.scenes)] or week
    start = rng.randrange(len(wet))
    days = wet[start : start + rng.choice([1, 2])]
    return (
        f"rain {len(days)} day{'s' if len(days) > 1 else ''}",
        Changes(weather=[{"dates": [str(d.date) for d in days]}]),
        today,
    )


def _feed_events(folder: Path) -> dict[str, dict[str, bytes]]:
    """Feed file name -> UID -> what subscribers see of the event (stamps and markers left out)."""
    feeds: dict[str, dict[str, bytes]] = {}
    for path in folder.glob("*.ics"):
        blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", path.read_bytes(), re.S)
        feeds[path.name] = {
            re.search(rb"\r\nUID:(.*?)\r\n", block).group(1).decode(): re.sub(  # type: ignore[union-attr]
                rb"\r\n(DTSTAMP|SEQUENCE|LAST-MODIFIED|X-SHOOTPLAN-[A-Z-]+)[:;][^\r]*", b"", block
            )
            for block in blocks
        }
    return feeds


def phone_messages(production: Production, before: Schedule, result: ReplanResult) -> tuple[int, int]:
    """(events re-sent, events changed) over every feed when the re-plan is published (module docs)."""
    with tempfile.TemporaryDirectory() as name, warnings.catch_warnings():
        # The generated productions state no zone: UTC is as good as any for counting events.
        warnings.filterwarnings("ignore", ".*no time zone given")
        folder = Path(name)
        write_calendars(production, before, folder)
        held = _feed_events(folder)
        files = write_revised_calendars(result, folder)
        now = _feed_events(folder)
    changed = sum(
        1
        for feed, events in now.items()
        for uid, seen in events.items()
        if held.get(feed, {}).get(uid) != seen
    )
    return files.event_counts().sent, changed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kinds", nargs="+", default=["tv", "feature", "block", "large"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--plan-time", type=float, default=60.0)
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {WORKERS} workers, Python {platform.python_version()},"
        f" shootplan {shootplan.__version__}; {datetime.date.today()}; plan {args.plan_time:.0f} s,"
        f" re-plan {args.time_limit:.0f} s\n"
    )
    print(
        "| instance | scenes left | disruption | old plan breaks | re-plan: moved | re-plan: cost change"
        " | re-plan: churn | re-plan: time (s) | from scratch: moved | from scratch: cost change"
        " | dates changed | events re-sent | events changed |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind in args.kinds:
        for seed in args.seeds:
            production = realistic_production(kind, seed)
            plan = solve(production, time_limit=args.plan_time, num_workers=WORKERS, seed=0)
            if plan.schedule is None or plan.evaluation is None:
                print(f"| {kind}-{seed} | | no plan: {plan.status.value} | | | | | | | | | | |")
                continue
            rng = random.Random(f"{kind}-{seed}")
            words, changes, today = disruption(production, plan.schedule, rng)
            started = time.perf_counter()
            ours = replan(
                production,
                plan.schedule,
                today=today,
                changes=changes,
                time_limit=args.time_limit,
                num_workers=WORKERS,
                seed=0,
            )
            wall = time.perf_counter() - started
            fresh = replan(
                production,
                plan.schedule,
                today=today,
                changes=changes,
                time_limit=args.time_limit,
                num_workers=WORKERS,
                seed=0,
                from_scratch=True,
            )
            left = sum(1 for s in production.scenes) - sum(
                len(set(day.scenes)) for day in plan.schedule.days if day.date <= today
            )
            cells = [f"{kind}-{seed}", str(left), words, str(len(ours.previous_evaluation.violations))]
            for result, timed in ((ours, True), (fresh, False)):
                if result.evaluation is None:
                    cells += [result.status.value, ""] + (["", ""] if timed else [])
                    continue
                assert result.evaluation.is_feasible, result.evaluation.violations
                cells += [str(result.num_moved), f"{result.cost_delta:+,.0f}"]
                if timed:
                    cells += [f"{result.churn_cost:,.0f}", f"{wall:.1f}"]
            if ours.schedule is None:
                cells += ["", "", ""]
            else:
                sent, changed = phone_messages(production, plan.schedule, ours)
                assert sent == changed, f"{kind}-{seed}: {sent} events re-sent for {changed} changed"
                cells += [str(len(ours.comparison.changed_dates)), str(sent), str(changed)]
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

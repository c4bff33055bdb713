"""Sweep benchmark: 8 scenarios of the bundled example on 1 and on 2 local worker processes.

    python benchmarks/sweep.py [--time-limit 30] [--scenarios 8] [--processes 1 2]

The scenarios are the example's day counts 25, 26, ... (``Scenario(days=n)``), each solved with
one CP-SAT worker and seed 0 (deterministic: both runs give the same rows, checked). Printed: the
wall time of the sweep on each number of processes, the speed-up over one process, and the peak
memory of one solve (each runs in a child Python of its own, so its peak is the solve's): how many
solves fit in a machine's memory. Run it on a quiet machine: other load on the cores skews the
speed-up (with one CP-SAT worker the time limit is CP-SAT's deterministic time, so a busy machine
makes each solve slower in seconds without changing its result).
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import shootplan
from shootplan import Scenario, SolveParams, sweep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds for each solve")
    parser.add_argument("--scenarios", type=int, default=8, help="day counts from 25 up")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="solves at once")
    args = parser.parse_args()
    production = shootplan.example_production()
    scenarios = [Scenario(name=f"{n} days", days=n) for n in range(25, 25 + args.scenarios)]
    params = SolveParams(time_limit=args.time_limit, seed=0)
    print(f"# {len(scenarios)} scenarios of {production.name}, {args.time_limit:g} s each, 1 CP-SAT worker")
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| processes | wall s | speed-up | peak MB per solve (max) |")
    print("|---:|---:|---:|---:|")
    first: tuple[float, object] | None = None
    for processes in args.processes:
        started = time.perf_counter()
        result = sweep(production, scenarios, workers_per_solve=1, params=params, processes=processes)
        wall = time.perf_counter() - started
        rows = result.frame.drop(columns=["time", "peak_memory_mb"])
        if first is None:
            first = (wall, rows)
        elif not rows.equals(first[1]):
            print("! the rows differ between runs: the solves were not deterministic")
        peak = result.frame["peak_memory_mb"].max()
        print(f"| {processes} | {wall:.1f} | {first[0] / wall:.2f}x | {peak:.0f} |")
    print()
    print(result)


if __name__ == "__main__":
    main()

"""Solves run in a fresh child process, so that each one's peak memory is its own.

A process's peak resident size (``ru_maxrss``) only grows: measured in one long process, the first
large solve would hide every later one. Each call here starts a new interpreter ('spawn', not
'fork': a forked child would inherit, and count, the parent's pages), solves, and reports its
own peak with the figures the tables need (plain data, no pydantic objects across processes).
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from instances import realistic_production
from mss import mss_production, read_mss

from shootplan import Progress, Schedule, Status, solve


def in_child(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """``function(*args)`` in a new process; {"crashed": reason} if that process dies (e.g. out of memory)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool as error:
            return {"crashed": str(error) or "the child process died"}


def _peak_mb() -> float:
    """This process's peak resident memory in MB.

    On Linux the high-water mark of this process image (``VmHWM``): ``ru_maxrss`` survives the
    exec that 'spawn' makes after its fork, so it would count the parent's pages at that fork
    (740 MB for every row of a run after the realistic boards). Elsewhere ``ru_maxrss``.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / scale


def shooting_order(schedule: Schedule) -> list[int]:
    """The MSS order (0-based scenes) of a schedule of an MSS production: scenes by first day."""
    order: list[int] = []
    seen: set[str] = set()
    for day in schedule.days:
        for number in day.scenes:
            if number not in seen:
                seen.add(number)
                order.append(int(number) - 1)
    return order


def solve_mss(name: str, time_limit: float) -> dict[str, Any]:
    """shootplan on an MSS instance, 2 workers: cost, bound, proven, wall time, peak, and the order."""
    production = mss_production(read_mss(name))
    started = time.perf_counter()
    result = solve(production, time_limit=time_limit, num_workers=2)
    return {
        "status": result.status.value,
        "proven": result.status == Status.OPTIMAL,
        "cost": result.objective,
        "bound": result.bound,
        "order": shooting_order(result.schedule) if result.schedule else None,
        "days": result.schedule.num_days if result.schedule else None,
        "wall": time.perf_counter() - started,
        "peak_mb": _peak_mb(),
    }


def solve_generated(kind: str, seed: int, time_limit: float) -> dict[str, Any]:
    """shootplan on a generated production, 2 workers, with every better schedule's time and cost."""
    production = realistic_production(kind, seed)
    found: list[tuple[float, float]] = []

    def record(progress: Progress) -> None:
        found.append((progress.elapsed, progress.cost))

    started = time.perf_counter()
    result = solve(production, time_limit=time_limit, num_workers=2, progress=record)
    return {
        "name": production.name,
        "scenes": len(production.scenes),
        "cast": len(production.cast),
        "locations": len(production.locations),
        "status": result.status.value,
        "cost": result.objective,
        "violations": len(result.evaluation.violations) if result.evaluation else None,
        "found": found,
        "last_improvement": result.last_improvement,
        "wall": time.perf_counter() - started,
        "peak_mb": _peak_mb(),
    }

"""Location returns: the unit leaving a location and coming back to it later, and what that costs.

A return means another load-in and load-out, parking, permits and re-dressing, so ADs "shoot out"
a location. The scorer (:func:`shootplan.evaluate`) counts and prices returns here; the solver
models the same definition with run-start flags (:mod:`shootplan.solver.returns`).
"""

from __future__ import annotations

from collections.abc import Mapping

from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = ["location_returns", "returns_cost"]


def location_returns(production: Production, schedule: Schedule) -> dict[str, int]:
    """Per location, the runs of shoot days there after the first: the unit left and came back.

    A run is a stretch of shoot days in a row at the location; a day with no scene leaves the
    unit where it was, so it neither ends a run nor starts one. Locations never visited count 0.
    """
    returns = dict.fromkeys((location.name for location in production.locations), 0)
    runs: dict[str, int] = {}
    before: set[str] = set()
    for day in schedule.days:
        here = {production.scene(n).location for n in day.scenes if production.has_scene(n)}
        if not here:
            continue
        for name in here - before:
            runs[name] = runs.get(name, 0) + 1
        before = here
    for name, count in runs.items():
        returns[name] = count - 1
    return returns


def returns_cost(production: Production, returns: Mapping[str, int]) -> float:
    """What the returns cost: each at its location's return cost (0 at a standing set)."""
    return sum(count * production.return_cost(name) for name, count in returns.items() if count)

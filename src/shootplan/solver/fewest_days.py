"""A first look in the cheapest region: schedules on the fewest shoot days the bound proves.

On a TV episode CP-SAT's first schedules often take a day more than it needs, and a shoot day
(25,000 on the realistic boards) outweighs the holds a day more saves; a 60-s search then spends
its time polishing the wrong day count (tv-1 at 60 s, 2 workers: 11 days in two of three seeds,
10 at 300 s). Held first to the fewest days :func:`~shootplan.solver.bound_days.forced_days`
proves, the search finds a schedule of that length when one exists, and the whole model goes on
from it (hinted), free to use more days where they pay.
"""

from __future__ import annotations

import logging

from ortools.sat.python import cp_model

from shootplan.solver.bound_days import forced_days
from shootplan.solver.deterministic import deterministic_budget
from shootplan.solver.lns import Incumbent
from shootplan.solver.model import ScheduleModel
from shootplan.solver.search import Observer, run_interruptibly

__all__ = ["fewest_days_first"]

logger = logging.getLogger("shootplan.solver")


def fewest_days_first(
    built: ScheduleModel,
    observer: Observer,
    *,
    seconds: float,
    workers: int,
    seed: int,
    deterministic: bool,
) -> tuple[Incumbent | None, float, bool]:
    """Search ``built`` held to the fewest shoot days for ``seconds``.

    Returns the best schedule found (None: none, or nothing to try: shoot days cost nothing or the
    bound leaves no day to save), the deterministic seconds spent, and whether Ctrl-C stopped it.
    """
    instance, used = built.instance, built.variables.used
    fewest = forced_days(instance).days
    if seconds <= 0 or not instance.day_cost or not 0 < fewest < len(used):
        return None, 0.0, False
    held = built.model.clone()
    # Used days form a prefix: day ``fewest`` unused is "at most ``fewest`` shoot days".
    domain = held.proto.variables[used[fewest].Index()].domain
    domain.clear()
    domain.extend([0, 0])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False
    if deterministic:
        solver.parameters.max_deterministic_time = deterministic_budget(seconds)
    else:
        solver.parameters.max_time_in_seconds = seconds
    status, interrupted = run_interruptibly(solver, held, observer)
    logger.info("fewest shoot days first (%d): %s", fewest, solver.status_name(status))
    found = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        found = Incumbent(list(solver.response_proto.solution), solver.objective_value)
    return found, solver.deterministic_time, interrupted

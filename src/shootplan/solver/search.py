"""Running CP-SAT the way ``solve`` needs it: stoppable by Ctrl-C, reporting progress, and the
budget proofs in a thread beside the neighbourhood search.

Kept apart from ``solve.py`` so that module reads as the list of phases and this one holds the
threads and signals that every phase shares.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from shootplan.money import format_money
from shootplan.solver.instance import COST_SCALE
from shootplan.solver.lns import Incumbent
from shootplan.solver.objective import Objective
from shootplan.solver.proof import Proof, Run
from shootplan.solver.result import Progress
from shootplan.solver.variables import Variables

__all__ = ["BackgroundProof", "Observer", "run_interruptibly"]

logger = logging.getLogger("shootplan.solver")


class Observer(cp_model.CpSolverSolutionCallback):
    """Reports each better schedule through logging and the user's progress callback."""

    def __init__(
        self,
        v: Variables,
        objective: Objective,
        started: float,
        callback: Callable[[Progress], None] | None,
        *,
        floor: float = 0.0,
    ) -> None:
        super().__init__()
        self.variables = v
        self.objective = objective
        self.started = started
        self.callback = callback
        self.solutions = 0
        self.best: Incumbent | None = None
        self.best_bound = 0.0
        self.last_improvement: float | None = None  # seconds from the start, at the last cheaper schedule
        self.floor = floor  # the search-free bound (currency): the reported bound never falls below it

    def raise_floor(self, bound: float, *, report: bool = True) -> None:
        """A better bound proven: reports show it from now on (and at once with ``report``)."""
        self.floor = max(self.floor, bound)
        if report and self.best is not None:
            self.solutions -= 1  # the same schedule, not a new one
            self.report(self.best.values, self.best.objective)

    def on_solution_callback(self) -> None:
        self.best_bound = self.best_objective_bound
        self.report(list(self.response_proto.solution), self.objective_value)

    def report(self, values: list[int], objective: float) -> None:
        """Log and pass on a better schedule (from the full model or a neighbourhood step)."""
        self.solutions += 1
        elapsed = time.perf_counter() - self.started
        # raise_floor reports the same schedule again: only a cheaper one is an improvement.
        if self.best is None or objective < self.best.objective - 1e-6:
            self.last_improvement = elapsed
        self.best = Incumbent(values, objective)
        v = self.variables
        cost = max(0.0, objective / COST_SCALE)
        bound = max(self.floor, (self.best_bound - self.objective.max_tie_breaker) / COST_SCALE)
        bound = min(bound, cost)
        locations = sum(values[at.Index()] for days in v.at.values() for at in days.values())
        moves = locations - sum(values[u.Index()] for u in v.busy)
        holds = sum(values[h.Index()] for days in v.hold.values() for h in days.values())
        gap = 0.0 if cost <= 0 else (cost - bound) / cost
        progress = Progress(elapsed, cost, bound, gap, moves, holds, self.solutions)
        logger.info(
            "#%d  %.1fs  cost %s  bound %s  gap %.1f%%  moves %d  hold days %d",
            progress.solutions,
            progress.elapsed,
            format_money(cost),
            format_money(bound),
            100 * gap,
            moves,
            holds,
        )
        if self.callback is not None:
            self.callback(progress)


def run_interruptibly(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    observer: Observer | None = None,
    soft_stop: float | None = None,
) -> tuple[cp_model.CpSolverStatus, bool]:
    """Solve in a worker thread so Ctrl-C in the main thread can stop the search cleanly.

    Returns the status and whether Ctrl-C stopped it. Past ``soft_stop`` (a ``perf_counter``
    time) the search stops as soon as it has a schedule.
    """
    outcome: dict[str, cp_model.CpSolverStatus] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["status"] = solver.solve(model, observer)
        finally:
            done.set()

    worker = threading.Thread(target=run, name="shootplan-cp-sat", daemon=True)
    worker.start()
    interrupted = False
    # Wait on an Event, not Thread.join: on Python 3.11 a Ctrl-C inside join() can leave
    # is_alive() False while the solver still runs.
    while not done.is_set():
        try:
            done.wait(0.1)
            has_schedule = observer is not None and observer.solutions > 0
            if soft_stop is not None and has_schedule and time.perf_counter() >= soft_stop:
                solver.stop_search()
                soft_stop = None
        except KeyboardInterrupt:
            interrupted = True
            logger.warning("interrupted: stopping the search and keeping the best schedule so far")
            solver.stop_search()
    worker.join()
    return outcome.get("status", cp_model.UNKNOWN), interrupted


class BackgroundProof:
    """The budget proofs in a thread on one core, beside the neighbourhood search."""

    def __init__(self, prove: Callable[[Run], Proof]) -> None:
        self._prove = prove
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._solver: cp_model.CpSolver | None = None
        self._proof: Proof | None = None
        self._thread = threading.Thread(target=self._work, name="shootplan-proof", daemon=True)

    def start(self) -> None:
        """Start proving. Separate from construction so the caller holds the proof before its
        thread runs: a Ctrl-C in between must not leave a solver running unseen at exit."""
        self._thread.start()

    def cores_left(self, workers: int) -> Callable[[], int]:
        """How many workers the search may use now: one fewer while the proof runs."""
        return lambda: max(1, workers - 1) if self._thread.is_alive() else workers

    def _run(
        self, solver: cp_model.CpSolver, model: cp_model.CpModel
    ) -> tuple[cp_model.CpSolverStatus, bool]:
        with self._lock:
            if self._stop.is_set():
                return cp_model.UNKNOWN, True
            self._solver = solver
        return solver.solve(model), self._stop.is_set()

    def _work(self) -> None:
        try:
            self._proof = self._prove(self._run)
        except Exception:  # the proof is an extra: a failure must not cost the user the schedule
            logger.exception("the budget proof failed; the bound comes from the search alone")

    def finish(self) -> Proof | None:
        """Stop the proof (if it still runs) and return what it proved."""
        with self._lock:
            self._stop.set()
            if self._solver is not None:
                self._solver.stop_search()
        if self._thread.ident is not None:  # started
            self._thread.join()
        return self._proof

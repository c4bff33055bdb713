"""More annealing chains on the other cores: the cheapest of independent runs wins.

One annealing run uses one core, and where it ends depends on its seed: on movie100, three seeds
of the same 60-s run ended at 28,800, 28,819 and 30,101. Each further core therefore runs a chain
of its own (the next seeds) until the same moment, and the cheapest order of all is kept.

A chain is a child Python running this module (``python -m shootplan.solver.chains``), the problem
pickled on its stdin and its order pickled on its stdout: processes, not threads, because a step is
mostly small numpy calls that hold the GIL; and not ``multiprocessing``, whose spawned workers
import the caller's main script again (a script without a ``__main__`` guard would solve twice).

With one worker there is no other chain, so a run still repeats byte for byte. A chain is a bonus:
one that cannot start or fails costs nothing but its own order.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import threading
import time

from shootplan.child_python import module_command, module_environment
from shootplan.solver.orders import anneal_order
from shootplan.solver.sequencing import SequencingProblem

__all__ = ["Chains"]

logger = logging.getLogger("shootplan.solver")


class Chains:
    """Annealing chains started on spare cores, collected at a wall-clock deadline."""

    def __init__(self, problem: SequencingProblem, workers: int, seed: int, deadline: float) -> None:
        """``workers`` counts the caller's own chain; ``deadline`` is a ``time.time()`` value."""
        spare = min(workers, os.cpu_count() or 1) - 1
        self.children: list[subprocess.Popen[bytes]] = []
        for chain_seed in range(seed + 1, seed + 1 + max(0, spare)):
            child = _start(problem, chain_seed, deadline)
            if child is not None:
                self.children.append(child)

    def cheapest(self, order: list[int], cost: int) -> tuple[list[int], int]:
        """The cheapest of ``order`` and the chains' orders."""
        for child in self.children:
            found = _collect(child)
            if found is not None:
                logger.info("order search: another core's chain ended at %d, this one at %d", found[1], cost)
            if found is not None and found[1] < cost:
                order, cost = found
        self.children = []
        return order, cost

    def close(self) -> None:
        """Stop every chain (Ctrl-C: their orders are not waited for)."""
        for child in self.children:
            child.kill()
            child.wait()
        self.children = []


def _start(problem: SequencingProblem, seed: int, deadline: float) -> subprocess.Popen[bytes] | None:
    try:
        child = subprocess.Popen(
            module_command("shootplan.solver.chains"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=module_environment(),
        )
    except OSError as failure:  # no processes here: the caller's chain is the only one
        logger.info("order search: no second chain (%s)", failure)
        return None
    # Written beside the caller's own search: the child reads only once it has imported numpy.
    threading.Thread(target=_send, args=(child, pickle.dumps((problem, seed, deadline))), daemon=True).start()
    return child


def _send(child: subprocess.Popen[bytes], payload: bytes) -> None:
    assert child.stdin is not None
    try:
        child.stdin.write(payload)
        child.stdin.close()
    except OSError:  # the child died first: _collect says so
        pass


def _collect(child: subprocess.Popen[bytes]) -> tuple[list[int], int] | None:
    """The child's order and cost, or None when it failed (said in the log)."""
    assert child.stdout is not None
    output = child.stdout.read()
    if child.wait() != 0 or not output:
        logger.info("order search: a chain ended without an order (exit %s)", child.returncode)
        return None
    # Our own child's output, written by _main below: nothing from outside is unpickled.
    order, cost = pickle.loads(output)
    return list(order), int(cost)


def _main() -> None:
    problem, seed, deadline = pickle.loads(sys.stdin.buffer.read())
    found = anneal_order(problem, time_limit=max(0.0, deadline - time.time()), seed=seed, deterministic=False)
    sys.stdout.buffer.write(pickle.dumps(found))


if __name__ == "__main__":
    _main()

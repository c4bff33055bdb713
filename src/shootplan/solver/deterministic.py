"""Seconds on CP-SAT's deterministic clock, the clock one-worker runs stop on.

A one-worker run repeats exactly only when it stops on CP-SAT's deterministic clock, which counts
work, not time. That clock runs slower than the wall: on one core of the 2-core reference machine
shootplan's models take 3.5 to 4.5 s of wall time per deterministic second (the bundled example
and the realistic tv and feature boards: 0.22 to 0.29 deterministic seconds a second). Every
budget in shootplan is in seconds; it is converted here, where CP-SAT is told or asked, so a
one-worker plan of 60 s takes about a minute, not four.
"""

from __future__ import annotations

# Deterministic seconds CP-SAT counts in one second of one core (measured; see the module doc).
DETERMINISTIC_PER_SECOND = 0.25


def deterministic_budget(seconds: float) -> float:
    """CP-SAT's ``max_deterministic_time`` for a budget of ``seconds``."""
    return seconds * DETERMINISTIC_PER_SECOND


def seconds_of(deterministic_time: float) -> float:
    """The seconds a run that counted ``deterministic_time`` stands for."""
    return deterministic_time / DETERMINISTIC_PER_SECOND

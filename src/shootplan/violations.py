"""A broken hard rule found by the scorer, with the entities it concerns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from shootplan.findings import CLOCK_RULES, Finding, Rule

__all__ = ["Violation", "clock_notice", "off_the_clock"]


@dataclass(frozen=True)
class Violation:
    """A broken hard rule (a :class:`~shootplan.findings.Rule`), with the entities it concerns."""

    rule: Rule
    message: str
    day: int | None = None
    scene: str | None = None
    cast: str | None = None
    location: str | None = None

    def __str__(self) -> str:
        return f"[{self.rule.label}] {self.message}"


def clock_notice(violations: Sequence[Violation], *, where: str = "") -> Finding | None:
    """What to say of the rules on the clock a solver's schedule breaks (None when it breaks none).

    The solver bounds each day's minutes against them but does not yet time every call and wrap
    (:data:`~shootplan.findings.CLOCK_RULES`): a known limit, with its remedy, not a bug report.
    ``where`` says where the whole list is kept, ahead of the list (a terminal may cut it short).
    """
    on_clock = [v for v in violations if v.rule in CLOCK_RULES]
    if not on_clock:
        return None
    kinds = ", ".join(f"{label} {n}" for label, n in Counter(v.rule.label for v in on_clock).items())
    many = "s" if len(on_clock) > 1 else ""
    message = (
        f"the schedule breaks {len(on_clock)} rule{many} on the clock ({kinds}): the solver bounds each"
        " day's minutes but does not yet time every call and wrap, so these days need a hand fix"
        " (move the scene to a day that keeps the hours, or shoot it earlier in its day; the solver"
        f" does not see these rules, so more shoot days alone do not help){where}: "
        + "; ".join(map(str, on_clock))
    )
    return Finding(Rule.SEARCH, message, numbers={"violations": len(on_clock)})


def off_the_clock(violations: Sequence[Violation]) -> list[Violation]:
    """The broken rules the solver's model keeps exactly: in a solver's schedule, each is a bug."""
    return [v for v in violations if v.rule not in CLOCK_RULES]

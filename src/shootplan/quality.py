"""How good a plan is known to be, in words an AD trusts.

The one place that words a search's outcome (``plan``'s summary, the Excel Summary and
``print(result)`` all use it): the bound in money ("at most 12,400 could still be saved"), a
plain warning when the bound proves little, and whether the cost was still falling when the
search stopped, so the user knows whether more time helps. A gap in percent reads as "98% worse
than possible" to most readers, so the words never use one.

It takes plain numbers, not the solver's ``Result``: the file writers may not import the solver.
"""

from __future__ import annotations

from shootplan.money import format_money

__all__ = ["STILL_FALLING", "WEAK_GAP", "describe_quality"]

#: Above this gap ((cost - bound) / cost) the bound rules out too little to reassure anyone.
WEAK_GAP = 0.5
#: The cost counts as still falling when it last fell within this share of the search's end.
STILL_FALLING = 0.25


def describe_quality(
    cost: float | None,
    bound: float | None,
    *,
    runtime: float,
    last_improvement: float | None = None,
    proven: bool = False,
) -> list[str]:
    """Sentences saying how good a plan of ``cost`` is known to be (none without a plan).

    ``bound`` is a proven lower bound on any schedule's cost (None or 0 when nothing is proven);
    ``proven`` says the search proved the plan best (so does a bound at the cost);
    ``runtime`` the seconds the search ran and ``last_improvement`` when, in seconds from its
    start, it last found a cheaper schedule (None when unknown). The time of the last improvement
    is measured against the time the search ran: that is the time limit when time ran out, and
    the right reference when Ctrl-C stopped it earlier.
    """
    if cost is None:
        return []
    if proven or cost <= 0 or (bound is not None and bound >= cost - 0.5):
        # Costs are never negative, so a plan of 0 is best too. Once proven, how long the search
        # took to get there says nothing about more time.
        return [f"proven best: no schedule can cost less than {format_money(cost)}"]
    sentences = [_bound_words(cost, bound)]
    if last_improvement is not None:
        sentences.append(_improvement_words(runtime, last_improvement))
    return sentences


def _bound_words(cost: float, bound: float | None) -> str:
    """The bound in money, or plainly that it proves little (or that there is none)."""
    if bound is None or bound <= 0:
        return "no lower bound proven yet: how much more could be saved is unknown"
    if (cost - bound) / cost > WEAK_GAP:
        return (
            f"the bound proves little here: it only rules out schedules under {format_money(bound)},"
            " so how much more could be saved is unknown"
        )
    return (
        f"at most {format_money(cost - bound)} could still be saved:"
        f" no schedule can cost less than {format_money(bound)}"
    )


def _improvement_words(runtime: float, last_improvement: float) -> str:
    """When the cost last fell, and whether that says more time would help."""
    end = max(runtime, last_improvement)
    quiet = end - last_improvement
    if quiet < STILL_FALLING * end:
        return (
            f"the cost last fell at {_seconds(last_improvement)} s of {_seconds(end)}:"
            " more time would likely help"
        )
    return f"no better schedule found in the last {_seconds(quiet)} s of {_seconds(end)}"


def _seconds(value: float) -> str:
    """Whole seconds from 10 s up (``58``), tenths below (``2.5``)."""
    return f"{value:.0f}" if value >= 9.95 else f"{value:.1f}"

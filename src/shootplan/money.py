"""The one way shootplan prints an amount of money: ``436,300``, ``-2,400``, ``+1,200``.

Costs are in the production's own currency units (rates are whatever the board says), so no
symbol. Whole units, with thousands separators: cents never decide a schedule, and three
formats of the same figure side by side (``436,300.00``, ``436,300``, ``346,300.0``) read as three
different numbers.
"""

from __future__ import annotations

__all__ = ["MAX_HOLD_FACTOR", "MAX_MONEY", "format_money"]

# The most any one amount may be (a day's pay, a move, a return, a shoot day): beyond any
# production's, so a larger figure is a typing error. The solver counts costs in hundredths as
# 64-bit integers; at this bound a year of hold days for hundreds of performers stays in range
# (a rate of 1e19 made CP-SAT refuse the model).
MAX_MONEY = 100_000_000
# The most the hold cost factor may multiply a daily rate by, for the same reason.
MAX_HOLD_FACTOR = 100


def format_money(amount: float, *, signed: bool = False) -> str:
    """``1234.5`` -> ``"1,235"``; with ``signed``, ``"+1,235"`` (and ``"0"`` for nothing)."""
    whole = round(amount)
    if signed and whole:
        return f"{whole:+,}"
    return f"{whole:,}"

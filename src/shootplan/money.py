"""The one way shootplan prints an amount of money: ``436,300``, ``-2,400``, ``+1,200``.

Costs are in the production's own currency units (rates are whatever the board says), so no
symbol. Whole units, with thousands separators: cents never decide a schedule, and three
formats of the same figure side by side (``436,300.00``, ``436,300``, ``346,300.0``) read as three
different numbers.
"""

from __future__ import annotations

__all__ = ["format_money"]


def format_money(amount: float, *, signed: bool = False) -> str:
    """``1234.5`` -> ``"1,235"``; with ``signed``, ``"+1,235"`` (and ``"0"`` for nothing)."""
    whole = round(amount)
    if signed and whole:
        return f"{whole:+,}"
    return f"{whole:,}"

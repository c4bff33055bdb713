"""Work-rule profiles: the rest owed between one day's wrap and the next day's call."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Turnaround"]


class Turnaround(StrEnum):
    """Rest profile between one day's wrap and the next day's call, for cast and crew (DOMAIN.md).

    Measured on the clock (:mod:`shootplan.timeline` lays out each day's call and wrap); days off
    between shoot days count as rest, so a weekend resets a run of nights.
    """

    SAG = "sag"  # performers, 12 h (SAG-AFTRA)
    IATSE = "iatse"  # crew, 10 h
    EU = "eu"  # 11 h (EU working time directive)
    NONE = "none"  # not enforced

    @property
    def rest_hours(self) -> int:
        """Minimum rest between wrap and next call."""
        return {"sag": 12, "iatse": 10, "eu": 11, "none": 0}[self.value]

"""Work-rule profiles: the rest owed between wrap and the next call, and minors' hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

__all__ = [
    "MEAL_MINUTES",
    "MINOR_DAY_END",
    "MINOR_DAY_START",
    "MINOR_LATE_END",
    "MINOR_REST_HOURS",
    "SCHOOL_MINUTES",
    "MinorLimits",
    "Turnaround",
    "minor_limits",
]


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


# --------------------------------------------------------------------------- minors

#: The meal break a day of more than six hours gets (SAG-AFTRA and IATSE meal rules).
MEAL_MINUTES = 60

#: California's rules for minors (Cal. Code Regs. tit. 8, 11760; DOMAIN.md), the usual reference.
MINOR_DAY_START = time(5, 0)  # no work before 05:00
MINOR_DAY_END = time(22, 0)  # nor after 22:00
MINOR_LATE_END = time(0, 30)  # 00:30 the next morning, before a day without school
MINOR_REST_HOURS = 12  # between dismissal and the next call
SCHOOL_MINUTES = 3 * 60  # schooling on set on a school day, counted in the day

#: A minor whose age is not given is held to the 9-15 band, the most common for child actors.
DEFAULT_MINOR_AGE = 9


@dataclass(frozen=True)
class MinorLimits:
    """What a minor of one age may do on one day, in minutes."""

    band: str  # "9-15"
    work: int  # hours of work (in scenes)
    on_set: int  # hours at the place of work: work, school, rest and meals


# (lowest age, band, work on a school day, work otherwise, at the place of work), in hours.
_BANDS = (
    (16, "16-17", 6, 8, 10),
    (9, "9-15", 5, 7, 9),
    (6, "6-8", 4, 6, 8),
    (2, "2-5", 3, 3, 6),
    (0, "under 2", 2, 2, 4),
)


def minor_limits(age: int | None, school_day: bool) -> MinorLimits:
    """The day's limits for a minor of ``age`` (None: the 9-15 band) on a school day or not."""
    years = DEFAULT_MINOR_AGE if age is None else age
    for lowest, band, school, free, on_set in _BANDS:
        if years >= lowest:
            return MinorLimits(band, (school if school_day else free) * 60, on_set * 60)
    raise AssertionError("the bands cover every age from 0")

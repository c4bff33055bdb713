"""``SolveParams``: every setting of :func:`shootplan.solve` as one small validated object.

Settings are data: they can be built in Python, read from a TOML file (an empty file gives the
defaults) and passed around as one value. ``solve(production, time_limit=5)`` still works: each
keyword is the name of a field here. Loading and errors as every :class:`~shootplan.settings.Settings`.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, field_validator

from shootplan.errors import ParameterError
from shootplan.settings import Settings

__all__ = ["ParameterError", "SolveParams"]


class SolveParams(Settings):
    """The settings of one :func:`shootplan.solve` run (frozen: change one with ``replace``)."""

    toml_table = "solve"

    time_limit: float = Field(
        60.0,
        description="Seconds to search; the best schedule found by then is returned. With"
        " num_workers=1 the search stops on CP-SAT's deterministic clock (the limit converted at"
        " its measured rate on one core), so runs repeat exactly and last about the limit.",
    )
    num_workers: int | None = Field(
        None, description="CP-SAT search workers; None uses every core of the machine."
    )
    seed: int = Field(0, description="Random seed of the search (same seed, one worker: same schedule).")
    log_search: bool = Field(
        False, description="Let CP-SAT log its search through the shootplan.solver logger."
    )
    proof_share: float = Field(
        0.25,
        description="Share of time_limit for proving a lower bound (budget proofs) when the"
        " whole-model phase has not proven its schedule optimal; 0 leaves the bound to the"
        " relaxation and the search. At least 0 and below 1.",
    )
    fewest_days_share: float = Field(
        0.3,
        description="Share of the whole model's time spent first held to the fewest shoot days the"
        " bound proves (when shoot days cost money), the rest going on from what that found, free"
        " to use more days (tv-1, 60 s, 2 workers, three seeds: 275,500-281,500 on 10 days, against"
        " 276,000-303,700 and 11 days in two seeds without; where one more day pays, as on tv-2, the"
        " search tends to stay on the fewest: see benchmarks/README.md). 0 turns it off. At least 0"
        " and below 1.",
    )
    whole_model_scenes: int = Field(
        60,
        description="Up to this many scenes CP-SAT searches the whole model for all the time (it"
        " usually proves them optimal). Above it the whole model is never built: the search"
        " starts from the hand method's board and each neighbourhood step builds a model with"
        " only the freed scenes' days open (memory and time stay low; the bound then comes from"
        " the relaxation alone). Should the hand method not place every scene, the whole model"
        " finds the first schedule, then neighbourhood search takes over.",
    )
    full_model_share: float = Field(
        0.15,
        description="When the whole model must find the first schedule of a production above"
        " whole_model_scenes, the share of time_limit it gets before the neighbourhood search.",
    )
    lns_step_seconds: float = Field(
        1.0,
        description="Time for one neighbourhood step: short steps, many of them, beat long ones"
        " on two cores.",
    )
    explain: bool = Field(
        True,
        description="When no schedule exists, find a small set of conflicting rules (up to 10 s of"
        " extra solving); a caller that explains in its own words turns it off.",
    )
    exact_sequencing: bool = Field(
        True,
        description="Solve productions whose schedule is an order of scenes (one scene a day,"
        " nothing tied to dates: talent and movie-shoot scheduling) by the order methods instead of"
        " CP-SAT: exactly by dynamic programming when small, else by annealing over orders.",
    )

    @field_validator("time_limit", "lns_step_seconds")
    @classmethod
    def _positive_seconds(cls, value: float, info: Any) -> float:
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"{info.field_name} must be more than 0 s, got {value:g}")
        return value

    @field_validator("num_workers")
    @classmethod
    def _some_workers(cls, value: int | None) -> int | None:
        if value is not None and value < 1:
            raise ValueError(f"num_workers must be at least 1 (or None for every core), got {value}")
        return value

    @field_validator("seed")
    @classmethod
    def _cp_sat_seed(cls, value: int) -> int:
        # CP-SAT's random_seed is a 32-bit signed integer.
        if not 0 <= value < 2**31:
            raise ValueError(f"seed must be between 0 and {2**31 - 1}, got {value}")
        return value

    @field_validator("proof_share")
    @classmethod
    def _proof_share(cls, value: float) -> float:
        if not 0 <= value < 1:
            raise ValueError(f"proof_share must be at least 0 and below 1 (time to search), got {value:g}")
        return value

    @field_validator("fewest_days_share")
    @classmethod
    def _fewest_days_share(cls, value: float) -> float:
        if not 0 <= value < 1:
            raise ValueError(f"fewest_days_share must be at least 0 and below 1, got {value:g}")
        return value

    @field_validator("full_model_share")
    @classmethod
    def _full_model_share(cls, value: float) -> float:
        if not 0 < value <= 1:
            raise ValueError(f"full_model_share must be more than 0 and at most 1, got {value:g}")
        return value

    @field_validator("whole_model_scenes")
    @classmethod
    def _whole_model_scenes(cls, value: int, info: Any) -> int:
        if value < 0:
            raise ValueError(f"{info.field_name} must be at least 0, got {value}")
        return value

    def replace(self, **changes: Any) -> SolveParams:
        """A copy with ``changes`` (field names), validated like a new object."""
        return self.updated(changes, caller="SolveParams.replace()")

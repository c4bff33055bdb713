"""The re-plan's settings as data: :class:`ReplanParams`, validated once, loadable from TOML.

The first fields are the ones a user sets (time, workers, seed, what moving a scene costs); the
rest tune the repair and polishing searches and rarely need to change. ``ReplanParams()`` is the
defaults; ``ReplanParams.from_toml(path)`` reads the same fields from a file (an empty file gives
the defaults); a value out of range raises :class:`ParamsError` naming the field.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from shootplan.errors import ShootplanError

__all__ = ["ParamsError", "ReplanParams"]


class ParamsError(ShootplanError, ValueError):
    """A setting out of range or of the wrong type; the message names the field and the value."""


class ReplanParams(BaseModel):
    """Everything :func:`~shootplan.replan` may be told besides the production, plan and news.

    Keyword arguments of :func:`~shootplan.replan` with these names override the fields, so
    ``replan(p, plan, today=d, time_limit=5)`` and ``replan(p, plan, today=d,
    params=ReplanParams(time_limit=5))`` are the same call.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    time_limit: float = Field(default=30.0, gt=0, allow_inf_nan=False)
    """Seconds for the whole re-plan (repair, two searches and a last pass)."""
    num_workers: int | None = Field(default=None, ge=1)
    """CP-SAT search workers (default: every core). With one worker and a seed a re-plan repeats
    exactly: the repair and the closing pass then count steps, not seconds."""
    seed: int = 0
    """Random seed of the searches."""
    freeze_today: bool = True
    """Keep ``today`` as it is (the unit is shooting it); False re-plans today too."""
    weight_churn: float = Field(default=1000.0, ge=0, allow_inf_nan=False)
    """What moving one scene off the date crews were told costs, in the production's currency,
    before the near-term factor. A scene moves only where that saves more."""
    near_term_factor: float = Field(default=4.0, ge=0, allow_inf_nan=False)
    """Moves close to today cost more: a scene planned ``d`` calendar days out costs
    ``weight_churn x (1 + near_term_factor / (1 + d))`` to move (with the defaults 3,000 for
    tomorrow's scene, 1,500 a week out, about 1,130 a month out)."""
    cover_factor: float = Field(default=0.1, ge=0, allow_inf_nan=False)
    """When the changes include weather, a cover set's churn cost is multiplied by this: cover
    sets exist to be moved at short notice."""
    from_scratch: bool = False
    """Ignore the old plan for the days not yet shot: no churn cost and no warm start from it
    (what a full re-solve would give; for comparison)."""

    # The searches' own tunables.
    repair_share: float = Field(default=0.1, ge=0, le=1, allow_inf_nan=False)
    """Share of ``time_limit`` for repairing the old plan (the warm start) ..."""
    repair_max_seconds: float = Field(default=2.0, ge=0, allow_inf_nan=False)
    """... but never more than this many seconds."""
    repair_steps_per_second: int = Field(default=400, ge=1)
    """Repair steps a second on the 2-core reference machine (119-scene example): the step budget
    that stands in for seconds when the re-plan must repeat exactly (one worker)."""
    max_ejected: int = Field(default=3, ge=0)
    """Strips one displaced strip may push to other days to make room for itself."""
    tabu_tenure: int = Field(default=7, ge=0)
    """Repair steps a strip just moved stays where it was put (the tabu search's memory)."""
    focus_share: float = Field(default=0.4, ge=0, lt=1, allow_inf_nan=False)
    """Share of ``time_limit`` for re-boarding only the days around the disruption first."""
    focus_reach: int = Field(default=1, ge=0)
    """Shoot days either side of each disrupted day that the local re-board may change."""
    polish_share: float = Field(default=0.1, ge=0, lt=1, allow_inf_nan=False)
    """Share of ``time_limit`` kept for the closing pass that puts needlessly moved scenes back."""
    polish_passes: int = Field(default=5, ge=0)
    """Passes of the closing pass when it runs without a clock (each pass ends or improves)."""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise ParamsError(_describe(error)) from None

    @model_validator(mode="after")
    def _shares_leave_time(self) -> Self:
        if self.focus_share + self.polish_share >= 1:
            raise ValueError(
                f"focus_share + polish_share must be below 1 (got {self.focus_share} +"
                f" {self.polish_share}): the whole-shoot search needs time too"
            )
        return self

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> ReplanParams:
        """Read the fields from a TOML file (``time_limit = 10``); an empty file is the defaults."""
        source = Path(path)
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ParamsError(f"{source}: not valid TOML: {error}") from None
        try:
            return cls(**data)
        except ParamsError as error:
            raise ParamsError(f"{source}: {error}") from None

    def updated(self, overrides: Mapping[str, Any], *, caller: str = "replan()") -> ReplanParams:
        """These settings with ``overrides`` (field names) applied, validated the same way.

        An unknown name is a :class:`TypeError`, as for any unexpected keyword argument.
        """
        fields = type(self).model_fields
        for name in overrides:
            if name not in fields:
                close = difflib.get_close_matches(name, list(fields), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise TypeError(f"{caller} got an unexpected keyword argument {name!r}{hint}")
        if not overrides:
            return self
        return type(self)(**(self.model_dump(exclude_unset=True) | dict(overrides)))


def _describe(error: ValidationError) -> str:
    """Pydantic's errors as one line per field: ``time_limit: ... (got -1)``."""
    lines = []
    for item in error.errors(include_url=False):
        field = ".".join(str(part) for part in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        got = "" if item["type"] in {"missing", "value_error"} else f" (got {item['input']!r})"
        lines.append(f"ReplanParams: {field}: {message}{got}" if field else f"ReplanParams: {message}")
    return "; ".join(lines)

"""The re-plan's settings as data: :class:`ReplanParams`, validated once, loadable from TOML.

The first fields are the ones a user sets (time, workers, seed, what moving a scene costs); the
rest tune the repair and polishing searches and rarely need to change. ``ReplanParams()`` is the
defaults; ``ReplanParams.from_toml(path)`` reads the same fields from a file (an empty file gives
the defaults; a ``[replan]`` table is read when present); errors as every
:class:`~shootplan.settings.Settings`.
"""

from __future__ import annotations

from typing import Self

from pydantic import ConfigDict, Field, model_validator

from shootplan.settings import Settings

__all__ = ["ReplanParams"]


class ReplanParams(Settings):
    """Everything :func:`~shootplan.replan` may be told besides the production, plan and news.

    Keyword arguments of :func:`~shootplan.replan` with these names override the fields, so
    ``replan(p, plan, today=d, time_limit=5)`` and ``replan(p, plan, today=d,
    params=ReplanParams(time_limit=5))`` are the same call.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)
    toml_table = "replan"

    time_limit: float = Field(default=30.0, gt=0, allow_inf_nan=False)
    """Seconds for the whole re-plan (repair, two searches and a last pass)."""
    num_workers: int | None = Field(default=None, ge=1)
    """CP-SAT search workers (default: every core). With one worker and a seed a re-plan repeats
    exactly: the repair and the closing pass then count steps, not seconds."""
    seed: int = 0
    """Random seed of the searches."""
    freeze_today: bool = True
    """Keep ``today`` as it is (the unit is shooting it); False re-plans today too. A change that
    makes today's work impossible (its performer out today, its location lost or closed today,
    its scenes cut or pinned elsewhere...) re-plans today anyway, and the result's ``notices`` say
    so, unless ``today_under_way``."""
    today_under_way: bool = False
    """Today's work has started and cannot be re-planned: a change that makes it impossible
    stops the re-plan (status infeasible, the conflict named) instead of re-planning today."""
    allow_more_days: bool = False
    """Let the re-plan use more shoot days than the current plan has, beyond the production's day
    limit too (``plan`` stores the day count it planned as that limit); a notice says the limit is
    lifted, and another how many days were added. Off by default: the day count grows only by
    ``Changes.add_shoot_days``."""
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

    @model_validator(mode="after")
    def _today_is_either_open_or_under_way(self) -> Self:
        if self.today_under_way and not self.freeze_today:
            raise ValueError(
                "today_under_way=True says today's work has started, freeze_today=False that today"
                " may be re-planned: give one of them"
            )
        return self

    @model_validator(mode="after")
    def _shares_leave_time(self) -> Self:
        if self.focus_share + self.polish_share >= 1:
            raise ValueError(
                f"focus_share + polish_share must be below 1 (got {self.focus_share} +"
                f" {self.polish_share}): the whole-shoot search needs time too"
            )
        return self

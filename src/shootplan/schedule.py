"""A shooting schedule: shoot days in order, each with its date and its scenes in shooting order.

A schedule is plain data. It may come from the solver, from an AD's own board or from a JSON file
somebody edited by hand; :func:`shootplan.evaluate` checks and scores any of them. A scene that
spans several shoot days (a three-day battle) is listed on each of its days.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from shootplan.errors import ParameterError
from shootplan.model import Day, Production
from shootplan.validation import StrictModel

__all__ = ["DayKind", "Schedule", "ShootDay", "creation_time"]


def creation_time() -> datetime:
    """The ``created`` time of a schedule made now: this computer's time to the second.

    When ``SOURCE_DATE_EPOCH`` is set (seconds since 1970, the reproducible-builds convention)
    that time is taken instead, in UTC, so a scripted run writes the same bytes every time.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now().astimezone().replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        # The convention asks a tool to refuse a malformed value rather than quietly use now.
        raise ParameterError(
            f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (e.g. 1798761600), got {epoch[:40]!r}"
        ) from None


class DayKind(StrEnum):
    """The type of a shoot day, from the light its exteriors need (DOMAIN.md, "Day types")."""

    DAY = "day"  # calls in the morning; exteriors in daylight
    NIGHT = "night"  # calls so that its exteriors fall in the dark; wraps by dawn
    SPLIT = "split"  # calls around midday; day exteriors before sunset, night ones after


class ShootDay(StrictModel):
    """One shoot day: its number (1-based), its date and its scenes in shooting order.

    ``kind``, ``call``, ``wrap`` and ``times`` (each scene's planned start and end) are the day's
    plan on the clock, filled by :func:`shootplan.time_schedule` (the solver's schedules carry them);
    a hand-made schedule may leave them out: every report lays the day out the same way.
    """

    number: int = Field(ge=1, description="Shoot day number: Day 1, Day 2...")
    date: Day = Field(description="Calendar date of the shoot day.")
    scenes: list[str] = Field(default_factory=list, description="Scene numbers in shooting order.")
    kind: DayKind | None = Field(default=None, description="Day, night or split day (None: no work).")
    call: datetime | None = Field(default=None, description="Crew call (time-zone aware).")
    wrap: datetime | None = Field(default=None, description="Estimated wrap (time-zone aware).")
    times: dict[str, tuple[datetime, datetime]] = Field(
        default_factory=dict, description="Each scene's planned start and end on this day."
    )

    @field_validator("scenes", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [f"{v:g}" if isinstance(v, float) else str(v) for v in value]
        return value

    @model_serializer(mode="wrap")
    def _without_unset_times(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A day not laid out yet (a hand-made schedule) keeps its JSON as small as it was.
        data: dict[str, Any] = handler(self)
        for key in ("kind", "call", "wrap", "times"):
            if not data.get(key):
                data.pop(key, None)
        return data


class Schedule(StrictModel):
    """Shoot days in order. ``created`` is the schedule's own timestamp (used by calendars)."""

    name: str = Field(default="", description="What this schedule is: 'shootplan', 'Rev. WHITE'.")
    days: list[ShootDay] = Field(default_factory=list)
    created: datetime | None = Field(
        default=None, description="When this schedule was made (time-zone aware)."
    )

    @field_validator("created")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("created must carry a time zone (e.g. 2027-02-01T09:00:00+00:00)")
        return value

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        for previous, current in zip(self.days, self.days[1:], strict=False):
            if current.number <= previous.number:
                raise ValueError(
                    f"day {current.number} comes after day {previous.number}: days must be in order"
                )
            if current.date <= previous.date:
                raise ValueError(
                    f"day {current.number} ({current.date}) is not after day {previous.number}"
                    f" ({previous.date}): each shoot day needs a later date"
                )
        return self

    @classmethod
    def from_day_lists(
        cls,
        production: Production,
        days: Sequence[Sequence[str]],
        *,
        name: str = "",
        created: datetime | None = None,
    ) -> Schedule:
        """A schedule whose Nth list of scene numbers is shot on the calendar's Nth shoot date."""
        dates = production.calendar.shoot_dates(len(days))
        return cls(
            name=name,
            created=created,
            days=[
                ShootDay(number=i + 1, date=dates[i], scenes=list(scenes)) for i, scenes in enumerate(days)
            ],
        )

    @classmethod
    def from_board(cls, production: Production, board: str) -> Schedule:
        """The schedule of one of the production's own boards (``production.boards[board]``)."""
        if board not in production.boards:
            known = ", ".join(map(repr, production.boards)) or "none"
            raise KeyError(f"no board {board!r} in {production.name!r} (boards: {known})")
        return cls.from_day_lists(production, production.boards[board], name=board)

    @property
    def num_days(self) -> int:
        """How many shoot days the schedule uses."""
        return len(self.days)

    def scene_days(self) -> dict[str, list[int]]:
        """Scene number -> positions (0-based) of the days it is shot on."""
        where: dict[str, list[int]] = {}
        for index, day in enumerate(self.days):
            for number in day.scenes:
                positions = where.setdefault(number, [])
                if not positions or positions[-1] != index:
                    positions.append(index)
        return where

    def day_lists(self) -> list[list[str]]:
        """The scenes of each day, as plain lists (the form ``Production.boards`` keeps)."""
        return [list(day.scenes) for day in self.days]

    def dates(self) -> list[date]:
        """The date of every shoot day, in order."""
        return [day.date for day in self.days]

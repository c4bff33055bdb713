"""A scene (one strip on the board): its slugline, pages, cast, dates and the light it needs.

Part of the production model; :mod:`shootplan.model` re-exports these names, where the rest of the
package finds them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, field_validator, model_validator

from shootplan.errors import Problem, ProductionError
from shootplan.light import DAWN_WORDS, DUSK_WORDS, NIGHT_WORDS, Light
from shootplan.pages import format_pages, parse_pages
from shootplan.shoot_calendar import Day
from shootplan.validation import FreeText, OneLine, StrictModel

__all__ = ["MAX_EIGHTHS", "MAX_MINUTES", "IntExt", "Scene"]


class IntExt(StrEnum):
    """Interior or exterior, as the slugline says."""

    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"

    @classmethod
    def parse(cls, value: str) -> IntExt:
        """Read ``INT``, ``I``, ``Int.``, ``EXT/INT``, ``I/E`` and the like."""
        key = re.sub(r"[^A-Z/]", "", value.upper())
        table = {
            "INT": cls.INT,
            "I": cls.INT,
            "INTERIOR": cls.INT,
            "EXT": cls.EXT,
            "E": cls.EXT,
            "EXTERIOR": cls.EXT,
            # German and Croatian boards' words (Spanish, French and Italian write INT and EXT).
            "INNEN": cls.INT,
            "AUSSEN": cls.EXT,
            "EKST": cls.EXT,
        }
        if key in table:
            return table[key]
        both = {"INT/EXT", "EXT/INT", "I/E", "E/I", "IE", "EI", "INTEXT", "EXTINT"}
        both |= {"INT/EKST", "EKST/INT", "INNEN/AUSSEN", "AUSSEN/INNEN"}  # the German and Croatian pairs
        if key in both:
            return cls.INT_EXT
        raise ValueError(f"cannot read {value!r} as INT, EXT or INT/EXT")


# The most pages one strip may hold: beyond any screenplay (a feature runs about 120), so a larger
# count is a typing error, and the writers' page arithmetic stays in range.
MAX_EIGHTHS = 8 * 1000
# The most minutes a strip, a day's cap or a move may state: 1,000 pages at two hours a page.
# A larger count is a typing error (10**20 minutes passed check, then no plan could hold it).
MAX_MINUTES = 120_000


class Scene(StrictModel):
    """One strip on the board: a scene (or part of one) to be shot."""

    number: OneLine = Field(min_length=1, description='Scene number as written: "12", "12A", "70pt".')
    int_ext: IntExt = Field(description="INT, EXT or INT/EXT.")
    time_of_day: OneLine = Field(
        default="DAY", description="As written on the strip: DAY, NIGHT, DAWN, DUSK, MORNING..."
    )
    set: OneLine = Field(min_length=1, description='The set: "BAILEY HOME - KITCHEN".')
    location: OneLine = Field(
        default="",
        description="Shooting location name; defaults to the set name's part before ' - '.",
    )
    eighths: int = Field(
        le=MAX_EIGHTHS,
        description="Page count in eighths of a page (2 3/8 pages = 19); at most 1,000 pages.",
    )
    cast: list[str] = Field(default_factory=list, description="Board IDs of the cast in it.")
    minutes: int | None = Field(
        default=None,
        ge=1,
        le=MAX_MINUTES,
        description="Estimated shooting minutes; else from the page count. At most 120,000.",
    )
    shoot_days: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Whole shoot days the scene occupies on its own (a 3-day battle). Default: 1, or as"
            " many as its pages/minutes need when it exceeds one day's capacity."
        ),
    )
    script_day: FreeText | None = Field(default=None, description='Story day: "D3", "N2".')
    synopsis: FreeText = Field(default="", description="One line for the strip.")
    elements: dict[str, list[str]] = Field(
        default_factory=dict,
        description='Other breakdown elements by category: {"Extras": ["20 townsfolk"]}.',
    )
    earliest: Day | None = Field(default=None, description="Not to be shot before this date.")
    latest: Day | None = Field(default=None, description="Not to be shot after this date.")
    pinned: Day | None = Field(default=None, description="Must be shot (start) on this date.")
    cover: bool = Field(
        default=False, description="A weather-cover set: may be swapped into a lost exterior day."
    )
    light: Light | None = Field(
        default=None,
        description=(
            "The light the scene needs; default from the slugline: an exterior (EXT, INT/EXT) by"
            " its time of day (DAY, NIGHT, DAWN, DUSK...), an interior any light. Set it on an"
            " INT NIGHT at a practical location whose windows must be dark."
        ),
    )

    @field_validator("number", "set", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{value:g}"
        return value

    @field_validator("int_ext", mode="before")
    @classmethod
    def _int_ext(cls, value: Any) -> Any:
        return IntExt.parse(value) if isinstance(value, str) else value

    @field_validator("time_of_day", mode="before")
    @classmethod
    def _time_of_day(cls, value: Any) -> Any:
        # A blank time of day is the default DAY, as a stripboard's blank D/N cell reads: the
        # light is the same, and every reader and writer then agrees on the strip.
        return (value.strip().upper() or "DAY") if isinstance(value, str) else value

    @field_validator("eighths", mode="before")
    @classmethod
    def _eighths(cls, value: Any) -> Any:
        # A string is a page count as written ("2 3/8"); an int is already eighths.
        if isinstance(value, str):
            return parse_pages(value)
        return value

    @field_validator("cast", mode="before")
    @classmethod
    def _cast(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part for part in re.split(r"[;,]", value)]
        if isinstance(value, list | tuple):
            ids: list[str] = []
            for item in value:
                text = f"{item:g}" if isinstance(item, float) else str(item).strip()
                if text and text not in ids:
                    ids.append(text)
            return ids
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = []
        if self.eighths <= 0:
            problems.append(
                f"page count must be at least 1/8 (got {self.eighths} eighths);"
                " a scene with no pages has nothing to shoot"
            )
        if self.earliest and self.latest and self.latest < self.earliest:
            problems.append(f"latest date {self.latest} is before earliest date {self.earliest}")
        if self.pinned and self.earliest and self.pinned < self.earliest:
            problems.append(f"pinned date {self.pinned} is before earliest date {self.earliest}")
        if self.pinned and self.latest and self.pinned > self.latest:
            problems.append(f"pinned date {self.pinned} is after latest date {self.latest}")
        if problems:
            raise ProductionError(Problem("; ".join(problems), kind="scene", key=self.number))
        if not self.location:
            # Sets at one place share the name before " - " (BAILEY HOME - KITCHEN / - PORCH).
            object.__setattr__(self, "location", self.set.split(" - ")[0].strip())
        return self

    @property
    def is_night(self) -> bool:
        """True when the strip is shot at night (NIGHT, EVENING...): it drives turnaround."""
        return self.time_of_day in NIGHT_WORDS or "NIGHT" in self.time_of_day

    @property
    def required_light(self) -> Light:
        """The light the scene is shot in: its ``light``, else from I/E and the time of day."""
        if self.light is not None:
            return self.light
        if self.int_ext is IntExt.INT:
            return Light.ANY
        words = self.time_of_day
        if any(w in words for w in DAWN_WORDS):
            return Light.DAWN
        if any(w in words for w in DUSK_WORDS):
            return Light.DUSK
        return Light.NIGHT if self.is_night else Light.DAY

    @property
    def needs_dark(self) -> bool:
        """True when the scene needs the night or its twilight: the unit works late that day."""
        return self.required_light in (Light.NIGHT, Light.DAWN, Light.DUSK)

    @property
    def needs_daylight(self) -> bool:
        """True when the scene must be shot between sunrise and sunset."""
        return self.required_light is Light.DAY

    @property
    def is_exterior(self) -> bool:
        """True for EXT and INT/EXT strips: they depend on the weather."""
        return self.int_ext is not IntExt.INT

    @property
    def pages(self) -> str:
        """The page count as an AD writes it: ``2 3/8``."""
        return format_pages(self.eighths)

    @property
    def slugline(self) -> str:
        """``INT. DINER - NIGHT``."""
        prefix = "INT./EXT." if self.int_ext is IntExt.INT_EXT else f"{self.int_ext.value}."
        return f"{prefix} {self.set} - {self.time_of_day}"

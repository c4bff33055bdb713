"""The light a scene is shot in, read from its slugline's time of day."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DAWN_WORDS", "DUSK_WORDS", "NIGHT_WORDS", "Light"]

# Times of day that mean the unit works at night (and so owes a turnaround the next morning).
NIGHT_WORDS = frozenset({"NIGHT", "N", "EVENING", "LATE NIGHT", "MIDNIGHT", "NITE"})


class Light(StrEnum):
    """The light a scene must be shot in (``ANY`` for interiors: they can be lit any time)."""

    ANY = "any"
    DAY = "day"  # between sunrise and sunset
    NIGHT = "night"  # between sunset and the next sunrise
    DAWN = "dawn"  # starts in the morning twilight
    DUSK = "dusk"  # starts in the evening twilight


# Times of day that name the twilight (else an exterior is a day or a night exterior).
DAWN_WORDS = ("DAWN", "SUNRISE", "DAYBREAK", "FIRST LIGHT")
DUSK_WORDS = ("DUSK", "SUNSET", "TWILIGHT", "MAGIC HOUR", "GOLDEN HOUR")

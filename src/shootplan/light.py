"""The light a scene is shot in, read from its slugline's time of day."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DAWN_WORDS", "DAY_WORDS", "DUSK_WORDS", "NIGHT_WORDS", "Light"]

# Times of day that mean the unit works at night (and so owes a turnaround the next morning),
# in English and in the languages scripts are most often written in besides (Spanish, French,
# German, Italian, Portuguese, Croatian): a night exterior of a Spanish script is one too.
NIGHT_WORDS = frozenset(
    {"NIGHT", "N", "EVENING", "LATE NIGHT", "MIDNIGHT", "NITE"}
    | {"NOCHE", "NUIT", "SOIR", "NACHT", "ABEND", "NOTTE", "SERA", "NOITE", "NOĆ", "NOC", "VEČER", "VECER"}
)


class Light(StrEnum):
    """The light a scene must be shot in (``ANY`` for interiors: they can be lit any time)."""

    ANY = "any"
    DAY = "day"  # between sunrise and sunset
    NIGHT = "night"  # between sunset and the next sunrise
    DAWN = "dawn"  # starts in the morning twilight
    DUSK = "dusk"  # starts in the evening twilight


# Times of day that name the twilight (else an exterior is a day or a night exterior).
DAWN_WORDS = (
    *("DAWN", "SUNRISE", "DAYBREAK", "FIRST LIGHT"),
    *("AMANECER", "AMANHECER", "ALBA", "AUBE", "AURORE", "ZORA", "SVITANJE"),
    *("MORGENDÄMMERUNG", "MORGENGRAUEN"),
)
DUSK_WORDS = (
    *("DUSK", "SUNSET", "TWILIGHT", "MAGIC HOUR", "GOLDEN HOUR"),
    *("ATARDECER", "ANOCHECER", "CREPÚSCULO", "CREPUSCULO", "CRÉPUSCULE", "CREPUSCULE", "CREPUSCOLO"),
    *("TRAMONTO", "ABENDDÄMMERUNG", "ENTARDECER", "ANOITECER", "SUMRAK"),
)
# Times of day that are day in those languages (a day exterior is the default; a heading's
# reader needs the words to tell the time from the set).
DAY_WORDS = frozenset(
    {"DÍA", "DIA", "MAÑANA", "MANANA", "TARDE", "JOUR", "MATIN", "APRÈS-MIDI", "APRES-MIDI", "TAG", "MORGEN"}
    | {"NACHMITTAG", "GIORNO", "MATTINA", "POMERIGGIO", "MANHÃ", "MANHA", "DAN", "JUTRO", "POPODNE"}
)

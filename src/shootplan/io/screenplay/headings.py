"""Scene headings (sluglines) read into INT/EXT, the set and the time of day.

``INT. BAILEY HOME - KITCHEN - NIGHT`` is INT, set ``BAILEY HOME - KITCHEN`` (which the model
places at location ``BAILEY HOME``), time of day ``NIGHT``. Screenwriters separate the parts with
`` - ``, ``--`` (with or without spaces), en or em dashes; ``EST.`` (establishing) is an exterior;
a time of day in parentheses (``EXT. PIER (DAWN)``) counts too.

Words that say *when relative to the previous scene* (``CONTINUOUS``, ``LATER``, ``MOMENTS LATER``,
``SAME TIME``...) are :data:`RELATIVE_TIMES`. A heading may give both (``EXT. FARM - DAY - LATER``,
``INT. HALL - NIGHT (CONTINUOUS)``): the explicit time of day wins, since it says which light the
scene needs; only a heading with a relative word alone takes the light of the scene before it
(the breakdown does that, and says so in a note).

Scripts written in Spanish, French, German, Italian, Portuguese or Croatian read too: their
interior and exterior words (``INNEN``, ``AUSSEN``, ``EKST.``; the others write INT. and EXT.,
Italian EST.) and their times of day (``NOCHE``, ``NUIT``, ``NACHT``, ``NOTTE``, ``NOĆ``,
``ATARDECER``, ``AUBE``...), kept as written, with the light they name (:mod:`shootplan.light`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shootplan.light import DAWN_WORDS, DAY_WORDS, DUSK_WORDS, NIGHT_WORDS
from shootplan.model import IntExt

__all__ = ["RELATIVE_TIMES", "TIME_WORDS", "Heading", "parse_heading"]

# Words that end a slugline as its time of day (INT. DINER - NIGHT). Story-time words such as
# CONTINUOUS are kept as written: the strip says so, and the AD reads it.
TIME_WORDS = frozenset(
    {
        "DAY",
        "NIGHT",
        "NITE",
        "DAWN",
        "DUSK",
        "MORNING",
        "EARLY MORNING",
        "AFTERNOON",
        "LATE AFTERNOON",
        "EVENING",
        "LATE NIGHT",
        "MIDNIGHT",
        "NOON",
        "SUNRISE",
        "SUNSET",
        "MAGIC HOUR",
        "GOLDEN HOUR",
        "CONTINUOUS",
        "LATER",
        "MOMENTS LATER",
        "SAME",
        "SAME TIME",
    }
)

RELATIVE_TIMES = frozenset(
    {
        "CONTINUOUS",
        "CONT",
        "CONT'D",
        "CONTINUED",
        "LATER",
        "MOMENTS LATER",
        "A MOMENT LATER",
        "MOMENT LATER",
        "SECONDS LATER",
        "MINUTES LATER",
        "A FEW MOMENTS LATER",
        "SAME",
        "SAME TIME",
        "AT THE SAME TIME",
        "SIMULTANEOUS",
    }
    # ... and in the other languages read (Spanish, French, German, Italian, Croatian).
    | {"MÁS TARDE", "MAS TARDE", "PLUS TARD", "SPÄTER", "PIÙ TARDI", "PIU TARDI", "KASNIJE"}
)
_TIMES = (
    TIME_WORDS
    | RELATIVE_TIMES
    | {"TWILIGHT", "DAYBREAK", "FIRST LIGHT"}
    | NIGHT_WORDS - {"N"}
    | DAY_WORDS
    | set(DAWN_WORDS)
    | set(DUSK_WORDS)
)

_PREFIX = re.compile(
    r"^\s*(?P<ie>INT\.?\s*/\s*E(?:X|KS)T|E(?:X|KS)T\.?\s*/\s*INT|INNEN\s*/\s*AU(?:SS|ß)EN|AU(?:SS|ß)EN\s*/\s*INNEN"
    r"|I\s*/\s*E|E\s*/\s*I|INTERIOR|EXTERIOR|INT|EXT|EST|EKST|INNEN|AU(?:SS|ß)EN)"
    r"(?=[\s.:/\-]|$)[\s.:\-]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:--+|\u2013|\u2014)\s*|\s+-\s+")
_PARENTHESIS = re.compile(r"^(?P<rest>.*?)\s*\((?P<time>[^()]*)\)\s*$")


@dataclass(frozen=True)
class Heading:
    """A scene heading's parts; ``int_ext`` and ``time_of_day`` are None when it gives none.

    ``time_of_day`` is the explicit time when the heading has one, else its relative word
    (``LATER``); ``relative`` is the relative word, whether or not an explicit time came with it.
    """

    int_ext: IntExt | None
    set: str
    time_of_day: str | None
    relative: str | None = None

    @property
    def is_relative(self) -> bool:
        """True for a bare CONTINUOUS, LATER and the like: the light is the previous scene's."""
        return self.time_of_day in RELATIVE_TIMES


def _time_word(text: str) -> str | None:
    word = re.sub(r"\s+", " ", text.upper().strip(" .")).replace("\u2019", "'")
    return word if word in _TIMES else None


def parse_heading(text: str, *, upper: bool = True) -> Heading:
    """``INT. BOB'S KITCHEN--DAY`` -> INT, ``BOB'S KITCHEN``, ``DAY``.

    ``upper=False`` keeps the set's case, as a stripboard's Slugline or Set column writes it.
    """
    rest = text.strip()
    int_ext: IntExt | None = None
    if match := _PREFIX.match(rest):
        word = match["ie"].upper()  # ß upper-cases to SS: AUßEN is AUSSEN, which IntExt reads
        int_ext = IntExt.EXT if word == "EST" else IntExt.parse(word)
        rest = match["rest"]
    words: list[str] = []  # the time words at the heading's end, last first
    if (match := _PARENTHESIS.match(rest)) and (word := _time_word(match["time"])):
        words.append(word)
        rest = match["rest"]
    parts = [part.strip() for part in _SEPARATORS.split(rest) if part.strip()]
    # ``DAY - LATER`` and ``LATER - DAY`` both end a heading: take time words while a set is left.
    while len(parts) >= 2 and (word := _time_word(parts[-1])):
        words.append(word)
        parts.pop()
    explicit = next((word for word in words if word not in RELATIVE_TIMES), None)
    relative = next((word for word in words if word in RELATIVE_TIMES), None)
    set_name = " - ".join(parts).strip(" .")
    return Heading(int_ext, set_name.upper() if upper else set_name, explicit or relative, relative)

"""The vocabulary of a strip table: column names, sluglines, cast cells, day breaks and banners.

Everything here reads one cell or one row's text; :mod:`shootplan.io.stripboard.sheet` walks
the rows with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from shootplan.io._cells import CellError, cell_text, find_date, normalize, quoted, read_date
from shootplan.io._lists import quote_item, split_items
from shootplan.io.screenplay.headings import TIME_WORDS, parse_heading
from shootplan.model import IntExt

__all__ = [
    "COLUMNS",
    "DAY_END",
    "DAY_START",
    "ELEMENT_HEADER",
    "NOT_CAST",
    "STRIP_DATA",
    "TIME_WORDS",
    "TOTAL",
    "CastToken",
    "cast_cell",
    "cast_header",
    "cast_tokens",
    "column_names",
    "continued_scene",
    "first_text",
    "looks_like_scene_number",
    "parse_slugline",
    "read_day_number",
    "row_date",
]

# Field -> the column names it goes by. The first name is the one messages use.
COLUMNS: dict[str, tuple[str, ...]] = {
    "scene": ("Scene", "Sc.", "Scene #", "Scene No", "Scene Number", "Scn", "Sc #", "Scenes"),
    "int_ext": ("Int/Ext", "I/E", "Int Ext", "E/I", "Ext/Int", "Interior/Exterior", "IE"),
    "time_of_day": ("Day/Night", "D/N", "Time", "Time of Day", "TOD", "Day or Night", "N/D"),
    "pages": ("Pages", "Pgs", "Pg", "Page Count", "Page", "Length", "Page Length", "Pgs."),
    "eighths": ("8ths", "Eighths", "Pages (8ths)", "Page 8ths", "Pages in 8ths", "Length (8ths)"),
    "cast": (
        "Cast",
        "Cast Members",
        "Cast IDs",
        "Cast ID",
        "Cast #",
        "Characters",
        "Actors",
        "Talent",
    ),
    "set": ("Set", "Set Name", "Sets", "Set Description"),
    "location": ("Location", "Shooting Location", "Loc", "Location Name", "Locations"),
    "slugline": ("Slugline", "Slug", "Slug Line", "Scene Heading", "Scene Header", "Heading"),
    "synopsis": ("Synopsis", "Description", "Desc", "Scene Description", "Summary"),
    "minutes": (
        "Est. Minutes",
        "Estimated Minutes",
        "Minutes",
        "Mins",
        "Est. Time",
        "Estimated Time",
        "Time Estimate",
    ),
    "shoot_days": ("Shoot Days", "Days to Shoot", "Number of Days"),
    "script_day": ("Script Day", "Story Day", "Script Days"),
    "earliest": ("Earliest", "Not Before", "Earliest Date"),
    "latest": ("Latest", "Not After", "Latest Date", "Deadline"),
    "pinned": ("Pinned", "Pinned Date", "Fixed Date", "Must Shoot On"),
    "cover": ("Cover", "Weather Cover", "Cover Set"),
    "shoot_day": ("Shoot Day", "Shooting Day", "Day #", "Day No", "Shoot Day #"),
    "shoot_date": ("Shoot Date", "Shooting Date"),
}

# Columns whose cells are strip data: a row with any of them filled is a strip, not a banner.
STRIP_DATA = ("int_ext", "set", "pages", "eighths", "slugline")

DAY_END = re.compile(
    r"^\W*end\s+(?:of\s+)?(?:shoot(?:ing)?\s+)?day\b\s*(?:#|no\.?|number)?\s*(?P<day>\d+)?",
    re.IGNORECASE,
)
DAY_START = re.compile(
    r"^\W*(?:shoot(?:ing)?\s+)?day\s*(?:#|no\.?|number)?\s*(?P<day>\d+)\b(?!\s*[/:])",
    re.IGNORECASE,
)
TOTAL = re.compile(r"^\W*(?:grand\s+)?totals?\b", re.IGNORECASE)
_CONTINUED_WORD = r"(?:continued|cont'?d|cont\.)(?=\W|$)"
# "Scene 7 continued -- day 2 of 3", "SC. 12A (CONT'D)", "Continued: Scene 70 pt".
_CONTINUED = (
    re.compile(
        rf"^\W*sc(?:ene|n)?\b\.?\s*#?\s*(?P<number>\S(?:.*?\S)??)\s*[(,:\-]*\s*{_CONTINUED_WORD}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\W*{_CONTINUED_WORD}\s*[:\-]?\s*(?:from\s+)?sc(?:ene|n)?\b\.?\s*#?\s*(?P<number>[^\s,;()]+)",
        re.IGNORECASE,
    ),
)
ELEMENT_HEADER = re.compile(r"^\s*elements?\s*[:\-]\s*(?P<category>\S.*)$", re.IGNORECASE)
_CAST_ID = r"[A-Za-z]?\d+[A-Za-z]{0,2}"
_ID = re.compile(rf"^#?(?P<id>{_CAST_ID})$")
_LABEL = re.compile(rf"^#?(?P<id>{_CAST_ID})\s*[.\-:)]\s*(?P<name>\S.*)$")
_LABEL_AFTER = re.compile(rf"^(?P<name>.*?\S)\s*[(\[]#?(?P<id>{_CAST_ID})[)\]]$")
# "1 NORA", "#3 CAPT. VANCE": an ID, a space, a name that starts with a letter (not "1 2 14").
_LABEL_SPACED = re.compile(rf"^#?(?P<id>{_CAST_ID})\s+(?P<name>[^\W\d_].*)$")
# Unknown columns of X marks are read as cast only when their header is not one of these.
NOT_CAST = frozenset(
    normalize(name)
    for name in (
        "Notes",
        "Comments",
        "Props",
        "Extras",
        "Background",
        "Vehicles",
        "SFX",
        "VFX",
        "Stunts",
        "Animals",
        "Wardrobe",
        "Makeup",
        "Hair",
        "Unit",
        "Sequence",
        "Color",
        "ID",
        "Strip",
        "Order",
        "Done",
        "Shot",
        "Scheduled",
        "Omitted",
    )
)


@dataclass(frozen=True)
class CastToken:
    """One cast reference on a strip: an ID, an ID with its name (a label), or a name alone."""

    kind: Literal["id", "label", "name"]
    id: str
    name: str
    column: str


def parse_slugline(text: str) -> tuple[IntExt | None, str, str | None]:
    """``INT. DINER - NIGHT`` -> (INT, ``DINER``, ``NIGHT``); int/ext and time may be missing.

    The screenplay reader's heading parser, with the set's case kept as the board writes it.
    """
    heading = parse_heading(text, upper=False)
    return heading.int_ext, heading.set, heading.time_of_day


def cast_tokens(value: Any, column: str) -> list[CastToken]:
    """Split a cast cell (``1, 2``, ``1. NORA; 2. ELIAS``, ``NORA, ELIAS``) into references."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [CastToken("id", cell_text(value), "", column)]
    tokens: list[CastToken] = []
    for item, written in split_items(cell_text(value)):
        if written:  # quoted: an ID as written ("1, 2" holds a comma)
            tokens.append(CastToken("id", item, "", column))
            continue
        if re.fullmatch(r"\d+\.0+", item):  # an ID that went through a float: "3.0"
            item = item.split(".")[0]
        if match := _ID.match(item):
            tokens.append(CastToken("id", match["id"], "", column))
        elif (match := _LABEL.match(item)) or (match := _LABEL_AFTER.match(item)):
            tokens.append(CastToken("label", match["id"], match["name"].strip(), column))
        elif all(_ID.match(part) for part in item.split()):
            tokens += [CastToken("id", part.lstrip("#"), "", column) for part in item.split()]
        elif match := _LABEL_SPACED.match(item):
            tokens.append(CastToken("label", match["id"], match["name"].strip(), column))
        else:
            tokens.append(CastToken("name", "", item, column))
    return tokens


def cast_cell(ids: Sequence[str]) -> str:
    """A cast cell that :func:`cast_tokens` reads back as exactly these IDs."""
    # An ID with a quote of its own is quoted too: unquoted, its quote would open a quoted part
    # that swallows the separators after it.
    return ", ".join(
        cast_id if _reads_as(cast_id) and '"' not in cast_id else quote_item(cast_id, always=True)
        for cast_id in ids
    )


def _reads_as(cast_id: str) -> bool:
    """Whether ``cast_id`` unquoted comes back as itself: an ID, or a name a Cast sheet lists."""
    tokens = cast_tokens(cast_id, "")
    if len(tokens) != 1 or tokens[0].kind == "label":
        return False
    return cast_id == (tokens[0].id if tokens[0].kind == "id" else tokens[0].name)


def cast_header(text: str, column: str) -> CastToken | None:
    """A matrix column headed ``1. NORA``, ``1 NORA``, ``#1 NORA`` or ``NORA (1)`` is theirs."""
    for pattern in (_LABEL, _LABEL_AFTER, _LABEL_SPACED):
        if match := pattern.match(text.strip()):
            return CastToken("label", match["id"], match["name"].strip(), column)
    return None


def looks_like_scene_number(text: str) -> bool:
    return bool(re.fullmatch(r"\S{1,12}", text) and re.search(r"\d", text))


def column_names(field_name: str) -> str:
    return ", ".join(COLUMNS[field_name][:4])


def first_text(row: Sequence[Any]) -> str:
    for value in row:
        text = cell_text(value)
        if text:
            return text
    return ""


def continued_scene(text: str) -> str | None:
    """The scene a continuation banner names (``Scene 7 continued -- day 2 of 3``), else None."""
    for pattern in _CONTINUED:
        match = pattern.match(text)
        if match and re.search(r"\d", match["number"]):  # "Scene description continued" is a note
            return match["number"]
    return None


def row_date(row: Sequence[Any]) -> date | None:
    """The date written on a day-break row: a date cell, or a date in its text."""
    for value in row:
        if isinstance(value, date):
            return read_date(value)
    return find_date(" ".join(cell_text(value) for value in row))


def read_day_number(value: Any) -> int:
    match = re.fullmatch(r"(?:shoot(?:ing)?\s+)?(?:day\s*)?#?\s*(\d+)", cell_text(value), re.I)
    if not match:
        raise CellError(f"cannot read {quoted(value)} as a shoot day number (e.g. 3 or Day 3)")
    return int(match[1])

"""Stripboards in the wild: the strip tables ADs keep in spreadsheets, whatever their shape.

A strip table is found, not assumed. In each sheet (or the one table of a CSV file) the header row
is the row among the first 30 that has a Scene column and the most other known columns; titles,
dates and blank or merged rows above it are ignored. Columns are matched by name, ignoring case,
spaces and punctuation:

==============  ==========================================================================
field           column names accepted (any case, any punctuation)
==============  ==========================================================================
scene           Scene, Sc., Scene #, Scene No, Scene Number, Scn
int/ext         Int/Ext, I/E, Int Ext, Ext/Int, Interior/Exterior
time of day     Day/Night, D/N, Time, Time of Day, TOD
pages           Pages, Pgs, Pg, Page Count, Length (any form: 2 3/8, 2-3/8, 2.375, 3/8 pgs)
eighths         8ths, Eighths, Pages (8ths) (a whole number of eighths: 19)
cast            Cast, Cast Members, Cast IDs, Characters, Actors, Talent
set             Set, Set Name, Sets
location        Location, Shooting Location, Loc, Location Name
slugline        Slugline, Slug, Scene Heading (``INT. DINER - NIGHT`` gives int/ext, set, time)
synopsis        Synopsis, Description, Desc, Scene Description, Summary
minutes         Est. Minutes, Estimated Minutes, Minutes, Est. Time (90, 1:30, 1h 30m)
shoot days      Shoot Days (whole days a long scene occupies)
script day      Script Day, Story Day
earliest        Earliest, Not Before
latest          Latest, Not After, Deadline
pinned          Pinned, Pinned Date, Fixed Date
cover           Cover, Weather Cover (yes/no)
shoot day       Shoot Day, Shooting Day, Day #, Day No (the board's day of each strip)
shoot date      Shoot Date, Shooting Date (the board's date of each strip)
elements        Elements: <category> (one column per category: ``Elements: Props``)
==============  ==========================================================================

Cast comes in four shapes: board IDs (``1, 2, 14`` or ``1 2 14``), labels (``1. NORA; 2. ELIAS``
or ``NORA (1)``), names (``NORA, ELIAS``: given the first free IDs in order of first appearance,
unless a Cast sheet names them), or a matrix with one column per cast member (headed ``1. NORA``,
or just ``NORA`` when the board has no Cast column) and an ``X`` where they work. Without a Cast
sheet, every ID mentioned becomes a cast member; with one, an ID or name it does not list is an
error.

Rows that are not strips are skipped: blank rows, repeated header rows, totals (``Total pages``)
and banners (a row without a scene number, or with text like ``COMPANY MOVE`` and no strip data).
**Day breaks** close a shoot day: a row starting ``END OF DAY 3``, ``End Day # 3`` or ``End of
Shooting Day 3``; a date written on it (``Wed, Mar 3, 2027``, ``3/3/2027``, ``2027-03-03``) dates
that day. Strips after the last day break are unscheduled (the boneyard). Boards that open each
day instead (``DAY 1 -- Mon, Mar 1, 2027`` above its strips) are read the same way, and so are
boards with a Shoot Day or Shoot Date column. The days become ``Production.boards[name]``.

A scene shot over several days (a three-day battle) is one strip, on its first day, and a
**continuation banner** on each later day: ``Scene 7 continued -- day 2 of 3`` (also ``SC. 7
CONT'D``, ``Continued: Scene 7``) puts scene 7 on the banner's day too, as
:func:`shootplan.io.write_excel` writes it. A banner naming a scene no strip above it lists is
ignored with a warning. The same scene number on two strips is an error, on one day or on two.

A set written as a slugline (``INT. DINER - NIGHT`` in the Set column) is read like one; when the
board has no location, the model's default applies (the set's part before `` - ``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from shootplan.errors import ProductionError
from shootplan.io._build import Draft
from shootplan.io._cells import (
    HEADER_SEARCH_ROWS,
    CellError,
    Grid,
    Problems,
    cell_text,
    find_date,
    find_header,
    is_mark,
    normalize,
    quoted,
    read_date,
    read_eighths,
    read_flag,
    read_int,
    read_minutes,
    read_pages,
    split_list,
)
from shootplan.model import IntExt, Scene

__all__ = [
    "COLUMNS",
    "CastToken",
    "StripRow",
    "StripSheet",
    "assemble",
    "decode_text",
    "parse_slugline",
    "read_csv",
    "read_strip_sheet",
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
    "slugline": ("Slugline", "Slug", "Slug Line", "Scene Heading", "Heading"),
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
_STRIP_DATA = ("int_ext", "set", "pages", "eighths", "slugline")

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

_SLUG_PREFIX = re.compile(
    r"^\s*(?P<ie>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I\s*/\s*E|E\s*/\s*I|INTERIOR|EXTERIOR|INT|EXT)"
    r"(?=[\s.\-:/]|$)[\s.\-:]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_DAY_END = re.compile(
    r"^\W*end\s+(?:of\s+)?(?:shoot(?:ing)?\s+)?day\b\s*(?:#|no\.?|number)?\s*(?P<day>\d+)?",
    re.IGNORECASE,
)
_DAY_START = re.compile(
    r"^\W*(?:shoot(?:ing)?\s+)?day\s*(?:#|no\.?|number)?\s*(?P<day>\d+)\b(?!\s*[/:])",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"^\W*(?:grand\s+)?totals?\b", re.IGNORECASE)
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
_ELEMENT_HEADER = re.compile(r"^\s*elements?\s*[:\-]\s*(?P<category>\S.*)$", re.IGNORECASE)
_CAST_ID = r"[A-Za-z]?\d+[A-Za-z]{0,2}"
_ID = re.compile(rf"^#?(?P<id>{_CAST_ID})$")
_LABEL = re.compile(rf"^#?(?P<id>{_CAST_ID})\s*[.\-:)]\s*(?P<name>\S.*)$")
_LABEL_AFTER = re.compile(rf"^(?P<name>.*?\S)\s*[(\[]#?(?P<id>{_CAST_ID})[)\]]$")
# Unknown columns of X marks are read as cast only when their header is not one of these.
_NOT_CAST = frozenset(
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


@dataclass
class StripRow:
    """One strip as read from a row, before its cast is resolved into board IDs."""

    sheet: str | None
    row: int
    number: str
    fields: dict[str, Any]
    cast: list[CastToken]


@dataclass
class StripSheet:
    """The strips of one sheet and the days its day breaks (or day columns) give."""

    title: str
    sheet: str | None
    strips: list[StripRow] = field(default_factory=list)
    days: list[list[str]] = field(default_factory=list)
    day_dates: list[date | None] = field(default_factory=list)


def parse_slugline(text: str) -> tuple[IntExt | None, str, str | None]:
    """``INT. DINER - NIGHT`` -> (INT, ``DINER``, ``NIGHT``); int/ext and time may be missing."""
    int_ext: IntExt | None = None
    rest = text.strip()
    if match := _SLUG_PREFIX.match(rest):
        int_ext = IntExt.parse(match["ie"])
        rest = match["rest"]
    parts = [part.strip() for part in re.split(r"\s+[-\u2013\u2014]+\s+|\s+--\s*", rest)]
    parts = [part for part in parts if part]
    time_of_day: str | None = None
    if len(parts) >= 2 and parts[-1].upper().strip(" .") in TIME_WORDS:
        time_of_day = parts.pop().upper().strip(" .")
    return int_ext, " - ".join(parts), time_of_day


def _cast_tokens(value: Any, column: str) -> list[CastToken]:
    """Split a cast cell (``1, 2``, ``1. NORA; 2. ELIAS``, ``NORA, ELIAS``) into references."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [CastToken("id", cell_text(value), "", column)]
    tokens: list[CastToken] = []
    for item in split_list(value):
        if re.fullmatch(r"\d+\.0+", item):  # an ID that went through a float: "3.0"
            item = item.split(".")[0]
        if match := _ID.match(item):
            tokens.append(CastToken("id", match["id"], "", column))
        elif (match := _LABEL.match(item)) or (match := _LABEL_AFTER.match(item)):
            tokens.append(CastToken("label", match["id"], match["name"].strip(), column))
        elif all(_ID.match(part) for part in item.split()):
            tokens += [CastToken("id", part.lstrip("#"), "", column) for part in item.split()]
        else:
            tokens.append(CastToken("name", "", item, column))
    return tokens


def _cast_header(text: str, column: str) -> CastToken | None:
    """A matrix column headed ``1. NORA`` or ``NORA (1)`` is that cast member's column."""
    for pattern in (_LABEL, _LABEL_AFTER):
        if match := pattern.match(text.strip()):
            return CastToken("label", match["id"], match["name"].strip(), column)
    return None


def _looks_like_scene_number(text: str) -> bool:
    return bool(re.fullmatch(r"\S{1,12}", text) and re.search(r"\d", text))


class _SheetReader:
    """Reads the strips and days of one grid whose header row has been found."""

    def __init__(
        self,
        grid: Grid,
        problems: Problems,
        sheet: str | None,
        header_index: int,
        fields: dict[int, str],
    ) -> None:
        self.grid = grid
        self.problems = problems
        self.sheet = sheet
        self.header_index = header_index
        self.header = [cell_text(value) for value in grid[header_index]]
        self.columns = {name: column for column, name in fields.items()}
        self.elements: dict[int, str] = {}
        self.matrix: dict[int, CastToken] = {}
        self._find_extra_columns(fields)
        self.missing_int_ext = False

    # Columns -------------------------------------------------------------

    def _find_extra_columns(self, fields: dict[int, str]) -> None:
        """Element columns (``Elements: Props``) and cast-matrix columns."""
        unknown = [c for c, text in enumerate(self.header) if text and c not in fields]
        for column in unknown:
            text = self.header[column]
            if match := _ELEMENT_HEADER.match(text):
                self.elements[column] = match["category"].strip()
            elif token := _cast_header(text, text):
                self.matrix[column] = token
        if "cast" in self.columns:
            return
        # A board without a Cast column may mark cast with X in columns headed by their names.
        rows = [row for row in self.grid[self.header_index + 1 :] if self._scene_text(row)]
        for column in unknown:
            text = self.header[column]
            if column in self.elements or column in self.matrix or normalize(text) in _NOT_CAST:
                continue
            marks = [is_mark(row[column]) for row in rows if column < len(row)]
            if any(mark is True for mark in marks) and all(mark is not None for mark in marks):
                self.matrix[column] = CastToken("name", "", text, text)

    def name(self, field_name: str) -> str:
        """The header of a field's column, as written in the file."""
        column = self.columns.get(field_name)
        if column is None:
            return COLUMNS[field_name][0]
        return self.header[column] or COLUMNS[field_name][0]

    def value(self, row: Sequence[Any], field_name: str) -> Any:
        """A field's raw cell in a row (None when the column is absent or the row short)."""
        column = self.columns.get(field_name)
        if column is None or column >= len(row):
            return None
        return row[column]

    def _scene_text(self, row: Sequence[Any]) -> str:
        return cell_text(self.value(row, "scene"))

    def check_columns(self) -> None:
        """One problem per required column the header lacks."""
        found = ", ".join(text for text in self.header if text) or "none"
        row = self.header_index + 1
        if "set" not in self.columns and "slugline" not in self.columns:
            self.problems.add(
                f"no Set column (looked for {_names('set')}, or a Slugline column); columns found: {found}",
                sheet=self.sheet,
                row=row,
            )
        if "pages" not in self.columns and "eighths" not in self.columns:
            self.problems.add(
                f"no Pages column (looked for {_names('pages')} or 8ths); columns found: {found}",
                sheet=self.sheet,
                row=row,
            )

    # Rows ----------------------------------------------------------------

    def read(self, title: str) -> StripSheet:
        """Every strip and day of the sheet."""
        self.check_columns()
        result = StripSheet(title=title, sheet=self.sheet)
        rows = self.grid[self.header_index + 1 :]
        header_key = [normalize(text) for text in self.header]
        closing = any(_DAY_END.match(_first_text(row)) for row in rows)
        opened = False  # an opening-style board has started its first day
        current: list[str] = []
        current_date: date | None = None
        seen: dict[str, int] = {}
        seen_day: dict[str, int] = {}  # the board day (count of days closed before it) of each strip
        by_number: dict[int, list[str]] = {}  # a Shoot Day column
        by_date: dict[date, list[str]] = {}  # a Shoot Date column
        for offset, row in enumerate(rows):
            number = self.header_index + offset + 2
            first = _first_text(row)
            if not first:
                continue
            scene_text = self._scene_text(row)
            if _DAY_END.match(first) and scene_text in ("", first):
                result.days.append(current)
                result.day_dates.append(_row_date(row))
                current = []
                continue
            if not closing and _DAY_START.match(first) and scene_text in ("", first):
                if opened:
                    result.days.append(current)
                    result.day_dates.append(current_date)
                # Strips above the first opening header belong to no day (unscheduled).
                opened, current, current_date = True, [], _row_date(row)
                continue
            if scene_text in ("", first) and not self._has_strip_data(row):
                continued = _continued_scene(first)
                if continued is not None:
                    self._continue(continued, number, seen, current)
                    continue
            if _TOTAL.match(first) or [normalize(cell_text(v)) for v in row] == header_key:
                continue
            if not self._is_strip(row, scene_text, number):
                continue
            strip = self._strip(row, number, scene_text)
            if scene_text in seen:
                hint = "give each strip its own number (e.g. 12A, 12B)"
                if seen_day[scene_text] < len(result.days):
                    hint = (
                        "a scene shot over several days is listed once, on its first day, with a"
                        f" banner row {quoted(f'Scene {scene_text} continued')} on each later day"
                    )
                self.problems.add(
                    f"duplicate scene {quoted(scene_text)} (also on row {seen[scene_text]}); {hint}",
                    sheet=self.sheet,
                    row=number,
                    column=self.name("scene"),
                )
                continue
            seen[scene_text] = number
            seen_day[scene_text] = len(result.days)
            if strip is None:
                continue
            result.strips.append(strip)
            current.append(strip.number)
            day_number, day_date = self._day_of(row, number)
            if day_number is not None:
                by_number.setdefault(day_number, []).append(strip.number)
            if day_date is not None:
                by_date.setdefault(day_date, []).append(strip.number)
        if opened:
            result.days.append(current)
            result.day_dates.append(current_date)
        if not result.days and (by_number or by_date):
            # Day breaks win; else the Shoot Day numbers, else the Shoot Dates, in day order.
            if by_number:
                result.days = [by_number[key] for key in sorted(by_number)]
                result.day_dates = [None] * len(result.days)
            else:
                result.days = [by_date[key] for key in sorted(by_date)]
                result.day_dates = list(sorted(by_date))
        if self.missing_int_ext:
            self.problems.add(
                f"no Int/Ext column (looked for {_names('int_ext')}, or a Slugline column), and"
                " the sets do not start with INT. or EXT.",
                sheet=self.sheet,
                row=self.header_index + 1,
            )
        return result

    def _has_strip_data(self, row: Sequence[Any]) -> bool:
        """Any cell a strip fills (int/ext, set, pages, slugline): a banner has none."""
        return any(cell_text(self.value(row, name)) for name in _STRIP_DATA)

    def _continue(self, scene: str, number: int, seen: dict[str, int], day: list[str]) -> None:
        """A continuation banner puts a scene listed on an earlier day on this day too."""
        if scene not in seen:
            where = f"sheet {self.sheet}, row {number}" if self.sheet else f"row {number}"
            self.problems.warn(
                f"{where}: a banner continues scene {quoted(scene)}, which no strip above it lists;"
                " the banner was ignored"
            )
        elif scene not in day:  # a note on the strip's own day adds nothing
            day.append(scene)

    def _is_strip(self, row: Sequence[Any], scene_text: str, number: int) -> bool:
        """Tell a strip from a banner; a row with strip data but no scene number is a problem."""
        has_data = self._has_strip_data(row)
        if not scene_text:
            if has_data:
                self.problems.add(
                    "no scene number on a row with strip data; number every strip (e.g. 12, 12A)",
                    sheet=self.sheet,
                    row=number,
                    column=self.name("scene"),
                )
            return False
        # Text such as COMPANY MOVE or LUNCH in the scene column, with nothing else, is a banner.
        return has_data or _looks_like_scene_number(scene_text)

    def _day_of(self, row: Sequence[Any], number: int) -> tuple[int | None, date | None]:
        """The Shoot Day number and Shoot Date of a strip, on a board that lists them per strip."""
        day_number: int | None = None
        day_date: date | None = None
        try:
            if cell_text(self.value(row, "shoot_day")):
                day_number = _read_day_number(self.value(row, "shoot_day"))
        except CellError as error:
            self._fail(number, "shoot_day", str(error))
        try:
            if cell_text(self.value(row, "shoot_date")):
                day_date = read_date(self.value(row, "shoot_date"))
        except CellError as error:
            self._fail(number, "shoot_date", str(error))
        return day_number, day_date

    def _fail(self, row: int, field_name: str, message: str) -> None:
        self.problems.add(message, sheet=self.sheet, row=row, column=self.name(field_name))

    def _strip(self, row: Sequence[Any], number: int, scene_text: str) -> StripRow | None:
        """Read one strip's cells; None (with problems recorded) when any cell is wrong."""
        before = len(self.problems.items)
        fields: dict[str, Any] = {"number": scene_text}
        int_ext, set_name, time_of_day = self._slug(row, number)
        location = cell_text(self.value(row, "location"))
        if location:
            fields["location"] = location
        if int_ext is None and not cell_text(self.value(row, "int_ext")):
            if "int_ext" in self.columns:
                self._fail(number, "int_ext", "empty: expected INT, EXT or INT/EXT")
            elif "slugline" in self.columns:
                self._fail(number, "slugline", "the slugline does not start with INT. or EXT.")
            else:
                self.missing_int_ext = True
        if not set_name and ("set" in self.columns or "slugline" in self.columns):
            column = "set" if "set" in self.columns else "slugline"
            self._fail(number, column, "empty: every strip needs a set (e.g. DINER - BOOTH)")
        fields.update(int_ext=int_ext, set=set_name, time_of_day=time_of_day or "DAY")
        self._pages(row, number, fields)
        self._optional(row, number, fields)
        cast = self._cast(row, number)
        if len(self.problems.items) > before:
            return None
        return StripRow(self.sheet, number, scene_text, fields, cast)

    def _slug(self, row: Sequence[Any], number: int) -> tuple[IntExt | None, str, str | None]:
        """Int/ext, set and time of day from their columns, a slugline, or a slugline-like set."""
        int_ext: IntExt | None = None
        set_name = ""
        time_of_day: str | None = None
        slug = cell_text(self.value(row, "slugline"))
        if slug:
            int_ext, set_name, time_of_day = parse_slugline(slug)
        text = cell_text(self.value(row, "set"))
        if text:
            slug_ie, slug_set, slug_time = parse_slugline(text)
            set_name = slug_set or text
            int_ext = int_ext or slug_ie
            time_of_day = time_of_day or slug_time
        ie_text = cell_text(self.value(row, "int_ext"))
        if ie_text:
            try:
                int_ext = IntExt.parse(ie_text)
            except ValueError:
                self._fail(
                    number,
                    "int_ext",
                    f"cannot read {quoted(ie_text)} as INT, EXT or INT/EXT (also I, E, I/E)",
                )
        tod = cell_text(self.value(row, "time_of_day"))
        if tod:
            time_of_day = tod.upper()
        return int_ext, set_name, time_of_day

    def _pages(self, row: Sequence[Any], number: int, fields: dict[str, Any]) -> None:
        pages, eighths = self.value(row, "pages"), self.value(row, "eighths")
        try:
            if cell_text(pages):
                fields["eighths"] = read_pages(pages)
            elif cell_text(eighths):
                fields["eighths"] = read_eighths(eighths)
            elif "pages" in self.columns or "eighths" in self.columns:
                column = "pages" if "pages" in self.columns else "eighths"
                self._fail(number, column, "empty: every strip needs a page count (e.g. 2 3/8)")
        except CellError as error:
            self._fail(number, "pages" if cell_text(pages) else "eighths", str(error))

    def _optional(self, row: Sequence[Any], number: int, fields: dict[str, Any]) -> None:
        """The optional columns: minutes, shoot days, script day, synopsis, dates, cover."""
        readers: dict[str, Any] = {
            "minutes": read_minutes,
            "shoot_days": lambda v: read_int(v, what="a number of shoot days", minimum=1),
            "earliest": read_date,
            "latest": read_date,
            "pinned": read_date,
            "cover": lambda v: read_flag(v, default=False),
        }
        for name, reader in readers.items():
            value = self.value(row, name)
            if cell_text(value):
                try:
                    fields[name] = reader(value)
                except CellError as error:
                    self._fail(number, name, str(error))
        for name in ("script_day", "synopsis"):
            text = cell_text(self.value(row, name))
            if text:
                fields[name] = text
        elements: dict[str, list[str]] = {}
        for column, category in self.elements.items():
            items = split_list(row[column] if column < len(row) else None, ";\n")
            if items:
                elements.setdefault(category, []).extend(items)
        if elements:
            fields["elements"] = elements

    def _cast(self, row: Sequence[Any], number: int) -> list[CastToken]:
        tokens = _cast_tokens(self.value(row, "cast"), self.name("cast"))
        for column, token in self.matrix.items():
            value = row[column] if column < len(row) else None
            mark = is_mark(value)
            if mark is None:
                self.problems.add(
                    f"cannot read {quoted(value)} as a cast mark (X where they work, else blank)",
                    sheet=self.sheet,
                    row=number,
                    column=self.header[column],
                )
            elif mark:
                tokens.append(token)
        return tokens


def _names(field_name: str) -> str:
    return ", ".join(COLUMNS[field_name][:4])


def _first_text(row: Sequence[Any]) -> str:
    for value in row:
        text = cell_text(value)
        if text:
            return text
    return ""


def _continued_scene(text: str) -> str | None:
    """The scene a continuation banner names (``Scene 7 continued -- day 2 of 3``), else None."""
    for pattern in _CONTINUED:
        match = pattern.match(text)
        if match and re.search(r"\d", match["number"]):  # "Scene description continued" is a note
            return match["number"]
    return None


def _row_date(row: Sequence[Any]) -> date | None:
    """The date written on a day-break row: a date cell, or a date in its text."""
    for value in row:
        if isinstance(value, date):
            return read_date(value)
    return find_date(" ".join(cell_text(value) for value in row))


def _read_day_number(value: Any) -> int:
    match = re.fullmatch(r"(?:shoot(?:ing)?\s+)?(?:day\s*)?#?\s*(\d+)", cell_text(value), re.I)
    if not match:
        raise CellError(f"cannot read {quoted(value)} as a shoot day number (e.g. 3 or Day 3)")
    return int(match[1])


def read_strip_sheet(grid: Grid, problems: Problems, *, sheet: str | None, title: str) -> StripSheet | None:
    """The strips and days of one sheet, or None when it has no header row with a Scene column."""
    header = find_header(grid, COLUMNS, "scene")
    if header is None:
        return None
    index, fields = header
    return _SheetReader(grid, problems, sheet, index, fields).read(title)


# --------------------------------------------------------------------------- assembly


def _natural(cast_id: str) -> tuple[int, str]:
    digits = re.search(r"\d+", cast_id)
    return (int(digits[0]) if digits else 10**9, cast_id)


def _resolve_cast(
    strips: list[StripRow], listed: list[dict[str, Any]] | None, problems: Problems
) -> tuple[dict[int, list[str]], list[dict[str, Any]]]:
    """Board IDs for every strip's cast references, and the cast list.

    With a Cast sheet (``listed``), references must name a listed ID, name or character. Without
    one, every ID becomes a cast member, and names get the first free IDs in order of appearance.
    """
    ids: dict[int, list[str]] = {}
    if listed is not None:
        by_id = {member["id"] for member in listed}
        by_name: dict[str, str] = {}
        for member in listed:
            for key in ("character", "name"):
                if member.get(key):
                    by_name.setdefault(member[key].upper(), member["id"])
        shown = ", ".join(sorted(by_id, key=_natural)[:12]) + (" ..." if len(by_id) > 12 else "")
        for position, strip in enumerate(strips):
            found: list[str] = []
            for token in strip.cast:
                cast_id = token.id if token.kind != "name" else token.name
                if cast_id in by_id:
                    found.append(cast_id)
                elif token.kind == "name" and token.name.upper() in by_name:
                    found.append(by_name[token.name.upper()])
                else:
                    what = (
                        f"unknown cast {quoted(token.name)}: not an ID, name or character on the Cast sheet"
                        if token.kind == "name"
                        else f"unknown cast id {quoted(token.id)}: the Cast sheet lists {shown or 'nobody'}"
                    )
                    problems.add(what, sheet=strip.sheet, row=strip.row, column=token.column)
            ids[position] = found
        return ids, listed

    members: dict[str, dict[str, Any]] = {}
    named: dict[str, str] = {}
    for strip in strips:
        for token in strip.cast:
            if token.kind == "name":
                continue
            member = members.setdefault(token.id, {"id": token.id})
            if token.kind == "label":
                member.setdefault("character", token.name)
                named.setdefault(token.name.upper(), token.id)
    next_id = 1
    for strip in strips:
        for token in strip.cast:
            if token.kind != "name" or token.name.upper() in named:
                continue
            while str(next_id) in members:
                next_id += 1
            members[str(next_id)] = {"id": str(next_id), "character": token.name}
            named[token.name.upper()] = str(next_id)
    for position, strip in enumerate(strips):
        ids[position] = [
            named[token.name.upper()] if token.kind == "name" else token.id for token in strip.cast
        ]
    return ids, [members[key] for key in sorted(members, key=_natural)]


def assemble(
    sheets: list[StripSheet],
    problems: Problems,
    *,
    name: str,
    cast: list[dict[str, Any]] | None = None,
    locations: list[dict[str, Any]] | None = None,
) -> Draft:
    """Scenes, cast, locations and boards from strip sheets, checked row by row.

    ``cast`` and ``locations`` are the rows of a Cast and a Locations sheet when the file has them.
    Raises ImportProblem with every problem of the file when any cell or reference is wrong.
    """
    strips: list[StripRow] = []
    first_seen: dict[str, StripRow] = {}
    repeats: list[StripRow] = []
    for sheet in sheets:
        for strip in sheet.strips:
            # A workbook may keep one sheet per board revision: the first sheet defines a scene
            # (a workbook puts its Scenes sheet first).
            if strip.number in first_seen:
                repeats.append(strip)
            else:
                first_seen[strip.number] = strip
                strips.append(strip)
    ids, members = _resolve_cast(strips, cast, problems)
    scenes: list[dict[str, Any]] = []
    places: dict[str, str] = {}
    for position, strip in enumerate(strips):
        data = {**strip.fields, "cast": ids.get(position, [])}
        where = problems.where(sheet=strip.sheet, row=strip.row)
        try:
            scene = Scene.model_validate(data)
        except ProductionError as error:
            for problem in error.problems:
                problems.add(problem, sheet=strip.sheet, row=strip.row)
            continue
        places[scene.number] = where
        scenes.append(scene.model_dump())
    _warn_on_revisions(repeats, {s["number"]: s for s in scenes}, ids, problems)
    problems.raise_if_any()
    if not scenes:
        problems.fail("no strips found under the header row: the board has no scenes")

    listed_names = [location["name"] for location in locations or []]
    used = list(dict.fromkeys(scene["location"] for scene in scenes))
    extra = [loc for loc in used if loc not in listed_names]
    if locations is not None and extra:
        problems.warn(f"locations not on the Locations sheet were added: {', '.join(extra)}")
    all_locations = list(locations or []) + [{"name": loc} for loc in extra]
    boards = {sheet.title: sheet.days for sheet in sheets if sheet.days}
    day_dates = next((sheet.day_dates for sheet in sheets if sheet.days), [])
    return Draft(
        data={
            "name": name,
            "scenes": scenes,
            "cast": members,
            "locations": all_locations,
            "boards": boards,
        },
        places=places,
        day_dates=day_dates,
    )


def _warn_on_revisions(
    repeats: list[StripRow],
    scenes: dict[str, dict[str, Any]],
    ids: dict[int, list[str]],
    problems: Problems,
) -> None:
    """A scene repeated on a later sheet with other data: the first sheet's version is kept."""
    changed = []
    for strip in repeats:
        scene = scenes.get(strip.number)
        if scene is None:
            continue
        differs = [
            key
            for key, value in strip.fields.items()
            if key in scene and key != "location" and scene[key] != value
        ]
        if differs:
            changed.append(f"{strip.number} ({strip.sheet}: {', '.join(differs)})")
    if changed:
        problems.warn(
            f"scenes that differ between sheets keep their first sheet's data: {'; '.join(changed)}"
        )


# --------------------------------------------------------------------------- csv


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(path: Path, data: bytes, problems: Problems) -> Draft:
    """A stripboard saved as CSV (any of , ; tab | as separator), as a draft production."""
    text = decode_text(data)
    best: tuple[int, list[list[str]]] | None = None
    for delimiter in (",", ";", "\t", "|"):
        try:
            grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            problems.fail(f"cannot read the file as CSV: {error}")
        header = find_header(grid, COLUMNS, "scene")
        score = len(header[1]) if header else 0
        if best is None or score > best[0]:
            best = (score, grid)
    assert best is not None
    grid = best[1]
    if not any(cell.strip() for row in grid for cell in row):
        problems.fail("the file is empty")
    sheet = read_strip_sheet(grid, problems, sheet=None, title=path.stem)
    if sheet is None:
        first = next((row for row in grid if any(c.strip() for c in row)), [])
        problems.fail(
            f"no header row with a Scene column in the first {HEADER_SEARCH_ROWS} rows (looked"
            f" for {_names('scene')}); the first row reads: {', '.join(c for c in first if c)}"
        )
    problems.raise_if_any()
    return assemble([sheet], problems, name=path.stem)

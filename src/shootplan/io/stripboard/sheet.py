"""One sheet of strips: find its columns, walk its rows, keep its strips and its days."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openpyxl.utils import get_column_letter

from shootplan.io._cells import (
    CellError,
    Grid,
    Problems,
    cell_text,
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
from shootplan.io.stripboard.syntax import (
    COLUMNS,
    DAY_END,
    DAY_START,
    ELEMENT_HEADER,
    NOT_CAST,
    STRIP_DATA,
    TOTAL,
    CastToken,
    cast_header,
    cast_tokens,
    column_names,
    continued_scene,
    first_text,
    looks_like_scene_number,
    parse_slugline,
    read_day_number,
    row_date,
)
from shootplan.model import IntExt

__all__ = ["StripRow", "StripSheet", "read_strip_sheet"]


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
    title_cell: tuple[str, str] | None = None  # (text, cell such as A1) above the header


@dataclass
class _Days:
    """The days of a sheet as its rows are walked: the day being filled and the days closed."""

    sheet: StripSheet
    current: list[str] = field(default_factory=list)
    current_date: date | None = None
    opened: bool = False  # an opening-style board has started its first day
    seen: dict[str, int] = field(default_factory=dict)  # scene number -> its row
    seen_day: dict[str, int] = field(default_factory=dict)  # the board day (days closed before it)
    by_number: dict[int, list[str]] = field(default_factory=dict)  # a Shoot Day column
    by_date: dict[date, list[str]] = field(default_factory=dict)  # a Shoot Date column

    def close(self, day_date: date | None) -> None:
        """A day break: the strips since the last one are a day."""
        self.sheet.days.append(self.current)
        self.sheet.day_dates.append(day_date)
        self.current = []

    def open(self, day_date: date | None) -> None:
        """A day header: the day before it ends; strips above the first belong to no day."""
        if self.opened:
            self.sheet.days.append(self.current)
            self.sheet.day_dates.append(self.current_date)
        self.opened, self.current, self.current_date = True, [], day_date

    def finish(self) -> None:
        """The last opened day ends with the sheet; without breaks, the day columns give the days."""
        if self.opened:
            self.sheet.days.append(self.current)
            self.sheet.day_dates.append(self.current_date)
        if self.sheet.days or not (self.by_number or self.by_date):
            return
        # Day breaks win; else the Shoot Day numbers, else the Shoot Dates, in day order.
        if self.by_number:
            self.sheet.days = [self.by_number[key] for key in sorted(self.by_number)]
            self.sheet.day_dates = [None] * len(self.sheet.days)
        else:
            self.sheet.days = [self.by_date[key] for key in sorted(self.by_date)]
            self.sheet.day_dates = list(sorted(self.by_date))


class _SheetReader:
    """Reads the strips and days of one grid whose header row has been found."""

    def __init__(
        self,
        grid: Grid,
        problems: Problems,
        sheet: str | None,
        header_index: int,
        fields: dict[int, str],
        exact_sets: bool = False,
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
        # A sheet shootplan wrote states Int/Ext and D/N in columns of their own, so its Set cell
        # is the set exactly as written ("FARM - NIGHT", "INT 0"), never a slugline to take apart.
        self.exact_sets = exact_sets and {"int_ext", "time_of_day"} <= self.columns.keys()

    # Columns -------------------------------------------------------------

    def _find_extra_columns(self, fields: dict[int, str]) -> None:
        """Element columns (``Elements: Props``) and cast-matrix columns."""
        unknown = [c for c, text in enumerate(self.header) if text and c not in fields]
        for column in unknown:
            text = self.header[column]
            if match := ELEMENT_HEADER.match(text):
                self.elements[column] = match["category"].strip()
            elif token := cast_header(text, text):
                self.matrix[column] = token
        if "cast" in self.columns:
            return
        # A board without a Cast column may mark cast with X in columns headed by their names.
        rows = [row for row in self.grid[self.header_index + 1 :] if self._scene_text(row)]
        for column in unknown:
            text = self.header[column]
            if column in self.elements or column in self.matrix or normalize(text) in NOT_CAST:
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
                f"no Set column (looked for {column_names('set')}, or a Slugline column);"
                f" columns found: {found}",
                sheet=self.sheet,
                row=row,
            )
        if "pages" not in self.columns and "eighths" not in self.columns:
            self.problems.add(
                f"no Pages column (looked for {column_names('pages')} or 8ths); columns found: {found}",
                sheet=self.sheet,
                row=row,
            )

    # Rows ----------------------------------------------------------------

    def read(self, title: str) -> StripSheet:
        """Every strip and day of the sheet."""
        self.check_columns()
        days = _Days(StripSheet(title=title, sheet=self.sheet))
        rows = self.grid[self.header_index + 1 :]
        header_key = [normalize(text) for text in self.header]
        # A board that closes its days (END OF DAY 3) never opens them: DAY 3 is then a note.
        closing = any(DAY_END.match(first_text(row)) for row in rows)
        for offset, row in enumerate(rows):
            number = self.header_index + offset + 2
            first = first_text(row)
            if not first:
                continue
            scene_text = self._scene_text(row)
            # A strip numbered like a break or a total ("END OF DAY 9", "TOTAL 3") has its set
            # beside the number; a break, banner or total row never does.
            note = scene_text in ("", first) and not self._has_set(row, first)
            if note and self._day_row(row, first, closing, days, number):
                continue
            if note and not self._has_strip_data(row):
                continued = continued_scene(first)
                if continued is not None:
                    self._continue(continued, number, days.seen, days.current)
                    continue
            if TOTAL.match(first) and not self._has_set(row, first):
                continue
            if [normalize(cell_text(v)) for v in row] == header_key:
                continue
            if self._is_strip(row, scene_text, number):
                self._add_strip(row, number, scene_text, days)
        days.finish()
        if self.missing_int_ext:
            self.problems.add(
                f"no Int/Ext column (looked for {column_names('int_ext')}, or a Slugline column), and"
                " the sets do not start with INT. or EXT.",
                sheet=self.sheet,
                row=self.header_index + 1,
            )
        return days.sheet

    def _day_row(self, row: Sequence[Any], first: str, closing: bool, days: _Days, number: int) -> bool:
        """A day break (END OF DAY 3) or, on a board that opens its days, a day header (DAY 3)."""
        if DAY_END.match(first):
            days.close(self._row_date(row, number))
            return True
        if not closing and DAY_START.match(first):
            days.open(self._row_date(row, number))
            return True
        return False

    def _row_date(self, row: Sequence[Any], number: int) -> date | None:
        """The date on a day-break row; one that does not exist (Feb 31) is a problem."""
        try:
            return row_date(row)
        except CellError as error:
            column = next((c for c, value in enumerate(row) if cell_text(value)), 0)
            header = self.header[column] if column < len(self.header) else ""
            self.problems.add(str(error), sheet=self.sheet, row=number, column=header)
            return None

    def _add_strip(self, row: Sequence[Any], number: int, scene_text: str, days: _Days) -> None:
        """Read a strip and put it on the current day; a scene number seen before is a problem."""
        strip = self._strip(row, number, scene_text)
        if scene_text in days.seen:
            hint = "give each strip its own number (e.g. 12A, 12B)"
            if days.seen_day[scene_text] < len(days.sheet.days):
                hint = (
                    "a scene shot over several days is listed once, on its first day, with a"
                    f" banner row {quoted(f'Scene {scene_text} continued')} on each later day"
                )
            self.problems.add(
                f"duplicate scene {quoted(scene_text)} (also on row {days.seen[scene_text]}); {hint}",
                sheet=self.sheet,
                row=number,
                column=self.name("scene"),
            )
            return
        days.seen[scene_text] = number
        days.seen_day[scene_text] = len(days.sheet.days)
        if strip is None:
            return
        days.sheet.strips.append(strip)
        days.current.append(strip.number)
        day_number, day_date = self._day_of(row, number)
        if day_number is not None:
            days.by_number.setdefault(day_number, []).append(strip.number)
        if day_date is not None:
            days.by_date.setdefault(day_date, []).append(strip.number)

    def _has_set(self, row: Sequence[Any], first: str) -> bool:
        """A slugline, or an Int/Ext and a set (text, no date: a break may carry its date there),
        other than the row's first text: the row is a strip."""
        slug, set_name = (cell_text(self.value(row, name)) for name in ("slugline", "set"))
        if slug and slug != first:
            return True
        texts = (self.value(row, "set"), self.value(row, "int_ext"))
        return set_name != first and all(isinstance(value, str) and value.strip() for value in texts)

    def _has_strip_data(self, row: Sequence[Any]) -> bool:
        """Any cell a strip fills (int/ext, set, pages, slugline): a banner has none."""
        return any(cell_text(self.value(row, name)) for name in STRIP_DATA)

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
        return has_data or looks_like_scene_number(scene_text)

    def _day_of(self, row: Sequence[Any], number: int) -> tuple[int | None, date | None]:
        """The Shoot Day number and Shoot Date of a strip, on a board that lists them per strip."""
        day_number: int | None = None
        day_date: date | None = None
        try:
            if cell_text(self.value(row, "shoot_day")):
                day_number = read_day_number(self.value(row, "shoot_day"))
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
        if text and self.exact_sets:
            set_name = text
        elif text:
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
        tokens = cast_tokens(self.value(row, "cast"), self.name("cast"))
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


def read_strip_sheet(
    grid: Grid, problems: Problems, *, sheet: str | None, title: str, exact_sets: bool = False
) -> StripSheet | None:
    """The strips and days of one sheet, or None when it has no header row with a Scene column.

    ``exact_sets``: the sheet is shootplan's own (the workbook says so); with its Int/Ext and D/N
    columns, a Set cell is read exactly as written, not as a slugline (an AD's board's is).
    """
    header = find_header(grid, COLUMNS, "scene")
    if header is None:
        return None
    index, fields = header
    strip_sheet = _SheetReader(grid, problems, sheet, index, fields, exact_sets).read(title)
    strip_sheet.title_cell = _title_cell(grid[:index])
    return strip_sheet


def _title_cell(rows: Grid) -> tuple[str, str] | None:
    """The board's title: the first non-empty cell above the header that is not a date or a page
    count (``SALT & STATIC`` in A1, not ``Mar 3, 2027`` or ``52 4/8 pgs``), and where it is."""
    for row_index, row in enumerate(rows):
        for column, value in enumerate(row):
            text = cell_text(value)
            if not text or isinstance(value, date | int | float) or _is_date_or_pages(value):
                continue
            return text, f"{get_column_letter(column + 1)}{row_index + 1}"
    return None


def _is_date_or_pages(value: Any) -> bool:
    text = re.sub(r"(?i)\s*(pages|pgs?)\.?\s*$", "", cell_text(value))
    for reader in (read_date, read_pages):
        try:
            reader(text)
        except CellError:
            continue
        return True
    return False

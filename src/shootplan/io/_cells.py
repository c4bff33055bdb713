"""Cell values as spreadsheets hand them over, and problems that say where they are.

openpyxl gives ``str``, ``int``, ``float``, ``bool``, ``datetime``, ``date``, ``time``,
``timedelta`` or ``None``; the csv module gives ``str``. The helpers here turn any of them into the
text, number, date, flag or page count a reader wants, and raise :class:`CellError` with a sentence
that says what would be accepted. :class:`Problems` collects every problem of one file with its
place (file, sheet, row as the spreadsheet shows it, column header as written) so that a file's
problems are reported together, in one :class:`~shootplan.errors.ImportProblem`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, NoReturn

from shootplan.errors import ImportProblem, PageCountError, Problem
from shootplan.io import _lists
from shootplan.pages import parse_page_cap, parse_pages

__all__ = [
    "HEADER_SEARCH_ROWS",
    "CellError",
    "DateOrder",
    "Grid",
    "Problems",
    "cell_text",
    "date_order",
    "find_date",
    "find_header",
    "is_mark",
    "normalize",
    "quoted",
    "read_date",
    "read_date_order",
    "read_eighths",
    "read_flag",
    "read_int",
    "read_minutes",
    "read_number",
    "read_page_cap",
    "read_pages",
    "settle_date_order",
    "split_list",
]

# A sheet as rows of raw cell values, row 1 first (index 0), as the spreadsheet shows it.
Grid = Sequence[Sequence[Any]]

# Boards carry titles, dates and blank or merged rows above the header; 30 rows covers every
# export seen in practice without mistaking a strip for a header.
HEADER_SEARCH_ROWS = 30

PAGE_EXAMPLES = "e.g. 2 3/8, 3/8, 1.25"
DATE_EXAMPLES = "e.g. 2027-03-04, 3/4/2027 or Mar 4, 2027"

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
# A numeric date with slashes (3/4/2027): month first or day first, as the file's date order says.
_NUMERIC = r"\b(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})\b"
DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(_NUMERIC),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
)


class CellError(ValueError):
    """A cell that cannot be read; the message says what was found and what would be accepted."""


def quoted(value: Any) -> str:
    """A cell value as a user typed it, in double quotes: ``"abc"``."""
    return f'"{cell_text(value)}"'


def cell_text(value: Any) -> str:
    """Any cell value as the text a person sees in the cell (stripped; ``""`` for empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))  # a scene typed as 12 comes back from Excel as 12.0
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def normalize(text: str) -> str:
    """A header or key compared case- and punctuation-insensitively: ``Scene #`` -> ``sceneno``."""
    text = text.lower().replace("#", " no ").replace("&", " and ")
    return re.sub(r"[^a-z0-9]", "", text)


def split_list(
    value: Any, separators: str | re.Pattern[str] = ";,\n", *, keep_quotes: bool = False
) -> list[str]:
    """Split a list cell (``1, 2; 14``) into its non-empty items (a quoted item is one item:
    :mod:`shootplan.io._lists`)."""
    return _lists.split_list(cell_text(value), separators, keep_quotes=keep_quotes)


def find_header(
    grid: Grid,
    aliases: Mapping[str, Iterable[str]],
    key: str,
    *,
    search_rows: int = HEADER_SEARCH_ROWS,
) -> tuple[int, dict[int, str]] | None:
    """Find the header row: the one in the first rows with a ``key`` column and the most columns.

    ``aliases`` maps a field to the names it goes by; names are compared with :func:`normalize`.
    Returns the header's row index and ``{column index: field}``, or None when no row has ``key``.
    """
    lookup = {normalize(name): name_field for name_field, names in aliases.items() for name in names}
    best: tuple[int, dict[int, str]] | None = None
    for index, row in enumerate(grid[:search_rows]):
        fields: dict[int, str] = {}
        for column, value in enumerate(row):
            found = lookup.get(normalize(cell_text(value)))
            if found and found not in fields.values():
                fields[column] = found
        if key in fields.values() and (best is None or len(fields) > len(best[1])):
            best = (index, fields)
    return best


# --------------------------------------------------------------------------- values


def read_pages(value: Any) -> int:
    """A page count cell (``2 3/8``, ``2.375``, ``3/8``) in eighths; more than zero."""
    return _read_page_cell(
        value,
        parse_pages,
        "a scene needs at least 1/8 page (got {}); a strip with no pages has nothing to shoot",
    )


def read_page_cap(value: Any) -> int:
    """A page cap cell (``5``, ``4 4/8``, ``5.2``) in eighths, rounded down (``5.2`` is 41)."""
    return _read_page_cell(
        value, parse_page_cap, "a page cap must be at least 1/8 page (got {}); no day could shoot anything"
    )


def _read_page_cell(value: Any, parse: Callable[[Any], int], too_small: str) -> int:
    """A page cell read by ``parse`` (a length rounds to the nearest eighth, a cap down).

    ``too_small`` is the message, with ``{}`` for the cell, when it comes to no eighth at all.
    """
    if isinstance(value, datetime | date):
        eighths = _pages_from_date(value)
        if eighths is not None:
            return eighths
        raise CellError(f"cannot read {quoted(value)} as a page count ({PAGE_EXAMPLES})")
    if isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value):
        value = value.replace(",", ".")  # a decimal comma, as European spreadsheets write 1,25
    if isinstance(value, str) and re.fullmatch(r"\s*-\s*\d.*", value):
        raise CellError(f"a page count cannot be negative (got {quoted(value)})")
    try:
        eighths = parse(value)
    except PageCountError:
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise CellError(f"a page count cannot be negative (got {quoted(value)})") from None
        raise CellError(f"cannot read {quoted(value)} as a page count ({PAGE_EXAMPLES})") from None
    if eighths <= 0:
        raise CellError(too_small.format(quoted(value)))
    return eighths


def _pages_from_date(value: date) -> int | None:
    """Excel turns a typed ``3/8`` into the 8th of March: read it back as three eighths."""
    if value.day == 8 and 1 <= value.month <= 7:
        return value.month
    if value.month == 8 and 1 <= value.day <= 7:  # day/month locales: 8 March is 08/03
        return value.day
    return None


def read_eighths(value: Any) -> int:
    """A page count already in eighths (an ``8ths`` column): a whole number above zero."""
    number = read_number(value, what="a number of eighths (e.g. 19 for 2 3/8 pages)")
    if not number.is_integer():
        raise CellError(f"cannot read {quoted(value)} as a whole number of eighths (e.g. 19)")
    if number <= 0:
        raise CellError(f"a scene needs at least 1/8 page (got {quoted(value)} eighths)")
    return int(number)


def read_number(value: Any, *, what: str = "a number") -> float:
    """A numeric cell or text (``1,500``, ``$1500``) as a finite float."""
    if isinstance(value, bool):
        raise CellError(f"cannot read {quoted(value)} as {what}")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = re.sub(r"[\s,$€£]", "", cell_text(value))
        try:
            number = float(text)
        except (ValueError, OverflowError):
            raise CellError(f"cannot read {quoted(value)} as {what}") from None
    if not math.isfinite(number):
        raise CellError(f"cannot read {quoted(value)} as {what}")
    return number


def read_int(value: Any, *, what: str = "a whole number", minimum: int | None = None) -> int:
    """A whole number (``3`` or ``3.0``), at least ``minimum`` when given."""
    number = read_number(value, what=what)
    if not number.is_integer():
        raise CellError(f"cannot read {quoted(value)} as {what}")
    if minimum is not None and number < minimum:
        raise CellError(f"{quoted(value)} is too small: expected {what} of at least {minimum}")
    return int(number)


def read_minutes(value: Any) -> int:
    """Estimated shooting time: ``90``, ``1:30``, ``1h 30m``, ``90 min`` or a time cell."""
    what = "minutes (e.g. 90, 1:30 or 1h 30m)"
    if isinstance(value, timedelta):
        minutes = value.total_seconds() / 60
    elif isinstance(value, time):
        minutes = value.hour * 60 + value.minute + value.second / 60
    elif isinstance(value, datetime | date):
        raise CellError(f"cannot read {quoted(value)} as {what}")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        minutes = read_number(value, what=what)
    else:
        text = cell_text(value).lower()
        if match := re.fullmatch(r"(\d+):(\d{1,2})(?::\d{1,2})?", text):
            minutes = int(match[1]) * 60 + int(match[2])
        elif match := re.fullmatch(
            r"(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:ute)?s?)?)?", text
        ):
            if not (match[1] or match[2]):
                raise CellError(f"cannot read {quoted(value)} as {what}")
            minutes = float(match[1] or 0) * 60 + int(match[2] or 0)
        else:
            minutes = read_number(value, what=what)
    rounded = round(minutes)
    if rounded < 1:
        raise CellError(f"{quoted(value)} is not a shooting time: expected at least 1 minute")
    return rounded


def read_date(value: Any) -> date:
    """A date cell or text: ``2027-03-04``, ``3/4/2027`` (in the file's date order), ``Mar 4, 2027``.

    A date that does not exist (``Feb 31, 2027``, ``2027-02-31``) is a CellError that says so.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    found = _search_date(text)
    # Only a weekday name may sit beside the date ("Wed, Mar 3, 2027"): a range or a note is not
    # one date, and reading its first date silently would hide the mistake.
    if found is not None:
        rest = text[: found[1]] + text[found[2] :]
        if not re.sub(_WEEKDAY + r"|[\s,.]", "", rest, flags=re.IGNORECASE):
            return found[0]
    raise CellError(f"cannot read {quoted(value)} as a date ({DATE_EXAMPLES})")


def find_date(text: str) -> date | None:
    """The first date written anywhere in a text (a day-break row), or None; CellError when it
    does not exist (``Feb 31, 2027``)."""
    found = _search_date(text)
    return found[0] if found else None


_WEEKDAY = r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b"


def _search_date(text: str) -> tuple[date, int, int] | None:
    """The first date in a text, its start and end; a date that does not exist is a CellError."""
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if "first" in groups:
                first, second = int(groups["first"]), int(groups["second"])
                month, day = (first, second) if _ORDER.get() == "month-first" else (second, first)
            else:
                month = _MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mon"])
                day = int(groups["day"])
            year = int(groups["year"])
            if year < 100:
                year += 2000
            try:
                return date(year, month, day), match.start(), match.end()
            except ValueError:
                raise CellError(_no_such_date(match[0], year, month, day)) from None
    return None


def _no_such_date(text: str, year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        order = "" if "/" not in text else f" (read {_ORDER.get()})"
        return f"{quoted(text)} is not a date: there is no month {month}{order}"
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return f"{quoted(text)} is not a date: {date(year, month, 1):%B %Y} has {last} days, not {day}"


# --------------------------------------------------------------------------- date order

DateOrder = Literal["month-first", "day-first"]
# The order of the file being read: read_production settles it per file (settle_date_order) and
# every date cell of that file is read in it, so 03/04/2027 means one thing in the whole file.
_ORDER: ContextVar[DateOrder] = ContextVar("date_order", default="month-first")
_ORDER_WORDS: dict[str, DateOrder] = {
    "monthfirst": "month-first",
    "mdy": "month-first",
    "mmddyyyy": "month-first",
    "us": "month-first",
    "dayfirst": "day-first",
    "dmy": "day-first",
    "ddmmyyyy": "day-first",
    "uk": "day-first",
    "eu": "day-first",
}


@contextmanager
def date_order(order: DateOrder) -> Iterator[None]:
    """Read every numeric date (3/4/2027) in this order while the block runs."""
    token = _ORDER.set(order)
    try:
        yield
    finally:
        _ORDER.reset(token)


def read_date_order(value: Any) -> DateOrder:
    """A Date Order cell: ``day-first`` (also DMY, dd/mm/yyyy, UK) or ``month-first`` (MDY, US)."""
    order = _ORDER_WORDS.get(normalize(cell_text(value)))
    if order is None:
        raise CellError(f"cannot read {quoted(value)} as a date order (day-first or month-first)")
    return order


def settle_date_order(grids: Iterable[tuple[str | None, Grid]], problems: Problems) -> DateOrder:
    """A file's date order: its Date Order row, else its unambiguous dates, else month-first.

    A row whose first cell is ``Date Order`` (on a Settings sheet, or above a board's header)
    decides, wherever it is: a workbook's Settings sheet comes after its Scenes, so every grid is
    searched for one before any date is looked at. Else the first numeric date with a part above
    12 (``25/03/2027`` is day-first); else month-first, with a one-line notice naming the first
    ambiguous cell.
    """
    sheets = list(grids)
    setting = _date_order_setting(sheets, problems)
    if setting is not None:
        return setting
    ambiguous: str | None = None
    for sheet, grid in sheets:
        for index, row in enumerate(grid):
            for column, value in enumerate(row):
                for match in re.finditer(_NUMERIC, cell_text(value)):
                    first, second = int(match["first"]), int(match["second"])
                    if first > 12 >= second:
                        return "day-first"
                    if second > 12 >= first:
                        return "month-first"
                    if ambiguous is None and first != second:
                        where = f"sheet {sheet}, " if sheet else ""
                        ambiguous = f"{quoted(match[0])} ({where}cell {_column_letter(column)}{index + 1})"
    if ambiguous is not None:
        problems.warn(
            f"dates such as {ambiguous} are read month-first (no date in the file has a day above"
            " 12); add a Date Order setting (day-first) if they are day-first"
        )
    return "month-first"


def _date_order_setting(grids: list[tuple[str | None, Grid]], problems: Problems) -> DateOrder | None:
    """The order a file's first readable ``Date Order`` row names, or None when it has none."""
    for sheet, grid in grids:
        for index, row in enumerate(grid):
            filled = [text for text in map(cell_text, row) if text]
            if len(filled) >= 2 and normalize(filled[0]) == "dateorder":
                try:
                    return read_date_order(filled[1])
                except CellError as error:
                    problems.add(str(error), sheet=sheet, row=index + 1)
    return None


def _column_letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_TRUE = {"yes", "y", "true", "t", "x", "1", "✓", "✔", "•", "●", "*", "on"}
_FALSE = {"no", "n", "false", "f", "0", "-", "off", ""}


def read_flag(value: Any, *, default: bool) -> bool:
    """A yes/no cell: ``yes``, ``y``, ``x``, ``TRUE``, ``1``; ``no``, ``n``, ``0``; blank = default."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        return value
    key = cell_text(value).lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(f"cannot read {quoted(value)} as yes or no (e.g. yes, no, x, or leave blank)")


def is_mark(value: Any) -> bool | None:
    """A cast-matrix cell: True for a mark (``X``), False for blank, None for anything else."""
    if value is None or value is False:
        return False
    if value is True:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return None if value not in (0, 1) else value == 1
    key = cell_text(value).lower()
    if key in _TRUE:
        return True
    if key in {"", "-", "0", "no", "n"}:
        return False
    return None


# --------------------------------------------------------------------------- problems


@dataclass
class Problems:
    """Every problem found in one file, each a :class:`~shootplan.errors.Problem` with its place."""

    file: str
    items: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings, given once the file is read

    def warn(self, message: str) -> None:
        """Note something legal but probably unintended; read_production warns with it."""
        self.notes.append(f"{self.file}: {message}")

    def add(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str = "",
        place: str = "",
    ) -> None:
        """Record one problem at a place (``board.xlsx, sheet Scenes, row 7, column Pages``)."""
        self.items.append(Problem(message, file=self.file, place=place, sheet=sheet, row=row, column=column))

    def extend(self, records: Iterable[Problem], *, sheet: str | None = None, row: int | None = None) -> None:
        """Record the model's problems with an entity, placed in this file at its sheet and row."""
        self.items += [record.at(file=self.file, sheet=sheet, row=row) for record in records]

    def fail(
        self, message: str, *, sheet: str | None = None, row: int | None = None, column: str = ""
    ) -> NoReturn:
        """Record one last problem and raise all of them: the file cannot be read further."""
        self.add(message, sheet=sheet, row=row, column=column)
        raise ImportProblem(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise every problem found so far together, as one ImportProblem."""
        if self.items:
            raise ImportProblem(self.items)

"""What makes a sheet print right, in Excel and in LibreOffice alike (an AD without Excel prints
through LibreOffice, which shows ``###`` for a date or number wider than its column).

:func:`fit_for_print` runs last on every sheet of every workbook shootplan writes:

- every column is at least as wide as its header text and as every date and number shown in it
  (as the cell's number format renders it), so no header is clipped and no value prints ``###``;
- a text longer than its column wraps inside it when it would otherwise be cut off (the next cell
  is filled) or run past the table (the last column, the synopses);
- a row holding wrapped text gets a stored height of :data:`LINE_POINTS` per line of its tallest
  cell (:func:`wrapped_lines`, an estimate from the column's width and the text). Rows do not
  grow by themselves: without a stored height LibreOffice keeps an xlsx row at the default height
  and prints the second line over the next row; a stored height holds in both programs.

The page itself is :func:`shootplan.io.excel.style.print_setup`'s: landscape, one page wide, the
header rows on every page. No paper size is stored, so a sheet prints on the printer's own paper
(Letter in the US, A4 elsewhere): fitting to the width works on either.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["DEFAULT_WIDTH", "LINE_POINTS", "fit_for_print", "shown_text", "wrapped_lines"]

#: Excel's width of a column no width was set for, in its character units.
DEFAULT_WIDTH = 8.43
#: The height of one line of the default 11-point text, in points (Excel's default row height).
LINE_POINTS = 15.0
# Bold header text and digits run wider than the '0' Excel measures widths in; the padding is the
# cell's own margins. Generous on purpose: one page wide shrinks the sheet anyway.
_TEXT_SCALE = 1.15
_PADDING = 2.0
# Spaces, punctuation and the thin letters take about half a digit's width.
_NARROW = frozenset(" ,.;:'!|()-/ilIjtf")
_DATE_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM|\"[^\"]*\"|\\.|.", re.I)
# Each date token at its widest (September, Wednesday, two-digit days and months).
_WIDEST = {
    "yyyy": "2027",
    "yy": "27",
    "mmmm": "September",
    "mmm": "Sep",
    "mm": "12",
    "m": "12",
    "dddd": "Wednesday",
    "ddd": "Wed",
    "dd": "30",
    "d": "30",
    "hh": "23",
    "h": "23",
    "ss": "59",
    "s": "59",
    "am/pm": "PM",
}


def shown_text(value: Any, number_format: str = "General") -> str | None:
    """The text a date or number shows in its number format at its widest (``Wed 12/30`` for
    ``ddd m/d``), or None for anything else (text wraps or spills; it never prints ``###``)."""
    if isinstance(value, date | datetime | time):
        return _date_text(number_format)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return _number_text(value, number_format)


def _date_text(number_format: str) -> str:
    """A date format filled with each part's widest text (a date's day and month vary in width)."""
    if number_format.lower() == "general":
        number_format = "yyyy-mm-dd h:mm:ss"
    parts: list[str] = []
    for token in _DATE_TOKENS.findall(number_format):
        lowered = token.lower()
        if lowered in _WIDEST:
            parts.append(_WIDEST[lowered])
        elif token.startswith('"'):
            parts.append(token.strip('"'))
        elif token.startswith("\\"):
            parts.append(token[1:])
        elif token not in "[];@*_":
            parts.append(token)
    return "".join(parts)


def _number_text(value: float, number_format: str) -> str:
    """A number as the common formats show it: ``#,##0``, ``0.0``, ``0.0%``, General."""
    percent = number_format.endswith("%")
    number = value * 100 if percent else value
    decimals = len(number_format.split(".", 1)[1].rstrip("%")) if "." in number_format else 0
    grouping = "," if "," in number_format else ""
    if number_format.lower() == "general":
        return str(value) if isinstance(value, int) else f"{value:.10g}"
    return f"{number:{grouping}.{decimals}f}" + ("%" if percent else "")


def _needed_width(text: str) -> float:
    return math.ceil(len(text) * _TEXT_SCALE + _PADDING)


def _is_header(cell: Cell | MergedCell) -> bool:
    """A header cell as :func:`~shootplan.io.excel.style.style_header` styles it: bold, dark fill."""
    fill = cell.fill
    color = fill.fgColor.rgb if fill is not None and fill.fill_type == "solid" else None
    return bool(cell.font is not None and cell.font.b and isinstance(color, str) and color.endswith("404040"))


def _merged_anchors(sheet: Worksheet) -> set[str]:
    """The top-left cells of merges that span several columns: bands and banners, sized by the merge."""
    return {r.start_cell.coordinate for r in sheet.merged_cells.ranges if r.max_col > r.min_col}


def fit_for_print(sheet: Worksheet) -> None:
    """Widen each column to its headers, dates and numbers; wrap text that would be cut off, and
    make its row tall enough for its lines."""
    anchors = _merged_anchors(sheet)
    needed: dict[int, float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or cell.value is None or cell.coordinate in anchors:
                continue
            shown = shown_text(cell.value, cell.number_format)
            if shown is None and isinstance(cell.value, str) and _is_header(cell):
                shown = cell.value
            if shown is not None:
                needed[cell.column] = max(needed.get(cell.column, 0.0), _needed_width(shown))
    for column, width in needed.items():
        dimension = sheet.column_dimensions[get_column_letter(column)]
        current = dimension.width if dimension.customWidth else DEFAULT_WIDTH
        if width > current:
            dimension.width = width
    _wrap_cut_text(sheet, anchors)
    _fit_row_heights(sheet, anchors)


def _wrap_cut_text(sheet: Worksheet, anchors: set[str]) -> None:
    """Text longer than its column wraps where a filled cell or the table's edge would cut it."""
    last = sheet.max_column
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or not isinstance(cell.value, str) or cell.coordinate in anchors:
                continue
            dimension = sheet.column_dimensions[get_column_letter(cell.column)]
            width = dimension.width if dimension.customWidth else DEFAULT_WIDTH
            if len(cell.value) <= width - _PADDING:
                continue
            neighbour = sheet.cell(row=cell.row, column=cell.column + 1) if cell.column < last else None
            if neighbour is not None and neighbour.value is None and not isinstance(neighbour, MergedCell):
                continue  # it spills into the empty cell beside it, in print as on screen
            old = cell.alignment
            cell.alignment = Alignment(
                horizontal=old.horizontal,
                vertical=old.vertical or "top",
                indent=old.indent,
                wrap_text=True,
            )


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide.

    Words wrap whole, as both programs wrap them, into the width left once the cell's margins are
    taken off. Each letter is measured against the ``0`` a column's width counts (:func:`_glyph`);
    where the estimate is off, it errs tall: a row a little too high prints, one too low does not.
    """
    room = max(1.0, width - _PADDING)
    return sum(_lines_of(paragraph, room) for paragraph in text.split("\n"))


def _lines_of(paragraph: str, room: float) -> int:
    lines, used = 1, 0.0
    for word in paragraph.split(" "):
        size = sum(_glyph(c) for c in word)
        if used and used + _glyph(" ") + size <= room:
            used += _glyph(" ") + size
            continue
        if used:
            lines += 1
        # A word longer than the column breaks across lines of its own.
        extra = max(0, math.ceil(size / room) - 1)
        lines += extra
        used = size - extra * room
    return lines


def _glyph(character: str) -> float:
    """A character's width in ``0`` widths (the unit of a column's width), a little generous."""
    if character in _NARROW:
        return 0.5
    if character.islower():
        return 0.85
    if character.isdigit():
        return 1.0
    return 1.05  # capitals (set names are in capitals) and the rest


def _fit_row_heights(sheet: Worksheet, anchors: set[str]) -> None:
    """Each row with wrapped text as tall as its tallest cell's lines (a stored height, for LibreOffice)."""
    lines: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell, MergedCell) or not isinstance(cell.value, str) or cell.coordinate in anchors:
                continue
            if cell.alignment is None or not cell.alignment.wrap_text:
                continue
            dimension = sheet.column_dimensions[get_column_letter(cell.column)]
            width = dimension.width if dimension.customWidth else DEFAULT_WIDTH
            lines[cell.row] = max(lines.get(cell.row, 1), wrapped_lines(cell.value, width))
    for number, count in lines.items():
        if count > 1:
            sheet.row_dimensions[number].height = LINE_POINTS * count

"""The look every report sheet shares: header rows, bordered tables, bands, print setup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.evaluation import Evaluation
from shootplan.io.excel.printing import fit_for_print
from shootplan.io.template import put
from shootplan.model import Production
from shootplan.pages import format_pages
from shootplan.reports import day_times, format_date
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline

__all__ = [
    "BORDER",
    "CENTER",
    "DATE_FORMAT",
    "SECTION_FONT",
    "SheetContext",
    "band",
    "day_break",
    "ends_a_week",
    "finish_table",
    "header_row",
    "pages_text",
    "plain",
    "print_setup",
    "put",
    "schedule_line",
    "set_widths",
    "solid_fill",
    "start_table",
    "style_header",
    "table_row",
    "week_break",
    "week_number",
    "write_title",
]


@dataclass(frozen=True)
class SheetContext:
    """What a strip report sheet is written from: one workbook's production, plan, score and colors."""

    production: Production
    schedule: Schedule
    #: The schedule scored once for the whole workbook (each sheet reads its day page counts).
    evaluation: Evaluation
    #: The resolved palette (:func:`shootplan.palette.resolve_palette`): every key present.
    palette: Mapping[str, str]
    #: Each shoot day laid out once for the whole workbook (:func:`shootplan.timeline.lay_out_days`),
    #: so every sheet shows the same type, call, wrap and scene starts.
    timelines: Sequence[DayTimeline]

    def schedule_line(self) -> str:
        """The sheet's subtitle: :func:`schedule_line` of this schedule."""
        return schedule_line(self.production, self.schedule, self.evaluation)


# --------------------------------------------------------------------------- styles

_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", start_color="404040", end_color="404040")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_TITLE_FONT = Font(bold=True, size=14)
_SUBTITLE_FONT = Font(italic=True, color="595959")
SECTION_FONT = Font(bold=True, size=12)
CENTER = Alignment(horizontal="center", vertical="center")
DATE_FORMAT = "ddd mmm d, yyyy"
#: A strip report's header row: below the title, its description and a blank row.
_TABLE_HEADER_ROW = 4


def solid_fill(color: str) -> PatternFill:
    """A solid fill of one RRGGBB color."""
    return PatternFill("solid", start_color=color, end_color=color)


def header_row(sheet: Worksheet, row: int, headers: Sequence[str | None]) -> None:
    """A dark header row with white bold text."""
    for column, text in enumerate(headers, start=1):
        style_header(put(sheet, row, column, text), Alignment(vertical="center", wrap_text=True))


def style_header(cell: Cell | MergedCell, alignment: Alignment | None = None) -> None:
    """White bold text on dark grey, thin border: every header cell of the workbook looks alike."""
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.border = BORDER
    if alignment is not None:
        cell.alignment = alignment


def table_row(
    sheet: Worksheet, row: int, values: Iterable[Any], number_formats: Mapping[int, str] | None = None
) -> None:
    """One bordered row of a report table, from column A; ``number_formats`` by column number."""
    formats = number_formats or {}
    for column, value in enumerate(values, start=1):
        cell = put(sheet, row, column, value)
        cell.border = BORDER
        if column in formats:
            cell.number_format = formats[column]


def start_table(sheet: Worksheet, title: str, subtitle: str, headers: Sequence[str]) -> int:
    """A strip report's top (Stripboard, One-Liner): title, description, header; the first row below."""
    write_title(sheet, title, subtitle)
    header_row(sheet, _TABLE_HEADER_ROW, headers)
    return _TABLE_HEADER_ROW + 1


def finish_table(sheet: Worksheet, widths: Iterable[float]) -> None:
    """Column widths; the header stays in view on screen and prints on every page."""
    set_widths(sheet, widths)
    sheet.freeze_panes = f"A{_TABLE_HEADER_ROW + 1}"
    print_setup(sheet, header_rows=f"{_TABLE_HEADER_ROW}:{_TABLE_HEADER_ROW}")


def set_widths(sheet: Worksheet, widths: Iterable[float]) -> None:
    """Column widths in Excel's character units, from column A on."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def print_setup(sheet: Worksheet, *, header_rows: str, header_columns: str | None = None) -> None:
    """Landscape, fit to one page wide, header rows (and columns) repeated on every page, and
    every header, date and number shown whole (:func:`~shootplan.io.excel.printing.fit_for_print`):
    the last step of writing a sheet."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = header_rows
    if header_columns:
        sheet.print_title_cols = header_columns
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    fit_for_print(sheet)


def write_title(sheet: Worksheet, title: str, subtitle: str) -> None:
    """Row 1 the title, row 2 a one-line description; row 3 stays blank above the header."""
    put(sheet, 1, 1, title).font = _TITLE_FONT
    put(sheet, 2, 1, subtitle).font = _SUBTITLE_FONT


def band(
    sheet: Worksheet,
    row: int,
    width: int,
    text: str,
    fill: str,
    *,
    dark: bool,
    bold: bool = True,
) -> None:
    """A row across the whole board (a break, a banner): one merged cell, one fill color."""
    cell = put(sheet, row, 1, text)
    cell.font = Font(bold=bold, italic=not bold, color="FFFFFF" if dark else "000000")
    cell.alignment = Alignment(horizontal="left", vertical="center", indent=1)
    for column in range(1, width + 1):
        sheet.cell(row=row, column=column).fill = solid_fill(fill)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def pages_text(eighths: int) -> str:
    """``5 2/8 pages``, ``3/8 pages``, but ``1 page``."""
    return "1 page" if eighths == 8 else f"{format_pages(eighths)} pages"


def day_break(
    sheet: Worksheet, row: int, width: int, day: DayTimeline, eighths: int, palette: Mapping[str, str]
) -> None:
    """The black row closing a day, with its type and times when it has scenes:
    ``End of Day 3 -- Wed, Mar 3, 2027 -- Night shoot · Call 18:45 · Wrap 05:30 (+1) -- 5 pages``.

    The importer reads it back as a day break (the day number and date lead the text).
    """
    times = day_times(day)
    parts = [f"End of Day {day.day.number}", format_date(day.day.date), *([times] if times else [])]
    band(sheet, row, width, " -- ".join([*parts, pages_text(eighths)]), palette["DAY BREAK"], dark=True)


def week_break(
    sheet: Worksheet, row: int, width: int, week: int, days: int, eighths: int, palette: Mapping[str, str]
) -> None:
    """The orange row closing a calendar week: ``End of Week 2 -- 5 shoot days -- 24 6/8 pages``."""
    count = "1 shoot day" if days == 1 else f"{days} shoot days"
    text = f"End of Week {week} -- {count} -- {pages_text(eighths)}"
    band(sheet, row, width, text, palette["WEEK BREAK"], dark=False)


def week_number(schedule: Schedule, day: date) -> int:
    """1 for the calendar week of the first shoot day, 2 for the next week that shoots, ..."""
    weeks = list(dict.fromkeys(d.isocalendar()[:2] for d in schedule.dates()))
    return weeks.index(day.isocalendar()[:2]) + 1


def ends_a_week(schedule: Schedule, index: int) -> bool:
    """Whether the shoot day at ``index`` is its calendar week's last (the schedule's last day too)."""
    following = schedule.days[index + 1].date if index + 1 < len(schedule.days) else None
    return following is None or following.isocalendar()[:2] != schedule.days[index].date.isocalendar()[:2]


def schedule_line(production: Production, schedule: Schedule, evaluation: Evaluation) -> str:
    """``"Rev. WHITE": 25 shoot days, Mon, Mar 1, 2027 to Mon, Apr 5, 2027, 99 2/8 pages``."""
    name = f"{schedule.name!r}: " if schedule.name else ""
    if not schedule.days:
        return f"{name}no shoot days"
    span = f"{format_date(schedule.days[0].date)} to {format_date(schedule.days[-1].date)}"
    return f"{name}{schedule.num_days} shoot days, {span}, {pages_text(sum(evaluation.eighths_per_day))}"


def plain(value: Any) -> Any:
    """numpy scalars from a DataFrame as the Python numbers openpyxl writes."""
    return value.item() if hasattr(value, "item") else value

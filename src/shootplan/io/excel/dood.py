"""The Day Out of Days sheet: each cast member's code per date, totals at the right."""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.io.excel.style import (
    BORDER,
    CENTER,
    SheetContext,
    header_row,
    print_setup,
    put,
    solid_fill,
    style_header,
    write_title,
)
from shootplan.reports import DOOD_HOLIDAY, DOOD_OFF, DOOD_TOTALS, day_out_of_days

__all__ = ["write_dood"]


def write_dood(sheet: Worksheet, context: SheetContext) -> None:
    """Codes per cast member and date, totals at the right; off days grey, holidays red."""
    production, schedule, palette = context.production, context.schedule, context.palette
    dood = day_out_of_days(production, schedule)
    columns: list[object] = list(dood.columns)
    dates = [c for c in columns if isinstance(c, date)]
    day_numbers = {day.date: day.number for day in schedule.days}
    write_title(
        sheet,
        f"{production.name}: Day Out of Days",
        "SW start work, W work, WF work finish, SWF start-work-finish, H hold, D drop,"
        " PW pickup work (PWF: and finish); grey: day off, red: holiday",
    )
    # The date in two header rows, weekday over month/day: a single "Wed 3/10" needs a column
    # half again as wide, and LibreOffice prints "###" in any column too narrow for its date.
    top, dates_row, second = 3, 4, 5
    first_date_column = 3
    totals_column = first_date_column + len(dates)
    header_row(sheet, top, ["ID", "Cast"])
    header_row(sheet, dates_row, [None, "Date"])
    header_row(sheet, second, [None, "Shoot day"])
    column_fill: dict[int, PatternFill] = {}
    for offset, day in enumerate(dates):
        column = first_date_column + offset
        number = day_numbers.get(day)
        code: int | str = (
            number
            if number is not None
            else (DOOD_HOLIDAY if production.calendar.is_holiday(day) else DOOD_OFF)
        )
        if number is None:
            column_fill[column] = solid_fill(palette["HOLIDAY"] if code == DOOD_HOLIDAY else palette["OFF"])
        weekday, month_day = put(sheet, top, column, day), put(sheet, dates_row, column, day)
        weekday.number_format, month_day.number_format = "ddd", "m/d"
        foot = put(sheet, second, column, code)
        for cell in (weekday, month_day, foot):
            style_header(cell, CENTER)
        sheet.column_dimensions[get_column_letter(column)].width = 6.5
    total_titles = [name.title() for name in DOOD_TOTALS]
    for offset, text in enumerate(total_titles):
        column = totals_column + offset
        style_header(put(sheet, top, column, text), CENTER)
        sheet.merge_cells(start_row=top, start_column=column, end_row=second, end_column=column)
        is_date = DOOD_TOTALS[offset] in {"start", "finish"}
        sheet.column_dimensions[get_column_letter(column)].width = 11 if is_date else 8
    row = second + 1
    for cast_id, values in zip(dood.index, dood.itertuples(index=False), strict=True):
        member = production.cast_member(str(cast_id))
        put(sheet, row, 1, member.id).border = BORDER
        sheet.cell(row=row, column=1).number_format = "@"
        put(sheet, row, 2, member.character or member.name).border = BORDER
        cells = list(values)
        for offset, code in enumerate(cells[: len(dates)]):
            column = first_date_column + offset
            text = str(code)
            cell = put(sheet, row, column, None if text in {"", DOOD_OFF} else text)
            cell.alignment = CENTER
            cell.border = BORDER
            if column in column_fill:
                cell.fill = column_fill[column]
            elif text.endswith("W") or text.endswith("WF"):
                cell.font = Font(bold=True)
        for offset, value in enumerate(cells[len(dates) :]):
            cell = put(sheet, row, totals_column + offset, value)
            cell.alignment = CENTER
            cell.border = BORDER
            if isinstance(value, date):
                cell.number_format = "mmm d"
        row += 1
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 26
    sheet.freeze_panes = sheet.cell(row=second + 1, column=first_date_column).coordinate
    print_setup(sheet, header_rows=f"{top}:{second}", header_columns="A:B")

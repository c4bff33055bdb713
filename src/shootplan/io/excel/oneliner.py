"""The One-Liner sheet: each day's strips, one line each, a day break after each day and a week
break after each calendar week (an orange ``End of Week 2 -- 5 shoot days -- 24 6/8 pages`` row,
as on the Stripboard, and a page break: each shooting week prints on pages of its own, the way an
AD hands out the one-liner week by week)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.io.excel.style import (
    SheetContext,
    day_break,
    ends_a_week,
    finish_table,
    plain,
    start_table,
    table_row,
    week_break,
    week_number,
)
from shootplan.reports import clock, one_liner

__all__ = ["write_one_liner"]


def write_one_liner(sheet: Worksheet, context: SheetContext) -> None:
    """Each day's strips, one line each, and a day break with the day's pages after each day.

    A scene shot over several days is on each of its days, with its share of the pages
    (``70 (2 of 3)``). The scene column is headed "Scene (Part)", a name the importer does not
    take for a Scene column: the one-liner is a report, and read back it would be a second copy
    of the Stripboard's board (and a multi-day scene a duplicate strip).

    Each strip's "Start" is its planned start (``18:45``, ``01:30 (+1)`` past midnight) and each day
    break says the day's type, call and wrap, all from the workbook's one layout of the days.
    """
    production, schedule = context.production, context.schedule
    lines = one_liner(production, schedule, timelines=context.timelines)
    headers = [
        "Day",
        "Date",
        "Start",
        "Scene (Part)",
        "I/E",
        "Set",
        "D/N",
        "Pages",
        "Est. Min",
        "Cast",
        "Location",
        "Script Day",
        "Synopsis",
    ]
    row = start_table(sheet, f"{production.name}: One-Liner", context.schedule_line(), headers)
    by_day: dict[int, list[dict[Hashable, Any]]] = {}
    for record in lines.to_dict("records"):
        by_day.setdefault(int(record["day"]), []).append(record)
    week_days = week_eighths = 0
    for index, day in enumerate(schedule.days):
        timeline = context.timelines[index]
        for strip in by_day.get(day.number, []):
            part = f" ({strip['part']})" if strip["part"] else ""
            values: list[Any] = [
                day.number,
                day.date,
                clock(strip["start"], timeline),
                f"{strip['scene']}{part}",
                strip["int_ext"],
                strip["set"],
                strip["day_night"],
                strip["pages"],
                plain(strip["minutes"]),
                strip["cast"] or None,
                strip["location"],
                strip["script_day"] or None,
                strip["synopsis"] or None,
            ]
            table_row(sheet, row, values, {2: "ddd mmm d"})
            row += 1
        eighths = context.evaluation.eighths_per_day[index]
        day_break(sheet, row, len(headers), timeline, eighths, context.palette)
        row += 1
        week_days, week_eighths = week_days + 1, week_eighths + eighths
        if ends_a_week(schedule, index):
            week = week_number(schedule, day.date)
            week_break(sheet, row, len(headers), week, week_days, week_eighths, context.palette)
            if index + 1 < len(schedule.days):
                sheet.row_breaks.append(Break(id=row))  # the next week starts a new page
            row += 1
            week_days = week_eighths = 0
    finish_table(sheet, [6, 12, 10, 12, 8, 34, 8, 8, 9, 16, 24, 9, 60])

"""The Stripboard sheet: the strips in shooting order, as a board an AD prints and the importer reads."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.errors import ShootplanError
from shootplan.io.excel.style import (
    BORDER,
    SheetContext,
    band,
    day_break,
    ends_a_week,
    finish_table,
    pages_text,
    put,
    solid_fill,
    start_table,
    week_break,
    week_number,
)
from shootplan.io.stripboard.syntax import cast_cell
from shootplan.model import WEEKDAY_NAMES, Production, Scene, ShootCalendar
from shootplan.palette import strip_color
from shootplan.reports import clock, format_date

__all__ = ["STRIPBOARD_HEADERS", "write_stripboard"]

#: The Stripboard's column headers, as the importer's column aliases know them ("Start", each
#: strip's planned start, is a column the importer passes over: times are the plan's, not the board's).
STRIPBOARD_HEADERS = (
    "Scene",
    "Start",
    "Int/Ext",
    "Set",
    "Day/Night",
    "Pages",
    "Cast",
    "Location",
    "Script Day",
    "Est. Minutes",
    "Synopsis",
)


def write_stripboard(sheet: Worksheet, context: SheetContext) -> None:
    """Strips colored by type, day and week breaks, holidays and days off, then the boneyard.

    Each scene is one strip, listed once, as on any board the importer reads (it rejects a scene
    number repeated on one sheet): a scene shot over several days sits on its first day with its
    full page count, and a continuation banner (``Scene 7 continued -- day 2 of 3 -- ...``) on
    each later day, which the importer reads as the scene's strip on that day.

    Each strip shows its planned start, each continuation banner the time the scene resumes, and
    each day break the day's type, call and wrap (the workbook's one layout of the days).
    """
    production, schedule, palette = context.production, context.schedule, context.palette
    headers = list(STRIPBOARD_HEADERS)
    width = len(headers)
    row = start_table(sheet, production.name, context.schedule_line(), headers)
    spans = schedule.scene_days()
    week_eighths = week_days = 0
    for index, day in enumerate(schedule.days):
        timeline = context.timelines[index]
        starts = {number: clock(start, timeline) for number, (start, _) in timeline.scene_times().items()}
        for number in day.scenes:
            scene = _known_scene(production, number, day.number)
            span = spans[number]
            color = strip_color(scene, palette)
            if span[0] != index:
                part = f"day {span.index(index) + 1} of {len(span)} -- from {starts[number]}"
                text = f"Scene {scene.number} continued -- {part} -- {scene.slugline}"
                band(sheet, row, width, text, color, dark=False, bold=False)
            else:
                _strip_row(sheet, row, _strip_values(scene, starts[number]), color)
            row += 1
        eighths = context.evaluation.eighths_per_day[index]
        day_break(sheet, row, width, timeline, eighths, palette)
        row += 1
        week_eighths += eighths
        week_days += 1
        following = schedule.days[index + 1].date if index + 1 < len(schedule.days) else None
        week_of = day.date.isocalendar()[:2]
        gaps = _days_not_shot(production.calendar, day.date, following)
        row = _gap_bands(sheet, row, width, [g for g in gaps if g[0].isocalendar()[:2] == week_of], palette)
        if ends_a_week(schedule, index):
            week_break(sheet, row, width, week_number(schedule, day.date), week_days, week_eighths, palette)
            row += 1
            week_eighths = week_days = 0
        row = _gap_bands(sheet, row, width, [g for g in gaps if g[0].isocalendar()[:2] != week_of], palette)
    unscheduled = [scene for scene in production.scenes if scene.number not in spans]
    if unscheduled:
        # Strips after the last day break are the boneyard, to the importer as to an AD.
        pages = pages_text(sum(scene.eighths for scene in unscheduled))
        count = "1 strip" if len(unscheduled) == 1 else f"{len(unscheduled)} strips"
        text = f"Boneyard -- {count} not scheduled -- {pages}"
        band(sheet, row, width, text, palette["BONEYARD"], dark=True)
        row += 1
        for scene in unscheduled:
            _strip_row(sheet, row, _strip_values(scene, None), strip_color(scene, palette))
            row += 1
    finish_table(sheet, [8, 10, 8, 34, 10, 8, 16, 24, 9, 9, 60])


def _days_not_shot(calendar: ShootCalendar, day: date, following: date | None) -> list[tuple[date, str]]:
    """Dates between two shoot days the unit does not shoot: holidays, and shooting weekdays off.

    Weekends (the calendar's non-shooting weekdays) are left to the week breaks. Each date comes
    with its palette key: ``"HOLIDAY"`` (red) or ``"OFF"`` (grey), as on the Day Out of Days.
    """
    gaps: list[tuple[date, str]] = []
    current = day + timedelta(days=1)
    while following is not None and current < following:
        if calendar.is_holiday(current):
            gaps.append((current, "HOLIDAY"))
        elif WEEKDAY_NAMES[current.weekday()] in calendar.weekdays:
            gaps.append((current, "OFF"))
        current += timedelta(days=1)
    return gaps


def _gap_bands(
    sheet: Worksheet, row: int, width: int, gaps: Sequence[tuple[date, str]], palette: Mapping[str, str]
) -> int:
    """One band per run of holidays or days off (``Holiday -- Wed, Mar 10, 2027``); the next row.

    The importer skips these rows as banners: they carry no scene number and no strip data.
    """
    for kind, run in itertools.groupby(gaps, key=lambda gap: gap[1]):
        dates = [gap[0] for gap in run]
        name = "Holiday" if kind == "HOLIDAY" else "Day off"
        if len(dates) == 1:
            text = f"{name} -- {format_date(dates[0])}"
        else:
            plural = "Holidays" if kind == "HOLIDAY" else "Days off"
            span = f"{format_date(dates[0])} to {format_date(dates[-1])}"
            text = f"{plural} -- {span} ({len(dates)} days)"
        band(sheet, row, width, text, palette[kind], dark=False)
        row += 1
    return row


def _known_scene(production: Production, number: str, day: int) -> Scene:
    """The scene a schedule names; the one-liner raises the same error for an unknown one."""
    if not production.has_scene(number):
        raise ShootplanError(
            f"day {day} lists scene {number!r}, which is not in production {production.name!r}"
        )
    return production.scene(number)


def _strip_values(scene: Scene, start: str | None) -> list[Any]:
    """A strip's cells under :data:`STRIPBOARD_HEADERS`, as the Scenes sheet has them.

    ``start`` is its planned start as text (``18:45``); None for a strip in the boneyard.
    """
    return [
        scene.number,
        start,
        scene.int_ext.value,
        scene.set,
        scene.time_of_day,
        scene.pages,
        cast_cell(scene.cast) or None,
        scene.location,
        scene.script_day or None,
        # Only the scene's own estimate: one derived from its pages would come back from the
        # importer as an estimate the production never had.
        scene.minutes,
        scene.synopsis or None,
    ]


def _strip_row(sheet: Worksheet, row: int, values: Sequence[Any], color: str) -> None:
    """One strip: text stays text (scene numbers, pages, cast), filled with the strip color."""
    strip_fill = solid_fill(color)
    for column, value in enumerate(values, start=1):
        cell = put(sheet, row, column, value)
        cell.fill = strip_fill
        cell.border = BORDER
        cell.alignment = Alignment(vertical="center")

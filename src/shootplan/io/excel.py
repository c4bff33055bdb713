"""Write a schedule as the Excel workbook an AD expects: a colored stripboard and its reports.

:func:`write_excel` writes one workbook with these sheets, in this order:

- **Stripboard** (the first tab, and the sheet the workbook opens on): the strips in shooting
  order, filled by INT/EXT x DAY/NIGHT (white, yellow, blue, green by default), a black day-break
  row closing each day (``End of Day 3 -- Wed, Mar 3, 2027 -- 5 2/8 pages``), an orange
  week-break row closing each calendar week, a red row for each holiday and a grey one for each
  weekday off between shoot days (``Holiday -- Wed, Mar 10, 2027``), and the boneyard
  (unscheduled strips) below the last day. A scene shot over several days is one strip on its
  first day, with its whole page count, and a banner in its strip color on each later day
  (``Scene 7 continued -- day 2 of 3 -- EXT. FARM - FIELD - DAY``); the day breaks count each
  day's share of its pages. It is a board in the form :func:`shootplan.io.read_production`
  reads: a header row (Scene, Int/Ext, Set, Day/Night, Pages, Cast, Location...), cast as IDs
  (``1, 2, 5``), pages as ``2 3/8``, continuation banners.
- **One-Liner**: :func:`shootplan.reports.one_liner` with a day-break row after each day.
- **Day Out of Days**: :func:`shootplan.reports.day_out_of_days`, off days grey, holidays red.
- **Summary**: the metrics of :func:`shootplan.evaluate`, the solver's status and gap when a
  result is given, costs per cast member and per day, and every rule violation.
- **Cast**, **Locations**, **Scenes**, **Settings** and, when the production has boards of its
  own, **Boards**: the production in the workbook template's form, written by
  :func:`shootplan.io.write_workbook` (the template's one writer).

Read back with :func:`shootplan.io.read_production`, the file gives the same production, with the
Stripboard's day breaks (and continuation banners) as ``production.boards["Stripboard"]``: the
same day assignment. The importer takes each scene's data from the Scenes sheet wherever its tab
is, so the Stripboard can come first while the Scenes sheet keeps what a board does not show
(shoot days, date limits, weather cover, elements) and the production's own scene order.

Every sheet has a frozen header, set column widths and a print setup (landscape, fit to width,
header rows repeated on each page). The write is atomic: the workbook is built in memory, saved to
a temporary file beside the target, then renamed over it, so an existing file is either replaced
whole or left untouched.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import secrets
import tempfile
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import UTC, date, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.errors import ShootplanError
from shootplan.evaluation import Evaluation, evaluate
from shootplan.io.workbook import write_workbook
from shootplan.model import WEEKDAY_NAMES, Production, Scene, ShootCalendar
from shootplan.pages import format_pages
from shootplan.palette import resolve_palette, strip_color, strip_colors
from shootplan.reports import (
    DOOD_HOLIDAY,
    DOOD_OFF,
    DOOD_TOTALS,
    cost_summary,
    day_out_of_days,
    format_date,
    one_liner,
)
from shootplan.schedule import Schedule, ShootDay

__all__ = ["SHEET_NAMES", "STRIPBOARD_BOARD", "SolverResult", "build_workbook", "write_excel"]

#: The sheets :func:`write_excel` writes, in order (plus "Boards" when the production has boards).
SHEET_NAMES = (
    "Stripboard",
    "One-Liner",
    "Day Out of Days",
    "Summary",
    "Cast",
    "Locations",
    "Scenes",
    "Settings",
)

#: The Stripboard's column headers, as the importer's column aliases know them.
STRIPBOARD_HEADERS = (
    "Scene",
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


class SolverResult(Protocol):
    """What the Summary sheet shows of a solver run; any object with these attributes will do.

    A ``bound_reasons`` attribute (sentences saying what the bound rests on) is shown too when the
    object has one; it is optional, so results from other tools need not carry it.
    """

    @property
    def status(self) -> object:
        """The solver's status (an enum or text: OPTIMAL, FEASIBLE...)."""

    @property
    def objective(self) -> float | None:
        """The cost of the schedule found."""

    @property
    def bound(self) -> float | None:
        """The best proven lower bound on the cost."""

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound (0.0 is proven optimal)."""

    @property
    def runtime(self) -> float | None:
        """Wall-clock seconds the solver ran."""


# --------------------------------------------------------------------------- styles

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", start_color="404040", end_color="404040")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_TITLE_FONT = Font(bold=True, size=14)
_SUBTITLE_FONT = Font(italic=True, color="595959")
_SECTION_FONT = Font(bold=True, size=12)
_CENTER = Alignment(horizontal="center", vertical="center")
_DATE_FORMAT = "ddd mmm d, yyyy"
#: A strip report's header row: below the title, its description and a blank row.
_TABLE_HEADER_ROW = 4


def _fill(color: str) -> PatternFill:
    """A solid fill of one RRGGBB color."""
    return PatternFill("solid", start_color=color, end_color=color)


def _header(sheet: Worksheet, row: int, headers: Sequence[str | None]) -> None:
    """A dark header row with white bold text."""
    for column, text in enumerate(headers, start=1):
        _style_header(_put(sheet, row, column, text), Alignment(vertical="center", wrap_text=True))


def _style_header(cell: Cell | MergedCell, alignment: Alignment | None = None) -> None:
    """White bold text on dark grey, thin border: every header cell of the workbook looks alike."""
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.border = _BORDER
    if alignment is not None:
        cell.alignment = alignment


def _table_row(
    sheet: Worksheet, row: int, values: Iterable[Any], number_formats: Mapping[int, str] | None = None
) -> None:
    """One bordered row of a report table, from column A; ``number_formats`` by column number."""
    formats = number_formats or {}
    for column, value in enumerate(values, start=1):
        cell = _put(sheet, row, column, value)
        cell.border = _BORDER
        if column in formats:
            cell.number_format = formats[column]


def _start_table(sheet: Worksheet, title: str, subtitle: str, headers: Sequence[str]) -> int:
    """A strip report's top (Stripboard, One-Liner): title, description, header; the first row below."""
    _title(sheet, title, subtitle)
    _header(sheet, _TABLE_HEADER_ROW, headers)
    return _TABLE_HEADER_ROW + 1


def _finish_table(sheet: Worksheet, widths: Iterable[float]) -> None:
    """Column widths; the header stays in view on screen and prints on every page."""
    _widths(sheet, widths)
    sheet.freeze_panes = f"A{_TABLE_HEADER_ROW + 1}"
    _print_setup(sheet, header_rows=f"{_TABLE_HEADER_ROW}:{_TABLE_HEADER_ROW}")


def _widths(sheet: Worksheet, widths: Iterable[float]) -> None:
    """Column widths in Excel's character units, from column A on."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _print_setup(sheet: Worksheet, *, header_rows: str, header_columns: str | None = None) -> None:
    """Landscape, fit to one page wide, header rows (and columns) repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = header_rows
    if header_columns:
        sheet.print_title_cols = header_columns
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Write a cell; text stays text (a synopsis starting with "=" is no formula, "12" no number).

    Characters XML forbids (control codes pasted from elsewhere) are dropped, or the file would
    not open.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _title(sheet: Worksheet, title: str, subtitle: str) -> None:
    """Row 1 the title, row 2 a one-line description; row 3 stays blank above the header."""
    _put(sheet, 1, 1, title).font = _TITLE_FONT
    _put(sheet, 2, 1, subtitle).font = _SUBTITLE_FONT


def _band(
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
    cell = _put(sheet, row, 1, text)
    cell.font = Font(bold=bold, italic=not bold, color="FFFFFF" if dark else "000000")
    cell.alignment = Alignment(horizontal="left", vertical="center", indent=1)
    for column in range(1, width + 1):
        sheet.cell(row=row, column=column).fill = _fill(fill)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _pages_text(eighths: int) -> str:
    """``5 2/8 pages``, ``3/8 pages``, but ``1 page``."""
    return "1 page" if eighths == 8 else f"{format_pages(eighths)} pages"


def _day_break(
    sheet: Worksheet, row: int, width: int, day: ShootDay, eighths: int, palette: Mapping[str, str]
) -> None:
    """The black row closing a day: ``End of Day 3 -- Wed, Mar 3, 2027 -- 5 2/8 pages``."""
    text = f"End of Day {day.number} -- {format_date(day.date)} -- {_pages_text(eighths)}"
    _band(sheet, row, width, text, palette["DAY BREAK"], dark=True)


def _schedule_line(production: Production, schedule: Schedule, evaluation: Evaluation) -> str:
    """``"Rev. WHITE": 25 shoot days, Mon, Mar 1, 2027 to Mon, Apr 5, 2027, 99 2/8 pages``."""
    name = f"{schedule.name!r}: " if schedule.name else ""
    if not schedule.days:
        return f"{name}no shoot days"
    span = f"{format_date(schedule.days[0].date)} to {format_date(schedule.days[-1].date)}"
    return f"{name}{schedule.num_days} shoot days, {span}, {_pages_text(sum(evaluation.eighths_per_day))}"


# --------------------------------------------------------------------------- Stripboard


def _write_stripboard(
    sheet: Worksheet,
    production: Production,
    schedule: Schedule,
    evaluation: Evaluation,
    palette: dict[str, str],
) -> None:
    """Strips colored by type, day and week breaks, holidays and days off, then the boneyard.

    Each scene is one strip, listed once, as on any board the importer reads (it rejects a scene
    number repeated on one sheet): a scene shot over several days sits on its first day with its
    full page count, and a continuation banner (``Scene 7 continued -- day 2 of 3 -- ...``) on
    each later day, which the importer reads as the scene's strip on that day.
    """
    headers = list(STRIPBOARD_HEADERS)
    width = len(headers)
    row = _start_table(sheet, production.name, _schedule_line(production, schedule, evaluation), headers)
    spans = schedule.scene_days()
    week_eighths = week_days = 0
    for index, day in enumerate(schedule.days):
        for number in day.scenes:
            scene = _known_scene(production, number, day.number)
            span = spans[number]
            color = strip_color(scene, palette)
            if span[0] != index:
                part = f"{span.index(index) + 1} of {len(span)}"
                text = f"Scene {scene.number} continued -- day {part} -- {scene.slugline}"
                _band(sheet, row, width, text, color, dark=False, bold=False)
            else:
                _strip_row(sheet, row, _strip_values(scene), color)
            row += 1
        eighths = evaluation.eighths_per_day[index]
        _day_break(sheet, row, width, day, eighths, palette)
        row += 1
        week_eighths += eighths
        week_days += 1
        following = schedule.days[index + 1].date if index + 1 < len(schedule.days) else None
        week_of = day.date.isocalendar()[:2]
        gaps = _days_not_shot(production.calendar, day.date, following)
        row = _gap_bands(sheet, row, width, [g for g in gaps if g[0].isocalendar()[:2] == week_of], palette)
        if following is None or following.isocalendar()[:2] != week_of:
            week = _week_number(schedule, day.date)
            days = "1 shoot day" if week_days == 1 else f"{week_days} shoot days"
            text = f"End of Week {week} -- {days} -- {_pages_text(week_eighths)}"
            _band(sheet, row, width, text, palette["WEEK BREAK"], dark=False)
            row += 1
            week_eighths = week_days = 0
        row = _gap_bands(sheet, row, width, [g for g in gaps if g[0].isocalendar()[:2] != week_of], palette)
    unscheduled = [scene for scene in production.scenes if scene.number not in spans]
    if unscheduled:
        # Strips after the last day break are the boneyard, to the importer as to an AD.
        pages = _pages_text(sum(scene.eighths for scene in unscheduled))
        count = "1 strip" if len(unscheduled) == 1 else f"{len(unscheduled)} strips"
        text = f"Boneyard -- {count} not scheduled -- {pages}"
        _band(sheet, row, width, text, palette["BONEYARD"], dark=True)
        row += 1
        for scene in unscheduled:
            _strip_row(sheet, row, _strip_values(scene), strip_color(scene, palette))
            row += 1
    _finish_table(sheet, [8, 8, 34, 10, 8, 16, 24, 9, 9, 60])


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
        _band(sheet, row, width, text, palette[kind], dark=False)
        row += 1
    return row


def _known_scene(production: Production, number: str, day: int) -> Scene:
    """The scene a schedule names; the one-liner raises the same error for an unknown one."""
    if not production.has_scene(number):
        raise ShootplanError(
            f"day {day} lists scene {number!r}, which is not in production {production.name!r}"
        )
    return production.scene(number)


def _strip_values(scene: Scene) -> list[Any]:
    """A strip's cells under :data:`STRIPBOARD_HEADERS`, as the Scenes sheet has them."""
    return [
        scene.number,
        scene.int_ext.value,
        scene.set,
        scene.time_of_day,
        scene.pages,
        ", ".join(scene.cast) or None,
        scene.location,
        scene.script_day or None,
        # Only the scene's own estimate: one derived from its pages would come back from the
        # importer as an estimate the production never had.
        scene.minutes,
        scene.synopsis or None,
    ]


def _strip_row(sheet: Worksheet, row: int, values: Sequence[Any], color: str) -> None:
    """One strip: text stays text (scene numbers, pages, cast), filled with the strip color."""
    fill = _fill(color)
    for column, value in enumerate(values, start=1):
        cell = _put(sheet, row, column, value)
        cell.fill = fill
        cell.border = _BORDER
        cell.alignment = Alignment(vertical="center")


def _week_number(schedule: Schedule, day: date) -> int:
    """1 for the calendar week of the first shoot day, 2 for the next week that shoots, ..."""
    weeks = list(dict.fromkeys(d.isocalendar()[:2] for d in schedule.dates()))
    return weeks.index(day.isocalendar()[:2]) + 1


# --------------------------------------------------------------------------- One-Liner


def _write_one_liner(
    sheet: Worksheet,
    production: Production,
    schedule: Schedule,
    evaluation: Evaluation,
    palette: dict[str, str],
) -> None:
    """Each day's strips, one line each, and a day break with the day's pages after each day.

    A scene shot over several days is on each of its days, with its share of the pages
    (``70 (2 of 3)``). The scene column is headed "Scene (Part)", a name the importer does not
    take for a Scene column: the one-liner is a report, and read back it would be a second copy
    of the Stripboard's board (and a multi-day scene a duplicate strip).
    """
    lines = one_liner(production, schedule)
    headers = [
        "Day",
        "Date",
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
    subtitle = _schedule_line(production, schedule, evaluation)
    row = _start_table(sheet, f"{production.name}: One-Liner", subtitle, headers)
    by_day: dict[int, list[dict[Hashable, Any]]] = {}
    for record in lines.to_dict("records"):
        by_day.setdefault(int(record["day"]), []).append(record)
    for index, day in enumerate(schedule.days):
        for strip in by_day.get(day.number, []):
            part = f" ({strip['part']})" if strip["part"] else ""
            values: list[Any] = [
                day.number,
                day.date,
                f"{strip['scene']}{part}",
                strip["int_ext"],
                strip["set"],
                strip["day_night"],
                strip["pages"],
                _plain(strip["minutes"]),
                strip["cast"] or None,
                strip["location"],
                strip["script_day"] or None,
                strip["synopsis"] or None,
            ]
            _table_row(sheet, row, values, {2: "ddd mmm d"})
            row += 1
        _day_break(sheet, row, len(headers), day, evaluation.eighths_per_day[index], palette)
        row += 1
    _finish_table(sheet, [6, 12, 12, 8, 34, 8, 8, 9, 16, 24, 9, 60])


# --------------------------------------------------------------------------- Day Out of Days


def _write_dood(
    sheet: Worksheet,
    production: Production,
    schedule: Schedule,
    evaluation: Evaluation,
    palette: dict[str, str],
) -> None:
    """Codes per cast member and date, totals at the right; off days grey, holidays red."""
    dood = day_out_of_days(production, schedule)
    columns: list[object] = list(dood.columns)
    dates = [c for c in columns if isinstance(c, date)]
    day_numbers = {day.date: day.number for day in schedule.days}
    _title(
        sheet,
        f"{production.name}: Day Out of Days",
        "SW start work, W work, WF work finish, SWF start-work-finish, H hold, D drop,"
        " PW pickup work (PWF: and finish); grey: day off, red: holiday",
    )
    top, second = 3, 4
    first_date_column = 3
    totals_column = first_date_column + len(dates)
    _header(sheet, top, ["ID", "Cast"])
    _header(sheet, second, [None, "Shoot day"])
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
            column_fill[column] = _fill(palette["HOLIDAY"] if code == DOOD_HOLIDAY else palette["OFF"])
        head = _put(sheet, top, column, day)
        head.number_format = "ddd m/d"
        foot = _put(sheet, second, column, code)
        for cell in (head, foot):
            _style_header(cell, Alignment(horizontal="center", vertical="center", wrap_text=True))
        sheet.column_dimensions[get_column_letter(column)].width = 6.5
    total_titles = [name.title() for name in DOOD_TOTALS]
    for offset, text in enumerate(total_titles):
        column = totals_column + offset
        _style_header(_put(sheet, top, column, text), _CENTER)
        sheet.merge_cells(start_row=top, start_column=column, end_row=second, end_column=column)
        is_date = DOOD_TOTALS[offset] in {"start", "finish"}
        sheet.column_dimensions[get_column_letter(column)].width = 11 if is_date else 8
    sheet.row_dimensions[top].height = 30
    row = second + 1
    for cast_id, values in zip(dood.index, dood.itertuples(index=False), strict=True):
        member = production.cast_member(str(cast_id))
        _put(sheet, row, 1, member.id).border = _BORDER
        sheet.cell(row=row, column=1).number_format = "@"
        _put(sheet, row, 2, member.character or member.name).border = _BORDER
        cells = list(values)
        for offset, code in enumerate(cells[: len(dates)]):
            column = first_date_column + offset
            text = str(code)
            cell = _put(sheet, row, column, None if text in {"", DOOD_OFF} else text)
            cell.alignment = _CENTER
            cell.border = _BORDER
            if column in column_fill:
                cell.fill = column_fill[column]
            elif text.endswith("W") or text.endswith("WF"):
                cell.font = Font(bold=True)
        for offset, value in enumerate(cells[len(dates) :]):
            cell = _put(sheet, row, totals_column + offset, value)
            cell.alignment = _CENTER
            cell.border = _BORDER
            if isinstance(value, date):
                cell.number_format = "mmm d"
        row += 1
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 26
    sheet.freeze_panes = sheet.cell(row=second + 1, column=first_date_column).coordinate
    _print_setup(sheet, header_rows=f"{top}:{second}", header_columns="A:B")


# --------------------------------------------------------------------------- Summary


def _status_text(status: object) -> str:
    """An enum's name (``OPTIMAL``), else the value as text."""
    return status.name if isinstance(status, Enum) else str(status)


def _write_summary(
    sheet: Worksheet,
    production: Production,
    schedule: Schedule,
    evaluation: Evaluation,
    result: SolverResult | None,
) -> None:
    """Headline metrics, the solver's status and gap, costs per cast member and per day."""
    costs = cost_summary(production, schedule)
    _title(sheet, f"{production.name}: Summary", _schedule_line(production, schedule, evaluation))
    row = 4

    def section(title: str) -> None:
        nonlocal row
        _put(sheet, row, 1, title).font = _SECTION_FONT
        row += 1

    def pair(label: str, value: Any, number_format: str | None = None) -> None:
        nonlocal row
        _put(sheet, row, 1, label).font = Font(bold=True)
        cell = _put(sheet, row, 2, value)
        cell.alignment = Alignment(horizontal="left")
        if number_format:
            cell.number_format = number_format
        row += 1

    def table(
        title: str, headers: Sequence[str], lines: Iterable[Sequence[Any]], number_formats: Mapping[int, str]
    ) -> None:
        nonlocal row
        section(title)
        _header(sheet, row, headers)
        row += 1
        for values in lines:
            # DataFrame cells are numpy scalars; openpyxl is given plain Python numbers.
            _table_row(sheet, row, map(_plain, values), number_formats)
            row += 1
        row += 1

    money = "#,##0.00"
    section("Schedule")
    pair("Production", production.name)
    pair("Schedule", schedule.name or None)
    if schedule.created is not None:
        pair("Created", schedule.created.isoformat(timespec="seconds"))
    pair("First shoot day", schedule.days[0].date if schedule.days else None, _DATE_FORMAT)
    pair("Last shoot day", schedule.days[-1].date if schedule.days else None, _DATE_FORMAT)
    pair("Shoot days", evaluation.num_shoot_days)
    # Not "Scenes": the importer would take a cell of that name for a stripboard header.
    pair("Scene count", len(production.scenes))
    pair("Pages", format_pages(sum(evaluation.eighths_per_day)))
    pair("Feasible", "yes" if evaluation.is_feasible else "no")
    pair("Rule violations", len(evaluation.violations))
    row += 1
    section("Costs")
    pair("Company moves", evaluation.company_moves)
    pair("Company move cost", evaluation.company_move_cost, money)
    pair("Hold days", evaluation.total_hold_days)
    pair("Hold cost", evaluation.hold_cost, money)
    pair("Shoot day cost", evaluation.shoot_day_cost, money)
    pair("Total cost", evaluation.cost, money)
    row += 1
    section("Solver")
    if result is None:
        pair("Status", "no solver result (schedule scored as given)")
    else:
        pair("Status", _status_text(result.status))
        pair("Objective", result.objective, money)
        pair("Lower bound", result.bound, money)
        for number, reason in enumerate(getattr(result, "bound_reasons", ())):
            pair("Bound rests on" if number == 0 else "", reason)
        pair("Gap", result.gap, "0.00%")
        pair("Runtime (s)", result.runtime, "0.0")
    row += 1

    cast_lines: list[list[Any]] = []
    for cast_id, line in costs.cast.iterrows():
        member = production.cast_member(str(cast_id))
        cast_lines.append(
            [
                member.id,
                member.character or member.name,
                line["daily_rate"],
                line["work_days"],
                line["hold_days"],
                line["drop_days"],
                line["hold_cost"],
            ]
        )
    table(
        "Cast",
        ["ID", "Cast", "Daily Rate", "Work", "Hold", "Drop", "Hold Cost"],
        cast_lines,
        {3: money, 7: money},
    )
    day_lines = [
        [
            number,
            line["date"],
            line["locations"],
            line["company_moves"],
            line["company_move_cost"],
            line["pages"],
            line["minutes"],
        ]
        for number, line in costs.days.iterrows()
    ]
    table(
        "Days",
        ["Day", "Date", "Locations", "Moves", "Move Cost", "Pages", "Minutes"],
        day_lines,
        {2: "ddd mmm d", 5: money},
    )

    section("Rule violations")
    if not evaluation.violations:
        _put(sheet, row, 1, "none")
    for violation in evaluation.violations:
        _put(sheet, row, 1, violation.rule).font = Font(bold=True)
        _put(sheet, row, 2, violation.message)
        row += 1
    _widths(sheet, [22, 40, 14, 8, 12, 8, 12])
    sheet.freeze_panes = "A4"
    _print_setup(sheet, header_rows="1:2")


def _plain(value: Any) -> Any:
    """numpy scalars from a DataFrame as the Python numbers openpyxl writes."""
    return value.item() if hasattr(value, "item") else value


# --------------------------------------------------------------------------- workbook

#: The board name the Stripboard sheet gives when the workbook is read back (the sheet's title).
STRIPBOARD_BOARD = "Stripboard"


def _template_workbook(production: Production, palette: Mapping[str, str]) -> Workbook:
    """The production as the workbook template (Scenes, Cast, Locations, Settings, Boards).

    :func:`shootplan.io.workbook.write_workbook` is the one writer of the template, so it writes
    these sheets (to a scratch file) and this module adds its reports around them. A board named
    like the Stripboard sheet is left out: the Stripboard's own day breaks are that board now, and
    a stale copy in the Boards sheet would override them when the file is read back.
    """
    boards = {name: days for name, days in production.boards.items() if name != STRIPBOARD_BOARD}
    if boards != production.boards:
        production = production.replace(boards=boards)
    with tempfile.TemporaryDirectory(prefix="shootplan-") as scratch:
        path = write_workbook(production, Path(scratch) / "template.xlsx", colors=strip_colors(palette))
        return load_workbook(path)


def _dress_template_sheet(sheet: Worksheet) -> None:
    """The template sheets get the reports' header style and print setup (values untouched)."""
    for cell in sheet[1]:
        if cell.value is not None:
            _style_header(cell)
    _print_setup(sheet, header_rows="1:1")


def build_workbook(
    production: Production,
    schedule: Schedule,
    *,
    result: SolverResult | None = None,
    palette: Mapping[str, str] | None = None,
) -> Workbook:
    """The whole workbook in memory (see the module docstring for its sheets); nothing is written.

    ``palette`` overrides strip and break colors (:data:`shootplan.palette.DEFAULT_PALETTE`).
    """
    colors = resolve_palette(palette)
    evaluation = evaluate(production, schedule)
    workbook = _template_workbook(production, colors)
    template = list(workbook.sheetnames)
    reports: dict[str, Callable[[Worksheet], None]] = {
        "Stripboard": lambda sheet: _write_stripboard(sheet, production, schedule, evaluation, colors),
        "One-Liner": lambda sheet: _write_one_liner(sheet, production, schedule, evaluation, colors),
        "Day Out of Days": lambda sheet: _write_dood(sheet, production, schedule, evaluation, colors),
        "Summary": lambda sheet: _write_summary(sheet, production, schedule, evaluation, result),
    }
    for name, write in reports.items():
        write(workbook.create_sheet(name))
    for name in template:
        _dress_template_sheet(workbook[name])
    # The board is the first tab, the one an AD reads and prints first. The importer still takes
    # every scene from the Scenes sheet, wherever its tab is, so nothing the Stripboard does not
    # show is lost and the scenes keep the production's order.
    order = [name for name in (*SHEET_NAMES, "Boards") if name in workbook.sheetnames]
    for position, name in enumerate(order):
        workbook.move_sheet(name, offset=position - workbook.sheetnames.index(name))
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = False
    stripboard = workbook["Stripboard"]
    stripboard.sheet_view.tabSelected = True
    workbook.active = stripboard  # Excel opens on the board
    workbook.properties.title = f"{production.name}: shooting schedule"
    workbook.properties.creator = "shootplan"
    if schedule.created is not None:
        workbook.properties.created = schedule.created.astimezone(UTC).replace(tzinfo=None)
    return workbook


def write_excel(
    production: Production,
    schedule: Schedule,
    path: str | os.PathLike[str],
    *,
    result: SolverResult | None = None,
    palette: Mapping[str, str] | None = None,
) -> Path:
    """Write the schedule's workbook to ``path`` atomically and return the path.

    ``result`` is the solver's result (any object with ``status``, ``objective``, ``bound``,
    ``gap`` and ``runtime``) for the Summary sheet; ``palette`` overrides strip colors.

    The workbook is built in memory first, then saved to a hidden temporary file in the target's
    directory and renamed over the target: an existing file is only ever replaced whole, and on any
    error it is left untouched and no partial file remains.
    """
    target = Path(path)
    workbook = build_workbook(production, schedule, result=result, palette=palette)
    _save_atomically(workbook, target)
    return target


def _save_atomically(workbook: Workbook, target: Path) -> None:
    """Save beside the target, flush to disk, then rename: readers never see a half-written file."""
    # Same directory, so the rename never crosses file systems (where it would not be atomic).
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        # Mode "x" creates the file with the user's umask, as a direct write would.
        with open(temporary, "xb") as stream:
            workbook.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise

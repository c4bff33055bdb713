"""The Summary sheet: headline metrics, the solver's status, bound and gap (in numbers and in words),
costs per cast member and day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.evaluation import Evaluation
from shootplan.io.excel.style import (
    DATE_FORMAT,
    SECTION_FONT,
    SheetContext,
    header_row,
    plain,
    print_setup,
    put,
    schedule_line,
    set_widths,
    table_row,
    write_title,
)
from shootplan.io.solver_run import SolverRun, quality_of
from shootplan.model import Production
from shootplan.pages import format_pages
from shootplan.reports import clock, cost_summary, day_type_words
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline

__all__ = ["write_summary"]


def _status_text(status: object) -> str:
    """An enum's name (``OPTIMAL``), else the value as text."""
    return status.name if isinstance(status, Enum) else str(status)


_MONEY = "#,##0"  # whole units, as every other output prints money (shootplan.money)


def write_summary(sheet: Worksheet, context: SheetContext, result: SolverRun | None) -> None:
    """Headline metrics, the solver's status and gap, costs per cast member and per day."""
    production, schedule, evaluation = context.production, context.schedule, context.evaluation
    write_title(sheet, f"{production.name}: Summary", schedule_line(production, schedule, evaluation))
    summary = _Summary(sheet, row=4)
    _schedule_section(summary, production, schedule, evaluation)
    _cost_section(summary, evaluation)
    _solver_section(summary, result)
    _cost_tables(summary, context)
    summary.section("Rule violations")
    if not evaluation.violations:
        put(sheet, summary.row, 1, "none")
    for violation in evaluation.violations:
        put(sheet, summary.row, 1, violation.rule.label).font = Font(bold=True)
        put(sheet, summary.row, 2, violation.message)
        summary.row += 1
    set_widths(sheet, [22, 40, 14, 8, 12, 8, 12, 12, 8, 12])
    sheet.freeze_panes = "A4"
    print_setup(sheet, header_rows="1:2")


class _Summary:
    """The Summary sheet written top to bottom: sections of label/value pairs and tables."""

    def __init__(self, sheet: Worksheet, row: int) -> None:
        self.sheet = sheet
        self.row = row

    def section(self, title: str) -> None:
        """A section title in bold."""
        put(self.sheet, self.row, 1, title).font = SECTION_FONT
        self.row += 1

    def pair(self, label: str, value: Any, number_format: str | None = None) -> None:
        """A bold label and its value beside it."""
        put(self.sheet, self.row, 1, label).font = Font(bold=True)
        cell = put(self.sheet, self.row, 2, value)
        cell.alignment = Alignment(horizontal="left")
        if number_format:
            cell.number_format = number_format
        self.row += 1

    def table(
        self,
        title: str,
        headers: Sequence[str],
        lines: Iterable[Sequence[Any]],
        number_formats: Mapping[int, str],
    ) -> None:
        """A titled table with a header row, then a blank row."""
        self.section(title)
        header_row(self.sheet, self.row, headers)
        self.row += 1
        for values in lines:
            # DataFrame cells are numpy scalars; openpyxl is given plain Python numbers.
            table_row(self.sheet, self.row, map(plain, values), number_formats)
            self.row += 1
        self.row += 1


def _schedule_section(
    summary: _Summary, production: Production, schedule: Schedule, evaluation: Evaluation
) -> None:
    pair = summary.pair
    summary.section("Schedule")
    pair("Production", production.name)
    pair("Schedule", schedule.name or None)
    if schedule.created is not None:
        pair("Created", schedule.created.isoformat(timespec="seconds"))
    pair("First shoot day", schedule.days[0].date if schedule.days else None, DATE_FORMAT)
    pair("Last shoot day", schedule.days[-1].date if schedule.days else None, DATE_FORMAT)
    pair("Shoot days", evaluation.num_shoot_days)
    # Not "Scenes": the importer would take a cell of that name for a stripboard header.
    pair("Scene count", len(production.scenes))
    pair("Pages", format_pages(sum(evaluation.eighths_per_day)))
    pair("Feasible", "yes" if evaluation.is_feasible else "no")
    pair("Rule violations", len(evaluation.violations))
    summary.row += 1


def _cost_section(summary: _Summary, evaluation: Evaluation) -> None:
    pair = summary.pair
    summary.section("Costs")
    pair("Company moves", evaluation.company_moves)
    pair("Location returns", evaluation.location_returns)
    pair("Company move cost", evaluation.company_move_cost, _MONEY)
    pair("Location return cost", evaluation.location_return_cost, _MONEY)
    pair("Hold days", evaluation.total_hold_days)
    pair("Hold cost", evaluation.hold_cost, _MONEY)
    pair("Shoot day cost", evaluation.shoot_day_cost, _MONEY)
    pair("Total cost", evaluation.cost, _MONEY)
    summary.row += 1


def _solver_section(summary: _Summary, result: SolverRun | None) -> None:
    pair = summary.pair
    summary.section("Solver")
    if result is None:
        pair("Status", "no solver result (schedule scored as given)")
    else:
        pair("Status", _status_text(result.status))
        pair("Objective", result.objective, _MONEY)
        pair("Lower bound", result.bound, _MONEY)
        for number, reason in enumerate(getattr(result, "bound_reasons", ())):
            pair("Bound rests on" if number == 0 else "", str(reason))
        pair("Gap", result.gap, "0.00%")
        # No runtime: the workbook is the same bytes whenever the plan is the same (run.json has it).
        # The same words as plan's summary: a gap in percent alone reads as an alarm.
        for number, sentence in enumerate(quality_of(result)):
            pair("In words" if number == 0 else "", sentence)
        for number, notice in enumerate(getattr(result, "notices", ())):
            pair("Notes" if number == 0 else "", str(notice))
    summary.row += 1


def _cost_tables(summary: _Summary, context: SheetContext) -> None:
    """Costs per cast member, then per day (with its type, call and wrap), as
    :func:`shootplan.cost_summary` gives them."""
    production, timelines = context.production, context.timelines
    costs = cost_summary(production, context.schedule, timelines=timelines)
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
    summary.table(
        "Cast",
        ["ID", "Cast", "Daily Rate", "Work", "Hold", "Drop", "Hold Cost"],
        cast_lines,
        {3: _MONEY, 7: _MONEY},
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
            *_day_times(timeline),
        ]
        for (number, line), timeline in zip(costs.days.iterrows(), timelines, strict=True)
    ]
    summary.table(
        "Days",
        ["Day", "Date", "Locations", "Moves", "Move Cost", "Pages", "Minutes", "Type", "Call", "Wrap"],
        day_lines,
        {2: "ddd mmm d", 5: _MONEY},
    )


def _day_times(day: DayTimeline) -> list[str | None]:
    """Type, call and wrap as text (``Night shoot``, ``18:45``, ``05:30 (+1)``); blank without scenes."""
    kind = day.shoot_type
    if kind is None:
        return [None, None, None]
    return [day_type_words(kind, interiors=day.interiors_only), clock(day.call, day), clock(day.wrap, day)]

"""The schedule workbook as a whole: its sheets in order, built in memory, written in one step."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import UTC
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.evaluation import evaluate
from shootplan.io._files import write_bytes, write_with
from shootplan.io._xlsx import stamped_bytes
from shootplan.io.excel.dood import write_dood
from shootplan.io.excel.oneliner import write_one_liner
from shootplan.io.excel.stripboard import write_stripboard
from shootplan.io.excel.style import SheetContext, print_setup, style_header
from shootplan.io.excel.summary import write_summary
from shootplan.io.solver_run import SolverRun
from shootplan.io.template import build_template
from shootplan.model import Production
from shootplan.palette import resolve_palette, strip_colors
from shootplan.reports import report_days
from shootplan.schedule import Schedule

__all__ = ["SHEET_NAMES", "STRIPBOARD_BOARD", "build_workbook", "write_excel"]

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


#: The board name the Stripboard sheet gives when the workbook is read back (the sheet's title).
STRIPBOARD_BOARD = "Stripboard"


def _template_workbook(production: Production, palette: Mapping[str, str]) -> Workbook:
    """The production as the workbook template (Scenes, Cast, Locations, Settings, Boards).

    :func:`shootplan.io.template.build_template` is the one builder of the template, so it makes
    these sheets and this module adds its reports around them. A board named like the Stripboard
    sheet is left out: the Stripboard's own day breaks are that board now, and a stale copy in the
    Boards sheet would override them when the file is read back.
    """
    boards = {name: days for name, days in production.boards.items() if name != STRIPBOARD_BOARD}
    if boards != production.boards:
        production = production.replace(boards=boards)
    return build_template(production, colors=strip_colors(palette))


def _dress_template_sheet(sheet: Worksheet) -> None:
    """The template sheets get the reports' header style and print setup (values untouched)."""
    for cell in sheet[1]:
        if cell.value is not None:
            style_header(cell)
    print_setup(sheet, header_rows="1:1")


def build_workbook(
    production: Production,
    schedule: Schedule,
    *,
    result: SolverRun | None = None,
    palette: Mapping[str, str] | None = None,
) -> Workbook:
    """The whole workbook in memory (see the module docstring for its sheets); nothing is written.

    ``palette`` overrides strip and break colors (:data:`shootplan.palette.DEFAULT_PALETTE`).
    """
    colors = resolve_palette(palette)
    evaluation = evaluate(production, schedule)
    workbook = _template_workbook(production, colors)
    template = list(workbook.sheetnames)
    # Laid out once: the Stripboard, One-Liner and Summary show the same call, wrap and starts.
    timelines = report_days(production, schedule)
    context = SheetContext(production, schedule, evaluation, colors, timelines)
    reports: dict[str, Callable[[Worksheet], None]] = {
        "Stripboard": lambda sheet: write_stripboard(sheet, context),
        "One-Liner": lambda sheet: write_one_liner(sheet, context),
        "Day Out of Days": lambda sheet: write_dood(sheet, context),
        "Summary": lambda sheet: write_summary(sheet, context, result),
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
    result: SolverRun | None = None,
    palette: Mapping[str, str] | None = None,
) -> Path:
    """Write the schedule's workbook to ``path`` in one step and return the path.

    ``result`` is the solver's result (any object with ``status``, ``objective``, ``bound``,
    ``gap`` and ``runtime``) for the Summary sheet; ``palette`` overrides strip colors.

    The workbook is built in memory first, then written through :mod:`shootplan.io._files`: an
    existing file is only ever replaced whole, and on any error it is left untouched and no
    partial file remains. A folder that does not exist yet is created. A schedule with a
    ``created`` time dates the file by it, so the same plan always writes the same bytes.
    """
    target = Path(path)
    workbook = build_workbook(production, schedule, result=result, palette=palette)
    target.parent.mkdir(parents=True, exist_ok=True)
    if schedule.created is None:
        write_with(target, workbook.save)
    else:
        # Dated by the schedule, not by the time of saving: the same plan writes the same bytes.
        write_bytes(target, stamped_bytes(workbook, schedule.created))
    return target

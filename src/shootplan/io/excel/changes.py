"""``changes.xlsx``: what a re-plan changed, for the AD and the production office."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.io._files import write_with
from shootplan.io.excel.style import print_setup
from shootplan.io.template import put

if TYPE_CHECKING:  # io never imports the re-planner at run time; it reads the result it is given
    from shootplan.replanning import ReplanResult

__all__ = ["write_changes_workbook"]

_HEADER_FILL = PatternFill("solid", fgColor="FF404040")


def write_changes_workbook(result: ReplanResult, path: Path) -> Path:
    """``changes.xlsx``: the scenes that moved (with why), the metrics before and after, and what
    happened. Written in one step (never half a file)."""
    comparison = result.comparison
    production = result.production
    workbook = Workbook()
    moves = workbook.active
    assert moves is not None
    moves.title = "Changes"
    headers = ["Scene", "Set", "Int/Ext", "Day/Night", "Pages", "Cast", "From", "From day", "To"]
    headers += ["To day", "Days shifted", "Reason"]
    _append(moves, headers)
    for move in result.moves:
        scene = production.scene(move.scene) if production.has_scene(move.scene) else None
        if scene is None and result.before.has_scene(move.scene):
            scene = result.before.scene(move.scene)
        shift = (move.to_date - move.from_date).days if move.from_date and move.to_date else None
        _append(
            moves,
            [
                move.scene,
                scene.set if scene else "",
                scene.int_ext.value if scene else "",
                scene.time_of_day if scene else "",
                scene.pages if scene else "",
                ", ".join(c for c in scene.cast if not c.startswith("~")) if scene else "",
                move.from_date,
                move.from_day,
                move.to_date,
                move.to_day,
                shift,
                move.reason,
            ],
        )
    metrics = workbook.create_sheet("Metrics")
    _append(metrics, ["Metric", "Before", "After", "Change"])
    before, after = comparison.evaluations[0].metrics(), comparison.evaluations[1].metrics()
    for key in comparison.table.index:
        _append(metrics, [str(key).replace("_", " "), before[key], after[key], after[key] - before[key]])
    _append(metrics, [])
    _append(metrics, ["churn cost", None, result.churn_cost, None])
    _append(metrics, ["shoot dates changed", None, len(comparison.changed_dates), None])
    notes = workbook.create_sheet("What happened")
    _append(notes, ["What happened"])
    for line in result.changes.describe(result.before) or ["no changes: the remaining days re-optimized"]:
        _append(notes, [line])
    _append(notes, [])
    _append(notes, [f"Re-planned from {result.open_from}; {result.num_frozen_days} days shot and kept."])
    _append(notes, [f"Solver: {result.status.value}, {result.runtime:.1f} s, {result.method}."])
    for sheet, widths in (
        (moves, [8, 34, 8, 10, 7, 14, 12, 9, 12, 9, 12, 28]),
        (metrics, [22, 14, 14, 14]),
        (notes, [90]),
    ):
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFFFF")
            cell.fill = _HEADER_FILL
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    for row in moves.iter_rows(min_row=2):
        for cell in (row[6], row[8]):
            cell.number_format = "ddd mmm d, yyyy"
    for row in metrics.iter_rows(min_row=2):
        for cell in row[1:]:
            cell.number_format = "#,##0"
    for sheet in (moves, metrics, notes):
        # Last: the widths grow to every header, date and number as formatted above.
        print_setup(sheet, header_rows="1:1")
    return write_with(path, workbook.save)


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """The next row, its text put again through :func:`put`: a set name or a note that starts
    with "=" stays text, never a live formula."""
    sheet.append(values)
    if values:  # a row of values always has cells, so it is the last row now
        row = sheet.max_row
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                put(sheet, row, column, value)

"""``sweep.xlsx``: a scenario sweep's table, one row per scenario, for the producer's office."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook

from shootplan.io._files import write_with
from shootplan.io.excel.style import finish_table, plain, start_table, table_row

__all__ = ["write_sweep_workbook"]

_MONEY = "#,##0"
_PERCENT = "0.0%"
# Column header and number format of each column of SweepResult.frame.
_COLUMNS = {
    "status": ("Status", None),
    "shoot_days": ("Shoot days", "0"),
    "company_moves": ("Company moves", "0"),
    "location_returns": ("Location returns", "0"),
    "hold_days": ("Hold days", "0"),
    "hold_cost": ("Hold cost", _MONEY),
    "company_move_cost": ("Move cost", _MONEY),
    "location_return_cost": ("Return cost", _MONEY),
    "shoot_day_cost": ("Shoot day cost", _MONEY),
    "cost": ("Cost", _MONEY),
    "bound": ("Bound", _MONEY),
    "gap": ("Gap", _PERCENT),
    "time": ("Seconds", "0.0"),
    "peak_memory_mb": ("Peak MB", "0"),
    "reason": ("Why no schedule", None),
}


def write_sweep_workbook(
    frame: pd.DataFrame, path: str | os.PathLike[str], *, title: str = "Scenarios"
) -> Path:
    """The table of :attr:`shootplan.SweepResult.frame` as one sheet, written in one step."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Scenarios"
    columns = [name for name in _COLUMNS if name in frame.columns]
    headers = ["Scenario", *(_COLUMNS[name][0] for name in columns)]
    subtitle = (
        "One solve per scenario; cost = moves + holds + shoot days + returns. Bound: no schedule costs less."
    )
    row = start_table(sheet, title, subtitle, headers)
    formats = {n: fmt for n, name in enumerate(columns, start=2) if (fmt := _COLUMNS[name][1])}
    for name, values in frame[columns].iterrows():
        table_row(sheet, row, [str(name), *(_cell(values[c]) for c in columns)], formats)
        row += 1
    finish_table(sheet, [28, 11, *([12] * (len(columns) - 2)), 60])
    return write_with(path, workbook.save)


def _cell(value: Any) -> Any:
    """A DataFrame value as a cell: a missing number is an empty cell."""
    value = plain(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value

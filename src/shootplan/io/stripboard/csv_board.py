"""A stripboard saved as CSV: decoded, its separator guessed, read as one strip sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from shootplan.io._build import Draft
from shootplan.io._cells import HEADER_SEARCH_ROWS, Problems, date_order, find_header, settle_date_order
from shootplan.io.stripboard.assemble import assemble
from shootplan.io.stripboard.sheet import read_strip_sheet
from shootplan.io.stripboard.syntax import COLUMNS, column_names

__all__ = ["decode_text", "read_csv"]


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 as Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(path: Path, data: bytes, problems: Problems) -> Draft:
    """A stripboard saved as CSV (any of , ; tab | as separator), as a draft production."""
    text = decode_text(data)
    best: tuple[int, list[list[str]]] | None = None
    for delimiter in (",", ";", "\t", "|"):
        try:
            grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            problems.fail(f"cannot read the file as CSV: {error}")
        header = find_header(grid, COLUMNS, "scene")
        score = len(header[1]) if header else 0
        if best is None or score > best[0]:
            best = (score, grid)
    assert best is not None
    grid = best[1]
    if not any(cell.strip() for row in grid for cell in row):
        problems.fail("the file is empty")
    with date_order(settle_date_order([(None, grid)], problems)):
        sheet = read_strip_sheet(grid, problems, sheet=None, title=path.stem)
    if sheet is None:
        first = next((row for row in grid if any(c.strip() for c in row)), [])
        problems.fail(
            f"no header row with a Scene column in the first {HEADER_SEARCH_ROWS} rows (looked"
            f" for {column_names('scene')}); the first row reads: {', '.join(c for c in first if c)}"
        )
    problems.raise_if_any()
    if sheet.title_cell is None:
        return assemble([sheet], problems, name=path.stem)
    title, cell = sheet.title_cell
    draft = assemble([sheet], problems, name=title)
    draft.name_source = f"the title cell {cell}"
    return draft

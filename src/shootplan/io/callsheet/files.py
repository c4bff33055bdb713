"""A folder of call sheets, written as one set: ``day-01-2027-03-01.pdf`` and ``.html`` per day."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from shootplan.call_sheet import call_sheets
from shootplan.errors import ShootplanError
from shootplan.io._files import OutputSet, write_bytes, write_text
from shootplan.io.callsheet.html import call_sheet_html
from shootplan.io.callsheet.pdf import PaperSize, call_sheet_pdf
from shootplan.io.callsheet.revisions import Issued, revise
from shootplan.io.callsheet.words import file_stem
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = ["CALL_SHEET_FORMATS", "write_call_sheets"]

#: The formats :func:`write_call_sheets` writes.
CALL_SHEET_FORMATS = ("pdf", "html")


def write_call_sheets(
    production: Production,
    schedule: Schedule,
    folder: str | os.PathLike[str],
    days: Sequence[int | date] | None = None,
    formats: Iterable[str] = CALL_SHEET_FORMATS,
    *,
    paper: PaperSize = "letter",
    previous: Issued | None = None,
    revised_at: datetime | None = None,
    keep_before: date | None = None,
) -> list[Path]:
    """Write the call sheets of ``days`` (numbers or dates; default every shoot day with scenes)
    into ``folder`` as one set (on any error the folder is left as it was); return the paths.

    Each day is ``day-NN-YYYY-MM-DD.pdf`` and ``.html``. Writing every day also removes the sheets
    of days the schedule no longer has; an unchanged day's files keep their bytes and times.

    After a change (a re-plan), ``previous`` is what the crew was issued: the old schedule, or
    ``(production as it was, old schedule)`` when scenes were cut or places changed. A day whose
    sheet now reads differently is written with a revision line at its top (``Revised
    2027-03-09 18:40: scenes 12, 14 moved to Day 9``, at ``revised_at``, default
    ``schedule.created``, on the day's clock); a day that reads the same is not written again, so
    its files (and any earlier revision line) stay as they are; days before ``keep_before`` (shot
    already) stay as issued; a day that lost all its scenes is issued again, saying so. A change
    of the shoot's length ("Day 12 of 30") re-issues every later day, each saying so (``shoot now
    31 days (was 30); nothing else on this day changed``). Days are matched by date.
    """
    wanted = _formats(formats)
    sheets = call_sheets(production, schedule, days) if previous is None else []
    as_issued: set[str] = set()  # dates whose files stay as they are, when there
    if previous is not None:
        sheets, as_issued = revise(production, schedule, days, previous, revised_at, keep_before)
    names = [f"{file_stem(sheet)}.{kind}" for sheet in sheets for kind in wanted]
    with OutputSet(folder) as stage:
        if days is None:
            root = stage.path(".")
            for old in root.glob("day-*"):
                if old.suffix[1:] in CALL_SHEET_FORMATS and old.name not in names:
                    old.unlink()  # a day the schedule no longer shoots
        for sheet in sheets:
            stem = file_stem(sheet)
            for kind in wanted:
                path = stage.path(f"{stem}.{kind}")
                if sheet.date.isoformat() in as_issued and path.is_file():
                    continue  # what the crew holds: not issued again
                if kind == "pdf":
                    write_bytes(path, call_sheet_pdf(sheet, paper=paper))
                else:
                    write_text(path, call_sheet_html(sheet))
    return [Path(folder) / name for name in names]


def _formats(formats: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in CALL_SHEET_FORMATS]
    if unknown or not wanted:
        raise ShootplanError(
            f"unknown call-sheet format(s) {', '.join(map(repr, unknown)) or 'none given'}:"
            f" choose from {', '.join(CALL_SHEET_FORMATS)}"
        )
    return wanted

"""Read a production from whatever file an AD has: the format is told by the content.

================================  ===========================================================
content                           read as
================================  ===========================================================
zip with ``xl/workbook.xml``      workbook (``.xlsx``, ``.xlsm``): the production template or
                                  any stripboard workbook (:mod:`shootplan.io.template`)
JSON with ``universalSchedule``   Universal Schedule Standard (:mod:`shootplan.io.uss`)
``Standard``
JSON with ``scenes``              shootplan's own Production JSON
XML with a ``<FinalDraft>`` root  Final Draft screenplay (:mod:`shootplan.io.screenplay`)
``.fountain``/``.spmd``, or text  Fountain screenplay (:mod:`shootplan.io.screenplay`)
with a ``Title:`` page or a
scene heading standing alone
other text                        CSV stripboard, separated by ``,`` ``;`` tab or ``|``
                                  (:mod:`shootplan.io.stripboard`)
anything else                     an ImportProblem that says what the file seems to be
================================  ===========================================================

The extension is only a hint for the messages: a board saved as ``.txt`` still reads as CSV, and
an ``.xlsx`` that is really a CSV is read as CSV. The file is opened read-only and never changed.
"""

from __future__ import annotations

import io
import json
import os
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shootplan.errors import ShootplanWarning
from shootplan.io._build import Draft, Overrides, finish
from shootplan.io._cells import Problems
from shootplan.io.screenplay import looks_like_fdx, looks_like_fountain, read_screenplay
from shootplan.io.stripboard import decode_text, read_csv
from shootplan.io.template import read_workbook
from shootplan.io.uss import USS_KEY, read_uss_data
from shootplan.model import Production

__all__ = ["ReadProduction", "read_production", "read_production_from"]

_ACCEPTED = (
    "shootplan reads .xlsx and .xlsm workbooks, .csv stripboards, USS schedules (.uss or .json)"
    ", shootplan Production JSON and Fountain (.fountain) or Final Draft (.fdx) screenplays"
)
_FOUNTAIN_SUFFIXES = (".fountain", ".spmd")
# File signatures of things people attach by mistake, to say what the file is.
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", "an old binary Excel (.xls) or Office file, which shootplan does not read"),
    (b"%PDF", "not a spreadsheet: it looks like a PDF document"),
    (b"\x89PNG", "not a spreadsheet: it looks like a PNG image"),
    (b"\xff\xd8\xff", "not a spreadsheet: it looks like a JPEG image"),
    (b"GIF8", "not a spreadsheet: it looks like a GIF image"),
    (b"\x1f\x8b", "not a spreadsheet: it looks like a gzip archive"),
    (b"Rar!", "not a spreadsheet: it looks like a RAR archive"),
    (b"7z\xbc\xaf", "not a spreadsheet: it looks like a 7-Zip archive"),
)


@dataclass(frozen=True)
class ReadProduction:
    """A production as read, with where its name came from (``check`` says so)."""

    production: Production
    name_source: str  # "the Settings sheet", "the title cell A1", "the script's title page"...


def read_production_from(path: str | os.PathLike[str], **overrides: Any) -> ReadProduction:
    """:func:`read_production`, also saying where the production's name came from: the
    Settings sheet, else a board's title cell, else the script's title page, else the file name."""
    return _read_production(path, Overrides(**overrides))


def read_production(
    path: str | os.PathLike[str],
    *,
    start: date | str | None = None,
    max_shoot_days: int | None = None,
    max_pages_per_day: float | int | str | None = None,
) -> Production:
    """Read a production from a workbook, a CSV stripboard, a USS file, Production JSON or a screenplay.

    The format is told by the file's content, not its extension. Keyword overrides win over the
    file's own settings: ``start`` (date of shoot day 1), ``max_shoot_days`` and
    ``max_pages_per_day`` (pages, e.g. ``5`` or ``"4 4/8"``).

    Raises :class:`~shootplan.errors.ImportProblem` listing every problem found in the file, each
    naming the file, sheet, row and column (``board.csv, row 7, column Pages: cannot read "abc"
    as a page count (e.g. 2 3/8, 3/8, 1.25)``). The file is never modified.
    """
    return _read_production(path, Overrides(start, max_shoot_days, max_pages_per_day)).production


def _read_production(path: str | os.PathLike[str], overrides: Overrides) -> ReadProduction:
    source = Path(path)
    problems = Problems(source.name)
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        problems.fail("is a folder, not a file")
    except FileNotFoundError:
        problems.fail("no such file")
    except OSError as error:
        problems.fail(f"cannot open the file ({error.strerror or error})")
    if not data.strip():
        problems.fail("the file is empty")
    draft = _read(source, data, problems)
    production = finish(draft, problems, overrides)
    for note in problems.notes:
        warnings.warn(note, ShootplanWarning, stacklevel=3)
    return ReadProduction(production, draft.name_source)


def _read(source: Path, data: bytes, problems: Problems) -> Draft:
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(source, data, problems)
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            problems.fail(f"{what}; save it as .xlsx or .csv. {_ACCEPTED}")
    if b"\x00" in data[:4096]:
        problems.fail(f"not a spreadsheet: it is a binary file. {_ACCEPTED}")
    if looks_like_fdx(data):
        return read_screenplay(source, data, None, problems)
    text = decode_text(data)
    if source.suffix.lower() in _FOUNTAIN_SUFFIXES:
        return read_screenplay(source, data, text, problems)
    if text.lstrip().startswith(("{", "[")):
        return _read_json(text, problems)
    if looks_like_fountain(text):
        return read_screenplay(source, data, text, problems)
    return read_csv(source, data, problems)


def _read_zip(source: Path, data: bytes, problems: Problems) -> Draft:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        problems.fail(f"a damaged zip or workbook file ({error}); save it again as .xlsx")
    if "xl/workbook.xml" in names or any(name.startswith("xl/") for name in names):
        return read_workbook(source, data, problems)
    if "content.xml" in names:
        problems.fail("an OpenDocument file (.ods); save it as .xlsx or .csv from your spreadsheet program")
    if any(name.startswith("word/") for name in names):
        problems.fail(f"not a spreadsheet: it is a Word document. {_ACCEPTED}")
    problems.fail(f"not a spreadsheet: it is a zip archive. {_ACCEPTED}")


def _read_json(text: str, problems: Problems) -> Draft:
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as error:
        problems.fail(f"not valid JSON ({error})")
    if isinstance(data, dict) and USS_KEY in data:
        return read_uss_data(data, problems)
    if isinstance(data, dict) and "scenes" in data:
        # shootplan's own Production JSON: the model checks it; a missing start is settled later.
        return Draft(data=data, places={}, name_source="the file")
    problems.fail(
        "a JSON file that is neither a USS schedule (no universalScheduleStandard key) nor a"
        " shootplan production (no scenes)"
    )

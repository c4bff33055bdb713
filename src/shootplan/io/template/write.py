"""Write a production as the workbook template; reading it back gives an equal production."""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.errors import ProductionError
from shootplan.io._cells import cell_text
from shootplan.io._files import write_bytes, write_with
from shootplan.io._lists import join_list, quote_item
from shootplan.io._xlsx import stamped_bytes
from shootplan.io.stripboard.syntax import cast_cell
from shootplan.io.template.schema import (
    BOARD_HEADERS,
    CAST_HEADERS,
    CREATOR,
    LOCATION_HEADERS,
    PRECEDENCE_ARROW,
    SCENE_HEADERS,
    SETTINGS,
)
from shootplan.model import WEEKDAY_NAMES, CastMember, Location, Production
from shootplan.pages import format_pages
from shootplan.palette import DEFAULT_STRIP_COLORS

__all__ = ["build_template", "put", "write_workbook"]

_HEADER_FONT = Font(bold=True)
_FIRST_EXCEL_YEAR = 1901
# Where Boards, Precedences and Same Day cells are split (schema.py): a scene number holding one is quoted.
_LIST_MARKS = re.compile(rf"[;,\n]|{PRECEDENCE_ARROW.pattern}")


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell | MergedCell:
    """Write a cell; text stays text (a synopsis starting with "=" is no formula, "12" no number).

    Characters XML forbids (control codes pasted from elsewhere) are dropped, or the file would
    not open. Every sheet shootplan writes, template or report, writes its cells through here.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """A template cell: dates as ISO dates, and text before Excel's first year as text."""
    if isinstance(value, date) and value.year < _FIRST_EXCEL_YEAR:
        value = value.isoformat()  # Excel has no dates before 1900: keep it as text
    cell = put(sheet, row, column, value)
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def _write_table(sheet: Worksheet, headers: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]) -> None:
    for column, (title, note) in enumerate(headers, start=1):
        _put(sheet, 1, column, title)
        cell = sheet.cell(row=1, column=column)
        cell.font = _HEADER_FONT
        if note:
            cell.comment = Comment(note, "shootplan")
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is not None and value != "":
                _put(sheet, number, column, value)
    sheet.freeze_panes = "A2"
    for column, (title, _) in enumerate(headers, start=1):
        width = max([len(title)] + [len(cell_text(row[column - 1])) for row in rows[:200]])
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _ranges_text(ranges: Sequence[object]) -> str:
    return "; ".join(str(r) for r in ranges)


def _weekdays_text(weekdays: Sequence[str]) -> str:
    """``Mon-Fri`` for a run of weekdays, ``Mon, Wed, Fri`` otherwise."""
    indices = sorted(WEEKDAY_NAMES.index(day) for day in weekdays)
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(
        WEEKDAY_NAMES[run[0]] if len(run) == 1 else f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}"
        for run in runs
    )


def _settings_rows(production: Production, blank: Collection[str] = ()) -> list[tuple[str, Any, str]]:
    calendar, rules = production.calendar, production.rules
    call = rules.call_time.isoformat(timespec="minutes" if not rules.call_time.second else "seconds")
    values: dict[str, Any] = {
        "Production": production.name,
        "Production ID": production.id,
        "Start Date": calendar.start,
        "Time Zone": calendar.time_zone,
        "Shoot Days": _weekdays_text(calendar.weekdays),
        "Days Off": _ranges_text(calendar.days_off),
        "Holidays": "; ".join(day.isoformat() for day in calendar.holidays),
        "Max Pages Per Day": format_pages(rules.max_eighths_per_day),
        "Max Minutes Per Day": "none" if rules.max_minutes_per_day is None else rules.max_minutes_per_day,
        "Minutes Per Page": rules.minutes_per_page,
        "Max Shoot Days": rules.max_shoot_days,
        "Call Time": call,
        "Company Move Minutes": rules.company_move_minutes,
        "Company Move Cost": rules.company_move_cost,
        "Location Return Cost": rules.location_return_cost,
        "Hold Cost Factor": rules.hold_cost_factor,
        "Shoot Day Cost": rules.shoot_day_cost,
        "Turnaround": rules.turnaround.value,
        "Precedences": "; ".join(f"{_scene(a)} > {_scene(b)}" for a, b in rules.precedences),
        "Same Day": "; ".join(", ".join(map(_scene, group)) for group in rules.same_day),
    }
    unknown = sorted(set(blank) - values.keys())
    if unknown:
        raise ValueError(f"no such setting to leave blank: {', '.join(unknown)}")
    return [(s.key, None if s.key in blank else values[s.key], s.note) for s in SETTINGS]


def _scene(number: str) -> str:
    """A scene number in a list cell (Boards, Precedences, Same Day): quoted when it holds a
    separator or an arrow those cells are split at, so it reads back whole."""
    return quote_item(number, _LIST_MARKS)


def _check_writable(production: Production) -> None:
    """Refuse what the template's list cells could not carry back unchanged."""
    problems = [
        f"scene {scene.number!r}: element category {category!r} is empty"
        for scene in production.scenes
        for category, items in scene.elements.items()
        if not items
    ]
    if problems:
        raise ProductionError(problems)


def build_template(
    production: Production,
    *,
    colors: Mapping[tuple[bool, bool], str] | None = None,
    blank_settings: Collection[str] = (),
) -> Workbook:
    """The production as the workbook template, in memory: what :func:`write_workbook` saves.

    Sheets Scenes, Cast, Locations, Settings, and Boards when the production has boards. Strips
    are colored by ``colors`` ((exterior, night) -> RGB hex; default
    :data:`~shootplan.palette.DEFAULT_STRIP_COLORS`). The settings named in ``blank_settings``
    (``"Start Date"``, ``"Time Zone"``...) are left blank, for a production whose values there
    were guessed, not given: reading the workbook then warns of them as of any board without.
    """
    _check_writable(production)
    book = Workbook()
    scenes = book.active
    assert scenes is not None
    scenes.title = "Scenes"
    _write_scenes(scenes, production, {**DEFAULT_STRIP_COLORS, **(colors or {})})
    _write_table(book.create_sheet("Cast"), CAST_HEADERS, [_cast_row(member) for member in production.cast])
    _write_table(
        book.create_sheet("Locations"),
        LOCATION_HEADERS,
        [_location_row(location) for location in production.locations],
    )
    _write_table(
        book.create_sheet("Settings"),
        (("Setting", ""), ("Value", ""), ("Notes", "")),
        _settings_rows(production, blank_settings),
    )
    if production.boards:
        _write_table(
            book.create_sheet("Boards"),
            BOARD_HEADERS,
            [
                [board, number, ", ".join(map(_scene, day))]
                for board, days in production.boards.items()
                for number, day in enumerate(days, start=1)
            ],
        )
    book.properties.creator = CREATOR
    book.properties.title = production.name
    return book


def write_workbook(
    production: Production,
    path: str | os.PathLike[str],
    *,
    colors: Mapping[tuple[bool, bool], str] | None = None,
    stamp: datetime | None = None,
    blank_settings: Collection[str] = (),
) -> Path:
    """Write a production as the workbook template; reading it back gives an equal production.

    Sheets Scenes, Cast, Locations, Settings, and Boards when the production has boards. Strips
    are colored by ``colors`` ((exterior, night) -> RGB hex; default
    :data:`~shootplan.palette.DEFAULT_STRIP_COLORS`). With a ``stamp``, the document's created
    and modified times and every part of the file carry it, so the same production always writes
    the same bytes (for files kept in version control); without one they carry the time of
    writing. The file is replaced in one step (:mod:`shootplan.io._files`), so a reader never sees
    half a workbook; a missing folder is created. ``blank_settings`` leaves those settings blank
    (:func:`build_template`), so that reading back gives the file's defaults there. Returns the
    path written.
    """
    book = build_template(production, colors=colors, blank_settings=blank_settings)
    target = Path(path)
    _save(book, target, stamp)
    return target


def _write_scenes(sheet: Worksheet, production: Production, colors: Mapping[tuple[bool, bool], str]) -> None:
    """One row per strip, filled in its INT/EXT x DAY/NIGHT color; one column per element category."""
    categories = list(dict.fromkeys(category for scene in production.scenes for category in scene.elements))
    headers = list(SCENE_HEADERS) + [
        (f"Elements: {category}", f"{category}, one item per ';'.") for category in categories
    ]
    rows = [
        [
            scene.number,
            scene.int_ext.value,
            scene.set,
            scene.time_of_day,
            scene.pages,
            cast_cell(scene.cast),
            scene.location,
            scene.minutes,
            scene.shoot_days,
            scene.script_day,
            scene.synopsis,
            scene.earliest,
            scene.latest,
            scene.pinned,
            "yes" if scene.cover else None,
        ]
        + [join_list(scene.elements.get(category, []), "; ", ";\n") for category in categories]
        for scene in production.scenes
    ]
    _write_table(sheet, headers, rows)
    for number, scene in enumerate(production.scenes, start=2):
        color = colors[(scene.is_exterior, scene.is_night)]
        fill = PatternFill(start_color=color, end_color=color, fill_type="solid")
        for column in range(1, len(headers) + 1):
            sheet.cell(row=number, column=column).fill = fill


def _cast_row(member: CastMember) -> list[Any]:
    return [
        member.id,
        member.name,
        member.character,
        member.daily_rate,
        _ranges_text(member.unavailable),
        _yes(member.holds),
        _yes(member.drop_pickup),
        member.min_drop_gap_days,
        member.max_drops,
        _yes(member.minor),
        member.age,
        _yes(member.schooling),
        member.makeup_minutes,
        member.pickup_minutes,
    ]


def _location_row(location: Location) -> list[Any]:
    # One window goes in Available From/To (a blank side is open-ended), several in Windows.
    first = last = None
    windows = _ranges_text(location.windows)
    if len(location.windows) == 1:
        window = location.windows[0]
        first = None if window.start == date.min else window.start
        last = None if window.end == date.max else window.end
        windows = "" if first or last else windows
    return [
        location.name,
        location.address,
        location.latitude,
        location.longitude,
        location.time_zone,
        first,
        last,
        windows,
        _ranges_text(location.unavailable),
        location.return_cost,
        _yes(location.standing),
        location.parking,
        location.hospital,
    ]


def _save(book: Workbook, target: Path, stamp: datetime | None) -> None:
    """Replace the target in one step (the old file survives any failure); a missing folder is made."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if stamp is None:
        write_with(target, book.save)
        return
    write_bytes(target, stamped_bytes(book, stamp))

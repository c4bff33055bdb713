"""Read a production workbook (or any stripboard workbook) into a draft production.

The Scenes sheet and every other sheet with a Scene column are read as strip sheets by
:mod:`shootplan.io.stripboard`; the Cast, Locations, Settings and Boards sheets as the template
(:mod:`shootplan.io.template.schema`) describes them. Every problem names its sheet, row and column.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from shootplan.errors import ProductionError
from shootplan.io._build import DEFAULT_START, Draft
from shootplan.io._cells import (
    CellError,
    Grid,
    Problems,
    cell_text,
    date_order,
    find_header,
    normalize,
    quoted,
    read_date,
    read_flag,
    read_int,
    read_number,
    settle_date_order,
    split_list,
)
from shootplan.io.stripboard import StripSheet, assemble, read_strip_sheet
from shootplan.io.template.schema import (
    BOARD_COLUMNS,
    CAST_COLUMNS,
    CREATOR,
    LOCATION_COLUMNS,
    REPORT_SHEETS,
    SCENE_SHEETS,
    SETTING_BY_KEY,
    SETTINGS,
    SHEETS,
    Setting,
    read_ranges,
)
from shootplan.model import MINOR_MAX_AGE, CastMember, Location, Rules, ShootCalendar

__all__ = ["read_workbook"]


@dataclass
class _Settings:
    name: str | None = None
    id: str | None = None
    calendar: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, Any] = field(default_factory=dict)


def _read_settings(grid: Grid, sheet: str, problems: Problems) -> _Settings:
    """Key/value rows; a blank value keeps the default; an unknown key is a problem."""
    settings = _Settings()
    for index, row in enumerate(grid):
        cells = [value for value in row if cell_text(value)]
        if not cells:
            continue
        key = cell_text(cells[0])
        position = next(i for i, value in enumerate(row) if cell_text(value))
        value = row[position + 1] if position + 1 < len(row) else None
        if normalize(key) in {"setting", "settings", "key", "parameter", "dateorder"}:
            continue  # the sheet's own header row; Date Order is read first (settle_date_order)
        setting = SETTING_BY_KEY.get(normalize(key))
        if not cell_text(value):
            continue
        if setting is None:
            accepted = ", ".join(s.key for s in SETTINGS)
            problems.add(
                f"unknown setting {quoted(key)}; the settings are: {accepted}",
                sheet=sheet,
                row=index + 1,
                column=get_column_letter(position + 1),
            )
            continue
        try:
            parsed = setting.read(value)
            _check_setting(setting, parsed)
        except (CellError, ProductionError) as error:
            problems.add(
                f"{setting.key}: {_setting_message(error)}",
                sheet=sheet,
                row=index + 1,
                column=get_column_letter(position + 2),
            )
            continue
        if setting.section == "production":
            setattr(settings, setting.field, parsed)
        else:
            getattr(settings, setting.section)[setting.field] = parsed
    return settings


def _setting_message(error: CellError | ProductionError) -> str:
    """What is wrong with a setting's value; the setting's key names the field the model names."""
    records = [] if isinstance(error, CellError) else error.records
    if (
        len(records) == 1
        and records[0].kind in {"ShootCalendar", "Rules"}
        and records[0].field.isidentifier()
    ):
        return str(records[0].detached())  # not "Rules: call_time: ...": the key says that
    return str(error)


def _check_setting(setting: Setting, value: Any) -> None:
    """Validate one setting on its own, so a problem points at its row."""
    if setting.section == "calendar":
        start = value if setting.field == "start" else DEFAULT_START
        ShootCalendar.model_validate({"start": start, setting.field: value})
    elif setting.section == "rules":
        Rules.model_validate({setting.field: value})


# --------------------------------------------------------------------------- cast, locations


def _table(
    grid: Grid,
    sheet: str,
    aliases: Mapping[str, tuple[str, ...]],
    key: str,
    problems: Problems,
) -> list[tuple[int, dict[str, Any]]]:
    """The rows of a simple table: (row number, {field: raw cell}) for each non-blank row."""
    header = find_header(grid, aliases, key)
    if header is None:
        names = ", ".join(aliases[key][:4])
        problems.add(f"no header row with a {aliases[key][0]} column (looked for {names})", sheet=sheet)
        return []
    index, fields = header
    rows: list[tuple[int, dict[str, Any]]] = []
    for offset, row in enumerate(grid[index + 1 :]):
        cells = {name: row[column] for column, name in fields.items() if column < len(row)}
        if any(cell_text(value) for value in cells.values()):
            rows.append((index + offset + 2, cells))
    return rows


def _header_of(grid: Grid, aliases: Mapping[str, tuple[str, ...]], key: str) -> dict[str, str]:
    """Field -> its header as written (for messages)."""
    header = find_header(grid, aliases, key)
    if header is None:
        return {}
    index, fields = header
    return {name: cell_text(grid[index][column]) for column, name in fields.items()}


def _read_cast(grid: Grid, sheet: str, problems: Problems) -> list[dict[str, Any]]:
    headers = _header_of(grid, CAST_COLUMNS, "id")
    readers: dict[str, Callable[[Any], Any]] = {
        "id": cell_text,
        "name": cell_text,
        "character": cell_text,
        "daily_rate": lambda v: read_number(v, what="a daily rate"),
        "unavailable": read_ranges,
        "holds": lambda v: read_flag(v, default=True),
        "drop_pickup": lambda v: read_flag(v, default=False),
        "min_drop_gap_days": lambda v: read_int(v, what="a number of days", minimum=0),
        "max_drops": lambda v: read_int(v, what="a number of drops", minimum=0),
        "minor": lambda v: read_flag(v, default=False),
        "age": _minor_age,
        "schooling": lambda v: read_flag(v, default=True),
        "makeup_minutes": _lead_minutes,
        "pickup_minutes": _lead_minutes,
    }
    members: list[dict[str, Any]] = []
    rows = _KeyedRows(CastMember, "id", "no board ID (e.g. 1)", "cast id", sheet, headers, problems)
    for number, cells in _table(grid, sheet, CAST_COLUMNS, "id", problems):
        data = _read_cells(cells, readers, headers, sheet, number, problems)
        if data is not None and rows.accept(data, number):
            members.append(data)
        elif "id" not in (names := _cast_names(cells)) or names["id"] not in {m.get("id") for m in members}:
            # A row with a bad date or rate, or no ID, is one problem: its ID and names still
            # resolve the strips that name the performer (the import fails on the problem all
            # the same). A row without its ID is kept without one: see assemble's _resolve_cast.
            members.append(names)
    return members


# CastMember's own limit on its lead times (ten hours), so the cell is named, not just the row.
_MAX_LEAD_MINUTES = 600


def _lead_minutes(value: Any) -> int:
    """A call-sheet lead time in whole minutes, checked here so the problem names its column."""
    minutes = read_int(value, what="a number of minutes (e.g. 60)", minimum=0)
    if minutes > _MAX_LEAD_MINUTES:
        limit = _MAX_LEAD_MINUTES
        raise CellError(f"{quoted(value)} is too large: expected a lead time of at most {limit} minutes")
    return minutes


def _minor_age(value: Any) -> int:
    """A minor's age in whole years, under 18 (an adult's age has no rules to set)."""
    age = read_int(value, what="an age in years (e.g. 12)", minimum=0)
    if age > MINOR_MAX_AGE:
        raise CellError(f"{age} is not a minor's age: give Age only for cast under 18")
    return age


def _cast_names(cells: dict[str, Any]) -> dict[str, str]:
    """The ID, name and character of a Cast row, whatever else on it cannot be read."""
    return {key: cell_text(cells[key]) for key in ("id", "name", "character") if cell_text(cells.get(key))}


def _read_locations(grid: Grid, sheet: str, problems: Problems) -> list[dict[str, Any]]:
    headers = _header_of(grid, LOCATION_COLUMNS, "name")
    readers: dict[str, Callable[[Any], Any]] = {
        "name": cell_text,
        "address": cell_text,
        "latitude": lambda v: read_number(v, what="a latitude (e.g. 42.15)"),
        "longitude": lambda v: read_number(v, what="a longitude (e.g. -73.85)"),
        "time_zone": cell_text,
        "available_from": read_date,
        "available_to": read_date,
        "windows": read_ranges,
        "unavailable": read_ranges,
        "return_cost": lambda v: read_number(v, what="a return cost"),
        "standing": lambda v: read_flag(v, default=False),
        "parking": cell_text,
        "hospital": cell_text,
    }
    locations: list[dict[str, Any]] = []
    rows = _KeyedRows(Location, "name", "no location name", "location", sheet, headers, problems)
    for number, cells in _table(grid, sheet, LOCATION_COLUMNS, "name", problems):
        data = _read_cells(cells, readers, headers, sheet, number, problems)
        if data is None:
            continue
        first, last = data.pop("available_from", None), data.pop("available_to", None)
        if first or last:
            # One window: open-ended on the side left blank.
            window = f"{first or date.min}..{last or date.max}"
            data["windows"] = f"{window}; {data['windows']}" if data.get("windows") else window
        if rows.accept(data, number):
            locations.append(data)
    return locations


@dataclass
class _KeyedRows:
    """The rows of a Cast or Locations sheet: each needs its key (board ID, name), once per sheet."""

    model: type[CastMember] | type[Location]
    key: str
    missing: str  # the problem of a row without its key
    noun: str  # what a repeated key is called: "duplicate cast id '7'"
    sheet: str
    headers: Mapping[str, str]
    problems: Problems
    seen: dict[str, int] = field(default_factory=dict)  # key -> the row it is on

    def accept(self, data: dict[str, Any], number: int) -> bool:
        """Whether row ``number`` has a new key and a valid entity; its problems recorded if not."""
        value = data.get(self.key)
        if not value:
            self._problem(self.missing, number)
            return False
        if value in self.seen:
            self._problem(f"duplicate {self.noun} {quoted(value)} (also on row {self.seen[value]})", number)
            return False
        self.seen[value] = number
        return _validated(self.model, data, self.sheet, number, self.problems)

    def _problem(self, message: str, number: int) -> None:
        self.problems.add(message, sheet=self.sheet, row=number, column=self.headers[self.key])


def _read_cells(
    cells: dict[str, Any],
    readers: Mapping[str, Callable[[Any], Any]],
    headers: Mapping[str, str],
    sheet: str,
    number: int,
    problems: Problems,
) -> dict[str, Any] | None:
    """Read each non-blank cell of a row; None (problems recorded) when any cannot be read."""
    data: dict[str, Any] = {}
    ok = True
    for name, value in cells.items():
        if not cell_text(value):
            continue
        try:
            data[name] = readers[name](value)
        except CellError as error:
            problems.add(str(error), sheet=sheet, row=number, column=headers.get(name, name))
            ok = False
    return data if ok else None


def _validated(
    model: type[CastMember] | type[Location],
    data: dict[str, Any],
    sheet: str,
    number: int,
    problems: Problems,
) -> bool:
    try:
        model.model_validate(data)
    except ProductionError as error:
        problems.extend(error.records, sheet=sheet, row=number)
        return False
    return True


def _read_boards(grid: Grid, sheet: str, problems: Problems) -> dict[str, list[list[str]]]:
    """Board, Day, Scenes rows: each row is one day of one board, in order."""
    headers = _header_of(grid, BOARD_COLUMNS, "board")
    boards: dict[str, list[list[str]]] = {}
    for number, cells in _table(grid, sheet, BOARD_COLUMNS, "board", problems):
        name = cell_text(cells.get("board"))
        if not name:
            problems.add("no board name", sheet=sheet, row=number, column=headers["board"])
            continue
        days = boards.setdefault(name, [])
        if cell_text(cells.get("day")):
            try:
                day = read_int(cells["day"], what="a day number", minimum=1)
            except CellError as error:
                problems.add(str(error), sheet=sheet, row=number, column=headers["day"])
                continue
            if day != len(days) + 1:
                problems.add(
                    f"board {quoted(name)} goes from day {len(days)} to day {day}: list its days"
                    " in order, 1, 2, 3... (an empty Scenes cell is a day with no strips)",
                    sheet=sheet,
                    row=number,
                    column=headers["day"],
                )
                continue
        days.append(split_list(cells.get("scenes"), ",;\n"))
    return boards


# --------------------------------------------------------------------------- reading


def _load(data: bytes, problems: Problems) -> tuple[list[tuple[str, list[list[Any]]]], str]:
    """Every worksheet's cells, row 1 first, from the file's bytes (so the file is never touched
    again, and its extension does not matter to openpyxl), and who made the workbook."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops on load (data validation, slicers...).
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        creator = book.properties.creator or ""
        try:
            grids: list[tuple[str, list[list[Any]]]] = []
            for sheet in book.worksheets:
                reset = getattr(sheet, "reset_dimensions", None)
                if reset is not None:
                    reset()  # some writers store a wrong used range; read every stored row
                rows = [list(row) for row in sheet.iter_rows(min_row=1, values_only=True)]
                grids.append((sheet.title, rows))
        finally:
            book.close()
    except Exception as error:  # openpyxl raises many types for damaged files
        problems.fail(
            f"cannot read the workbook ({type(error).__name__}: {error}); open it in a"
            " spreadsheet program and save it again as .xlsx"
        )
    return grids, creator


def _name(settings: _Settings, sheets: list[StripSheet], path: Path) -> tuple[str, str]:
    """The production's name and where it came from: the Settings sheet, else a board's title
    cell (the first sheet's that has one), else the file name."""
    if settings.name:
        return settings.name, "the Settings sheet"
    for sheet in sheets:
        if sheet.title_cell is not None:
            title, cell = sheet.title_cell
            where = "" if len(sheets) == 1 else f" of sheet {sheet.sheet}"
            return title, f"the title cell {cell}{where}"
    return path.stem, "the file name"


def _sheet_kind(title: str) -> str | None:
    key = normalize(title)
    for kind, names in SHEETS.items():
        if key in {normalize(name) for name in names}:
            return kind
    return None


def read_workbook(path: Path, data: bytes, problems: Problems) -> Draft:
    """A production workbook (or any stripboard workbook) as a draft production."""
    grids, creator = _load(data, problems)
    # Every date of the workbook is read in one order: 03/04/2027 means one day on every sheet.
    with date_order(settle_date_order(grids, problems)):
        return _read_grids(path, grids, problems, creator)


def _read_grids(
    path: Path, grids: list[tuple[str, list[list[Any]]]], problems: Problems, creator: str | None
) -> Draft:
    if not any(cell_text(value) for _, grid in grids for row in grid for value in row):
        problems.fail("the workbook is empty: no sheet has any data")
    special: dict[str, tuple[str, Grid]] = {}
    sheets = []
    # shootplan's own report sheets list scenes too, but are no boards: a scene numbered like a
    # header ("Sc #") must not make the One-Liner read as one.
    reports = {normalize(name) for name in REPORT_SHEETS} if creator == CREATOR else set()
    for title, grid in grids:
        if normalize(title) in reports:
            continue
        kind = _sheet_kind(title)
        if kind is not None and kind not in special:
            special[kind] = (title, grid)
            continue
        sheet = read_strip_sheet(grid, problems, sheet=title, title=title, exact_sets=creator == CREATOR)
        if sheet is not None:
            sheets.append(sheet)
    if not sheets:
        names = ", ".join(title for title, _ in grids)
        problems.fail(
            "no sheet has a header row with a Scene column in its first 30 rows (looked for"
            f" Scene, Sc., Scene #, Scene No); sheets: {names}"
        )
    if len(sheets) == 1:
        sheets[0].title = path.stem  # one board: name it after the file, not "Sheet1"
    # The Scenes sheet defines the scenes (all their fields, in its order) wherever its tab is, so a
    # workbook may open on a board in shooting order that lacks some columns; a stable sort keeps
    # the other sheets, and so the boards, in tab order.
    defining = {normalize(name) for name in SCENE_SHEETS}
    sheets.sort(key=lambda sheet: normalize(sheet.title) not in defining)
    settings = _Settings()
    if "settings" in special:
        settings = _read_settings(special["settings"][1], special["settings"][0], problems)
    cast = _read_cast(special["cast"][1], special["cast"][0], problems) if "cast" in special else None
    locations = None
    if "locations" in special:
        locations = _read_locations(special["locations"][1], special["locations"][0], problems)
    boards = {}
    if "boards" in special:
        boards = _read_boards(special["boards"][1], special["boards"][0], problems)
    name, source = _name(settings, sheets, path)
    draft = assemble(sheets, problems, name=name, cast=cast, locations=locations)
    draft.name_source = source
    if settings.id:
        draft.data["id"] = settings.id
    draft.data["calendar"] = settings.calendar
    draft.data["rules"] = settings.rules
    draft.data["boards"] = {**draft.data["boards"], **boards}
    return draft

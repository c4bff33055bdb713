"""The production workbook: shootplan's spreadsheet template, read and written.

One ``.xlsx`` holds a whole production. Only ``Scenes`` is required; every other sheet, column and
setting falls back to the default shown. Sheet and column names are matched ignoring case and
punctuation, extra columns and sheets are ignored, and the Scenes sheet may be any stripboard
:mod:`shootplan.io.stripboard` reads (header row anywhere in the first rows, day breaks...). Lists
are separated by ``;`` or ``,``; date ranges are written ``2027-03-04..2027-03-08``; yes/no cells
take ``yes``, ``no``, ``x`` or blank.

Every other sheet with a Scene column is read as a board too (one sheet per revision, or the
Stripboard of a workbook :func:`shootplan.io.write_excel` wrote): its day breaks become one of the
production's boards. A scene listed on several sheets takes its data from the Scenes sheet,
wherever its tab is, else from the first sheet that lists it; a sheet that disagrees gets a
warning.

**Scenes** (one row per strip)

=================  ==================================================  ===================
column             meaning                                             default
=================  ==================================================  ===================
Scene              scene number as written: 12, 12A, A12, 70pt         required
Int/Ext            INT, EXT or INT/EXT (also I, E, I/E)                required
Set                BAILEY HOME - KITCHEN                               required
Day/Night          DAY, NIGHT, DAWN, DUSK, MORNING...                  DAY
Pages              2 3/8, 3/8, 1.25 (or an ``8ths`` column: 19)        required
Cast               board IDs: 1, 2, 14 (or names on the Cast sheet)    none
Location           where the set is shot                               set name before " - "
Est. Minutes       estimated shooting minutes (90, 1:30)               from the page count
Shoot Days         whole days a long scene occupies                    as its length needs
Script Day         story day: D3, N2                                   none
Synopsis           one line                                            empty
Earliest           not shot before this date                           none
Latest             not shot after this date                            none
Pinned             shot on this date                                   none
Cover              yes for a weather-cover set                         no
Elements: <name>   one column per element category, items by ``;``    none
=================  ==================================================  ===================

**Cast**: ID (board ID, required), Name (performer), Character, Daily Rate (pay per work or hold
day; it prices hold days), Unavailable (dates and ranges), Hold (paid on a consecutive basis;
default yes), Drop (may be dropped and picked up; default no), Drop Gap Days (default 10), Max Drops
(default 1), Minor (default no). Without a Cast sheet, every cast ID on the scenes becomes a cast
member; with one, a scene naming a cast member it does not list is an error.

**Locations**: Location (name, required), Address, Latitude, Longitude, Time Zone, Available From
and Available To (one window), Windows (several windows, as ranges), Unavailable (dates and
ranges). Locations the scenes use but the sheet omits are added, with a warning.

**Settings** (key/value rows: the key in the first column, its value in the next)

====================  ===========================================  ===========================
key                   value                                        default
====================  ===========================================  ===========================
Production            the production's name                        the file name
Start Date            date of shoot day 1                          see below
Time Zone             IANA name: America/New_York                  UTC
Shoot Days            shooting weekdays: Mon-Fri, Mon-Sat          Mon-Fri
Days Off              company dark days (dates and ranges)         none
Holidays              company holidays (dates and ranges)          none
Max Pages Per Day     page cap per shoot day: 5, 4 4/8             5
Max Minutes Per Day   shooting minutes per day, or ``none``        600
Minutes Per Page      estimate for scenes without minutes          120
Max Shoot Days        shoot days available                         no limit
Call Time             default crew call: 07:00                     07:00
Company Move Minutes  time a company move takes out of the day     60
Company Move Cost     cost of one company move                     5000
Hold Cost Factor      multiplier on a daily rate per hold day      1
Shoot Day Cost        cost of each shoot day used                  0
Turnaround            rest profile: sag, iatse, eu or none         sag
Precedences           scene A before scene B: ``12 > 13; 40 > 41``  none
Same Day              scenes shot on one day: ``12, 13; 40, 41``   none
====================  ===========================================  ===========================

Without a Start Date, the dates on the board's day breaks give it, else a fixed placeholder (see
:mod:`shootplan.io._build`) with a warning.

**Boards** (optional; the AD's own day assignments, ``Production.boards``): Board (its name), Day
(1, 2, 3... in order), Scenes (the day's scene numbers in shooting order, by ``,`` or ``;``).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shootplan.errors import ProductionError
from shootplan.io._build import DEFAULT_START, Draft
from shootplan.io._cells import (
    CellError,
    Grid,
    Problems,
    cell_text,
    file_mode,
    find_header,
    normalize,
    quoted,
    read_date,
    read_flag,
    read_int,
    read_number,
    read_pages,
    split_list,
)
from shootplan.io.stripboard import assemble, read_strip_sheet
from shootplan.model import WEEKDAY_NAMES, CastMember, Location, Production, Rules, ShootCalendar
from shootplan.pages import format_pages
from shootplan.palette import DEFAULT_STRIP_COLORS

__all__ = ["read_workbook", "write_workbook"]

SHEETS: dict[str, tuple[str, ...]] = {
    "cast": ("Cast", "Cast List", "Cast Members", "Actors"),
    "locations": ("Locations", "Location List", "Sites"),
    "settings": ("Settings", "Setup", "Production Settings"),
    "boards": ("Boards", "Board Days"),
}

CAST_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("ID", "Board ID", "Cast ID", "#", "Cast #", "Number"),
    "name": ("Name", "Performer", "Actor", "Actor Name", "Talent"),
    "character": ("Character", "Role", "Character Name", "Part"),
    "daily_rate": ("Daily Rate", "Rate", "Day Rate", "Per Day", "Rate Per Day"),
    "unavailable": ("Unavailable", "Unavailable Dates", "Not Available", "Blackout Dates"),
    "holds": ("Hold", "Holds", "Hold Days", "Consecutive"),
    "drop_pickup": ("Drop", "Drop/Pickup", "Drop and Pickup", "Drop Pickup"),
    "min_drop_gap_days": ("Drop Gap Days", "Drop Gap", "Drop Days", "Min Drop Gap"),
    "max_drops": ("Max Drops", "Drops Allowed"),
    "minor": ("Minor", "Under 18", "Is Minor"),
}

LOCATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Location", "Name", "Location Name", "Shooting Location"),
    "address": ("Address", "Street Address"),
    "latitude": ("Latitude", "Lat"),
    "longitude": ("Longitude", "Lon", "Lng", "Long"),
    "time_zone": ("Time Zone", "Timezone", "TZ"),
    "available_from": ("Available From", "From", "Available Start"),
    "available_to": ("Available To", "To", "Until", "Available Until"),
    "windows": ("Windows", "Available", "Available Dates"),
    "unavailable": ("Unavailable", "Unavailable Dates", "Not Available", "Blackout Dates"),
}

#: Names of the sheet that defines the scenes when several sheets list them (matched normalized).
SCENE_SHEETS = ("Scenes", "Scene List")

BOARD_COLUMNS: dict[str, tuple[str, ...]] = {
    "board": ("Board", "Board Name", "Schedule"),
    "day": ("Day", "Shoot Day", "Day #"),
    "scenes": ("Scenes", "Scene Numbers", "Strips"),
}


_HEADER_FONT = Font(bold=True)
_FIRST_EXCEL_YEAR = 1901


# --------------------------------------------------------------------------- settings


def _read_call_time(value: Any) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    text = cell_text(value).lower().replace(".", "")
    match = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm|a|p)?", text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if match[3] and match[3].startswith("p") and hour < 12:
            hour += 12
        if match[3] and match[3].startswith("a") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise CellError(f"cannot read {quoted(value)} as a time of day (e.g. 07:00 or 7:00 AM)")


def _read_optional_minutes(value: Any) -> int | None:
    if normalize(cell_text(value)) in {"none", "nocap", "nolimit", "unlimited"}:
        return None
    return read_int(value, what="a number of minutes, or none", minimum=1)


def _read_weekdays(value: Any) -> str:
    text = cell_text(value)
    if re.fullmatch(r"\d+(\.0+)?", text):
        raise CellError(
            f"expected the shooting weekdays, like Mon-Fri or Mon-Sat (got {quoted(value)});"
            " for a number of days available use Max Shoot Days"
        )
    return text


def _read_ranges(value: Any) -> str:
    return read_date(value).isoformat() if isinstance(value, date) else cell_text(value)


def _read_precedences(value: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for item in split_list(value, ";\n"):
        parts = [p.strip() for p in re.split(r"\s*(?:->|>|→|\bbefore\b)\s*", item) if p.strip()]
        if len(parts) != 2:
            raise CellError(
                f"cannot read {quoted(item)} as a precedence: write scene A > scene B (e.g. 12 > 13)"
            )
        pairs.append((parts[0], parts[1]))
    return pairs


def _read_groups(value: Any) -> list[list[str]]:
    return [split_list(group, ",") for group in split_list(value, ";\n")]


@dataclass(frozen=True)
class _Setting:
    """One Settings key: where it goes in the Production and how its cell is read."""

    key: str
    section: str  # "production", "calendar" or "rules"
    field: str
    read: Callable[[Any], Any]
    aliases: tuple[str, ...] = ()
    note: str = ""


SETTINGS: tuple[_Setting, ...] = (
    _Setting("Production", "production", "name", cell_text, ("Name", "Title"), "name"),
    _Setting("Start Date", "calendar", "start", read_date, ("Start", "First Day"), "date of shoot day 1"),
    _Setting("Time Zone", "calendar", "time_zone", cell_text, ("Timezone", "TZ"), "IANA name"),
    _Setting(
        "Shoot Days",
        "calendar",
        "weekdays",
        _read_weekdays,
        ("Weekdays", "Shooting Days", "Shoot Weekdays", "Work Week"),
        "shooting weekdays: Mon-Fri, Mon-Sat",
    ),
    _Setting("Days Off", "calendar", "days_off", _read_ranges, ("Dark Days",), "dates, ranges"),
    _Setting("Holidays", "calendar", "holidays", _read_ranges, (), "dates, ranges"),
    _Setting(
        "Max Pages Per Day",
        "rules",
        "max_eighths_per_day",
        read_pages,
        ("Pages Per Day", "Page Cap"),
        "page cap per shoot day",
    ),
    _Setting(
        "Max Minutes Per Day",
        "rules",
        "max_minutes_per_day",
        _read_optional_minutes,
        ("Minutes Per Day",),
        "shooting minutes a day, moves included, or none",
    ),
    _Setting(
        "Minutes Per Page",
        "rules",
        "minutes_per_page",
        lambda v: read_number(v, what="a number of minutes"),
        (),
        "estimate for scenes without Est. Minutes",
    ),
    _Setting(
        "Max Shoot Days",
        "rules",
        "max_shoot_days",
        lambda v: read_int(v, what="a number of shoot days", minimum=1),
        ("Shoot Days Available", "Days Available"),
        "shoot days available (blank: no limit)",
    ),
    _Setting("Call Time", "rules", "call_time", _read_call_time, ("Crew Call",), "crew call"),
    _Setting(
        "Company Move Minutes",
        "rules",
        "company_move_minutes",
        lambda v: read_int(v, what="a number of minutes", minimum=0),
        (),
        "shooting time a company move costs",
    ),
    _Setting(
        "Company Move Cost",
        "rules",
        "company_move_cost",
        lambda v: read_number(v, what="an amount"),
        (),
        "cost of one company move",
    ),
    _Setting(
        "Hold Cost Factor",
        "rules",
        "hold_cost_factor",
        lambda v: read_number(v, what="a number"),
        (),
        "multiplier on each cast member's Daily Rate per hold day",
    ),
    _Setting(
        "Shoot Day Cost",
        "rules",
        "shoot_day_cost",
        lambda v: read_number(v, what="an amount"),
        (),
        "cost of each shoot day used",
    ),
    _Setting(
        "Turnaround",
        "rules",
        "turnaround",
        lambda v: cell_text(v).lower(),
        ("Turnaround Profile", "Rest Profile"),
        "rest profile: sag, iatse, eu or none",
    ),
    _Setting(
        "Precedences",
        "rules",
        "precedences",
        _read_precedences,
        ("Shoot Before", "Order"),
        "scene A before scene B: 12 > 13; 40 > 41",
    ),
    _Setting(
        "Same Day",
        "rules",
        "same_day",
        _read_groups,
        ("Same Day Groups", "Same-Day"),
        "scenes shot on one day: 12, 13; 40, 41",
    ),
)
_SETTING_BY_KEY = {
    normalize(name): setting for setting in SETTINGS for name in (setting.key, *setting.aliases)
}


@dataclass
class _Settings:
    name: str | None = None
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
        if normalize(key) in {"setting", "settings", "key", "parameter"}:
            continue  # the sheet's own header row
        setting = _SETTING_BY_KEY.get(normalize(key))
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
            # The model names its own class and field ("Rules: call_time: ..."): the key says that.
            message = re.sub(r"^(?:ShootCalendar|Rules): \w+: ", "", str(error))
            problems.add(
                f"{setting.key}: {message}",
                sheet=sheet,
                row=index + 1,
                column=get_column_letter(position + 2),
            )
            continue
        if setting.section == "production":
            settings.name = parsed
        else:
            getattr(settings, setting.section)[setting.field] = parsed
    return settings


def _check_setting(setting: _Setting, value: Any) -> None:
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
        "unavailable": _read_ranges,
        "holds": lambda v: read_flag(v, default=True),
        "drop_pickup": lambda v: read_flag(v, default=False),
        "min_drop_gap_days": lambda v: read_int(v, what="a number of days", minimum=0),
        "max_drops": lambda v: read_int(v, what="a number of drops", minimum=0),
        "minor": lambda v: read_flag(v, default=False),
    }
    members: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, cells in _table(grid, sheet, CAST_COLUMNS, "id", problems):
        data = _read_cells(cells, readers, headers, sheet, number, problems)
        if data is None:
            continue
        if not data.get("id"):
            problems.add("no board ID (e.g. 1)", sheet=sheet, row=number, column=headers["id"])
            continue
        if data["id"] in seen:
            problems.add(
                f"duplicate cast id {quoted(data['id'])} (also on row {seen[data['id']]})",
                sheet=sheet,
                row=number,
                column=headers["id"],
            )
            continue
        seen[data["id"]] = number
        if _validated(CastMember, data, sheet, number, problems):
            members.append(data)
    return members


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
        "windows": _read_ranges,
        "unavailable": _read_ranges,
    }
    locations: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, cells in _table(grid, sheet, LOCATION_COLUMNS, "name", problems):
        data = _read_cells(cells, readers, headers, sheet, number, problems)
        if data is None:
            continue
        first, last = data.pop("available_from", None), data.pop("available_to", None)
        if first or last:
            # One window: open-ended on the side left blank.
            window = f"{first or date.min}..{last or date.max}"
            data["windows"] = f"{window}; {data['windows']}" if data.get("windows") else window
        name = data.get("name", "")
        if not name:
            problems.add("no location name", sheet=sheet, row=number, column=headers["name"])
            continue
        if name in seen:
            problems.add(
                f"duplicate location {quoted(name)} (also on row {seen[name]})",
                sheet=sheet,
                row=number,
                column=headers["name"],
            )
            continue
        seen[name] = number
        if _validated(Location, data, sheet, number, problems):
            locations.append(data)
    return locations


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
        for problem in error.problems:
            problems.add(problem, sheet=sheet, row=number)
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


def _load(data: bytes, problems: Problems) -> list[tuple[str, list[list[Any]]]]:
    """Every worksheet's cells, row 1 first, from the file's bytes (so the file is never touched
    again, and its extension does not matter to openpyxl)."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops on load (data validation, slicers...).
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
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
    return grids


def _sheet_kind(title: str) -> str | None:
    key = normalize(title)
    for kind, names in SHEETS.items():
        if key in {normalize(name) for name in names}:
            return kind
    return None


def read_workbook(path: Path, data: bytes, problems: Problems) -> Draft:
    """A production workbook (or any stripboard workbook) as a draft production."""
    grids = _load(data, problems)
    if not any(cell_text(value) for _, grid in grids for row in grid for value in row):
        problems.fail("the workbook is empty: no sheet has any data")
    special: dict[str, tuple[str, Grid]] = {}
    sheets = []
    for title, grid in grids:
        kind = _sheet_kind(title)
        if kind is not None and kind not in special:
            special[kind] = (title, grid)
            continue
        sheet = read_strip_sheet(grid, problems, sheet=title, title=title)
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
    draft = assemble(sheets, problems, name=settings.name or path.stem, cast=cast, locations=locations)
    draft.data["calendar"] = settings.calendar
    draft.data["rules"] = settings.rules
    draft.data["boards"] = {**draft.data["boards"], **boards}
    return draft


# --------------------------------------------------------------------------- writing

_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


SCENE_HEADERS: tuple[tuple[str, str], ...] = (
    ("Scene", "Scene number as written: 12, 12A, A12, 70pt."),
    ("Int/Ext", "INT, EXT or INT/EXT."),
    ("Set", "The set: BAILEY HOME - KITCHEN."),
    ("Day/Night", "DAY, NIGHT, DAWN, DUSK, MORNING... (blank: DAY)."),
    ("Pages", "Page count: 2 3/8, 3/8, 1."),
    ("Cast", "Board IDs of the cast in the scene: 1, 2, 14."),
    ("Location", "Where the set is shot (blank: the set name before ' - ')."),
    ("Est. Minutes", "Estimated shooting minutes (blank: from the page count)."),
    ("Shoot Days", "Whole shoot days a long scene occupies (blank: as its length needs)."),
    ("Script Day", "Story day: D3, N2."),
    ("Synopsis", "One line for the strip."),
    ("Earliest", "Not shot before this date."),
    ("Latest", "Not shot after this date."),
    ("Pinned", "Shot on this date."),
    ("Cover", "yes for a weather-cover set."),
)
CAST_HEADERS: tuple[tuple[str, str], ...] = (
    ("ID", "Board ID: 1 is the lead."),
    ("Name", "The performer."),
    ("Character", "The character they play."),
    ("Daily Rate", "Pay per work or hold day."),
    ("Unavailable", "Dates and ranges: 2027-03-04..2027-03-08; 2027-03-10."),
    ("Hold", "Paid on a consecutive basis (idle days between work days are holds)."),
    ("Drop", "May be dropped and picked up again across a long gap."),
    ("Drop Gap Days", "A drop needs a pickup more than this many calendar days later."),
    ("Max Drops", "Drops allowed per production."),
    ("Minor", "Under 18: minors' rules apply."),
)
LOCATION_HEADERS: tuple[tuple[str, str], ...] = (
    ("Location", "Name, as used on the scenes."),
    ("Address", "Street address for call sheets."),
    ("Latitude", "Decimal degrees."),
    ("Longitude", "Decimal degrees."),
    ("Time Zone", "IANA name (blank: the production's)."),
    ("Available From", "First date of its one availability window."),
    ("Available To", "Last date of its one availability window."),
    ("Windows", "Several availability windows, as ranges (instead of From/To)."),
    ("Unavailable", "Dates and ranges it cannot be used."),
)


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write a cell; text stays text (never a formula), and characters XML forbids are dropped."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, date) and value.year < _FIRST_EXCEL_YEAR:
        value = value.isoformat()  # Excel has no dates before 1900: keep it as text
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # a synopsis starting with "=" is not a formula
    else:
        cell.value = value
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


def _settings_rows(production: Production) -> list[tuple[str, Any, str]]:
    calendar, rules = production.calendar, production.rules
    call = rules.call_time.isoformat(timespec="minutes" if not rules.call_time.second else "seconds")
    values: dict[str, Any] = {
        "Production": production.name,
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
        "Hold Cost Factor": rules.hold_cost_factor,
        "Shoot Day Cost": rules.shoot_day_cost,
        "Turnaround": rules.turnaround.value,
        "Precedences": "; ".join(f"{a} > {b}" for a, b in rules.precedences),
        "Same Day": "; ".join(", ".join(group) for group in rules.same_day),
    }
    return [(s.key, values[s.key], s.note) for s in SETTINGS]


def _check_writable(production: Production) -> None:
    """Refuse what the template's list cells could not carry back unchanged."""
    problems: list[str] = []
    for scene in production.scenes:
        for category, items in scene.elements.items():
            if not items:
                problems.append(f"scene {scene.number!r}: element category {category!r} is empty")
            problems += [
                f"scene {scene.number!r}: element {item!r} contains ';' (the list separator)"
                for item in items
                if ";" in item or "\n" in item
            ]
        problems += [
            f"scene {scene.number!r}: cast id {cast_id!r} contains ',' or ';'"
            for cast_id in scene.cast
            if re.search(r"[,;]", cast_id)
        ]
    if problems:
        raise ProductionError(problems)


def write_workbook(
    production: Production,
    path: str | os.PathLike[str],
    *,
    colors: Mapping[tuple[bool, bool], str] | None = None,
    stamp: datetime | None = None,
) -> Path:
    """Write a production as the workbook template; reading it back gives an equal production.

    Sheets Scenes, Cast, Locations, Settings, and Boards when the production has boards. Strips
    are colored by ``colors`` ((exterior, night) -> RGB hex; default
    :data:`DEFAULT_STRIP_COLORS`). With a ``stamp``, the document's created and modified times
    and every part of the file carry it, so the same production always writes the same bytes (for
    files kept in version control); without one they carry the time of writing. The file is
    written to a temporary file beside ``path`` and moved into place, so a reader never sees half
    a workbook. Returns the path written.
    """
    _check_writable(production)
    target = Path(path)
    palette = {**DEFAULT_STRIP_COLORS, **(colors or {})}
    book = Workbook()
    scenes = book.active
    assert scenes is not None
    scenes.title = "Scenes"
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
            ", ".join(scene.cast),
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
        + ["; ".join(scene.elements.get(category, [])) for category in categories]
        for scene in production.scenes
    ]
    _write_table(scenes, headers, rows)
    for number, scene in enumerate(production.scenes, start=2):
        color = palette[(scene.is_exterior, scene.is_night)]
        fill = PatternFill(start_color=color, end_color=color, fill_type="solid")
        for column in range(1, len(headers) + 1):
            scenes.cell(row=number, column=column).fill = fill

    _write_table(
        book.create_sheet("Cast"),
        CAST_HEADERS,
        [
            [
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
            ]
            for member in production.cast
        ],
    )
    location_rows = []
    for location in production.locations:
        # One window goes in Available From/To (a blank side is open-ended), several in Windows.
        first = last = None
        windows = _ranges_text(location.windows)
        if len(location.windows) == 1:
            window = location.windows[0]
            first = None if window.start == date.min else window.start
            last = None if window.end == date.max else window.end
            windows = "" if first or last else windows
        location_rows.append(
            [
                location.name,
                location.address,
                location.latitude,
                location.longitude,
                location.time_zone,
                first,
                last,
                windows,
                _ranges_text(location.unavailable),
            ]
        )
    _write_table(book.create_sheet("Locations"), LOCATION_HEADERS, location_rows)
    _write_table(
        book.create_sheet("Settings"),
        (("Setting", ""), ("Value", ""), ("Notes", "")),
        _settings_rows(production),
    )
    if production.boards:
        _write_table(
            book.create_sheet("Boards"),
            (
                ("Board", "Name of the board (a schedule made by hand)."),
                ("Day", "Shoot day 1, 2, 3... in order."),
                ("Scenes", "The day's scene numbers in shooting order."),
            ),
            [
                [board, number, ", ".join(day)]
                for board, days in production.boards.items()
                for number, day in enumerate(days, start=1)
            ],
        )
    book.properties.creator = "shootplan"
    book.properties.title = production.name
    _save_atomically(book, target, stamp)
    return target


def _save_atomically(book: Workbook, target: Path, stamp: datetime | None) -> None:
    """Save beside the target, then rename over it: the old file survives any failure."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".xlsx")
    os.close(handle)
    try:
        book.save(temporary)
        if stamp is not None:
            _restamp(Path(temporary), stamp)
        os.chmod(temporary, file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _restamp(path: Path, stamp: datetime) -> None:
    """Give the document properties and every zip entry one timestamp (openpyxl uses "now")."""
    moment = stamp.astimezone(UTC) if stamp.tzinfo else stamp
    text = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>" + text + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            archive.writestr(entry, data)

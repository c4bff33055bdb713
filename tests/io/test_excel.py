"""The Excel workbook: sheets, strip colors, day and week breaks, DOOD codes, atomic writes, round trip."""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from shootplan import Production, Result, Schedule, ShootDay, Status, evaluate
from shootplan.errors import ShootplanError
from shootplan.io.excel import SHEET_NAMES, STRIPBOARD_HEADERS, write_excel
from shootplan.palette import DEFAULT_PALETTE
from shootplan.timeline import lay_out_days
from tests.conftest import report_day_lists, small_production_data


class _Status(Enum):
    OPTIMAL = 4


@dataclass(frozen=True)
class _SolverResult:
    """Stands in for the solver's Result: any object with these attributes will do."""

    status: _Status
    objective: float
    bound: float
    gap: float
    runtime: float


@pytest.fixture(scope="session")
def workbook_path(
    report_production: Production, report_schedule: Schedule, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The workbook of the report production, written once with a solver result."""
    path = tmp_path_factory.mktemp("excel") / "schedule.xlsx"
    result = _SolverResult(_Status.OPTIMAL, objective=54300.0, bound=54300.0, gap=0.0, runtime=1.5)
    return write_excel(report_production, report_schedule, path, result=result)


@pytest.fixture(scope="session")
def book(workbook_path: Path) -> openpyxl.Workbook:
    """The written workbook, opened with openpyxl."""
    return openpyxl.load_workbook(workbook_path)


def _rows(sheet: Worksheet) -> list[tuple[int, list[Any]]]:
    """Every row's number and values."""
    return [(cells[0].row, [c.value for c in cells]) for cells in sheet.iter_rows()]


def _rgb(cell: Any) -> str:
    """A cell's solid fill color as RRGGBB."""
    return str(cell.fill.start_color.rgb)[-6:].upper()


def _first_cells(sheet: Worksheet) -> list[str]:
    """Every row's first cell as text, top to bottom: strips, breaks and banners."""
    return [str(values[0]) for _, values in _rows(sheet)]


def _rows_starting(sheet: Worksheet, prefix: str) -> list[tuple[int, Any]]:
    """The rows whose first cell starts with ``prefix``, as (row number, first cell)."""
    return [(n, v[0]) for n, v in _rows(sheet) if str(v[0]).startswith(prefix)]


def _row_of(sheet: Worksheet, first_value: str) -> int:
    """The row whose first cell holds exactly this value."""
    return next(number for number, values in _rows(sheet) if values[0] == first_value)


# --------------------------------------------------------------------------- sheets and strips


def test_sheet_names_and_the_sheet_it_opens_on(book: openpyxl.Workbook) -> None:
    """The Stripboard first, then the reports and the template; the workbook opens on the board."""
    assert book.sheetnames == list(SHEET_NAMES)
    assert book.sheetnames[:6] == [
        "Stripboard",
        "One-Liner",
        "Day Out of Days",
        "Summary",
        "Cast",
        "Locations",
    ]
    assert book.active is not None and book.active.title == "Stripboard"


def test_stripboard_header_is_a_board_the_importer_knows(book: openpyxl.Workbook) -> None:
    """Row 4 carries Scene, Int/Ext, Set, Day/Night, Pages, Cast, Location...; frozen below it."""
    sheet = book["Stripboard"]
    assert [c.value for c in sheet[4]] == list(STRIPBOARD_HEADERS)
    assert sheet.freeze_panes == "A5"
    assert sheet.cell(row=1, column=1).value == "Report Town"


def test_strip_fill_colors_by_type(book: openpyxl.Workbook) -> None:
    """INT DAY white, EXT DAY yellow, INT NIGHT blue, EXT NIGHT green, across the whole strip."""
    sheet = book["Stripboard"]
    expected = {"1": "INT DAY", "1A": "EXT DAY", "5": "INT NIGHT", "7": "EXT NIGHT", "11": "EXT NIGHT"}
    for number, kind in expected.items():
        row = _row_of(sheet, number)
        fills = {_rgb(sheet.cell(row=row, column=c)) for c in range(1, len(STRIPBOARD_HEADERS) + 1)}
        assert fills == {DEFAULT_PALETTE[kind]}, number


def test_strip_cells_read_as_an_ad_writes_them(book: openpyxl.Workbook) -> None:
    """Scene numbers, start and pages are text ("05:46", "2 3/8"), cast is a list of board IDs."""
    sheet = book["Stripboard"]
    values = [c.value for c in sheet[_row_of(sheet, "1")]]
    assert values[0] == "1" and re.fullmatch(r"\d\d:\d\d", values[1])
    assert values[2:8] == ["INT", "HOUSE - KITCHEN", "DAY", "2 3/8", "1, 5, 6, 7, 8, 9", "HOUSE"]


def test_day_break_rows_carry_day_date_times_and_page_total(book: openpyxl.Workbook) -> None:
    """Black rows with white bold text close each day with its date, type, call, wrap and pages."""
    sheet = book["Stripboard"]
    breaks = _rows_starting(sheet, "End of Day")
    parts = [text.split(" -- ") for _, text in breaks]
    assert [(p[0], p[1], p[3]) for p in parts] == [
        ("End of Day 1", "Mon, Mar 1, 2027", "5 pages"),
        ("End of Day 2", "Tue, Mar 2, 2027", "1 page"),
        ("End of Day 3", "Wed, Mar 3, 2027", "1 4/8 pages"),
        ("End of Day 4", "Thu, Mar 4, 2027", "1 2/8 pages"),
        ("End of Day 5", "Fri, Mar 5, 2027", "2 pages"),
        ("End of Day 6", "Mon, Mar 8, 2027", "1 1/8 pages"),
        ("End of Day 7", "Tue, Mar 9, 2027", "1 6/8 pages"),
        ("End of Day 8", "Thu, Mar 11, 2027", "2 4/8 pages"),
        ("End of Day 9", "Fri, Mar 12, 2027", "1 3/8 pages"),
        ("End of Day 10", "Mon, Mar 15, 2027", "5/8 pages"),
        ("End of Day 11", "Tue, Mar 16, 2027", "3 6/8 pages"),
    ]
    # Day 2, one EXT DAY scene after sunrise, calls at the rules' 07:00.
    assert parts[1][2] == "Day shoot · Call 07:00 · Wrap 09:00"
    row = breaks[0][0]
    cell = sheet.cell(row=row, column=1)
    assert _rgb(cell) == "000000" and cell.font.bold and str(cell.font.color.rgb).endswith("FFFFFF")
    assert f"A{row}:K{row}" in {str(r) for r in sheet.merged_cells.ranges}
    # Day 1's strips (1 and 1A) sit right above its day break.
    assert [sheet.cell(row=r, column=1).value for r in (row - 2, row - 1)] == ["1", "1A"]


def test_night_exteriors_are_a_night_shoot_called_in_the_evening(book: openpyxl.Workbook) -> None:
    """Day 11's EXT NIGHT scene: a night shoot called after 16:00, wrapping after midnight."""
    for name in ("Stripboard", "One-Liner"):
        text = next(t for _, t in _rows_starting(book[name], "End of Day 11 "))
        kind, call, wrap = text.split(" -- ")[2].split(" · ")
        assert kind == "Night shoot", name
        assert call.startswith("Call ") and call[5:] > "16:00", name
        assert wrap.startswith("Wrap ") and wrap.endswith("(+1)"), name


def test_each_strip_starts_when_the_timeline_says(
    book: openpyxl.Workbook, report_production: Production, report_schedule: Schedule
) -> None:
    """The Start column of the Stripboard and the One-Liner is each scene's planned start."""
    timelines = lay_out_days(report_production, report_schedule)
    expected = {
        number: f"{start:%H:%M}"
        for day in timelines
        for number, (start, _) in day.scene_times().items()
        if start.date() == day.day.date
    }
    assert expected["2"] == "07:00" and expected["7"] > "16:00"
    board = book["Stripboard"]
    assert board.cell(row=4, column=2).value == "Start"
    for number, start in expected.items():
        assert board.cell(row=_row_of(board, number), column=2).value == start, number
    lines = book["One-Liner"]
    assert [c.value for c in lines[4]][:4] == ["Day", "Date", "Start", "Scene (Part)"]
    starts = {values[3]: values[2] for _, values in _rows(lines)[4:] if isinstance(values[0], int)}
    assert {number: starts[number] for number in expected} == expected


def test_week_break_rows_close_each_calendar_week(book: openpyxl.Workbook) -> None:
    """Orange rows after each week, with its shoot days and pages."""
    sheet = book["Stripboard"]
    weeks = _rows_starting(sheet, "End of Week")
    assert [text for _, text in weeks] == [
        "End of Week 1 -- 5 shoot days -- 10 6/8 pages",
        "End of Week 2 -- 4 shoot days -- 6 6/8 pages",
        "End of Week 3 -- 2 shoot days -- 4 3/8 pages",
    ]
    assert _rgb(sheet.cell(row=weeks[0][0], column=1)) == DEFAULT_PALETTE["WEEK BREAK"]
    assert sheet.cell(row=weeks[0][0] - 1, column=1).value.startswith("End of Day 5")


def test_holidays_and_days_off_between_shoot_days_have_their_own_rows(book: openpyxl.Workbook) -> None:
    """The Wednesday holiday is a red row between days 7 and 8; weekends are left to week breaks."""
    sheet = book["Stripboard"]
    firsts = _first_cells(sheet)
    holiday = firsts.index("Holiday -- Wed, Mar 10, 2027")
    assert firsts[holiday - 1].startswith("End of Day 7 -- Tue, Mar 9, 2027 -- ")
    assert _rgb(sheet.cell(row=holiday + 1, column=1)) == DEFAULT_PALETTE["HOLIDAY"]
    assert [text for text in firsts if text.startswith(("Holiday", "Day off", "Days off"))] == [
        "Holiday -- Wed, Mar 10, 2027"
    ]


def test_days_off_rows_fall_in_their_own_week(tmp_path: Path) -> None:
    """Dark days on a Friday and the next Monday: one grey row before the week break, one after."""
    data = small_production_data()
    data["calendar"]["days_off"] = ["2027-03-05", "2027-03-08"]
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1"], ["4"], ["2", "5"], ["6"], ["3"]])
    path = write_excel(production, schedule, tmp_path / "dark.xlsx")
    sheet = openpyxl.load_workbook(path)["Stripboard"]
    firsts = _first_cells(sheet)[4:]
    assert firsts[firsts.index("6") :] == [
        "6",
        "End of Day 4 -- Thu, Mar 4, 2027 -- Day shoot · Call 07:00 · Wrap 09:00 -- 1 page",
        "Day off -- Fri, Mar 5, 2027",
        "End of Week 1 -- 4 shoot days -- 7 4/8 pages",
        "Day off -- Mon, Mar 8, 2027",
        "3",
        "End of Day 5 -- Tue, Mar 9, 2027 -- Day shoot · Call 07:00 · Wrap 07:45 -- 3/8 pages",
        "End of Week 2 -- 1 shoot day -- 3/8 pages",
    ]
    assert _rgb(sheet.cell(row=firsts.index("Day off -- Fri, Mar 5, 2027") + 5, column=1)) == "D9D9D9"
    read = _read_production()(path)  # the rows are banners to the importer
    assert read.calendar == production.calendar
    assert read.boards == {"Stripboard": schedule.day_lists()}


def test_print_setup_is_landscape_fit_to_width_with_repeated_headers(book: openpyxl.Workbook) -> None:
    """Every report prints landscape, one page wide, header rows on each page."""
    for name in ("Stripboard", "One-Liner", "Day Out of Days", "Scenes", "Cast"):
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.print_title_rows, name
    assert book["Stripboard"].print_title_rows == "$4:$4"


def test_one_liner_lists_strips_with_day_breaks(book: openpyxl.Workbook) -> None:
    """Each strip on one line under its day and date; a black day break closes each day."""
    sheet = book["One-Liner"]
    rows = [values for _, values in _rows(sheet)][4:]
    assert rows[0][:4] == [1, rows[0][1], rows[0][2], "1"] and rows[0][1].date() == date(2027, 3, 1)
    assert rows[1][3] == "1A" and rows[1][7] == "2 5/8"
    assert rows[2][0].startswith("End of Day 1 -- Mon, Mar 1, 2027 -- Day shoot · Call ")
    assert rows[2][0].endswith(" -- 5 pages")


# --------------------------------------------------------------------------- Day Out of Days


def _dood_row(sheet: Worksheet, cast_id: str) -> dict[Any, Any]:
    """A cast member's DOOD row keyed by the header: dates, then the totals' titles."""
    headers = [c.value for c in sheet[3]]
    row = next(cells for cells in sheet.iter_rows(min_row=5) if cells[0].value == cast_id)
    keyed: dict[Any, Any] = {}
    for header, cell in zip(headers, row, strict=False):
        key = header.date() if hasattr(header, "date") else header
        keyed[key] = cell.value
    return keyed


def test_dood_sheet_codes_and_totals(book: openpyxl.Workbook) -> None:
    """Codes per date, blank on off days, totals at the right."""
    sheet = book["Day Out of Days"]
    weekend = _dood_row(sheet, "3")
    assert [weekend[date(2027, 3, d)] for d in (5, 6, 7, 8, 9)] == ["SW", None, None, "H", "WF"]
    assert (weekend["Work"], weekend["Hold"], weekend["Total"]) == (2, 1, 3)
    dropped = _dood_row(sheet, "5")
    assert [dropped[date(2027, 3, d)] for d in (2, 10, 15, 16)] == ["D", "HOL", "PW", "WF"]
    assert dropped["Drop"] == 8
    assert _dood_row(sheet, "2")[date(2027, 3, 3)] == "SWF"
    assert _dood_row(sheet, "1")["Start"].date() == date(2027, 3, 1)


def test_dood_sheet_colors_off_days_grey_and_holidays_red(book: openpyxl.Workbook) -> None:
    """Weekend columns are grey and the holiday column red, in every cast row."""
    sheet = book["Day Out of Days"]
    headers = [c.value for c in sheet[3]]
    column = {h.date(): i + 1 for i, h in enumerate(headers) if hasattr(h, "date")}
    for row in range(6, 6 + 9):
        assert _rgb(sheet.cell(row=row, column=column[date(2027, 3, 6)])) == DEFAULT_PALETTE["OFF"]
        assert _rgb(sheet.cell(row=row, column=column[date(2027, 3, 10)])) == DEFAULT_PALETTE["HOLIDAY"]
    assert sheet.cell(row=5, column=column[date(2027, 3, 8)]).value == 6  # shoot day number
    assert sheet.freeze_panes == "C6"


# --------------------------------------------------------------------------- Summary


def test_summary_shows_metrics_and_solver_status(book: openpyxl.Workbook) -> None:
    """Headline costs from evaluate, the solver's status and a zero gap."""
    pairs = {values[0]: values[1] for _, values in _rows(book["Summary"]) if values[0]}
    assert pairs["Shoot days"] == 11
    assert pairs["Company moves"] == 1
    assert pairs["Status"] == "OPTIMAL" and pairs["Gap"] == 0.0
    assert "Runtime (s)" not in pairs  # the run's clock is in run.json: the workbook keeps its bytes
    assert pairs["Hold days"] == 1 + 5 + 7


def test_summary_days_show_type_call_and_wrap(book: openpyxl.Workbook) -> None:
    """The Days table: a 07:00 day shoot, and a night shoot called in the evening, wrapping next day."""
    rows = [values for _, values in _rows(book["Summary"])]
    header = rows.index(
        ["Day", "Date", "Locations", "Moves", "Move Cost", "Pages", "Minutes", "Type", "Call", "Wrap"]
    )
    days = {values[0]: values[7:10] for values in rows[header + 1 : header + 12]}
    assert days[2][:2] == ["Day shoot", "07:00"]
    kind, call, wrap = days[11]
    assert kind == "Night shoot" and call > "16:00" and wrap.endswith(" (+1)")


def test_summary_without_a_solver_result(tmp_path: Path, report_production: Production) -> None:
    """A hand-made schedule is scored as given; the solver block says there was no run."""
    schedule = Schedule.from_day_lists(report_production, report_day_lists())
    path = write_excel(report_production, schedule, tmp_path / "hand.xlsx")
    pairs = {values[0]: values[1] for _, values in _rows(openpyxl.load_workbook(path)["Summary"])}
    assert str(pairs["Status"]).startswith("no solver result")


# --------------------------------------------------------------------------- palette, boneyard, multi-day


@pytest.mark.slow
def test_custom_palette_recolors_strips(tmp_path: Path, report_production: Production) -> None:
    """A palette entry replaces a type's color on the Stripboard."""
    schedule = Schedule.from_day_lists(report_production, report_day_lists())
    path = write_excel(report_production, schedule, tmp_path / "pink.xlsx", palette={"EXT DAY": "#FFC0CB"})
    sheet = openpyxl.load_workbook(path)["Stripboard"]
    assert _rgb(sheet.cell(row=_row_of(sheet, "1A"), column=1)) == "FFC0CB"
    assert _rgb(sheet.cell(row=_row_of(sheet, "1"), column=1)) == "FFFFFF"


def test_unscheduled_strips_go_to_the_boneyard(tmp_path: Path, small_production: Production) -> None:
    """Scenes no day lists sit under a Boneyard banner below the last day break."""
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"]])
    sheet = openpyxl.load_workbook(write_excel(small_production, schedule, tmp_path / "b.xlsx"))["Stripboard"]
    firsts = [values[0] for _, values in _rows(sheet)]
    banner = next(i for i, v in enumerate(firsts) if str(v).startswith("Boneyard"))
    assert firsts[banner] == "Boneyard -- 2 strips not scheduled -- 1 3/8 pages"
    assert firsts[banner + 1 :] == ["3", "6"]


def test_multi_day_scene_is_one_strip_with_continuation_banners(
    tmp_path: Path, two_day_production: Production, two_day_schedule: Schedule
) -> None:
    """A 2-day scene is listed once (the importer rejects repeats), with a banner on its 2nd day."""
    path = write_excel(two_day_production, two_day_schedule, tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(path)["Stripboard"]
    firsts = _first_cells(sheet)
    assert firsts.count("7") == 1
    banner = next(text for text in firsts if text.startswith("Scene 7 continued"))
    start = lay_out_days(two_day_production, two_day_schedule)[2].scene_times()["7"][0]
    assert banner == f"Scene 7 continued -- day 2 of 2 -- from {start:%H:%M} -- EXT. FARM - FIELD - DAY"
    assert any(t.startswith("End of Day 3 -- Wed, Mar 3, 2027 -- Day shoot") for t in firsts)
    assert any(t.endswith(" -- 6 pages") for t in firsts if t.startswith("End of Day 3"))


# --------------------------------------------------------------------------- atomic writes


def _leftovers(directory: Path) -> list[str]:
    """Files in a directory other than the expected output."""
    return sorted(p.name for p in directory.iterdir() if p.name != "out.xlsx")


def test_write_replaces_an_existing_file_whole(tmp_path: Path, small_production: Production) -> None:
    """An old file at the path is replaced by a complete workbook, with no temporary left behind."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"an old schedule")
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    assert write_excel(small_production, schedule, target) == target
    assert openpyxl.load_workbook(target).sheetnames[:2] == ["Stripboard", "One-Liner"]
    assert _leftovers(tmp_path) == []


def test_failed_build_leaves_the_existing_file_untouched(
    tmp_path: Path, small_production: Production
) -> None:
    """A schedule with an unknown scene or a bad palette fails before the disk is touched."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"yesterday's schedule")
    bad = Schedule(days=[ShootDay(number=1, date=date(2027, 3, 1), scenes=["1", "99"])])
    with pytest.raises(ShootplanError, match="scene '99'"):
        write_excel(small_production, bad, target)
    good = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    with pytest.raises(ShootplanError, match="palette"):
        write_excel(small_production, good, target, palette={"INT DAY": "not a color"})
    assert target.read_bytes() == b"yesterday's schedule"
    assert _leftovers(tmp_path) == []


def test_failed_rename_leaves_the_existing_file_and_no_partial_file(
    tmp_path: Path, small_production: Production, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the final rename fails, the old file is intact and the temporary file is removed."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"yesterday's schedule")

    def refuse(source: Any, destination: Any) -> None:
        raise PermissionError("the file is open in Excel")

    monkeypatch.setattr(os, "replace", refuse)
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    with pytest.raises(PermissionError):
        write_excel(small_production, schedule, target)
    assert target.read_bytes() == b"yesterday's schedule"
    assert _leftovers(tmp_path) == []


def test_write_into_a_missing_folder_creates_it(tmp_path: Path, small_production: Production) -> None:
    """Writing to plan/week1/schedule.xlsx makes the folders, as the calendars writer does."""
    target = tmp_path / "plan" / "week1" / "schedule.xlsx"
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    assert write_excel(small_production, schedule, target) == target
    assert openpyxl.load_workbook(target).sheetnames[0] == "Stripboard"
    assert sorted(p.name for p in target.parent.iterdir()) == ["schedule.xlsx"]


# --------------------------------------------------------------------------- round trip


def _read_production() -> Any:
    """shootplan.io.read_production, or skip while the importer is not there."""
    io = pytest.importorskip("shootplan.io")
    reader = getattr(io, "read_production", None)
    if reader is None:
        pytest.skip("shootplan.io.read_production is not available yet")
    return reader


def test_round_trip_gives_the_same_production_and_days(
    workbook_path: Path, report_production: Production, report_schedule: Schedule
) -> None:
    """Read back, the workbook is the same production, and its Stripboard the same day assignment."""
    read_production = _read_production()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a clean round trip needs no guessing
        production = read_production(workbook_path)
    assert production.model_dump(exclude={"boards"}) == report_production.model_dump(exclude={"boards"})
    assert production.boards == {"Stripboard": report_schedule.day_lists()}
    again = Schedule.from_board(production, "Stripboard")
    assert again.dates() == report_schedule.dates() and again.day_lists() == report_schedule.day_lists()


@pytest.mark.slow
def test_round_trip_keeps_the_productions_own_boards(tmp_path: Path, report_production: Production) -> None:
    """Boards the production already had survive; a stale "Stripboard" board is the new one."""
    read_production = _read_production()
    days = report_day_lists()
    production = report_production.replace(boards={"Rev. WHITE": days[::-1], "Stripboard": days[:1]})
    schedule = Schedule.from_day_lists(production, days)
    path = write_excel(production, schedule, tmp_path / "boards.xlsx")
    assert "Boards" in openpyxl.load_workbook(path).sheetnames
    read = read_production(path)
    assert read.boards == {"Rev. WHITE": days[::-1], "Stripboard": days}


def _battle_production() -> Production:
    """The small production with a 12-page battle (3 days by pages) and a 2-day chase (by setting)."""
    data = small_production_data()
    data["scenes"] += [
        {
            "number": "50",
            "int_ext": "EXT",
            "set": "FARM - FIELD",
            "time_of_day": "DAY",  # four pages a day: more than a dusk's light holds
            "eighths": 96,
            "cast": ["1", "2"],
            "synopsis": "The battle at the farm",
            "elements": {"Stunts": ["12 riders"]},
        },
        {
            "number": "51",
            "int_ext": "INT/EXT",
            "set": "PICKUP TRUCK - MOVING",
            "location": "COUNTY ROAD",
            "time_of_day": "MORNING",
            "eighths": 10,
            "shoot_days": 2,
            "cast": ["2"],
            "latest": "2027-03-31",
        },
    ]
    data["locations"].append({"name": "COUNTY ROAD"})
    return Production.model_validate(data)


@pytest.mark.slow
def test_round_trip_puts_multi_day_scenes_on_each_of_their_days(tmp_path: Path) -> None:
    """A 3-day battle and a 2-day chase read back on all their days: same production, same days."""
    read_production = _read_production()
    production = _battle_production()
    days = [["1", "4"], ["50"], ["50"], ["50"], ["2", "5"], ["51"], ["51"], ["6", "3"]]
    schedule = Schedule.from_day_lists(production, days, name="battle")
    assert evaluate(production, schedule).is_feasible
    path = write_excel(production, schedule, tmp_path / "battle.xlsx")
    sheet = openpyxl.load_workbook(path)["Stripboard"]
    firsts = _first_cells(sheet)
    assert firsts.count("50") == 1 and firsts.count("51") == 1
    banners = [text for text in firsts if text.startswith("Scene 50 continued -- day 3 of 3 -- from ")]
    assert len(banners) == 1 and banners[0].endswith(" -- EXT. FARM - FIELD - DAY")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a clean round trip needs no guessing
        read = read_production(path)
    assert read.model_dump(exclude={"boards"}) == production.model_dump(exclude={"boards"})
    assert read.boards == {"Stripboard": schedule.day_lists()}
    again = Schedule.from_board(read, "Stripboard")
    assert again.day_lists() == schedule.day_lists() and again.dates() == schedule.dates()


def test_text_that_looks_like_numbers_or_formulas_stays_text(tmp_path: Path) -> None:
    """Scene "1.10" is not the number 1.1 and a synopsis starting with "=" is not a formula."""
    data = small_production_data()
    data["scenes"].append(
        {
            "number": "1.10",
            "int_ext": "INT",
            "set": "DINER - BOOTH",
            "eighths": 1,
            "synopsis": "=1+1 is not math",
        }
    )
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "1.10", "4"], ["2", "5"], ["6"], ["3"]])
    path = write_excel(production, schedule, tmp_path / "text.xlsx")
    sheet = openpyxl.load_workbook(path)["Stripboard"]
    row = _row_of(sheet, "1.10")
    assert sheet.cell(row=row, column=11).value == "=1+1 is not math"
    assert sheet.cell(row=row, column=11).data_type == "s"
    read_production = _read_production()
    assert read_production(path).scene("1.10").synopsis == "=1+1 is not math"


def test_summary_lists_what_the_bound_rests_on(tmp_path: Path, small_production: Production) -> None:
    """Each reason behind the bound is a Summary row under the lower bound, the first one labelled."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    reasons = ["at least 1 company move: first reason", "at least 2 hold days for 3. MAE: second reason"]
    result = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 1.0, bound_reasons=reasons)
    path = write_excel(small_production, schedule, tmp_path / "bound.xlsx", result=result)
    rows = [values[:2] for _, values in _rows(openpyxl.load_workbook(path)["Summary"])]
    at = rows.index(["Lower bound", 6000.0])
    assert rows[at + 1 : at + 3] == [["Bound rests on", reasons[0]], [None, reasons[1]]]
    assert rows[at + 3][0] == "Gap"


def test_summary_takes_the_solvers_own_result(tmp_path: Path, small_production: Production) -> None:
    """A real solve()'s Result fills the Summary's status, objective, bound and gap."""
    pytest.importorskip("ortools")
    solver = pytest.importorskip("shootplan.solver.solve")
    result = solver.solve(small_production, time_limit=10, num_workers=1)
    assert result.schedule is not None
    path = write_excel(small_production, result.schedule, tmp_path / "solved.xlsx", result=result)
    pairs = {values[0]: values[1] for _, values in _rows(openpyxl.load_workbook(path)["Summary"])}
    assert pairs["Status"] == result.status.name
    assert pairs["Objective"] == pytest.approx(result.objective)
    assert pairs["Gap"] == pytest.approx(result.gap)
    assert pairs["In words"] == result.quality[0]


def _solver_rows(path: Path) -> list[list[Any]]:
    """The Summary's Solver section: label and value of each row, up to the next blank row."""
    rows = [values[:2] for _, values in _rows(openpyxl.load_workbook(path)["Summary"])]
    start = rows.index(["Solver", None])
    end = next(n for n in range(start + 1, len(rows)) if rows[n] == [None, None])
    return rows[start + 1 : end]


def test_summary_says_the_bound_in_words_beside_its_numbers(
    tmp_path: Path, small_production: Production
) -> None:
    """A weak bound (gap over half) keeps its numeric cells and adds that it proves little; when the
    cost last fell is the run's clock (run.json), not the workbook's."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    result = Result(Status.FEASIBLE, schedule, 349_050.0, 5_000.0, 60.2, last_improvement=58.0)
    rows = _solver_rows(write_excel(small_production, schedule, tmp_path / "weak.xlsx", result=result))
    assert ["Lower bound", 5000.0] in rows and ["Gap", pytest.approx(result.gap)] in rows
    assert rows[-1:] == [
        [
            "In words",
            "the bound proves little here: it only rules out schedules under 5,000, so how much"
            " more could be saved is unknown",
        ],
    ]


def test_summary_words_a_close_bound_and_a_quiet_search(tmp_path: Path, small_production: Production) -> None:
    """A close bound says how much could still be saved, whenever the cost last fell."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    result = Result(Status.FEASIBLE, schedule, 189_050.0, 176_650.0, 60.0, last_improvement=20.0)
    rows = _solver_rows(write_excel(small_production, schedule, tmp_path / "close.xlsx", result=result))
    assert rows[-1:] == [
        ["In words", "at most 12,400 could still be saved: no schedule can cost less than 176,650"],
    ]


def test_summary_of_another_tools_result_words_its_optimum(book: openpyxl.Workbook) -> None:
    """A result without last_improvement (another tool's) still gets its words: proven best."""
    pairs = {values[0]: values[1] for _, values in _rows(book["Summary"]) if values[0]}
    assert pairs["In words"] == "proven best: no schedule can cost less than 54,300"
    assert "Cost last fell (s)" not in pairs


def test_the_same_plan_writes_the_same_workbook_dated_by_the_schedule(
    tmp_path: Path, small_production: Production
) -> None:
    """The workbook's created and modified times and its zip entries carry the schedule's time, not
    the time of saving, and a run's clock is not in it: the same plan gives the same bytes."""
    created = datetime(2027, 2, 1, 9, 30, tzinfo=UTC)
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]], created=created)
    fast = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 2.0, last_improvement=1.0)
    slow = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 60.0, last_improvement=59.0)
    first = write_excel(small_production, schedule, tmp_path / "fast.xlsx", result=fast)
    second = write_excel(small_production, schedule, tmp_path / "slow.xlsx", result=slow)
    assert first.read_bytes() == second.read_bytes()
    properties = openpyxl.load_workbook(first).properties
    assert properties.created == properties.modified == created.replace(tzinfo=None)
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2027, 2, 1, 9, 30, 0)}

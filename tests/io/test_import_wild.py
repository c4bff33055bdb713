"""Boards in the wild, second round (issue 18): board IDs in matrix headers, Scene Header columns,
a broken Cast row, date order, impossible dates, the production's name and USS revisions."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shootplan import Production, ShootplanWarning
from shootplan.errors import ImportProblem
from shootplan.io import read_production
from shootplan.io.readers import read_production_from
from tests.io.import_fixtures import revisions_uss, strips, write_xlsx

START = date(2027, 3, 1)


def _read(path: Path, **overrides: object) -> Production:
    """Read a board, its warnings silenced (tests that care about them catch them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShootplanWarning)
        return read_production(path, **overrides)  # type: ignore[arg-type]


def _problems(path: Path) -> list[str]:
    with pytest.raises(ImportProblem) as caught:
        _read(path, start=START)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("nora", "vance", "bartender"),
    [
        ("1 NORA", "3 CAPT. VANCE", "11 BARTENDER"),
        ("1. NORA", "3. CAPT. VANCE", "11. BARTENDER"),
        ("NORA (1)", "CAPT. VANCE (3)", "BARTENDER (11)"),
        ("#1 NORA", "#3 CAPT. VANCE", "#11 BARTENDER"),
    ],
)
def test_matrix_headers_keep_board_ids_and_names(
    tmp_path: Path, nora: str, vance: str, bartender: str
) -> None:
    """X-matrix columns headed with an ID and a name keep that ID, and the name loses the number."""
    board = tmp_path / "matrix.csv"
    board.write_text(
        f"Scene,I/E,Set,D/N,Pages,{nora},{vance},{bartender}\n"
        "1,INT,DINER,DAY,1,X,,X\n"
        "2,EXT,FARM,DAY,2/8,,X,\n"
    )
    production = _read(board, start=START)
    assert [(c.id, c.character) for c in production.cast] == [
        ("1", "NORA"),
        ("3", "CAPT. VANCE"),
        ("11", "BARTENDER"),
    ]
    assert {s.number: list(s.cast) for s in production.scenes} == {"1": ["1", "11"], "2": ["3"]}


def test_spaced_labels_in_a_cast_cell_keep_their_ids(tmp_path: Path) -> None:
    """A Cast cell ``1 NORA; 3 CAPT. VANCE`` names cast 1 and 3, while ``1 3`` stays two IDs."""
    board = tmp_path / "labels.csv"
    board.write_text("Scene,I/E,Set,Pages,Cast\n1,INT,DINER,1,1 NORA; 3 CAPT. VANCE\n2,INT,DINER,1,1 3\n")
    production = _read(board, start=START)
    assert [(c.id, c.character) for c in production.cast] == [("1", "NORA"), ("3", "CAPT. VANCE")]
    assert {s.number: list(s.cast) for s in production.scenes} == {"1": ["1", "3"], "2": ["1", "3"]}


@pytest.mark.parametrize("header", ["Scene Header", "Scene Heading", "Heading", "Slugline"])
def test_scene_header_column_gives_int_ext_set_location_and_time(tmp_path: Path, header: str) -> None:
    """A heading column with no Set column fills I/E, the set, its location and the time of day."""
    board = tmp_path / "headers.csv"
    board.write_text(
        f"Scene,{header},Pages,Cast\n"
        "1,INT. SHERIFF STATION - OFFICE - DAY,1,1\n"
        "2,EXT. MAIN STREET - NIGHT,2/8,1\n"
        "3,INT./EXT. PATROL CAR - MOVING (DUSK),3/8,1\n"
    )
    production = _read(board, start=START)
    assert strips(production) == {
        "1": ("INT", "SHERIFF STATION - OFFICE", "DAY", "SHERIFF STATION", ["1"]),
        "2": ("EXT", "MAIN STREET", "NIGHT", "MAIN STREET", ["1"]),
        "3": ("INT/EXT", "PATROL CAR - MOVING", "DUSK", "PATROL CAR", ["1"]),
    }


def _cast_board(path: Path, rate: object, unavailable: object) -> Path:
    """Three strips naming cast 1 (NORA) and 2; row 2 of the Cast sheet carries the typo."""
    return write_xlsx(
        path,
        {
            "Scenes": [
                ["Scene", "I/E", "Set", "D/N", "Pages", "Cast"],
                ["1", "INT", "DINER", "DAY", "1", "1, 2"],
                ["2", "EXT", "FARM", "DAY", "2/8", "NORA"],
                ["3", "INT", "DINER", "NIGHT", "1", "1"],
            ],
            "Cast": [
                ["ID", "Name", "Character", "Daily Rate", "Unavailable"],
                [1, "Jo Alvarez", "NORA", rate, unavailable],
                [2, "Sam Okafor", "ELIAS", 900, None],
            ],
        },
    )


@pytest.mark.parametrize(
    ("rate", "unavailable", "column", "value"),
    [
        (1000, "2027-0x-05", "Unavailable", '"2027-0x-05"'),
        ("abc", None, "Daily Rate", '"abc"'),
        (1000, "2027-03-04..2027-02-31", "Unavailable", '"2027-02-31"'),
    ],
)
def test_one_typo_on_the_cast_sheet_is_one_problem(
    tmp_path: Path, rate: object, unavailable: object, column: str, value: str
) -> None:
    """A bad date or rate on a Cast row is one plain problem at its cell; strips naming the
    performer (by ID or character) still resolve, so there is no 'unknown cast' cascade."""
    problems = _problems(_cast_board(tmp_path / "cast.xlsx", rate, unavailable))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"cast.xlsx, sheet Cast, row 2, column {column}: ")
    assert value in problems[0]
    assert "Input should" not in problems[0]


def test_a_cast_row_without_its_id_is_one_problem(tmp_path: Path) -> None:
    """NORA's row with a blank ID is one problem at its cell: the strips naming her by character
    or by the ID the cell lacks add none, while a name no row carries is still reported."""
    book = write_xlsx(
        tmp_path / "cast.xlsx",
        {
            "Scenes": [
                ["Scene", "I/E", "Set", "D/N", "Pages", "Cast"],
                ["1", "INT", "DINER", "DAY", "1", "1, 2"],
                ["2", "EXT", "FARM", "DAY", "2/8", "NORA"],
                ["3", "INT", "DINER", "NIGHT", "1", "1"],
                ["4", "INT", "DINER", "NIGHT", "1", "Jo Alvarez, ELIAS"],
            ],
            "Cast": [
                ["ID", "Name", "Character", "Daily Rate"],
                [None, "Jo Alvarez", "NORA", 1000],
                [2, "Sam Okafor", "ELIAS", 900],
            ],
        },
    )
    assert _problems(book) == ["cast.xlsx, sheet Cast, row 2, column ID: no board ID (e.g. 1)"]
    _set_cell(book, "Scenes", 5, 6, "Jo Alvarez, VANCE")
    assert _problems(book) == [
        "cast.xlsx, sheet Cast, row 2, column ID: no board ID (e.g. 1)",
        'cast.xlsx, sheet Scenes, row 5, column Cast: unknown cast "VANCE": not an ID, name or'
        " character on the Cast sheet",
    ]


def _set_cell(book: Path, sheet: str, row: int, column: int, value: object) -> None:
    """Change one cell of a workbook written for a test."""
    workbook = load_workbook(book)
    workbook[sheet].cell(row=row, column=column, value=value)
    workbook.save(book)


def test_cast_date_ranges_read_in_plain_words(tmp_path: Path) -> None:
    """Unavailable dates in any form the board uses (ranges, US dates, Mar 4, 2027) are read."""
    production = _read(
        _cast_board(tmp_path / "cast.xlsx", 1000, "3/4/2027..3/5/2027; Mar 10, 2027"), start=START
    )
    assert [str(r) for r in production.cast[0].unavailable] == ["2027-03-04..2027-03-05", "2027-03-10"]


def _dated_board(tmp_path: Path, *lines: str) -> Path:
    board = tmp_path / "dates.csv"
    board.write_text("\n".join(lines) + "\n")
    return board


def test_a_day_above_12_makes_the_whole_file_day_first(tmp_path: Path) -> None:
    """25/03/2027 on a day break: 03/04/2027 elsewhere in the file is 3 April."""
    board = _dated_board(
        tmp_path,
        "Scene,I/E,Set,Pages,Earliest",
        "1,INT,DINER,1,03/04/2027",
        "END OF DAY 1 -- 25/03/2027",
    )
    production = _read(board)
    assert production.scenes[0].earliest == date(2027, 4, 3)
    assert production.calendar.start == date(2027, 3, 25)


def test_a_date_order_setting_decides(tmp_path: Path) -> None:
    """A Date Order row (here above the header) reads 03/04/2027 as 3 April."""
    board = _dated_board(
        tmp_path, "Date Order,day-first", "Scene,I/E,Set,Pages,Earliest", "1,INT,DINER,1,03/04/2027"
    )
    assert _read(board, start=START).scenes[0].earliest == date(2027, 4, 3)


def test_a_date_order_setting_on_the_settings_sheet(tmp_path: Path) -> None:
    """Date Order on the Settings sheet of a workbook applies to its Scenes sheet."""
    book = write_xlsx(
        tmp_path / "dates.xlsx",
        {
            "Scenes": [
                ["Scene", "I/E", "Set", "Pages", "Earliest"],
                ["1", "INT", "DINER", "1", "03/04/2027"],
            ],
            "Settings": [["Setting", "Value"], ["Date Order", "day-first"], ["Start Date", "01/03/2027"]],
        },
    )
    production = _read(book)
    assert production.scenes[0].earliest == date(2027, 4, 3)
    assert production.calendar.start == date(2027, 3, 1)


def test_a_date_order_setting_wins_over_the_dates_on_the_scenes_sheet(tmp_path: Path) -> None:
    """Settings says day-first, Scenes (read first) has 04/20/2027: the setting decides, so the
    date is day 4 of a month 20, an error at its cell, not a silent switch to month-first."""
    book = write_xlsx(
        tmp_path / "dates.xlsx",
        {
            "Scenes": [
                ["Scene", "I/E", "Set", "Pages", "Earliest"],
                ["1", "INT", "DINER", "1", "04/20/2027"],
                ["2", "INT", "DINER", "1", "03/04/2027"],
            ],
            "Settings": [["Setting", "Value"], ["Date Order", "day-first"]],
        },
    )
    assert _problems(book) == [
        'dates.xlsx, sheet Scenes, row 2, column Earliest: "04/20/2027" is not a date: there is no'
        " month 20 (read day-first)"
    ]
    _set_cell(book, "Scenes", 2, 5, "20/04/2027")
    assert [s.earliest for s in _read(book, start=START).scenes] == [date(2027, 4, 20), date(2027, 4, 3)]


def test_only_ambiguous_dates_read_month_first_with_one_notice(tmp_path: Path) -> None:
    """With no day above 12 anywhere, 03/04/2027 is March 4, and one notice names the cell."""
    board = _dated_board(tmp_path, "Scene,I/E,Set,Pages,Earliest", "1,INT,DINER,1,03/04/2027")
    with pytest.warns(ShootplanWarning) as caught:
        production = read_production(board, start=START)
    assert production.scenes[0].earliest == date(2027, 3, 4)
    notices = [str(w.message) for w in caught if "month-first" in str(w.message)]
    assert notices == [
        'dates.csv: dates such as "03/04/2027" (cell E2) are read month-first (no date in the file'
        " has a day above 12); add a Date Order setting (day-first) if they are day-first"
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Feb 31, 2027", '"Feb 31, 2027" is not a date: February 2027 has 28 days, not 31'),
        ("2027-02-31", '"2027-02-31" is not a date: February 2027 has 28 days, not 31'),
        ("13/13/2027", '"13/13/2027" is not a date: there is no month 13 (read month-first)'),
    ],
)
def test_impossible_dates_are_errors_naming_the_cell(tmp_path: Path, written: str, message: str) -> None:
    """Feb 31 on a day break or in a date column is an error at its row and column, not skipped."""
    board = _dated_board(
        tmp_path,
        "Scene,I/E,Set,Pages,Earliest",
        f'1,INT,DINER,1,"{written}"',
        f'"END OF DAY 1 -- {written}"',
    )
    problems = _problems(board)
    assert problems == [
        f"dates.csv, row 2, column Earliest: {message}",
        f"dates.csv, row 3, column Scene: {message}",
    ]


def _uss(tmp_path: Path, sched_color: str | None = None, first: str = "First Pass") -> Production:
    path = tmp_path / "passes.uss"
    path.write_text(json.dumps(revisions_uss(sched_color, first)))
    return _read(path, start=START)


def test_uss_cast_names_lose_their_board_id_prefix(tmp_path: Path) -> None:
    """``1. NORA`` (elementId 1) and ``2 ELI`` (no elementId) are NORA and ELI, cast 1 and 2."""
    production = _uss(tmp_path)
    assert [(c.id, c.character) for c in production.cast] == [("1", "NORA"), ("2", "ELI")]
    assert {s.number: list(s.cast) for s in production.scenes} == {"1": ["1"], "2": ["2"], "3": ["1", "2"]}


@pytest.mark.parametrize(
    ("sched_color", "first", "latest"),
    [
        (None, "First Pass", "Rev. WHITE"),
        ("White", "First Pass", "Rev. WHITE"),
        ("Blue", "Rev. BLUE", "Rev. BLUE"),
        ("Pink", "First Pass", "Rev. WHITE"),
    ],
)
def test_uss_current_stripboard_is_the_last_board(
    tmp_path: Path, sched_color: str | None, first: str, latest: str
) -> None:
    """The latest revision is the production's last board, the one plan plans within: the
    stripboard named after the header's schedule colour (schedColor), else the last listed."""
    production = _uss(tmp_path, sched_color, first)
    assert list(production.boards)[-1] == latest
    assert set(production.boards) == {first, "Rev. WHITE"}


@pytest.mark.parametrize(
    ("rows", "name", "source"),
    [
        ([["SALT & STATIC"], ["Rev. BLUE -- printed 3/22/2027"]], "SALT & STATIC", "the title cell A1"),
        (
            [[None, "Mar 3, 2027"], [None, "52 4/8 pgs", "HARBOUR LIGHTS"]],
            "HARBOUR LIGHTS",
            "the title cell C2",
        ),
        ([["2027-03-01"], []], "titled", "the file name"),
        ([], "titled", "the file name"),
    ],
)
def test_production_name_from_the_title_cell(
    tmp_path: Path, rows: list[list[object]], name: str, source: str
) -> None:
    """The first non-empty cell above the header that is not a date or a page count names the
    production; without one, the file name does."""
    header = [["Scene", "I/E", "Set", "Pages"], ["1", "INT", "DINER", "1"]]
    read = read_production_from(
        write_xlsx(tmp_path / "titled.xlsx", {"Board": [*rows, *header]}), start=START
    )
    assert (read.production.name, read.name_source) == (name, source)
    assert list(read.production.boards) == [] and read.production.scenes[0].set == "DINER"


def test_settings_name_wins_over_the_title_cell(tmp_path: Path) -> None:
    """A Production setting names the production, whatever the board's title cell says."""
    book = write_xlsx(
        tmp_path / "named.xlsx",
        {
            "Scenes": [["SALT & STATIC"], ["Scene", "I/E", "Set", "Pages"], ["1", "INT", "DINER", "1"]],
            "Settings": [["Production", "Low Tide"]],
        },
    )
    read = read_production_from(book, start=START)
    assert (read.production.name, read.name_source) == ("Low Tide", "the Settings sheet")


def test_csv_title_row_names_the_production(tmp_path: Path) -> None:
    """A CSV board's title row names it too (the messy board's SALT & STATIC case, as CSV)."""
    board = tmp_path / "board_v3_FINAL.csv"
    board.write_text("SALT & STATIC,,,\nScene,I/E,Set,Pages\n1,INT,DINER,1\n")
    assert _read(board, start=START).name == "SALT & STATIC"

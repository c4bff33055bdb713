"""Errors that help: every problem placed and explained, all at once, never a traceback."""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from shootplan import ImportProblem, ShootplanError
from shootplan.io import read_production
from tests.io.import_fixtures import DATA, matrix_board_rows, wild_board_rows, write_xlsx

START = date(2027, 3, 1)


def _problems(path: Path, **overrides: Any) -> list[str]:
    with pytest.raises(ImportProblem) as info:
        read_production(path, **overrides)
    return info.value.problems


def test_every_problem_of_a_board_is_reported_together() -> None:
    """Zero, negative and unreadable pages, a bad Int/Ext, a duplicate and a missing number: six problems."""
    assert _problems(DATA / "board_errors.csv") == [
        'board_errors.csv, row 4, column Pages: a scene needs at least 1/8 page (got "0"); a strip with no'
        " pages has nothing to shoot",
        'board_errors.csv, row 5, column Int/Ext: cannot read "INSIDE" as INT, EXT or INT/EXT'
        " (also I, E, I/E)",
        'board_errors.csv, row 6, column Scene: duplicate scene "2" (also on row 3); give each strip its own'
        " number (e.g. 12A, 12B)",
        'board_errors.csv, row 7, column Pages: cannot read "abc" as a page count (e.g. 2 3/8, 3/8, 1.25)',
        "board_errors.csv, row 8, column Scene: no scene number on a row with strip data; number every strip"
        " (e.g. 12, 12A)",
        'board_errors.csv, row 9, column Pages: a page count cannot be negative (got "-1")',
    ]


def test_the_message_lists_every_problem() -> None:
    """str() of the error is a count and one line per problem, ready to print."""
    with pytest.raises(ImportProblem) as info:
        read_production(DATA / "board_errors.csv")
    lines = str(info.value).splitlines()
    assert lines[0] == "6 problems:"
    assert len(lines) == 7


def test_missing_scene_column_is_one_clear_error() -> None:
    """A board without a Scene column says so and shows the first row it found."""
    assert _problems(DATA / "board_no_scene.csv") == [
        "board_no_scene.csv: no header row with a Scene column in the first 30 rows (looked for Scene, Sc.,"
        " Scene #, Scene No); the first row reads: Shot, Int/Ext, Set, Day/Night, Pages"
    ]


def test_missing_pages_column_is_named_once(tmp_path: Path) -> None:
    """A header without any page column is one problem on the header row, not one per strip."""
    path = tmp_path / "nopages.csv"
    path.write_text("Scene,Int/Ext,Set\n1,INT,DINER\n2,EXT,FARM\n")
    (problem,) = _problems(path)
    assert problem.startswith(
        "nopages.csv, row 1: no Pages column (looked for Pages, Pgs, Pg, Page Count or 8ths)"
    )


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n", b",,,\n,,\n"], ids=["zero bytes", "blank lines", "commas"]
)
def test_empty_file_is_one_clear_error(content: bytes, tmp_path: Path) -> None:
    """An empty file, or one of blank rows, is reported as empty."""
    path = tmp_path / "board.csv"
    path.write_bytes(content)
    assert _problems(path) == ["board.csv: the file is empty"]


def test_empty_workbook_is_one_clear_error(tmp_path: Path) -> None:
    """A workbook whose sheets hold nothing is reported as empty."""
    path = write_xlsx(tmp_path / "empty.xlsx", {"Sheet1": [], "Sheet2": []})
    assert _problems(path) == ["empty.xlsx: the workbook is empty: no sheet has any data"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a spreadsheet: it looks like a PNG image"),
        ("board.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "an old binary Excel (.xls)"),
        ("script.pdf", b"%PDF-1.7\n%\xe2\xe3", "not a spreadsheet: it looks like a PDF document"),
        ("board.sex", bytes(range(256)), "not a spreadsheet: it is a binary file"),
    ],
    ids=["png", "xls", "pdf", "binary"],
)
def test_file_that_is_not_a_spreadsheet(name: str, content: bytes, expected: str, tmp_path: Path) -> None:
    """Images, PDFs, old .xls and binaries are one error saying what the file seems to be."""
    path = tmp_path / name
    path.write_bytes(content)
    (problem,) = _problems(path)
    assert problem.startswith(f"{name}: {expected}")
    assert ".xlsx" in problem


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    """A zip without a workbook inside is not a spreadsheet; a damaged xlsx says to save it again."""
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert _problems(path)[0].startswith("archive.xlsx: not a spreadsheet: it is a zip archive")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really>")
    (problem,) = _problems(broken)
    assert problem.startswith("broken.xlsx: cannot read the workbook (")
    assert "save it again as .xlsx" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"scenes": [', "not valid JSON"),
        ('{"title": "nothing"}', "neither a USS schedule"),
        ('{"universalScheduleStandard": []}', "universalScheduleStandard is not an object"),
    ],
)
def test_json_problems(text: str, expected: str, tmp_path: Path) -> None:
    """Broken JSON, JSON of another kind and a malformed USS each give one error naming the file."""
    path = tmp_path / "data.json"
    path.write_text(text)
    (problem,) = _problems(path)
    assert problem.startswith("data.json: ") and expected in problem


def test_production_json_problems_name_the_file(tmp_path: Path) -> None:
    """A Production JSON with a bad reference is an ImportProblem that names the file and the scene."""
    path = tmp_path / "prod.json"
    path.write_text(
        '{"name": "x", "calendar": {"start": "2027-03-01"},'
        ' "scenes": [{"number": "1", "int_ext": "INT", "set": "A", "eighths": 8, "cast": ["9"]}]}'
    )
    assert _problems(path) == [
        "prod.json: scene '1': unknown cast id '9'",
        "prod.json: scene '1': unknown location 'A'",
    ]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    """A path that does not exist, or is a folder, is an ImportProblem, not an OSError."""
    assert _problems(tmp_path / "nowhere.csv") == ["nowhere.csv: no such file"]
    assert _problems(tmp_path) == [f"{tmp_path.name}: is a folder, not a file"]


def test_bad_override_is_named(tmp_path: Path) -> None:
    """An unreadable max_pages_per_day is reported as that keyword's problem."""
    (problem,) = _problems(DATA / "board_ids.csv", max_pages_per_day="lots")
    assert problem.startswith("max_pages_per_day: cannot read 'lots' as a page count")


def test_bad_cast_mark_in_a_matrix(tmp_path: Path) -> None:
    """A matrix cell that is neither a mark nor blank is named by its row and its cast column."""
    rows = matrix_board_rows()
    rows[2][6] = "maybe"
    path = write_xlsx(tmp_path / "matrix.xlsx", {"Board": rows})
    assert _problems(path, start=START) == [
        'matrix.xlsx, sheet Board, row 3, column 2. ELIAS: cannot read "maybe" as a cast mark'
        " (X where they work, else blank)"
    ]


@pytest.mark.parametrize("name", ["board_ids.csv", "wild.xlsx"])
def test_input_file_is_never_modified(name: str, tmp_path: Path) -> None:
    """Reading a board leaves its bytes and its modification time unchanged."""
    if name.endswith(".xlsx"):
        path = write_xlsx(tmp_path / name, {"Board": wild_board_rows()})
    else:
        path = tmp_path / name
        path.write_bytes((DATA / name).read_bytes())
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_production(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# --------------------------------------------------------------------------- property-based

# Each column's typical values: mixed with random cells, they reach past the header checks.
COLUMN_VALUES: dict[str, list[str]] = {
    "Scene": ["1", "2", "12A", "70pt", "A12", "7.73A", "3", "4"],
    "Int/Ext": ["INT", "EXT", "I/E", "Int."],
    "Set": ["DINER - BOOTH", "FARM", "INT. DINER - NIGHT", "BAILEY HOME - KITCHEN"],
    "Day/Night": ["DAY", "NIGHT", "DUSK", ""],
    "Pages": ["2 3/8", "3/8", "1", "1.25", "2-3/8", "3 5/8 pgs"],
    "8ths": ["19", "3"],
    "Cast": ["1", "1, 2", "1. NORA; 2. ELIAS", "NORA", "NORA (1)", "1 2 14", ""],
    "Location": ["Route 9 Diner", ""],
    "Slugline": ["INT. DINER - NIGHT", "EXT. FARM - FIELD - DAY"],
    "Est. Minutes": ["90", "1:30", "1h 30m", ""],
    "Shoot Days": ["1", "2", ""],
    "Earliest": ["2027-03-01", "3/1/2027", "Mar 1, 2027", ""],
    "Pinned": ["2027-03-04", ""],
    "Cover": ["yes", "no", "x", ""],
    "Shoot Day": ["1", "Day 2", "3", ""],
    "Shoot Date": ["2027-03-01", "3/2/2027", ""],
    "Elements: Props": ["lamp; chair", ""],
    "1. NORA": ["X", "", "x"],
    "MAE": ["X", ""],
}
HEADERS = list(COLUMN_VALUES)
WORDS = st.sampled_from(
    [
        "END OF DAY 1",
        "End Day # 2 Tue, Mar 2, 2027",
        "DAY 3 -- Wed 3/3/2027",
        "Total",
        "1. NORA; 2. ELIAS",
        "X",
        "2027-03-04",
        "12A",
    ]
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
CSV_CELL = st.one_of(st.just(""), WORDS, TEXT, st.integers(-5, 10**6).map(str), st.floats().map(str))


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([header, *rows])
    return path


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.one_of(st.sampled_from(HEADERS), TEXT), min_size=1, max_size=10),
    rows=st.lists(st.lists(CSV_CELL, max_size=10), max_size=8),
)
@pytest.mark.filterwarnings("ignore::shootplan.ShootplanWarning")
def test_random_csv_cells_raise_only_shootplan_errors(header: list[str], rows: list[list[str]]) -> None:
    """Whatever the header and cells of a CSV board hold, reading succeeds or raises a ShootplanError."""
    _read_or_shootplan_error(lambda folder: _write_csv(folder / "random.csv", header, rows))


@st.composite
def likely_boards(draw: st.DrawFn, cell: st.SearchStrategy[Any]) -> list[list[Any]]:
    """A header of known columns in any order; rows of typical values, a share of them random.

    The share of random cells is none, a few or many, so that some boards read cleanly and the
    others fail in every way a cell can.
    """
    header = draw(st.permutations(HEADERS[1:]))[: draw(st.integers(2, len(HEADERS) - 1))]
    header.insert(draw(st.integers(0, len(header))), "Scene")
    noise = draw(st.sampled_from([0, 3, 30]))
    rows = []
    for number in range(draw(st.integers(0, 8))):
        row = []
        for name in header:
            typical = st.sampled_from(COLUMN_VALUES[name])
            if name == "Scene":
                typical = st.just(str(number + 1))  # unique numbers, or every board is a duplicate
            row.append(draw(cell if draw(st.integers(0, 99)) < noise else typical))
        rows.append(row)
    if rows and draw(st.booleans()):
        rows.insert(draw(st.integers(0, len(rows))), [draw(WORDS)])  # a day break or a banner
    return [list(header), *rows]


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(board=likely_boards(CSV_CELL))
@pytest.mark.filterwarnings("ignore::shootplan.ShootplanWarning")
def test_likely_csv_boards_raise_only_shootplan_errors(board: list[list[str]]) -> None:
    """Boards of known columns holding typical and random values: success or a ShootplanError."""
    _read_or_shootplan_error(lambda folder: _write_csv(folder / "likely.csv", board[0], board[1:]))


def _read_or_shootplan_error(write: Any) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        write(folder)
        (path,) = folder.iterdir()
        with contextlib.suppress(ShootplanError):
            read_production(path)


XLSX_TEXT = TEXT.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
XLSX_CELL = st.one_of(
    st.none(),
    WORDS,
    XLSX_TEXT,
    st.integers(-5, 10**9),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.booleans(),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2100, 1, 1)),
    st.times().map(lambda t: time(t.hour, t.minute)),
)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(board=likely_boards(XLSX_CELL))
@pytest.mark.filterwarnings("ignore::shootplan.ShootplanWarning")
def test_random_xlsx_cells_raise_only_shootplan_errors(board: list[list[Any]]) -> None:
    """Numbers, dates, times, booleans and text in any xlsx cell: success or a ShootplanError."""
    _read_or_shootplan_error(lambda folder: write_xlsx(folder / "random.xlsx", {"Board": board}))

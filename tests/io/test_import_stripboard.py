"""Stripboards in the wild: every board shape the importer reads, as CSV and as xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shootplan import DateRange, IntExt, Production, Schedule, ShootplanWarning, evaluate
from shootplan.errors import ImportProblem
from shootplan.io import read_production
from shootplan.io.stripboard import parse_slugline
from tests.io.import_fixtures import (
    DATA,
    matrix_board_rows,
    revision_board_rows,
    strips,
    wild_board_rows,
    write_xlsx,
)

START = date(2027, 3, 1)


@pytest.fixture(scope="session")
def ids_board() -> Production:
    """board_ids.csv: titles above the header, cast as IDs, every page form, three dated day breaks.

    Six strips; a banner, a blank row and a totals row between them; 70pt sits after the last day
    break (the boneyard). Days fall on Mon Mar 1, Wed Mar 3 and Thu Mar 4, 2027.
    """
    return read_production(DATA / "board_ids.csv")


@pytest.fixture(scope="session")
def wild_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """wild.xlsx: a merged title, header on row 4, numeric pages and cast, a 3/8 Excel made a date."""
    path = tmp_path_factory.mktemp("boards") / "wild.xlsx"
    return write_xlsx(
        path,
        {"Board": wild_board_rows(), "Notes": [["Call sheet notes"], ["Nothing to import here"]]},
        merged={"Board": ["A1:G1", "A12:G12"]},
    )


@pytest.fixture(scope="session")
def matrix_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """matrix.xlsx: three strips, cast marked with X in columns 1. NORA, 2. ELIAS and MAE."""
    return write_xlsx(tmp_path_factory.mktemp("boards") / "matrix.xlsx", {"Sheet1": matrix_board_rows()})


@pytest.fixture(scope="session")
def revisions_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """revisions.xlsx: sheets First Pass (3 days) and Second Pass (2 days) of the same three scenes."""
    return write_xlsx(
        tmp_path_factory.mktemp("boards") / "revisions.xlsx",
        {
            "First Pass": revision_board_rows([["1"], ["2"], ["3"]]),
            "Second Pass": revision_board_rows([["3", "1"], ["2"]]),
        },
    )


def test_ids_board_scenes_pages_and_strips(ids_board: Production) -> None:
    """The CSV board gives six scenes, 88 eighths, and each strip's cast, set and location."""
    assert len(ids_board.scenes) == 6
    assert ids_board.total_eighths == 8 + 3 + 19 + 19 + 10 + 29
    assert strips(ids_board) == {
        "1": ("EXT", "KESSLER MILL - YARD", "NIGHT", "KESSLER MILL", ["3"]),
        "2": ("INT", "KESSLER MILL - FOREMAN'S OFFICE", "NIGHT", "KESSLER MILL", []),
        "3": ("INT", "JUNE'S CAR - MOVING", "MORNING", "JUNE'S CAR", ["1", "2"]),
        "4A": ("EXT", "HARTWELL HOUSE - PORCH", "DAY", "HARTWELL HOUSE", ["1"]),
        "12": ("INT/EXT", "HARTWELL HOUSE - KITCHEN", "DUSK", "HARTWELL HOUSE", ["1", "2", "14"]),
        "70pt": ("INT", "SHERIFF'S STATION - CELL", "NIGHT", "SHERIFF'S STATION", ["2"]),
    }


def test_ids_board_creates_cast_and_locations(ids_board: Production) -> None:
    """Every cast ID mentioned becomes a cast member; every location mentioned becomes a location."""
    assert [member.id for member in ids_board.cast] == ["1", "2", "3", "14"]
    assert [loc.name for loc in ids_board.locations] == [
        "KESSLER MILL",
        "JUNE'S CAR",
        "HARTWELL HOUSE",
        "SHERIFF'S STATION",
    ]


def test_day_breaks_become_the_board_and_unscheduled_strips_stay_off_it(ids_board: Production) -> None:
    """END OF DAY and End Day # rows close days; the strip after the last break is in no day."""
    assert ids_board.boards == {"board_ids": [["1", "2"], ["3", "4A"], ["12"]]}


def test_dated_day_breaks_give_start_and_days_off(ids_board: Production) -> None:
    """Days dated Mon, Wed, Thu give start Monday and Tuesday as a day off: the calendar matches."""
    calendar = ids_board.calendar
    assert calendar.start == date(2027, 3, 1)
    assert calendar.days_off == [DateRange.model_validate("2027-03-02")]
    assert calendar.shoot_dates(3) == [date(2027, 3, 1), date(2027, 3, 3), date(2027, 3, 4)]


def test_slugline_column_and_cast_labels() -> None:
    """A slugline column gives int/ext, set and time; 1. NORA and NORA (1) labels name the cast."""
    production = read_production(DATA / "board_labels.csv", start=START)
    assert len(production.scenes) == 4
    assert production.total_eighths == 12 + 6 + 2 + 8
    assert strips(production) == {
        "5": ("INT", "DINER", "NIGHT", "Route 9 Diner", ["1", "2"]),
        "6": ("EXT", "FARM - FIELD", "DAY", "Kessler Farm", ["1"]),
        "7": ("INT/EXT", "NORA'S TRUCK - MOVING", "DAWN", "Kessler Farm", ["1", "3"]),
        "8": ("EXT", "FARM - BARN", "DAY", "Kessler Farm", ["3"]),
    }
    assert [(c.id, c.character) for c in production.cast] == [("1", "NORA"), ("2", "ELIAS"), ("3", "MAE")]
    assert [production.scene(n).minutes for n in "5678"] == [90, 45, None, None]


def test_cast_names_get_ids_first_seen_first_in_a_tab_separated_file() -> None:
    """Names become IDs 1, 2, 3 in order of first appearance; a .txt of tabs reads as a board."""
    production = read_production(DATA / "board_names.txt", start=START)
    assert len(production.scenes) == 4
    assert production.total_eighths == 3 + 10 + 16 + 8  # an 8ths column holds eighths
    assert strips(production) == {
        "21": ("INT", "CLINIC - WARD", "NIGHT", "County Clinic", ["1", "2"]),
        "22": ("EXT", "CLINIC - PARKING LOT", "NIGHT", "County Clinic", ["2"]),
        "23": ("INT", "DINER - BOOTH", "DAY", "Route 9 Diner", ["3", "1"]),
        "24": ("EXT", "MAIN STREET", "DAY", "Main Street", []),
    }
    assert [(c.id, c.character) for c in production.cast] == [("1", "NORA"), ("2", "ELIAS"), ("3", "MAE")]


def test_semicolon_file_with_decimal_commas_and_a_shoot_day_column() -> None:
    """A European CSV (; separator, 1,25 pages) with a Shoot Day column gives the board by day."""
    production = read_production(DATA / "board_semicolon.csv", start=START)
    assert len(production.scenes) == 4
    assert production.total_eighths == 10 + 4 + 16 + 4
    assert strips(production) == {
        "31": ("INT", "BANK - LOBBY", "DAY", "BANK", ["1"]),
        "32": ("INT", "BANK - VAULT", "DAY", "BANK", ["1", "2"]),
        "33": ("EXT", "BANK - STEPS", "NIGHT", "BANK", ["2"]),
        "34": ("EXT", "RIVER - BANKS", "DAWN", "RIVER", ["1"]),
    }
    assert production.boards == {"board_semicolon": [["32", "33"], ["31"]]}


def test_one_liner_with_day_headers_above_each_day() -> None:
    """A board that opens each day (DAY 1 -- Monday 3/1/2027) is read like one that closes it."""
    production = read_production(DATA / "oneliner.csv")
    assert len(production.scenes) == 3
    assert production.total_eighths == 16 + 12 + 3
    assert strips(production) == {
        "1": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1"]),
        "2": ("EXT", "FARM - FIELD", "DAY", "FARM", ["1", "2"]),
        "3": ("INT", "CLINIC - WARD", "NIGHT", "CLINIC", ["2"]),
    }
    assert production.boards == {"oneliner": [["1"], ["2", "3"]]}
    assert production.calendar.start == date(2027, 3, 1)


def test_wild_xlsx_with_titles_numbers_and_dated_breaks(wild_xlsx: Path) -> None:
    """The xlsx board: header on row 4, 2.375 and a date-mangled 3/8 as pages, numeric cast IDs."""
    production = read_production(wild_xlsx)
    assert len(production.scenes) == 4
    assert production.total_eighths == 8 + 3 + 19 + 6
    assert strips(production) == {
        "1": ("EXT", "KESSLER MILL - YARD", "NIGHT", "Kessler Mill", ["3"]),
        "2": ("INT", "KESSLER MILL - OFFICE", "NIGHT", "Kessler Mill", []),
        "3": ("INT", "JUNE'S CAR - MOVING", "MORNING", "County Road", ["1", "2"]),
        "4": ("EXT", "HARTWELL HOUSE - PORCH", "DAY", "HARTWELL HOUSE", ["1"]),
    }
    assert production.boards == {"wild": [["1", "2"], ["3", "4"]]}  # one board: named after the file
    assert production.calendar.start == date(2027, 3, 1)


def test_cast_matrix_of_x_marks(matrix_xlsx: Path) -> None:
    """Columns of X marks are cast: 1. NORA and 2. ELIAS by label, MAE given the first free ID."""
    production = read_production(matrix_xlsx, start=START)
    assert len(production.scenes) == 3
    assert production.total_eighths == 16 + 12 + 3
    assert strips(production) == {
        "1": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1", "3"]),
        "2": ("EXT", "FARM - FIELD", "DAY", "FARM", ["2"]),
        "3": ("INT", "CLINIC - WARD", "NIGHT", "CLINIC", ["1", "2", "3"]),
    }
    assert [(c.id, c.character) for c in production.cast] == [("1", "NORA"), ("2", "ELIAS"), ("3", "MAE")]


def test_one_sheet_per_revision_gives_one_board_per_sheet(revisions_xlsx: Path) -> None:
    """Two board sheets of the same scenes: three scenes, and a board named after each sheet."""
    production = read_production(revisions_xlsx, start=START)
    assert len(production.scenes) == 3
    assert production.total_eighths == 16 + 12 + 3
    assert strips(production) == {
        "1": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1"]),
        "2": ("EXT", "FARM - FIELD", "DAY", "FARM", ["1", "2"]),
        "3": ("INT", "CLINIC - WARD", "NIGHT", "CLINIC", ["2"]),
    }
    assert production.boards == {"First Pass": [["1"], ["2"], ["3"]], "Second Pass": [["3", "1"], ["2"]]}


@pytest.mark.parametrize(
    ("slugline", "expected"),
    [
        ("INT. DINER - NIGHT", (IntExt.INT, "DINER", "NIGHT")),
        ("EXT. BAILEY HOME - FRONT PORCH - DAY", (IntExt.EXT, "BAILEY HOME - FRONT PORCH", "DAY")),
        ("INT./EXT. CAR - MOVING - DUSK", (IntExt.INT_EXT, "CAR - MOVING", "DUSK")),
        ("I/E TRUCK -- CONTINUOUS", (IntExt.INT_EXT, "TRUCK", "CONTINUOUS")),
        ("ext farm - field - magic hour", (IntExt.EXT, "farm - field", "MAGIC HOUR")),
        ("BAILEY HOME - KITCHEN", (None, "BAILEY HOME - KITCHEN", None)),
        ("INTERNAL AFFAIRS OFFICE - DAY", (None, "INTERNAL AFFAIRS OFFICE", "DAY")),
    ],
)
def test_slugline_parts(slugline: str, expected: tuple[IntExt | None, str, str | None]) -> None:
    """A slugline splits into int/ext, set and a trailing time of day, whatever its punctuation."""
    assert parse_slugline(slugline) == expected


def test_shoot_date_column_gives_days_and_calendar(tmp_path: Path) -> None:
    """A one-liner with a Shoot Date per strip: days in date order, dated so the calendar follows."""
    path = tmp_path / "dated.csv"
    path.write_text(
        "Shoot Date,Scene,Int/Ext,Set,D/N,Pages,Cast\n"
        "Tue 3/2/2027,2,EXT,FARM - FIELD,DAY,1 4/8,1\n"
        "Mon 3/1/2027,1,INT,DINER - BOOTH,DAY,2,1\n"
        "Tue 3/2/2027,3,INT,CLINIC - WARD,NIGHT,3/8,2\n"
        ",4,INT,CLINIC - OFFICE,DAY,1,2\n"
    )
    production = read_production(path)
    assert len(production.scenes) == 4
    assert production.total_eighths == 12 + 16 + 3 + 8
    assert strips(production)["3"] == ("INT", "CLINIC - WARD", "NIGHT", "CLINIC", ["2"])
    assert production.boards == {"dated": [["1"], ["2", "3"]]}
    assert production.calendar.start == date(2027, 3, 1)


def _battle_board(path: Path, *later_days: str) -> Path:
    """A dated board: scene 1, then the 12-page battle 50, ``later_days`` (one row a day), scene 2."""
    rows = [
        "Scene,Int/Ext,Set,D/N,Pages,Cast",
        "1,INT,DINER - BOOTH,DAY,2,1",
        "END OF DAY 1 -- Mon 3/1/2027",
        '50,EXT,FARM - FIELD,DAY,12,"1, 2"',
        "END OF DAY 2 -- Tue 3/2/2027",
    ]
    for number, row in enumerate(later_days, start=3):
        rows += [row, f"END OF DAY {number} -- Wed 3/{number}/2027"]
    rows += ["2,INT,CLINIC - WARD,NIGHT,3/8,2", f"END OF DAY {len(later_days) + 3}"]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_continuation_banners_put_a_multi_day_scene_on_each_of_its_days(tmp_path: Path) -> None:
    """One strip for the 3-day battle, a "continued" banner on each later day: on all three days."""
    path = _battle_board(tmp_path / "battle.csv", "Scene 50 continued -- day 2 of 3", "SC. 50 (CONT'D)")
    production = read_production(path)
    assert [scene.number for scene in production.scenes] == ["1", "50", "2"]
    assert production.scene("50").eighths == 96 and production.scene("50").shoot_days is None
    assert production.boards == {"battle": [["1"], ["50"], ["50"], ["50"], ["2"]]}
    result = evaluate(production, Schedule.from_board(production, "battle"))
    assert result.is_feasible, result.violations
    assert result.eighths_per_day == [16, 32, 32, 32, 3]


def test_banner_continuing_no_listed_scene_is_ignored_with_a_warning(tmp_path: Path) -> None:
    """A banner naming a scene no strip above it lists adds nothing to its day, and says so."""
    path = _battle_board(tmp_path / "typo.csv", "Scene 50 continued", "Scene 59 continued")
    with pytest.warns(ShootplanWarning, match='row 8: a banner continues scene "59", which no strip'):
        production = read_production(path)
    assert production.boards == {"typo": [["1"], ["50"], ["50"], [], ["2"]]}


def test_scene_repeated_on_a_later_day_is_an_error_that_suggests_a_banner(tmp_path: Path) -> None:
    """A strip of the battle again on day 3 is a duplicate; the message says how to continue it."""
    path = _battle_board(tmp_path / "repeat.csv", '50,EXT,FARM - FIELD,DAY,12,"1, 2"')
    with pytest.raises(ImportProblem, match='banner row "Scene 50 continued" on each later day'):
        read_production(path)

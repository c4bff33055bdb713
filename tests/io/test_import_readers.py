"""read_production: the format told by the content, Production JSON, overrides and the start date."""

from __future__ import annotations

import shutil
import warnings
from datetime import date
from pathlib import Path

import pytest

from shootplan import Production, ShootplanWarning, example_production
from shootplan.io import DEFAULT_START, read_production, write_workbook
from tests.io.import_fixtures import DATA, rich_production, strips


@pytest.fixture(scope="session")
def example_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example production saved as shootplan's Production JSON."""
    path = tmp_path_factory.mktemp("json") / "example.json"
    path.write_text(example_production().model_dump_json(indent=1), encoding="utf-8")
    return path


def test_production_json_reads_equal(example_json: Path) -> None:
    """shootplan's own Production JSON reads back as the same production."""
    assert read_production(example_json) == example_production()


def test_csv_named_xlsx_is_read_as_csv(tmp_path: Path) -> None:
    """The content decides: a CSV saved with an .xlsx name is still read as a CSV board."""
    path = tmp_path / "board.xlsx"
    shutil.copy(DATA / "board_ids.csv", path)
    production = read_production(path)
    assert len(production.scenes) == 6
    assert production.boards == {"board": [["1", "2"], ["3", "4A"], ["12"]]}


def test_workbook_without_extension_is_read_as_workbook(tmp_path: Path) -> None:
    """A workbook saved as plan.dat is recognised by its zip content and read as a workbook."""
    production = rich_production()
    source = write_workbook(production, tmp_path / "plan.xlsx")
    target = source.rename(tmp_path / "plan.dat")
    assert read_production(target) == production


def test_uss_with_json_extension(tmp_path: Path) -> None:
    """A USS schedule named .json is told from Production JSON by its universalScheduleStandard key."""
    from shootplan.io import write_uss

    production = rich_production()
    path = write_uss(production, tmp_path / "schedule.json")
    assert read_production(path) == production


def test_writers_create_a_missing_folder(tmp_path: Path) -> None:
    """The template and USS writers make the folders of their target, and write nothing else there."""
    from shootplan.io import write_uss

    production = rich_production()
    workbook = write_workbook(production, tmp_path / "new" / "plan.xlsx")
    uss = write_uss(production, tmp_path / "other" / "deeper" / "plan.uss")
    assert read_production(workbook) == production == read_production(uss)
    assert [p.name for p in workbook.parent.iterdir()] == ["plan.xlsx"]
    assert [p.name for p in uss.parent.iterdir()] == ["plan.uss"]


def test_overrides_win_over_the_file(example_json: Path) -> None:
    """start, max_shoot_days and max_pages_per_day replace the file's own values."""
    production = read_production(
        example_json, start=date(2027, 3, 8), max_shoot_days=40, max_pages_per_day=4.5
    )
    assert production.calendar.start == date(2027, 3, 8)
    assert (production.rules.max_shoot_days, production.rules.max_eighths_per_day) == (40, 36)


def test_start_keyword_wins_over_dated_day_breaks() -> None:
    """A start passed in replaces the date the day breaks give; the board is unchanged."""
    production = read_production(DATA / "board_ids.csv", start=date(2027, 4, 5))
    assert (production.calendar.start, production.calendar.days_off) == (date(2027, 4, 5), [])
    assert production.boards["board_ids"][0] == ["1", "2"]


def test_board_without_dates_gets_the_fixed_start_and_a_warning() -> None:
    """No start anywhere: the documented placeholder date, the same every run, and a warning."""
    with pytest.warns(ShootplanWarning, match="no start date in the file; assuming Mon 2027-01-04"):
        production = read_production(DATA / "board_labels.csv")
    assert production.calendar.start == DEFAULT_START == date(2027, 1, 4)


def test_no_warning_when_the_start_is_given() -> None:
    """Passing start silences the missing-start warning (the board's missing zone is still told)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_production(DATA / "board_labels.csv", start="2027-03-01")
    assert [str(w.message) for w in caught if "no time zone given" not in str(w.message)] == []


def test_production_json_without_a_calendar_start(tmp_path: Path) -> None:
    """Production JSON may leave out the start: the placeholder applies, as for a board."""
    path = tmp_path / "nostart.json"
    path.write_text(
        '{"name": "x", "calendar": {}, "locations": [{"name": "DINER"}],'
        ' "scenes": [{"number": "1", "int_ext": "INT", "set": "DINER", "eighths": 8}]}'
    )
    with pytest.warns(ShootplanWarning):
        production = read_production(path)
    assert isinstance(production, Production)
    assert strips(production) == {"1": ("INT", "DINER", "DAY", "DINER", [])}

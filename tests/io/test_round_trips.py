"""schedule.xlsx reads back as the production it holds, whatever its scene numbers, sets and names."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shootplan import Production, ProductionError, Schedule, read_production
from shootplan.io.excel import write_excel
from shootplan.io.template import write_workbook
from tests.conftest import small_production_data


def _schedule_xlsx_reads_back(data: dict[str, Any], folder: Path) -> None:
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [[scene.number] for scene in production.scenes])
    path = write_excel(production, schedule, folder / "schedule.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a clean round trip needs no guessing
        read = read_production(path)
    assert read.model_dump(exclude={"boards"}) == production.model_dump(exclude={"boards"})
    assert read.boards["Stripboard"] == schedule.day_lists()


def test_a_scene_numbered_like_a_day_break_does_not_vanish(tmp_path: Path) -> None:
    """Scene "END OF DAY 99999999999999" stays a scene, on its own day."""
    data = small_production_data()
    data["scenes"][0]["number"] = "END OF DAY 99999999999999"
    _schedule_xlsx_reads_back(data, tmp_path)


def test_a_scene_numbered_like_a_header_keeps_the_file_readable(tmp_path: Path) -> None:
    """Scene "Sc #" does not turn the One-Liner into a board with missing columns."""
    data = small_production_data()
    data["scenes"][0]["number"] = "Sc #"
    _schedule_xlsx_reads_back(data, tmp_path)


def test_a_scene_numbered_like_a_total_or_day_header_stays_a_scene(tmp_path: Path) -> None:
    """Scenes "TOTAL 3" and "DAY 4" are strips, not a totals row and a day header."""
    data = small_production_data()
    data["scenes"][0]["number"] = "TOTAL 3"
    data["scenes"][1]["number"] = "DAY 4"
    _schedule_xlsx_reads_back(data, tmp_path)


def test_a_time_zone_aware_call_time_reads_back(tmp_path: Path) -> None:
    """A call time with a UTC offset (or seconds) is written in a form the Settings reader takes."""
    data = small_production_data()
    data["rules"] = {"call_time": "07:00:30+02:00"}
    _schedule_xlsx_reads_back(data, tmp_path)


@pytest.mark.parametrize(
    "set_name", ["FARM - NIGHT", "INT 0", "EXT. FARM - BARN", "CLINIC - WARD.", "CLINIC \u2014 OFFICE"]
)
def test_a_set_that_reads_like_a_slugline_comes_back_as_written(tmp_path: Path, set_name: str) -> None:
    """schedule.xlsx and the template keep a set exactly: 'FARM - NIGHT' came back 'FARM', 'INT 0'
    came back '0', 'EXT. FARM - BARN' 'FARM - BARN', 'CLINIC - WARD.' without its full stop and an
    em dash as a hyphen, since the Set cell was read as a scene heading."""
    data = small_production_data()
    data["scenes"][0].update(set=set_name, location="DINER")
    _schedule_xlsx_reads_back(data, tmp_path)
    production = Production.model_validate(data)
    assert read_production(write_workbook(production, tmp_path / "p.xlsx")) == production


def test_scene_numbers_with_separators_survive_boards_and_rules(tmp_path: Path) -> None:
    """Scene numbers holding ',', ';' or '>' come back whole in Boards, Precedences and Same Day."""
    data = small_production_data()
    for scene, number in zip(data["scenes"], ["1, 2", "a;b", "3 > 4", '5"'], strict=False):
        scene["number"] = number
    data["rules"] = {"precedences": [["1, 2", "3 > 4"]], "same_day": [["a;b", '5"']]}
    data["boards"] = {"AD": [["1, 2", "a;b"], ["3 > 4", '5"', "5", "6"]]}
    production = Production.model_validate(data)
    assert read_production(write_workbook(production, tmp_path / "p.xlsx")) == production


_TEXT = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20
    )
    .map(str.strip)
    .filter(bool)
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    numbers=st.lists(_TEXT, min_size=2, max_size=4, unique=True),
    # Any set, those that read like a slugline ("INT 0", "0.", "FARM - NIGHT") too: a workbook
    # shootplan wrote is read back with its Set cell exactly as written.
    sets=st.lists(_TEXT, min_size=2, max_size=2),
)
def test_any_scene_numbers_and_sets_round_trip(tmp_path: Path, numbers: list[str], sets: list[str]) -> None:
    """Whatever the scene numbers and set names, schedule.xlsx reads back as the same production."""
    data = small_production_data()
    data["scenes"] = data["scenes"][: len(numbers)]
    for index, (scene, number) in enumerate(zip(data["scenes"], numbers, strict=True)):
        scene["number"] = number
        scene["set"] = sets[index % 2]
        scene["location"] = "DINER"
    try:
        Production.model_validate(data)
    except ProductionError:  # a value the model itself refuses is not this test's concern
        return
    _schedule_xlsx_reads_back(data, tmp_path)


def test_cast_ids_with_a_quote_and_a_separator_read_back_from_their_cell() -> None:
    """Found by the round-trip property: ``0="ØW`` unquoted opened a quoted part that swallowed
    the next ID's ``;``, so two IDs came back as four fragments."""
    from shootplan.io.stripboard.syntax import cast_cell, cast_tokens

    ids = ['0="ØW', "ĭ;INF", "7"]
    assert [token.id or token.name for token in cast_tokens(cast_cell(ids), "Cast")] == ids

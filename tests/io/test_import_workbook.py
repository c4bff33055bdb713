"""The production workbook template: written and read back equal, defaults, settings, atomic writes."""

from __future__ import annotations

import stat
import warnings
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shootplan import (
    ImportProblem,
    Production,
    ShootplanWarning,
    Turnaround,
    example_production,
)
from shootplan.io import read_production, write_workbook
from shootplan.io.template import SETTINGS
from tests.conftest import REPO, small_production_data
from tests.io.import_fixtures import rich_production, strips, template_rows, write_xlsx

START = date(2027, 3, 1)


@pytest.fixture(scope="session")
def rich() -> Production:
    """Five scenes, three cast, three locations, a board, and every optional field set somewhere."""
    return rich_production()


@pytest.fixture(scope="session")
def rich_xlsx(rich: Production, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich production written as the workbook template."""
    return write_workbook(rich, tmp_path_factory.mktemp("template") / "rich.xlsx")


@pytest.fixture(scope="session")
def hand_filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """hand.xlsx: two scenes, two cast (one named on a scene as NORA), one location, key/value settings."""
    return write_xlsx(tmp_path_factory.mktemp("template") / "hand.xlsx", template_rows())


def test_rich_production_round_trips_equal(rich: Production, rich_xlsx: Path) -> None:
    """Every field of the model survives Production -> workbook -> read_production."""
    assert read_production(rich_xlsx) == rich


def test_example_production_round_trips_equal(tmp_path: Path) -> None:
    """The bundled example production survives the workbook template unchanged."""
    production = example_production()
    assert read_production(write_workbook(production, tmp_path / "example.xlsx")) == production


def test_template_sheets_and_columns(rich_xlsx: Path) -> None:
    """The template has the sheets and leading columns the issue lists, and every settings key."""
    book = load_workbook(rich_xlsx, read_only=True)
    try:
        assert book.sheetnames == ["Scenes", "Cast", "Locations", "Settings", "Boards"]
        headers = {name: [c.value for c in next(book[name].iter_rows(max_row=1))] for name in book.sheetnames}
        keys = [row[0] for row in book["Settings"].iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()
    assert headers["Scenes"][:7] == ["Scene", "Int/Ext", "Set", "Day/Night", "Pages", "Cast", "Location"]
    assert {"Est. Minutes", "Script Day", "Synopsis", "Earliest", "Latest", "Pinned"} <= set(
        headers["Scenes"]
    )
    assert "Elements: Props" in headers["Scenes"]
    assert headers["Cast"][:5] == ["ID", "Name", "Character", "Daily Rate", "Unavailable"]
    assert {"Hold", "Drop", "Minor"} <= set(headers["Cast"])
    assert headers["Locations"][:8] == [
        "Location",
        "Address",
        "Latitude",
        "Longitude",
        "Time Zone",
        "Available From",
        "Available To",
        "Windows",
    ]
    assert headers["Boards"] == ["Board", "Day", "Scenes"]
    assert keys == [setting.key for setting in SETTINGS]


def test_hand_filled_template(hand_filled: Path) -> None:
    """A hand-filled template: names on scenes resolve through the Cast sheet; settings apply."""
    production = read_production(hand_filled)
    assert production.name == "Hand Filled"
    assert len(production.scenes) == 2
    assert production.total_eighths == 19 + 3
    assert strips(production) == {
        "1": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1", "2"]),
        "2": ("EXT", "FARM - FIELD", "NIGHT", "Kessler Farm", ["1"]),
    }
    nora, elias = production.cast
    assert (nora.daily_rate, nora.holds, nora.drop_pickup, nora.minor) == (1200.0, True, False, False)
    assert (elias.daily_rate, elias.holds, elias.drop_pickup, elias.minor) == (800.0, False, True, True)
    assert [str(r) for r in nora.unavailable] == ["2027-03-04..2027-03-05"]
    farm = production.location("Kessler Farm")
    assert (farm.address, [str(w) for w in farm.windows]) == ("12 Mill Road", ["2027-03-01..2027-03-12"])
    calendar, rules = production.calendar, production.rules
    assert (calendar.start, calendar.weekdays[-1], calendar.holidays) == (START, "Sat", [date(2027, 3, 5)])
    assert (rules.max_eighths_per_day, rules.call_time, rules.max_shoot_days) == (36, time(6, 30), 10)
    assert production.scene("2").pinned == date(2027, 3, 3)


def test_scenes_sheet_alone_falls_back_to_defaults(tmp_path: Path) -> None:
    """Only Scenes: cast and locations come from the scenes; rules and calendar are the defaults."""
    path = write_xlsx(tmp_path / "scenes.xlsx", {"Scenes": template_rows()["Scenes"][:2]})
    production = read_production(path, start=START)
    assert (production.name, len(production.scenes), production.total_eighths) == ("scenes", 1, 19)
    assert strips(production) == {"1": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1", "2"])}
    assert [c.id for c in production.cast] == ["1", "2"]
    assert production.rules == Production.model_validate(small_production_data()).rules
    assert production.calendar.weekdays == ["Mon", "Tue", "Wed", "Thu", "Fri"]


def test_scenes_sheet_defines_the_scenes_wherever_its_tab_is(tmp_path: Path) -> None:
    """A board tab before Scenes gives its days; the scenes keep the Scenes sheet's order and data."""
    board = [
        ["Scene", "Int/Ext", "Set", "Day/Night", "Pages"],
        ["2", "EXT", "FARM - FIELD", "NIGHT", "3/8"],
        ["END OF DAY 1"],
        ["1", "INT", "DINER - BOOTH", "DAY", "2 3/8"],
        ["END OF DAY 2"],
    ]
    sheets = {"Board": board, "Cast": template_rows()["Cast"], "Scenes": template_rows()["Scenes"]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the board agrees with Scenes on what it shows
        warnings.filterwarnings("ignore", ".*no time zone given", ShootplanWarning)  # nor gives a zone
        production = read_production(write_xlsx(tmp_path / "board_first.xlsx", sheets), start=START)
    assert [scene.number for scene in production.scenes] == ["1", "2"]
    assert production.scene("1").minutes == 90 and production.scene("2").pinned == date(2027, 3, 3)
    assert production.scene("2").location == "Kessler Farm"
    assert production.boards == {"Board": [["2"], ["1"]]}


def test_locations_missing_from_the_sheet_are_added_with_a_warning(tmp_path: Path) -> None:
    """A location the scenes use but the Locations sheet omits is added, and a warning names it."""
    sheets = template_rows()
    sheets["Locations"].pop()
    with pytest.warns(ShootplanWarning, match="locations not on the Locations sheet were added: DINER"):
        production = read_production(write_xlsx(tmp_path / "partial.xlsx", sheets))
    assert [loc.name for loc in production.locations] == ["Kessler Farm", "DINER"]


def test_unknown_cast_with_a_cast_sheet_is_one_clear_error(tmp_path: Path) -> None:
    """A scene naming cast the Cast sheet does not list: the problem names sheet, row and column."""
    path = write_xlsx(tmp_path / "unknown.xlsx", template_rows(extra_cast=", 7"))
    with pytest.raises(ImportProblem) as info:
        read_production(path)
    assert info.value.problems == [
        'unknown.xlsx, sheet Scenes, row 2, column Cast: unknown cast id "7": the Cast sheet lists 1, 2'
    ]


def test_cast_and_location_keys_are_required_once_each(tmp_path: Path) -> None:
    """A cast row without an ID, a repeated ID and a repeated location name: each named at its cell."""
    sheets = template_rows()
    sheets["Cast"] += [[None, "No Id"], [2, "Ben Again"]]
    sheets["Locations"].append(["DINER", "Elsewhere"])
    with pytest.raises(ImportProblem) as info:
        read_production(write_xlsx(tmp_path / "keys.xlsx", sheets))
    assert info.value.problems == [
        "keys.xlsx, sheet Cast, row 4, column ID: no board ID (e.g. 1)",
        'keys.xlsx, sheet Cast, row 5, column ID: duplicate cast id "2" (also on row 3)',
        'keys.xlsx, sheet Locations, row 4, column Location: duplicate location "DINER" (also on row 3)',
    ]


def test_settings_problems_are_reported_with_their_rows(tmp_path: Path) -> None:
    """An unknown key and a number under Shoot Days are both reported, each with its row."""
    sheets = template_rows()
    sheets["Settings"] += [["Max Pages Per Dya", 4], ["Shoot Days", 20]]
    with pytest.raises(ImportProblem) as info:
        read_production(write_xlsx(tmp_path / "settings.xlsx", sheets))
    first, second = info.value.problems
    assert first.startswith(
        'settings.xlsx, sheet Settings, row 9, column A: unknown setting "Max Pages Per Dya";'
        " the settings are:"
    )
    assert second.startswith(
        "settings.xlsx, sheet Settings, row 10, column B: Shoot Days: expected the shooting weekdays,"
        ' like Mon-Fri or Mon-Sat (got "20")'
    )
    assert "Max Shoot Days" in second


def test_setting_the_model_rejects_is_reported_at_its_row(tmp_path: Path) -> None:
    """A time zone the model does not know is reported at its Settings row, in the model's words."""
    sheets = template_rows()
    sheets["Settings"].append(["Time Zone", "Mars/Olympus"])
    with pytest.raises(ImportProblem) as info:
        read_production(write_xlsx(tmp_path / "zone.xlsx", sheets))
    assert info.value.problems == [
        "zone.xlsx, sheet Settings, row 9, column B: Time Zone: unknown time zone 'Mars/Olympus'"
        " (use an IANA name like America/New_York)"
    ]


def test_model_problem_points_at_the_scene_row(tmp_path: Path) -> None:
    """A pinned date that is not a shoot date is reported at the row of its scene."""
    sheets = template_rows()
    sheets["Settings"][3] = ["Shoot Days", "Mon-Tue"]  # Wed Mar 3 is no longer a shoot date
    with pytest.raises(ImportProblem) as info:
        read_production(write_xlsx(tmp_path / "pinned.xlsx", sheets))
    (problem,) = info.value.problems
    assert problem.startswith("pinned.xlsx, sheet Scenes, row 3: scene '2': pinned date 2027-03-03")
    (record,) = info.value.records
    assert (record.file, record.sheet, record.row, record.kind, record.key) == (
        "pinned.xlsx",
        "Scenes",
        3,
        "scene",
        "2",
    )
    assert record.message.startswith("pinned date 2027-03-03 is not a shoot date")


def test_keyword_overrides_win_over_settings(hand_filled: Path) -> None:
    """start, max_shoot_days and max_pages_per_day override the Settings sheet."""
    production = read_production(
        hand_filled, start="2027-03-02", max_shoot_days=30, max_pages_per_day="5 4/8"
    )
    assert production.calendar.start == date(2027, 3, 2)
    assert (production.rules.max_shoot_days, production.rules.max_eighths_per_day) == (30, 44)


def test_a_page_cap_in_decimals_floors_to_whole_eighths(tmp_path: Path) -> None:
    """Max Pages Per Day 5.2 (a number cell) and max_pages_per_day=5.2 are 41 eighths, never 42."""
    rows = template_rows()
    rows["Settings"] = [
        ["Max Pages Per Day", 5.2] if row[0] == "Max Pages Per Day" else row for row in rows["Settings"]
    ]
    board = write_xlsx(tmp_path / "cap.xlsx", rows)
    assert read_production(board).rules.max_eighths_per_day == 41
    assert read_production(board, max_pages_per_day=5.2).rules.max_eighths_per_day == 41


def test_a_page_cap_in_whole_eighths_is_kept(hand_filled: Path) -> None:
    """Max Pages Per Day "4 4/8" is 36 eighths, and max_pages_per_day="5 2/8" is 42."""
    assert read_production(hand_filled).rules.max_eighths_per_day == 36
    assert read_production(hand_filled, max_pages_per_day="5 2/8").rules.max_eighths_per_day == 42


def test_write_replaces_an_existing_file_and_leaves_no_temporary(rich: Production, tmp_path: Path) -> None:
    """Writing over a file replaces it whole, and nothing but the target is left in the folder."""
    target = tmp_path / "plan.xlsx"
    target.write_text("old contents")
    write_workbook(rich, target)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]
    assert read_production(target) == rich


def test_failed_write_keeps_the_old_file(rich: Production, tmp_path: Path) -> None:
    """A write that fails (the target is a folder) leaves the folder's contents as they were."""
    target = tmp_path / "busy.xlsx"
    target.mkdir()
    with pytest.raises(OSError):
        write_workbook(rich, target)
    assert [p.name for p in tmp_path.iterdir()] == ["busy.xlsx"]


def test_list_cells_carry_their_separators(rich: Production, tmp_path: Path) -> None:
    """An element holding ';' (a USS comment) and a cast ID "1, 2" are written quoted and read back."""
    scenes = [s.model_dump() for s in rich.scenes]
    scenes[0]["elements"] = {"Props": ["salt; pepper", '12" knife']}
    scenes[0]["cast"] = [*scenes[0]["cast"], "1, 2"]
    production = rich.replace(scenes=scenes, cast=[*(c.model_dump() for c in rich.cast), {"id": "1, 2"}])
    assert read_production(write_workbook(production, tmp_path / "lists.xlsx")) == production


def test_turnaround_and_minutes_cap_none_round_trip(rich: Production, rich_xlsx: Path) -> None:
    """Non-default settings (no minutes cap, IATSE turnaround) come back as written."""
    rules = read_production(rich_xlsx).rules
    assert (rules.max_minutes_per_day, rules.turnaround) == (None, Turnaround.IATSE)


def test_written_file_has_ordinary_permissions(rich: Production, tmp_path: Path) -> None:
    """The atomic write does not leave the workbook readable by its owner only."""
    reference = tmp_path / "reference.txt"
    reference.write_text("x")
    written = write_workbook(rich, tmp_path / "plan.xlsx")
    assert stat.S_IMODE(written.stat().st_mode) == stat.S_IMODE(reference.stat().st_mode)


def test_stamp_makes_the_bytes_stable(rich: Production, tmp_path: Path) -> None:
    """With a stamp, the same production writes the same bytes, whatever the time of writing."""
    stamp = datetime(2027, 3, 1, 9, 0)
    first = write_workbook(rich, tmp_path / "a.xlsx", stamp=stamp).read_bytes()
    second = write_workbook(rich, tmp_path / "b.xlsx", stamp=stamp).read_bytes()
    assert first == second


def test_bundled_template_is_the_example_production() -> None:
    """examples/template.xlsx (scripts/build_template.py) reads back as the bundled example."""
    template = REPO / "examples" / "template.xlsx"
    if not template.exists():
        pytest.skip("examples/template.xlsx has not been built (scripts/build_template.py)")
    assert read_production(template) == example_production()

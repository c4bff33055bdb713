"""What only call sheets print: performers' lead times and each location's parking and hospital,
read from the template, written back by every workbook writer, and carried through USS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shootplan import ImportProblem, Production, Schedule
from shootplan.io import read_production, write_excel, write_uss, write_workbook
from tests.io.import_fixtures import rich_production, template_rows, write_xlsx


def _with_call_sheet_columns() -> dict[str, list[list[object]]]:
    """The hand-filled template with lead times and parking, under other names ADs use."""
    sheets = template_rows()
    sheets["Cast"][0] += ["HMU Minutes", "Pickup Minutes"]
    sheets["Cast"][1] += [90, 45]
    sheets["Locations"][0] += ["Basecamp", "Nearest Hospital"]
    sheets["Locations"][1] += ["Lot B behind the silo", "Columbia Memorial, 71 Prospect Ave"]
    return sheets


def test_lead_times_parking_and_hospital_are_read_from_the_template(tmp_path: Path) -> None:
    """Cast lead times and a location's parking and hospital come in; blank cells keep the defaults."""
    production = read_production(write_xlsx(tmp_path / "hand.xlsx", _with_call_sheet_columns()))
    nora, elias = production.cast
    assert (nora.makeup_minutes, nora.pickup_minutes) == (90, 45)
    assert (elias.makeup_minutes, elias.pickup_minutes) == (None, None)
    farm, diner = production.location("Kessler Farm"), production.location("DINER")
    assert (farm.parking, farm.hospital) == ("Lot B behind the silo", "Columbia Memorial, 71 Prospect Ave")
    assert (diner.parking, diner.hospital) == ("", "")


def test_a_lead_time_that_is_not_whole_minutes_is_named_at_its_cell(tmp_path: Path) -> None:
    """A lead time of "1 hour" or 700 minutes is a problem that names sheet, row and column."""
    sheets = _with_call_sheet_columns()
    sheets["Cast"][1][-2:] = ["1 hour", None]
    sheets["Cast"][2] += [None, 700]
    with pytest.raises(ImportProblem) as info:
        read_production(write_xlsx(tmp_path / "lead.xlsx", sheets))
    problems = "\n".join(info.value.problems)
    assert "lead.xlsx, sheet Cast, row 2, column HMU Minutes: cannot read" in problems
    assert "lead.xlsx, sheet Cast, row 3, column Pickup Minutes" in problems


def test_the_template_documents_the_call_sheet_columns(tmp_path: Path) -> None:
    """The written template heads the columns with the documented names, each with a note."""
    book = load_workbook(write_workbook(rich_production(), tmp_path / "rich.xlsx"))
    notes = {
        sheet: {cell.value: cell.comment.text for cell in book[sheet][1] if cell.comment}
        for sheet in ("Cast", "Locations")
    }
    assert "(blank: 60)" in notes["Cast"]["Makeup Minutes"]
    assert "(blank: 30)" in notes["Cast"]["Pickup Minutes"]
    assert {"Parking", "Hospital"} <= set(notes["Locations"])


def test_the_schedule_workbook_keeps_them_too(tmp_path: Path) -> None:
    """schedule.xlsx, which plan writes, reads back with the lead times, parking and hospital."""
    production = rich_production()
    schedule = Schedule.from_day_lists(production, [["1", "A12"], ["2A"], ["70pt"], ["70pt"], ["7.73A"]])
    again = read_production(write_excel(production, schedule, tmp_path / "schedule.xlsx"))
    assert again.cast == production.cast
    assert again.locations == production.locations


def test_uss_carries_them_in_its_extension_keys(tmp_path: Path) -> None:
    """USS has no key for them: shootplan's own export keeps them under _shootplan, and only the
    lead times that are set, so a cast element without any keeps the bytes it had."""
    production = rich_production()
    written = write_uss(production, tmp_path / "out.uss")
    document = json.loads(written.read_text())["universalScheduleStandard"]
    extras = {e["elementId"]: e["_shootplan"] for e in document["elements"] if "_shootplan" in e}
    assert (extras["1"]["makeup_minutes"], extras["1"]["pickup_minutes"]) == (90, 0)
    assert "makeup_minutes" not in extras["2"]
    farm = next(loc for loc in document["_shootplan"]["locations"] if loc["name"] == "KESSLER FARM")
    assert farm["parking"] == "Lot B behind the silo"
    again: Production = read_production(tmp_path / "out.uss")
    assert again.cast[0].makeup_minutes == 90 and again.location("KESSLER FARM").parking == farm["parking"]

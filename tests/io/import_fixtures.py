"""Builders shared by the import tests: a production using every field, and boards as xlsx files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from shootplan import Production
from tests.conftest import REPO

DATA = REPO / "tests" / "data"


def strips(production: Production) -> dict[str, tuple[str, str, str, str, list[str]]]:
    """Scene number -> (int/ext, set, time of day, location, cast), the per-strip facts tests check."""
    return {
        s.number: (s.int_ext.value, s.set, s.time_of_day, s.location, list(s.cast)) for s in production.scenes
    }


def rich_production() -> Production:
    """Five scenes, three cast, three locations, and every optional field of the model set somewhere."""
    return Production.model_validate(
        {
            "name": "Every Field",
            "scenes": [
                {
                    "number": "1",
                    "int_ext": "INT",
                    "set": "DINER - BOOTH",
                    "eighths": 19,
                    "cast": ["1", "2"],
                    "minutes": 95,
                    "script_day": "D1",
                    "synopsis": "=SUM(A1) is not a formula; neither is this, 100%",
                    "elements": {"Props": ["coffee pot", "menu, laminated"], "Extras": ["6 diners"]},
                    "earliest": "2027-03-02",
                    "latest": "2027-03-20",
                },
                {
                    "number": "2A",
                    "int_ext": "EXT",
                    "time_of_day": "NIGHT",
                    "set": "FARM - FIELD",
                    "location": "KESSLER FARM",
                    "eighths": 3,
                    "cast": ["1"],
                    "pinned": "2027-03-04",
                },
                {
                    "number": "70pt",
                    "int_ext": "INT/EXT",
                    "time_of_day": "DAWN",
                    "set": "TRUCK - MOVING",
                    "location": "KESSLER FARM",
                    "eighths": 100,
                    "cast": ["3"],
                    "shoot_days": 2,
                    "cover": True,
                },
                {"number": "A12", "int_ext": "INT", "set": "DINER - KITCHEN", "eighths": 1},
                {"number": "7.73A", "int_ext": "EXT", "set": "MAIN STREET", "eighths": 8, "cast": ["2"]},
            ],
            "cast": [
                {
                    "id": "1",
                    "name": "Ada Quinn",
                    "character": "NORA",
                    "daily_rate": 1250.5,
                    "unavailable": ["2027-03-10..2027-03-12", "2027-03-15"],
                    "drop_pickup": True,
                    "min_drop_gap_days": 14,
                    "max_drops": 2,
                    "makeup_minutes": 90,
                    "pickup_minutes": 0,
                },
                {"id": "2", "name": "Ben Ruiz", "character": "ELIAS", "daily_rate": 500, "holds": False},
                {"id": "3", "character": "MAE", "minor": True},
            ],
            "locations": [
                {
                    "name": "DINER",
                    "address": "1 Route 9, Germantown, NY",
                    "latitude": 42.1,
                    "longitude": -73.8,
                    "time_zone": "America/New_York",
                    "windows": ["2027-03-01..2027-03-19"],
                    "unavailable": ["2027-03-05"],
                    "return_cost": 2500,
                },
                {
                    "name": "KESSLER FARM",
                    "windows": ["2027-03-01..2027-03-05", "2027-03-15..2027-03-19"],
                    "parking": "Lot B behind the silo",
                    "hospital": "Columbia Memorial, 71 Prospect Ave",
                },
                {"name": "MAIN STREET", "standing": True},
            ],
            "calendar": {
                "start": "2027-03-01",
                "weekdays": "Mon-Sat",
                "days_off": ["2027-03-08..2027-03-09"],
                "holidays": ["2027-03-17"],
                "time_zone": "America/New_York",
            },
            "rules": {
                "max_eighths_per_day": 36,
                "max_minutes_per_day": None,
                "minutes_per_page": 100.5,
                "call_time": time(6, 30),
                "company_move_minutes": 45,
                "company_move_cost": 7500,
                "location_return_cost": 6000,
                "hold_cost_factor": 1.5,
                "shoot_day_cost": 20000,
                "max_shoot_days": 12,
                "turnaround": "iatse",
                "precedences": [("1", "2A")],
                "same_day": [["A12", "1"]],
            },
            "boards": {"First Pass": [["1", "A12"], [], ["2A", "7.73A"], ["70pt"], ["70pt"]]},
        }
    )


def write_xlsx(
    path: Path, sheets: dict[str, Sequence[Sequence[Any]]], merged: dict[str, list[str]] | None = None
) -> Path:
    """Write rows of raw cell values to an xlsx with openpyxl, one sheet per entry."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for span in (merged or {}).get(title, []):
            sheet.merge_cells(span)
    book.save(path)
    return path


def wild_board_rows() -> list[list[Any]]:
    """A Movie-Magic-like board: titles above the header, numeric cells, an Excel-mangled 3/8."""
    return [
        ["MARLOW FALLS -- STRIPBOARD", None, None, None, None, None, None],
        ["Rev. PINK", None, None, datetime(2027, 2, 20)],
        [],
        ["Scene No.", "Int/Ext", "Set Name", "Day/Night", "Pages", "Cast IDs", "Location"],
        ["1", "EXT", "KESSLER MILL - YARD", "NIGHT", 1, 3, "Kessler Mill"],
        # Excel turns a typed 3/8 into the 8th of March.
        [2, "INT", "KESSLER MILL - OFFICE", "NIGHT", datetime(2027, 3, 8), None, "Kessler Mill"],
        ["End of Day 1", None, datetime(2027, 3, 1)],
        ["3", "INT", "JUNE'S CAR - MOVING", "MORNING", 2.375, "1, 2", "County Road"],
        [],
        ["LUNCH"],
        [4.0, "E", "HARTWELL HOUSE - PORCH", "Day", 0.75, 1.0, None],
        ["END OF DAY 2 -- Tue, Mar 2, 2027 -- 3 1/8 pages"],
        ["Total Pages", None, None, None, "4 4/8"],
    ]


def matrix_board_rows() -> list[list[Any]]:
    """A cast matrix: labeled columns (1. NORA, 2. ELIAS) and one headed by a name only (MAE)."""
    return [
        ["Scene", "I/E", "Set", "D/N", "Pages", "1. NORA", "2. ELIAS", "MAE"],
        ["1", "INT", "DINER - BOOTH", "DAY", "2", "X", None, "x"],
        ["2", "EXT", "FARM - FIELD", "DAY", "1 4/8", None, "X", None],
        ["3", "INT", "CLINIC - WARD", "NIGHT", "3/8", "✓", "X", "X"],
    ]


def revision_board_rows(order: Sequence[Sequence[str]]) -> list[list[Any]]:
    """A board of scenes 1-3 with a day break after each group of ``order``."""
    facts = {
        "1": ["1", "INT", "DINER - BOOTH", "DAY", "2", "1"],
        "2": ["2", "EXT", "FARM - FIELD", "DAY", "1 4/8", "1, 2"],
        "3": ["3", "INT", "CLINIC - WARD", "NIGHT", "3/8", "2"],
    }
    rows: list[list[Any]] = [["Scene", "Int/Ext", "Set", "Day/Night", "Pages", "Cast"]]
    for number, day in enumerate(order, start=1):
        rows += [facts[scene] for scene in day]
        rows.append([f"END OF DAY {number}"])
    return rows


def template_rows(extra_cast: str = "") -> dict[str, list[list[Any]]]:
    """A hand-filled template: Scenes, Cast, Locations and Settings with key/value rows."""
    return {
        "Scenes": [
            ["Scene", "Int/Ext", "Set", "Day/Night", "Pages", "Cast", "Location", "Est. Minutes", "Pinned"],
            ["1", "INT", "DINER - BOOTH", "DAY", "2 3/8", "1, 2" + extra_cast, "", 90, None],
            ["2", "EXT", "FARM - FIELD", "NIGHT", "3/8", "NORA", "Kessler Farm", None, date(2027, 3, 3)],
        ],
        "Cast": [
            ["ID", "Name", "Character", "Daily Rate", "Unavailable", "Hold", "Drop", "Minor"],
            [1, "Ada Quinn", "NORA", "$1,200", "2027-03-04..2027-03-05", "yes", "no", None],
            [2, "Ben Ruiz", "ELIAS", 800, None, "no", "x", "yes"],
        ],
        "Locations": [
            ["Location", "Address", "Available From", "Available To"],
            ["Kessler Farm", "12 Mill Road", date(2027, 3, 1), date(2027, 3, 12)],
            ["DINER"],
        ],
        "Settings": [
            ["Setting", "Value"],
            ["Production", "Hand Filled"],
            ["Start Date", datetime(2027, 3, 1)],
            ["Shoot Days", "Mon-Sat"],
            ["Max Pages Per Day", "4 4/8"],
            ["Call Time", "6:30 AM"],
            ["Holidays", "2027-03-05"],
            ["Max Shoot Days", 10],
        ],
    }


def revisions_uss(sched_color: str | None = None, first: str = "First Pass") -> dict[str, Any]:
    """A USS file with two stripboards, ``first`` (3 days) then Rev. WHITE (2 days), of three
    strips; cast named with their board IDs (``1. NORA``, ``2 ELI``), as some exporters write them.
    ``sched_color`` is the header's schedule revision colour."""

    def element(eid: str, name: str, element_id: str = "") -> dict[str, Any]:
        return {"id": eid, "name": name, "elementId": element_id, "events": [], "linkedElements": []}

    def strip(sid: str, scene: str, elements: list[str]) -> dict[str, Any]:
        return {"id": sid, "type": "scene", "scene": scene, "pages": 1, "elements": elements}

    def stripboard(sid: str, name: str, order: list[str]) -> dict[str, Any]:
        return {
            "id": sid,
            "name": name,
            "boards": [{"id": f"{sid}b", "name": "stripboard", "breakdownIds": order}],
        }

    root: dict[str, Any] = {
        "project": "Two Passes",
        "categories": [
            {"id": "c0", "ucid": 0, "name": "Set", "elements": ["set"]},
            {"id": "c1", "ucid": 1, "name": "INT/EXT", "elements": ["int"]},
            {"id": "c100", "ucid": 100, "name": "Cast Members", "elements": ["nora", "eli"]},
        ],
        "elements": [
            element("set", "DINER - BOOTH"),
            element("int", "INT"),
            element("nora", "1. NORA", "1"),
            element("eli", "2 ELI"),
        ],
        "breakdowns": [
            strip("s1", "1", ["set", "int", "nora"]),
            strip("s2", "2", ["set", "int", "eli"]),
            strip("s3", "3", ["set", "int", "nora", "eli"]),
            *({"id": f"d{n}", "type": "day"} for n in range(1, 6)),
        ],
        "stripboards": [
            stripboard("sb1", first, ["s1", "d1", "s2", "d2", "s3", "d3"]),
            stripboard("sb2", "Rev. WHITE", ["s3", "s1", "d4", "s2", "d5"]),
        ],
    }
    if sched_color is not None:
        root["schedColor"] = sched_color
    return {"universalScheduleStandard": root}

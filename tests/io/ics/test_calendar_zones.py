"""Feeds of boards without a time zone: in the resolved zone with a VTIMEZONE, never silently in UTC."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from shootplan import Production, Schedule, ShootplanWarning
from shootplan.io import read_production
from shootplan.io.ics import unit_calendar, write_calendars
from tests.io.ics.calendar_helpers import STAMP, assert_valid_feed

MESSY = Path(__file__).resolve().parents[3] / "examples" / "messy_board.xlsx"
BOARD = (
    "Scene,Int/Ext,Set,Pages,Cast,Location\n"
    "1,INT,DINER - BOOTH,1,1,DINER\n2,EXT,FARM - FIELD,1,1,FARM\nEnd of Day 1\n"
    "3,INT,DINER - BOOTH,4/8,1,DINER\nEnd of Day 2\n"
)
# Every DTSTART/DTEND of a timed event, with its parameters and value: "DTSTART;TZID=...:2027...".
_TIMES = re.compile(rb"^(DTSTART|DTEND)([;:][^\r\n]*)\r$", re.MULTILINE)


def _utc_times(data: bytes) -> list[bytes]:
    """The DTSTART/DTEND lines written in UTC (a value ending in Z)."""
    return [line.group(0) for line in _TIMES.finditer(data) if line.group(2).endswith(b"Z")]


def _feeds_of(path: Path, out: Path) -> tuple[list[Path], list[str]]:
    """The feeds of the board's own days, and the warnings reading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        production = read_production(path, start="2027-04-05")
    schedule = Schedule.from_board(production, next(iter(production.boards)))
    files = write_calendars(production, schedule, out, stamp=STAMP)
    return list(files.paths), [str(w.message) for w in caught]


def test_a_csv_board_without_a_zone_is_published_in_the_computers_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TZ=America/Chicago, a plain CSV: one notice naming the zone, every time with its TZID."""
    monkeypatch.setenv("TZ", "America/Chicago")
    board = tmp_path / "board.csv"
    board.write_text(BOARD)
    paths, notes = _feeds_of(board, tmp_path / "calendars")
    assert [n for n in notes if "time zone" in n] == [
        "board.csv: no time zone given: using America/Chicago, from this computer's settings"
    ]
    for path in paths:
        data = path.read_bytes()
        assert_valid_feed(data, name=path.name)
        assert _utc_times(data) == [], path.name
        events = data[data.index(b"BEGIN:VEVENT") :]  # past the VTIMEZONEs' own DTSTARTs
        times = [line.group(2) for line in _TIMES.finditer(events)]
        assert times and all(t.startswith((b";TZID=America/Chicago:", b";VALUE=DATE:")) for t in times)
        assert b"BEGIN:VTIMEZONE\r\nTZID:America/Chicago" in data


def test_the_messy_example_writes_no_utc_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The messy example board (no zone) on a New York computer: no Z time in any feed."""
    monkeypatch.setenv("TZ", "America/New_York")
    paths, notes = _feeds_of(MESSY, tmp_path)
    assert any("using America/New_York, from this computer's settings" in n for n in notes)
    assert paths and all(_utc_times(path.read_bytes()) == [] for path in paths)


def test_a_production_built_in_python_is_published_in_its_locations_zone() -> None:
    """Built in Python with no zone but Manhattan coordinates: New York times, and a warning says so."""
    production = Production.model_validate(
        {
            "name": "Loft Story",
            "scenes": [{"number": "1", "int_ext": "INT", "set": "LOFT", "location": "Loft", "eighths": 8}],
            "locations": [{"name": "Loft", "latitude": 40.7128, "longitude": -74.006}],
            "calendar": {"start": "2027-04-05"},
        }
    )
    schedule = Schedule.from_day_lists(production, [["1"]])
    with pytest.warns(ShootplanWarning, match="using America/New_York, from the locations' coordinates"):
        data = unit_calendar(production, schedule, stamp=STAMP).to_ical()
    assert _utc_times(data) == []
    assert b"DTSTART;TZID=America/New_York:20270405T070000" in data
    assert b"X-WR-TIMEZONE:America/New_York" in data


def test_a_production_that_states_utc_is_published_in_utc() -> None:
    """UTC said on purpose stays UTC, with no warning."""
    production = Production.model_validate(
        {
            "name": "Greenwich",
            "scenes": [{"number": "1", "int_ext": "INT", "set": "LOFT", "location": "Loft", "eighths": 8}],
            "locations": [{"name": "Loft", "latitude": 40.7128, "longitude": -74.006}],
            "calendar": {"start": "2027-04-05", "time_zone": "UTC"},
        }
    )
    schedule = Schedule.from_day_lists(production, [["1"]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data = unit_calendar(production, schedule, stamp=STAMP).to_ical()
    assert b"DTSTART:20270405T070000Z" in data

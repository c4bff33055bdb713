"""Readers fill in the time zone a file does not give, say which in one line, and keep it after."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from shootplan.io import read_production
from shootplan.io.json import write_production

BOARD = "Scene,Int/Ext,Set,Pages,Location\n1,INT,DINER - BOOTH,1,DINER\nEnd of Day 1\n"


def _read(path: Path) -> tuple[str | None, list[str]]:
    """The production's time zone as read, and the warnings reading gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        production = read_production(path, start="2027-04-05")
    return production.calendar.time_zone, [str(w.message) for w in caught]


def test_a_board_without_a_zone_gets_the_computers_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain CSV on a Chicago computer: America/Chicago, and one warning line that says why."""
    monkeypatch.setenv("TZ", "America/Chicago")
    board = tmp_path / "board.csv"
    board.write_text(BOARD)
    assert _read(board) == (
        "America/Chicago",
        ["board.csv: no time zone given: using America/Chicago, from this computer's settings"],
    )


def test_production_json_with_coordinates_takes_their_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Production JSON with a Manhattan location and no zone: New York, not the computer's Berlin."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    path = tmp_path / "production.json"
    scene = {"number": "1", "int_ext": "INT", "set": "LOFT", "location": "Loft", "eighths": 8}
    place = {"name": "Loft", "latitude": 40.7128, "longitude": -74.006}
    path.write_text(json.dumps({"name": "Loft", "scenes": [scene], "locations": [place], "calendar": {}}))
    zone, notes = _read(path)
    assert zone == "America/New_York"
    assert notes == [
        "production.json: no time zone given: using America/New_York, from the locations' coordinates"
    ]


def test_a_written_production_keeps_the_zone_it_was_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What plan writes carries the resolved zone: read on a Berlin computer later, still Chicago."""
    monkeypatch.setenv("TZ", "America/Chicago")
    board = tmp_path / "board.csv"
    board.write_text(BOARD)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        written = write_production(tmp_path / "production.json", read_production(board, start="2027-04-05"))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert _read(written) == ("America/Chicago", [])

"""Stale feeds (issue 17, item 2): a feed follows its performer's board ID and its location, not a
display name, and a feed no longer produced is cancelled once so subscribers' phones clear it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import icalendar
from click.testing import CliRunner

from shootplan import Production, Schedule
from shootplan.cli import main
from shootplan.io.ics import write_calendars
from shootplan.io.json import write_production, write_schedule
from tests.io.ics.calendar_helpers import LATER, LATEST, STAMP, assert_valid_feed, located_data

DAYS = [["1", "4"], ["2", "5"], ["3", "6"]]


def _events(path: Path) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def _without_mae(data: dict[str, Any]) -> Production:
    """The production with MAE (cast 3) off the board and the CLINIC location gone."""
    data["cast"] = [member for member in data["cast"] if member["id"] != "3"]
    for scene in data["scenes"]:
        scene["cast"] = [c for c in scene["cast"] if c != "3"]
        if scene["set"].startswith("CLINIC"):
            scene["set"] = scene["set"].replace("CLINIC", "DINER")
    data["locations"] = [place for place in data["locations"] if place["name"] != "CLINIC"]
    return Production.model_validate(data)


def test_a_renamed_performer_keeps_the_feed_subscribers_hold(tmp_path: Path) -> None:
    """NORA renamed NORA ROSS (board ID 1): her old file goes on, SEQUENCE continuing, no new file."""
    production = Production.model_validate(located_data())
    write_calendars(production, Schedule.from_day_lists(production, DAYS, created=STAMP), tmp_path)
    data = located_data()
    data["cast"][0]["character"] = "NORA ROSS"
    renamed = Production.model_validate(data)
    moved = Schedule.from_day_lists(renamed, [["1", "4"], ["5", "2"], ["3", "6"]], created=LATER)
    files = write_calendars(renamed, moved, tmp_path)
    old = tmp_path / "cast-1-nora.ics"
    assert not (tmp_path / "cast-1-nora-ross.ics").exists()
    assert files.states[old] == "updated" and not files.cancelled
    events = _events(old)
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in events.values())
    assert max(int(e["SEQUENCE"]) for e in events.values()) == 1  # continued, not restarted
    assert "NORA ROSS" in str(icalendar.Calendar.from_ical(old.read_bytes())["NAME"])


def test_a_removed_performer_or_location_feed_is_cancelled_once(tmp_path: Path) -> None:
    """MAE leaves the board and CLINIC the production: both feeds are re-published once with
    every event cancelled (SEQUENCE + 1), reported; publishing again leaves them untouched."""
    production = Production.model_validate(located_data())
    write_calendars(production, Schedule.from_day_lists(production, DAYS, created=STAMP), tmp_path)
    before = {name: _events(tmp_path / name) for name in ("cast-3-mae.ics", "location-clinic.ics")}
    smaller = _without_mae(located_data())
    files = write_calendars(smaller, Schedule.from_day_lists(smaller, DAYS, created=LATER), tmp_path)
    assert sorted(str(c) for c in files.cancelled) == [
        "feed cast-3-mae.ics: performer no longer on the board, every event cancelled",
        "feed location-clinic.ics: location no longer in the production, every event cancelled",
    ]
    for name, old in before.items():
        assert_valid_feed((tmp_path / name).read_bytes(), name=name)
        after = _events(tmp_path / name)
        assert set(after) == set(old)
        for uid, event in after.items():
            assert str(event["STATUS"]) == "CANCELLED"
            assert int(event["SEQUENCE"]) == int(old[uid]["SEQUENCE"]) + 1
        assert "METHOD:PUBLISH" in (tmp_path / name).read_text()
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in before}
    again = write_calendars(smaller, Schedule.from_day_lists(smaller, DAYS, created=LATEST), tmp_path)
    assert not again.cancelled
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in before} == stamps


def test_files_that_are_not_ours_are_never_touched(tmp_path: Path) -> None:
    """Another production's feed and a stranger's calendar in the folder stay as they were."""
    production = Production.model_validate(located_data())
    schedule = Schedule.from_day_lists(production, DAYS, created=STAMP)
    other = tmp_path / "other"
    write_calendars(production.replace(name="Another Film"), schedule, other)
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "cast-3-mae.ics").write_bytes((other / "cast-3-mae.ics").read_bytes())
    stranger = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n"
    (folder / "dentist.ics").write_bytes(stranger)
    smaller = _without_mae(located_data())
    files = write_calendars(smaller, Schedule.from_day_lists(smaller, DAYS, created=STAMP), folder)
    assert not files.cancelled
    assert (folder / "cast-3-mae.ics").read_bytes() == (other / "cast-3-mae.ics").read_bytes()
    assert (folder / "dentist.ics").read_bytes() == stranger


def test_the_calendars_command_says_which_feed_it_cancelled(tmp_path: Path) -> None:
    """`shootplan calendars` prints a notice naming the cancelled feed and why."""
    production = Production.model_validate(located_data())
    feeds = tmp_path / "feeds"
    write_calendars(production, Schedule.from_day_lists(production, DAYS, created=STAMP), feeds)
    smaller = _without_mae(located_data())
    write_production(tmp_path / "production.json", smaller)
    write_schedule(tmp_path / "schedule.json", Schedule.from_day_lists(smaller, DAYS, created=LATER))
    result = CliRunner().invoke(main, ["calendars", str(tmp_path / "schedule.json"), "--out", str(feeds)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "feed cast-3-mae.ics: performer no longer on the board, every event cancelled" in said
    assert os.path.exists(feeds / "cast-3-mae.ics")

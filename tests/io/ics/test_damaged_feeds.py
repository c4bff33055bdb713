"""A damaged event of ours (issue 17, item 4): a feed re-saved by another client with a broken
SEQUENCE or DTSTART, or a feed file that is no calendar at all, is reported and repaired from the
schedule, and never stops the other feeds."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from shootplan import Production, Schedule
from shootplan.cli import main
from shootplan.io.ics import write_calendars
from shootplan.io.json import write_production, write_schedule
from tests.io.ics.calendar_helpers import LATER, STAMP, assert_valid_feed, located_data

DAYS = [["1", "4"], ["2", "5"], ["3", "6"]]
MOVED = [["1", "4"], ["5", "2"], ["3", "6"]]

DAMAGES = {
    "sequence": lambda text: text.replace("SEQUENCE:0", "SEQUENCE:abc", 1),
    "dtstart": lambda text: re.sub(r"(DTSTART;TZID=[^:]+:)\d{8}T", r"\g<1>2027XX01T", text, count=1),
}


def _damaged(tmp_path: Path, damage: str) -> tuple[Production, Path, str]:
    """A published folder whose unit.ics has its first event damaged; that event's UID."""
    production = Production.model_validate(located_data())
    write_calendars(production, Schedule.from_day_lists(production, DAYS, created=STAMP), tmp_path)
    unit = tmp_path / "unit.ics"
    uid = str(icalendar.Calendar.from_ical(unit.read_bytes()).walk("VEVENT")[0]["UID"])
    text = unit.read_bytes().decode("utf-8")
    unit.write_bytes(DAMAGES[damage](text).encode("utf-8"))
    return production, unit, uid


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_event_of_ours_is_reported_and_repaired(tmp_path: Path, damage: str) -> None:
    """The next publish names the file, the event and what is wrong, re-publishes the event with a
    SEQUENCE above every one the feed holds, and updates every other feed as usual."""
    production, unit, uid = _damaged(tmp_path, damage)
    held = re.findall(rb"SEQUENCE:(\d+)", unit.read_bytes())
    files = write_calendars(production, Schedule.from_day_lists(production, MOVED, created=LATER), tmp_path)
    (repair,) = files.repaired
    said = str(repair)
    assert said.startswith(f"feed unit.ics: event {uid} ('Day 1 ")
    assert damage.upper() in said and "re-published from the schedule" in said
    assert_valid_feed(unit.read_bytes(), name="unit.ics")
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(unit.read_bytes()).walk("VEVENT")}
    assert int(events[uid]["SEQUENCE"]) > max(int(n) for n in held)
    assert str(events[uid]["STATUS"]) == "CONFIRMED"
    assert files.counts()["updated"] >= 4  # the day 2 swap still reaches the other feeds
    again = write_calendars(production, Schedule.from_day_lists(production, MOVED, created=LATER), tmp_path)
    assert not again.repaired and set(again.counts().values()) == {0, len(again.paths)}


def test_an_unreadable_feed_file_is_reported_and_replaced(tmp_path: Path) -> None:
    """unit.ics overwritten with junk: reported, replaced by a fresh feed; the rest goes on."""
    production, unit, _ = _damaged(tmp_path, "sequence")
    unit.write_bytes(b"<html>502 Bad Gateway</html>")
    files = write_calendars(production, Schedule.from_day_lists(production, MOVED, created=LATER), tmp_path)
    (repair,) = files.repaired
    assert str(repair).startswith("feed unit.ics cannot be read as iCalendar")
    assert str(repair).endswith("replaced with a fresh feed")
    assert files.states[unit] == "updated"
    assert_valid_feed(unit.read_bytes(), name="unit.ics")


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_the_calendars_command_repairs_a_damaged_event(tmp_path: Path, damage: str) -> None:
    """`shootplan calendars` over a damaged feed exits 0 and says what it repaired."""
    production, _, uid = _damaged(tmp_path / "feeds", damage)
    write_production(tmp_path / "production.json", production)
    write_schedule(tmp_path / "schedule.json", Schedule.from_day_lists(production, MOVED, created=LATER))
    feeds = str(tmp_path / "feeds")
    result = CliRunner().invoke(main, ["calendars", str(tmp_path / "schedule.json"), "--out", feeds])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert f"feed unit.ics: event {uid}" in said and "re-published from the schedule" in said


def test_a_damaged_event_of_a_feed_no_longer_produced_is_repaired_once(tmp_path: Path) -> None:
    """CLINIC gone from the production, its one-event feed cancelled; then another client breaks
    that event's DTSTART. The next publish re-publishes the feed with the event cancelled on its
    day's date (read from the other feeds) and says so; the one after is quiet and rewrites
    nothing (it used to report "1 damaged feed entry repaired" on every run, never writing it)."""
    from tests.io.ics.test_stale_feeds import _without_mae

    production = Production.model_validate(located_data())
    write_calendars(production, Schedule.from_day_lists(production, DAYS, created=STAMP), tmp_path)
    smaller = _without_mae(located_data())
    write_calendars(smaller, Schedule.from_day_lists(smaller, DAYS, created=LATER), tmp_path)
    clinic = tmp_path / "location-clinic.ics"
    (cancelled,) = icalendar.Calendar.from_ical(clinic.read_bytes()).walk("VEVENT")
    clinic.write_bytes(DAMAGES["dtstart"](clinic.read_bytes().decode("utf-8")).encode("utf-8"))

    files = write_calendars(smaller, Schedule.from_day_lists(smaller, DAYS, created=LATER), tmp_path)
    (repair,) = files.repaired
    assert str(repair).startswith(f"feed location-clinic.ics: event {cancelled['UID']}")
    assert "published once more, cancelled" in str(repair)
    assert_valid_feed(clinic.read_bytes(), name=clinic.name)
    (event,) = icalendar.Calendar.from_ical(clinic.read_bytes()).walk("VEVENT")
    assert str(event["UID"]) == str(cancelled["UID"]) and str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("DTSTART") == cancelled.decoded("DTSTART").date()
    assert int(event["SEQUENCE"]) > int(cancelled["SEQUENCE"])

    written = clinic.read_bytes(), clinic.stat().st_mtime_ns
    again = write_calendars(smaller, Schedule.from_day_lists(smaller, DAYS, created=LATER), tmp_path)
    assert not again.repaired and not again.cancelled and "repaired" not in str(again)
    assert (clinic.read_bytes(), clinic.stat().st_mtime_ns) == written


def test_the_log_line_of_a_damaged_event_is_bounded_and_inert(tmp_path: Path) -> None:
    """A damaged event titled with 100,000 characters and a terminal escape: `shootplan calendars`
    logs the repair (and notes it) in lines of readable length, with no escape sequence (the
    library's WARNING bypassed the CLI's cleaning: 114,803 bytes of stderr)."""
    production, unit, uid = _damaged(tmp_path / "feeds", "sequence")
    huge = "\x1b[2J" + "X" * 100_000
    text = unit.read_bytes().decode("utf-8")
    unit.write_bytes(re.sub(r"SUMMARY:[^\r]*", lambda _: f"SUMMARY:{huge}", text, count=1).encode("utf-8"))
    write_production(tmp_path / "production.json", production)
    write_schedule(tmp_path / "schedule.json", Schedule.from_day_lists(production, MOVED, created=LATER))
    feeds = str(tmp_path / "feeds")
    result = CliRunner().invoke(main, ["calendars", str(tmp_path / "schedule.json"), "--out", feeds])
    assert result.exit_code == 0, result.output
    assert f"event {uid}" in " ".join(result.stderr.split())
    assert "\x1b" not in result.stderr
    assert len(result.stderr) < 5_000

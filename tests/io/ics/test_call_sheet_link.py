"""The unit feed points at each day's call sheet (issue 19, item 3): a link, never the file."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from shootplan import Production, Schedule, ShootplanError
from shootplan.call_sheet import call_sheet
from shootplan.io.ics import unit_calendar, write_calendars
from tests.io.ics.calendar_helpers import STAMP, assert_valid_feed, located_data

BASE = "https://crew.example.com/harbor/callsheets/"
DAYS = [["1", "4"], ["2", "5"], ["3", "6"]]


@pytest.fixture(scope="module")
def located() -> Production:
    """The small production with addresses and coordinates."""
    return Production.model_validate(located_data())


def _day(calendar: icalendar.Calendar, number: int) -> icalendar.Event:
    return next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith(f"Day {number} "))


def test_published_folder_gives_a_link_and_an_attachment(located: Production) -> None:
    """With the folder's address: URL to the day's HTML page, ATTACH to its PDF, both in words too."""
    schedule = Schedule.from_day_lists(located, DAYS, created=STAMP)
    calendar = unit_calendar(located, schedule, call_sheet_base=BASE)
    assert_valid_feed(calendar.to_ical(), name="unit")
    event = _day(calendar, 2)
    page = "https://crew.example.com/harbor/callsheets/day-02-2027-03-02.html"
    pdf = "https://crew.example.com/harbor/callsheets/day-02-2027-03-02.pdf"
    assert str(event["URL"]) == page
    assert str(event["ATTACH"]) == pdf
    assert event["ATTACH"].params["FMTTYPE"] == "application/pdf"
    assert f"Call sheet: {page} (PDF: {pdf})" in str(event["DESCRIPTION"])
    assert b"ENCODING=BASE64" not in calendar.to_ical()  # never the file itself


def test_description_carries_the_call_sheets_key_lines(located: Production) -> None:
    """The event's first lines read as the call sheet's header: calls, wrap, sun, place, scenes."""
    schedule = Schedule.from_day_lists(located, DAYS, created=STAMP)
    sheet = call_sheet(located, schedule, 1)
    lines = str(_day(unit_calendar(located, schedule), 1)["DESCRIPTION"]).split("\n")
    first = sheet.locations[0]
    assert lines[:5] == [
        f"Day 1 · Mon 1 Mar 2027 · {sheet.num_scenes} scenes · {sheet.total_pages} pages",
        f"Crew call {sheet.clock(sheet.crew_call)} · shooting call {sheet.clock(sheet.shooting_call)}"
        f" · estimated wrap {sheet.clock(sheet.wrap)} (America/New_York)",
        f"Sunrise {sheet.clock(sheet.sunrise)} · sunset {sheet.clock(sheet.sunset)}",
        f"First location: {first.name}, {first.address}",
        "Call sheet: day-01-2027-03-01.pdf (or .html) in the callsheets folder",
    ]


def test_without_a_published_folder_no_link_at_all(located: Production) -> None:
    """No address given: the file name in words, and no URL or ATTACH that would not open."""
    schedule = Schedule.from_day_lists(located, DAYS, created=STAMP)
    calendar = unit_calendar(located, schedule)
    for event in calendar.walk("VEVENT"):
        assert "URL" not in event and "ATTACH" not in event
        assert "http" not in str(event["DESCRIPTION"])


def test_a_bad_or_doubled_address_is_refused(located: Production) -> None:
    """A relative address cannot open on a phone; the folder and a per-day template clash."""
    schedule = Schedule.from_day_lists(located, DAYS, created=STAMP)
    with pytest.raises(ShootplanError, match="web address a phone can open"):
        unit_calendar(located, schedule, call_sheet_base="callsheets/")
    with pytest.raises(ShootplanError, match="not both"):
        unit_calendar(located, schedule, call_sheet_base=BASE, call_sheet_url="https://x/{number}")


def test_another_days_change_leaves_the_event_byte_for_byte(located: Production, tmp_path: Path) -> None:
    """Moving a scene between days 2 and 3 re-sends only those days: day 1's event keeps its bytes."""
    first = Schedule.from_day_lists(located, DAYS, created=STAMP)
    write_calendars(located, first, tmp_path, call_sheet_base=BASE)
    before = icalendar.Calendar.from_ical((tmp_path / "unit.ics").read_bytes())
    moved = Schedule.from_day_lists(located, [["1", "4"], ["2"], ["3", "5", "6"]], created=STAMP)
    write_calendars(located, moved, tmp_path, call_sheet_base=BASE)
    after = icalendar.Calendar.from_ical((tmp_path / "unit.ics").read_bytes())
    assert _day(after, 1).to_ical() == _day(before, 1).to_ical()
    assert _day(after, 2)["SEQUENCE"] == _day(before, 2)["SEQUENCE"] + 1

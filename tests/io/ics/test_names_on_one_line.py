"""Names with line breaks (Alt+Enter in an Excel cell) reach no feed raw: no broken file, no
injected event. Names are kept on one line at import; every feed text is escaped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import icalendar

from shootplan import Production, Schedule
from shootplan.io.ics import write_calendars
from tests.conftest import small_production_data
from tests.io.ics.calendar_helpers import assert_valid_feed

INJECTION = "X\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil-uid\r\nSUMMARY:PWNED\r\nBEGIN:VALARM"


def _hostile() -> Production:
    data = small_production_data()
    data["name"] = "Small\nTown " + INJECTION
    data["cast"][0]["name"] = "Ada\nQuinn"
    data["cast"][0]["character"] = "NORA\r\n" + INJECTION
    data["locations"][0]["name"] = "DINER\n" + INJECTION
    for scene in data["scenes"]:
        if scene["set"].startswith("DINER"):
            scene["set"] = scene["set"].replace("DINER", "DINER\n" + INJECTION)
    return Production.model_validate(data)


def test_names_with_line_breaks_are_kept_on_one_line() -> None:
    """The production, a performer, a character and a location read with line breaks come out
    on one line, the words kept."""
    production = _hostile()
    names = [production.name, production.cast[0].name, production.cast[0].character]
    names += [location.name for location in production.locations] + [s.set for s in production.scenes]
    assert not [n for n in names if any(c in n for c in "\r\n")]
    assert production.cast[0].name == "Ada Quinn"
    assert production.name.startswith("Small Town X END:VEVENT BEGIN:VEVENT UID:evil-uid")


def test_names_with_line_breaks_inject_nothing_into_the_feeds(tmp_path: Path) -> None:
    """Every feed parses, has one event per shoot day of its subject, and no injected UID,
    summary or alarm."""
    production = _hostile()
    created = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["3", "6"]], created=created)
    write_calendars(production, schedule, tmp_path)
    feeds = sorted(tmp_path.glob("*.ics"))
    assert feeds
    for feed in feeds:
        text = feed.read_bytes()
        assert_valid_feed(text, name=feed.name)
        calendar = icalendar.Calendar.from_ical(text)
        events = calendar.walk("VEVENT")
        assert all(str(e["UID"]) != "evil-uid" and str(e["SUMMARY"]) != "PWNED" for e in events)
        assert not calendar.walk("VALARM")
        assert "\n" not in str(calendar["NAME"])
    unit = icalendar.Calendar.from_ical((tmp_path / "unit.ics").read_bytes())
    assert len(unit.walk("VEVENT")) == 3

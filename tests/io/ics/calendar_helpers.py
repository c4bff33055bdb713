"""Shared by the calendar tests: checks from outside our own code (ICS.md), and test data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream

from shootplan import Production
from shootplan.io.ics import lint_ics
from tests.conftest import small_production_data

STAMP = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2027, 2, 8, 9, 0, tzinfo=UTC)
LATEST = datetime(2027, 2, 15, 9, 0, tzinfo=UTC)


def assert_valid_feed(text: bytes, *, name: str = "feed", refolded: bool = False) -> int:
    """Assert that every checker accepts ``text``; return its number of events.

    vobject validates the calendar and each event; ``ical`` (Home Assistant's parser) must find
    as many events as the raw text holds, since it reads a truncated file as zero events without
    complaint; icalendar re-parses with no component errors; our own raw-text lint is clean.
    """
    raw_count = text.count(b"\r\nBEGIN:VEVENT\r\n")
    assert raw_count > 0, f"{name}: no event"
    decoded = text.decode("utf-8")

    parsed = vobject.readOne(decoded)
    parsed.validate(raiseException=True)
    events = parsed.contents.get("vevent", [])
    for event in events:
        event.validate(raiseException=True)
    assert len(events) == raw_count, f"{name}: vobject read {len(events)} of {raw_count} events"

    stream = IcsCalendarStream.calendar_from_ics(decoded)
    assert len(stream.events) == raw_count, f"{name}: ical read {len(stream.events)} events"

    calendar = icalendar.Calendar.from_ical(text)
    errors = [(c.name, c.errors) for c in calendar.walk() if c.errors]
    assert not errors, f"{name}: icalendar reports {errors}"
    assert len(calendar.walk("VEVENT")) == raw_count

    problems = lint_ics(text)
    if refolded:  # text a server wrote again (Radicale folds by characters, not octets)
        problems = [p for p in problems if "fold long lines" not in p]
    assert not problems, f"{name}: " + "; ".join(problems)
    return raw_count


def packed_days(production: Production) -> list[list[str]]:
    """Scenes in script order, a new day whenever the page cap would be exceeded."""
    days: list[list[str]] = []
    current: list[str] = []
    load = 0
    for scene in production.scenes:
        if current and load + scene.eighths > production.rules.max_eighths_per_day:
            days.append(current)
            current, load = [], 0
        current.append(scene.number)
        load += scene.eighths
    if current:
        days.append(current)
    return days


def located_data() -> dict[str, Any]:
    """The six-scene production with addresses, coordinates and a New York time zone."""
    data = small_production_data()
    data["calendar"]["time_zone"] = "America/New_York"
    data["locations"] = [
        {
            "name": "DINER",
            "address": "2 Railroad Avenue, Chatham, NY 12037",
            "latitude": 42.3643,
            "longitude": -73.5946,
        },
        {
            "name": "FARM",
            "address": "90 Farm Road, Ghent, NY 12075",
            "latitude": 42.3301,
            "longitude": -73.6151,
            "time_zone": "America/New_York",
        },
        {"name": "CLINIC", "address": "18 Fairview Avenue, Hudson, NY 12534"},
    ]
    return data

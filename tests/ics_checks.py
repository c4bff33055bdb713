"""Check iCalendar text from outside our own code: several independent parsers (ICS.md)."""

from __future__ import annotations

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream

from shootplan.io.calendar import lint_ics


def assert_valid_feed(text: bytes, *, name: str = "feed") -> int:
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
    assert not problems, f"{name}: " + "; ".join(problems)
    return raw_count

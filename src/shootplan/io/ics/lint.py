"""A raw-text lint for iCalendar files: what breaks phone calendars, found without any parser.

Independent of ``icalendar`` on purpose (ICS.md: no single parser catches most defects), so it
also checks files other tools made. :func:`lint_ics` returns sentences naming the line or event.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["lint_ics"]

_PROPERTY = re.compile(r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*?)?):(?P<value>.*)$", re.S)
_DATE = re.compile(r"^\d{8}$")
_DATE_TIME = re.compile(r"^\d{8}T\d{6}Z?$")
_TIMEZONE_PROPERTIES = {"TZID", "LAST-MODIFIED", "TZURL"}


@dataclass
class _Node:
    """A component of the raw text: its properties with line numbers, and its children."""

    name: str
    line: int
    properties: list[tuple[str, dict[str, str], str, int]]
    children: list[_Node]

    def values(self, name: str) -> list[tuple[dict[str, str], str, int]]:
        return [(p, v, n) for key, p, v, n in self.properties if key == name]


def lint_ics(text: str | bytes) -> list[str]:
    """Problems in iCalendar text that break phone calendars; an empty list when there are none.

    Checks the raw text, independently of any parser: CRLF line endings, lines of at most 75
    octets, VERSION and PRODID, at least one event, UID, DTSTAMP and DTSTART on every event,
    unique UIDs, a VTIMEZONE for every TZID (and nothing RFC 5545 forbids inside one), no floating
    times, DTEND after DTSTART and of the same value type, and under METHOD:PUBLISH an ORGANIZER
    and no ATTENDEE on every event.
    """
    raw = text.encode("utf-8") if isinstance(text, str) else text
    problems: list[str] = []
    rest = raw.replace(b"\r\n", b"")
    if b"\n" in rest or b"\r" in rest:
        problems.append("line endings: a bare LF or CR; RFC 5545 needs CRLF")
    if not raw.endswith(b"\r\n"):
        problems.append("the last line does not end with CRLF")
    physical = raw.split(b"\r\n")
    for number, line in enumerate(physical, 1):
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets, over 75 (fold long lines)")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return [*problems, f"not UTF-8: {error}"]
    root, structure = _parse_raw(decoded)
    problems += structure
    if root is None:
        return problems
    problems += _lint_calendar(root)
    return problems


def _parse_raw(text: str) -> tuple[_Node | None, list[str]]:
    problems: list[str] = []
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(re.split(r"\r\n|\n|\r", text), 1):
        if line[:1] in {" ", "\t"} and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line:
            logical.append((number, line))
    stack: list[_Node] = []
    root: _Node | None = None
    for number, line in logical:
        match = _PROPERTY.match(line)
        if not match:
            problems.append(f"line {number}: not a content line: {line[:40]!r}")
            continue
        name = match["name"].upper()
        value = match["value"]
        if name == "BEGIN":
            node = _Node(value.upper(), number, [], [])
            if stack:
                stack[-1].children.append(node)
            elif root is None:
                root = node
            else:
                problems.append(f"line {number}: a second top-level component {value}")
            stack.append(node)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                problems.append(f"line {number}: END:{value} does not close the open component")
                continue
            stack.pop()
        elif stack:
            stack[-1].properties.append((name, _parameters(match["params"]), value, number))
        else:
            problems.append(f"line {number}: property {name} outside any component")
    if stack:
        problems.append(f"component {stack[-1].name} (line {stack[-1].line}) is never closed")
    if root is None or root.name != "VCALENDAR":
        problems.append("the text is not a VCALENDAR")
        return None, problems
    return root, problems


def _parameters(text: str) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for match in re.finditer(r';([A-Za-z0-9-]+)=("[^"]*"|[^;:]*)', text):
        parameters[match[1].upper()] = match[2].strip('"')
    return parameters


def _lint_calendar(root: _Node) -> list[str]:
    problems: list[str] = []
    for name in ("VERSION", "PRODID"):
        found = root.values(name)
        if len(found) != 1:
            problems.append(f"VCALENDAR needs exactly one {name} (found {len(found)})")
    if root.values("VERSION") and root.values("VERSION")[0][1] != "2.0":
        problems.append(f"VERSION is {root.values('VERSION')[0][1]!r}, not 2.0")
    method = root.values("METHOD")[0][1].upper() if root.values("METHOD") else None
    zones = {z.values("TZID")[0][1] for z in root.children if z.name == "VTIMEZONE" and z.values("TZID")}
    for zone in root.children:
        if zone.name != "VTIMEZONE":
            continue
        for name, _, _, number in zone.properties:
            if name not in _TIMEZONE_PROPERTIES and not name.startswith("X-"):
                problems.append(f"line {number}: VTIMEZONE may not hold {name} (RFC 5545 section 3.6.5)")
    events = [c for c in root.children if c.name == "VEVENT"]
    if not any(c.name in {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"} for c in root.children):
        problems.append("the calendar holds no event")
    seen: dict[tuple[str, str], int] = {}
    for event in events:
        uid = event.values("UID")[0][1] if event.values("UID") else f"at line {event.line}"
        where = f"VEVENT {uid}"
        for name in ("UID", "DTSTAMP", "DTSTART"):
            count = len(event.values(name))
            if count != 1:
                problems.append(f"{where}: needs exactly one {name} (found {count})")
        recurrence = event.values("RECURRENCE-ID")
        key = (uid, recurrence[0][1] if recurrence else "")
        if key in seen:
            problems.append(f"{where}: UID already used by the event at line {seen[key]}")
        seen.setdefault(key, event.line)
        for _, params, _, number in event.properties:
            tzid = params.get("TZID")
            if tzid is not None and tzid not in zones:
                problems.append(f"line {number}: TZID {tzid!r} has no VTIMEZONE in the file")
        problems += _lint_times(event, where)
        if method == "PUBLISH":
            if len(event.values("ORGANIZER")) != 1:
                problems.append(f"{where}: METHOD:PUBLISH needs one ORGANIZER on every event")
            if event.values("ATTENDEE"):
                problems.append(f"{where}: METHOD:PUBLISH allows no ATTENDEE")
    return problems


def _lint_times(event: _Node, where: str) -> list[str]:
    problems: list[str] = []
    moments: dict[str, date | datetime] = {}
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        for params, value, number in event.values(name):
            if _DATE.match(value):
                moments[name] = date(int(value[:4]), int(value[4:6]), int(value[6:8]))
                continue
            if not _DATE_TIME.match(value):
                problems.append(f"line {number}: {name} {value!r} is neither a date nor a time")
                continue
            if not value.endswith("Z") and "TZID" not in params:
                problems.append(f"line {number}: {name} is a floating time (no Z, no TZID)")
            moments[name] = _moment(value, params.get("TZID"))
    if event.values("DTEND") and event.values("DURATION"):
        problems.append(f"{where}: has both DTEND and DURATION")
    start, end = moments.get("DTSTART"), moments.get("DTEND")
    if start is not None and end is not None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            problems.append(f"{where}: DTSTART and DTEND are not both dates or both times")
        elif _comparable(end, start) <= _comparable(start, end):
            problems.append(f"{where}: DTEND is not after DTSTART")
    return problems


def _moment(value: str, tzid: str | None) -> datetime:
    moment = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return moment.replace(tzinfo=UTC)
    if tzid:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            return moment.replace(tzinfo=ZoneInfo(tzid))
    return moment


def _comparable(value: date | datetime, other: date | datetime) -> Any:
    """A value to compare with ``other``: naive and aware times are compared as wall times."""
    if (
        isinstance(value, datetime)
        and isinstance(other, datetime)
        and (value.tzinfo is None) != (other.tzinfo is None)
    ):
        return value.replace(tzinfo=None)
    return value

"""The Universal Schedule Standard (USS): read a schedule, write one back.

USS (github.com/UniversalScheduleStandard, ``docs/docs.md``) is JSON under one key,
``universalScheduleStandard``: ``breakdowns`` (strips), ``categories``, ``elements`` (cast, sets,
INT/EXT, Day/Night... each in a category), ``stripboards`` (orders of strips, each with a
``calendar``) and ``calendars``. How each part becomes a Production:

=======================  ================================================================
USS                      Production
=======================  ================================================================
breakdown, type          a scene for ``scene`` (the spec) or ``strip`` (the sample files);
                         ``banner`` and ``day`` strips are skipped
breakdown.scene          Scene.number; a repeated number gets `` (2)``, with a warning
breakdown.pages          eighths (a decimal page count: 0.375 is 3/8)
breakdown.time           minutes (milliseconds; the sample's ``duration`` too)
breakdown.description    synopsis; ``comments`` go to elements["Comments"]
element in category      ucid 0 Set -> set (more sets go to elements["Set"]); 1 INT/EXT;
                         2 Day/Night (missing: DAY); 3 Script Day; 6 Location (missing: the
                         set name before " - "); 100 Cast -> cast (board ID = ``elementId``,
                         the first free number when empty); any other -> elements[category]
cast element             character = name; holds = ``doodHoldAllow`` (``isHold``); drop =
                         ``doodDropAllow`` (``isDrop``); drop gap = ``doodDropDays``
                         (``doodDayCount``, ``dropDayCount``); ``dayOff`` events and
                         weekly ``daysOff`` (0 = Sunday) -> unavailable dates
calendar                 ``start`` event -> start; ``daysOff`` weekdays -> shooting weekdays;
                         ``dayOff`` events -> days off, or holidays when named holiday (an
                         ``event`` named holiday too); other events (travel...) are dropped
stripboard               a named board: ``Production.boards[name]``; boneyards are skipped
=======================  ================================================================

A stripboard's days come from ``breakdownArrays`` (the sample: one array of strip ids per day, a
lone id being a one-strip day) or ``breakdownIds`` (the spec: one flat order, each ``day`` strip
ending a day; strips after the last are unscheduled). A flat order without any day strip (a
"Script Order" board) is kept as one day holding every strip, in order.

A Production has one calendar, USS one per stripboard: the production takes the calendar of the
**last** stripboard (USS tools list revisions oldest first), and every board's days are dated on
it. Dates are read by their date part (``2022-08-17T07:00:00.000+0000`` is 2022-08-17).

:func:`write_uss` writes the spec's form (type ``scene``, ``breakdownIds`` with ``day`` strips,
``time``, ``dood*`` keys). What USS has no key for (rates, minors, windows, rules...) goes in
``_shootplan`` keys, as the spec's extension rule allows, so reading the file back gives an equal
production.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from shootplan.errors import PageCountError, ProductionError
from shootplan.io._build import DEFAULT_START, Draft
from shootplan.io._cells import Problems, cell_text, file_mode, normalize
from shootplan.io.stripboard import parse_slugline
from shootplan.model import WEEKDAY_NAMES, DateRange, IntExt, Production, ShootCalendar
from shootplan.pages import parse_pages

__all__ = ["USS_KEY", "read_uss_data", "uss_document", "write_uss"]

USS_KEY = "universalScheduleStandard"
USS_VERSION = "1.0.0"

# Universal Category Identification numbers, and the category names that mean the same.
_KINDS: dict[str, tuple[int, tuple[str, ...]]] = {
    "set": (0, ("Set", "Sets")),
    "int_ext": (1, ("INT/EXT", "Int/Ext", "IE")),
    "time_of_day": (2, ("Day/Night", "D/N", "Time of Day")),
    "script_day": (3, ("Script Day", "Story Day")),
    "location": (6, ("Location", "Locations", "Shooting Location")),
    "cast": (100, ("Cast", "Cast Members", "Cast Member")),
}
_ELEMENT_UCIDS = {
    "Background": 101,
    "Extras": 101,
    "Stunts": 102,
    "Vehicles": 103,
    "Props": 104,
    "SFX": 105,
    "Wardrobe": 106,
    "Makeup": 107,
    "Makeup/Hair": 107,
    "Animals": 108,
    "Animal Handler": 109,
    "Camera": 110,
    "Grip": 111,
    "Electric": 112,
    "Sound": 113,
    "Music": 114,
    "Art Department": 115,
    "Set Dressing": 116,
    "Greenery": 117,
    "Security": 118,
    "Special Equipment": 119,
    "Additional Labor": 120,
    "VFX": 121,
    "MFX": 122,
    "Notes": 123,
    "Unit": 4,
    "Sequence": 5,
}
_CUSTOM_UCID = 1000  # above the standard's protected ranges
_EXTRA = "_shootplan"
# The fields a _shootplan key may carry on a strip and on a cast element (what USS has no key for).
_SCENE_EXTRAS = frozenset({"shoot_days", "earliest", "latest", "pinned", "cover"})
_CAST_EXTRAS = frozenset({"name", "character", "daily_rate", "max_drops", "minor", "unavailable"})


def _date(value: Any) -> date | None:
    """The date part of a USS date (``2022-08-17T07:00:00.000+0000``), or None."""
    text = cell_text(value)
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


def _extras(item: dict[str, Any], fields: frozenset[str]) -> dict[str, Any]:
    """The known fields of an object's ``_shootplan`` key (the model checks their values)."""
    extra = item.get(_EXTRA)
    return {key: value for key, value in extra.items() if key in fields} if isinstance(extra, dict) else {}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def _kind_of(category: dict[str, Any]) -> str | None:
    """Which scene field a category fills (by ucid, else by name), or None for an element."""
    ucid = category.get("ucid")
    names = {normalize(cell_text(category.get("name")))}
    for kind, (number, aliases) in _KINDS.items():
        if (isinstance(ucid, int) and not isinstance(ucid, bool) and ucid == number) or names & {
            normalize(alias) for alias in aliases
        }:
            return kind
    return None


def _first(element: dict[str, Any], *keys: str, default: Any = None) -> Any:
    for key in keys:
        if key in element and element[key] is not None:
            return element[key]
    return default


# --------------------------------------------------------------------------- reading


class _UssReader:
    """Turns one USS object into a draft production, collecting every problem."""

    def __init__(self, root: dict[str, Any], problems: Problems) -> None:
        self.root = root
        self.problems = problems
        self.categories = {cell_text(c.get("id")): c for c in _dicts(root.get("categories"))}
        self.elements = {cell_text(e.get("id")): e for e in _dicts(root.get("elements"))}
        # The spec lists each category's elements; the sample names each element's category.
        self.category_of: dict[str, str] = {}
        for category_id, category in self.categories.items():
            for element_id in _list(category.get("elements")):
                self.category_of.setdefault(cell_text(element_id), category_id)
        for element_id, element in self.elements.items():
            if element.get("category") is not None:
                self.category_of[element_id] = cell_text(element["category"])
        self.breakdowns = _dicts(root.get("breakdowns"))
        self.numbers: dict[str, str] = {}  # breakdown id -> scene number, for strips only
        self.day_ids: set[str] = set()
        self.cast_ids: dict[str, str] = {}  # cast element id -> board ID
        self.unknown_elements = 0

    def kind(self, element_id: str) -> tuple[str | None, str]:
        """(scene field or None, category name) of an element."""
        category = self.categories.get(self.category_of.get(element_id, ""), {})
        return _kind_of(category), cell_text(category.get("name")) or "Other"

    # Cast -----------------------------------------------------------------

    def cast(self, calendar: dict[str, Any], horizon: int) -> list[dict[str, Any]]:
        """Cast members with board IDs; an empty ``elementId`` gets the first free number."""
        elements = [(i, e) for i, e in self.elements.items() if self.kind(i)[0] == "cast"]
        taken = {cell_text(e.get("elementId")) for _, e in elements} - {""}
        members: list[dict[str, Any]] = []
        seen: dict[str, str] = {}
        next_id = 1
        for element_id, element in elements:
            board_id = cell_text(element.get("elementId"))
            name = cell_text(element.get("name"))
            if not board_id:
                while str(next_id) in taken:
                    next_id += 1
                board_id = str(next_id)
                taken.add(board_id)
            if board_id in seen:
                self.problems.add(
                    f"cast {name!r} and {seen[board_id]!r} share board ID {board_id!r};"
                    " give each cast element its own elementId"
                )
                continue
            seen[board_id] = name
            self.cast_ids[element_id] = board_id
            member: dict[str, Any] = {
                "id": board_id,
                "character": name,
                "holds": bool(_first(element, "doodHoldAllow", "isHold", default=True)),
                "drop_pickup": bool(_first(element, "doodDropAllow", "isDrop", default=False)),
                "unavailable": self._unavailable(element, calendar, horizon),
            }
            gap = _first(element, "doodDropDays", "doodDayCount", "dropDayCount")
            if _is_number(gap) and gap >= 0:
                member["min_drop_gap_days"] = int(gap)
            member.update(_extras(element, _CAST_EXTRAS))
            members.append(member)
        return members

    def _unavailable(self, element: dict[str, Any], calendar: dict[str, Any], horizon: int) -> list[str]:
        """Personal days off: dated ``dayOff`` events, and weekly days off over the shoot."""
        days = [
            day
            for event in _dicts(element.get("events"))
            if cell_text(event.get("type")) == "dayOff"
            for day in [_date(event.get("date"))]
            if day is not None
        ]
        weekly = {n for n in _list(element.get("daysOff")) if isinstance(n, int) and 0 <= n <= 6}
        if weekly:
            # USS counts from Sunday = 0; Python from Monday = 0. The model keeps dates, so the
            # weekly days are spelled out over the span a schedule could use.
            python_days = {(n - 1) % 7 for n in weekly}
            try:
                last = ShootCalendar.model_validate(calendar).date_of(max(horizon, 1))
            except (ProductionError, ValueError):
                last = None
            start = _date(calendar.get("start")) if "start" in calendar else None
            if start and last:
                day = start
                while day <= last:
                    if day.weekday() in python_days:
                        days.append(day)
                    day += timedelta(days=1)
        return _ranges(sorted(set(days)))

    # Strips ---------------------------------------------------------------

    def scenes(self) -> list[dict[str, Any]]:
        """One scene per strip; banners and day breaks are skipped."""
        scenes: list[dict[str, Any]] = []
        counts: dict[str, int] = {}
        renamed: list[str] = []
        for position, breakdown in enumerate(self.breakdowns, start=1):
            kind = cell_text(breakdown.get("type")).lower()
            breakdown_id = cell_text(breakdown.get("id"))
            if kind == "day":
                self.day_ids.add(breakdown_id)
                continue
            if kind not in {"scene", "strip", ""} or (kind == "" and not breakdown.get("scene")):
                continue  # banners, and anything else that is not a strip
            number = cell_text(breakdown.get("scene"))
            where = f"breakdown {position} (id {breakdown_id or '?'})"
            if not number:
                # An unnumbered strip is still work to shoot: name it by its script page.
                page = cell_text(breakdown.get("scriptPage"))
                number = f"pg{page}" if page else f"#{position}"
                renamed.append(f"unnumbered -> {number}")
            counts[number] = counts.get(number, 0) + 1
            if counts[number] > 1:
                # Two strips of one scene (a split or a copy): both are kept, told apart.
                renamed.append(f"{number} -> {number} ({counts[number]})")
                number = f"{number} ({counts[number]})"
            scene = self._scene(breakdown, number, f"{where}, scene {number!r}")
            if scene is not None:
                self.numbers[breakdown_id] = number
                scenes.append(scene)
        if renamed:
            self.problems.warn(f"repeated or missing scene numbers were renamed: {', '.join(renamed)}")
        if self.unknown_elements:
            self.problems.warn(
                f"{self.unknown_elements} element references name no element in a category and were ignored"
            )
        return scenes

    def _scene(self, breakdown: dict[str, Any], number: str, where: str) -> dict[str, Any] | None:
        before = len(self.problems.items)
        scene: dict[str, Any] = {"number": number, "cast": []}
        elements: dict[str, list[str]] = {}
        sets: list[str] = []
        for element_id in map(cell_text, _list(breakdown.get("elements"))):
            element = self.elements.get(element_id)
            if element is None or element_id not in self.category_of:
                self.unknown_elements += 1
                continue
            kind, category = self.kind(element_id)
            name = cell_text(element.get("name"))
            if kind == "cast":
                if element_id in self.cast_ids:
                    scene["cast"].append(self.cast_ids[element_id])
            elif kind == "set":
                sets.append(name)
            elif kind == "int_ext":
                try:
                    scene["int_ext"] = IntExt.parse(name)
                except ValueError as error:
                    self.problems.add(str(error), place=where)
            elif kind in {"time_of_day", "script_day", "location"} and name:
                scene[kind] = name.upper() if kind == "time_of_day" else name
            elif name:
                elements.setdefault(category, []).append(name)
        if sets:
            slug_ie, scene["set"], slug_time = parse_slugline(sets[0])
            scene["set"] = scene["set"] or sets[0]
            scene.setdefault("int_ext", slug_ie)
            if slug_time:
                scene.setdefault("time_of_day", slug_time)
            if len(sets) > 1:
                elements["Set"] = sets[1:]
        else:
            self.problems.add("no Set element; every strip needs a set", place=where)
        if scene.get("int_ext") is None:
            self.problems.add("no INT/EXT element (expected INT, EXT or INT/EXT)", place=where)
        pages = breakdown.get("pages")
        try:
            if pages is None or isinstance(pages, bool):
                raise PageCountError("missing")
            scene["eighths"] = parse_pages(pages)
            if scene["eighths"] <= 0:
                raise PageCountError("zero")
        except PageCountError:
            self.problems.add(
                f"pages: cannot read {json.dumps(pages)} as a page count above zero"
                " (a decimal number of pages, e.g. 0.375 for 3/8)",
                place=where,
            )
        milliseconds = _first(breakdown, "time", "duration")
        # Estimates under half a minute are placeholders, not estimates.
        if _is_number(milliseconds) and milliseconds >= 30_000:
            scene["minutes"] = round(milliseconds / 60_000)
        if breakdown.get("description"):
            scene["synopsis"] = cell_text(breakdown["description"])
        if breakdown.get("comments"):
            elements.setdefault("Comments", []).append(cell_text(breakdown["comments"]))
        if elements:
            scene["elements"] = elements
        scene.update(_extras(breakdown, _SCENE_EXTRAS))
        return scene if len(self.problems.items) == before else None

    # Calendars and boards -------------------------------------------------

    def calendar(self) -> dict[str, Any]:
        """The last stripboard's calendar (else the first calendar) as a ShootCalendar dict."""
        calendars = {cell_text(c.get("id")): c for c in _dicts(self.root.get("calendars"))}
        chosen: dict[str, Any] | None = None
        for stripboard in _dicts(self.root.get("stripboards")):
            chosen = calendars.get(cell_text(stripboard.get("calendar")), chosen)
        if chosen is None and calendars:
            chosen = next(iter(calendars.values()))
        if chosen is None:
            return {}
        result: dict[str, Any] = {}
        off = {n for n in _list(chosen.get("daysOff")) if isinstance(n, int) and 0 <= n <= 6}
        result["weekdays"] = [
            name for number, name in enumerate(WEEKDAY_NAMES) if (number + 1) % 7 not in off
        ]
        days_off: list[date] = []
        holidays: list[date] = []
        for event in _dicts(chosen.get("events")):
            kind, name = cell_text(event.get("type")), cell_text(event.get("name")).lower()
            day = _date(event.get("date"))
            if day is None:
                continue
            if kind == "start":
                result["start"] = day
            elif "holiday" in name and kind in {"dayOff", "event"}:
                holidays.append(day)
            elif kind == "dayOff":
                days_off.append(day)
        result["days_off"] = _ranges(sorted(set(days_off)))
        result["holidays"] = sorted(set(holidays))
        return result

    def boards(self) -> dict[str, list[list[str]]]:
        """Every stripboard's days of scene numbers; boneyards are left out."""
        boards: dict[str, list[list[str]]] = {}
        for stripboard in _dicts(self.root.get("stripboards")):
            title = cell_text(stripboard.get("name")) or "stripboard"
            parts = [
                board
                for board in _dicts(stripboard.get("boards"))
                if "boneyard" not in normalize(cell_text(board.get("name")))
            ]
            for index, board in enumerate(parts):
                name = title if index == 0 else f"{title} / {cell_text(board.get('name'))}"
                while name in boards:
                    name += " (2)"
                days = self._days(board)
                if days:
                    boards[name] = days
        return boards

    def _days(self, board: dict[str, Any]) -> list[list[str]]:
        entries = _list(_first(board, "breakdownArrays", "breakdownIds", default=[]))
        if any(isinstance(entry, list) for entry in entries):
            return [self._strips(entry if isinstance(entry, list) else [entry]) for entry in entries]
        days: list[list[str]] = []
        current: list[str] = []
        for entry in map(cell_text, entries):
            if entry in self.day_ids:
                days.append(current)
                current = []
            elif entry in self.numbers:
                current.append(self.numbers[entry])
        if not days and current:
            days.append(current)  # no day breaks at all: the whole order, as one block
        return days

    def _strips(self, ids: Iterable[Any]) -> list[str]:
        return [self.numbers[i] for i in map(cell_text, ids) if i in self.numbers]


def read_uss_data(data: dict[str, Any], problems: Problems) -> Draft:
    """A parsed USS document as a draft production (every problem reported together)."""
    root = data.get(USS_KEY)
    if not isinstance(root, dict):
        problems.fail(f"{USS_KEY} is not an object: this is not a USS schedule")
    reader = _UssReader(root, problems)
    calendar = reader.calendar()
    extra = root.get(_EXTRA) if isinstance(root.get(_EXTRA), dict) else {}
    assert isinstance(extra, dict)
    if isinstance(extra.get("calendar"), dict):
        calendar.update(extra["calendar"])
    # Weekly cast days off are spelled out as dates up to the last day any schedule could need.
    horizon = len(reader.breakdowns)
    cast = reader.cast({"start": DEFAULT_START, **calendar}, horizon)
    scenes_data = reader.scenes()
    problems.raise_if_any()
    if not scenes_data:
        problems.fail("no strips: the USS file has no breakdown of type scene")
    boards = reader.boards()
    locations: list[dict[str, Any]] = []
    for scene in scenes_data:
        name = cell_text(scene.get("location")) or cell_text(scene["set"]).split(" - ")[0].strip()
        if name and name not in [loc["name"] for loc in locations]:
            locations.append({"name": name})
    if isinstance(extra.get("locations"), list):
        # shootplan's own export lists every location in full, in the production's order.
        listed = [loc for loc in extra["locations"] if isinstance(loc, dict)]
        names = {cell_text(loc.get("name")) for loc in listed}
        locations = listed + [loc for loc in locations if loc["name"] not in names]
    name = cell_text(_first(extra, "name", default=None)) or cell_text(
        _first(root, "project", "name", default="")
    )
    production: dict[str, Any] = {
        "name": name or "USS schedule",
        "scenes": scenes_data,
        "cast": cast,
        "locations": locations,
        "calendar": calendar,
        "boards": boards,
    }
    if isinstance(extra.get("rules"), dict):
        production["rules"] = extra["rules"]
    return Draft(data=production)


# --------------------------------------------------------------------------- writing


def _ranges(days: list[date]) -> list[str]:
    """Sorted dates as ranges: consecutive dates merged (``2027-03-04..2027-03-05``)."""
    merged: list[list[date]] = []
    for day in days:
        if merged and day - merged[-1][1] == timedelta(days=1):
            merged[-1][1] = day
        else:
            merged.append([day, day])
    return [str(DateRange(start=first, end=last)) for first, last in merged]


def _uss_date(day: date) -> str:
    return f"{day.isoformat()}T00:00:00.000Z"


class _Ids:
    """Stable 24-hex-digit ids (the spec's BSON ObjectId shape) from readable keys."""

    def __init__(self, salt: str) -> None:
        self.salt = salt

    def __call__(self, *key: object) -> str:
        text = "\x1f".join([self.salt, *map(str, key)])
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]


def write_uss(
    production: Production, path: str | os.PathLike[str], *, created: datetime | None = None
) -> Path:
    """Write a production as a USS file (the spec's form) and return its path.

    Each of ``production.boards`` becomes a stripboard; with no boards, one stripboard holds every
    strip in its boneyard, so the calendar still travels. Fields USS has no key for go in
    ``_shootplan`` keys. Ids are derived from the data, so the same production writes the same
    bytes; ``created`` (default: the calendar start) stamps the header. Written atomically.
    """
    document = uss_document(production, created=created)
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=2, ensure_ascii=False)
            stream.write("\n")
        os.chmod(temporary, file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def uss_document(production: Production, *, created: datetime | None = None) -> dict[str, Any]:
    """The USS object of a production, as plain JSON data."""
    ids = _Ids(production.name)
    stamp = (created or datetime.combine(production.calendar.start, datetime.min.time(), UTC)).astimezone(UTC)
    when = stamp.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    categories: dict[str, dict[str, Any]] = {}
    elements: dict[str, dict[str, Any]] = {}

    def category(name: str, ucid: int) -> dict[str, Any]:
        if name not in categories:
            categories[name] = {
                "id": ids("category", name),
                "created": when,
                "elements": [],
                "name": name,
                "ucid": ucid,
            }
        return categories[name]

    def element(category_name: str, ucid: int, name: str, **fields: Any) -> str:
        key = f"{category_name}\x1f{name}"
        if key not in elements:
            owner = category(category_name, ucid)
            element_id = ids("element", category_name, name)
            elements[key] = {
                "id": element_id,
                "category": owner["id"],
                "created": when,
                "doodDropAllow": False,
                "doodDropDays": 10,
                "doodHoldAllow": False,
                "doodInclude": False,
                "elementId": "",
                "elementIdLock": False,
                "events": [],
                "linkedElements": [],
                "name": name,
                **fields,
            }
            owner["elements"].append(element_id)
        return str(elements[key]["id"])

    for name, (ucid, _) in _KINDS.items():
        category(_KINDS[name][1][0], ucid)
    cast_elements: dict[str, str] = {}
    for member in production.cast:
        extra = {
            "name": member.name,
            "character": member.character,
            "daily_rate": member.daily_rate,
            "max_drops": member.max_drops,
            "minor": member.minor,
            "unavailable": [str(r) for r in member.unavailable],
        }
        cast_elements[member.id] = element(
            "Cast",
            100,
            member.character or member.name or member.id,
            elementId=member.id,
            elementIdLock=True,
            doodInclude=True,
            doodHoldAllow=member.holds,
            doodDropAllow=member.drop_pickup,
            doodDropDays=member.min_drop_gap_days,
            events=[
                {
                    "id": ids("cast-off", member.id, day),
                    "date": _uss_date(day),
                    "type": "dayOff",
                    "name": "dayOff",
                }
                for span in member.unavailable
                for day in span.dates()
            ],
            **{_EXTRA: extra},
        )
    breakdowns: list[dict[str, Any]] = []
    strip_ids: dict[str, str] = {}
    for scene in production.scenes:
        refs = [
            element("Set", 0, scene.set),
            element("INT/EXT", 1, scene.int_ext.value),
            element("Day/Night", 2, scene.time_of_day),
            element("Location", 6, scene.location),
        ]
        if scene.script_day:
            refs.append(element("Script Day", 3, scene.script_day))
        refs += [cast_elements[cast_id] for cast_id in scene.cast]
        for name, items in scene.elements.items():
            if name == "Comments":
                continue
            ucid = _ELEMENT_UCIDS.get(name, _CUSTOM_UCID + len(categories))
            refs += [element(name, ucid, item) for item in items]
        strip_ids[scene.number] = ids("strip", scene.number)
        extra_scene = {
            key: value
            for key, value in scene.model_dump(mode="json").items()
            if key in {"shoot_days", "earliest", "latest", "pinned", "cover"} and value
        }
        breakdown: dict[str, Any] = {
            "id": strip_ids[scene.number],
            "comments": "\n".join(scene.elements.get("Comments", [])) or None,
            "created": when,
            "description": scene.synopsis or None,
            "elements": refs,
            "pages": scene.eighths / 8,
            "scene": scene.number,
            "scriptPage": None,
            "time": scene.minutes * 60_000 if scene.minutes else None,
            "type": "scene",
        }
        if extra_scene:
            breakdown[_EXTRA] = extra_scene
        breakdowns.append(breakdown)
    calendar_id = ids("calendar")
    calendar = production.calendar
    events = [{"id": ids("start"), "date": _uss_date(calendar.start), "type": "start", "name": None}]
    events += [
        {"id": ids("off", day), "date": _uss_date(day), "type": "dayOff", "name": "dayOff"}
        for span in calendar.days_off
        for day in span.dates()
    ]
    events += [
        {"id": ids("holiday", day), "date": _uss_date(day), "type": "dayOff", "name": "holiday"}
        for day in calendar.holidays
    ]
    stripboards = []
    boards = production.boards or {production.name: []}
    for name, days in boards.items():
        order: list[str] = []
        for number, day in enumerate(days, start=1):
            order += [strip_ids[scene] for scene in day]
            day_id = ids("day", name, number)
            breakdowns.append(
                {
                    "id": day_id,
                    "comments": None,
                    "created": when,
                    "description": f"End of Day {number}",
                    "elements": [],
                    "pages": None,
                    "scene": None,
                    "scriptPage": None,
                    "time": None,
                    "type": "day",
                }
            )
            order.append(day_id)
        scheduled = {scene for day in days for scene in day}
        boneyard = [strip_ids[s.number] for s in production.scenes if s.number not in scheduled]
        stripboards.append(
            {
                "id": ids("stripboard", name),
                "boards": [
                    {"id": ids("board", name), "name": "stripboard", "breakdownIds": order},
                    {"id": ids("boneyard", name), "name": "boneyard", "breakdownIds": boneyard},
                ],
                "calendar": calendar_id,
                "name": name,
            }
        )
    rules = production.rules.model_dump(mode="json")
    return {
        USS_KEY: {
            "id": ids("schedule"),
            "author": None,
            "company": None,
            "created": when,
            "description": None,
            "episode": None,
            "episodeName": None,
            "name": production.name,
            "project": production.name,
            "schedColor": None,
            "schedDate": when,
            "scriptColor": None,
            "scriptDate": None,
            "season": None,
            "source": "shootplan",
            "version": USS_VERSION,
            "breakdowns": breakdowns,
            "calendars": [
                {
                    "id": calendar_id,
                    "daysOff": [
                        (number + 1) % 7
                        for number, day in enumerate(WEEKDAY_NAMES)
                        if day not in calendar.weekdays
                    ],
                    "events": events,
                    "name": f"Start {calendar.start.isoformat()}",
                }
            ],
            "categories": list(categories.values()),
            "elements": list(elements.values()),
            "stripboards": stripboards,
            _EXTRA: {
                "name": production.name,
                "rules": rules,
                "locations": [loc.model_dump(mode="json") for loc in production.locations],
                "calendar": {
                    "time_zone": calendar.time_zone,
                    "days_off": [str(r) for r in calendar.days_off],
                    "holidays": [day.isoformat() for day in calendar.holidays],
                    "weekdays": list(calendar.weekdays),
                },
            },
        }
    }

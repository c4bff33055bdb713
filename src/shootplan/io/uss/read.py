"""Read a USS document into a draft production, every problem reported together."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from shootplan.errors import PageCountError, ProductionError
from shootplan.io._build import DEFAULT_START, Draft, date_ranges
from shootplan.io._cells import Problems, cell_text, normalize
from shootplan.io.stripboard import cast_header, parse_slugline
from shootplan.io.uss.schema import CAST_EXTRAS, EXTRA, KINDS, SCENE_EXTRAS, USS_KEY
from shootplan.model import WEEKDAY_NAMES, IntExt, ShootCalendar
from shootplan.pages import parse_pages

__all__ = ["read_uss_data"]


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
    extra = item.get(EXTRA)
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
    for kind, (number, aliases) in KINDS.items():
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
        labels = {i: cast_header(cell_text(e.get("name")), "") for i, e in elements}
        taken = {cell_text(e.get("elementId")) or getattr(labels[i], "id", "") for i, e in elements} - {""}
        members: list[dict[str, Any]] = []
        seen: dict[str, str] = {}
        next_id = 1
        for element_id, element in elements:
            board_id = cell_text(element.get("elementId"))
            name = cell_text(element.get("name"))
            if (label := labels[element_id]) is not None and board_id in {label.id, ""}:
                # "28. MA BAILEY": the board ID is the elementId, not part of the character's name.
                board_id, name = label.id, label.name
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
            member.update(_extras(element, CAST_EXTRAS))
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
        return date_ranges(sorted(set(days)))

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
        scene.update(_extras(breakdown, SCENE_EXTRAS))
        return scene if len(self.problems.items) == before else None

    # Calendars and boards -------------------------------------------------

    def calendar(self) -> dict[str, Any]:
        """The current stripboard's calendar (else the first calendar) as a ShootCalendar dict."""
        calendars = {cell_text(c.get("id")): c for c in _dicts(self.root.get("calendars"))}
        chosen: dict[str, Any] | None = None
        for stripboard in self.stripboards():
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
        result["days_off"] = date_ranges(sorted(set(days_off)))
        result["holidays"] = sorted(set(holidays))
        return result

    def stripboards(self) -> list[dict[str, Any]]:
        """The stripboards, the current one last. USS has no key that marks a stripboard current
        (a stripboard is ``id``, ``boards``, ``calendar``, ``name``; keys a tool adds must start
        with ``_``), but its header names the schedule's revision colour (``schedColor``) and
        stripboards are named by revision (``Revised White 6/20/22``): the one stripboard whose
        name holds that colour is the current one; else the last listed, the latest revision.
        The production's last board is the one ``plan`` plans within."""
        stripboards = _dicts(self.root.get("stripboards"))
        colour = cell_text(self.root.get("schedColor")).strip().lower()
        named = [
            index
            for index, stripboard in enumerate(stripboards)
            if colour and colour in re.findall(r"[a-z]+", cell_text(stripboard.get("name")).lower())
        ]
        if len(named) == 1:
            index = named[0]
            return [*stripboards[:index], *stripboards[index + 1 :], stripboards[index]]
        return stripboards

    def boards(self) -> dict[str, list[list[str]]]:
        """Every stripboard's days of scene numbers, the current one last; boneyards are left out."""
        boards: dict[str, list[list[str]]] = {}
        for stripboard in self.stripboards():
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
    extra = root.get(EXTRA) if isinstance(root.get(EXTRA), dict) else {}
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
    return Draft(data=production, name_source="the USS file" if name else "a placeholder")

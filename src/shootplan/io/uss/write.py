"""Write a production as a USS document (the spec's form), what USS lacks in ``_shootplan`` keys."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from shootplan.io._files import write_text
from shootplan.io.uss.schema import (
    CAST_OPTIONAL,
    CUSTOM_UCID,
    ELEMENT_UCIDS,
    EXTRA,
    KINDS,
    SCENE_EXTRAS,
    USS_KEY,
    USS_VERSION,
)
from shootplan.model import WEEKDAY_NAMES, CastMember, Production, Scene

__all__ = ["uss_document", "write_uss"]


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
    bytes; ``created`` (default: the calendar start) stamps the header. Written in one step
    (:mod:`shootplan.io._files`); a folder that does not exist yet is created.
    """
    document = uss_document(production, created=created)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_text(target, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def uss_document(production: Production, *, created: datetime | None = None) -> dict[str, Any]:
    """The USS object of a production, as plain JSON data."""
    return _UssWriter(production, created).document()


class _UssWriter:
    """Builds one USS document: categories and elements as the strips first name them."""

    def __init__(self, production: Production, created: datetime | None) -> None:
        self.production = production
        self.ids = _Ids(production.name)
        start = datetime.combine(production.calendar.start, datetime.min.time(), UTC)
        self.when = (created or start).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        self.categories: dict[str, dict[str, Any]] = {}
        self.elements: dict[str, dict[str, Any]] = {}
        self.strip_ids: dict[str, str] = {}

    def category(self, name: str, ucid: int) -> dict[str, Any]:
        """The category of this name, made on first use."""
        if name not in self.categories:
            self.categories[name] = {
                "id": self.ids("category", name),
                "created": self.when,
                "elements": [],
                "name": name,
                "ucid": ucid,
            }
        return self.categories[name]

    def element(self, category_name: str, ucid: int, name: str, **fields: Any) -> str:
        """The id of the element of this name in this category, made on first use."""
        key = f"{category_name}\x1f{name}"
        if key not in self.elements:
            owner = self.category(category_name, ucid)
            element_id = self.ids("element", category_name, name)
            self.elements[key] = {
                "id": element_id,
                "category": owner["id"],
                "created": self.when,
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
        return str(self.elements[key]["id"])

    def document(self) -> dict[str, Any]:
        """The whole document: the header, breakdowns, calendar, categories, elements, boards."""
        production, ids = self.production, self.ids
        for ucid, names in KINDS.values():
            self.category(names[0], ucid)
        cast_elements = {member.id: self.cast_element(member) for member in production.cast}
        breakdowns = [self.strip(scene, cast_elements) for scene in production.scenes]
        calendar_id = ids("calendar")
        stripboards = [
            self.stripboard(name, days, calendar_id, breakdowns)
            for name, days in (production.boards or {production.name: []}).items()
        ]
        when = self.when
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
                "calendars": [self.calendar(calendar_id)],
                "categories": list(self.categories.values()),
                "elements": list(self.elements.values()),
                "stripboards": stripboards,
                EXTRA: self.extra(),
            }
        }

    def cast_element(self, member: CastMember) -> str:
        """A cast member as a Cast element; its unavailable dates as dayOff events."""
        extra = {
            "name": member.name,
            "character": member.character,
            "daily_rate": member.daily_rate,
            "max_drops": member.max_drops,
            "minor": member.minor,
            "unavailable": [str(r) for r in member.unavailable],
        }
        optional = {key: getattr(member, key) for key in CAST_OPTIONAL}
        extra.update({key: value for key, value in optional.items() if value != CAST_OPTIONAL[key]})
        return self.element(
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
                    "id": self.ids("cast-off", member.id, day),
                    "date": _uss_date(day),
                    "type": "dayOff",
                    "name": "dayOff",
                }
                for span in member.unavailable
                for day in span.dates()
            ],
            **{EXTRA: extra},
        )

    def strip(self, scene: Scene, cast_elements: dict[str, str]) -> dict[str, Any]:
        """A scene as a breakdown of type scene, its set, INT/EXT, cast... as elements."""
        refs = [
            self.element("Set", 0, scene.set),
            self.element("INT/EXT", 1, scene.int_ext.value),
            self.element("Day/Night", 2, scene.time_of_day),
            self.element("Location", 6, scene.location),
        ]
        if scene.script_day:
            refs.append(self.element("Script Day", 3, scene.script_day))
        refs += [cast_elements[cast_id] for cast_id in scene.cast]
        for name, items in scene.elements.items():
            if name == "Comments":
                continue
            ucid = ELEMENT_UCIDS.get(name, CUSTOM_UCID + len(self.categories))
            refs += [self.element(name, ucid, item) for item in items]
        self.strip_ids[scene.number] = self.ids("strip", scene.number)
        extra_scene = {
            key: value
            for key, value in scene.model_dump(mode="json").items()
            if key in SCENE_EXTRAS and value
        }
        breakdown: dict[str, Any] = {
            "id": self.strip_ids[scene.number],
            "comments": "\n".join(scene.elements.get("Comments", [])) or None,
            "created": self.when,
            "description": scene.synopsis or None,
            "elements": refs,
            "pages": scene.eighths / 8,
            "scene": scene.number,
            "scriptPage": None,
            "time": scene.minutes * 60_000 if scene.minutes else None,
            "type": "scene",
        }
        if extra_scene:
            breakdown[EXTRA] = extra_scene
        return breakdown

    def stripboard(
        self, name: str, days: list[list[str]], calendar_id: str, breakdowns: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """A board as a stripboard: its strips in order, a day strip (added to breakdowns) per day."""
        ids = self.ids
        order: list[str] = []
        for number, day in enumerate(days, start=1):
            order += [self.strip_ids[scene] for scene in day]
            day_id = ids("day", name, number)
            breakdowns.append(
                {
                    "id": day_id,
                    "comments": None,
                    "created": self.when,
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
        boneyard = [self.strip_ids[s.number] for s in self.production.scenes if s.number not in scheduled]
        return {
            "id": ids("stripboard", name),
            "boards": [
                {"id": ids("board", name), "name": "stripboard", "breakdownIds": order},
                {"id": ids("boneyard", name), "name": "boneyard", "breakdownIds": boneyard},
            ],
            "calendar": calendar_id,
            "name": name,
        }

    def calendar(self, calendar_id: str) -> dict[str, Any]:
        """The production's calendar: weekly days off (0 = Sunday), start, days off, holidays."""
        ids, calendar = self.ids, self.production.calendar
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
        return {
            "id": calendar_id,
            "daysOff": [
                (number + 1) % 7 for number, day in enumerate(WEEKDAY_NAMES) if day not in calendar.weekdays
            ],
            "events": events,
            "name": f"Start {calendar.start.isoformat()}",
        }

    def extra(self) -> dict[str, Any]:
        """What USS has no key for: the rules, full locations and calendar details."""
        production, calendar = self.production, self.production.calendar
        return {
            "name": production.name,
            "rules": production.rules.model_dump(mode="json"),
            "locations": [loc.model_dump(mode="json") for loc in production.locations],
            "calendar": {
                "time_zone": calendar.time_zone,
                "days_off": [str(r) for r in calendar.days_off],
                "holidays": [day.isoformat() for day in calendar.holidays],
                "weekdays": list(calendar.weekdays),
            },
        }

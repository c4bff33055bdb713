"""The call sheet: the one page a whole crew works from on a shoot day, built from the schedule.

:func:`call_sheet` gathers, as plain data, what the trade prints on one: the header ("Day 12 of
30", date, crew call, shooting call, estimated wrap, sunrise and sunset at the first location, the
day's type), each location (address, a map link from its coordinates, parking and basecamp, the
nearest hospital), the scenes in shooting order with the time each is planned to start, the cast
with their Day Out of Days code and calls, the performers on hold, company moves, notes, the
advance schedule (the next two shoot days) and the day's totals. Writers in
:mod:`shootplan.io.callsheet` print it as PDF and HTML.

Nothing is computed twice: the times come from :mod:`shootplan.timeline` (the same estimate the
calendars and the workbook print), the light from :mod:`shootplan.sun`, the status codes from
:func:`shootplan.day_out_of_days`.

A performer's calls work back from the start of their first scene of the day (their on-set call):
hair and makeup ``makeup_minutes`` before it (default :data:`DEFAULT_MAKEUP_MINUTES`), pickup
``pickup_minutes`` before that (default :data:`DEFAULT_PICKUP_MINUTES`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

import pandas as pd

from shootplan.errors import ShootplanError
from shootplan.model import CastMember, Location, Production
from shootplan.pages import format_pages
from shootplan.reports import day_out_of_days, report_days
from shootplan.schedule import DayKind, Schedule
from shootplan.timeline import DayTimeline, TimelineItem

__all__ = [
    "DEFAULT_MAKEUP_MINUTES",
    "DEFAULT_PICKUP_MINUTES",
    "AdvanceDay",
    "CallSheet",
    "CallSheetLocation",
    "CallSheetScene",
    "CastCall",
    "CompanyMove",
    "call_sheet",
    "call_sheets",
    "map_link",
]

#: Minutes a performer spends in hair and makeup before their on-set call, unless their own.
DEFAULT_MAKEUP_MINUTES = 60
#: Minutes from a performer's pickup to their hair-and-makeup call (the drive), unless their own.
DEFAULT_PICKUP_MINUTES = 30
#: How many shoot days the advance schedule shows.
ADVANCE_DAYS = 2


@dataclass(frozen=True)
class CallSheetScene:
    """One scene on the sheet, as the strip reads, with its planned start on the day.

    ``part`` is ``"2/3"`` for the second day of a three-day scene, ``""`` otherwise.
    """

    number: str
    int_ext: str
    set: str
    day_night: str
    cast: tuple[str, ...]
    eighths: int
    synopsis: str
    location: str
    start: datetime
    end: datetime
    part: str = ""

    @property
    def pages(self) -> str:
        """The page count as an AD writes it (``1 3/8``)."""
        return format_pages(self.eighths) if self.eighths else "-"


@dataclass(frozen=True)
class CallSheetLocation:
    """A place the unit works at on the day, with what a driver and a medic need to find it."""

    name: str
    address: str
    map_url: str
    parking: str
    hospital: str
    arrive: datetime
    leave: datetime


@dataclass(frozen=True)
class CastCall:
    """A performer's line: status for the day (SW, W, WF, SWF, PW, H...) and their calls.

    A performer on hold has ``status`` ``"H"`` and no calls.
    """

    id: str
    performer: str
    character: str
    status: str
    pickup: datetime | None = None
    makeup: datetime | None = None
    on_set: datetime | None = None
    minor: bool = False


@dataclass(frozen=True)
class CompanyMove:
    """The unit moving between locations in the middle of the day."""

    start: datetime
    end: datetime
    to: str


@dataclass(frozen=True)
class AdvanceDay:
    """A later shoot day in the advance schedule: its scenes, one line each.

    ``kind`` and ``interiors_only`` are as on that day's own sheet (``CallSheet.day_type``).
    """

    number: int
    date: date
    kind: DayKind | None
    call: datetime | None
    scenes: tuple[CallSheetScene, ...]
    interiors_only: bool = False


@dataclass(frozen=True)
class CallSheet:
    """Everything one shoot day's call sheet prints (aware datetimes, in the day's zone).

    ``day_type`` is the day's type as the crew lives it, read from its clock where no exterior
    needs the dark (:attr:`~shootplan.timeline.DayTimeline.shoot_type`): interiors called at 19:00
    make a night shoot; ``interiors_only`` says that no scene needs any light.
    ``shooting_call`` is when the first scene is planned to start (the crew's call plus any wait
    for the light), ``sunrise``/``sunset`` are at the first location (``sun_known`` False when
    they are the documented guess of :mod:`shootplan.sun`), ``revision`` a line such as
    ``"Revised 2027-03-09 18:40: scenes 12, 14 moved to Day 9"`` (None for a first issue).
    """

    production: str
    day_number: int
    total_days: int
    date: date
    zone: ZoneInfo
    day_type: DayKind | None
    crew_call: datetime | None
    shooting_call: datetime | None
    wrap: datetime | None
    meal: tuple[datetime, datetime] | None
    sunrise: datetime
    sunset: datetime
    sun_known: bool
    locations: tuple[CallSheetLocation, ...]
    scenes: tuple[CallSheetScene, ...]
    cast: tuple[CastCall, ...]
    holds: tuple[CastCall, ...]
    moves: tuple[CompanyMove, ...]
    notes: tuple[str, ...]
    advance: tuple[AdvanceDay, ...]
    revision: str | None = None
    interiors_only: bool = False

    @property
    def day_of(self) -> str:
        """``Day 12 of 30``."""
        return f"Day {self.day_number} of {self.total_days}"

    @property
    def total_eighths(self) -> int:
        """The day's pages, in eighths (a multi-day scene counts its share)."""
        return sum(scene.eighths for scene in self.scenes)

    @property
    def total_pages(self) -> str:
        """The day's pages as an AD writes them."""
        return format_pages(self.total_eighths) if self.total_eighths else "0"

    @property
    def num_scenes(self) -> int:
        """How many scenes the day shoots (a scene split by the meal counts once)."""
        return len({scene.number for scene in self.scenes})

    def clock(self, moment: datetime | None) -> str:
        """``07:00`` on the day's clock; ``05:30 (+1)`` past midnight; ``-`` for none."""
        if moment is None:
            return "-"
        local = moment.astimezone(self.zone)
        later = (local.date() - self.date).days
        return f"{local:%H:%M}" + (f" (+{later})" if later else "")


def map_link(location: Location) -> str:
    """A map link a phone opens in its maps app: the coordinates, else the address, else ``""``."""
    if location.latitude is not None and location.longitude is not None:
        query = f"{location.latitude:.6f},{location.longitude:.6f}"
    elif location.address:
        query = location.address
    else:
        return ""
    return f"https://www.google.com/maps/search/?api=1&query={quote_plus(query)}"


def call_sheet(production: Production, schedule: Schedule, day: int | date) -> CallSheet:
    """The call sheet of one shoot day: its number (``12``) or its date.

    Raises :class:`~shootplan.errors.ShootplanError` naming the day when the schedule has no such
    shoot day, or lists a scene the production lacks.
    """
    return call_sheets(production, schedule, [day])[0]


def call_sheets(
    production: Production, schedule: Schedule, days: Sequence[int | date] | None = None
) -> list[CallSheet]:
    """The call sheets of ``days`` (numbers or dates; default every shoot day with scenes).

    The days are laid out once for all of them.
    """
    timelines = report_days(production, schedule)
    dood = day_out_of_days(production, schedule)
    if days is None:
        positions = [t.index for t in timelines if t.items]
    else:
        positions = [_position(schedule, day) for day in days]
    return [_sheet(production, timelines, dood, index) for index in positions]


def _position(schedule: Schedule, day: int | date) -> int:
    """The 0-based position of a shoot day given by number or date."""
    for index, shoot_day in enumerate(schedule.days):
        if (isinstance(day, date) and shoot_day.date == day) or (
            not isinstance(day, date) and shoot_day.number == day
        ):
            return index
    what = f"on {day}" if isinstance(day, date) else str(day)
    numbers = f"days {schedule.days[0].number}-{schedule.days[-1].number}" if schedule.days else "no days"
    raise ShootplanError(f"the schedule has no shoot day {what} (it has {numbers})")


def _sheet(
    production: Production, timelines: Sequence[DayTimeline], dood: pd.DataFrame, index: int
) -> CallSheet:
    timeline = timelines[index]
    scenes = tuple(_scene(item) for item in timeline.items if item.scene is not None)
    codes = dood[timeline.day.date] if timeline.day.date in dood.columns else pd.Series(dtype=object)
    starts = _first_starts(timeline)
    cast = tuple(
        _cast_call(member, str(codes.get(member.id, "")), starts[member.id])
        for member in production.cast
        if member.id in starts
    )
    holds = tuple(
        CastCall(member.id, member.name, member.character, "H", minor=member.is_minor)
        for member in production.cast
        if codes.get(member.id) == "H"
    )
    has_items = bool(timeline.items)
    return CallSheet(
        production=production.name,
        day_number=timeline.day.number,
        total_days=timeline.total_days,
        date=timeline.day.date,
        zone=timeline.zone,
        day_type=timeline.shoot_type,
        interiors_only=timeline.interiors_only,
        crew_call=timeline.call if has_items else None,
        shooting_call=scenes[0].start if scenes else None,
        wrap=timeline.wrap if has_items else None,
        meal=next(((i.start, i.end) for i in timeline.items if i.kind == "meal"), None),
        sunrise=timeline.sun.sunrise,
        sunset=timeline.sun.sunset,
        sun_known=timeline.sun.known,
        locations=tuple(_locations(timeline)),
        scenes=scenes,
        cast=cast,
        holds=holds,
        moves=tuple(CompanyMove(i.start, i.end, i.location.name) for i in timeline.items if i.kind == "move"),
        notes=tuple(_notes(production, timeline, cast)),
        advance=tuple(_advance(timelines, index)),
    )


def _scene(item: TimelineItem) -> CallSheetScene:
    scene = item.scene
    assert scene is not None
    return CallSheetScene(
        number=scene.number,
        int_ext=scene.int_ext.value,
        set=scene.set,
        day_night=scene.time_of_day,
        cast=tuple(scene.cast),
        eighths=item.eighths,
        synopsis=scene.synopsis,
        location=scene.location,
        start=item.start,
        end=item.end,
        part=f"{item.part[0]}/{item.part[1]}" if item.part else "",
    )


def _first_starts(timeline: DayTimeline) -> dict[str, datetime]:
    """Each working performer's first scene start on the day."""
    starts: dict[str, datetime] = {}
    for item in timeline.items:
        if item.scene is not None:
            for cast_id in item.scene.cast:
                starts.setdefault(cast_id, item.start)
    return starts


def _cast_call(member: CastMember, status: str, on_set: datetime) -> CastCall:
    makeup_lead = DEFAULT_MAKEUP_MINUTES if member.makeup_minutes is None else member.makeup_minutes
    pickup_lead = DEFAULT_PICKUP_MINUTES if member.pickup_minutes is None else member.pickup_minutes
    makeup = on_set - timedelta(minutes=makeup_lead)
    return CastCall(
        id=member.id,
        performer=member.name,
        character=member.character,
        status=status,
        pickup=makeup - timedelta(minutes=pickup_lead),
        makeup=makeup,
        on_set=on_set,
        minor=member.is_minor,
    )


def _locations(timeline: DayTimeline) -> list[CallSheetLocation]:
    """Each location of the day once, in the order the unit gets there."""
    seen: dict[str, CallSheetLocation] = {}
    for stretch in timeline.stretches():
        place = stretch.location
        if place.name in seen:
            seen[place.name] = _with_leave(seen[place.name], stretch.end)
            continue
        seen[place.name] = CallSheetLocation(
            name=place.name,
            address=place.address,
            map_url=map_link(place),
            parking=place.parking,
            hospital=place.hospital,
            arrive=stretch.start,
            leave=stretch.end,
        )
    return list(seen.values())


def _with_leave(location: CallSheetLocation, leave: datetime) -> CallSheetLocation:
    return CallSheetLocation(
        location.name,
        location.address,
        location.map_url,
        location.parking,
        location.hospital,
        location.arrive,
        leave,
    )


def _notes(production: Production, timeline: DayTimeline, cast: Sequence[CastCall]) -> list[str]:
    """What the AD would add by hand: light problems, guessed sun times, minors, long scenes."""
    notes: list[str] = []
    if not timeline.sun.known:
        notes.append("Sun times are a guess: give the first location its coordinates.")
    for item in timeline.items:
        problem = item.light_problem
        if item.scene is not None and problem:
            notes.append(f"Scene {item.scene.number} {problem}.")
        if item.scene is not None and item.part:
            notes.append(f"Scene {item.scene.number}: day {item.part[0]} of {item.part[1]}.")
    minors = [call for call in cast if call.minor]
    if minors:
        names = ", ".join(f"{c.id}. {c.character or c.performer}" for c in minors)
        notes.append(f"Minors on set ({names}): minors' work hours and a studio teacher apply.")
    return list(dict.fromkeys(notes))


def _advance(timelines: Sequence[DayTimeline], index: int) -> list[AdvanceDay]:
    """The next :data:`ADVANCE_DAYS` shoot days with scenes."""
    later = [t for t in timelines[index + 1 :] if t.items][:ADVANCE_DAYS]
    return [
        AdvanceDay(
            number=t.day.number,
            date=t.day.date,
            kind=t.shoot_type,
            call=t.call,
            scenes=tuple(_scene(item) for item in t.items if item.scene is not None),
            interiors_only=t.interiors_only,
        )
        for t in later
    ]

"""The words of a feed: calendar descriptions and each event's description text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from shootplan.io.callsheet.words import day_file_stem
from shootplan.model import WEEKDAY_NAMES, Production
from shootplan.pages import format_pages
from shootplan.schedule import Schedule
from shootplan.timeline import DayTimeline, TimelineItem

__all__ = [
    "call_and_wrap",
    "call_sheet_links",
    "call_sheet_url",
    "cast_list",
    "day_heading",
    "feed_description",
    "footer",
    "hhmm",
    "key_lines",
    "timeline_lines",
]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def feed_description(production: Production, schedule: Schedule, stamp: datetime, what: str) -> str:
    """What a feed is, whose, when it was published, and that its times are estimates."""
    version = f" ({schedule.name})" if schedule.name else ""
    return (
        f"{what} of {production.name}{version}, published {stamp:%Y-%m-%d %H:%M} UTC by"
        " shootplan. Call and wrap times are estimates; the call sheet is the reference."
    )


def hhmm(moment: datetime, day: DayTimeline) -> str:
    """``07:00`` in the day's zone; ``01:30 (+1)`` past midnight."""
    local = moment.astimezone(day.zone)
    later = (local.date() - day.day.date).days
    return f"{local:%H:%M}" + (f" (+{later})" if later else "")


def day_heading(day: DayTimeline, extra: str = "") -> str:
    """``Day 4 · Thu 4 Mar 2027``, then ``extra`` when given.

    No running total ("of 32"): an event reads only its own day, so a day added or cut elsewhere
    re-sends no other day to every phone.
    """
    d = day.day.date
    text = f"Day {day.day.number} · {WEEKDAY_NAMES[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"
    return f"{text} · {extra}" if extra else text


def call_and_wrap(day: DayTimeline) -> str:
    """``Crew call 07:00 · estimated wrap 19:00 (America/New_York)``."""
    return f"Crew call {hhmm(day.call, day)} · estimated wrap {hhmm(day.wrap, day)} ({day.zone.key})"


def _pages(eighths: int) -> str:
    return f"{format_pages(eighths)} {'pg' if eighths <= 8 else 'pgs'}"


def timeline_lines(day: DayTimeline, items: Iterable[TimelineItem]) -> list[str]:
    """One line per scene, meal and move (a scene's synopsis under it)."""
    lines: list[str] = []
    for item in items:
        when = hhmm(item.start, day)
        if item.kind == "meal":
            lines.append(f"{when}  Meal · {item.minutes} min")
        elif item.kind == "move":
            address = f" · {item.location.address}" if item.location.address else ""
            lines.append(f"{when}  Company move to {item.location.name} · {item.minutes} min{address}")
        elif item.scene is not None:
            scene = item.scene
            part = f" (day {item.part[0]} of {item.part[1]})" if item.part else ""
            cast = f" · cast {', '.join(scene.cast)}" if scene.cast else ""
            pages = f" · {_pages(item.eighths)}" if item.eighths else " (cont.)"
            lines.append(f"{when}  Sc. {scene.number}{part} · {scene.slugline}{pages}{cast}")
            if scene.synopsis and item.eighths:
                lines.append(f"       {scene.synopsis}")
    return lines


def cast_list(production: Production, numbers: Iterable[str]) -> str:
    """The performers of these scenes in board order, ``none`` when there are none."""
    ids = list(dict.fromkeys(c for n in numbers for c in production.scene(n).cast))
    order = {c.id: i for i, c in enumerate(production.cast)}
    ids.sort(key=lambda c: order.get(c, len(order)))
    return ", ".join(production.cast_member(c).label for c in ids) or "none"


def call_sheet_url(template: str | None, day: DayTimeline) -> str | None:
    """The day's call sheet address from ``template`` (``{number}``, ``{date}``), when there is one."""
    return template.format(number=day.day.number, date=day.day.date) if template else None


def call_sheet_links(base: str | None, day: DayTimeline) -> tuple[str, str] | None:
    """The day's call sheet in the published folder ``base``: its HTML page and its PDF."""
    if base is None:
        return None
    stem = day_file_stem(day.day.number, day.day.date)
    return f"{base}/{stem}.html", f"{base}/{stem}.pdf"


def key_lines(day: DayTimeline, base: str | None) -> list[str]:
    """The call sheet's key lines, read from the day alone (so other days' changes re-send nothing).

    The heading with the day's scenes and pages, crew call, shooting call and wrap, sunrise and
    sunset at the first location, that location and its address, and where the call sheet is:
    its web address when the folder is published at ``base``, else its file name.
    """
    scenes = [item for item in day.items if item.scene is not None]
    count = len({item.scene.number for item in scenes if item.scene is not None})
    shooting = scenes[0].start if scenes else day.call
    guess = " (a guess: the location has no coordinates)" if not day.sun.known else ""
    what = f"{count} {'scene' if count == 1 else 'scenes'} · {format_pages(day.eighths)} pages"
    lines = [
        day_heading(day, what),
        f"Crew call {hhmm(day.call, day)} · shooting call {hhmm(shooting, day)} · estimated wrap"
        f" {hhmm(day.wrap, day)} ({day.zone.key})",
        f"Sunrise {hhmm(day.sun.sunrise, day)} · sunset {hhmm(day.sun.sunset, day)}{guess}",
    ]
    first = day.location
    if first is not None:
        lines.append(f"First location: {first.name}" + (f", {first.address}" if first.address else ""))
    links = call_sheet_links(base, day)
    if links is not None:
        lines.append(f"Call sheet: {links[0]} (PDF: {links[1]})")
    else:
        stem = day_file_stem(day.day.number, day.day.date)
        lines.append(f"Call sheet: {stem}.pdf (or .html) in the callsheets folder")
    return lines


def footer(
    production: Production, day: DayTimeline, items: Iterable[TimelineItem], url: str | None
) -> list[str]:
    """Addresses of the places in ``items``, the call sheet, and how the times were estimated."""
    lines = [""]
    for location in dict.fromkeys(i.location.name for i in items if i.kind != "meal"):
        place = production.location(location)
        if place.address:
            lines.append(f"{place.name}: {place.address}")
    if url:
        lines.append(f"Call sheet: {url}")
    rules = production.rules
    meal = f", a {day.meal_minutes} min meal" if day.meal_minutes else ""
    lines.append(
        f"Estimated times: {rules.minutes_per_page:g} min a page unless a scene has its own,"
        f" {rules.company_move_minutes} min a company move{meal}."
    )
    return lines

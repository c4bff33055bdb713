"""The words the call sheet's PDF and HTML share, so both print the same lines."""

from __future__ import annotations

from datetime import date

from shootplan.call_sheet import AdvanceDay, CallSheet, CallSheetScene
from shootplan.reports import day_type_words
from shootplan.schedule import DayKind

__all__ = [
    "advance_kind_word",
    "day_file_stem",
    "file_stem",
    "header_lines",
    "kind_word",
    "scene_line",
    "sheet_kind_word",
    "totals_line",
]


def kind_word(kind: DayKind | None, *, interiors: bool = False) -> str:
    """``Night shoot``, ``Night shoot (interiors)``; ``No scenes`` for a day without work."""
    return day_type_words(kind, interiors=interiors) if kind is not None else "No scenes"


def sheet_kind_word(sheet: CallSheet) -> str:
    """The type the sheet's header prints (``Night shoot (interiors)``)."""
    return kind_word(sheet.day_type, interiors=sheet.interiors_only)


def advance_kind_word(day: AdvanceDay) -> str:
    """The type an advance-schedule day prints: the same words as that day's own sheet."""
    return kind_word(day.kind, interiors=day.interiors_only)


def header_lines(sheet: CallSheet) -> list[tuple[str, str]]:
    """The header's label-value pairs: crew call, shooting call, meal, wrap, sunrise, sunset."""
    guess = " (guess)" if not sheet.sun_known else ""
    lines = [
        ("Crew call", sheet.clock(sheet.crew_call)),
        ("Shooting call", sheet.clock(sheet.shooting_call)),
    ]
    if sheet.meal is not None:
        lines.append(("Meal", f"{sheet.clock(sheet.meal[0])}-{sheet.clock(sheet.meal[1])}"))
    lines += [
        ("Est. wrap", sheet.clock(sheet.wrap)),
        ("Sunrise", sheet.clock(sheet.sunrise) + guess),
        ("Sunset", sheet.clock(sheet.sunset) + guess),
    ]
    return lines


def scene_line(scene: CallSheetScene) -> str:
    """One advance-schedule line: ``Sc. 12  EXT. FARM - FIELD - DAY  1 3/8 pgs  cast 1, 2``."""
    prefix = "INT./EXT." if scene.int_ext == "INT/EXT" else f"{scene.int_ext}."
    cast = f"  cast {', '.join(scene.cast)}" if scene.cast else ""
    part = f" ({scene.part})" if scene.part else ""
    return f"Sc. {scene.number}{part}  {prefix} {scene.set} - {scene.day_night}  {scene.pages} pgs{cast}"


def file_stem(sheet: CallSheet) -> str:
    """``day-01-2027-03-01``: sorts by day, names the date a crew member looks for."""
    return day_file_stem(sheet.day_number, sheet.date)


def day_file_stem(number: int, on: date) -> str:
    """The file name (without suffix) of shoot day ``number`` on ``on``; the feeds link to it."""
    return f"day-{number:02d}-{on.isoformat()}"


def totals_line(sheet: CallSheet) -> str:
    """``Total: 5 scenes, 4 5/8 pages``."""
    scenes = "1 scene" if sheet.num_scenes == 1 else f"{sheet.num_scenes} scenes"
    pages = "1 page" if sheet.total_eighths == 8 else f"{sheet.total_pages} pages"
    return f"Total: {scenes}, {pages}"

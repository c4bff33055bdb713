"""Scene headings, Fountain details, names and the standard page."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from shootplan import Production
from shootplan.errors import ImportProblem
from shootplan.io import read_production
from shootplan.io.screenplay.breakdown import character_name
from shootplan.io.screenplay.headings import parse_heading
from shootplan.io.screenplay.pagination import LINES_PER_PAGE, scene_eighths
from shootplan.io.screenplay.script import Block
from shootplan.model import IntExt, Light, Scene


def _read_with_notes(path: Path, script: str) -> tuple[Production, str]:
    """The screenplay written to ``path`` and read, with the notices the reader gave."""
    path.write_text(script, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        production = read_production(path, start="2027-03-01")
    return production, " ".join(str(w.message) for w in caught)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INT. BAILEY HOME - KITCHEN - NIGHT", (IntExt.INT, "BAILEY HOME - KITCHEN", "NIGHT")),
        ("EXT. LIBRARY--DAY", (IntExt.EXT, "LIBRARY", "DAY")),
        ("INT./EXT. CAR \u2013 MOVING \u2013 DAWN", (IntExt.INT_EXT, "CAR - MOVING", "DAWN")),
        ("I/E HALL", (IntExt.INT_EXT, "HALL", None)),
        ("EST. CITY (NIGHT)", (IntExt.EXT, "CITY", "NIGHT")),
        ("int. diner - moments later", (IntExt.INT, "DINER", "MOMENTS LATER")),
        ("EXT. FARM - DAY - LATER", (IntExt.EXT, "FARM", "DAY")),
        ("INT. BARN - NIGHT - CONTINUOUS", (IntExt.INT, "BARN", "NIGHT")),
        ("EXT. FARM - LATER - DUSK", (IntExt.EXT, "FARM", "DUSK")),
        ("INT. HALL - NIGHT (MOMENTS LATER)", (IntExt.INT, "HALL", "NIGHT")),
        ("INT. HALL - SAME", (IntExt.INT, "HALL", "SAME")),
        ("FLASHBACK", (None, "FLASHBACK", None)),
    ],
)
def test_heading_parts(text: str, expected: tuple[object, ...]) -> None:
    """I/E, set and time of day from the ways screenwriters write headings."""
    heading = parse_heading(text)
    assert (heading.int_ext, heading.set, heading.time_of_day) == expected


def test_explicit_time_of_day_wins_over_a_relative_word(tmp_path: Path) -> None:
    """DAY - LATER is DAY (said by no note); only a bare LATER, SAME or CONTINUOUS inherits."""
    production, notes = _read_with_notes(
        tmp_path / "farm.fountain",
        "EXT. FARM - NIGHT\n\nDark.\n\nEXT. FARM - DAY - LATER\n\nSun.\n\n"
        "INT. BARN - NIGHT - CONTINUOUS\n\nHay.\n\nINT. BARN - MOMENTS LATER\n\nDust.\n\n"
        "EXT. YARD - SAME\n\nDogs.\n",
    )
    rows = [(s.set, s.time_of_day) for s in production.scenes]
    assert rows == [
        ("FARM", "NIGHT"),
        ("FARM", "DAY"),
        ("BARN", "NIGHT"),
        ("BARN", "NIGHT"),
        ("YARD", "NIGHT"),
    ]
    assert "4 MOMENTS LATER -> NIGHT, 5 SAME -> NIGHT" in notes
    assert "2 LATER" not in notes and "3 CONTINUOUS" not in notes


def test_character_names_lose_their_extensions() -> None:
    """(V.O.), (O.S.), (CONT'D), a dual-dialogue caret and a forcing @ are not part of a name."""
    assert {
        character_name(c) for c in ("BOB (V.O.)", "Bob (CONT'D)", "BOB^", "@Bob", "BOB (O.S.) (CONT'D)")
    } == {"BOB"}


def test_standard_page() -> None:
    """A full page of action is 8/8; a one-line scene is the 1/8 minimum."""
    page = [Block("action", "x")] * ((LINES_PER_PAGE - 2) // 2)
    assert scene_eighths("INT. A - DAY", page) == 8
    assert scene_eighths("INT. A - DAY", []) == 1


def test_fountain_numbers_forced_headings_and_relative_times(tmp_path: Path) -> None:
    """#12A# numbers a scene; a forced heading without INT/EXT is INT; LATER takes the light before."""
    production, notes = _read_with_notes(
        tmp_path / "short.spmd",
        "Title: Night Shift\n\nEXT. ROOF - NIGHT #12A#\n\nWind.\n\nNORA (O.S.)\nHello?\n\n"
        ".FLASHBACK\n\nA memory.\n\nINT. STAIRS - LATER\n\nSteps.\n",
    )
    assert production.name == "Night Shift"
    rows = [(s.number, s.int_ext, s.set, s.time_of_day, s.cast) for s in production.scenes]
    assert rows == [
        ("12A", IntExt.EXT, "ROOF", "NIGHT", ["1"]),
        ("2", IntExt.INT, "FLASHBACK", "DAY", []),
        ("3", IntExt.INT, "STAIRS", "DAY", []),
    ]
    assert "scene(s) 2: the heading says neither INT nor EXT; taken as INT" in notes
    assert "3 LATER -> DAY" in notes


def test_a_partly_numbered_script_letters_the_scene_after_a_written_number(tmp_path: Path) -> None:
    """#2# on the first scene: the unnumbered second scene (2 by its place) is 2A, as ADs number a
    scene added after scene 2, and a note names it; the rest keep their places."""
    production, notes = _read_with_notes(
        tmp_path / "partly.fountain",
        "INT. DINER - DAY #2#\n\nRain.\n\nEXT. FARM - DAY\n\nSun.\n\n"
        "INT. BARN - NIGHT\n\nHay.\n\nEXT. ROAD - NIGHT #5#\n\nLights.\n\nINT. CAR - NIGHT\n\nRadio.\n",
    )
    assert [(s.number, s.set) for s in production.scenes] == [
        ("2", "DINER"),
        ("2A", "FARM"),
        ("3", "BARN"),
        ("5", "ROAD"),
        ("5A", "CAR"),
    ]
    assert (
        "numbered after the scene before (2A after 2): 2A (EXT. FARM - DAY), 5A (INT. CAR - NIGHT)" in notes
    )


def test_a_number_written_on_two_headings_names_both(tmp_path: Path) -> None:
    """#2# on two headings is one problem that names both, not a bare 'duplicate scene'."""
    path = tmp_path / "twice.fountain"
    path.write_text("INT. DINER - DAY #2#\n\nRain.\n\nEXT. FARM - DAY #2#\n\nSun.\n", encoding="utf-8")
    with pytest.raises(ImportProblem) as caught:
        _read_with_notes(path, path.read_text(encoding="utf-8"))
    assert caught.value.problems == [
        'twice.fountain: scene number "2" is written on two headings, "INT. DINER - DAY" and'
        ' "EXT. FARM - DAY"; give each scene its own'
    ]


@pytest.mark.parametrize(
    ("title_page", "name"),
    [
        ("Title:\n    _**BRICK & STEEL**_\nAuthor: Jo Park\n", "BRICK & STEEL"),
        ("Title: **Big Fish**\n", "Big Fish"),
        ("Title: ***The*** _Long_ *Night*\n", "The Long Night"),
        ("Title: \\*NSYNC_FOREVER\n", "*NSYNC_FOREVER"),
    ],
)
def test_title_page_emphasis_is_not_part_of_the_name(tmp_path: Path, title_page: str, name: str) -> None:
    """Bold, italic and underline markers on the title page do not reach the production's name;
    an escaped marker and an underscore inside a word are part of it."""
    production, _ = _read_with_notes(
        tmp_path / "title.fountain", f"{title_page}\nINT. DINER - DAY\n\nRain.\n"
    )
    assert production.name == name


def test_fountain_told_by_content(tmp_path: Path) -> None:
    """A Fountain script saved as .txt is read as a screenplay, not as a CSV board."""
    path = tmp_path / "script.txt"
    path.write_text("INT. KITCHEN - DAY\n\nToast burns.\n\nEXT. YARD - NIGHT\n\nDogs.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        production = read_production(path, start="2027-03-01")
    assert [s.slugline for s in production.scenes] == ["INT. KITCHEN - DAY", "EXT. YARD - NIGHT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EXT. CALLE - NOCHE", (IntExt.EXT, "CALLE", "NOCHE", Light.NIGHT)),
        ("EXT. PLAYA - ATARDECER", (IntExt.EXT, "PLAYA", "ATARDECER", Light.DUSK)),
        ("EXT. CALLE - DÍA - MÁS TARDE", (IntExt.EXT, "CALLE", "DÍA", Light.DAY)),
        ("EXT. RUE - AUBE", (IntExt.EXT, "RUE", "AUBE", Light.DAWN)),
        ("EXT. QUAI - NUIT", (IntExt.EXT, "QUAI", "NUIT", Light.NIGHT)),
        ("AUSSEN. STRASSE - ABENDDÄMMERUNG", (IntExt.EXT, "STRASSE", "ABENDDÄMMERUNG", Light.DUSK)),
        ("Außen. Hof - Nacht", (IntExt.EXT, "HOF", "NACHT", Light.NIGHT)),
        ("INNEN/AUSSEN AUTO - TAG", (IntExt.INT_EXT, "AUTO", "TAG", Light.DAY)),
        ("EST. STRADA - NOTTE", (IntExt.EXT, "STRADA", "NOTTE", Light.NIGHT)),
        ("EKST. ULICA - NOĆ", (IntExt.EXT, "ULICA", "NOĆ", Light.NIGHT)),
        ("INT./EKST. JUGIĆ - ZORA", (IntExt.INT_EXT, "JUGIĆ", "ZORA", Light.DAWN)),
        ("INT. DAN'S HOUSE - DAY", (IntExt.INT, "DAN'S HOUSE", "DAY", Light.ANY)),
    ],
)
def test_headings_in_other_languages_name_their_light(text: str, expected: tuple[object, ...]) -> None:
    """A Spanish, French, German, Italian or Croatian heading gives its I/E, set and time of day,
    and the time names the light: a night exterior written NOCHE is never planned in daylight."""
    heading = parse_heading(text)
    assert heading.int_ext is not None and heading.time_of_day is not None
    scene = Scene(
        number="1", int_ext=heading.int_ext, set=heading.set, time_of_day=heading.time_of_day, eighths=8
    )
    assert (heading.int_ext, heading.set, heading.time_of_day, scene.required_light) == expected


def test_a_spanish_script_plans_its_night_exterior_at_night(tmp_path: Path) -> None:
    """Read from Fountain, EXT. CALLE - NOCHE is a night strip at location CALLE, not a day one."""
    production, _ = _read_with_notes(
        tmp_path / "guion.fountain", "EXT. CALLE - NOCHE\n\nLlueve.\n\nINT. BAR - DÍA\n\nCafé.\n"
    )
    night, day = production.scenes
    assert (night.set, night.location, night.required_light) == ("CALLE", "CALLE", Light.NIGHT)
    assert (day.set, day.time_of_day, day.required_light) == ("BAR", "DÍA", Light.ANY)

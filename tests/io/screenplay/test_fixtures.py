"""Two public-domain Fountain screenplays read into productions, checked against breakdowns by hand."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from shootplan import Production
from shootplan.io import read_production
from shootplan.model import IntExt

SCREENPLAYS = Path(__file__).parents[2] / "data" / "screenplays"
LINCOLN = SCREENPLAYS / "Cyber_Bob_epWinDebateAgainstLincoln.fountain"
RIFT = SCREENPLAYS / "Cyber_Bob_epLocalTransDimensionalRift.fountain"

# (number, I/E, set, location, time of day, characters who speak, synopsis), written from the script.
LINCOLN_SCENES = [
    (
        "1",
        IntExt.INT,
        "BOB'S KITCHEN",
        "BOB'S KITCHEN",
        "DAY",
        {"BOB"},
        "At his table, Bob drinks a paste out of a bowl.",
    ),
    (
        "2",
        IntExt.EXT,
        "MARGARET'S HOUSE",
        "MARGARET'S HOUSE",
        "DAY",
        {"BOB", "MARGARET", "CYBER BOSS"},
        "Bob stands at the front door and Margaret opens it.",
    ),
    (
        "3",
        IntExt.EXT,
        "GETTYSBURG",
        "GETTYSBURG",
        "DAY",
        {
            "MODERATOR",
            "LINCOLN",
            "BOB",
            "MARGARET",
            "MARGARGET",  # the script's own spelling on two cues: a name as written
            "AUDIENCE MEMBER ONE",
            "AUDIENCE MEMBER TWO",
            "AUDIENCE MEMBER THREE",
        },
        "They are elevated to platforms in the Rift with video game scoreboards superimposed over each.",
    ),
]
# Speeches (cue lines in the file): LINCOLN 26, BOB 24, MARGARET 15, MODERATOR 2, MARGARGET 2 (later),
# CYBER BOSS 1, then the audience members, 1 each in order of appearance.
LINCOLN_IDS = {
    "LINCOLN": "1",
    "BOB": "2",
    "MARGARET": "3",
    "MODERATOR": "4",
    "MARGARGET": "5",
    "CYBER BOSS": "6",
    "AUDIENCE MEMBER ONE": "7",
    "AUDIENCE MEMBER TWO": "8",
    "AUDIENCE MEMBER THREE": "9",
}
RIFT_SCENES = [
    ("1", IntExt.EXT, "FOOTHILLS", "FOOTHILLS", "DAY", {"BOSS", "BOB"}, "Wilderness."),
    ("2", IntExt.EXT, "FOOTHILLS", "FOOTHILLS", "DAY", {"BOSS"}, "Bob drives along a desert roadway."),
    (
        "3",
        IntExt.EXT,
        "PLAIN",
        "PLAIN",
        "DAY",
        {"BOB"},
        "Bob drives his truck over the lumpy terrain of an open plain"
        " in this is semi-arid desert wilderness.",
    ),
]


def _read(path: Path) -> tuple[Production, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        production = read_production(path, start="2027-03-01")
    return production, [str(w.message) for w in caught]


@pytest.mark.parametrize(
    ("path", "expected", "name"),
    [
        (
            LINCOLN,
            LINCOLN_SCENES,
            "BOB THE CYBER PAWN AND HIS CYBER CLOUD BOSS THING EPISODE 04: THE GREAT FAKE LINCOLN DEBATE",
        ),
        (RIFT, RIFT_SCENES, "Cyber_Bob_epLocalTransDimensionalRift"),
    ],
)
def test_fountain_scenes_match_the_breakdown_by_hand(
    path: Path, expected: list[tuple[object, ...]], name: str
) -> None:
    """Every scene's number, I/E, set, location, time of day, cast and synopsis are as written."""
    production, _ = _read(path)
    names = {member.id: member.character for member in production.cast}
    assert production.name == name  # the title page, else the file name
    assert len(production.scenes) == len(expected)
    for scene, (number, int_ext, set_name, location, time_of_day, cast, synopsis) in zip(
        production.scenes, expected, strict=True
    ):
        assert (scene.number, scene.int_ext, scene.set, scene.location) == (
            number,
            int_ext,
            set_name,
            location,
        )
        assert scene.time_of_day == time_of_day
        assert {names[cast_id] for cast_id in scene.cast} == cast
        assert scene.synopsis == synopsis
        assert scene.elements == {}
    assert [location.name for location in production.locations] == list(dict.fromkeys(e[3] for e in expected))


def test_board_ids_follow_the_number_of_speeches() -> None:
    """The character with the most speeches is 1; the rest follow by speeches, then first appearance."""
    production, _ = _read(LINCOLN)
    assert {member.character: member.id for member in production.cast} == LINCOLN_IDS
    rift, _ = _read(RIFT)
    assert {member.character: member.id for member in rift.cast} == {"BOSS": "1", "BOB": "2"}


def test_fountain_page_counts_follow_the_standard_page() -> None:
    """Pages by the 55-line page, any part of an eighth counted, as Final Draft counts."""
    production, _ = _read(LINCOLN)
    assert [scene.pages for scene in production.scenes] == ["5/8", "6/8", "6 6/8"]
    rift, _ = _read(RIFT)
    assert [scene.pages for scene in rift.scenes] == ["5/8", "3/8", "2/8"]


def test_names_in_capitals_that_never_speak_are_a_note() -> None:
    """A name in capitals in the action who never speaks is named in a note, not made cast."""
    production, notes = _read(LINCOLN)
    assert any("never speaking" in note and "HUD (scene 3)" in note for note in notes)
    assert "HUD" not in {member.character for member in production.cast}
    assert not any("FADE OUT" in note for note in notes)

"""Final Draft files: numbers, lengths, omitted scenes, dual dialogue, title page and tags."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from shootplan import Production
from shootplan.errors import ImportProblem
from shootplan.io import read_production
from shootplan.io._cells import Problems
from shootplan.io.screenplay.fdx import parse_fdx
from shootplan.io.screenplay.pagination import scene_eighths
from shootplan.model import IntExt

FDX = Path(__file__).parents[2] / "data" / "screenplays" / "harbour_test.fdx"


@pytest.fixture(scope="module")
def harbour() -> tuple[Production, list[str]]:
    """The test FDX: four scenes (one omitted), two speakers, a tagged silent cast member."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        production = read_production(FDX, start="2027-03-01")
    return production, [str(w.message) for w in caught]


def test_fdx_scenes_read_every_field(harbour: tuple[Production, list[str]]) -> None:
    """Numbers as written, I/E, set, location, time of day, pages, cast, synopsis and elements."""
    production, _ = harbour
    rows = [
        (s.number, s.int_ext, s.set, s.location, s.time_of_day, s.pages, s.cast, s.synopsis, s.elements)
        for s in production.scenes
    ]
    assert rows == [
        (
            "1",
            IntExt.EXT,
            "HARBOUR - DOCK",
            "HARBOUR",
            "DAWN",
            "2/8",
            ["1", "2"],
            "Fog over the water.",
            {"Props": ["rowing boat"], "Background Actors": ["6 fishermen"]},
        ),
        (
            "2A",
            IntExt.INT,
            "HARBOUR - NET LOFT",
            "HARBOUR",
            "DAWN",
            "2/8",
            ["1"],
            "Nora climbs the ladder with the lantern.",
            {"Props": ["lantern"]},
        ),
        (
            "4",
            IntExt.INT_EXT,
            "ELIAS'S VAN",
            "ELIAS'S VAN",
            "NIGHT",
            "3/8",
            ["1", "2"],
            "Elias drives.",
            {"Vehicles": ["Elias's van"]},
        ),
        (
            "5",
            IntExt.INT_EXT,
            "HARBOUR - QUAY",
            "HARBOUR",
            "DAY",
            "1/8",
            ["3"],
            "The harbourmaster waves.",
            {},
        ),
    ]


def test_fdx_cast_title_and_locations(harbour: tuple[Production, list[str]]) -> None:
    """Speakers by speeches (a tie goes to who speaks first), a tagged cast member, the title page."""
    production, _ = harbour
    assert production.name == "LOW TIDE"
    assert [(m.id, m.character) for m in production.cast] == [
        ("1", "NORA"),
        ("2", "ELIAS"),
        ("3", "HARBOURMASTER"),
    ]
    assert [location.name for location in production.locations] == ["HARBOUR", "ELIAS'S VAN"]


def test_fdx_guesses_are_notes(harbour: tuple[Production, list[str]]) -> None:
    """CONTINUOUS takes the scene before's light, a missing time of day is DAY: both said."""
    _, notes = harbour
    assert any("2A CONTINUOUS -> DAWN" in note for note in notes)
    assert any("scene(s) 5: the heading gives no time of day; taken as DAY" in note for note in notes)
    assert any("CAPTAIN VANCE (scene 4)" in note for note in notes)


def test_length_wins_over_pagination() -> None:
    """Final Draft's Length is the page count; a scene without one is counted by the standard page."""
    script = parse_fdx(FDX.read_bytes(), Problems("harbour_test.fdx"))
    lengths = {scene.number: scene.eighths for scene in script.scenes}
    assert lengths == {"1": 2, "2A": 2, "4": None, "5": 1}
    counted = {scene.number: scene_eighths(scene.heading, scene.blocks) for scene in script.scenes}
    # The pagination rule against the file's lengths: every scene within 1/8 (here exact).
    assert all(abs(counted[n] - e) <= 1 for n, e in lengths.items() if e is not None)
    # A Length the rule would not give (scene 1 at 5/8, where its text counts 2/8) is still used.
    edited = FDX.read_text(encoding="utf-8").replace('Length="2/8" Page="1"', 'Length="5/8" Page="1"', 1)
    script = parse_fdx(edited.encode("utf-8"), Problems("harbour_test.fdx"))
    assert counted["1"] == 2 and script.scenes[0].eighths == 5


def test_fdx_told_by_content_and_mixed_lengths(tmp_path: Path) -> None:
    """An FDX saved as .xml is read as Final Draft; a Length of 1 3/8 pages is 11 eighths."""
    path = tmp_path / "script.xml"
    path.write_text(
        '<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Scene Heading" Number="7">'
        '<SceneProperties Length="1 3/8"/><Text>EXT. FIELD - DUSK</Text></Paragraph></Content></FinalDraft>',
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        production = read_production(path, start="2027-03-01")
    assert [(s.number, s.eighths, s.time_of_day, s.cast) for s in production.scenes] == [
        ("7", 11, "DUSK", [])
    ]
    assert production.name == "script"


def test_fdx_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    """A file declaring entities (an XML bomb or a file read) is refused before it is parsed."""
    path = tmp_path / "bomb.fdx"
    shutil.copy(FDX, path)
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><FinalDraft><Content/></FinalDraft>',
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem, match="DOCTYPE or ENTITY"):
        read_production(path)


def test_fdx_explicit_time_of_day_wins_over_a_relative_word(tmp_path: Path) -> None:
    """In Final Draft too: DAY - LATER is DAY, NIGHT - CONTINUOUS is NIGHT, a bare LATER inherits."""
    headings = [
        "EXT. FARM - NIGHT",
        "EXT. FARM - DAY - LATER",
        "INT. BARN - NIGHT - CONTINUOUS",
        "INT. BARN - LATER",
    ]
    paragraphs = "".join(
        f'<Paragraph Type="Scene Heading"><Text>{heading}</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Wind.</Text></Paragraph>'
        for heading in headings
    )
    path = tmp_path / "farm.fdx"
    path.write_text(
        f'<?xml version="1.0"?><FinalDraft><Content>{paragraphs}</Content></FinalDraft>', encoding="utf-8"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        production = read_production(path, start="2027-03-01")
    assert [(s.set, s.time_of_day) for s in production.scenes] == [
        ("FARM", "NIGHT"),
        ("FARM", "DAY"),
        ("BARN", "NIGHT"),
        ("BARN", "NIGHT"),
    ]

"""Boards in the wild, second round (issue 18): board IDs in matrix headers, Scene Header columns,
a broken Cast row, date order, impossible dates, the production's name and USS revisions."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

from shootplan import Production, ShootplanWarning
from shootplan.errors import ImportProblem
from shootplan.io import read_production
from tests.io.import_fixtures import strips

START = date(2027, 3, 1)


def _read(path: Path, **overrides: object) -> Production:
    """Read a board, its warnings silenced (tests that care about them catch them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShootplanWarning)
        return read_production(path, **overrides)  # type: ignore[arg-type]


def _problems(path: Path) -> list[str]:
    with pytest.raises(ImportProblem) as caught:
        _read(path, start=START)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("nora", "vance", "bartender"),
    [
        ("1 NORA", "3 CAPT. VANCE", "11 BARTENDER"),
        ("1. NORA", "3. CAPT. VANCE", "11. BARTENDER"),
        ("NORA (1)", "CAPT. VANCE (3)", "BARTENDER (11)"),
        ("#1 NORA", "#3 CAPT. VANCE", "#11 BARTENDER"),
    ],
)
def test_matrix_headers_keep_board_ids_and_names(
    tmp_path: Path, nora: str, vance: str, bartender: str
) -> None:
    """X-matrix columns headed with an ID and a name keep that ID, and the name loses the number."""
    board = tmp_path / "matrix.csv"
    board.write_text(
        f"Scene,I/E,Set,D/N,Pages,{nora},{vance},{bartender}\n"
        "1,INT,DINER,DAY,1,X,,X\n"
        "2,EXT,FARM,DAY,2/8,,X,\n"
    )
    production = _read(board, start=START)
    assert [(c.id, c.character) for c in production.cast] == [
        ("1", "NORA"),
        ("3", "CAPT. VANCE"),
        ("11", "BARTENDER"),
    ]
    assert {s.number: list(s.cast) for s in production.scenes} == {"1": ["1", "11"], "2": ["3"]}


def test_spaced_labels_in_a_cast_cell_keep_their_ids(tmp_path: Path) -> None:
    """A Cast cell ``1 NORA; 3 CAPT. VANCE`` names cast 1 and 3, while ``1 3`` stays two IDs."""
    board = tmp_path / "labels.csv"
    board.write_text("Scene,I/E,Set,Pages,Cast\n1,INT,DINER,1,1 NORA; 3 CAPT. VANCE\n2,INT,DINER,1,1 3\n")
    production = _read(board, start=START)
    assert [(c.id, c.character) for c in production.cast] == [("1", "NORA"), ("3", "CAPT. VANCE")]
    assert {s.number: list(s.cast) for s in production.scenes} == {"1": ["1", "3"], "2": ["1", "3"]}


@pytest.mark.parametrize("header", ["Scene Header", "Scene Heading", "Heading", "Slugline"])
def test_scene_header_column_gives_int_ext_set_location_and_time(tmp_path: Path, header: str) -> None:
    """A heading column with no Set column fills I/E, the set, its location and the time of day."""
    board = tmp_path / "headers.csv"
    board.write_text(
        f"Scene,{header},Pages,Cast\n"
        "1,INT. SHERIFF STATION - OFFICE - DAY,1,1\n"
        "2,EXT. MAIN STREET - NIGHT,2/8,1\n"
        "3,INT./EXT. PATROL CAR - MOVING (DUSK),3/8,1\n"
    )
    production = _read(board, start=START)
    assert strips(production) == {
        "1": ("INT", "SHERIFF STATION - OFFICE", "DAY", "SHERIFF STATION", ["1"]),
        "2": ("EXT", "MAIN STREET", "NIGHT", "MAIN STREET", ["1"]),
        "3": ("INT/EXT", "PATROL CAR - MOVING", "DUSK", "PATROL CAR", ["1"]),
    }

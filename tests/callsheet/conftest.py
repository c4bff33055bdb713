"""Call-sheet fixtures: the bundled example planned briefly, and a day followed by a night."""

from __future__ import annotations

from pathlib import Path

import pytest

from shootplan import Production, Schedule, read_production, solve

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "template.xlsx"


@pytest.fixture(scope="session")
def example_plan() -> tuple[Production, Schedule]:
    """The bundled example (examples/template.xlsx) planned for 3 s on one worker, seed 1."""
    production = read_production(EXAMPLE)
    result = solve(production, time_limit=3, num_workers=1, seed=1)
    assert result.schedule is not None
    return production, result.schedule


@pytest.fixture(scope="session")
def day_then_night() -> tuple[Production, Schedule]:
    """Two shoot days at a located farm: a long EXT DAY, then an EXT NIGHT with a minor on hold.

    Performer 3 works on day 1 and on day 3 (an interior), so the night day holds them.
    """
    production = Production.model_validate(
        {
            "name": "Night & Day <Test>",
            "calendar": {"start": "2027-06-07", "time_zone": "America/New_York"},
            "scenes": [
                {
                    "number": "1",
                    "int_ext": "EXT",
                    "set": "FARM - FIELD",
                    "eighths": 40,
                    "cast": ["1", "3"],
                    "synopsis": "Harvest <at> dawn & noon",
                },
                {
                    "number": "2",
                    "int_ext": "EXT",
                    "set": "FARM - YARD",
                    "time_of_day": "NIGHT",
                    "eighths": 24,
                    "cast": ["1", "2"],
                },
                {"number": "3", "int_ext": "INT", "set": "BARN - LOFT", "eighths": 8, "cast": ["3"]},
            ],
            "cast": [
                {"id": "1", "name": "Ann Lead", "character": "MAGGIE", "makeup_minutes": 90},
                {"id": "2", "name": "Bo Second", "character": "JED", "pickup_minutes": 45},
                {"id": "3", "name": "Cy Kid", "character": "TIM", "age": 9},
            ],
            "locations": [
                {
                    "name": "FARM",
                    "address": "1 Farm Road, Hudson, NY",
                    "latitude": 42.25,
                    "longitude": -73.79,
                    "parking": "Lot B behind the silo",
                    "hospital": "Columbia Memorial, 71 Prospect Ave",
                },
                {"name": "BARN", "address": "3 Barn Lane, Hudson, NY"},
            ],
        }
    )
    return production, Schedule.from_day_lists(production, [["1"], ["2"], ["3"]])

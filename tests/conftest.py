"""Shared fixtures: small, hand-checkable productions, and where the benchmark data lives."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from shootplan import Production, Schedule

# CI tries the same examples on every run: a property test that explored anew each time failed an
# unrelated change with an input found that day (and spent minutes shrinking it). Looking for new
# examples is asked for: HYPOTHESIS_PROFILE=explore make test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def small_production_data() -> dict[str, Any]:
    """The raw data of the six-scene production, for tests that alter it before validating."""
    return {
        "name": "Small Town",
        "scenes": [
            {
                "number": "1",
                "int_ext": "INT",
                "set": "DINER - BOOTH",
                "eighths": 16,
                "cast": ["1", "2"],
            },
            {"number": "2", "int_ext": "EXT", "set": "FARM - FIELD", "eighths": 12, "cast": ["1"]},
            {
                "number": "3",
                "int_ext": "INT",
                "set": "CLINIC - WARD",
                "time_of_day": "NIGHT",
                "eighths": 3,
                "cast": ["2", "3"],
            },
            {
                "number": "4",
                "int_ext": "INT",
                "set": "DINER - KITCHEN",
                "eighths": 8,
                "cast": ["3"],
            },
            {
                "number": "5",
                "int_ext": "EXT",
                "set": "FARM - BARN",
                "eighths": 16,
                "cast": ["1", "2"],
            },
            {
                "number": "6",
                "int_ext": "INT",
                "set": "CLINIC - OFFICE",
                "eighths": 8,
                "cast": ["1"],
            },
        ],
        "cast": [
            {"id": "1", "name": "Ada Quinn", "character": "NORA", "daily_rate": 1000},
            {"id": "2", "name": "Ben Ruiz", "character": "ELIAS", "daily_rate": 500},
            {"id": "3", "name": "Cleo Park", "character": "MAE", "daily_rate": 200},
        ],
        "locations": [{"name": "DINER"}, {"name": "FARM"}, {"name": "CLINIC"}],
        "calendar": {"start": "2027-03-01", "time_zone": "America/New_York"},
    }


@pytest.fixture(scope="session")
def small_production() -> Production:
    """Six scenes at a diner, a farm and a clinic; cast NORA (1000/day), ELIAS (500), MAE (200).

    Starts Monday 2027-03-01, Mon-Fri; one night scene (3); default rules (5 pages a day).
    """
    return Production.model_validate(small_production_data())


# --------------------------------------------------------------------------- the DOOD production

# Who works on each shoot day (one scene a day, cast by board ID). Wed Mar 10 is a holiday and
# the weekends are off, so the 11 shoot days run Mon Mar 1 to Tue Mar 16.
REPORT_DAYS: list[tuple[str, list[str]]] = [
    ("2027-03-01", ["1", "5", "6", "7", "8", "9"]),
    ("2027-03-02", ["1", "7"]),
    ("2027-03-03", ["1", "2"]),
    ("2027-03-04", ["1", "9"]),
    ("2027-03-05", ["1", "3"]),
    ("2027-03-08", ["1"]),
    ("2027-03-09", ["1", "3", "4", "6"]),
    ("2027-03-11", ["1", "4"]),
    ("2027-03-12", ["1"]),
    ("2027-03-15", ["1", "5", "7"]),
    ("2027-03-16", ["1", "5", "7", "8"]),
]
# Scene of each day: (number, int/ext, time of day, set, eighths); scene 1A shares day 1.
REPORT_SCENES: list[tuple[str, str, str, str, int]] = [
    ("1", "INT", "DAY", "HOUSE - KITCHEN", 19),
    ("2", "EXT", "DAY", "STREET - CORNER", 8),
    ("3", "INT", "DAY", "HOUSE - HALL", 12),
    ("4", "EXT", "DAY", "STREET - CORNER", 10),
    ("5", "INT", "NIGHT", "HOUSE - KITCHEN", 16),
    ("6", "INT", "DAY", "HOUSE - HALL", 9),
    ("7", "EXT", "NIGHT", "STREET - ALLEY", 14),
    ("8", "INT", "DAY", "HOUSE - KITCHEN", 20),
    ("9", "EXT", "DAY", "STREET - ALLEY", 11),
    ("10", "INT", "DAY", "HOUSE - HALL", 5),
    ("11", "EXT", "NIGHT", "STREET - CORNER", 30),
]


def report_production_data() -> dict[str, Any]:
    """Twelve scenes over eleven shoot days and nine performers, each a DOOD case of its own.

    1 LEAD works every day; 2 ONE DAY works once (SWF); 3 WEEKEND works Fri and Tue (Mon is a
    hold, the weekend is not); 4 HOLIDAY works Tue and Thu around the Wed holiday; 5 DROPPED may
    be dropped and is picked up 14 days later (drop); 6 TOO SOON may be dropped but comes back
    after 8 days (held); 7 TWO BLOCKS works two blocks and is held between; 8 PICKUP FINISH is
    dropped and picked up on the last day (PWF); 9 DAY PLAYER is engaged day by day (no holds).
    """
    scenes: list[dict[str, Any]] = []
    for (number, int_ext, time_of_day, set_name, eighths), (_, cast) in zip(
        REPORT_SCENES, REPORT_DAYS, strict=True
    ):
        scenes.append(
            {
                "number": number,
                "int_ext": int_ext,
                "time_of_day": time_of_day,
                "set": set_name,
                "eighths": eighths,
                "cast": cast,
                "synopsis": f"Scene {number} happens.",
            }
        )
    scenes.insert(
        1,
        {
            "number": "1A",
            "int_ext": "EXT",
            "set": "STREET - CORNER",
            "eighths": 21,
            "cast": ["1"],
            "script_day": "D1",
        },
    )
    cast = [
        {"id": "1", "character": "LEAD", "daily_rate": 1000},
        {"id": "2", "character": "ONE DAY", "daily_rate": 300},
        {"id": "3", "character": "WEEKEND", "daily_rate": 400},
        {"id": "4", "character": "HOLIDAY", "daily_rate": 500},
        {"id": "5", "character": "DROPPED", "daily_rate": 600, "drop_pickup": True},
        {"id": "6", "character": "TOO SOON", "daily_rate": 700, "drop_pickup": True},
        {"id": "7", "character": "TWO BLOCKS", "daily_rate": 800},
        {"id": "8", "character": "PICKUP FINISH", "daily_rate": 900, "drop_pickup": True},
        {"id": "9", "character": "DAY PLAYER", "daily_rate": 100, "holds": False},
    ]
    return {
        "name": "Report Town",
        "scenes": scenes,
        "cast": cast,
        "locations": [{"name": "HOUSE"}, {"name": "STREET"}],
        "calendar": {"start": "2027-03-01", "holidays": ["2027-03-10"], "time_zone": "America/New_York"},
    }


def report_day_lists() -> list[list[str]]:
    """The scenes of each shoot day: scene N on day N, and 1A after 1 on day 1."""
    days = [[number] for number, *_ in REPORT_SCENES]
    days[0].append("1A")
    return days


@pytest.fixture(scope="session")
def report_production() -> Production:
    """Twelve scenes of all four strip types, nine performers with one DOOD case each, a holiday.

    The holiday is Wed 2027-03-10. Shared by the report and Excel tests.
    """
    return Production.model_validate(report_production_data())


@pytest.fixture(scope="session")
def report_schedule(report_production: Production) -> Schedule:
    """Scene N on shoot day N: eleven days over three calendar weeks, Mon Mar 1 .. Tue Mar 16.

    Weekends and the holiday are skipped; day 1 adds scene 1A: 5 pages and a company move.
    """
    return Schedule.from_day_lists(report_production, report_day_lists(), name="hand")


# --------------------------------------------------------------------------- a two-day scene


@pytest.fixture(scope="session")
def two_day_production() -> Production:
    """The small production and scene 7, twelve pages in the farm's field shot over two days."""
    data = small_production_data()
    data["scenes"].append(
        {
            "number": "7",
            "int_ext": "EXT",
            "set": "FARM - FIELD",
            "eighths": 96,
            "shoot_days": 2,
            "cast": ["1"],
        }
    )
    return Production.model_validate(data)


@pytest.fixture(scope="session")
def two_day_schedule(two_day_production: Production) -> Schedule:
    """Four shoot days from Mon 2027-03-01; scene 7 alone on days 2 and 3."""
    return Schedule.from_day_lists(two_day_production, [["1", "4", "3"], ["7"], ["7"], ["2", "5", "6"]])


# --------------------------------------------------------------------------- benchmark data

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def benchmark_data(relative: str, *, copies: Path = DATA, shared: Path = SHARED) -> Path:
    """A benchmark file or folder: its copy under tests/data, else ../shared/benchmarks.

    The copies (tests/data/README.md) let the suite run from a bare clone. When neither place has
    it, CI (``CI=true``) fails with a message naming both, so a missing ../shared never passes as
    a row of skips; elsewhere the calling test, fixture or module is skipped with that reason.
    """
    for root in (copies, shared):
        if (root / relative).exists():
            return root / relative
    missing = f"{relative} is neither in {copies} nor in {shared}"
    if os.environ.get("CI", "").lower() in {"true", "1"}:
        pytest.fail(
            f"{missing}: copy it into tests/data or check out ../shared beside the repository", pytrace=False
        )
    pytest.skip(missing, allow_module_level=True)


@st.composite
def random_productions(draw: st.DrawFn) -> dict[str, Any]:
    """The raw data of a production of 2-7 random scenes over the six-scene production's cast and sets."""
    data = small_production_data()
    count = draw(st.integers(min_value=2, max_value=7))
    sets = ["DINER - BOOTH", "FARM - FIELD", "CLINIC - WARD", "DINER - KITCHEN"]
    data["scenes"] = [
        {
            "number": str(i + 1),
            "int_ext": draw(st.sampled_from(["INT", "EXT"])),
            "time_of_day": draw(st.sampled_from(["DAY", "DAY", "NIGHT"])),
            "set": draw(st.sampled_from(sets)),
            "eighths": draw(st.integers(min_value=1, max_value=40)),
            "cast": draw(st.lists(st.sampled_from(["1", "2", "3"]), max_size=3, unique=True)),
        }
        for i in range(count)
    ]
    return data

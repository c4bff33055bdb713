"""Every record of a re-plan's changes, given to a sweep's scenario, shows in that scenario's row.

One sweep of the six-scene production (at most 10 shoot days), one scenario per record; the
scenes at the FARM (2 and 5) are its exteriors, and NORA (cast 1) is in scenes 1, 2, 5 and 6.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shootplan import Production, Scenario, SolveParams, SweepResult, sweep

PARAMS = SolveParams(time_limit=2, seed=3)
WEEK_1 = ["2027-03-01..2027-03-05"]
WEEK_2 = ["2027-03-08..2027-03-12"]
FIRST_WEEK = {date(2027, 3, day) for day in range(1, 6)}

CHANGES: dict[str, dict[str, Any]] = {
    "as planned": {},
    "cast away": {"cast_unavailable": [{"cast": "1", "dates": WEEK_1}]},
    "farm closed": {"location_unavailable": [{"location": "FARM", "dates": WEEK_1}]},
    "farm lost": {"location_lost": [{"location": "FARM"}]},
    "farm lost, ranch instead": {
        "add_locations": [{"name": "RANCH", "unavailable": WEEK_1}],
        "location_lost": [{"location": "FARM", "replacement": "RANCH"}],
    },
    "farm window": {"location_windows": [{"location": "FARM", "windows": WEEK_2}]},
    "rain": {"weather": [{"dates": WEEK_1, "note": "storm"}]},
    "rain all month": {"weather": [{"dates": ["2027-03-01..2027-03-31"], "note": "storm"}]},
    "9 days fewer": {"add_shoot_days": -9},
    "dark week": {"days_off": WEEK_1},
    "new cast and scene": {
        "add_cast": [{"id": "4", "name": "Dee Fox", "character": "RUTH", "unavailable": WEEK_1}],
        "add_scenes": [
            {"number": "7", "int_ext": "INT", "set": "CLINIC - HALL", "eighths": 4, "cast": ["4"]}
        ],
    },
    "new location": {
        "add_locations": [{"name": "QUARRY", "unavailable": WEEK_1}],
        "add_scenes": [{"number": "8", "int_ext": "EXT", "set": "QUARRY - PIT", "eighths": 4, "cast": ["3"]}],
    },
    "scene 5 cut": {"cut_scenes": ["5"]},
    "scene 6 pinned": {"pins": [{"scene": "6", "date": "2027-03-03"}]},
}


@pytest.fixture(scope="module")
def swept(small_production: Production) -> SweepResult:
    """One scenario per change record, on a production limited to 10 shoot days."""
    production = small_production.replace(rules=small_production.rules.model_dump() | {"max_shoot_days": 10})
    scenarios = [Scenario(name=name, changes=changes) for name, changes in CHANGES.items()]
    return sweep(production, scenarios, workers_per_solve=1, processes=2, params=PARAMS)


def _dates(swept: SweepResult, name: str, scenes: set[str]) -> set[date]:
    """The dates ``scenes`` are shot on in scenario ``name``'s schedule."""
    schedule = swept[name].schedule
    assert schedule is not None, swept[name].reasons
    return {day.date for day in schedule.days if scenes & set(day.scenes)}


def _scenes(swept: SweepResult, name: str) -> set[str]:
    schedule = swept[name].schedule
    assert schedule is not None, swept[name].reasons
    return {n for day in schedule.days for n in day.scenes}


pytestmark = pytest.mark.slow


def test_every_scenario_is_solved_but_the_impossible_ones(swept: SweepResult) -> None:
    """The farm lost with nowhere to go, rain all month and one shoot day have no schedule."""
    failing = {"farm lost", "rain all month", "9 days fewer"}
    assert {name for name in swept.names if swept[name].schedule is None} == failing


def test_cast_unavailable(swept: SweepResult) -> None:
    """NORA away the first week: none of her scenes then, and it costs more."""
    assert not _dates(swept, "cast away", {"1", "2", "5", "6"}) & FIRST_WEEK
    assert swept.frame.loc["cast away", "cost"] > swept.frame.loc["as planned", "cost"]


def test_location_unavailable(swept: SweepResult) -> None:
    """The farm closed the first week: its scenes go after it."""
    assert not _dates(swept, "farm closed", {"2", "5"}) & FIRST_WEEK


def test_location_lost(swept: SweepResult) -> None:
    """The farm lost for good: its scenes cannot be shot, and the row says where."""
    row = swept.frame.loc["farm lost"]
    assert row["status"] == "infeasible"
    assert "FARM" in row["reason"]


def test_location_lost_with_a_replacement(swept: SweepResult) -> None:
    """The farm's scenes move to a ranch that opens the second week: shot there, then."""
    assert _scenes(swept, "farm lost, ranch instead") == {"1", "2", "3", "4", "5", "6"}
    assert not _dates(swept, "farm lost, ranch instead", {"2", "5"}) & FIRST_WEEK


def test_location_windows(swept: SweepResult) -> None:
    """The farm open only the second week: its scenes are shot then."""
    assert _dates(swept, "farm window", {"2", "5"}) <= {date(2027, 3, day) for day in range(8, 13)}


def test_weather(swept: SweepResult) -> None:
    """A storm the first week: no exterior then (interiors may still shoot)."""
    assert not _dates(swept, "rain", {"2", "5"}) & FIRST_WEEK
    assert swept.frame.loc["rain", "status"] in ("optimal", "feasible")


def test_weather_that_leaves_no_date_says_so(swept: SweepResult) -> None:
    """Rain over the whole horizon: no schedule, and the reason names the storm, not a stand-in."""
    reason = swept.frame.loc["rain all month", "reason"]
    assert "storm" in reason
    assert "~weather" not in reason


def test_add_shoot_days(swept: SweepResult) -> None:
    """Nine of the ten days taken away leave one: too few, and the row says so."""
    assert swept.frame.loc["9 days fewer", "status"] == "infeasible"
    assert "1 shoot days available" in swept.frame.loc["9 days fewer", "reason"]


def test_days_off(swept: SweepResult) -> None:
    """The first week dark: nothing is shot in it."""
    assert not _dates(swept, "dark week", {"1", "2", "3", "4", "5", "6"}) & FIRST_WEEK


def test_add_cast_and_add_scenes(swept: SweepResult) -> None:
    """A new scene with a new performer away the first week: shot, after that week."""
    assert "7" in _scenes(swept, "new cast and scene")
    assert not _dates(swept, "new cast and scene", {"7"}) & FIRST_WEEK


def test_add_locations(swept: SweepResult) -> None:
    """A new scene at a new location closed the first week: shot, after that week."""
    assert "8" in _scenes(swept, "new location")
    assert not _dates(swept, "new location", {"8"}) & FIRST_WEEK


def test_cut_scenes(swept: SweepResult) -> None:
    """Scene 5 cut: the schedule has the other five."""
    assert _scenes(swept, "scene 5 cut") == {"1", "2", "3", "4", "6"}


def test_pins(swept: SweepResult) -> None:
    """Scene 6 pinned to Wednesday 3 March: it is shot that day."""
    assert _dates(swept, "scene 6 pinned", {"6"}) == {date(2027, 3, 3)}

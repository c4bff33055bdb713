"""The search-free bounds never exceed what the best schedule really costs, and say why they act."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shootplan import Production, evaluate
from shootplan.findings import Rule
from shootplan.solver.bound_days import forced_days
from shootplan.solver.bound_groups import choose_groups, group_bound
from shootplan.solver.bound_returns import forced_returns
from shootplan.solver.bounds import relaxation_bound
from shootplan.solver.instance import Instance
from shootplan.solver.model import to_schedule

START = date(2027, 3, 1)  # a Monday: shoot dates are the weekdays from here
HORIZON = 4


@dataclass
class Best:
    """The least of each cost family over every valid schedule (each on its own)."""

    cost: float
    shoot_days: int
    return_cost: float
    holds: dict[str, float]


def _production(
    scenes: list[dict[str, Any]], cast: int, locations: int, away: date | None = None, **rules: Any
) -> Production:
    """Performer 1 is away on ``away``; a day costs 100, a move 300, a return 700."""
    members = [{"id": str(c + 1), "daily_rate": 1000 * (c + 1)} for c in range(cast)]
    if away is not None:
        members[0]["unavailable"] = [f"{away.isoformat()}..{away.isoformat()}"]
    return Production.model_validate(
        {
            "name": "Tiny",
            "scenes": scenes,
            "cast": members,
            "locations": [{"name": f"L{i}"} for i in range(locations)],
            "calendar": {"start": START.isoformat()},
            "rules": {
                "max_eighths_per_day": 8,
                "turnaround": "none",
                "company_move_cost": 300,
                "location_return_cost": 700,
                "shoot_day_cost": 100,
                **rules,
            },
        }
    )


def _exhaustive(production: Production) -> Best | None:
    """Every assignment of scenes to the candidate days, scored by ``evaluate`` (Day 1 is the
    first date any scene may be shot, as in the solver)."""
    instance = Instance.build(production, HORIZON)
    best: Best | None = None
    for assignment in itertools.product(range(HORIZON), repeat=len(instance.scenes)):
        days: list[list[int]] = [[] for _ in range(HORIZON)]
        for s, d in enumerate(assignment):
            days[d].append(s)
        if not days[instance.first_day]:
            continue
        used = [d for d in range(HORIZON) if days[d]]
        if any(not days[d] for d in range(used[0], used[-1] + 1)):
            # The solver's rule: no shoot date inside the shoot left empty. ``evaluate`` does not
            # flag a skipped date yet, so the search drops such schedules itself.
            continue
        schedule = to_schedule(instance, days)
        result = evaluate(production, schedule)
        if result.violations:
            continue
        holds = {
            c.id: result.cast[c.id].num_hold_days * production.hold_day_cost(c.id) for c in production.cast
        }
        if best is None:
            best = Best(result.cost, result.num_shoot_days, result.location_return_cost, holds)
            continue
        best.cost = min(best.cost, result.cost)
        best.shoot_days = min(best.shoot_days, result.num_shoot_days)
        best.return_cost = min(best.return_cost, result.location_return_cost)
        best.holds = {c: min(best.holds[c], v) for c, v in holds.items()}
    return best


@st.composite
def tiny_productions(draw: st.DrawFn) -> Production:
    """3-5 scenes, 2-3 cast, 1-3 locations, some with date windows, some cast away a day."""
    cast = draw(st.integers(2, 3))
    locations = draw(st.integers(1, 3))
    dates = [START + timedelta(days=i) for i in range(HORIZON)]
    scenes = []
    for i in range(draw(st.integers(3, 5))):
        scene: dict[str, Any] = {
            "number": str(i + 1),
            "int_ext": "INT",
            "set": f"L{draw(st.integers(0, locations - 1))} - SET",
            "eighths": draw(st.integers(1, 8)),
            "cast": [str(c + 1) for c in range(cast) if draw(st.booleans())],
        }
        if draw(st.booleans()):
            first = draw(st.integers(0, HORIZON - 1))
            scene["earliest"] = dates[first].isoformat()
            scene["latest"] = dates[draw(st.integers(first, HORIZON - 1))].isoformat()
        scenes.append(scene)
    away = draw(st.one_of(st.none(), st.sampled_from(dates)))
    return _production(scenes, cast, locations, away)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_productions())
def test_no_bound_exceeds_what_the_best_schedule_costs(production: Production) -> None:
    """On tiny boards, every bound (and each part of it) is at most the cheapest valid schedule's."""
    best = _exhaustive(production)
    if best is None:
        return  # no valid schedule: nothing to bound
    instance = Instance.build(production, HORIZON)
    assert forced_days(instance).days <= best.shoot_days
    returns = sum(f.returns * production.return_cost(f.location) for f in forced_returns(instance))
    assert returns <= best.return_cost + 1e-9
    for group in choose_groups(instance, size=2):
        found = group_bound(instance, group, 5.0)
        assert found is not None and found.cost / 100 <= sum(best.holds[c] for c in group) + 1e-9
    assert relaxation_bound(instance, group_seconds=5.0).value <= best.cost + 1e-9


def _scene(number: str, location: str, cast: list[str], eighths: int = 8, **dates: str) -> dict[str, Any]:
    return {
        "number": number,
        "int_ext": "INT",
        "set": f"{location} - SET",
        "eighths": eighths,
        "cast": cast,
        **dates,
    }


def test_dates_that_part_a_locations_scenes_force_a_return() -> None:
    """HOUSE on Monday and Wednesday, the full-day SHOP scene on Tuesday: one return, 700."""
    production = _production(
        [
            _scene("1", "L0", [], latest="2027-03-01"),
            _scene("2", "L1", [], earliest="2027-03-02", latest="2027-03-02"),
            _scene("3", "L0", [], earliest="2027-03-03"),
        ],
        1,
        2,
    )
    bound = relaxation_bound(Instance.build(production, HORIZON))
    returns = [r for r in bound.reasons if r.rule is Rule.LOCATION_RETURNS]
    assert [r.numbers["location_returns"] for r in returns] == [1]
    assert "at least 1 return to L0" in returns[0].message


def test_no_return_is_forced_when_a_location_can_be_shot_out() -> None:
    """The same scenes without dates: HOUSE can be shot in one run, no return is claimed."""
    production = _production([_scene("1", "L0", []), _scene("2", "L1", []), _scene("3", "L0", [])], 1, 2)
    assert forced_returns(Instance.build(production, HORIZON)) == []


def test_daylight_forces_shoot_days_beyond_the_pages() -> None:
    """Day exteriors of 800 minutes fit a 900-minute day but not a March day's 12 h of light."""
    scenes = [{**_scene(str(i), "L0", [], eighths=2), "int_ext": "EXT", "minutes": 400} for i in range(1, 3)]
    production = _production(scenes, 1, 1, max_minutes_per_day=900, max_day_hours=16)
    instance = Instance.build(production, HORIZON)
    assert production.min_shoot_days() == 1
    forced = forced_days(instance)
    assert forced.days == 2 and "daylight" in forced.cause


def test_pages_alone_set_the_shoot_days_of_interiors() -> None:
    """Interiors: the pages decide, the light adds nothing."""
    production = _production([_scene("1", "L0", [], eighths=4), _scene("2", "L0", [], eighths=4)], 1, 1)
    forced = forced_days(Instance.build(production, HORIZON))
    assert forced.days == 1 and "pages" in forced.cause


def _held_pair() -> Production:
    """Both performers work Monday and Wednesday (pinned half days); each has a full-day scene
    of their own, and only Tuesday or Thursday has room for one: one of them holds a day."""
    return _production(
        [
            _scene("1", "L0", ["1", "2"], eighths=4, pinned="2027-03-01"),
            _scene("2", "L0", ["1"]),
            _scene("3", "L0", ["2"]),
            _scene("4", "L0", ["1", "2"], eighths=4, pinned="2027-03-03"),
        ],
        2,
        1,
    )


def test_a_group_of_performers_bounds_holds_that_no_one_alone_is_forced_to() -> None:
    """Each alone could work every day of their span; together one of them holds a day (1,000)."""
    instance = Instance.build(_held_pair(), HORIZON)
    assert relaxation_bound(instance).value == pytest.approx(3 * 100)  # only the shoot days
    found = group_bound(instance, ("1", "2"), 5.0)
    assert found is not None and found.optimal and found.cost == 1000 * 100
    bound = relaxation_bound(instance, group_seconds=5.0)
    assert bound.value == pytest.approx(3 * 100 + 1000)
    assert any(r.rule is Rule.HOLDS and "holds of" in r.message for r in bound.reasons)


def test_a_group_that_can_work_without_gaps_bounds_nothing() -> None:
    """Without the pins the two can be shot back to back: the group's holds bound is 0."""
    production = _production(
        [_scene("1", "L0", ["1", "2"]), _scene("2", "L0", ["1"]), _scene("3", "L0", ["2"])], 2, 1
    )
    found = group_bound(Instance.build(production, HORIZON), ("1", "2"), 5.0)
    assert found is not None and found.cost == 0

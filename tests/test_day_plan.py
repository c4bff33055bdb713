"""The shoot day as it is lived: sun times, day types and calls, light, turnaround and minors.

Each rule has a pair of tiny cases, one where it does not act and one where it must, scored by
``evaluate`` on the laid-out day (no solver), and the solver is checked to keep the rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shootplan import DayKind, Production, Rule, Schedule, evaluate, solve
from shootplan.sun import sun_at, sun_notice, sun_times, zone_coordinates
from shootplan.timeline import lay_out_days
from tests.conftest import small_production_data

NEW_YORK_CITY = {"latitude": 40.71, "longitude": -74.01}


def _data(start: str, **rules: Any) -> dict[str, Any]:
    """The six-scene production, every location in New York City, starting on ``start``."""
    data = small_production_data()
    data["locations"] = [dict(loc, **NEW_YORK_CITY) for loc in data["locations"]]
    data["calendar"]["start"] = start
    data["rules"] = {"shoot_day_cost": 0, "location_return_cost": 0, **rules}
    return data


def _rules(production: Production, schedule: Schedule) -> list[Rule]:
    return [v.rule for v in evaluate(production, schedule).violations]


def _scene(data: dict[str, Any], number: str, **changes: Any) -> None:
    next(s for s in data["scenes"] if s["number"] == number).update(changes)


# --------------------------------------------------------------------------- the sun


def test_sun_times_follow_the_place_and_the_date() -> None:
    """New York's June sunset is hours after its December one; a zone alone gives its city's sun."""
    june = sun_times(date(2027, 6, 21), "America/New_York", (40.71, -74.01))
    december = sun_times(date(2027, 12, 21), "America/New_York", (40.71, -74.01))
    assert (june.sunset.hour, december.sunset.hour) == (20, 16)
    assert june.known and june.daylight_minutes > december.daylight_minutes + 5 * 60
    assert june.next_sunrise.date() == date(2027, 6, 22)
    city = zone_coordinates("America/New_York")
    assert city is not None and abs(city[0] - 40.71) < 0.1 and abs(city[1] + 74.01) < 0.1
    assert zone_coordinates("UTC") is None


def test_without_any_coordinates_the_sun_is_a_documented_guess() -> None:
    """No location, no zone city: sunrise 06:00 and sunset 18:00, marked as not known."""
    data = small_production_data()
    data["calendar"]["time_zone"] = "UTC"
    sun = sun_at(Production.model_validate(data), "FARM", date(2027, 3, 1))
    assert not sun.known and (sun.sunrise.hour, sun.sunset.hour) == (6, 18)


# --------------------------------------------------------------------------- light


def test_day_exteriors_fit_a_june_day_but_not_a_december_one() -> None:
    """Ten hours of EXT DAY fit between a June sunrise and sunset, not a December one."""
    for start, broken in (("2027-06-21", False), ("2027-12-20", True)):
        data = _data(start, max_minutes_per_day=None, max_eighths_per_day=80)
        _scene(data, "2", minutes=600)
        production = Production.model_validate(data)
        schedule = Schedule.from_day_lists(production, [["2"], ["1", "4"], ["3", "5", "6"]])
        assert (Rule.LIGHT in _rules(production, schedule)) is broken, start


def test_night_exteriors_fit_a_december_night_but_not_a_june_one() -> None:
    """Nine hours of EXT NIGHT fit between a December sunset and sunrise, not a June one; the
    night shoot calls at sunset."""
    for start, broken in (("2027-12-20", False), ("2027-06-21", True)):
        data = _data(start, max_minutes_per_day=None, max_day_hours=None, turnaround="none")
        _scene(data, "5", time_of_day="NIGHT", minutes=540)
        production = Production.model_validate(data)
        schedule = Schedule.from_day_lists(production, [["5"], ["1", "2"], ["3", "4", "6"]])
        assert (Rule.LIGHT in _rules(production, schedule)) is broken, start
        night = lay_out_days(production, schedule)[0]
        assert night.kind is DayKind.NIGHT and night.call == night.items[0].start
        sunset = sun_at(production, "FARM", night.day.date).sunset
        assert sunset <= night.call < sunset + timedelta(minutes=15) and night.call.minute % 15 == 0


def test_a_split_day_ends_its_day_exteriors_at_sunset_and_shoots_the_night_after() -> None:
    """Day and night exteriors on one day: a split day, calling so the day work ends at sunset;
    listed night first, the same day is out of its light."""
    data = _data("2027-04-05")
    _scene(data, "5", time_of_day="NIGHT", eighths=8)
    production = Production.model_validate(data)
    good = Schedule.from_day_lists(production, [["2", "5"], ["1", "4"], ["3", "6"]])
    assert _rules(production, good) == []
    split = lay_out_days(production, good)[0]
    sunset = sun_at(production, "FARM", split.day.date).sunset
    day_part, night_part = (i for i in split.items if i.kind == "scene")
    assert split.kind is DayKind.SPLIT and 12 <= split.call.hour < 18
    assert day_part.end <= sunset <= night_part.start
    backwards = Schedule.from_day_lists(production, [["5", "2"], ["1", "4"], ["3", "6"]])
    assert Rule.LIGHT in _rules(production, backwards)


def test_the_solver_splits_day_exteriors_that_a_winter_day_cannot_light() -> None:
    """Two 4 1/2-hour day exteriors share a June day; in December's nine hours of light (the meal
    hour kept aside) they cannot."""
    days_used = {}
    for start in ("2027-06-21", "2027-12-13"):
        data = _data(start, shoot_day_cost=25_000)
        data["scenes"] = [
            dict(data["scenes"][1], minutes=270),
            dict(data["scenes"][4], minutes=270),
        ]
        result = solve(Production.model_validate(data), time_limit=10, num_workers=1, seed=0)
        assert result.evaluation is not None and result.evaluation.is_feasible, result.evaluation
        days_used[start] = result.evaluation.num_shoot_days
    assert days_used == {"2027-06-21": 1, "2027-12-13": 2}


# --------------------------------------------------------------------------- turnaround


def test_interiors_after_a_night_call_late_enough_for_the_rest() -> None:
    """An interior day after a night shoot calls 12 h after the night's wrap: no turnaround broken."""
    data = _data("2027-04-05")
    _scene(data, "5", time_of_day="NIGHT")
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["5"], ["1", "4"], ["2", "3", "6"]])
    assert _rules(production, schedule) == []
    night, interiors = lay_out_days(production, schedule)[:2]
    assert interiors.call - night.wrap >= timedelta(hours=12)


# --------------------------------------------------------------------------- minors


def _minor_data(start: str, **member: Any) -> dict[str, Any]:
    data = _data(start)
    data["cast"][2].update(member)  # MAE, cast 3
    return data


def test_a_minors_hours_by_age_band_and_school_day() -> None:
    """Six hours of work break a ten-year-old's five on a school day, not a 16-year-old's six."""
    for age, broken in ((16, False), (10, True)):
        data = _minor_data("2027-04-05", age=age)
        _scene(data, "4", minutes=360)  # MAE's kitchen scene, Monday
        production = Production.model_validate(data)
        schedule = Schedule.from_day_lists(production, [["4"], ["1", "2"], ["3", "5", "6"]])
        assert (Rule.MINORS in _rules(production, schedule)) is broken, age


def test_a_minors_night_work_ends_by_22_00_but_by_00_30_before_a_day_without_school() -> None:
    """A minor's three hours of EXT NIGHT after a June sunset run past 22:00: broken on a Monday
    (school next day), allowed on a Friday (none on Saturday)."""
    for start, broken in (("2027-06-18", False), ("2027-06-21", True)):
        data = _minor_data(start, minor=True)
        _scene(data, "3", int_ext="EXT", minutes=180)  # CLINIC - WARD, NIGHT, cast 2 and 3
        production = Production.model_validate(data)
        schedule = Schedule.from_day_lists(production, [["3"], ["1", "2"], ["4", "5", "6"]])
        assert (Rule.MINORS in _rules(production, schedule)) is broken, start


def test_the_solver_keeps_a_minors_day_within_their_hours() -> None:
    """Two 3-hour scenes of a ten-year-old go on two school days; an adult shoots both in one."""
    days_used = {}
    for minor in (False, True):
        data = _data("2027-04-05", shoot_day_cost=25_000)
        data["cast"][2].update(minor=minor, age=10 if minor else None)
        data["scenes"] = [
            dict(data["scenes"][3], minutes=180),
            dict(data["scenes"][3], number="4A", minutes=180),
        ]
        result = solve(Production.model_validate(data), time_limit=10, num_workers=1, seed=0)
        assert result.evaluation is not None and result.evaluation.is_feasible
        days_used[minor] = result.evaluation.num_shoot_days
    assert days_used == {False: 1, True: 2}


def test_a_guessed_sun_is_said_once_and_a_known_one_not_at_all() -> None:
    """Exteriors with no coordinates and no zone city get one line saying the sun is a guess."""
    data = small_production_data()
    data["calendar"]["time_zone"] = "UTC"
    notice = sun_notice(Production.model_validate(data))
    assert notice is not None and "06:00" in notice and "Latitude" in notice
    assert sun_notice(Production.model_validate(_data("2027-04-05"))) is None

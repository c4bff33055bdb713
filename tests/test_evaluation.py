"""The solver-free scorer on hand-made schedules with hand-computed metrics."""

from __future__ import annotations

from datetime import date

import pytest

from shootplan import Production, Schedule, ShootDay, evaluate
from shootplan.evaluation import scene_share
from shootplan.findings import Rule
from shootplan.model import IntExt
from shootplan.timeline import lay_out_days
from tests.conftest import small_production_data


def _days(*days: tuple[str, list[str]]) -> Schedule:
    return Schedule(
        days=[ShootDay(number=i + 1, date=date.fromisoformat(d), scenes=s) for i, (d, s) in enumerate(days)]
    )


def _rules(evaluation_rules: list[Rule], rule: Rule) -> int:
    return sum(1 for r in evaluation_rules if r == rule)


def test_clean_four_day_schedule_metrics(small_production: Production) -> None:
    """Four weekdays, one location a day: no moves; ELIAS holds 1 day, MAE 2; cost 900 plus the days."""
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    result = evaluate(small_production, schedule)
    assert result.is_feasible, result.violations
    assert result.num_shoot_days == 4 and result.company_moves == 0
    assert result.hold_days == {"1": 0, "2": 1, "3": 2}
    assert result.hold_cost == 500 + 2 * 200
    assert result.eighths_per_day == [24, 28, 8, 3]
    assert result.cost == 900 + 4 * 25_000  # holds, no moves, four shoot days at the default


def test_multi_location_day_counts_moves_in_shooting_order(small_production: Production) -> None:
    """DINER, FARM, DINER is two moves; grouping the diner scenes makes it one."""
    scattered = _days(("2027-03-01", ["1", "2", "4"]), ("2027-03-02", ["5", "6", "3"]))
    grouped = _days(("2027-03-01", ["1", "4", "2"]), ("2027-03-02", ["5", "6", "3"]))
    assert evaluate(small_production, scattered).moves_per_day == [2, 1]
    result = evaluate(small_production, grouped)
    assert result.moves_per_day == [1, 1] and result.company_moves == 2
    assert result.company_move_cost == 2 * 5000
    # 36 eighths at 120 min/page = 540 min + one 60-min move = 600: exactly the cap.
    assert result.minutes_per_day[0] == 600


def test_a_location_shot_out_in_one_run_has_no_return(small_production: Production) -> None:
    """DINER, then FARM, then CLINIC: each location in one run of days, so no return."""
    schedule = _days(("2027-03-01", ["1", "4"]), ("2027-03-02", ["2", "5"]), ("2027-03-03", ["6", "3"]))
    result = evaluate(small_production, schedule)
    assert result.location_returns == 0
    assert result.returns_per_location == {"DINER": 0, "FARM": 0, "CLINIC": 0}
    assert result.metrics()["location_returns"] == 0


def test_coming_back_to_a_location_is_a_return(small_production: Production) -> None:
    """DINER, FARM, DINER again: one return to DINER; a day with no scene breaks no run."""
    back = _days(
        ("2027-03-01", ["1"]), ("2027-03-02", ["2", "5"]), ("2027-03-03", ["4"]), ("2027-03-04", ["6", "3"])
    )
    assert evaluate(small_production, back).returns_per_location == {"DINER": 1, "FARM": 0, "CLINIC": 0}
    waited = _days(
        ("2027-03-01", ["1"]), ("2027-03-02", []), ("2027-03-03", ["4"]), ("2027-03-04", ["2", "5", "6", "3"])
    )
    assert evaluate(small_production, waited).location_returns == 0


def _diner_farm_diner(**diner: object) -> tuple[Production, Schedule]:
    data = small_production_data()
    data["locations"][0].update(diner)
    production = Production.model_validate(data)
    days = [["1"], ["2", "5"], ["4"], ["6", "3"]]
    return production, Schedule.from_day_lists(production, days)


def test_a_return_costs_the_rules_default_or_the_locations_own() -> None:
    """Coming back to DINER costs 5,000 by default, or DINER's own return cost, in the total too."""
    production, back = _diner_farm_diner()
    result = evaluate(production, back)
    assert result.location_return_cost == 5000
    assert result.cost == result.hold_cost + result.company_move_cost + result.shoot_day_cost + 5000
    assert result.metrics()["location_return_cost"] == 5000
    production, back = _diner_farm_diner(return_cost=1200)
    assert evaluate(production, back).location_return_cost == 1200


def test_returning_to_a_standing_set_costs_nothing() -> None:
    """A standing set (or a zero return cost) is counted as a return but costs nothing."""
    for diner in ({"standing": True}, {"return_cost": 0}):
        production, back = _diner_farm_diner(**diner)
        result = evaluate(production, back)
        assert result.location_returns == 1 and result.location_return_cost == 0
        assert production.return_cost("DINER") == 0


def test_weekend_inside_a_hold_span_is_not_a_hold(small_production: Production) -> None:
    """MAE works Friday and Tuesday: Saturday and Sunday are off days, only Monday is a hold."""
    schedule = _days(
        ("2027-03-04", ["1", "2"]),
        ("2027-03-05", ["4"]),
        ("2027-03-08", ["6"]),
        ("2027-03-09", ["5", "3"]),
    )
    result = evaluate(small_production, schedule)
    assert result.is_feasible, result.violations
    assert result.hold_days == {"1": 1, "2": 2, "3": 1}
    assert result.hold_cost == 1000 + 2 * 500 + 200


def test_day_off_inside_a_hold_span_is_not_a_hold() -> None:
    """A day off on Wednesday between MAE's Tuesday and Friday work leaves one hold (Thu)."""
    data = small_production_data()
    data["calendar"]["days_off"] = ["2027-03-03"]
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1"], ["4"], ["2", "6"], ["3", "5"]])
    assert schedule.dates() == [date(2027, 3, d) for d in (1, 2, 4, 5)]
    result = evaluate(production, schedule)
    assert result.hold_days["3"] == 1 and result.hold_days["2"] == 2


def test_day_on_a_day_off_or_holiday_is_a_violation() -> None:
    """A shoot day on a company holiday or a Saturday breaks the calendar rule."""
    data = small_production_data()
    data["calendar"]["holidays"] = ["2027-03-02"]
    production = Production.model_validate(data)
    schedule = _days(("2027-03-01", ["1", "4"]), ("2027-03-02", ["2", "5"]), ("2027-03-06", ["6", "3"]))
    result = evaluate(production, schedule)
    messages = [str(v) for v in result.violations if v.rule is Rule.CALENDAR]
    assert len(messages) == 2
    assert "a holiday" in messages[0] and "a day off (Saturday)" in messages[1]


def test_missing_unknown_and_duplicate_scenes_are_violations(small_production: Production) -> None:
    """Every scene exactly once: a missing one, an unknown one and a repeated one are each named."""
    schedule = Schedule.from_day_lists(small_production, [["1", "4", "99"], ["2", "5", "1"], ["6"]])
    result = evaluate(small_production, schedule)
    assert not result.is_feasible
    text = "\n".join(str(v) for v in result.violations)
    assert "scene 3 is not scheduled" in text
    assert "scene 99, which is not in the production" in text
    assert "scene 1 needs one day but is on day(s) 1, 2" in text


def test_page_cap_and_time_cap_are_checked() -> None:
    """Over five pages in a day, or over 600 minutes with a move, breaks the caps."""
    data = small_production_data()
    production = Production.model_validate(data)
    # 16 + 16 + 12 eighths = 5 4/8 pages over two locations: both caps break.
    schedule = Schedule.from_day_lists(production, [["1", "5", "2"], ["4", "6", "3"]])
    result = evaluate(production, schedule)
    rules = [v.rule for v in result.violations]
    assert _rules(rules, Rule.PAGE_CAP) == 1 and _rules(rules, Rule.TIME_CAP) == 1
    assert result.minutes_per_day[0] == 44 * 15 + 60


def test_cast_unavailable_and_location_window_are_violations() -> None:
    """NORA unavailable on day 1 and the farm open only from March 8 are both reported."""
    data = small_production_data()
    data["cast"][0]["unavailable"] = ["2027-03-01"]
    data["locations"][1]["windows"] = ["2027-03-08..2027-03-12"]
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    result = evaluate(production, schedule)
    by_rule = {v.rule: v for v in result.violations}
    assert by_rule[Rule.CAST_AVAILABILITY].cast == "1" and by_rule[Rule.CAST_AVAILABILITY].scene == "1"
    assert {v.scene for v in result.violations if v.rule is Rule.LOCATION_AVAILABILITY} == {"2", "5"}


def test_turnaround_after_a_night_shoot(small_production: Production) -> None:
    """A long night exterior on Monday, then a long day exterior on Tuesday: the day cannot call
    late enough for the rest and still end by sunset, so turnaround breaks; a weekend absorbs it."""
    night = small_production.scene("3").model_copy(update={"int_ext": IntExt.EXT, "minutes": 480})
    field = small_production.scene("2").model_copy(update={"minutes": 300})
    production = small_production.replace(
        scenes=[
            night if s.number == "3" else field if s.number == "2" else s for s in small_production.scenes
        ]
    )
    broken = Schedule.from_day_lists(production, [["3"], ["2"], ["1", "4"], ["5", "6"]])
    assert [v.rule for v in evaluate(production, broken).violations] == [Rule.TURNAROUND]
    over_weekend = _days(
        ("2027-03-05", ["3"]), ("2027-03-08", ["2"]), ("2027-03-09", ["1", "4"]), ("2027-03-10", ["5", "6"])
    )
    assert evaluate(production, over_weekend).is_feasible
    relaxed = production.replace(rules={"turnaround": "none"})
    assert evaluate(relaxed, broken).is_feasible


def test_night_exteriors_are_timed_in_the_dark_and_day_ones_in_daylight(small_production: Production) -> None:
    """A night exterior laid out on a day shoot's morning breaks the light; alone it calls at dark."""
    night = small_production.scene("3").model_copy(update={"int_ext": IntExt.EXT})
    production = small_production.replace(
        scenes=[night if s.number == "3" else s for s in small_production.scenes]
    )
    alone = Schedule.from_day_lists(production, [["3"], ["2"], ["1", "4"], ["5", "6"]])
    assert evaluate(production, alone).is_feasible
    call = lay_out_days(production, alone)[0].call
    assert call.hour >= 17  # a night shoot calls at dark, not at the 07:00 day call
    # Scene 2 (EXT DAY, 3 pages) and the night exterior on one day, night first: out of its light.
    mixed = Schedule.from_day_lists(production, [["3", "2"], ["1", "4"], ["5", "6"]])
    assert Rule.LIGHT in {v.rule for v in evaluate(production, mixed).violations}
    assert evaluate(
        production, Schedule.from_day_lists(production, [["2", "3"], ["1", "4"], ["5", "6"]])
    ).is_feasible


def test_precedence_same_day_pinned_and_max_days() -> None:
    """A before B, a same-day group, a pinned date and the day limit are each checked."""
    data = small_production_data()
    data["rules"] = {"precedences": [["6", "1"]], "same_day": [["2", "4"]], "max_shoot_days": 3}
    data["scenes"][2]["pinned"] = "2027-03-02"
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    violations = evaluate(production, schedule).violations
    assert {v.rule for v in violations} == {Rule.PRECEDENCE, Rule.SAME_DAY, Rule.PIN, Rule.MAX_SHOOT_DAYS}
    # The words a person reads keep the rule's label.
    assert any(str(v).startswith("[same day] scenes 2, 4 must share a day") for v in violations)


def test_multi_day_scene_spans_consecutive_whole_days() -> None:
    """A 12-page battle takes three consecutive days on its own, with no page-cap violation."""
    data = small_production_data()
    data["scenes"].append(
        {"number": "50", "int_ext": "EXT", "set": "FARM - FIELD", "eighths": 96, "cast": ["1"]}
    )
    production = Production.model_validate(data)
    assert production.days_needed(production.scene("50")) == 3
    good = Schedule.from_day_lists(production, [["1", "4"], ["50"], ["50"], ["50"], ["2", "5"], ["6"], ["3"]])
    result = evaluate(production, good)
    assert result.is_feasible, result.violations
    assert result.eighths_per_day[1:4] == [32, 32, 32]
    gap = Schedule.from_day_lists(production, [["1", "4"], ["50"], ["2", "5"], ["50"], ["50"], ["6"], ["3"]])
    assert any("needs 3 consecutive days" in str(v) for v in evaluate(production, gap).violations)
    crowded = Schedule.from_day_lists(
        production, [["1", "4"], ["50", "6"], ["50"], ["50"], ["2", "5"], ["3"]]
    )
    assert [v.rule for v in evaluate(production, crowded).violations] == [Rule.MULTI_DAY_SCENE]


def test_scene_share_splits_a_multi_day_scene_evenly_rest_first() -> None:
    """20 eighths and 500 minutes over three days are 7, 7, 6 and 167, 167, 166; one day is whole."""
    data = small_production_data()
    data["scenes"].append(
        {
            "number": "50",
            "int_ext": "EXT",
            "set": "FARM - FIELD",
            "eighths": 20,
            "minutes": 500,
            "shoot_days": 3,
        }
    )
    data["scenes"][0]["minutes"] = 90
    production = Production.model_validate(data)
    battle = production.scene("50")
    parts = [scene_share(production, battle, [2, 3, 4], index) for index in (2, 3, 4)]
    assert parts == [(7, 167), (7, 167), (6, 166)]
    assert scene_share(production, production.scene("1"), [0], 0) == (16, 90)
    schedule = Schedule.from_day_lists(production, [["1"], ["4"], ["50"], ["50"], ["50"]])
    assert evaluate(production, schedule).eighths_per_day[2:] == [7, 7, 6]


@pytest.mark.parametrize(("pickup", "dropped"), [("2027-03-15", True), ("2027-03-11", False)])
def test_drop_pickup_only_across_a_long_enough_gap(pickup: str, dropped: bool) -> None:
    """ELIAS (drop/pickup, 10-day minimum) is dropped when picked up 14 days later, not 10."""
    data = small_production_data()
    data["cast"][1]["drop_pickup"] = True
    fillers = [
        {"number": f"F{i}", "int_ext": "INT", "set": "DINER - BOOTH", "eighths": 1, "cast": ["1"]}
        for i in range(12)
    ]
    data["scenes"] = [data["scenes"][0], data["scenes"][2], *fillers]  # scene 1 (NORA+ELIAS), 3
    production = Production.model_validate(data)
    dates = [d for d in production.calendar.shoot_dates(until=date.fromisoformat(pickup))]
    days = [("2027-03-01", ["1"])] + [(str(d), [f"F{i}"]) for i, d in enumerate(dates[1:-1])]
    days.append((pickup, ["3", *[f"F{i}" for i in range(len(dates) - 2, 12)]]))
    result = evaluate(production, _days(*days))
    gap_days = len(dates) - 2
    work = result.cast["2"]
    if dropped:
        assert result.hold_days["2"] == 0 and len(work.dropped_days) == gap_days
        assert work.pickup_days == (len(dates) - 1,)
    else:
        assert result.hold_days["2"] == gap_days and work.dropped_days == ()
    # NORA, without drop/pickup, works every day but the last: no holds either way.
    assert result.hold_days["1"] == 0


def test_performer_without_holds_is_never_held(small_production: Production) -> None:
    """A cast member engaged day by day (holds=False) has no hold days or cost."""
    production = small_production.replace(
        cast=[c.model_copy(update={"holds": False}) if c.id == "3" else c for c in small_production.cast]
    )
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    result = evaluate(production, schedule)
    assert result.hold_days == {"1": 0, "2": 1, "3": 0} and result.hold_cost == 500


def test_schedule_json_round_trip_and_order(small_production: Production) -> None:
    """A schedule survives JSON; days out of date order are refused on construction."""
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"]], name="draft")
    text = schedule.model_dump_json()
    assert '"days":[{"number":1,"date":"2027-03-01","scenes":["1","4"]}' in text
    assert Schedule.model_validate_json(text) == schedule
    with pytest.raises(ValueError, match="needs a later date"):
        _days(("2027-03-02", ["1"]), ("2027-03-01", ["2"]))


def test_hold_cost_uses_the_boards_own_rates(small_production: Production) -> None:
    """With daily rates, ELIAS's hold day costs 500 and MAE's two cost 200 each: 900."""
    schedule = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    assert evaluate(small_production, schedule).hold_cost == 900


def test_without_rates_each_hold_day_costs_the_default() -> None:
    """With no daily rates, the same three hold days cost 1,000 each."""
    data = small_production_data()
    for member in data["cast"]:
        member["daily_rate"] = 0
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    result = evaluate(production, schedule)
    assert result.total_hold_days == 3 and result.hold_cost == 3000 and result.cost == 3000 + 4 * 25_000

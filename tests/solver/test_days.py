"""Shoot days as an AD counts them: the fewest the caps allow, no empty day at either end."""

from __future__ import annotations

from datetime import date
from typing import Any

from shootplan import Production, Result, evaluate, solve
from shootplan.findings import Rule
from tests.conftest import small_production_data


def _plan(data: dict[str, Any]) -> Result:
    production = Production.model_validate(data)
    result = solve(production, time_limit=10, num_workers=1, seed=0)
    assert result.schedule is not None and result.evaluation is not None
    assert evaluate(production, result.schedule).violations == []
    return result


def _one_location(eighths: list[int], **rules: Any) -> dict[str, Any]:
    """Scenes of one performer at one location, one page cap (5 pages, 600 minutes a day)."""
    return {
        "name": "One Room",
        "scenes": [
            {"number": str(i + 1), "int_ext": "INT", "set": "HOUSE - ROOM", "eighths": e, "cast": ["1"]}
            for i, e in enumerate(eighths)
        ],
        "cast": [{"id": "1", "character": "NORA", "daily_rate": 1000}],
        "locations": [{"name": "HOUSE"}],
        "calendar": {"start": "2027-03-01"},
        "rules": rules,
    }


def test_six_scenes_with_no_day_count_get_the_fewest_days_and_no_empty_end() -> None:
    """The six-scene production fits 2 days at 5 pages: 2 days, both with work, and a line saying so."""
    result = _plan(small_production_data())
    assert result.schedule is not None
    days = result.schedule.days
    assert len(days) == Production.model_validate(small_production_data()).min_shoot_days() == 2
    assert days[0].scenes and days[-1].scenes and days[0].date == date(2027, 3, 1)
    notices = [n for n in result.notices if n.rule is Rule.SHOOT_DAYS]
    assert [str(n) for n in notices] == [
        "no day count given: planned on the fewest shoot days the caps allow (2) plus 0 extra allowed"
        " (rules.extra_shoot_days)"
    ]


def test_nine_and_a_quarter_pages_at_five_a_day_take_two_days() -> None:
    """9 2/8 pages that pack into 5 + 4 2/8 take 2 shoot days, not 3 or 4."""
    result = _plan(_one_location([20, 20, 12, 12, 10]))
    assert result.evaluation is not None and result.evaluation.num_shoot_days == 2


def test_a_day_count_given_is_used_as_given_without_a_notice() -> None:
    """With Max Shoot Days set, the plan still uses the fewest days and says nothing of the count."""
    result = _plan(_one_location([20, 20, 12, 12, 10], max_shoot_days=6))
    assert result.evaluation is not None and result.evaluation.num_shoot_days == 2
    assert not [n for n in result.notices if n.rule is Rule.SHOOT_DAYS]


def test_cast_away_on_a_middle_date_leaves_an_empty_day_with_its_reason() -> None:
    """NORA is away Tuesday and is in both full-day scenes: Tuesday is an empty day, and it says why."""
    data = _one_location([40, 40])
    data["cast"][0]["unavailable"] = ["2027-03-02"]
    result = _plan(data)
    assert result.schedule is not None
    assert [day.scenes for day in result.schedule.days] == [["1"], [], ["2"]] or [
        day.scenes for day in result.schedule.days
    ] == [["2"], [], ["1"]]
    reasons = [n for n in result.notices if n.rule is Rule.EMPTY_DAY]
    assert len(reasons) == 1 and reasons[0].cast == ("1",) and reasons[0].dates == (date(2027, 3, 2),)
    assert "day 2 (Tue 2027-03-02) has no scenes" in str(reasons[0])
    assert "1. NORA is unavailable that day" in str(reasons[0])


def test_no_empty_day_when_no_date_forces_one() -> None:
    """The same production with NORA always there: two days in a row, no empty day, no reason."""
    result = _plan(_one_location([40, 40]))
    assert result.schedule is not None
    assert all(day.scenes for day in result.schedule.days) and result.schedule.num_days == 2
    assert not [n for n in result.notices if n.rule is Rule.EMPTY_DAY]


def test_when_nothing_can_be_shot_on_the_first_date_day_one_is_the_next() -> None:
    """Everyone is away on Monday the 1st: Day 1 is Tuesday, not an empty Monday."""
    data = _one_location([40, 40])
    data["cast"][0]["unavailable"] = ["2027-03-01"]
    result = _plan(data)
    assert result.schedule is not None
    assert [day.date for day in result.schedule.days] == [date(2027, 3, 2), date(2027, 3, 3)]
    assert result.schedule.days[0].number == 1

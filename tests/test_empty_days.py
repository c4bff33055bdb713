"""The scorer's empty-day rule, and the reason given for an empty day inside a schedule."""

from __future__ import annotations

from datetime import timedelta

from shootplan import Production, Schedule, evaluate
from shootplan.empty_days import empty_day_reasons
from shootplan.findings import Rule
from tests.conftest import small_production_data

_DAYS = [["1", "4"], ["2", "5"], ["6"], ["3"]]


def _empty_day_violations(production: Production, days: list[list[str]]) -> list[int | None]:
    schedule = Schedule.from_day_lists(production, days)
    return [v.day for v in evaluate(production, schedule).violations if v.rule is Rule.EMPTY_DAY]


def test_an_empty_first_day_is_flagged(small_production: Production) -> None:
    """A board whose Day 1 has no scenes breaks the empty-day rule on day 1."""
    assert _empty_day_violations(small_production, [[], *_DAYS]) == [1]


def test_an_empty_last_day_is_flagged(small_production: Production) -> None:
    """A board that ends on a day with no scenes breaks the rule on that day."""
    assert _empty_day_violations(small_production, [*_DAYS, []]) == [5]


def test_a_board_with_work_at_both_ends_is_not_flagged(small_production: Production) -> None:
    """The same days with work on the first and the last: no empty-day violation."""
    assert _empty_day_violations(small_production, _DAYS) == []


def test_an_empty_day_inside_is_legal_and_explained_by_dates() -> None:
    """MAE away on Wednesday leaves day 3 empty when only her scenes are left: the reason names her."""
    data = small_production_data()
    data["cast"][2]["unavailable"] = ["2027-03-03"]
    production = Production.model_validate(data)
    days = [["1", "2"], ["5", "6"], [], ["4"], ["3"]]
    assert _empty_day_violations(production, days) == []
    reasons = empty_day_reasons(production, Schedule.from_day_lists(production, days))
    assert len(reasons) == 1 and reasons[0].cast == ("3",)
    assert str(reasons[0]) == (
        "day 3 (Wed 2027-03-03) has no scenes: nothing left to shoot can go on that date:"
        " 3. MAE is unavailable that day (scenes 4, 3)"
    )


def test_an_empty_day_no_date_forces_says_so(small_production: Production) -> None:
    """An empty day that a later scene could fill is named as not forced by any date."""
    days = [["1", "2"], [], ["5", "6"], ["4"], ["3"]]
    reasons = empty_day_reasons(small_production, Schedule.from_day_lists(small_production, days))
    assert len(reasons) == 1 and reasons[0].scenes == ("5", "6", "4", "3")
    assert "no date keeps scene(s) 5, 6, 4, 3 off it" in str(reasons[0])


def _skipped_date_violations(production: Production, schedule: Schedule) -> list[str]:
    return [v.message for v in evaluate(production, schedule).violations if v.rule is Rule.DAY_NUMBERS]


def test_a_shoot_date_left_out_between_two_days_is_flagged(small_production: Production) -> None:
    """Day 2 on Wednesday with Tuesday a shoot date: Tuesday is paid for, so it must be listed."""
    listed = Schedule.from_day_lists(small_production, _DAYS)
    later = [d.model_copy(update={"date": d.date + timedelta(days=1)}) for d in listed.days[1:]]
    days = [listed.days[0], *later]
    messages = _skipped_date_violations(small_production, listed.model_copy(update={"days": days}))
    assert messages == [
        f"day 2 is on {days[1].date}, but shoot date(s) {listed.days[1].date} after day 1 have no"
        " shoot day: list each as a day, empty if nothing can be shot on it"
    ]


def test_days_on_consecutive_shoot_dates_across_a_weekend_are_not_flagged() -> None:
    """Friday then Monday on a Monday-Friday calendar skips no shoot date."""
    production = Production.model_validate(small_production_data())
    schedule = Schedule.from_day_lists(production, [["1"], ["2"], ["3"], ["4"], ["5"], ["6"]])
    assert schedule.days[4].date.weekday() == 4 and schedule.days[5].date.weekday() == 0
    assert _skipped_date_violations(production, schedule) == []

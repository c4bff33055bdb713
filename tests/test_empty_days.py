"""The scorer's empty-day rule, and the reason given for an empty day inside a schedule."""

from __future__ import annotations

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

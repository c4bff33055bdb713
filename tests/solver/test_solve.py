"""The solver: every hard rule in a pair of tiny cases, exactness, explanations, determinism."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from shootplan import (
    ParameterError,
    Production,
    Progress,
    Result,
    Schedule,
    SolveParams,
    Status,
    evaluate,
    example_production,
    solve,
)
from shootplan.findings import Rule
from shootplan.money import format_money
from shootplan.solver.bounds import relaxation_bound
from shootplan.solver.instance import Instance
from shootplan.solver.sequencing import SequencingProblem, solve_sequencing, total_cost
from tests.conftest import random_productions, small_production_data


def _solve(data: dict[str, Any], **kwargs: Any) -> Any:
    production = Production.model_validate(data)
    result = solve(production, time_limit=10, num_workers=1, seed=1, **kwargs)
    if result.schedule is not None:
        check = evaluate(production, result.schedule)
        assert check.violations == [], check.violations
        assert result.objective == pytest.approx(check.cost)
    return result


def _day_of(result: Any, number: str) -> int:
    return next(d.number for d in result.schedule.days if number in d.scenes)


@pytest.fixture(scope="session")
def solved_small() -> Any:
    """The six-scene production solved to optimality with one worker."""
    return _solve(small_production_data())


def test_small_production_is_solved_to_proven_optimality(solved_small: Any) -> None:
    """The optimum is proven (gap 0) and the schedule passes the independent scorer."""
    assert solved_small.status is Status.OPTIMAL
    assert solved_small.gap == pytest.approx(0.0, abs=1e-3)
    assert solved_small.evaluation.is_feasible


def test_optimum_matches_exhaustive_search() -> None:
    """On a 5-scene, one-scene-a-day case, the cost equals the best of all 120 orders."""
    data = small_production_data()
    data["scenes"] = data["scenes"][:5]
    for scene in data["scenes"]:
        scene["eighths"] = 40
    data["scenes"][2]["time_of_day"] = "DAY"
    production = Production.model_validate(data)
    best = min(
        evaluate(production, Schedule.from_day_lists(production, [[n] for n in order])).cost
        for order in itertools.permutations([s.number for s in production.scenes])
    )
    result = solve(production, time_limit=10, num_workers=1)
    assert result.status is Status.OPTIMAL and result.objective == best


def test_page_cap_forces_a_second_day() -> None:
    """Two 3-page scenes fit one day at a 6-page cap but need two at a 5-page cap."""
    data = small_production_data()
    data["scenes"] = [dict(data["scenes"][0], eighths=24), dict(data["scenes"][3], eighths=24)]
    data["rules"] = {
        "max_eighths_per_day": 48,
        "max_minutes_per_day": None,
        "minutes_per_page": 60,
        "shoot_day_cost": 1000,
    }
    assert _solve(data).schedule.num_days == 1
    data["rules"]["max_eighths_per_day"] = 40
    assert _solve(data).schedule.num_days == 2


def test_company_move_time_is_charged_against_the_day() -> None:
    """Two scenes at two places fit 600 minutes only without the 60-minute move."""
    data = small_production_data()
    data["scenes"] = [dict(data["scenes"][0], eighths=20), dict(data["scenes"][1], eighths=20)]
    data["rules"] = {"company_move_minutes": 0, "company_move_cost": 1, "shoot_day_cost": 1000}
    assert _solve(data).schedule.num_days == 1
    data["rules"]["company_move_minutes"] = 60
    assert _solve(data).schedule.num_days == 2


def test_cast_unavailability_moves_a_scene() -> None:
    """NORA unavailable on day 1 keeps every NORA scene off day 1."""
    data = small_production_data()
    data["rules"] = {"max_shoot_days": 4}
    free = _solve(data)
    data["cast"][0]["unavailable"] = ["2027-03-01"]
    forced = _solve(data)
    assert all(
        "1" not in Production.model_validate(data).scene(n).cast for n in forced.schedule.days[0].scenes
    )
    assert forced.objective >= free.objective


def test_location_window_is_honoured() -> None:
    """The farm open only from Thursday puts both farm scenes on Thursday or later."""
    data = small_production_data()
    data["locations"][1]["windows"] = ["2027-03-04..2027-03-12"]
    result = _solve(data)
    assert _day_of(result, "2") >= 4 and _day_of(result, "5") >= 4


def test_pinned_earliest_and_latest_dates() -> None:
    """A pinned scene lands on its date; an earliest/latest window is kept."""
    data = small_production_data()
    data["scenes"][5]["pinned"] = "2027-03-03"
    data["scenes"][0]["latest"] = "2027-03-01"
    result = _solve(data)
    assert _day_of(result, "6") == 3 and _day_of(result, "1") == 1


def test_precedence_and_same_day() -> None:
    """Scene 5 before scene 1 and scenes 3 and 4 together, as the rules ask."""
    data = small_production_data()
    data["rules"] = {"precedences": [["5", "1"]], "same_day": [["4", "6"]]}
    result = _solve(data)
    assert _day_of(result, "5") <= _day_of(result, "1")
    assert _day_of(result, "4") == _day_of(result, "6")


def _two_performers(rates: tuple[float, float], pins: tuple[str, ...]) -> dict[str, Any]:
    """Four one-day scenes at one house, NORA in 1 and 3, ELIAS in 2 and 4, pinned where a date is given."""
    scenes = [
        {"number": str(n), "int_ext": "INT", "set": "HOUSE - KITCHEN", "eighths": 40, "cast": [cast]}
        for n, cast in ((1, "1"), (2, "2"), (3, "1"), (4, "2"))
    ]
    for scene, pin in zip(scenes, pins, strict=True):
        if pin:
            scene["pinned"] = pin
    return {
        "name": "Two Performers",
        "scenes": scenes,
        "cast": [{"id": "1", "daily_rate": rates[0]}, {"id": "2", "daily_rate": rates[1]}],
        "locations": [{"name": "HOUSE"}],
        "calendar": {"start": "2027-03-01"},
        "rules": {"max_shoot_days": 4},
    }


_INTERLEAVED = ("2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04")


def test_the_solver_prices_holds_at_the_boards_own_rates() -> None:
    """Scenes pinned NORA, ELIAS, NORA, ELIAS: one hold each, 300 + 700 at the board's rates."""
    result = _solve(_two_performers((300, 700), _INTERLEAVED))
    assert result.evaluation.total_hold_days == 2 and result.evaluation.hold_cost == 1000


def test_without_rates_the_solver_keeps_holds_down() -> None:
    """With no rates, holds cost 1,000 each: the free middle scenes go NORA, ELIAS (no hold)."""
    pinned = _solve(_two_performers((0, 0), _INTERLEAVED))
    assert pinned.evaluation.hold_cost == 2000
    free = _solve(_two_performers((0, 0), ("2027-03-01", "", "", "2027-03-04")))
    assert [day.scenes for day in free.schedule.days] == [["1"], ["3"], ["2"], ["4"]]
    assert free.evaluation.total_hold_days == 0


def test_turnaround_keeps_day_exteriors_off_the_morning_after_a_night() -> None:
    """A night exterior, and day exteriors to shoot: none on the date after the night, and every
    call rested and in its light, as the scorer reads the laid-out days."""
    data = small_production_data()
    data["scenes"][2].update(int_ext="EXT", minutes=420)  # scene 3: EXT NIGHT, 7 hours
    data["rules"] = {"max_shoot_days": 3}
    production = Production.model_validate(data)
    result = _solve(data)
    assert result.schedule is not None and result.evaluation is not None
    assert result.evaluation.is_feasible, result.evaluation.violations
    days = result.schedule.days
    for before, after in itertools.pairwise(days):
        if (after.date - before.date).days == 1 and any(
            production.scene(n).needs_dark for n in before.scenes
        ):
            assert not any(production.scene(n).needs_daylight for n in after.scenes)


@pytest.mark.slow
def test_multi_day_scene_spans_consecutive_days() -> None:
    """A 12-page battle takes three consecutive days and nothing else is shot on them."""
    data = small_production_data()
    data["scenes"].append(
        {"number": "50", "int_ext": "EXT", "set": "FARM - FIELD", "eighths": 96, "cast": ["1"]}
    )
    result = _solve(data)
    days = [d for d in result.schedule.days if "50" in d.scenes]
    assert len(days) == 3 and all(d.scenes == ["50"] for d in days)
    assert days[-1].number - days[0].number == 2


def test_max_shoot_days_is_a_hard_limit() -> None:
    """With three days allowed, the plan uses at most three."""
    data = small_production_data()
    data["rules"] = {"max_shoot_days": 3, "company_move_cost": 0}
    assert _solve(data).schedule.num_days <= 3


def test_drop_pickup_is_used_when_the_gap_allows() -> None:
    """ELIAS with drop/pickup is not paid across a 14-day gap forced by his availability."""
    data = small_production_data()
    data["cast"][1].update(drop_pickup=True, unavailable=["2027-03-02..2027-03-12"])
    data["scenes"][0]["pinned"] = "2027-03-01"  # ELIAS works day 1 and again after the 12th
    result = _solve(data)
    work = result.evaluation.cast["2"]
    assert work.dropped_days and result.evaluation.hold_days["2"] == 0


def test_unplaceable_scene_is_explained_in_words() -> None:
    """A scene whose actor is away whenever its location is open names both."""
    data = small_production_data()
    data["cast"][0]["unavailable"] = ["2027-03-08..2027-03-12"]
    data["locations"][2]["windows"] = ["2027-03-08..2027-03-12"]
    result = _solve(data)
    assert result.status is Status.INFEASIBLE and result.schedule is None
    text = " ".join(str(finding) for finding in result.explanation)
    assert result.explanation[0].scenes == ("6",) and result.explanation[0].cast == ("1",)
    assert result.explanation[0].locations == ("CLINIC",)
    assert "scene 6 needs cast 1 (NORA) and location CLINIC" in text
    assert "NORA is unavailable" in text and "CLINIC is open only" in text


def test_capacity_conflict_is_explained_with_the_rules_involved() -> None:
    """Almost eight pages in one allowed day names the page cap and the day limit."""
    data = small_production_data()
    data["rules"] = {"max_shoot_days": 1, "max_minutes_per_day": None}
    result = _solve(data)
    assert result.status is Status.INFEASIBLE
    text = "\n".join(str(finding) for finding in result.explanation)
    assert "pages" in text and "shoot days" in text.lower()
    assert [finding.rule for finding in result.explanation] == [Rule.SEARCH, Rule.PAGE_CAP]


def test_same_seed_one_worker_gives_the_same_schedule() -> None:
    """Two runs with one worker and one seed return identical schedules."""
    data = small_production_data()
    data["rules"] = {"max_shoot_days": 5}
    first, second = _solve(data), _solve(data)
    assert first.schedule.day_lists() == second.schedule.day_lists()


def test_initial_schedule_is_accepted_as_warm_start(small_production: Production) -> None:
    """An AD's own board can seed the search; the result is never worse than it."""
    board = Schedule.from_day_lists(small_production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    result = solve(small_production, time_limit=10, num_workers=1, initial=board)
    assert result.objective <= evaluate(small_production, board).cost


def test_callback_reports_progress(small_production: Production) -> None:
    """The callback sees each better schedule with cost and bound."""
    seen: list[Any] = []
    solve(
        small_production.replace(rules={"max_shoot_days": 5}),
        time_limit=10,
        num_workers=1,
        progress=seen.append,
    )
    assert seen and all(p.bound <= p.cost + 1e-6 for p in seen)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_productions())
def test_random_productions_always_pass_the_scorer(data: dict[str, Any]) -> None:
    """Whatever the production, a returned schedule breaks no rule and costs what the scorer says."""
    result = _solve(data)
    assert result.status in {Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.frozensets(st.sampled_from("abcd"), max_size=3)),
        min_size=1,
        max_size=7,
    ),
    st.dictionaries(st.sampled_from("abcd"), st.integers(0, 9), min_size=4),
)
def test_sequencing_dp_matches_brute_force(
    scenes: list[tuple[int, frozenset[str]]], rates: dict[str, int]
) -> None:
    """The exact dynamic program finds the best order of every small talent-scheduling case."""
    problem = SequencingProblem([d for d, _ in scenes], [c for _, c in scenes], rates)
    order = solve_sequencing(problem)
    assert order is not None and sorted(order) == list(range(len(scenes)))
    best = min(total_cost(problem, list(p)) for p in itertools.permutations(range(len(scenes))))
    assert total_cost(problem, order) == best


def test_churn_cost_keeps_planned_scenes_in_place() -> None:
    """With a high cost of moving, an unchanged production keeps every scene on its planned date."""
    data = small_production_data()
    data["rules"] = {"max_shoot_days": 5}
    production = Production.model_validate(data)
    plan = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["6"], ["3"]])
    planned = {n: (day.date, 100_000.0) for day in plan.days for n in day.scenes}
    result = solve(production, time_limit=10, num_workers=1, churn=planned, initial=plan)
    assert result.schedule is not None
    assert [sorted(d) for d in result.schedule.day_lists()] == [sorted(d) for d in plan.day_lists()]
    assert result.churn_cost == 0
    free = solve(production, time_limit=10, num_workers=1)
    assert free.objective is not None and free.objective < evaluate(production, plan).cost


def test_bound_counts_holds_forced_by_pinned_dates() -> None:
    """MAE pinned on day 1 and day 8 with two scenes holds at least 6 days: the bound says so."""
    data = small_production_data()
    data["scenes"][2]["time_of_day"] = "DAY"
    data["scenes"][2]["pinned"] = "2027-03-01"
    data["scenes"][3]["pinned"] = "2027-03-10"
    data["rules"] = {"max_shoot_days": 8}
    bound = relaxation_bound(Instance.build(Production.model_validate(data), 8))
    assert bound.value == 6 * 200 + 8 * 25_000  # the holds, and the 8 shoot days between the pinned dates
    assert [reason.rule for reason in bound.reasons] == [Rule.SHOOT_DAYS, Rule.HOLDS]
    reason = bound.reasons[1]
    assert reason.rule is Rule.HOLDS and reason.cast == ("3",) and reason.numbers["hold_days"] == 6
    assert "at least 6 hold days for 3" in reason.message
    assert "2027-03-01" in reason.message and "2027-03-10" in reason.message
    result = _solve(data)
    assert result.status is Status.OPTIMAL
    assert result.evaluation.hold_days["3"] == 6


@pytest.mark.slow
def test_neighbourhood_search_repeats_with_one_worker_and_a_seed() -> None:
    """On the 119-scene example (full model, then neighbourhood search) one worker repeats exactly."""
    production = example_production()
    first = solve(production, time_limit=1, num_workers=1, seed=3)
    second = solve(production, time_limit=1, num_workers=1, seed=3)
    assert first.schedule is not None and second.schedule is not None
    assert first.schedule.day_lists() == second.schedule.day_lists()
    assert first.evaluation is not None and first.evaluation.is_feasible


def test_bound_counts_moves_forced_by_windows() -> None:
    """Diner and farm both open only on March 3rd: one company move that day is unavoidable."""
    data = small_production_data()
    data["locations"][0]["windows"] = ["2027-03-03"]
    data["locations"][1]["windows"] = ["2027-03-03"]
    data["scenes"] = [dict(data["scenes"][0], eighths=12), dict(data["scenes"][1], eighths=12)]
    data["rules"] = {"shoot_day_cost": 0}  # the move alone, not the day it is on
    production = Production.model_validate(data)
    bound = relaxation_bound(Instance.build(production, 5))
    assert bound.value == 5000
    assert [reason.rule for reason in bound.reasons] == [Rule.COMPANY_MOVES]
    assert bound.reasons[0].locations == ("DINER", "FARM")
    assert [str(reason) for reason in bound.reasons] == [
        "at least 1 company move: at 5 pages a day the locations need 2 shoot days (DINER 1, FARM 1)"
        " and dates, windows and availability tie them to the shoot day 2027-03-03",
    ]
    seen: list[Progress] = []
    result = _solve(data, progress=seen.append)
    assert result.evaluation is not None and result.evaluation.company_moves == 1
    # The search-free bound holds from the first schedule reported, not only at the end.
    assert seen and all(5000 <= p.bound <= p.cost for p in seen)


# --------------------------------------------------------------------------- settings and arguments


def test_empty_settings_file_equals_the_defaults(tmp_path: Path) -> None:
    """An empty TOML file gives exactly the default settings."""
    empty = tmp_path / "solve.toml"
    empty.write_text("")
    assert SolveParams.from_toml(empty) == SolveParams()


def test_settings_file_sets_what_it_names(tmp_path: Path) -> None:
    """A TOML file sets the settings it names (top level or under [solve]); the rest keep defaults."""
    flat = tmp_path / "flat.toml"
    flat.write_text("time_limit = 5\nseed = 3\n")
    table = tmp_path / "table.toml"
    table.write_text("[solve]\ntime_limit = 5\nseed = 3\n")
    expected = SolveParams(time_limit=5, seed=3)
    assert SolveParams.from_toml(flat) == expected == SolveParams.from_toml(table)
    assert expected.proof_share == SolveParams().proof_share


def test_settings_file_with_a_bad_value_names_file_and_setting(tmp_path: Path) -> None:
    """A bad value in a settings file is reported with the file and the setting."""
    bad = tmp_path / "bad.toml"
    bad.write_text("num_workers = 0\n")
    with pytest.raises(ParameterError, match=r"bad\.toml: num_workers must be at least 1"):
        SolveParams.from_toml(bad)


def test_negative_time_limit_is_refused_naming_it(small_production: Production) -> None:
    """time_limit=-1 is the user's mistake: the message names it and its value, no bug report."""
    with pytest.raises(ParameterError, match=r"^time_limit must be more than 0 s, got -1$"):
        solve(small_production, time_limit=-1)


def test_file_name_instead_of_a_production_says_to_read_it_first() -> None:
    """solve("board.xlsx") says to read the file with read_production first."""
    with pytest.raises(ParameterError, match="read_production"):
        solve("board.xlsx")  # type: ignore[arg-type]


def test_unknown_keyword_names_itself(small_production: Production) -> None:
    """A misspelt setting is refused by name rather than ignored."""
    with pytest.raises(ParameterError, match="'time_limt'"):
        solve(small_production, time_limt=5)


def test_settings_object_and_keywords_combine(small_production: Production) -> None:
    """Keywords override a SolveParams; the same run either way gives the same schedule."""
    params = SolveParams(time_limit=10, num_workers=1, seed=1)
    by_object = solve(small_production, params=params)
    by_keywords = solve(small_production, params=SolveParams(seed=5), time_limit=10, num_workers=1, seed=1)
    assert by_object.schedule is not None and by_keywords.schedule is not None
    assert by_object.schedule.day_lists() == by_keywords.schedule.day_lists()


def test_bad_setting_types_are_refused_naming_the_setting() -> None:
    """A setting of the wrong type names the setting; settings are frozen once made."""
    with pytest.raises(ParameterError, match="seed"):
        SolveParams(seed="many")
    params = SolveParams()
    with pytest.raises(ValidationError):
        params.seed = 4  # type: ignore[misc]
    assert params.replace(seed=4).seed == 4


def test_result_prints_money_in_the_one_format() -> None:
    """Cost and bound print as whole units with thousands separators, like every other output."""
    result = Result(Status.FEASIBLE, None, 436_300.0, 346_299.6, 2.0)
    lines = dict(line.split(maxsplit=1) for line in str(result).splitlines() if line[:1] != " ")
    assert lines["cost"] == format_money(436_300.0) == "436,300"
    assert lines["bound"] == "346,300"


@pytest.mark.parametrize("whole_model_scenes", [40, 0], ids=["whole model", "neighbourhood search"])
def test_last_improvement_is_when_the_last_cheaper_schedule_came(
    small_production: Production, whole_model_scenes: int
) -> None:
    """The result records when the cost last fell: the time of the last cheaper progress report."""
    seen: list[Progress] = []
    result = solve(
        small_production.replace(rules={"max_shoot_days": 5}),
        time_limit=2,
        num_workers=1,
        whole_model_scenes=whole_model_scenes,
        progress=seen.append,
    )
    cheaper = [p for n, p in enumerate(seen) if n == 0 or p.cost < seen[n - 1].cost - 1e-9]
    assert result.last_improvement == cheaper[-1].elapsed
    assert 0 < result.last_improvement <= result.runtime


def test_last_improvement_is_none_without_a_schedule_and_set_by_the_exact_method() -> None:
    """No schedule: no time of improvement. The exact method's one schedule came at its end."""
    data = small_production_data()
    data["cast"][0]["unavailable"] = ["2027-03-08..2027-03-12"]
    data["locations"][2]["windows"] = ["2027-03-08..2027-03-12"]
    assert _solve(data).last_improvement is None
    data = small_production_data()
    # One scene a day and free returns: order only.
    data["rules"] = {"max_eighths_per_day": 8, "turnaround": "none", "location_return_cost": 0}
    exact = _solve(data)
    assert exact.method.startswith("dynamic programming")
    assert exact.last_improvement == exact.runtime


def test_result_prints_its_quality_in_words() -> None:
    """print(result) adds the bound and the last improvement in words under the figures."""
    weak = Result(Status.FEASIBLE, None, 349_050.0, 5_000.0, 60.2, last_improvement=58.0)
    lines = str(weak).splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("quality"))
    assert lines[at] == (
        "quality        the bound proves little here: it only rules out schedules under 5,000, so how"
        " much more could be saved is unknown"
    )
    assert lines[at + 1] == " " * 15 + "the cost last fell at 58 s of 60: more time would likely help"
    assert "quality" not in str(Result(Status.NO_SOLUTION, None, None, None, 2.0))

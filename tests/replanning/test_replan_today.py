"""News that hits today's frozen work (issue 21): today is re-planned and said, or, with today under
way, the re-plan stops naming the conflict; news that leaves today's work alone keeps today frozen.

The plan: four one-scene days, 1 (MAYA), 2 (THEO), 3 (MAYA) at MILL, 4 at BARN; today is Tuesday,
scene 2 at MILL."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shootplan import Production, ReplanResult, Schedule, Status, replan
from shootplan.findings import Rule
from tests.replanning.test_replan_trust import TUE, _cli, _plan_folder, planned_unlimited

WED = date(2027, 3, 3)

LOCATION_NEWS = {
    "closed today": {"location_unavailable": [{"location": "MILL", "dates": [str(TUE)]}]},
    "lost, scenes to BARN": {"location_lost": [{"location": "MILL", "replacement": "BARN"}]},
    "windows without today": {
        "location_windows": [{"location": "MILL", "windows": ["2027-03-03..2027-03-31"]}]
    },
}

SCENE_NEWS = {
    "today's scene cut": ({"cut_scenes": ["2"]}, Rule.UNKNOWN_SCENE),
    "today's scene pinned later": ({"pins": [{"scene": "2", "date": str(WED)}]}, Rule.PIN),
    "another scene pinned today": ({"pins": [{"scene": "3", "date": str(TUE)}]}, Rule.PIN),
}


@pytest.fixture
def planned() -> tuple[Production, Schedule]:
    return planned_unlimited()


def _replan(planned: tuple[Production, Schedule], news: dict[str, Any], **settings: Any) -> ReplanResult:
    production, plan = planned
    return replan(production, plan, today=TUE, changes=news, time_limit=2, num_workers=1, **settings)


def _today(result: ReplanResult) -> list[str]:
    assert result.schedule is not None
    return next(d.scenes for d in result.schedule.days if d.date == TUE)


@pytest.mark.parametrize("news", LOCATION_NEWS.values(), ids=LOCATION_NEWS.keys())
def test_a_location_change_that_hits_today_replans_today(
    planned: tuple[Production, Schedule], news: dict[str, Any]
) -> None:
    """MILL closed today, lost or given windows without today: today is re-planned (said, naming
    MILL), no scene is at MILL today, and the new plan breaks nothing."""
    result = _replan(planned, news)
    assert result.open_from == TUE and result.evaluation is not None
    assert not result.evaluation.violations
    assert "re-planned too" in str(result.notices[0]) and "MILL" in str(result.notices[0])
    assert all(result.production.scene(n).location != "MILL" for n in _today(result))


@pytest.mark.parametrize("news", LOCATION_NEWS.values(), ids=LOCATION_NEWS.keys())
def test_a_location_change_that_hits_today_under_way_stops(
    planned: tuple[Production, Schedule], news: dict[str, Any]
) -> None:
    """The same news with today under way: no schedule, MILL and today's scene named, and no
    warning that today "keeps its plan" or is "already shot"."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = _replan(planned, news, today_under_way=True)
    assert result.status is Status.INFEASIBLE and result.schedule is None
    conflict = next(f for f in result.explanation if f.rule is Rule.LOCATION_AVAILABILITY)
    assert conflict.locations == ("MILL",) and conflict.scenes == ("2",)
    said = " ".join(str(w.message) for w in caught)
    assert "keeps its plan" not in said and "already shot" not in said


@pytest.mark.parametrize(
    "news",
    [
        {"location_windows": [{"location": "BARN", "windows": ["2027-03-03..2027-03-31"]}]},
        {"location_windows": [{"location": "MILL", "windows": ["2027-03-02..2027-03-31"]}]},
        {"location_lost": [{"location": "BARN", "replacement": "MILL"}]},
    ],
    ids=["BARN windows", "MILL windows with today", "BARN lost"],
)
def test_a_location_change_that_spares_today_keeps_today_frozen(
    planned: tuple[Production, Schedule], news: dict[str, Any]
) -> None:
    """Windows or a loss that leave today's MILL work alone: today keeps its plan, nothing said."""
    result = _replan(planned, news, today_under_way=True)
    assert result.open_from == WED and not result.notices and _today(result) == ["2"]


@pytest.mark.parametrize(("news", "rule"), SCENE_NEWS.values(), ids=SCENE_NEWS.keys())
def test_a_scene_cut_or_pinned_against_today_replans_today(
    planned: tuple[Production, Schedule], news: dict[str, Any], rule: Rule
) -> None:
    """Today's scene cut or pinned to another date, or another scene pinned to today: today is
    re-planned to honour it (said); under way, the re-plan stops naming it (never "already shot")."""
    result = _replan(planned, news)
    assert result.open_from == TUE and "re-planned too" in str(result.notices[0])
    assert result.evaluation is not None and not result.evaluation.violations
    pinned = {p["scene"]: date.fromisoformat(p["date"]) for p in news.get("pins", [])}
    assert "2" not in _today(result) and all((n in _today(result)) == (d == TUE) for n, d in pinned.items())
    stopped = _replan(planned, news, today_under_way=True)
    assert stopped.status is Status.INFEASIBLE and any(f.rule is rule for f in stopped.explanation)


def test_a_pin_that_spares_today_keeps_today_frozen(planned: tuple[Production, Schedule]) -> None:
    """Scene 4 pinned to Wednesday: today's plan is untouched and stays frozen."""
    result = _replan(planned, {"pins": [{"scene": "4", "date": str(WED)}]}, today_under_way=True)
    assert result.open_from == WED and not result.notices and _today(result) == ["2"]


@pytest.mark.slow
def test_cli_replans_today_when_a_location_change_hits_it(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """MILL's new windows leave out today: re-planned today (said), or exit 3 naming MILL with
    --today-under-way; BARN's new windows leave today frozen."""
    folder = _plan_folder(tmp_path, *planned)
    changes = tmp_path / "changes.json"
    windows = ["2027-03-03..2027-03-31"]
    changes.write_text(json.dumps({"location_windows": [{"location": "MILL", "windows": windows}]}))
    common = ("--today", TUE, "--changes", changes, "--time-limit", "2", "--workers", "1")
    code, said = _cli("replan", folder, *common, "--out", tmp_path / "a")
    assert code == 0 and "re-planned too" in said and "MILL" in said
    code, said = _cli("replan", folder, *common, "--today-under-way", "--out", tmp_path / "b")
    assert code == 3 and "under way" in said and "location MILL" in said and "not today" in said
    changes.write_text(json.dumps({"location_windows": [{"location": "BARN", "windows": windows}]}))
    code, said = _cli("replan", folder, *common, "--today-under-way", "--out", tmp_path / "c")
    assert code == 0 and "re-planned too" not in said


@pytest.mark.slow
def test_cli_replans_today_when_todays_scene_is_cut(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """Today's scene cut: re-planned today, or exit 3 naming the cut with --today-under-way
    (never "cannot be cut: it is already shot")."""
    folder = _plan_folder(tmp_path, *planned)
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps({"cut_scenes": ["2"]}))
    common = ("--today", TUE, "--changes", changes, "--time-limit", "2", "--workers", "1")
    code, said = _cli("replan", folder, *common, "--out", tmp_path / "a")
    assert code == 0 and "re-planned too" in said and "scene 2 is cut" in said
    code, said = _cli("replan", folder, *common, "--today-under-way", "--out", tmp_path / "b")
    assert code == 3 and "scene 2 is cut" in said and "already shot" not in said


def test_weather_today_with_today_under_way_stops_naming_it(planned: tuple[Production, Schedule]) -> None:
    """No exterior work today while today's exterior is under way: stop, naming the scene."""
    production, plan = planned
    data = production.model_dump()
    data["scenes"][1]["int_ext"] = "EXT"
    outside = Production.model_validate(data)
    news = {"weather": [{"dates": [str(TUE)], "note": "storm"}]}
    result = _replan((outside, plan), news, today_under_way=True)
    assert result.status is Status.INFEASIBLE and result.schedule is None
    assert any("2" in f.scenes for f in result.explanation)

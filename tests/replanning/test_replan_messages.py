"""A re-plan's messages in an AD's words (issue 21): what phones will receive, feed by feed, and
a change dated today that today's plan does not need told apart from days already shot."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shootplan import Production, Schedule, replan, write_calendars, write_revised_calendars
from shootplan.io.ics import EventCounts
from shootplan.replanning import ReplanWarning
from tests.replanning.test_replan_trust import MON, NEW_SCENE, TUE, _cli, _plan_folder, planned_unlimited

WED = date(2027, 3, 3)


@pytest.fixture
def planned() -> tuple[Production, Schedule]:
    """Four one-scene days: 1 (MAYA), 2 (THEO), 3 (MAYA), 4 (BARN, nobody)."""
    return planned_unlimited()


def _published(tmp_path: Path, production: Production, plan: Schedule) -> Path:
    write_calendars(production, plan, tmp_path)
    return tmp_path


def test_phones_receive_only_the_added_day(tmp_path: Path, planned: tuple[Production, Schedule]) -> None:
    """One day added at the end: the unit and BARN feeds add one event each, nothing is updated."""
    production, plan = planned
    folder = _published(tmp_path, production, plan)
    news = {"add_scenes": [{**NEW_SCENE, "set": "BARN - LOFT", "cast": []}], "add_shoot_days": 1}
    result = replan(production, plan, today=TUE, changes=news, time_limit=2, num_workers=1)
    files = write_revised_calendars(result, folder)
    assert files.events[folder / "unit.ics"] == EventCounts(added=1, unchanged=4)
    assert files.events[folder / "location-barn.ics"] == EventCounts(added=1, unchanged=1)
    assert files.event_counts() == EventCounts(added=2, unchanged=12)
    assert files.phones() == [
        "unit.ics: 0 updated, 1 added, 0 cancelled (4 unchanged)",
        "location-barn.ics: 0 updated, 1 added, 0 cancelled (1 unchanged)",
    ]


def test_phones_receive_one_update_per_changed_day(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """THEO out on his day: two days swap, so the unit feed updates exactly those two; MAYA's
    hold day becomes work and her last day is cancelled."""
    production, plan = planned
    folder = _published(tmp_path, production, plan)
    out = {"cast_unavailable": [{"cast": "2", "dates": [str(TUE)]}]}
    result = replan(production, plan, today=MON, changes=out, time_limit=2, num_workers=1)
    assert result.schedule is not None
    changed = sum(a.scenes != b.scenes for a, b in zip(plan.days, result.schedule.days, strict=True))
    files = write_revised_calendars(result, folder)
    assert files.events[folder / "unit.ics"] == EventCounts(updated=changed, unchanged=4 - changed)
    assert files.events[folder / "cast-1-maya.ics"] == EventCounts(updated=1, cancelled=1, unchanged=1)


def test_phones_receive_nothing_when_nothing_changes(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """News that moves nothing: one line saying nothing is sent."""
    production, plan = planned
    folder = _published(tmp_path, production, plan)
    out = {"cast_unavailable": [{"cast": "2", "dates": [str(WED)]}]}
    result = replan(production, plan, today=MON, changes=out, time_limit=2, num_workers=1)
    files = write_revised_calendars(result, folder)
    assert files.event_counts().sent == 0
    assert files.phones() == ["nothing to send: every feed's 12 events stay as phones hold them"]


def test_a_change_dated_today_that_today_does_not_need_keeps_today(
    planned: tuple[Production, Schedule],
) -> None:
    """THEO out today, but today's plan is MAYA's: today keeps its plan, said as such (never
    "already shot"), and the days before today are still called shot."""
    production, plan = planned
    out = {"cast_unavailable": [{"cast": "2", "dates": [f"{MON}..{TUE}"]}]}
    with pytest.warns(ReplanWarning) as caught:
        result = replan(production, plan, today=MON, changes=out, time_limit=2, num_workers=1)
    words = " ".join(str(w.message) for w in caught)
    assert "today (2027-03-01) keeps its plan" in words and "already shot" not in words
    assert "--replan-today" in words and result.open_from == TUE
    wet: dict[str, Any] = {"weather": [{"dates": [f"{MON}..{WED}"]}]}
    with pytest.warns(ReplanWarning) as caught:
        replan(production, plan, today=TUE, changes=wet, time_limit=2, num_workers=1)
    words = " ".join(str(w.message) for w in caught)
    assert "2027-03-01 is already shot" in words and "today (2027-03-02) keeps its plan" in words


@pytest.mark.slow
def test_cli_replan_prints_what_phones_will_receive(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """`shootplan replan`: per feed, events updated, added, cancelled and unchanged."""
    folder = _plan_folder(tmp_path, *planned)
    write_calendars(*planned, folder / "calendars")
    changes = tmp_path / "changes.json"
    changes.write_text(
        json.dumps({"add_scenes": [{**NEW_SCENE, "set": "BARN - LOFT", "cast": []}], "add_shoot_days": 1})
    )
    common = ("--today", TUE, "--changes", changes, "--time-limit", "2", "--workers", "1")
    code, said = _cli("replan", folder, *common, "--out", tmp_path / "out")
    assert code == 0 and "What phones will receive" in said
    assert "unit.ics: 0 updated, 1 added, 0 cancelled (4 unchanged)" in said


def test_a_started_two_day_scene_is_told_as_started_with_how_to_shoot_the_rest(
    two_day_production: Production, two_day_schedule: Schedule
) -> None:
    """Scene 7 was started yesterday and NORA is out today, its second day: no re-plan exists, and
    the reason says the scene was started (not "pinned", which the AD never did) and how to split it."""
    today = two_day_schedule.days[2].date
    news = {"cast_unavailable": [{"cast": "1", "dates": [str(today)]}]}
    result = replan(
        two_day_production, two_day_schedule, today=today, changes=news, time_limit=2, num_workers=1
    )
    assert result.schedule is None
    [reason] = [f.message for f in result.explanation if "7" in f.scenes]
    started = two_day_schedule.days[1].date
    assert f"scene 7, shot over 2 days, was started on {started} (a day already shot)" in reason
    assert "is pinned" not in reason and "split it on the board (e.g. 7 and 7A)" in reason

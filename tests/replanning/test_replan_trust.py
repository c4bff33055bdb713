"""Re-plans the crew can trust (issue 21): one source of truth, no day added unasked, today's news
acted on, shot and unchanged days never re-sent to phones, no invented dates."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from shootplan import (
    Production,
    Schedule,
    Status,
    read_production,
    replan,
    write_calendars,
    write_excel,
    write_revised_calendars,
)
from shootplan.cli import main
from shootplan.findings import Rule

STAMP = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
MON, TUE = date(2027, 3, 1), date(2027, 3, 2)


def _data(**rules: Any) -> dict[str, Any]:
    """Four 5-page scenes (one a day at the page cap): 1 and 3 with cast 1, 2 with cast 2, 4 at BARN."""

    def scene(number: str, cast: list[str], where: str = "MILL") -> dict[str, Any]:
        return {"number": number, "int_ext": "INT", "set": f"{where} - ROOM", "eighths": 40, "cast": cast}

    return {
        "name": "Trust",
        "scenes": [scene("1", ["1"]), scene("2", ["2"]), scene("3", ["1"]), scene("4", [], "BARN")],
        "cast": [{"id": "1", "name": "MAYA"}, {"id": "2", "name": "THEO"}],
        "locations": [{"name": "MILL"}, {"name": "BARN"}],
        "calendar": {"start": str(MON), "time_zone": "UTC"},
        "rules": {"shoot_day_cost": 0, **rules},
    }


NEW_SCENE = {"number": "5", "int_ext": "INT", "set": "MILL - ROOM", "eighths": 40, "cast": ["1"]}


def planned_unlimited() -> tuple[Production, Schedule]:
    """The production with no day limit of its own, and its four-day plan."""
    production = Production.model_validate(_data())
    plan = Schedule.from_day_lists(production, [["1"], ["2"], ["3"], ["4"]], created=STAMP)
    return production, plan


@pytest.fixture
def planned() -> tuple[Production, Schedule]:
    """The production with no day limit of its own, and its four-day plan."""
    return planned_unlimited()


def test_replan_never_adds_a_day_unasked(planned: tuple[Production, Schedule]) -> None:
    """A new scene on a full four-day plan: no fifth day unless the changes or the user allow it."""
    production, plan = planned
    result = replan(
        production, plan, today=MON, changes={"add_scenes": [NEW_SCENE]}, time_limit=2, num_workers=1
    )
    assert result.status is Status.INFEASIBLE and result.production.rules.max_shoot_days == 4
    assert any("add_shoot_days" in str(f) for f in result.explanation)


@pytest.mark.parametrize(
    ("changes", "allow", "why"),
    [({"add_shoot_days": 1}, False, "add_shoot_days"), ({}, True, "allow_more_days")],
)
def test_replan_says_first_that_a_day_was_added(
    planned: tuple[Production, Schedule], changes: dict[str, Any], allow: bool, why: str
) -> None:
    """A day added (asked by the changes or allowed by the user) is the first notice."""
    production, plan = planned
    news = {"add_scenes": [NEW_SCENE], **changes}
    result = replan(
        production, plan, today=MON, changes=news, allow_more_days=allow, time_limit=2, num_workers=1
    )
    assert result.schedule is not None and result.schedule.num_days == 5
    assert result.notices[0].rule is Rule.SHOOT_DAYS and why in str(result.notices[0])
    assert str(result).startswith("NOTE: 1 shoot day added")


def test_replan_replans_today_when_its_performer_is_out_today(planned: tuple[Production, Schedule]) -> None:
    """THEO out today (Tuesday, his day): today is re-planned, and a notice says so."""
    production, plan = planned
    out = {"cast_unavailable": [{"cast": "2", "dates": [str(TUE)]}]}
    result = replan(production, plan, today=TUE, changes=out, time_limit=2, num_workers=1)
    assert result.schedule is not None and result.open_from == TUE
    assert "2" not in next(d for d in result.schedule.days if d.date == TUE).scenes
    assert "re-planned too" in str(result.notices[0]) and "THEO" in str(result.notices[0])
    assert result.evaluation is not None and not result.evaluation.violations


def test_replan_stops_when_today_is_under_way_and_impossible(planned: tuple[Production, Schedule]) -> None:
    """Today under way, its performer out today: no schedule, the conflict named."""
    production, plan = planned
    out = {"cast_unavailable": [{"cast": "2", "dates": [str(TUE)]}]}
    result = replan(
        production, plan, today=TUE, changes=out, today_under_way=True, time_limit=2, num_workers=1
    )
    assert result.status is Status.INFEASIBLE and result.schedule is None
    assert any(f.rule is Rule.CAST_AVAILABILITY and "THEO" in str(f) for f in result.explanation)


def test_a_location_lost_names_no_invented_date(planned: tuple[Production, Schedule]) -> None:
    """BARN lost with no replacement: "from <date> on", never a closing date nobody gave."""
    production, plan = planned
    result = replan(
        production, plan, today=MON, changes={"location_lost": [{"location": "BARN"}]}, time_limit=2
    )
    words = " ".join(map(str, result.explanation))
    assert result.status is Status.INFEASIBLE and "BARN" in words
    assert "from 2027-03-02 on" in words and not re.search(r"20[3-9]\d-", words)


def _events(path: Path) -> dict[str, bytes]:
    """UID -> the raw bytes of each VEVENT of a feed file."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", path.read_bytes(), re.S)
    return {re.search(rb"\r\nUID:(.*?)\r\n", b).group(1).decode(): b for b in blocks}  # type: ignore[union-attr]


def test_a_day_added_resends_no_unchanged_or_past_event(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """One day added at the end: every event phones hold keeps its bytes and SEQUENCE; only the
    new day is sent."""
    production, plan = planned
    write_calendars(production, plan, tmp_path)
    before = {path.name: _events(path) for path in tmp_path.glob("*.ics")}
    barn = {**NEW_SCENE, "set": "BARN - LOFT", "cast": []}  # best after day 4 (no move)
    news = {"add_scenes": [barn], "add_shoot_days": 1}
    result = replan(production, plan, today=TUE, changes=news, time_limit=2, num_workers=1)
    assert result.schedule is not None and [d.scenes for d in result.schedule.days][:4] == [
        d.scenes for d in plan.days
    ]
    write_revised_calendars(result, tmp_path)
    for name, events in before.items():
        after = _events(tmp_path / name)
        for uid, data in events.items():
            assert after[uid] == data, f"{name}: event {uid} re-sent"
    assert len(_events(tmp_path / "unit.ics")) == 5


def _plan_folder(tmp_path: Path, production: Production, plan: Schedule) -> Path:
    folder = tmp_path / "plan"
    folder.mkdir(parents=True)
    (folder / "production.json").write_text(production.model_dump_json())
    (folder / "schedule.json").write_text(json.dumps({"schedule": plan.model_dump(mode="json")}))
    return folder


def _cli(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.slow
def test_cli_replan_takes_the_plans_production_and_keeps_its_day_count(tmp_path: Path) -> None:
    """`replan PLAN --board FILE`: the plan's day limit stays (the board has none) and is said;
    a new scene needs a day: exit 3, or with --allow-more-days a notice first."""
    production = Production.model_validate(_data(max_shoot_days=4))
    plan = Schedule.from_day_lists(production, [["1"], ["2"], ["3"], ["4"]], created=STAMP)
    folder = _plan_folder(tmp_path, production, plan)
    board = tmp_path / "board.json"
    board.write_text(Production.model_validate(_data()).model_dump_json())
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps({"add_scenes": [NEW_SCENE]}))
    common = ("--today", MON, "--changes", changes, "--time-limit", "2", "--workers", "1")
    code, said = _cli("replan", folder, "--board", board, *common, "--out", tmp_path / "a")
    assert code == 3 and "kept the plan's 4" in said and "add_shoot_days" in said
    unlimited = _plan_folder(tmp_path / "u", *planned_unlimited())
    code, said = _cli("replan", unlimited, *common, "--allow-more-days", "--out", tmp_path / "b")
    assert code == 0 and "1 shoot day added" in said and "allow_more_days" in said


@pytest.mark.slow
def test_cli_replan_today_under_way_exits_3_naming_the_conflict(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """THEO out today: re-planned today (said), or exit 3 naming him with --today-under-way."""
    folder = _plan_folder(tmp_path, *planned)
    changes = tmp_path / "changes.json"
    changes.write_text(json.dumps({"cast_unavailable": [{"cast": "2", "dates": [str(TUE)]}]}))
    common = ("--today", TUE, "--changes", changes, "--time-limit", "2", "--workers", "1")
    code, said = _cli("replan", folder / "schedule.json", *common, "--out", tmp_path / "a")
    assert code == 0 and "re-planned too" in said
    code, said = _cli("replan", folder, *common, "--today-under-way", "--out", tmp_path / "b")
    assert code == 3 and "THEO" in said and "out today" in said


def test_allow_more_days_lifts_the_day_limit_plan_stored(planned: tuple[Production, Schedule]) -> None:
    """plan stores its day count as the production's limit: --allow-more-days must lift it, and
    the notices say a day was added, then that the limit was lifted."""
    _, plan = planned
    limited = Production.model_validate(_data(max_shoot_days=4))
    news = {"add_scenes": [NEW_SCENE]}
    result = replan(limited, plan, today=MON, changes=news, allow_more_days=True, time_limit=2, num_workers=1)
    assert result.schedule is not None and result.schedule.num_days == 5
    assert str(result.notices[0]).startswith("1 shoot day added")
    assert any("limit of 4 shoot days is lifted" in str(n) for n in result.notices)


def test_a_day_off_today_with_today_under_way_stops_without_error(
    planned: tuple[Production, Schedule],
) -> None:
    """A company day off declared for today while today's work is under way: the re-plan stops
    naming the conflict (it used to raise 'pinned date ... is not a shoot date')."""
    production, plan = planned
    news = {"days_off": [str(TUE)]}
    result = replan(
        production, plan, today=TUE, changes=news, today_under_way=True, time_limit=2, num_workers=1
    )
    assert result.status is Status.INFEASIBLE and result.schedule is None
    assert any(str(TUE) in str(f) for f in result.explanation[1:])


def test_replan_today_and_today_under_way_contradict(planned: tuple[Production, Schedule]) -> None:
    """Today may change and today has started cannot both hold: a clear error, not one ignored."""
    production, plan = planned
    with pytest.raises(ValueError, match="give one of them"):
        replan(production, plan, today=TUE, freeze_today=False, today_under_way=True, time_limit=1)


@pytest.mark.slow
def test_cli_replan_given_an_edited_json_reads_the_plans_production_beside_the_schedule(
    tmp_path: Path,
) -> None:
    """The older form `replan EDITED.json --schedule plan/schedule.json` re-plans the plan's own
    production (its day limit kept) and lists what EDITED.json changes, as --board does."""
    production = Production.model_validate(_data(max_shoot_days=4))
    plan = Schedule.from_day_lists(production, [["1"], ["2"], ["3"], ["4"]], created=STAMP)
    folder = _plan_folder(tmp_path, production, plan)
    edited = tmp_path / "edited.json"
    data = _data()
    data["scenes"][3]["eighths"] = 12
    edited.write_text(Production.model_validate(data).model_dump_json())
    common = ("--today", MON, "--time-limit", "2", "--workers", "1", "--out", tmp_path / "a")
    code, said = _cli("replan", edited, "--schedule", folder / "schedule.json", *common)
    assert code == 0, said
    said = " ".join(said.split())
    assert "differs from the planned production" in said and "scene 4 changed (eighths)" in said
    assert json.loads((tmp_path / "a" / "production.json").read_text())["rules"]["max_shoot_days"] == 4


@pytest.mark.slow
def test_cli_replan_today_with_today_under_way_is_a_usage_error(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    folder = _plan_folder(tmp_path, *planned)
    code, said = _cli("replan", folder, "--today", TUE, "--replan-today", "--today-under-way")
    assert code == 2 and "give one" in said


def test_a_lost_location_reads_from_a_date_on_in_the_workbook(
    tmp_path: Path, planned: tuple[Production, Schedule]
) -> None:
    """A location lost for good shows "from <date> on" on the AD's Locations sheet, no end date
    nobody gave, and reads back as the same closure."""
    production, plan = planned
    news = {"location_lost": [{"location": "BARN", "replacement": "MILL"}]}
    result = replan(production, plan, today=MON, changes=news, time_limit=2, num_workers=1)
    assert result.schedule is not None
    write_excel(result.production, result.schedule, tmp_path / "schedule.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "schedule.xlsx")["Locations"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "from 2027-03-02 on" in cells and not any(re.search(r"20[3-9]\d-", c) for c in cells)
    again = read_production(tmp_path / "schedule.xlsx")
    barn = next(loc for loc in again.locations if loc.name == "BARN")
    assert (
        barn.unavailable == next(loc for loc in result.production.locations if loc.name == "BARN").unavailable
    )

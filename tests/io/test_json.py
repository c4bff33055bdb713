"""schedule.json: the solver section records how the schedule was found; run.json the run's clock
(runtime, when the cost last fell), which never changes schedule.json's bytes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import openpyxl

from shootplan import Production, Result, Schedule, Status, write_excel
from shootplan.findings import Finding, Rule
from shootplan.io.json import (
    published_section,
    read_call_sheet_base,
    read_schedule,
    write_run,
    write_schedule,
)


def test_run_json_records_the_runtime_and_when_the_cost_last_fell(
    tmp_path: Path, small_production: Production
) -> None:
    """run.json carries the runtime and last_improvement; schedule.json carries neither, and reads back."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    result = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 10.0, last_improvement=9.12345)
    path = write_schedule(tmp_path / "schedule.json", schedule, result=result, solver={"time_limit": 10})
    solver = json.loads(path.read_text())["solver"]
    assert "runtime" not in solver and "last_improvement" not in solver
    assert solver["status"] == "feasible" and solver["time_limit"] == 10
    assert read_schedule(path) == schedule
    finished = datetime(2027, 3, 1, 18, 30, tzinfo=UTC)
    run = json.loads(write_run(tmp_path / "run.json", result, finished=finished).read_text())
    assert run == {"finished": "2027-03-01T18:30:00+00:00", "runtime": 10.0, "last_improvement": 9.123}


def test_schedule_json_does_not_change_with_the_runs_clock(
    tmp_path: Path, small_production: Production
) -> None:
    """The same schedule found in 2 s or in 9 s writes the same schedule.json."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    fast = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 2.0, last_improvement=1.5)
    slow = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 9.0, last_improvement=8.5)
    first = write_schedule(tmp_path / "fast.json", schedule, result=fast).read_bytes()
    assert write_schedule(tmp_path / "slow.json", schedule, result=slow).read_bytes() == first


def test_run_json_without_a_known_improvement_writes_null(
    tmp_path: Path, small_production: Production
) -> None:
    """A result that does not know when the cost last fell (a re-plan, another tool) writes null."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    result = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 10.0)
    assert json.loads(write_run(tmp_path / "run.json", result).read_text())["last_improvement"] is None


def test_schedule_json_and_the_summary_carry_the_plans_notices(
    tmp_path: Path, small_production: Production
) -> None:
    """What the plan says about itself (the day count it chose) is in schedule.json and the Summary;
    a plan with nothing to say writes an empty list."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    notice = Finding(
        Rule.SHOOT_DAYS, "no day count given: planned on 2 shoot days, the fewest the caps allow"
    )
    result = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 10.0, notices=[notice])
    path = write_schedule(tmp_path / "schedule.json", schedule, result=result)
    assert json.loads(path.read_text())["solver"]["notices"] == [notice.message]
    book = write_excel(small_production, schedule, tmp_path / "plan.xlsx", result=result)
    cells = [row[:2] for row in openpyxl.load_workbook(book)["Summary"].iter_rows(values_only=True)]
    assert ("Notes", notice.message) in cells
    quiet = write_schedule(
        tmp_path / "quiet.json", schedule, result=Result(Status.FEASIBLE, schedule, 1.0, 0.0, 1.0)
    )
    assert json.loads(quiet.read_text())["solver"]["notices"] == []


def test_schedule_json_keeps_where_the_call_sheets_are_published(
    tmp_path: Path, small_production: Production
) -> None:
    """The address is read back from schedule.json; a plan made without one has no section."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    base = "https://crew.example.com/show/callsheets"
    linked = write_schedule(tmp_path / "linked.json", schedule, **published_section(base))
    plain = write_schedule(tmp_path / "plain.json", schedule, **published_section(None))
    assert read_call_sheet_base(linked) == base and read_schedule(linked) == schedule
    assert read_call_sheet_base(plain) is None and "published" not in json.loads(plain.read_text())

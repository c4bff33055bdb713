"""schedule.json: the solver section records how the schedule was found, including when the cost
last fell."""

from __future__ import annotations

import json
from pathlib import Path

from shootplan import Production, Result, Schedule, Status
from shootplan.io.json import read_schedule, write_schedule


def test_schedule_json_records_when_the_cost_last_fell(tmp_path: Path, small_production: Production) -> None:
    """The solver section carries last_improvement beside the runtime, and the schedule reads back."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    result = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 10.0, last_improvement=9.12345)
    path = write_schedule(tmp_path / "schedule.json", schedule, result=result, solver={"time_limit": 10})
    solver = json.loads(path.read_text())["solver"]
    assert solver["last_improvement"] == 9.123 and solver["runtime"] == 10.0
    assert solver["status"] == "feasible" and solver["time_limit"] == 10
    assert read_schedule(path) == schedule


def test_schedule_json_without_a_known_improvement_writes_null(
    tmp_path: Path, small_production: Production
) -> None:
    """A result that does not know when the cost last fell (a re-plan, another tool) writes null."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    result = Result(Status.FEASIBLE, schedule, 9000.0, 6000.0, 10.0)
    path = write_schedule(tmp_path / "schedule.json", schedule, result=result)
    assert json.loads(path.read_text())["solver"]["last_improvement"] is None

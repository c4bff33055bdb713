"""An identical re-publish rewrites nothing (issue 17, item 10, the feeds' half): the same plan
made again later, or a re-plan that moves nothing, leaves every feed's bytes and time alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shootplan import Production, Schedule, replan, solve
from shootplan.io.ics import write_calendars, write_revised_calendars
from tests.io.ics.calendar_helpers import LATER, STAMP, located_data

DAYS = [["1", "4"], ["2", "5"], ["3", "6"]]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.glob("*.ics")}


def test_the_same_schedule_made_again_later_rewrites_no_feed(tmp_path: Path) -> None:
    """Planned again a week later under another name: every feed unchanged, bytes and mtimes kept."""
    production = Production.model_validate(located_data())
    first = Schedule.from_day_lists(production, DAYS, created=STAMP, name="shootplan")
    write_calendars(production, first, tmp_path)
    before = _snapshot(tmp_path)
    again = Schedule.from_day_lists(production, DAYS, created=LATER, name="re-planned 2027-02-08")
    files = write_calendars(production, again, tmp_path)
    assert set(files.states.values()) == {"unchanged"}
    assert _snapshot(tmp_path) == before


def test_a_replan_that_changes_nothing_rewrites_no_feed(tmp_path: Path, small_production: Production) -> None:
    """A re-plan with no change over the published feeds: every feed unchanged, not "7 updated"."""
    plan = solve(small_production, time_limit=5, num_workers=1)
    assert plan.schedule is not None
    write_calendars(small_production, plan.schedule, tmp_path)
    before = _snapshot(tmp_path)
    result = replan(small_production, plan.schedule, today=date(2027, 3, 1), time_limit=5, num_workers=1)
    assert result.num_moved == 0
    files = write_revised_calendars(result, tmp_path)
    assert files.counts() == {"new": 0, "updated": 0, "unchanged": len(before)}
    assert _snapshot(tmp_path) == before

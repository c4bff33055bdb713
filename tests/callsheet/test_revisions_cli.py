"""``shootplan replan`` issues again only the call sheets that changed, marked revised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from shootplan import Production, Schedule
from shootplan.cli import main
from tests.conftest import small_production_data


def _run(*args: str) -> None:
    result = CliRunner().invoke(main, ["-q", *args])
    assert result.exit_code == 0, result.output


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.mark.slow
def test_replan_revises_the_changed_days_and_keeps_the_rest(tmp_path: Path) -> None:
    """Performer 1 out on day 2, a day added: day 2 is issued again saying where its scenes went;
    day 1 (today) keeps the plan's files, bytes and times, in a new OUT and in place."""
    source = tmp_path / "production.json"
    source.write_text(Production.model_validate(small_production_data()).model_dump_json())
    plan = tmp_path / "plan"
    _run("plan", str(source), "--days", "4", "--time-limit", "2", "--num-workers", "1", "--out", str(plan))
    schedule = Schedule.model_validate(json.loads((plan / "schedule.json").read_text())["schedule"])
    assert len(schedule.days) == 2
    today, out_day = schedule.days[0].date, schedule.days[1].date
    changes = tmp_path / "changes.json"
    news = {"cast_unavailable": [{"cast": "1", "dates": [str(out_day)]}], "add_shoot_days": 1}
    changes.write_text(json.dumps(news))
    issued = _files(plan / "callsheets")
    args = ["replan", str(plan), "--today", str(today), "--changes", str(changes), "--time-limit", "2"]
    _run(*args, "--num-workers", "1", "--out", str(tmp_path / "out"))
    _run(*args, "--num-workers", "1", "--out", str(plan))  # in place: the same sheets again
    for out in (tmp_path / "out", plan):
        now = _files(out / "callsheets")
        revised = {name for name, (data, _) in now.items() if b"Revised " in data}  # HTML: plain text
        assert revised == {f"day-02-{out_day}.html"}
        revised.add(f"day-02-{out_day}.pdf")
        emptied = (out / "callsheets" / f"day-02-{out_day}.html").read_text()
        assert "scenes 2, 5 moved to Day 3; no scenes on this day now" in emptied
        assert all(issued[n][0] == now[n][0] for n in now if n not in revised and n in issued)
        assert all(issued[n][0] != now[n][0] for n in revised)
    in_place = _files(plan / "callsheets")
    for kind in ("pdf", "html"):  # today's sheet: the same file, not written again
        assert in_place[f"day-01-{today}.{kind}"] == issued[f"day-01-{today}.{kind}"]

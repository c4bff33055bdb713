"""plan, calendars and replan give a production one id, made once and found again in their
outputs, never written into the input (issue 17, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
from click.testing import CliRunner

from shootplan import Production, read_production
from shootplan.cli import main
from shootplan.io.ics.identity import X_PRODUCTION_ID
from tests.conftest import small_production_data


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args], prog_name="shootplan")
    return result.exit_code, result.stderr


def _plan(source: Path, out: Path) -> str:
    code, stderr = _run("plan", source, "--time-limit", "1", "--workers", "1", "--seed", "7", "--out", out)
    assert code == 0, stderr
    return stderr


def _ids(out: Path) -> set[str | None]:
    """The id as production.json, schedule.json, schedule.xlsx and the unit feed each carry it."""
    feed = icalendar.Calendar.from_ical((out / "calendars" / "unit.ics").read_bytes())
    return {
        json.loads((out / "production.json").read_text())["id"],
        json.loads((out / "schedule.json").read_text())["production"]["id"],
        read_production(out / "schedule.xlsx").id,
        str(feed[X_PRODUCTION_ID]),
    }


def test_plan_makes_an_id_once_says_so_and_keeps_it_in_the_same_folder(tmp_path: Path) -> None:
    """A board without an id: the first plan makes one and says so; the next plan into the same
    folder reuses it, and the board itself is never written."""
    source = tmp_path / "board.json"
    source.write_text(Production.model_validate(small_production_data()).model_dump_json())
    before = source.read_bytes()
    out = tmp_path / "plan"
    first = _plan(source, out)
    (made,) = _ids(out)
    assert made is not None and f"new production id {made}" in " ".join(first.split())
    second = _plan(source, out)
    assert _ids(out) == {made} and "new production id" not in second
    assert source.read_bytes() == before


def test_a_board_with_an_id_keeps_its_own(tmp_path: Path) -> None:
    """The workbook plan wrote carries the id: planned elsewhere, the plan keeps it, silently."""
    source = tmp_path / "board.json"
    source.write_text(Production.model_validate({**small_production_data(), "id": "ep-2"}).model_dump_json())
    stderr = _plan(source, tmp_path / "plan")
    assert _ids(tmp_path / "plan") == {"ep-2"} and "production id" not in stderr
    _plan(tmp_path / "plan" / "schedule.xlsx", tmp_path / "again")
    assert _ids(tmp_path / "again") == {"ep-2"}


def test_calendars_from_a_board_without_an_id_keep_the_feeds_id(tmp_path: Path) -> None:
    """calendars --production board (no id) into the feeds plan wrote: the feeds' id goes on,
    so every event keeps its UID."""
    source = tmp_path / "board.json"
    source.write_text(Production.model_validate(small_production_data()).model_dump_json())
    out = tmp_path / "plan"
    _plan(source, out)
    (made,) = _ids(out)
    before = (out / "calendars" / "unit.ics").read_bytes()
    (out / "production.json").unlink()  # only the feeds remember the id now
    code, stderr = _run(
        "calendars", out / "schedule.json", "--production", source, "--out", out / "calendars"
    )
    assert code == 0, stderr
    assert (out / "calendars" / "unit.ics").read_bytes() == before
    assert f"production id {made}, from {out / 'calendars'}" in " ".join(stderr.split())

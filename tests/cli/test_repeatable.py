"""Repeatable bytes (issue 17, item 10): planning the same production again with one worker and the
same seed rewrites every file byte for byte, except run.json, the run's own record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from shootplan import Production
from shootplan.cli import main
from tests.conftest import small_production_data

#: The one file of the set documented to change from run to run (runtime, finish time).
RUN_RECORDS = {"run.json"}
JANUARY = "1798761600"  # 2027-01-01T00:00:00Z
FEBRUARY = "1801440000"  # 2027-02-01T00:00:00Z


def _board(folder: Path, **changes: Any) -> Path:
    source = folder / "board.json"
    source.write_text(Production.model_validate({**small_production_data(), **changes}).model_dump_json())
    return source


def _plan(source: Path, out: Path, epoch: str) -> None:
    args = ["plan", str(source), "--workers", "1", "--seed", "7", "--time-limit", "2", "--out", str(out)]
    result = CliRunner().invoke(main, args, prog_name="shootplan", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.exit_code == 0, result.output


def _files(out: Path) -> dict[str, bytes]:
    """Every file plan wrote, by its path inside ``out``."""
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*") if path.is_file()}


def _created(out: Path) -> str:
    return str(json.loads((out / "schedule.json").read_text())["schedule"]["created"])


@pytest.mark.slow
def test_planning_again_into_the_same_folder_rewrites_every_file_byte_for_byte(tmp_path: Path) -> None:
    """A month later, the same board and seed: nothing changed, so the plan keeps its created time
    and schedule.json, production.json, the workbook and every feed keep their bytes."""
    source, out = _board(tmp_path), tmp_path / "plan"
    _plan(source, out, JANUARY)
    first = _files(out)
    _plan(source, out, FEBRUARY)
    second = _files(out)
    assert first.keys() == second.keys()
    assert {"schedule.json", "production.json", "schedule.xlsx", "calendars/unit.ics"} <= first.keys()
    changed = sorted(name for name in first if first[name] != second[name])
    assert set(changed) <= RUN_RECORDS, changed
    assert _created(out) == "2027-01-01T00:00:00Z"
    run = json.loads(second["run.json"])
    assert run["runtime"] > 0 and run["finished"]


@pytest.mark.slow
def test_two_folders_planned_at_one_source_date_epoch_hold_the_same_bytes(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH stands for now, so a scripted run gives the same files in a new folder.

    The board carries its production id: without one, each new folder makes the production an
    identity of its own (its calendars are kept apart from any other's), which is a difference."""
    source = _board(tmp_path, id="small-town-2027")
    _plan(source, tmp_path / "a", JANUARY)
    _plan(source, tmp_path / "b", JANUARY)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first.keys() == second.keys()
    assert sorted(name for name in first if first[name] != second[name] and name not in RUN_RECORDS) == []


@pytest.mark.slow
def test_a_changed_production_makes_a_new_plan_with_its_own_time(tmp_path: Path) -> None:
    """Renamed production, same days: it is not the same plan any more, so it takes the new time."""
    out = tmp_path / "plan"
    _plan(_board(tmp_path), out, JANUARY)
    _plan(_board(tmp_path, name="Small Town II"), out, FEBRUARY)
    assert _created(out) == "2027-02-01T00:00:00Z"


def test_a_malformed_source_date_epoch_is_refused_in_words(tmp_path: Path) -> None:
    """SOURCE_DATE_EPOCH that is not whole seconds stops the run with a message, not a traceback."""
    args = [
        "plan",
        str(_board(tmp_path)),
        "--workers",
        "1",
        "--time-limit",
        "1",
        "--out",
        str(tmp_path / "p"),
    ]
    result = CliRunner().invoke(main, args, prog_name="shootplan", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 1
    assert "SOURCE_DATE_EPOCH must be whole seconds since 1970" in result.output
    assert not (tmp_path / "p").exists()

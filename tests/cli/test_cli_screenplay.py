"""From a screenplay: `shootplan breakdown` writes the workbook, `shootplan plan` plans the script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shootplan.cli import main
from shootplan.io import read_production

SCREENPLAYS = Path(__file__).parents[1] / "data" / "screenplays"
FOUNTAIN = SCREENPLAYS / "Cyber_Bob_epWinDebateAgainstLincoln.fountain"
FDX = SCREENPLAYS / "harbour_test.fdx"


def _run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], prog_name="shootplan")


@pytest.mark.filterwarnings("ignore")
def test_breakdown_writes_the_workbook_to_finish(tmp_path: Path) -> None:
    """The FDX becomes a workbook with its scenes, cast and locations; the guesses are printed."""
    out = tmp_path / "production.xlsx"
    result = _run("breakdown", FDX, "--out", out, "--start", "2027-03-01")
    assert result.exit_code == 0, result.stderr
    assert "LOW TIDE: 4 scenes, 3 speaking parts" in result.stdout
    assert "CONTINUOUS -> DAWN" in result.stderr
    production = read_production(out)
    assert production == read_production(FDX, start="2027-03-01")
    assert production.calendar.start.isoformat() == "2027-03-01"


def test_breakdown_leaves_the_start_date_and_time_zone_it_was_not_given_blank(tmp_path: Path) -> None:
    """Without --start the workbook carries no guessed start date nor this computer's zone, so
    `check` warns of both as for any board missing them; the Next line says to fill them in."""
    script = tmp_path / "t.fountain"
    script.write_text("Title: T\n\nINT. DINER - DAY\n\nRain.\n\nNORA\nHi.\n", encoding="utf-8")
    out = tmp_path / "t.xlsx"
    made = _run("breakdown", script, "--out", out)
    assert made.exit_code == 0, made.stderr
    assert "Next: fill in Start Date and Time Zone on the Settings sheet" in made.stdout
    assert "assuming" not in made.stderr  # no start is announced that the workbook will not have
    checked = _run("check", out)
    assert checked.exit_code == 0, checked.stderr
    assert "t.xlsx: no start date in the file" in checked.stderr
    assert "t.xlsx: no time zone given" in checked.stderr
    given = _run("breakdown", script, "--out", out, "--start", "2027-03-01")
    assert given.exit_code == 0, given.stderr
    checked = _run("check", out)
    assert "start       2027-03-01" in checked.stdout
    assert "no start date" not in checked.stderr and "t.xlsx: no time zone given" in checked.stderr


@pytest.mark.slow
def test_plan_a_fountain_script(tmp_path: Path) -> None:
    """`plan script.fountain --start ...` writes the usual outputs from the script alone."""
    out = tmp_path / "plan"
    result = _run(
        "plan", FOUNTAIN, "--start", "2027-03-01", "--time-limit", "2", "--workers", "1", "--out", out
    )
    assert result.exit_code == 0, result.stderr
    assert {"schedule.xlsx", "schedule.json", "production.json"} <= {p.name for p in out.iterdir()}
    assert (out / "calendars").is_dir()
    planned = json.loads((out / "production.json").read_text(encoding="utf-8"))
    assert [scene["set"] for scene in planned["scenes"]] == [
        "BOB'S KITCHEN",
        "MARGARET'S HOUSE",
        "GETTYSBURG",
    ]

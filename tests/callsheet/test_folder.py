"""A folder of call sheets: written as one set, stale days removed, unchanged days kept; the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from shootplan import Production, Schedule, ShootplanError, write_call_sheets
from shootplan.cli import main
from shootplan.io.json import write_production, write_schedule


def test_writes_every_day_and_drops_stale_ones(
    day_then_night: tuple[Production, Schedule], tmp_path: Path
) -> None:
    """Every day gets a PDF and an HTML; a day no longer shot is removed; unchanged bytes stay."""
    production, schedule = day_then_night
    folder = tmp_path / "callsheets"
    written = write_call_sheets(production, schedule, folder)
    assert [p.name for p in written][:2] == ["day-01-2027-06-07.pdf", "day-01-2027-06-07.html"]
    assert len(written) == 6 and all(p.is_file() for p in written)
    (folder / "notes.txt").write_text("mine")
    first = (folder / "day-01-2027-06-07.pdf").stat().st_ino
    write_call_sheets(production, schedule, folder)
    assert (folder / "day-01-2027-06-07.pdf").stat().st_ino == first  # unchanged: the same file
    shorter = Schedule.from_day_lists(production, [["1"], ["2", "3"]])
    write_call_sheets(production, shorter, folder)
    names = sorted(p.name for p in folder.iterdir())
    assert "day-03-2027-06-09.pdf" not in names and "notes.txt" in names


def test_one_day_one_format_and_bad_format(
    day_then_night: tuple[Production, Schedule], tmp_path: Path
) -> None:
    """A single day in one format writes just that file; an unknown format is named."""
    production, schedule = day_then_night
    written = write_call_sheets(production, schedule, tmp_path, days=[2], formats=["html"])
    assert [p.name for p in written] == ["day-02-2027-06-08.html"]
    with pytest.raises(ShootplanError, match="'docx'"):
        write_call_sheets(production, schedule, tmp_path, formats=["docx"])


def test_cli_writes_the_day_asked_for(day_then_night: tuple[Production, Schedule], tmp_path: Path) -> None:
    """``shootplan callsheets plan/schedule.json --date D`` writes that day's sheets beside it."""
    production, schedule = day_then_night
    write_production(tmp_path / "production.json", production)
    write_schedule(tmp_path / "schedule.json", schedule)
    result = CliRunner().invoke(main, ["callsheets", str(tmp_path / "schedule.json"), "--date", "2027-06-08"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "callsheets").iterdir()) == [
        "day-02-2027-06-08.html",
        "day-02-2027-06-08.pdf",
    ]
    both = ["callsheets", str(tmp_path / "schedule.json"), "--day", "1", "--date", "2027-06-08"]
    assert CliRunner().invoke(main, both).exit_code != 0

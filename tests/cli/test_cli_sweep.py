"""``shootplan sweep``: day counts and start dates parsed, a folder of comparable results written."""

from __future__ import annotations

import json
import socket
import time
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from shootplan import Production
from shootplan.cli import main
from shootplan.cli.sweep import grid, parse_days, parse_starts
from shootplan.io.json import write_production


def test_days_and_starts_are_parsed() -> None:
    """Ranges, lists and single counts; dates as ISO."""
    assert parse_days("26..28") == [26, 27, 28]
    assert parse_days("30, 26..27") == [26, 27, 30]
    assert parse_starts("2027-03-01,2027-03-08") == [date(2027, 3, 1), date(2027, 3, 8)]
    with pytest.raises(click.BadParameter, match=r"26\.\.32"):
        parse_days("many")


def test_grid_is_every_day_count_with_every_start() -> None:
    """Two counts and two starts are four scenarios, each named by what it changes."""
    names = [s.name for s in grid([26, 27], [date(2027, 3, 1), date(2027, 3, 8)])]
    assert names == [
        "26 days, from 2027-03-01",
        "26 days, from 2027-03-08",
        "27 days, from 2027-03-01",
        "27 days, from 2027-03-08",
    ]


@pytest.mark.slow
def test_sweep_command_writes_the_table_and_schedules(small_production: Production, tmp_path: Path) -> None:
    """Three day counts: progress per scenario, sweep.xlsx/json, a schedule per scenario with one."""
    board = write_production(tmp_path / "production.json", small_production)
    out = tmp_path / "sweep"
    args = ["sweep", str(board), "--days", "1..3", "--workers-per-solve", "1", "--time-limit", "2"]
    result = CliRunner().invoke(main, [*args, "--processes", "2", "--out", str(out)], prog_name="shootplan")
    assert result.exit_code == 0, result.output
    assert "[3/3]" in result.output
    rows = json.loads((out / "sweep.json").read_text())["rows"]
    assert [row["scenario"] for row in rows] == ["1 days", "2 days", "3 days"]
    assert rows[0]["status"] == "infeasible" and rows[0]["reason"]
    assert (out / "sweep.xlsx").is_file()
    assert sorted(p.name for p in (out / "schedules").iterdir()) == ["2-days.json", "3-days.json"]


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "option"), [("distributed", "--dask"), ("ray", "--ray")])
def test_sweep_on_an_unreachable_cluster_is_one_line(
    small_production: Production, tmp_path: Path, engine: str, option: str
) -> None:
    """--dask or --ray at a port nobody listens on: one error line naming it, exit 1, quickly."""
    pytest.importorskip(engine)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    board = write_production(tmp_path / "production.json", small_production)
    args = ["sweep", str(board), "--days", "3", option, f"127.0.0.1:{port}", "--out", str(tmp_path / "out")]
    started = time.perf_counter()
    result = CliRunner().invoke(main, args, prog_name="shootplan")
    assert time.perf_counter() - started < 8
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot reach the " in errors[0] and f"127.0.0.1:{port}" in errors[0]
    assert "Traceback" not in result.output

"""The shootplan command through its real entry point: happy paths, bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shootplan import Production, Schedule, evaluate

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shootplan.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_check_summarizes_the_template() -> None:
    """check on the bundled template prints its scene count and exits 0."""
    result = _run("check", str(REPO / "examples" / "template.xlsx"))
    assert result.returncode == 0, result.stderr
    assert "scenes      119" in result.stdout


def test_check_reports_a_bad_page_count_without_traceback(tmp_path: Path) -> None:
    """A bad cell gives one line naming file, row, column and value, exit 1, file untouched."""
    board = tmp_path / "board.csv"
    board.write_text("Scene,Int/Ext,Set,Pages,Cast\n1,INT,DINER - BOOTH,abc,1\n")
    before = board.read_bytes()
    result = _run("check", str(board))
    assert result.returncode == 1
    assert 'board.csv, row 2, column Pages: cannot read "abc" as a page count' in result.stderr
    assert "Traceback" not in result.stderr and board.read_bytes() == before


def test_check_json_prints_production_json() -> None:
    """--json prints Production JSON that validates back."""
    result = _run("check", "--json", str(REPO / "examples" / "template.xlsx"))
    assert result.returncode == 0, result.stderr
    assert len(Production.model_validate_json(result.stdout).scenes) == 119


def test_usage_error_exits_2() -> None:
    """An unknown option is a usage error (exit 2)."""
    assert _run("check", "--nope").returncode == 2


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("plan", "--help")])
def test_help_and_version(args: tuple[str, ...]) -> None:
    """--help and --version answer with exit 0."""
    result = _run(*args)
    assert result.returncode == 0 and result.stdout


def test_demo_writes_a_schedule_whose_metrics_match_the_scorer(tmp_path: Path) -> None:
    """demo plans the example; schedule.json scores as printed and breaks no rule."""
    result = _run("demo", "--time-limit", "3", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "out" / "schedule.json").read_text())
    production = Production.model_validate_json(
        (REPO / "src" / "shootplan" / "data" / "example_production.json").read_text()
    )
    check = evaluate(production, Schedule.model_validate(payload["schedule"]))
    assert check.is_feasible, check.violations
    assert check.metrics()["cost"] == payload["metrics"]["cost"]
    assert f"hold days      {check.total_hold_days}" in result.stdout
    assert (tmp_path / "out" / "schedule.xlsx").stat().st_size > 0

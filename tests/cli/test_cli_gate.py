"""check is the gate: what plan would reject is rejected first, before any solve, as bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from shootplan.cli import main
from tests.conftest import small_production_data


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args], prog_name="shootplan")
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stderr


def test_a_board_with_more_days_than_the_calendar_has_dates_is_refused_by_check(tmp_path: Path) -> None:
    """600 days on a Mondays-only calendar (522 in ten years): check, score and plan say so, exit 1."""
    data = small_production_data()
    data["calendar"]["weekdays"] = ["Mon"]
    data["boards"] = {"AD": [["1", "2", "3", "4", "5", "6"]] + [[] for _ in range(599)]}
    board = tmp_path / "production.json"
    board.write_text(json.dumps(data))
    for command in ("check", "score", "plan"):
        code, stderr = (
            _run(command, board, "--out", tmp_path / "plan") if command == "plan" else _run(command, board)
        )
        assert code == 1 and "board 'AD'" in stderr and "600 days" in stderr, (command, stderr)
    assert not (tmp_path / "plan").exists()


def test_plan_refuses_an_output_folder_it_cannot_write_before_solving(tmp_path: Path) -> None:
    """--out under a file: refused at once (exit 2) with the reason, not after the solve."""
    board = tmp_path / "production.json"
    board.write_text(json.dumps(small_production_data()))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, stderr = _run("plan", board, "--out", blocker / "plan", "--time-limit", "60")
    assert code == 2 and "a-file is a file, not a folder" in stderr
    assert "planning" not in stderr


@pytest.mark.parametrize("kind", ["folder", "binary", "corrupt xlsx", "no board", "no permission"])
def test_an_unreadable_input_exits_1_like_other_bad_input(tmp_path: Path, kind: str) -> None:
    """A folder, a binary, a damaged workbook, a text without a board, a file one cannot read: exit 1."""
    path = tmp_path / "board.xlsx"
    if kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 8)
    elif kind == "corrupt xlsx":
        path.write_bytes(b"PK\x03\x04 not really a zip")
    elif kind == "no board":
        path.write_text("just some notes\nnothing like a stripboard\n")
    else:
        if os.name == "nt" or os.geteuid() == 0:
            pytest.skip("needs a user that file permissions apply to")
        path.write_text("Scene,Set,Pages\n1,DINER,1\n")
        path.chmod(0)
    for command in ("check", "score"):
        code, stderr = _run(command, path)
        assert code == 1 and "error" in stderr, (command, stderr)


def test_long_text_that_check_accepts_plans_and_prints(tmp_path: Path) -> None:
    """A performer's and a character's name of 3,000 characters, a synopsis and an address of
    8,000: check accepts them, and plan writes every call sheet (the PDF cuts a cell that would
    not fit a page with "...", the HTML keeps the whole text) instead of exiting 70 in fpdf."""
    data = small_production_data()
    name, character = "Ann " * 750, "WITNESS" + "X" * 2993
    data["cast"][0].update(name=name, character=character)
    data["scenes"][0]["synopsis"] = "words " * 1333 + "end"
    data["locations"] = [
        {"name": "DINER", "address": "12 Main Street, " * 500},
        {"name": "FARM"},
        {"name": "CLINIC"},
    ]
    board = tmp_path / "production.json"
    board.write_text(json.dumps(data))
    assert _run("check", board)[0] == 0
    out = tmp_path / "plan"
    code, stderr = _run("plan", board, "--time-limit", "1", "--workers", "1", "--out", out)
    assert code == 0, stderr
    pdfs, pages = sorted((out / "callsheets").glob("*.pdf")), sorted((out / "callsheets").glob("*.html"))
    assert pdfs and len(pdfs) == len(pages)
    html = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert character in html and data["scenes"][0]["synopsis"].strip() in html


@pytest.mark.parametrize(
    "where, field, value, said",
    [
        ("scene", "minutes", 10**20, "less than or equal to 120000 (got 100000000000000000000)"),
        ("cast", "daily_rate", 1e19, "less than or equal to 100000000 (got 1e+19)"),
        ("rules", "shoot_day_cost", 10**12, "less than or equal to 100000000 (got 1000000000000)"),
        ("rules", "max_day_hours", 1e20, "less than or equal to 24 (got 1e+20)"),
    ],
)
def test_absurd_money_and_minutes_are_refused_by_check(
    tmp_path: Path, where: str, field: str, value: float, said: str
) -> None:
    """A rate of 1e19 (plan then exited 70: CP-SAT's invalid model), 10**20 minutes (plan exited
    3) or a day of 1e20 hours (exit 70): check refuses each in one message naming the value, as
    it refuses 10**20 pages, and plan stops the same way before any solve."""
    data = small_production_data()
    {"scene": data["scenes"][0], "cast": data["cast"][0]}.get(where, data.setdefault("rules", {}))[field] = (
        value
    )
    board = tmp_path / "production.json"
    board.write_text(json.dumps(data))
    code, stderr = _run("check", board)
    assert code == 1 and f"{field}: Input should be {said}" in " ".join(stderr.split()), stderr
    code, stderr = _run("plan", board, "--out", tmp_path / "plan")
    assert code == 1 and field in stderr and not (tmp_path / "plan").exists()


def test_money_and_minutes_at_their_maxima_plan(tmp_path: Path) -> None:
    """Every rate and cost at 100,000,000, holds at 100 times the rate, the moves' minutes and the
    day's cap at 120,000, a page at a day's minutes: check accepts it and plan plans it."""
    data = small_production_data()
    for member in data["cast"]:
        member["daily_rate"] = 100_000_000
    costs = ("shoot_day_cost", "company_move_cost", "location_return_cost", "default_daily_rate")
    data["rules"] = {name: 100_000_000 for name in costs} | {"hold_cost_factor": 100}
    data["rules"] |= {
        "company_move_minutes": 120_000,
        "max_minutes_per_day": 120_000,
        "minutes_per_page": 1440,
    }
    board = tmp_path / "production.json"
    board.write_text(json.dumps(data))
    assert _run("check", board)[0] == 0
    code, stderr = _run("plan", board, "--time-limit", "2", "--workers", "1", "--out", tmp_path / "plan")
    assert code == 0, stderr

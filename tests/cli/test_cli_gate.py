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

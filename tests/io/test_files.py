"""The one atomic writer: files replaced whole with plain permissions, folders swapped as one unit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from shootplan.io import OutputSet, write_bytes, write_text, write_with


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _hidden_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.fixture
def umask_022() -> object:
    old = os.umask(0o022)
    yield None
    os.umask(old)


def test_a_written_file_gets_the_mode_a_plain_file_gets(tmp_path: Path, umask_022: object) -> None:
    """0644 under umask 022, not tempfile's private 0600, and no temporary file left behind."""
    path = write_text(tmp_path / "schedule.json", "{}\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text() == "{}\n"
    assert _hidden_leftovers(tmp_path) == []


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """A writer that fails half-way changes nothing: the old bytes stay, the temp file goes."""
    target = write_bytes(tmp_path / "board.xlsx", b"old")

    def fails(stream: object) -> None:
        stream.write(b"half")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_with(target, fails)
    assert target.read_bytes() == b"old"
    assert _hidden_leftovers(tmp_path) == []


def test_an_output_set_swaps_in_the_whole_new_set(tmp_path: Path, umask_022: object) -> None:
    """New files appear together; files the set does not write (the user's own) stay."""
    folder = tmp_path / "plan"
    with OutputSet(folder) as out:
        write_text(out.path("schedule.json"), "1")
        write_text(out.path("calendars/unit.ics"), "A")
    (folder / "my-notes.txt").write_text("mine")
    with OutputSet(folder) as out:
        assert out.path("schedule.json").read_text() == "1"  # the stage starts as the old set
        write_text(out.path("schedule.json"), "2")
        write_text(out.path("calendars/unit.ics"), "B")
    assert _tree(folder) == {"calendars/unit.ics": b"B", "my-notes.txt": b"mine", "schedule.json": b"2"}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert _hidden_leftovers(tmp_path) == []


def test_an_interrupted_output_set_leaves_the_old_set_whole(tmp_path: Path) -> None:
    """Ctrl-C half-way through a set: every old file as it was, no new one, nothing hidden left."""
    folder = tmp_path / "plan"
    with OutputSet(folder) as out:
        write_text(out.path("schedule.json"), "old")
        write_text(out.path("calendars/unit.ics"), "old feed")
    before = _tree(folder)
    with pytest.raises(KeyboardInterrupt), OutputSet(folder) as out:
        write_text(out.path("schedule.json"), "new")
        raise KeyboardInterrupt
    assert _tree(folder) == before
    assert _hidden_leftovers(tmp_path) == []


def test_an_unchanged_file_keeps_its_inode_so_servers_keep_their_etags(tmp_path: Path) -> None:
    """Writing the same bytes again gives the file its old inode and time back."""
    folder = tmp_path / "feeds"
    with OutputSet(folder) as out:
        write_text(out.path("unit.ics"), "same")
        write_text(out.path("cast-1.ics"), "v1")
    same, changed = (folder / "unit.ics").stat(), (folder / "cast-1.ics").stat()
    with OutputSet(folder) as out:
        write_text(out.path("unit.ics"), "same")
        write_text(out.path("cast-1.ics"), "v2")
    assert (folder / "unit.ics").stat().st_ino == same.st_ino
    assert (folder / "cast-1.ics").stat().st_ino != changed.st_ino


def test_a_killed_run_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    """A stage left by a SIGKILL (a hidden sibling) is removed by the next set on that folder."""
    folder = tmp_path / "plan"
    with OutputSet(folder) as out:
        write_text(out.path("a.txt"), "a")
    stale = tmp_path / ".plan.shootplan-new-abc123"
    stale.mkdir()
    (stale / "a.txt").write_text("half")
    with OutputSet(folder) as out:
        write_text(out.path("a.txt"), "b")
    assert _hidden_leftovers(tmp_path) == []
    assert (folder / "a.txt").read_text() == "b"

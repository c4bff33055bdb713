"""What the commands leave on disk: whole output sets whatever stops them, ordinary file modes,
-v and -q everywhere, and output that fits an 80-column terminal."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from shootplan import Production
from shootplan.cli import main
from tests.conftest import small_production_data

POSIX = pytest.mark.skipif(os.name == "nt" or not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

# A child process that runs `shootplan plan` and signals itself at the k-th call of os.replace
# (every atomic write ends with one) or os.fsync (every write, then the set's swap flushes each
# file and folder). Before each replace it copies what is being written into the journal, so
# the test knows the new set even when the run never finishes. Counts go to JOURNAL.json.
CHILD = r"""
import json, os, shutil, signal, sys
from pathlib import Path

hook, k, signame, journal, stage_prefix, *args = sys.argv[1:]
k, number, journal = int(k), getattr(signal, signame), Path(journal)
calls = {"replace": 0, "fsync": 0}
real_replace, real_fsync = os.replace, os.fsync

def tick(kind):
    calls[kind] += 1
    Path(f"{journal}.json").write_text(json.dumps(calls))
    if kind == hook and calls[kind] == k:
        os.kill(os.getpid(), number)

def replace(source, target, **kwargs):
    tick("replace")
    parts = Path(os.fsdecode(target)).parts
    for i, part in enumerate(parts):
        if part.startswith(stage_prefix):
            copy = journal.joinpath(*parts[i + 1:])
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
    return real_replace(source, target, **kwargs)

def fsync(handle):
    tick("fsync")
    return real_fsync(handle)

os.replace, os.fsync = replace, fsync
from shootplan.cli import main
main(args, prog_name="shootplan")
"""


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included): relative path -> bytes."""
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    """Put ``folder`` back to exactly ``files``, and drop what killed runs left beside it."""
    shutil.rmtree(folder, ignore_errors=True)
    for leftover in folder.parent.glob(f".{folder.name}.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def _child(
    hook: str, k: int, signame: str, journal: Path, source: Path, out: Path
) -> subprocess.CompletedProcess[str]:
    """`shootplan plan` (one worker, a seed, 1 s) signalled at the k-th ``hook`` call."""
    args = ["plan", str(source), "--time-limit", "1", "--num-workers", "1", "--seed", "0", "--out", str(out)]
    return subprocess.run(
        [sys.executable, "-c", CHILD, hook, str(k), signame, str(journal), f".{out.name}.shootplan-", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        # A parent that ignores SIGINT (a background job) would pass that on; the user's shell does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A six-scene production as production.json (plans in well under a second)."""
    path = tmp_path_factory.mktemp("source") / "production.json"
    path.write_text(Production.model_validate(small_production_data()).model_dump_json())
    return path


@pytest.mark.slow
@POSIX
def test_a_signal_while_writing_leaves_the_old_set_or_the_new_one_never_a_mix(
    source: Path, tmp_path: Path
) -> None:
    """Ctrl-C or SIGKILL at any point of plan's writing: the folder holds the complete previous
    set or the complete new one (every file's bytes), and no hidden temporary file."""
    out = tmp_path / "plan"
    # The earlier set differs in content but not in file names (call sheets are named by date).
    renamed = tmp_path / "earlier.json"
    renamed.write_text(
        Production.model_validate({**small_production_data(), "name": "Earlier"}).model_dump_json()
    )
    earlier = CliRunner().invoke(main, ["-q", "plan", str(renamed), "--out", str(out)])
    assert earlier.exit_code == 0, earlier.output
    old = _tree(out)
    calibration = _child("none", 0, "SIGINT", tmp_path / "journal-0", source, out)
    assert calibration.returncode == 0, calibration.stderr
    counts = json.loads((tmp_path / "journal-0.json").read_text())
    complete = set(_tree(tmp_path / "journal-0"))  # every file a finished run writes
    new = {**old, **_tree(tmp_path / "journal-0")}
    assert set(new) == set(old) and all(
        new[name] != old[name] for name in ("schedule.json", "calendars/unit.ics")
    )
    replaces, fsyncs = counts["replace"], counts["fsync"]
    points = [("replace", k) for k in sorted({1, 2, replaces // 2, replaces})]
    points += [("fsync", fsyncs - 1), ("fsync", fsyncs)]  # the swap: just before it, just after
    outcomes = set()
    for number, (hook, k) in enumerate(points, start=1):
        for signame in ("SIGINT", "SIGKILL"):
            _restore(out, old)
            journal = tmp_path / f"journal-{number}-{signame}"
            run = _child(hook, k, signame, journal, source, out)
            left = _tree(out)
            written = _tree(journal)
            where = f"{signame} at {hook} {k}: exit {run.returncode}\n{run.stderr}"
            assert left == old or (left == {**old, **written} and set(written) == complete), where
            assert not [name for name in left if any(part.startswith(".") for part in Path(name).parts)], (
                where
            )
            if signame == "SIGKILL":
                assert run.returncode == -signal.SIGKILL, where
            else:
                assert run.returncode == 130 and "Traceback" not in run.stderr, where
                assert ("holds the new outputs" in run.stderr) == (left != old), where
                assert not list(out.parent.glob(f".{out.name}.*")), where
            outcomes.add((signame, "old" if left == old else "new"))
    # Signals before the swap keep the old set; SIGINT during the swap waits for the new one.
    assert {("SIGINT", "old"), ("SIGKILL", "old"), ("SIGINT", "new"), ("SIGKILL", "new")} <= outcomes


# --------------------------------------------------------------------------- modes, -v and -q


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, whatever the test runner's is."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _invoke(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(arg) for arg in args], prog_name="shootplan")
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def _modes(folder: Path) -> set[int]:
    return {path.stat().st_mode & 0o777 for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("flag", ["-v", "-q"])
def test_every_writing_command_writes_0644_files_and_takes_v_and_q(
    source: Path, tmp_path: Path, flag: str, umask_022: None
) -> None:
    """plan, replan, dood and calendars accept -v and -q and write files with mode 0644."""
    plan = tmp_path / "plan"
    _invoke("plan", source, "--time-limit", "1", "--num-workers", "1", "--out", plan, flag)
    schedule = json.loads((plan / "schedule.json").read_text())["schedule"]
    today = schedule["days"][1]["date"]
    replan = tmp_path / "replan"
    _invoke(
        *("replan", plan / "production.json", "--schedule", plan / "schedule.json", "--today", today),
        *("--time-limit", "1", "--num-workers", "1", "--weight-churn", "500", "--out", replan, flag),
    )
    _invoke("dood", plan / "schedule.json", "--out", tmp_path / "dood" / "dood.csv", flag)
    _invoke("calendars", plan / "schedule.json", "--out", tmp_path / "feeds", flag)
    for folder, least in ((plan, 6), (replan, 7), (tmp_path / "dood", 1), (tmp_path / "feeds", 3)):
        assert len(list(folder.rglob("*.*"))) >= least, folder
        assert _modes(folder) == {0o644}, folder


# --------------------------------------------------------------------------- 80 columns, names


def _table(stdout: str, header: str) -> list[str]:
    """The lines of the printed table whose header row holds ``header``: up to the blank line."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if header in line)
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.mark.slow
def test_tables_fit_80_columns_with_long_names_cut(tmp_path: Path) -> None:
    """Long board and character names are cut with an ellipsis at 80 columns, whole under -v."""
    data = small_production_data()
    long_board = "Second unit revision seven after the lighthouse night was moved"
    data["boards"] = {
        long_board: [["1", "4"], ["2", "5"], ["3", "6"]],
        "blue": [["1", "4", "6"], ["2", "5", "3"]],
    }
    data["cast"][0]["character"] = "NORA, THE LIGHTHOUSE KEEPER'S ESTRANGED DAUGHTER"
    source = tmp_path / "production.json"
    source.write_text(Production.model_validate(data).model_dump_json())
    env = {**os.environ, "COLUMNS": "80"}
    command = [sys.executable, "-m", "shootplan.cli"]
    plan = [
        *command,
        "plan",
        str(source),
        "--time-limit",
        "1",
        "--num-workers",
        "1",
        "--out",
        str(tmp_path / "p"),
    ]
    done = subprocess.run(plan, capture_output=True, text=True, env=env, timeout=300, check=True)
    # Several boards are revisions: the last one is the latest, and its day count is the limit.
    assert "planning within the 2 days of board 'blue', the latest of your 2 boards" in done.stderr
    dood = subprocess.run(
        [*command, "dood", str(tmp_path / "p" / "schedule.json")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for stdout, headers in ((done.stdout, ["shootplan", "blue"]), (dood.stdout, ["ID", "cast", "paid"])):
        table = _table(stdout, headers[0])
        assert all(header in table[0] for header in headers), stdout  # the header row did not wrap
        assert all(len(line) <= 80 for line in table), stdout
    assert long_board not in done.stdout and "Second unit revision seven \u2026" in done.stdout
    assert "\u2026" in dood.stdout and "ESTRANGED DAUGHTER" not in dood.stdout
    verbose = subprocess.run([*plan, "-v"], capture_output=True, text=True, env=env, timeout=300, check=True)
    assert long_board in verbose.stdout
    csv = subprocess.run(
        [*command, "dood", str(tmp_path / "p" / "schedule.json"), "--out", "-"],
        capture_output=True,
        text=True,
    )
    assert csv.stdout.splitlines()[0].startswith("cast_id,performer,character,")
    assert 'Ada Quinn,"NORA, THE LIGHTHOUSE KEEPER\'S ESTRANGED DAUGHTER"' in csv.stdout

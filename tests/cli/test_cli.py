"""The shootplan command through its real entry point: happy paths, bad input, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from shootplan import Production, Result, Schedule, Status, evaluate, example_production, read_production
from shootplan.cli import main
from shootplan.cli.export import dood_with_names
from shootplan.cli.outputs import search_line
from shootplan.io.csv_text import inert_csv
from shootplan.io.ics import lint_ics
from shootplan.quality import describe_quality
from shootplan.reports import day_out_of_days
from tests.conftest import REPO, small_production_data
from tests.io.import_fixtures import revisions_uss

TEMPLATE = REPO / "examples" / "template.xlsx"
MESSY = REPO / "examples" / "messy_board.xlsx"

# The console script pip installed beside this Python: the command exactly as users run it.
_SCRIPT = Path(sys.executable).with_name("shootplan.exe" if os.name == "nt" else "shootplan")
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "shootplan.cli"]


@dataclass(frozen=True)
class Ran:
    """What a run of the command printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def _run(*args: str | Path) -> Ran:
    """The command's entry point (``shootplan.cli:main``) in this process, through click's runner.

    In-process runs spare an interpreter start per test; the tests that need a real process (the
    installed script, Ctrl-C) use :func:`_run_process`.
    """
    result = CliRunner().invoke(
        main, [str(arg) for arg in args], prog_name="shootplan", catch_exceptions=True
    )
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))  # shows as "Traceback"
    return Ran(result.exit_code, result.stdout, stderr)


def _run_process(*args: str | Path) -> Ran:
    """The installed ``shootplan`` script in a new process."""
    done = subprocess.run(
        [*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def _failed_cleanly(result: Ran, code: int) -> bool:
    """The exit code expected, an error message, and no traceback anywhere."""
    return (
        result.returncode == code
        and "error" in result.stderr.lower()
        and "Traceback" not in result.stderr + result.stdout
    )


def _table(stdout: str) -> dict[str, list[str]]:
    """The rows of the printed summary table: label -> its values (shootplan, then your boards)."""
    labels = ("shoot days", "company moves", "hold days", "hold cost", "cost", "rules broken")
    rows = {}
    for line in stdout.splitlines():
        match = re.match(r"^\s*(" + "|".join(labels) + r")\s+([\d,]+(?:\s+[\d,]+)*)\s*$", line)
        if match:
            rows[match[1]] = [value.replace(",", "") for value in match[2].split()]
    return rows


def _printed_matches(stdout: str, production: Production, schedule: Schedule, column: int = 0) -> None:
    """The summary table shows exactly what evaluate() computes for the schedule."""
    check = evaluate(production, schedule)
    rows = _table(stdout)
    assert rows["shoot days"][column] == str(check.num_shoot_days)
    assert rows["company moves"][column] == str(check.company_moves)
    assert rows["hold days"][column] == str(check.total_hold_days)
    assert rows["hold cost"][column] == f"{check.hold_cost:.0f}"
    assert rows["cost"][column] == f"{check.cost:.0f}"
    assert rows["rules broken"][column] == str(len(check.violations))


@dataclass(frozen=True)
class Planned:
    """One `shootplan plan` run and the folder it wrote."""

    result: Ran
    out: Path


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Planned:
    """`shootplan plan examples/template.xlsx --time-limit 3 --out X`, run as users run it."""
    out = tmp_path_factory.mktemp("cli") / "plan"
    result = _run_process("plan", TEMPLATE, "--time-limit", "3", "--out", out)
    assert result.returncode == 0, result.stderr
    return Planned(result, out)


# --------------------------------------------------------------------------- global options


@pytest.mark.parametrize(
    "command", ["", "demo", "check", "breakdown", "plan", "score", "dood", "calendars", "replan"]
)
def test_every_command_has_help_with_examples(command: str) -> None:
    """--help answers with exit 0 and shows examples, for the group and every command."""
    result = _run(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    assert "Example" in result.stdout
    if not command:
        assert "Exit codes" in result.stdout and "130" in result.stdout


@pytest.mark.slow
def test_version() -> None:
    """The installed script answers --version with the package version."""
    result = _run_process("--version")
    assert result.returncode == 0 and "0.1.0" in result.stdout


def test_usage_errors_exit_2() -> None:
    """An unknown option, a missing argument, a missing file and a bad date are usage errors."""
    for args in (
        ("check", "--nope"),
        ("plan",),
        ("check", "no-such-board.xlsx"),
        ("plan", MESSY, "--start", "2027-02-30"),
        ("plan", MESSY, "--time-limit", "0"),
    ):
        result = _run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Error" in result.stderr and "Traceback" not in result.stderr


def test_quiet_prints_only_errors(tmp_path: Path) -> None:
    """-q (before or after the command) keeps stdout and stderr empty on success; errors print."""
    result = _run("score", MESSY, "-q")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    board = tmp_path / "board.csv"
    board.write_text("Scene,Int/Ext,Set,Pages\n1,INT,DINER,abc\n")
    failed = _run("-q", "check", board)
    assert failed.returncode == 1 and "abc" in failed.stderr


# --------------------------------------------------------------------------- check


def test_check_summarizes_the_template() -> None:
    """check on the bundled template prints its scene count and exits 0."""
    result = _run("check", TEMPLATE)
    assert result.returncode == 0, result.stderr
    assert "scenes      119" in result.stdout


def test_check_reads_the_messy_board() -> None:
    """The messy example board reads: 24 scenes and the AD's 7 days as a board."""
    result = _run("check", MESSY)
    assert result.returncode == 0, result.stderr
    assert "scenes      24" in result.stdout and "7 days" in result.stdout


@pytest.mark.slow
def test_check_reports_a_bad_page_count_without_traceback(tmp_path: Path) -> None:
    """A bad cell gives one line naming file, row, column and value, exit 1, file untouched."""
    board = tmp_path / "board.csv"
    board.write_text("Scene,Int/Ext,Set,Pages,Cast\n1,INT,DINER - BOOTH,abc,1\n")
    before = board.read_bytes()
    result = _run_process("check", board)
    assert _failed_cleanly(result, 1)
    assert 'board.csv, row 2, column Pages: cannot read "abc" as a page count' in result.stderr
    assert board.read_bytes() == before


def test_check_json_prints_production_json() -> None:
    """--json prints Production JSON that validates back."""
    result = _run("check", "--json", TEMPLATE)
    assert result.returncode == 0, result.stderr
    assert len(Production.model_validate_json(result.stdout).scenes) == 119


def test_check_prints_warnings_as_plain_lines(tmp_path: Path) -> None:
    """A legal but suspicious board: exit 0, each warning one line naming file and row."""
    board = tmp_path / "board.csv"
    board.write_text(
        "Scene,Int/Ext,Set,Pages\n1,INT,DINER - BOOTH,1\nEnd of Day 1\n"
        "Scene 9 continued -- day 2 of 2\n2,EXT,FARM - FIELD,1\nEnd of Day 2\n"
    )
    result = _run("check", board)
    assert result.returncode == 0, result.stderr
    assert 'warning: board.csv: row 4: a banner continues scene "9"' in result.stderr
    assert "ShootplanWarning" not in result.stderr and "warnings.warn" not in result.stderr


RATES_NOTICE = "no daily rates: each hold day counts as 1,000; add Daily Rate on the Cast sheet to weigh them"


def test_check_and_plan_say_holds_count_at_the_default_without_rates(tmp_path: Path) -> None:
    """A board without daily rates: check and plan each say, in one line, what a hold day counts as."""
    data = small_production_data()
    for member in data["cast"]:
        member["daily_rate"] = 0
    source = tmp_path / "production.json"
    source.write_text(Production.model_validate(data).model_dump_json())
    checked = _run("check", source)
    assert checked.returncode == 0 and RATES_NOTICE in checked.stderr.splitlines()
    planned = _run("plan", source, "--time-limit", "1", "--workers", "1", "--out", tmp_path / "plan")
    assert planned.returncode == 0 and RATES_NOTICE in planned.stderr.splitlines()


def test_check_says_nothing_about_rates_when_the_board_has_them() -> None:
    """The template gives daily rates: no notice about them."""
    result = _run("check", TEMPLATE)
    assert result.returncode == 0 and "daily rates" not in result.stderr


def test_check_says_which_time_zone_a_board_without_one_gets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV with no time zone on a Denver computer: one warning line naming the zone and why."""
    monkeypatch.setenv("TZ", "America/Denver")
    board = tmp_path / "board.csv"
    board.write_text("Scene,Int/Ext,Set,Pages\n1,INT,DINER - BOOTH,1\nEnd of Day 1\n")
    result = _run("check", board)
    assert result.returncode == 0, result.stderr
    notice = "warning: board.csv: no time zone given: using America/Denver, from this computer's settings"
    assert [line for line in result.stderr.splitlines() if "time zone" in line] == [notice]


def test_a_bug_is_reported_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception says it is a bug and how to report it; -v adds the traceback."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("shootplan.cli.common.read_production_from", broken)  # what check reads with
    result = _run("check", MESSY)
    # A bug has its own exit code: a script tells it from its own bad input (1).
    assert result.returncode == 70 and "Traceback" not in result.stderr
    assert "shootplan hit a bug (RuntimeError: boom)" in result.stderr and "show_versions" in result.stderr
    assert "Traceback" in _run("check", MESSY, "-v").stderr


# --------------------------------------------------------------------------- plan


@pytest.mark.slow
def test_plan_writes_every_output_and_prints_the_scorers_metrics(planned: Planned) -> None:
    """plan template.xlsx writes xlsx, json and calendars; the printed metrics are evaluate()'s."""
    out = planned.out
    payload = json.loads((out / "schedule.json").read_text())
    assert set(payload) == {"schedule", "metrics", "solver", "production"}
    assert payload["solver"]["status"] in {"optimal", "feasible"}
    production = read_production(TEMPLATE)
    # The board has no id: plan made one, and every output carries it.
    written = Production.model_validate_json((out / "production.json").read_text())
    assert written.id is not None and payload["production"] == {"id": written.id, "name": production.name}
    assert written.replace(id=None) == production
    schedule = Schedule.model_validate(payload["schedule"])
    check = evaluate(production, schedule)
    assert check.is_feasible, check.violations
    assert payload["metrics"] == check.metrics()
    _printed_matches(planned.result.stdout, production, schedule)
    assert load_workbook(out / "schedule.xlsx", read_only=True).sheetnames[0] == "Stripboard"
    feeds = sorted(path.name for path in (out / "calendars").glob("*.ics"))
    assert "unit.ics" in feeds and any(name.startswith("cast-") for name in feeds)
    assert lint_ics((out / "calendars" / "unit.ics").read_bytes()) == []
    assert "your board" not in planned.result.stdout  # the template has no day breaks


@pytest.mark.slow
def test_plan_scores_the_ads_own_board_beside_its_plan(tmp_path: Path) -> None:
    """A board with day breaks: planned within its 7 days, its metrics printed beside the plan's."""
    result = _run("plan", MESSY, "--time-limit", "2", "--out", tmp_path / "plan")
    assert result.returncode == 0, result.stderr
    assert "planning within the 7 days of your board's day breaks" in result.stderr
    production = read_production(MESSY)
    payload = json.loads((tmp_path / "plan" / "schedule.json").read_text())
    mine = Schedule.model_validate(payload["schedule"])
    assert mine.num_days <= 7
    _printed_matches(result.stdout, production, mine, column=0)
    _printed_matches(result.stdout, production, Schedule.from_board(production, "messy_board"), column=1)
    line = re.search(
        r"your board: 7 moves, 7 hold days; shootplan: (\d+) moves, (\d+) hold days", result.stdout
    )
    assert line is not None, result.stdout
    broken = len(evaluate(production, Schedule.from_board(production, "messy_board")).violations)
    assert broken >= 2  # the page and time caps of its day 5, and more on the clock
    assert f"your board breaks {broken} rules: shootplan score {MESSY} lists them" in result.stdout


def test_plan_writes_what_its_bound_rests_on(tmp_path: Path) -> None:
    """Diner and farm open only on March 3rd: schedule.json says one company move is forced."""
    data = small_production_data()
    data["locations"][0]["windows"] = ["2027-03-03"]
    data["locations"][1]["windows"] = ["2027-03-03"]
    data["scenes"] = [dict(data["scenes"][0], eighths=12), dict(data["scenes"][1], eighths=12)]
    data["rules"] = {"max_shoot_days": 5, "shoot_day_cost": 0}  # the move alone is the bound
    source = tmp_path / "production.json"
    source.write_text(Production.model_validate(data).model_dump_json())
    result = _run("plan", source, "--time-limit", "2", "--workers", "1", "--out", tmp_path / "plan")
    assert result.returncode == 0, result.stderr
    solver = json.loads((tmp_path / "plan" / "schedule.json").read_text())["solver"]
    run = json.loads((tmp_path / "plan" / "run.json").read_text())
    assert solver["bound"] == 5000
    assert len(solver["bound_reasons"]) == 1
    assert solver["bound_reasons"][0].startswith("at least 1 company move")
    # When the cost last fell is recorded, and the printed words are the ones for these numbers.
    assert 0 < run["last_improvement"] <= run["runtime"]
    words = describe_quality(
        solver["objective"],
        solver["bound"],
        runtime=run["runtime"],
        last_improvement=run["last_improvement"],
        proven=solver["status"] == "optimal",
    )
    printed = " ".join(result.stdout[result.stdout.index("search: ") :].split())  # lines may wrap
    assert printed.startswith(f"search: {solver['status']}; ")
    assert " ".join(words) in printed and "%" not in printed.split(" bound: ")[0]


def test_search_line_lists_the_bound_reasons_while_not_proven(small_production: Production) -> None:
    """A feasible plan: the bound in money and words, when the cost last fell, then the reasons."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    reasons = ["at least 1 company move: reason one", "at least 2 hold days for 3. MAE: reason two"]
    feasible = Result(
        Status.FEASIBLE, schedule, 9000.0, 6000.0, 10.0, bound_reasons=reasons, last_improvement=9.0
    )
    assert search_line(feasible).plain.splitlines() == [
        "search: feasible; 10.0 s, cp-sat",
        "  at most 3,000 could still be saved: no schedule can cost less than 6,000",
        "  the cost last fell at 9.0 s of 10: more time would likely help",
        *(f"  bound: {reason}" for reason in reasons),
    ]
    proven = Result(
        Status.OPTIMAL, schedule, 9000.0, 9000.0, 1.0, bound_reasons=reasons, last_improvement=0.4
    )
    assert search_line(proven).plain.splitlines() == [
        "search: optimal; 1.0 s, cp-sat",
        "  proven best: no schedule can cost less than 9,000",
    ]


def test_search_line_says_plainly_when_the_bound_proves_little(small_production: Production) -> None:
    """A gap over half reads as what it is, never as a percentage; a long quiet spell is stated."""
    schedule = Schedule.from_day_lists(small_production, [["1", "2", "3"], ["4", "5", "6"]])
    weak = Result(Status.FEASIBLE, schedule, 349_050.0, 5_000.0, 60.2, last_improvement=20.0)
    lines = search_line(weak).plain.splitlines()
    assert lines[1:] == [
        "  the bound proves little here: it only rules out schedules under 5,000, so how much more"
        " could be saved is unknown",
        "  no better schedule found in the last 40 s of 60",
    ]
    assert "%" not in search_line(weak).plain


def test_plan_infeasible_exits_3_and_says_why(tmp_path: Path) -> None:
    """Two days cannot hold 31 pages: exit 3, the reason printed, nothing written."""
    result = _run("plan", MESSY, "--days", "2", "--time-limit", "5", "--out", tmp_path / "plan")
    assert _failed_cleanly(result, 3)
    assert "no schedule exists" in result.stderr and "5 pages" in result.stderr
    assert not (tmp_path / "plan").exists()


def test_plan_bad_input_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    """A board with a bad cell: exit 1, the cell named, no output folder."""
    board = tmp_path / "board.csv"
    board.write_text("Scene,Int/Ext,Set,Pages,Cast\n1,INT,DINER - BOOTH,1 2/8,1\n2,EXT,FARM,-3,1\n")
    result = _run("plan", board, "--time-limit", "1", "--out", tmp_path / "plan")
    assert _failed_cleanly(result, 1)
    assert "row 3, column Pages" in result.stderr
    assert not (tmp_path / "plan").exists()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="needs POSIX SIGINT")
def test_ctrl_c_during_plan_writes_the_best_schedule_so_far(tmp_path: Path) -> None:
    """SIGINT after the first progress line: exit 0, 'Interrupted', the schedule so far written."""
    out = tmp_path / "plan"
    process = subprocess.Popen(
        [*COMMAND, "plan", str(TEMPLATE), "--time-limit", "120", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A parent that ignores SIGINT (a background job) would pass that on; the user's shell does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # progress lines go to stderr, one per second at most
        seen.append(line)
        if " cost " in line:
            break
    process.send_signal(signal.SIGINT)
    try:
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    stderr = "".join(seen) + stderr
    assert process.returncode == 0, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    payload = json.loads((out / "schedule.json").read_text())
    assert payload["solver"]["interrupted"] is True
    assert json.loads((out / "run.json").read_text())["runtime"] < 60
    production = read_production(TEMPLATE)
    _printed_matches(stdout, production, Schedule.model_validate(payload["schedule"]))


# --------------------------------------------------------------------------- score


def test_score_lists_every_rule_the_board_breaks() -> None:
    """score on the messy board prints its metrics and both broken rules of day 5."""
    result = _run("score", MESSY)
    assert result.returncode == 0, result.stderr
    assert "company moves   7" in result.stdout
    assert "[page cap] day 5 has 5 1/8 pages, over the cap of 5" in result.stdout
    assert "[time cap] day 5" in result.stdout


@pytest.mark.slow
def test_score_a_schedule_json(planned: Planned) -> None:
    """score production.json schedule.json: the plan breaks no rule."""
    result = _run("score", planned.out / "production.json", planned.out / "schedule.json")
    assert result.returncode == 0, result.stderr
    assert re.search(r"violations\s+0", result.stdout)


def test_score_without_day_breaks_or_schedule_is_bad_input() -> None:
    """The template has no board: score alone cannot score anything, exit 1."""
    result = _run("score", TEMPLATE)
    assert _failed_cleanly(result, 1)
    assert "no day breaks" in result.stderr


# --------------------------------------------------------------------------- dood and calendars


@pytest.mark.slow
def test_dood_writes_the_day_out_of_days(planned: Planned, tmp_path: Path) -> None:
    """dood: dood.xlsx beside the schedule by default, .csv on request, - prints CSV."""
    result = _run("dood", planned.out / "schedule.json")
    assert result.returncode == 0, result.stderr
    assert load_workbook(planned.out / "dood.xlsx", read_only=True).sheetnames == ["Day Out of Days"]
    production = read_production(TEMPLATE)
    schedule = Schedule.model_validate(json.loads((planned.out / "schedule.json").read_text())["schedule"])
    frame = day_out_of_days(production, schedule)
    for member in production.cast[:3]:
        row = frame.loc[member.id]
        totals = r"\s+".join(str(row[column]) for column in ("work", "hold", "drop", "total"))
        assert re.search(rf"{member.character or member.name}\s.*\s{totals}\s*$", result.stdout, re.M), member
    csv_result = _run("dood", planned.out / "schedule.json", "--out", tmp_path / "dood.csv")
    assert csv_result.returncode == 0, csv_result.stderr
    named = dood_with_names(production, frame)
    assert list(named.columns[:2]) == ["performer", "character"]
    assert (tmp_path / "dood.csv").read_bytes().decode() == inert_csv(named)
    piped = _run("-q", "dood", planned.out / "schedule.json", "--out", "-")
    # Click's test runner reads CRLF back as LF.
    assert piped.returncode == 0 and piped.stdout == inert_csv(named).replace("\r\n", "\n")


@pytest.mark.slow
def test_dood_and_calendars_bad_input(planned: Planned, tmp_path: Path) -> None:
    """Broken JSON, an unknown scene: exit 1; no production.json, a .pdf: exit 2; no traceback."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"schedule": {"days": [')
    unknown = tmp_path / "unknown.json"
    unknown.write_text('{"days": [{"number": 1, "date": "2027-03-01", "scenes": ["999"]}]}')
    production = ("--production", planned.out / "production.json")
    for command in ("dood", "calendars"):
        result = _run(command, broken, *production)
        assert _failed_cleanly(result, 1) and "not valid JSON" in result.stderr
        result = _run(command, unknown, *production)
        assert _failed_cleanly(result, 1) and "999" in result.stderr
        result = _run(command, unknown)
        assert _failed_cleanly(result, 2) and "--production" in result.stderr
    result = _run("dood", planned.out / "schedule.json", "--out", tmp_path / "dood.pdf")
    assert _failed_cleanly(result, 2) and ".xlsx or .csv" in result.stderr


@pytest.mark.slow
def test_calendars_match_plans_and_update_in_place(planned: Planned, tmp_path: Path) -> None:
    """calendars writes the feeds plan wrote, byte for byte; writing again changes nothing."""
    feeds = tmp_path / "feeds"
    result = _run("calendars", planned.out / "schedule.json", "--out", feeds)
    assert result.returncode == 0, result.stderr
    written = {path.name: path.read_bytes() for path in feeds.glob("*.ics")}
    assert written == {path.name: path.read_bytes() for path in (planned.out / "calendars").glob("*.ics")}
    again = _run("calendars", planned.out / "schedule.json", "--out", feeds)
    assert again.returncode == 0, again.stderr
    assert f"{len(written)} unchanged" in again.stdout


@pytest.mark.slow
def test_calendars_of_a_schedule_without_created_use_the_files_time(planned: Planned, tmp_path: Path) -> None:
    """A hand-written schedule without 'created' still gets feeds, stamped with the file's time."""
    payload = json.loads((planned.out / "schedule.json").read_text())
    payload["schedule"].pop("created")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(payload["schedule"]))
    result = _run(
        "calendars", edited, "--production", planned.out / "production.json", "--out", tmp_path / "f"
    )
    assert result.returncode == 0, result.stderr
    assert "no 'created' time" in result.stderr and (tmp_path / "f" / "unit.ics").exists()


# --------------------------------------------------------------------------- demo


@pytest.mark.slow
def test_demo_writes_every_output_and_its_metrics_match_the_scorer(tmp_path: Path) -> None:
    """demo plans the example into its folder: every output, metrics as evaluate() computes them."""
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    result = _run("demo", "--time-limit", "2", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "out" / "schedule.json").read_text())
    schedule = Schedule.model_validate(payload["schedule"])
    production = example_production()
    check = evaluate(production, schedule)
    assert check.is_feasible, check.violations
    assert payload["metrics"] == check.metrics()
    _printed_matches(result.stdout, production, schedule)
    for name in ("schedule.xlsx", "production.json", "calendars/unit.ics"):
        assert (tmp_path / "out" / name).stat().st_size > 0, name


def test_plan_never_overwrites_its_input_inside_out(tmp_path: Path) -> None:
    """plan out/schedule.xlsx --out out: refused before any solve (exit 2), the board untouched."""
    out = tmp_path / "plan"
    out.mkdir()
    board = out / "schedule.xlsx"
    shutil.copy(TEMPLATE, board)
    before = board.read_bytes()
    result = _run("plan", board, "--out", out, "--time-limit", "1")
    assert _failed_cleanly(result, 2)
    assert "would replace the file you read" in result.stderr
    assert board.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["schedule.xlsx"]


@pytest.mark.parametrize("option, name", [("--board", "schedule.xlsx"), ("--changes", "changes.xlsx")])
def test_replan_never_overwrites_its_board_or_changes_inside_out(
    tmp_path: Path, option: str, name: str
) -> None:
    """replan out --board out/schedule.xlsx --out out (or a changes file replan writes over):
    refused before any solve (exit 2), the file untouched."""
    from shootplan.io.excel import write_excel
    from shootplan.io.json import write_production, write_schedule

    out = tmp_path / "plan"
    out.mkdir()
    production = Production.model_validate(small_production_data())
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["3", "6"]])
    write_production(out / "production.json", production)
    write_schedule(out / "schedule.json", schedule)
    write_excel(production, schedule, out / "schedule.xlsx")
    shutil.copy(out / "schedule.xlsx", out / "changes.xlsx")
    kept = {path.name: path.read_bytes() for path in out.iterdir()}
    today = str(schedule.days[0].date)
    result = _run("replan", out, option, out / name, "--today", today, "--out", out, "--time-limit", "1")
    assert _failed_cleanly(result, 2)
    assert "would replace the file you read" in result.stderr and name in result.stderr
    assert {path.name: path.read_bytes() for path in out.iterdir()} == kept


def test_messages_are_bounded_and_inert(tmp_path: Path) -> None:
    """Huge cells and escape sequences in a board: each message line stays short, and nothing
    reaches the terminal that would clear the screen."""
    rows = ["Scene,Set,Pages,Cast"]
    # The escape sequence in the Pages cell, which every message quotes (a Set cell is not quoted).
    rows += [f"{n},DINER - BOOTH,\x1b[2J{'9' * 100_000},1" for n in range(1, 21)]
    board = tmp_path / "board.csv"
    board.write_text("\n".join(rows) + "\n")
    result = _run("check", board)
    assert _failed_cleanly(result, 1)
    assert "\x1b" not in result.stderr
    assert len(result.stderr) < 20 * 1_000
    assert max(map(len, result.stderr.splitlines())) < 600


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("plan", "--start", "2027-02-31"),
        ("callsheets", "--date", "2027-02-31"),
        ("sweep", "--start", "2027-02-31"),
        ("sweep", "--start", "2027-03-01,2027-02-31"),
    ],
)
def test_a_date_that_does_not_exist_says_so(command: str, option: str, value: str) -> None:
    """2027-02-31 has the right shape: every command's date option says the date does not exist."""
    result = _run(command, MESSY, option, value)
    assert result.returncode == 2
    assert (
        f"Invalid value for '{option}': 2027-02-31 is not a date: February 2027 has 28 days" in result.stderr
    )
    assert "does not match the format" not in result.stderr and "write start dates" not in result.stderr


@pytest.mark.slow
def test_plan_plans_within_the_latest_revision_and_names_it(tmp_path: Path) -> None:
    """Two stripboards, the header's schedule colour naming the first current: planned within its
    3 days, named."""
    board = tmp_path / "passes.uss"
    board.write_text(json.dumps(revisions_uss(sched_color="Blue", first="Rev. BLUE")))
    result = _run("plan", board, "--start", "2027-03-01", "--time-limit", "1", "--out", tmp_path / "plan")
    assert result.returncode == 0, result.stderr
    assert "planning within the 3 days of board 'Rev. BLUE', the latest of your 2 boards" in result.stderr


def test_check_says_where_the_production_name_came_from() -> None:
    """The messy board names its production in A1: check says so, and the name is that title."""
    result = _run("check", MESSY)
    assert result.returncode == 0, result.stderr
    assert "production: SALT & STATIC (from the title cell A1)" in result.stdout

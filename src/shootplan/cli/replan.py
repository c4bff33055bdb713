"""``shootplan replan``: re-plan the remaining days after a disruption, from the command line.

It shares everything with the other commands: the error decorator and exit codes, ``-v``/``-q``,
Ctrl-C handling, the schedule.json reader and writer, and one output folder written as a unit.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from shootplan.cli.common import (
    INPUT_FILE,
    ISO_DATE,
    command,
    console,
    fit,
    note,
    num_workers_option,
    out_folder_option,
    output_sets,
    read_input,
    seed_option,
    time_limit_option,
)
from shootplan.cli.export import CALENDARS, PRODUCTION_JSON, identified
from shootplan.cli.outputs import (
    CALL_SHEETS,
    RUN_JSON,
    SCHEDULE_JSON,
    SCHEDULE_XLSX,
    callsheet_url_option,
    no_schedule,
    refuse_to_replace,
    refuse_unwritable,
)
from shootplan.cli.progress import progress
from shootplan.errors import ShootplanError
from shootplan.io._files import OutputSet, write_bytes
from shootplan.io.callsheet import write_call_sheets
from shootplan.io.excel import write_changes_workbook, write_excel
from shootplan.io.ics import write_revised_calendars
from shootplan.io.ics.options import published_folder
from shootplan.io.json import (
    published_section,
    read_call_sheet_base,
    read_schedule,
    write_production,
    write_run,
    write_schedule,
)
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.replanning import Changes, ReplanResult, replan, with_board

__all__ = ["replan_command"]

CHANGES_XLSX = "changes.xlsx"


def replan_section(result: ReplanResult) -> dict[str, Any]:
    """schedule.json's ``replan`` section: when, from where, what happened and what moved."""
    return {
        "today": result.today.isoformat(),
        "replanned_from": result.open_from.isoformat(),
        "frozen_days": result.num_frozen_days,
        "changes": result.changes.describe(result.before),
        "previous_cost": result.previous_evaluation.cost,
        "previous_violations": len(result.previous_evaluation.violations),
        "cost_change": result.cost_delta,
        "moves": [
            {
                "scene": m.scene,
                "from_date": m.from_date.isoformat() if m.from_date else None,
                "from_day": m.from_day,
                "to_date": m.to_date.isoformat() if m.to_date else None,
                "to_day": m.to_day,
                "reason": m.reason,
            }
            for m in result.moves
        ],
    }


def _summary(result: ReplanResult) -> Table:
    before, after = (e.metrics() for e in result.comparison.evaluations)
    title = f"{fit(result.production.name, 40)}: re-planned from {result.open_from}"
    table = Table(title=title, title_justify="left", box=None)
    for header in ("", "before", "after", "change"):
        table.add_column(header, justify="right" if header else "left", no_wrap=True)
    for key, label in (
        ("cost", "cost"),
        ("hold_days", "hold days"),
        ("company_moves", "company moves"),
        ("location_returns", "location returns"),
        ("shoot_days", "shoot days"),
        ("violations", "rule violations"),
    ):
        change = after[key] - before[key]
        shown = format_money if key == "cost" else _count_figure
        table.add_row(
            label, shown(before[key]), shown(after[key]), shown(change, signed=True) if change else ""
        )
    table.add_row("churn cost", "", format_money(result.churn_cost), "")
    table.add_row("scenes moved", "", str(result.num_moved), "")
    table.add_row("status", "", result.status.value, "")
    table.add_row("time", "", f"{result.runtime:.1f} s", "")
    return table


def _count_figure(number: float, *, signed: bool = False) -> str:
    """A count as the table shows it: ``12``, ``+3``."""
    return f"{round(number):+,}" if signed else f"{round(number):,}"


@click.command("replan", short_help="Re-plan the days not yet shot after a disruption: fewest changes.")
@click.argument("plan_path", metavar="PLAN", type=INPUT_FILE)
@click.option(
    "--board",
    "board_path",
    type=INPUT_FILE,
    help="A board (or any production file) with edits to bring in; the planned production stays"
    " the base and a notice lists what differs.",
)
@click.option(
    "--schedule",
    "schedule_path",
    type=INPUT_FILE,
    help="The older form: PLAN is then a board or production file and this the schedule.json.",
)
@click.option(
    "--today",
    required=True,
    type=ISO_DATE,
    metavar="YYYY-MM-DD",
    help="Today's date: earlier days are shot.",
)
@click.option(
    "--changes",
    "changes_path",
    type=INPUT_FILE,
    help="What happened, as JSON (cast_unavailable, weather, location_lost, days_off...).",
)
@click.option(
    "--replan-today",
    is_flag=True,
    help="Today is not shot yet: it may change too (default: today stays as planned, unless the"
    " changes make its work impossible).",
)
@click.option(
    "--today-under-way",
    is_flag=True,
    help="Today's work has started: a change that makes it impossible stops the re-plan (exit 3)"
    " instead of re-planning today.",
)
@click.option(
    "--allow-more-days",
    is_flag=True,
    help="The re-plan may use more shoot days than the plan has (default: only add_shoot_days adds).",
)
@time_limit_option(30.0, "Seconds to search; Ctrl-C stops earlier and keeps the best schedule so far.")
@num_workers_option
@seed_option
@click.option(
    "--weight-churn",
    type=click.FloatRange(min=0),
    default=1000.0,
    show_default=True,
    help="Cost of moving one scene off its planned date (more for the next few days);"
    " as replan(weight_churn=...).",
)
@out_folder_option(Path("shootplan-replan"))
@click.option(
    "--calendars",
    "calendar_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Folder of the published calendar feeds, updated in place (default: OUT/{CALENDARS}).",
)
@callsheet_url_option(
    "The web address OUT/callsheets/ will be published at, for the unit feed's links (default:"
    " the address the plan was made with, kept in its schedule.json)."
)
@command
def replan_command(
    plan_path: Path,
    board_path: Path | None,
    schedule_path: Path | None,
    today: datetime,
    changes_path: Path | None,
    replan_today: bool,
    today_under_way: bool,
    allow_more_days: bool,
    time_limit: float,
    num_workers: int | None,
    seed: int,
    weight_churn: float,
    out: Path,
    calendar_dir: Path | None,
    call_sheet_base: str | None,
) -> None:
    """Re-plan the days not yet shot after a disruption, changing as little as is worth it.

    Writes OUT/schedule.json (as plan does, plus what moved), OUT/schedule.xlsx, OUT/changes.xlsx
    (the scenes that moved and why, metrics before and after), OUT/production.json (the
    production after the changes: give it to the next replan), calendar feeds whose SEQUENCE
    and cancellations follow exactly what changed, and OUT/callsheets/ (the changed days' sheets
    marked revised, the others as issued). OUT is written all at once: a Ctrl-C or an
    error while writing leaves what was there.

    \b
    changes.json, for example:
      {"cast_unavailable": [{"cast": "1", "dates": ["2027-03-10..2027-03-12"]}],
       "weather": [{"dates": ["2027-03-15"], "note": "storm"}],
       "add_shoot_days": 1}

    PLAN is the plan's folder (or its schedule.json); the production.json beside it, with every
    setting plan applied, is re-planned. The day count grows only by add_shoot_days or
    --allow-more-days, and a notice says so first. Call sheets are linked as plan linked them.

    \b
    Example:
      shootplan replan plan/ --today 2027-03-09 --changes changes.json --out replan/
      shootplan replan plan/ --board board.xlsx --today 2027-03-09 --changes changes.json
    """
    _refuse_before_solving(replan_today, today_under_way, out, board_path, changes_path)
    schedule_path, production = _sources(plan_path, schedule_path, board_path)
    feeds_before = schedule_path.parent / CALENDARS
    production = identified(
        production,
        *(schedule_path.parent / PRODUCTION_JSON, out / PRODUCTION_JSON),
        *(calendar_dir or out / CALENDARS, feeds_before),
    )
    current = read_schedule(schedule_path)
    call_sheet_base = _call_sheet_base(call_sheet_base, schedule_path)
    for folder in filter(None, (out, calendar_dir)):
        refuse_unwritable(folder)
    changes = _news(changes_path, production)
    with progress(f"re-planning {production.name}", time_limit) as callback:
        result = replan(
            production,
            current,
            today=today.date(),
            changes=changes,
            freeze_today=not replan_today,
            today_under_way=today_under_way,
            allow_more_days=allow_more_days,
            time_limit=time_limit,
            num_workers=num_workers,
            seed=seed,
            weight_churn=weight_churn,
            progress=callback,
        )
    for notice in result.notices:  # days added, today re-planned: before anything else
        note(str(notice))
    if result.schedule is None:
        no_schedule(result, time_limit)
    if result.interrupted:
        console.print("[yellow]Interrupted: keeping the best schedule found so far.[/]")
    solver = {"time_limit": time_limit, "seed": seed, "num_workers": num_workers}
    solver["churn_cost"] = result.churn_cost
    feeds = _write_outputs(result, out, calendar_dir, feeds_before, solver, call_sheet_base)
    _report(result, out, calendar_dir, feeds)


def _call_sheet_base(given: str | None, schedule_path: Path) -> str | None:
    """--callsheet-url, else the address the plan was published with (its schedule.json keeps it),
    so that the feeds' links stay as phones have them; a stored address is checked as the option."""
    if given is not None:
        return given
    stored = read_call_sheet_base(schedule_path)
    if stored is None:
        return None
    try:
        base = published_folder(stored)
    except ShootplanError as problem:
        raise ShootplanError(f"{schedule_path}: {problem}") from None
    note(f"call sheets linked at {base}/ (from {schedule_path}; --callsheet-url changes it)")
    return base


def _news(changes_path: Path | None, production: Production) -> Changes:
    """The changes read and said, one line each."""
    changes = Changes.load(changes_path) if changes_path is not None else Changes()
    for what in changes.describe(production):
        console.print(f"  {what}", markup=False)
    return changes


def _report(result: ReplanResult, out: Path, calendar_dir: Path | None, feeds: int) -> None:
    """The table, the moves with their reasons, and where everything went."""
    console.print(_summary(result))
    for move in result.moves[:20]:
        console.print(f"  {move}", markup=False)
    if len(result.moves) > 20:
        console.print(f"  ... and {len(result.moves) - 20} more ({CHANGES_XLSX})")
    console.print("Outputs:")
    for name in (SCHEDULE_JSON, PRODUCTION_JSON, SCHEDULE_XLSX, CHANGES_XLSX, RUN_JSON):
        console.print(f"  {out / name}", markup=False)
    console.print(f"  {feeds} calendar feeds in {calendar_dir or out / CALENDARS}", markup=False)
    console.print(f"  {out / CALL_SHEETS}", markup=False)


def _sources(plan_path: Path, schedule_path: Path | None, board_path: Path | None) -> tuple[Path, Production]:
    """The schedule everybody works to and the production to re-plan (module docs of the command)."""
    if schedule_path is None:
        schedule_path = plan_path / SCHEDULE_JSON if plan_path.is_dir() else plan_path
        planned_path: Path | None = schedule_path.parent / PRODUCTION_JSON
    else:
        # The older form, PLAN --schedule S: the production.json beside S is the planned one (the
        # day count and every setting plan applied); PLAN, unless it is that file, brings edits.
        planned_path = schedule_path.parent / PRODUCTION_JSON
        if not planned_path.is_file() and plan_path.suffix.lower() == ".json":
            planned_path = plan_path
        elif not _same_file(plan_path, planned_path):
            board_path = board_path or plan_path
    if not schedule_path.is_file():
        raise ShootplanError(f"{plan_path}: no {SCHEDULE_JSON} there (give the folder plan wrote)")
    if planned_path is None or not planned_path.is_file():
        if board_path is None:
            raise ShootplanError(
                f"no {PRODUCTION_JSON} beside {schedule_path}: give the board the plan was made from"
                " with --board"
            )
        note(f"no {PRODUCTION_JSON} beside {schedule_path}: re-planning {board_path} as it is")
        return schedule_path, read_input(board_path)
    planned = read_input(planned_path)
    if board_path is None:
        return schedule_path, planned
    production, differences = with_board(planned, read_input(board_path))
    if not differences:
        note(f"{board_path} matches the planned production ({planned_path})")
    else:
        note(f"{board_path} differs from the planned production ({planned_path}):")
        for line in differences:
            console.print(f"  {line}", markup=False)
    return schedule_path, production


def _refuse_before_solving(
    replan_today: bool, today_under_way: bool, out: Path, *inputs: Path | None
) -> None:
    """Stop before solving on options that contradict each other, or when the board or changes
    the AD edited is a file OUT would replace."""
    if replan_today and today_under_way:
        raise click.UsageError(
            "--replan-today says today may change, --today-under-way that it has started: give one"
        )
    for source in filter(None, inputs):
        refuse_to_replace(source, out, command="replan", also=(CHANGES_XLSX, RUN_JSON))


def _same_file(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.resolve() == b.resolve()


def _write_outputs(
    result: ReplanResult,
    out: Path,
    calendar_dir: Path | None,
    published: Path,
    solver: dict[str, Any],
    call_sheet_base: str | None,
) -> int:
    """Every output of the re-plan; OUT (and a --calendars folder outside it) each as one unit.

    ``call_sheet_base``: where the unit feed links each day's call sheet, kept in schedule.json
    for the next re-plan."""
    assert result.schedule is not None
    outside = calendar_dir is not None and not _inside(calendar_dir, out)
    folders = (out, calendar_dir) if outside and calendar_dir is not None else (out,)
    with output_sets(*folders) as stages:
        stage = stages[0]
        write_schedule(
            stage.path(SCHEDULE_JSON),
            result.schedule,
            evaluation=result.evaluation,
            result=result,
            solver=solver,
            replan=replan_section(result),
            production={"id": result.production.id, "name": result.production.name},
            **published_section(call_sheet_base),
        )
        write_run(stage.path(RUN_JSON), result)
        write_production(stage.path(PRODUCTION_JSON), result.production)
        write_excel(result.production, result.schedule, stage.path(SCHEDULE_XLSX), result=result)
        write_changes_workbook(result, stage.path(CHANGES_XLSX))
        feeds = _feeds_folder(stages, out, calendar_dir)
        _carry_on_from(published, feeds)
        files = write_revised_calendars(result, feeds, call_sheet_base=call_sheet_base)
        _revised_call_sheets(result, published.parent / CALL_SHEETS, stage.path(CALL_SHEETS))
    for notice in files.notices():  # feeds cancelled, damaged entries repaired
        note(notice)
    console.print("What phones will receive (events per feed):")
    for line in files.phones():
        console.print(f"  {line}", markup=False)
    return len(files.paths)


def _revised_call_sheets(result: ReplanResult, issued: Path, sheets: Path) -> None:
    """The call sheets, starting from those issued with the old plan: changed days are issued
    again marked revised, the others (and the days already shot) stay as the crew has them."""
    assert result.schedule is not None
    if not any(sheets.glob("day-*")) and issued.is_dir():
        sheets.mkdir(parents=True, exist_ok=True)
        for sheet in issued.glob("day-*"):
            write_bytes(sheets / sheet.name, sheet.read_bytes())
    write_call_sheets(
        result.production,
        result.schedule,
        sheets,
        previous=(result.before, result.previous),
        revised_at=result.schedule.created,
        keep_before=result.open_from,
    )


def _inside(folder: Path, out: Path) -> bool:
    return folder.absolute().is_relative_to(out.absolute())


def _feeds_folder(stages: list[OutputSet], out: Path, calendar_dir: Path | None) -> Path:
    """Where in the staged sets the feeds go."""
    if calendar_dir is None:
        return stages[0].path(CALENDARS)
    if len(stages) > 1:
        return stages[1].path(".")
    return stages[0].path(calendar_dir.absolute().relative_to(out.absolute()))


def _carry_on_from(published: Path, feeds: Path) -> None:
    """Start from the feeds published with the old schedule (plan writes them beside schedule.json).

    They are what phones hold: carrying on from them continues every SEQUENCE exactly.
    """
    if any(feeds.glob("*.ics")) or not published.is_dir() or not any(published.glob("*.ics")):
        return
    feeds.mkdir(parents=True, exist_ok=True)
    for feed in published.glob("*.ics"):
        write_bytes(feeds / feed.name, feed.read_bytes())

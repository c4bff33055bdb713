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
    command,
    console,
    fit,
    num_workers_option,
    out_folder_option,
    output_sets,
    read_input,
    seed_option,
    time_limit_option,
)
from shootplan.cli.export import CALENDARS, PRODUCTION_JSON
from shootplan.cli.outputs import RUN_JSON, SCHEDULE_JSON, SCHEDULE_XLSX, no_schedule
from shootplan.cli.progress import progress
from shootplan.io._files import OutputSet, write_bytes
from shootplan.io.excel import write_changes_workbook, write_excel
from shootplan.io.ics import write_revised_calendars
from shootplan.io.json import read_schedule, write_production, write_run, write_schedule
from shootplan.money import format_money
from shootplan.replanning import Changes, ReplanResult, replan

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
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--schedule",
    "schedule_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The schedule everybody works to now (schedule.json from plan or replan).",
)
@click.option(
    "--today",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Today's date: earlier days are shot.",
)
@click.option(
    "--changes",
    "changes_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="What happened, as JSON (cast_unavailable, weather, location_lost, days_off...).",
)
@click.option(
    "--replan-today",
    is_flag=True,
    help="Today is not shot yet: it may change too (default: today stays as planned).",
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
@command
def replan_command(
    file: Path,
    schedule_path: Path,
    today: datetime,
    changes_path: Path | None,
    replan_today: bool,
    time_limit: float,
    num_workers: int | None,
    seed: int,
    weight_churn: float,
    out: Path,
    calendar_dir: Path | None,
) -> None:
    """Re-plan the days not yet shot after a disruption, changing as little as is worth it.

    Writes OUT/schedule.json (as plan does, plus what moved), OUT/schedule.xlsx, OUT/changes.xlsx
    (the scenes that moved and why, metrics before and after), OUT/production.json (the
    production after the changes: give it to the next replan) and calendar feeds whose SEQUENCE
    and cancellations follow exactly what changed. OUT is written all at once: a Ctrl-C or an
    error while writing leaves what was there.

    \b
    changes.json, for example:
      {"cast_unavailable": [{"cast": "1", "dates": ["2027-03-10..2027-03-12"]}],
       "weather": [{"dates": ["2027-03-15"], "note": "storm"}],
       "add_shoot_days": 1}

    \b
    Example:
      shootplan replan board.xlsx --schedule plan/schedule.json --today 2027-03-09 \\
          --changes changes.json --out replan/
    """
    production = read_input(file)
    current = read_schedule(schedule_path)
    changes = Changes.load(changes_path) if changes_path is not None else Changes()
    for what in changes.describe(production):
        console.print(f"  {what}", markup=False)
    with progress(f"re-planning {production.name}", time_limit) as callback:
        result = replan(
            production,
            current,
            today=today.date(),
            changes=changes,
            freeze_today=not replan_today,
            time_limit=time_limit,
            num_workers=num_workers,
            seed=seed,
            weight_churn=weight_churn,
            progress=callback,
        )
    if result.schedule is None:
        no_schedule(result, time_limit)
    if result.interrupted:
        console.print("[yellow]Interrupted: keeping the best schedule found so far.[/]")
    solver = {
        "time_limit": time_limit,
        "seed": seed,
        "num_workers": num_workers,
        "churn_cost": result.churn_cost,
    }
    feeds = _write_outputs(result, out, calendar_dir, schedule_path.parent / CALENDARS, solver)
    console.print(_summary(result))
    for move in result.moves[:20]:
        console.print(f"  {move}", markup=False)
    if len(result.moves) > 20:
        console.print(f"  ... and {len(result.moves) - 20} more ({CHANGES_XLSX})")
    console.print("Outputs:")
    for name in (SCHEDULE_JSON, PRODUCTION_JSON, SCHEDULE_XLSX, CHANGES_XLSX, RUN_JSON):
        console.print(f"  {out / name}", markup=False)
    console.print(f"  {feeds} calendar feeds in {calendar_dir or out / CALENDARS}", markup=False)


def _write_outputs(
    result: ReplanResult, out: Path, calendar_dir: Path | None, published: Path, solver: dict[str, Any]
) -> int:
    """Every output of the re-plan; OUT (and a --calendars folder outside it) each as one unit."""
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
        )
        write_run(stage.path(RUN_JSON), result)
        write_production(stage.path(PRODUCTION_JSON), result.production)
        write_excel(result.production, result.schedule, stage.path(SCHEDULE_XLSX), result=result)
        write_changes_workbook(result, stage.path(CHANGES_XLSX))
        feeds = _feeds_folder(stages, out, calendar_dir)
        _carry_on_from(published, feeds)
        return len(write_revised_calendars(result, feeds).paths)


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

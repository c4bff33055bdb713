"""``shootplan demo``, ``check``, ``plan`` and ``score``: read a production, plan it, score it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from rich.text import Text

from shootplan.cli.common import (
    INPUT_FILE,
    ISO_DATE,
    command,
    console,
    note,
    num_workers_option,
    out_folder_option,
    read_input,
    read_input_from,
    seed_option,
    time_limit_option,
)
from shootplan.cli.export import PRODUCTION_JSON
from shootplan.cli.outputs import (
    SCHEDULE_JSON,
    SCHEDULE_XLSX,
    callsheet_url_option,
    plan_and_write,
    refuse_to_replace,
    refuse_unwritable,
)
from shootplan.errors import ShootplanError
from shootplan.evaluation import evaluate
from shootplan.examples import example_production
from shootplan.io.json import read_schedule
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.schedule import Schedule

__all__ = ["check", "demo", "plan", "score"]


@click.command(short_help="Plan the bundled example production into ./shootplan-demo/.")
@out_folder_option(Path("shootplan-demo"), "Folder for the outputs.")
@time_limit_option(20.0)
@command
def demo(out: Path, time_limit: float) -> None:
    """Plan the bundled example production into ./shootplan-demo/.

    "Low Water at Marlow Falls" (119 scenes, 28 cast, 15 locations) is planned as "shootplan
    plan" would, with every output written: schedule.xlsx, schedule.json, production.json and
    calendars/.

    \b
    Examples:
      shootplan demo
      shootplan demo --time-limit 5 --out /tmp/demo
    """
    production = example_production()
    console.print(production.summary(), markup=False)
    console.print()
    note(_day_limit(production, None)[1])
    plan_and_write(production, out, time_limit=time_limit, num_workers=None, seed=0)
    console.print(f"\nOpen {out / SCHEDULE_XLSX} in Excel or LibreOffice, then try:")
    for line in (
        f"shootplan dood {out / SCHEDULE_JSON}",
        f"shootplan score {out / PRODUCTION_JSON} {out / SCHEDULE_JSON}",
        f"shootplan plan {out / SCHEDULE_XLSX} --time-limit 60 --out {out}-2   (search on from this plan)",
    ):
        console.print(f"  {line}", markup=False)


@click.command(short_help="Validate a board or production file and summarize it.")
@click.argument("file", type=INPUT_FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the production as shootplan Production JSON.")
@command
def check(file: Path, as_json: bool) -> None:
    """Validate a production file (xlsx, csv, USS or JSON) and summarize it.

    Every problem in the file is listed at once, each naming its file, sheet, row and column.

    \b
    Examples:
      shootplan check board.xlsx
      shootplan check board.csv --json > production.json
    """
    read = read_input_from(file)
    production = read.production
    _rates_notice(production)
    if as_json:
        click.echo(production.model_dump_json(indent=1))
        return
    console.print(f"production: {production.name} (from {read.name_source})", markup=False)
    console.print(production.summary(), markup=False)


def _rates_notice(production: Production) -> None:
    """One line when the board gives no daily rates, so holds are priced by the rules' default."""
    if production.has_daily_rates or not any(member.holds for member in production.cast):
        return
    rules = production.rules
    each = format_money(rules.default_daily_rate * rules.hold_cost_factor)
    note(f"no daily rates: each hold day counts as {each}; add Daily Rate on the Cast sheet to weigh them")


def _day_limit(production: Production, days: int | None) -> tuple[Production, str]:
    """The production with the day count it is planned within, and a line saying whose it is."""
    if days is not None:
        return production, f"planning within {days} shoot days (--days {days})"
    limit = production.rules.max_shoot_days
    if limit is not None:
        return production, f"planning within the {limit} shoot days of the Max Shoot Days setting"
    if production.boards:
        # Several boards are revisions: the last is the latest (a USS file's current one).
        name, day_lists = list(production.boards.items())[-1]
        board_days = len(day_lists)
        rules = production.rules.model_copy(update={"max_shoot_days": board_days})
        which = "your board's day breaks"
        if len(production.boards) > 1:
            which = f"board {name!r}, the latest of your {len(production.boards)} boards"
        return (
            production.replace(rules=rules),
            f"planning within the {board_days} days of {which} (--days changes that)",
        )
    return (
        production,
        "planning on the fewest shoot days the caps allow (no --days, Max Shoot Days or day breaks)",
    )


@click.command(short_help="Optimize a production: Excel, JSON and calendars into a folder.")
@click.argument("file", type=INPUT_FILE)
@click.option(
    "--start",
    type=ISO_DATE,
    metavar="YYYY-MM-DD",
    help="Date of shoot day 1 (YYYY-MM-DD), overriding the file.",
)
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Shoot days available, overriding the file (default: its Max Shoot Days setting, else as"
    " many days as your board has, else as many as needed).",
)
@time_limit_option(60.0, "Seconds to search; Ctrl-C stops earlier and keeps the best schedule so far.")
@num_workers_option
@seed_option
@out_folder_option(Path("shootplan-out"))
@callsheet_url_option(
    "The web address OUT/callsheets/ will be published at: each unit-feed day then links its"
    " call sheet (HTML page, PDF attached). Without it the feeds name the file only. Kept in"
    " schedule.json, so replan links the same way."
)
@command
def plan(
    file: Path,
    start: datetime | None,
    days: int | None,
    time_limit: float,
    num_workers: int | None,
    seed: int,
    out: Path,
    call_sheet_base: str | None,
) -> None:
    """Optimize a production and write the schedule as Excel, JSON and calendar feeds.

    \b
    Writes into --out, all at once (a Ctrl-C or an error leaves what was there):
      schedule.xlsx     stripboard, one-liner, Day Out of Days, summary, the production
      schedule.json     the schedule, its metrics and the solver's status
      production.json   the production as planned (dood and calendars read it)
      calendars/*.ics   feeds for the unit, each performer and each location
      callsheets/       a call sheet per shoot day, as PDF and HTML
      run.json          this run's runtime and when the cost last fell

    While it searches it shows the best cost so far, the bound (no schedule can cost less),
    the gap between them, company moves and hold days. When FILE has day breaks, your board is
    scored beside the plan, and a board that meets every rule is where the search starts.
    Re-planning into the same folder updates the calendar feeds in place; when nothing changed
    (--workers 1 and the same --seed find the same plan) every file but run.json keeps its bytes.

    \b
    Examples:
      shootplan plan examples/template.xlsx --time-limit 30 --out plan
      shootplan plan board.csv --start 2027-03-01 --days 24 --out plan
    """
    refuse_to_replace(file, out)
    refuse_unwritable(out)
    production = read_input(file, start=start.date() if start else None, max_shoot_days=days)
    production, within = _day_limit(production, days)
    note(within)
    _rates_notice(production)
    plan_and_write(
        production,
        out,
        time_limit=time_limit,
        num_workers=num_workers,
        seed=seed,
        source=file,
        call_sheet_base=call_sheet_base,
    )


@click.command(short_help="Score a board's day breaks (or a schedule); list broken rules.")
@click.argument("file", type=INPUT_FILE)
@click.argument("schedule_json", required=False, type=INPUT_FILE)
@command
def score(file: Path, schedule_json: Path | None) -> None:
    """Score a board's own day breaks, or a schedule.json, and list every rule broken.

    Without SCHEDULE.json, every board in FILE (its day breaks; one per sheet of a workbook) is
    scored. Metrics: shoot days, company moves, hold days, cost; then each broken rule.

    \b
    Examples:
      shootplan score board.xlsx
      shootplan score plan/production.json plan/schedule.json
    """
    production = read_input(file)
    if schedule_json is not None:
        schedules = {str(schedule_json): read_schedule(schedule_json)}
    elif production.boards:
        schedules = {name: Schedule.from_board(production, name) for name in production.boards}
    else:
        raise ShootplanError(
            f"{file.name} has no day breaks to score (no board): give a schedule.json too,"
            f" e.g. shootplan score {file} plan/schedule.json"
        )
    for name, schedule in schedules.items():
        console.print(Text(f"{name} ({schedule.num_days} shoot days)", style="bold"))
        console.print(str(evaluate(production, schedule)), markup=False)

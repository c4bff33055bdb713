"""``shootplan callsheets``: the call sheets of a schedule.json, as PDF and HTML."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import click

from shootplan.cli.common import INPUT_FILE, ISO_DATE, command, console, output_sets
from shootplan.cli.export import production_for
from shootplan.cli.outputs import CALL_SHEETS
from shootplan.io.callsheet import CALL_SHEET_FORMATS, write_call_sheets
from shootplan.io.json import read_schedule

__all__ = ["callsheets"]


@click.command(short_help="Write a schedule's call sheets (PDF and HTML), one per shoot day.")
@click.argument("schedule_json", type=INPUT_FILE)
@click.option(
    "--production",
    "production_file",
    type=INPUT_FILE,
    help="The production the schedule was planned from (default: production.json beside it).",
)
@click.option("--day", type=click.IntRange(min=1), help="Only this shoot day (its number).")
@click.option(
    "--date",
    "on",
    type=ISO_DATE,
    metavar="YYYY-MM-DD",
    help="Only the shoot day on this date.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(CALL_SHEET_FORMATS),
    multiple=True,
    help="pdf or html (repeat for both; default both).",
)
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Folder for the call sheets (default: {CALL_SHEETS}/ beside SCHEDULE.json).",
)
@command
def callsheets(
    schedule_json: Path,
    production_file: Path | None,
    day: int | None,
    on: datetime | None,
    formats: tuple[str, ...],
    paper: str,
    out: Path | None,
) -> None:
    """Write the call sheet of every shoot day (or of one) as PDF and HTML.

    Each day is day-NN-YYYY-MM-DD.pdf (prints on one Letter or A4 page where the day fits) and
    .html (one self-contained page that reads on a phone and prints). Times are the plan's
    estimate: crew call, each scene's start, meal, moves, wrap; sunrise and sunset at the first
    location. Writing every day replaces the folder's sheets as one set; an unchanged day's
    files keep their bytes.

    \b
    Examples:
      shootplan callsheets plan/schedule.json
      shootplan callsheets plan/schedule.json --day 3 --format pdf --paper a4
      shootplan callsheets plan/schedule.json --date 2027-03-09 --out today
    """
    if day is not None and on is not None:
        raise click.UsageError("give --day or --date, not both")
    folder = out if out is not None else schedule_json.parent / CALL_SHEETS
    production = production_for(schedule_json, production_file)
    schedule = read_schedule(schedule_json)
    days = [day] if day is not None else [on.date()] if on is not None else None
    with output_sets(folder) as (stage,):
        written = write_call_sheets(
            production,
            schedule,
            stage.path("."),
            days,
            formats or CALL_SHEET_FORMATS,
            paper="a4" if paper == "a4" else "letter",
        )
    console.print(f"Written to {folder}{os.sep}: {len(written)} files")
    for path in written:
        console.print(f"  {path.name}", markup=False)

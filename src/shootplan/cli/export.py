"""``shootplan dood`` and ``shootplan calendars``: the single exports of a schedule.json.

Both read a schedule.json (:func:`shootplan.read_schedule`) and, by default, the production.json
that ``plan`` wrote beside it. ``calendars`` writes its folder of feeds as one unit; ``dood``
writes its one file in one step.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import click
import pandas as pd
from rich import box
from rich.table import Table

from shootplan.cli.common import INPUT_FILE, command, console, fit, note, options, output_sets, read_input
from shootplan.io._files import write_text, write_with
from shootplan.io.csv_text import inert_csv
from shootplan.io.excel import build_workbook
from shootplan.io.ics import write_calendars
from shootplan.io.json import read_schedule
from shootplan.io.production_id import settle_production_id
from shootplan.model import Production
from shootplan.reports import day_out_of_days

__all__ = ["CALENDARS", "PRODUCTION_JSON", "calendars", "dood", "identified"]

#: What ``plan`` writes beside schedule.json and these commands read.
PRODUCTION_JSON = "production.json"
CALENDARS = "calendars"


def production_for(schedule_json: Path, production: Path | None) -> Production:
    """The production a schedule was planned from: --production, else production.json beside it."""
    if production is None:
        production = schedule_json.parent / PRODUCTION_JSON
        if not production.is_file():
            raise click.UsageError(
                f"no {PRODUCTION_JSON} beside {schedule_json}: give the production the schedule was"
                " planned from with --production FILE"
            )
    return read_input(production)


def identified(production: Production, *previous: Path) -> Production:
    """The production with its stable id: the board's, else the one earlier outputs carry (a
    production.json, a folder of feeds), else a new one; a line says which when not the board's."""
    settled = settle_production_id(production, previous)
    if settled.notice is not None:
        note(settled.notice)
    return settled.production


def _short_date(day: object) -> str:
    """``Mar 3`` (a DOOD's start and finish), ``-`` for none."""
    return f"{day:%b} {day.day}" if isinstance(day, date) else "-"


def dood_with_names(production: Production, frame: pd.DataFrame) -> pd.DataFrame:
    """The Day Out of Days with each performer's name and character beside the board ID."""
    named = frame.copy()
    members = {member.id: member for member in production.cast}
    named.insert(0, "character", [members[i].character if i in members else "" for i in named.index])
    named.insert(0, "performer", [members[i].name if i in members else "" for i in named.index])
    return named


# The single exports read a schedule.json and, by default, the production written beside it.
_schedule_json_argument = click.argument("schedule_json", type=INPUT_FILE)
_production_file_option = click.option(
    "--production",
    "production_file",
    type=INPUT_FILE,
    help=f"The production the schedule was planned from (default: {PRODUCTION_JSON} beside it).",
)


@click.command(short_help="Write a schedule's Day Out of Days (.xlsx or .csv).")
@_schedule_json_argument
@_production_file_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where to write: .xlsx or .csv, or - for CSV on stdout (default: dood.xlsx beside SCHEDULE.json).",
)
@command
def dood(schedule_json: Path, production_file: Path | None, out: Path | None) -> None:
    """Write the Day Out of Days of a schedule and print each performer's totals.

    One row per cast member (board ID, performer, character), one column per calendar day: SW
    start work, W work, WF work finish, SWF the only day, H hold, D drop, PW pickup; off and HOL
    for days off and holidays.

    \b
    Examples:
      shootplan dood plan/schedule.json
      shootplan dood plan/schedule.json --out dood.csv
      shootplan dood edited.json --production board.xlsx --out - > dood.csv
    """
    target = out if out is not None else schedule_json.parent / "dood.xlsx"
    if str(target) != "-" and target.suffix.lower() not in {".xlsx", ".csv"}:
        raise click.BadParameter(
            f"{target}: write .xlsx or .csv (or - for CSV on stdout)", param_hint="--out"
        )
    production = production_for(schedule_json, production_file)
    schedule = read_schedule(schedule_json)
    frame = day_out_of_days(production, schedule)
    if str(target) == "-":
        click.echo(inert_csv(dood_with_names(production, frame)), nl=False)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() == ".csv":
        write_text(target, inert_csv(dood_with_names(production, frame)))
    else:
        workbook = build_workbook(production, schedule)
        for name in list(workbook.sheetnames):
            if name != "Day Out of Days":
                del workbook[name]
        write_with(target, workbook.save)
    options().written.append(target)
    console.print(_dood_table(production, frame))
    console.print(f"Written to {target}")


def _dood_table(production: Production, frame: pd.DataFrame) -> Table:
    """Each performer's start, finish and totals, in 80 columns."""
    table = Table(
        title=f"{fit(production.name, 40)}: Day Out of Days",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("ID", no_wrap=True)
    table.add_column("cast", no_wrap=True)
    for header in ("start", "finish", "work", "hold", "drop", "paid"):
        table.add_column(header, justify="left" if header in ("start", "finish") else "right", no_wrap=True)
    for member in production.cast:
        totals = [str(frame.at[member.id, column]) for column in ("work", "hold", "drop", "total")]
        start, finish = frame.at[member.id, "start"], frame.at[member.id, "finish"]
        who = fit(member.character or member.name, 20)
        table.add_row(fit(member.id, 6), who, _short_date(start), _short_date(finish), *totals)
    return table


@click.command(short_help="Write a schedule's calendar feeds: unit, cast, locations.")
@_schedule_json_argument
@_production_file_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Folder for the .ics feeds (default: {CALENDARS}/ beside SCHEDULE.json).",
)
@command
def calendars(schedule_json: Path, production_file: Path | None, out: Path | None) -> None:
    """Write the calendar feeds of a schedule: the unit, each performer, each location.

    Feeds already in the folder are what subscribers hold, so writing again updates them in
    place: changed events get a new revision, removed ones are cancelled, nothing duplicates.
    The folder is replaced as a whole: a Ctrl-C or an error leaves the previous feeds. Put the
    folder on any web server and send each person the link to their feed.

    \b
    Examples:
      shootplan calendars plan/schedule.json
      shootplan calendars edited.json --production board.xlsx --out feeds
    """
    folder = out if out is not None else schedule_json.parent / CALENDARS
    production = production_for(schedule_json, production_file)
    # Without one of its own, the id of the plan beside the schedule, else of the feeds held.
    production = identified(production, schedule_json.parent / PRODUCTION_JSON, folder)
    schedule = read_schedule(schedule_json)
    if schedule.created is None:
        # Calendars stamp events with the schedule's own time, never the clock: the file's time
        # is the next best thing, and writing the same file again gives the same feeds.
        stamp = datetime.fromtimestamp(schedule_json.stat().st_mtime, UTC).replace(microsecond=0)
        note(f"the schedule has no 'created' time: the feeds are stamped {stamp:%Y-%m-%d %H:%M} UTC")
        schedule = schedule.model_copy(update={"created": stamp})
    with output_sets(folder) as (stage,):
        staged = write_calendars(production, schedule, stage.path("."))
        events = {path.name: path.read_bytes().count(b"BEGIN:VEVENT") for path in staged.paths}
    table = Table(
        title=f"{fit(production.name, 40)}: calendar feeds", title_justify="left", box=box.SIMPLE_HEAD
    )
    table.add_column("feed", no_wrap=True)
    table.add_column("events", justify="right", no_wrap=True)
    table.add_column("for subscribers", no_wrap=True)
    for path, state in staged.states.items():
        table.add_row(fit(path.name, 44), str(events[path.name]), state)
    console.print(table)
    for notice in staged.notices():  # feeds cancelled, damaged entries repaired
        note(notice)
    console.print(f"Written to {folder}{os.sep}: {staged}")

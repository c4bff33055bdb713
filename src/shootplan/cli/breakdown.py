"""``shootplan breakdown``: a screenplay's breakdown as the production workbook, for the AD to finish."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from shootplan.cli.common import INPUT_FILE, ISO_DATE, command, console, count, read_input
from shootplan.io import DEFAULT_START
from shootplan.io.template import write_workbook

__all__ = ["breakdown"]


@click.command(short_help="Break a screenplay (.fountain, .fdx) down into the production workbook.")
@click.argument("file", type=INPUT_FILE)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write (default: the script's name with .xlsx, beside it).",
)
@click.option(
    "--start",
    type=ISO_DATE,
    metavar="YYYY-MM-DD",
    help="Date of shoot day 1, written on the Settings sheet (a script has none: left blank).",
)
@command
def breakdown(file: Path, out: Path | None, start: datetime | None) -> None:
    """Write a screenplay's breakdown as the production workbook template.

    One strip per scene heading on the Scenes sheet (I/E, set, time of day, pages, cast,
    synopsis, Final Draft's tags), the speaking characters on the Cast sheet with board IDs
    (the most speeches is 1), the locations on the Locations sheet. Every guess is listed as a
    note. Add rates, availability and windows, then: shootplan plan WORKBOOK.

    \b
    Examples:
      shootplan breakdown script.fdx --out production.xlsx
      shootplan breakdown pilot.fountain --start 2027-03-01
    """
    target = out if out is not None else file.with_suffix(".xlsx")
    if target.resolve() == file.resolve():
        raise click.UsageError(f"--out {target} is the script itself; name another file")
    # A script gives no start date and no time zone: reading it puts in a placeholder start and
    # this computer's zone, which the workbook must not pass off as the AD's own settings (check
    # and plan would no longer warn of them). The placeholder is given here so that the reading
    # does not announce a start the workbook will not have.
    production = read_input(file, start=start.date() if start else DEFAULT_START)
    unknown = ["Time Zone"] if start else ["Start Date", "Time Zone"]
    write_workbook(production, target, blank_settings=unknown)
    scenes, cast = count(len(production.scenes), "scene"), count(len(production.cast), "speaking part")
    console.print(f"{production.name}: {scenes}, {cast} -> {target}", markup=False)
    console.print(
        f"Next: fill in {' and '.join(unknown)} on the Settings sheet, rates, availability and"
        f" windows, then shootplan plan {target}",
        markup=False,
    )

"""The ``shootplan`` command: check, plan, score, export and re-plan a production from a terminal.

=========================================  ==================================================
command                                    does
=========================================  ==================================================
``shootplan check FILE``                   validate a board or workbook and summarize it
``shootplan breakdown SCRIPT``             a screenplay (.fountain, .fdx) as the production
                                           workbook, for the AD to finish
``shootplan plan FILE --out DIR``          optimize; write DIR/schedule.xlsx, schedule.json,
                                           production.json and calendars/*.ics
``shootplan score FILE [SCHEDULE.json]``   score the board's own day breaks (or a schedule)
``shootplan dood SCHEDULE.json``           the Day Out of Days of a schedule (.xlsx or .csv)
``shootplan calendars SCHEDULE.json``      the calendar feeds of a schedule
``shootplan callsheets SCHEDULE.json``     the call sheets of a schedule (PDF and HTML)
``shootplan replan FILE --schedule ...``   re-plan the days not yet shot after a disruption
``shootplan sweep FILE --days 26..32``     what-if: solve many scenarios and compare them
``shootplan demo``                         plan the bundled example into ./shootplan-demo/
=========================================  ==================================================

The package: :mod:`~shootplan.cli.common` (the one error decorator and exit-code table, the
consoles, -v/-q, Ctrl-C, output sets written as a unit), :mod:`~shootplan.cli.progress` (the live
search display), and the commands: :mod:`~shootplan.cli.plan` (demo, check, plan, score, with
:mod:`~shootplan.cli.outputs` for plan's folder), :mod:`~shootplan.cli.export` (dood, calendars)
and :mod:`~shootplan.cli.replan` (its changes.xlsx is written by
:func:`shootplan.io.excel.write_changes_workbook`).

Results go to stdout; progress, warnings and errors to stderr, so output pipes cleanly
(``shootplan dood plan/schedule.json --out - > dood.csv``). Exit codes: :data:`EXIT_CODES`.
"""

from __future__ import annotations

import click

from shootplan import __version__
from shootplan.cli.breakdown import breakdown
from shootplan.cli.callsheets import callsheets
from shootplan.cli.common import EXIT_CODES, Options
from shootplan.cli.export import calendars, dood
from shootplan.cli.plan import check, demo, plan, score
from shootplan.cli.replan import replan_command
from shootplan.cli.sweep import sweep_command

__all__ = ["EXIT_CODES", "main"]


class _InOrder(click.Group):
    """Lists commands in the order of an AD's day (demo, check, plan...), not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(
    cls=_InOrder,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80},
    epilog=EXIT_CODES,
)
@click.version_option(__version__, "--version", prog_name="shootplan")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="More detail: -v the solver's steps and whole names, -vv its search log.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors (files are still written).")
@click.pass_context
def main(context: click.Context, verbose: int, quiet: bool) -> None:
    """Plan film and TV shoots: import a stripboard, optimize it, export it.

    \b
    Examples:
      shootplan demo                         plan the example into ./shootplan-demo/
      shootplan check board.xlsx             validate a board and summarize it
      shootplan breakdown script.fdx         the script as a workbook to finish
      shootplan plan board.xlsx --out plan   optimize it into plan/ (Excel, JSON, ics)
      shootplan score board.xlsx             score the board's own day breaks
      shootplan dood plan/schedule.json      the Day Out of Days as plan/dood.xlsx
      shootplan calendars plan/schedule.json the crew's calendar feeds
      shootplan callsheets plan/schedule.json the call sheets, one per day
      shootplan replan board.xlsx --schedule plan/schedule.json --today 2027-03-09
      shootplan sweep board.xlsx --days 26..32 --out sweep

    Run "shootplan COMMAND --help" for a command's options and examples.
    """
    options = context.ensure_object(Options)
    options.verbose += verbose
    options.quiet |= quiet


for _command in (
    demo,
    check,
    breakdown,
    plan,
    score,
    dood,
    calendars,
    callsheets,
    replan_command,
    sweep_command,
):
    main.add_command(_command)

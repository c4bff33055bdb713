"""The search and the output folder of ``plan`` and ``demo``, and what they print at the end."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

import click
from rich import box
from rich.table import Table
from rich.text import Text

from shootplan.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_INTERRUPTED,
    EXIT_NO_SCHEDULE_YET,
    console,
    count,
    error,
    fit,
    note,
    options,
    output_sets,
    silenced,
    status,
    warn,
)
from shootplan.cli.export import CALENDARS, PRODUCTION_JSON, identified
from shootplan.cli.progress import busy, progress
from shootplan.errors import ShootplanError
from shootplan.evaluation import Evaluation, evaluate
from shootplan.io._files import folder_problem
from shootplan.io.callsheet import write_call_sheets
from shootplan.io.excel import write_excel
from shootplan.io.ics import write_calendars
from shootplan.io.ics.options import published_folder
from shootplan.io.json import published_section, read_schedule, write_production, write_run, write_schedule
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.replanning import ReplanResult
from shootplan.schedule import Schedule
from shootplan.solver import VERDICT_LOGGER, Result, Status, solve
from shootplan.violations import clock_notice, off_the_clock

__all__ = [
    "RUN_JSON",
    "SCHEDULE_JSON",
    "SCHEDULE_XLSX",
    "callsheet_url_option",
    "no_schedule",
    "plan_and_write",
    "refuse_to_replace",
    "refuse_unwritable",
    "same_as_before",
    "search_line",
]

#: What ``plan`` writes into its output folder (with production.json and calendars/).
SCHEDULE_JSON = "schedule.json"
SCHEDULE_XLSX = "schedule.xlsx"
#: The folder of call sheets (PDF and HTML, one pair per shoot day).
CALL_SHEETS = "callsheets"
#: The run's own record (runtime, when the cost last fell, when it finished): the one file of the
#: set whose bytes change when the schedule does not.
RUN_JSON = "run.json"


F = TypeVar("F", bound=Callable[..., object])


def _published_at(_context: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--callsheet-url checked before the search, not after it."""
    try:
        return published_folder(value)
    except ShootplanError as error:
        raise click.BadParameter(str(error)) from None


def callsheet_url_option(text: str) -> Callable[[F], F]:
    """``--callsheet-url BASE`` (the ``call_sheet_base`` argument), checked when it is read."""
    return click.option(
        "--callsheet-url", "call_sheet_base", metavar="BASE", callback=_published_at, help=text
    )


def _boards(production: Production) -> dict[str, Evaluation]:
    """The file's own boards (its day breaks), scored."""
    return {name: evaluate(production, Schedule.from_board(production, name)) for name in production.boards}


def _warm_start(production: Production, boards: dict[str, Evaluation]) -> Schedule | None:
    """The cheapest of the AD's boards that meets every rule: the search starts from it."""
    feasible = [(evaluation.cost, name) for name, evaluation in boards.items() if evaluation.is_feasible]
    return Schedule.from_board(production, min(feasible)[1]) if feasible else None


def plan_and_write(
    production: Production,
    out: Path,
    *,
    time_limit: float,
    num_workers: int | None,
    seed: int,
    source: Path | None = None,
    call_sheet_base: str | None = None,
) -> Result:
    """Solve with live progress, write every output, print the summary; exit on no schedule.

    ``source`` is the file the production came from (for the hint on scoring the AD's board);
    ``call_sheet_base`` where the callsheets folder will be published (the feeds link to it).
    """
    refuse_unwritable(out)
    # Created once: later runs into the same folder find it in production.json (or the feeds).
    production = identified(production, out / PRODUCTION_JSON, out / CALENDARS)
    boards = _boards(production)
    initial = _warm_start(production, boards)
    if initial is not None:
        note(f"starting from your board {initial.name!r}, which meets every rule")
    # The report below says what the scorer finds in the schedule: the solver's log need not.
    with progress(f"planning {production.name}", time_limit) as callback, silenced(VERDICT_LOGGER):
        result = solve(
            production,
            time_limit=time_limit,
            num_workers=num_workers,
            seed=seed,
            progress=callback,
            initial=initial,
            log_search=options().verbose >= 2,
        )
    if result.schedule is None or result.evaluation is None:
        no_schedule(result, time_limit)
    if result.interrupted:
        status.print(
            Text.assemble(
                ("Interrupted", "bold yellow"),
                f" after {result.runtime:.1f} s: writing the best schedule found so far.",
            )
        )
    with busy(f"Writing the workbook and the calendar feeds to {out}"):
        solver = {"time_limit": time_limit, "seed": seed, "num_workers": num_workers}
        written = _write_outputs(production, result, out, solver, call_sheet_base)
    _report(production, result, boards, source)
    console.print(f"\nWritten to {out}{os.sep}:")
    for what, path in written:
        console.print(f"  {what:<12}{path}")
    if result.interrupted:
        console.print("(interrupted: the best schedule found so far, not the end of the search)")
    return result


def _report(
    production: Production, result: Result, boards: dict[str, Evaluation], source: Path | None
) -> None:
    """The summary table, the search line, the AD's boards beside the plan."""
    evaluation = result.evaluation
    assert evaluation is not None
    console.print(_summary_table(production, evaluation, boards))
    console.print(search_line(result))
    for notice in result.notices:
        note(str(notice))
    for name, own in boards.items():
        score = f"shootplan score {source}" if source else "shootplan score"
        console.print(_comparison(name if len(boards) > 1 else None, own, evaluation, score))
    clock = clock_notice(evaluation.violations, where=" (the Summary sheet of schedule.xlsx lists each)")
    if clock is not None:
        warn(clock.message)
    if bugs := off_the_clock(evaluation.violations):
        warn(
            f"the schedule breaks {count(len(bugs), 'rule')}; this is a bug in"
            " shootplan, please report it: " + "; ".join(map(str, bugs))
        )


def no_schedule(result: Result | ReplanResult, time_limit: float) -> NoReturn:
    """Say why there is no schedule and exit with the matching code (nothing is written)."""
    if result.status is Status.INFEASIBLE:
        error("no schedule exists for this production:")
        for reason in result.explanation:
            status.print(f"  {reason}", markup=False)
        if not result.explanation:
            status.print("  (the solver gave no explanation)", markup=False)
        sys.exit(EXIT_INFEASIBLE)
    if result.interrupted:
        status.print("interrupted before any schedule was found: no file was changed")
        sys.exit(EXIT_INTERRUPTED)
    error(
        f"no schedule found within {time_limit:g} s (none proven impossible either):"
        " allow more time with --time-limit"
    )
    for reason in result.explanation:
        status.print(f"  {reason}", markup=False)
    sys.exit(EXIT_NO_SCHEDULE_YET)


def refuse_to_replace(source: Path, out: Path, *, command: str = "plan", also: Sequence[str] = ()) -> None:
    """Stop before solving when ``source`` is a file ``command`` would write into ``out`` (its
    usual files, and ``also``): a board saved as ``out/schedule.xlsx`` is the AD's work, and the
    new set would replace it."""
    target = source.resolve()
    names = (SCHEDULE_JSON, PRODUCTION_JSON, SCHEDULE_XLSX, *also)
    written = [(out / name).resolve() for name in names]
    if target in written or (out / CALENDARS).resolve() in target.parents:
        raise click.BadParameter(
            f"{source} is a file {command} writes into {out}: writing there would replace the file"
            f" you read; give another folder (e.g. --out {out.name}-2) or move the file out of it",
            param_hint="--out",
        )


def refuse_unwritable(out: Path) -> None:
    """Stop before solving when the output folder cannot be written (a file, a read-only disk)."""
    problem = folder_problem(out)
    if problem is not None:
        raise click.BadParameter(f"cannot write the outputs into {out}: {problem}", param_hint="--out")


def _write_outputs(
    production: Production,
    result: Result,
    out: Path,
    solver: Mapping[str, object],
    call_sheet_base: str | None,
) -> list[tuple[str, Path]]:
    """schedule.json, run.json, production.json, schedule.xlsx, calendars/ and callsheets/ in
    ``out``, as one set."""
    evaluation = result.evaluation
    assert result.schedule is not None and evaluation is not None
    schedule = same_as_before(production, result.schedule, out)
    with output_sets(out) as (stage,):
        write_schedule(
            stage.path(SCHEDULE_JSON),
            schedule,
            evaluation=evaluation,
            result=result,
            solver=solver,
            production={"id": production.id, "name": production.name},
            **published_section(call_sheet_base),  # a re-plan links the same way
        )
        write_run(stage.path(RUN_JSON), result)
        write_production(stage.path(PRODUCTION_JSON), production)
        write_excel(production, schedule, stage.path(SCHEDULE_XLSX), result=result)
        feeds = write_calendars(production, schedule, stage.path(CALENDARS), call_sheet_base=call_sheet_base)
        write_call_sheets(production, schedule, stage.path(CALL_SHEETS))
    note(f"calendars: {feeds}")
    for notice in feeds.notices():  # feeds cancelled, damaged entries repaired
        note(notice)
    return [
        ("schedule", out / SCHEDULE_JSON),
        ("production", out / PRODUCTION_JSON),
        ("workbook", out / SCHEDULE_XLSX),
        ("calendars", out / CALENDARS),
        ("call sheets", out / CALL_SHEETS),
        ("run", out / RUN_JSON),
    ]


def same_as_before(production: Production, schedule: Schedule, out: Path) -> Schedule:
    """The schedule with the ``created`` time of the one already in ``out`` when nothing changed.

    Nothing changed when ``out`` holds the same production and the same days: the plan was not
    made anew, so it keeps its time, and every file of the set (calendar stamps too) keeps its
    bytes. A folder without a readable earlier plan leaves the schedule as it is.
    """
    try:
        before = read_schedule(out / SCHEDULE_JSON)
        kept = Production.model_validate_json((out / PRODUCTION_JSON).read_bytes())
    except (OSError, ShootplanError, ValueError):
        return schedule
    if before.created is None or kept != production:
        return schedule
    if before.model_copy(update={"created": schedule.created}) != schedule:
        return schedule
    return schedule.model_copy(update={"created": before.created})


def _summary_table(production: Production, evaluation: Evaluation, boards: dict[str, Evaluation]) -> Table:
    """The plan's metrics, with the AD's own boards beside them (names cut to fit 80 columns)."""
    table = Table(title=fit(production.name, 60), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("shootplan", justify="right", style="bold", no_wrap=True)
    columns = [evaluation]
    width = max(10, 60 // max(len(boards), 1) - 2)
    for name, own in boards.items():
        table.add_column(
            "your board" if len(boards) == 1 else fit(name, width), justify="right", no_wrap=True
        )
        columns.append(own)
    rows: list[tuple[str, Callable[[Evaluation], str]]] = [
        ("shoot days", lambda e: str(e.num_shoot_days)),
        ("company moves", lambda e: str(e.company_moves)),
        ("location returns", lambda e: str(e.location_returns)),
        ("hold days", lambda e: str(e.total_hold_days)),
        ("hold cost", lambda e: format_money(e.hold_cost)),
        ("return cost", lambda e: format_money(e.location_return_cost)),
        ("cost", lambda e: format_money(e.cost)),
        ("rules broken", lambda e: str(len(e.violations))),
    ]
    for label, show in rows:
        table.add_row(label, *(show(e) for e in columns))
    return table


def search_line(result: Result) -> Text:
    """How the search ended, then how good the plan is known to be, in words (``Result.quality``)."""
    interrupted = ", interrupted" if result.interrupted else ""
    lines = [f"search: {result.status.value}; {result.runtime:.1f} s, {result.method}{interrupted}"]
    lines += [f"  {sentence}" for sentence in result.quality]
    if result.status is not Status.OPTIMAL and result.bound:
        lines += [f"  bound: {reason}" for reason in result.bound_reasons]
    return Text("\n".join(lines))


def _comparison(name: str | None, own: Evaluation, mine: Evaluation, score: str) -> Text:
    """your board: 9 moves, 214 hold days; shootplan: 2 moves, 96 hold days"""
    who = "your board" if name is None else f"your board {fit(name, 30)!r}"
    line = (
        f"{who}: {own.company_moves} moves, {own.total_hold_days} hold days;"
        f" shootplan: {mine.company_moves} moves, {mine.total_hold_days} hold days"
    )
    if own.violations:
        line += f" (your board breaks {count(len(own.violations), 'rule')}: {score} lists them)"
    return Text(line)

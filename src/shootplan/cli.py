"""The ``shootplan`` command: check, plan, score and export a production from a terminal.

=========================================  ==================================================
command                                    does
=========================================  ==================================================
``shootplan check FILE``                   validate a board or workbook and summarize it
``shootplan plan FILE --out DIR``          optimize; write DIR/schedule.xlsx, schedule.json,
                                           production.json and calendars/*.ics
``shootplan score FILE [SCHEDULE.json]``   score the board's own day breaks (or a schedule)
``shootplan dood SCHEDULE.json``           the Day Out of Days of a schedule (.xlsx or .csv)
``shootplan calendars SCHEDULE.json``      the calendar feeds of a schedule
``shootplan demo``                         plan the bundled example into ./shootplan-demo/
=========================================  ==================================================

Results go to stdout; progress, warnings and errors to stderr, so output pipes cleanly
(``shootplan dood plan/schedule.json --out - > dood.csv``).

Exit codes: 0 ok (also after Ctrl-C in ``plan``, once the best schedule so far is written); 1 bad
input (the message says what and where); 2 usage (unknown option, missing argument, no such
file); 3 no schedule exists (the reasons are printed); 4 no schedule found within the time limit,
none proven impossible (allow more time); 130 interrupted before any schedule was found.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

import click
from rich import box
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.logging import RichHandler
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from shootplan import __version__
from shootplan.errors import ShootplanError, ShootplanWarning
from shootplan.evaluation import Evaluation, evaluate
from shootplan.examples import example_production
from shootplan.io.ics import write_calendars
from shootplan.io.excel import build_workbook, write_excel
from shootplan.io.readers import read_production
from shootplan.model import Production
from shootplan.reports import day_out_of_days
from shootplan.schedule import Schedule
from shootplan.solver import Progress, Result, Status, solve

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INFEASIBLE = 3
EXIT_NO_SCHEDULE_YET = 4
EXIT_INTERRUPTED = 130

EXIT_CODES = """\b
Exit codes:
  0    ok (also after Ctrl-C in plan: the best schedule so far is written)
  1    bad input: the message says what is wrong and where (file, sheet, row, column)
  2    usage: unknown option, missing argument, no such file
  3    no schedule exists: the rules cannot all be met (the reasons are printed)
  4    no schedule found within the time limit, none proven impossible: allow more time
  130  interrupted before any schedule was found
"""

#: What ``plan`` writes into its output folder.
SCHEDULE_JSON = "schedule.json"
SCHEDULE_XLSX = "schedule.xlsx"
PRODUCTION_JSON = "production.json"
CALENDARS = "calendars"

# Results on stdout; progress, warnings and errors on stderr. Neither wraps long lines of text:
# a message cut mid-value (a file name, a cell) is harder to read and to search for.
console = Console(highlight=False, soft_wrap=True)
status = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class _Options:
    """The group's options, passed to every command through click's context."""

    verbose: int = 0
    quiet: bool = False


def _options() -> _Options:
    context = click.get_current_context(silent=True)
    found = context.find_object(_Options) if context is not None else None
    return found or _Options()


# --------------------------------------------------------------------------- messages


def _error(message: str) -> None:
    status.print(Text.assemble(("error: ", "bold red"), message))


def _warn(message: str) -> None:
    if not _options().quiet:
        status.print(Text.assemble(("warning: ", "yellow"), message))


def _note(message: str) -> None:
    """A line about what shootplan is doing (stderr, hidden by --quiet)."""
    if not _options().quiet:
        status.print(Text(message, style="dim"))


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """ShootplanWarnings read as one plain line (no file and line of library source)."""
    if issubclass(category, ShootplanWarning):
        _warn(str(message))
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


def _add_verbose(context: click.Context, _: click.Parameter, value: int) -> None:
    context.ensure_object(_Options).verbose += value


def _add_quiet(context: click.Context, _: click.Parameter, value: bool) -> None:
    context.ensure_object(_Options).quiet |= value


def _command(function: F) -> F:
    """A command: -v/-q accepted after it too, and every failure a message and an exit code.

    The library's own errors are bad input (exit 1). Anything else is a bug in shootplan: the
    message says so and how to report it, and -v shows the traceback. Logging, warnings and
    --quiet are set up for the command and put back afterwards, so running commands in-process
    (tests, notebooks) leaves no trace.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _session(_options()):
            try:
                return function(*args, **kwargs)
            except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
                raise
            except ShootplanError as error:
                _error(str(error))
                sys.exit(EXIT_BAD_INPUT)
            except OSError as error:
                where = f"{error.filename}: " if error.filename else ""
                _error(f"{where}{error.strerror or error}")
                sys.exit(EXIT_BAD_INPUT)
            except KeyboardInterrupt:
                status.print("interrupted")
                sys.exit(EXIT_INTERRUPTED)
            except Exception as error:
                if _options().verbose:
                    status.print(traceback.format_exc(), markup=False)
                _error(
                    f"shootplan hit a bug ({type(error).__name__}: {error}). Please report it with"
                    " the output of: python -c 'import shootplan; shootplan.show_versions()'"
                    + ("" if _options().verbose else " (run with -v to see the traceback)")
                )
                sys.exit(EXIT_BAD_INPUT)

    verbose = click.option(
        "-v",
        "--verbose",
        count=True,
        expose_value=False,
        callback=_add_verbose,
        help="More detail: -v the solver's steps, -vv its search log.",
    )
    quiet = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_add_quiet,
        help="Only errors (files are still written).",
    )
    return verbose(quiet(wrapper))  # type: ignore[return-value]


@contextmanager
def _session(options: _Options) -> Iterator[None]:
    """Logging on stderr at the chosen detail, plain warning lines, --quiet; restored on exit."""
    root = logging.getLogger()
    handler = RichHandler(console=status, show_time=False, show_path=False, markup=False)
    if not options.verbose:
        handler.addFilter(_QuietInterrupt())
    saved = root.level, console.quiet, warnings.showwarning
    root.addHandler(handler)
    root.setLevel(
        logging.ERROR
        if options.quiet
        else (logging.WARNING, logging.INFO, logging.DEBUG)[min(options.verbose, 2)]
    )
    console.quiet = options.quiet
    warnings.showwarning = _show_warning
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(saved[0])
        console.quiet, warnings.showwarning = saved[1], saved[2]


class _QuietInterrupt(logging.Filter):
    """The solver logs Ctrl-C; the command says it in its own words, once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "shootplan.solver" and record.getMessage().startswith("interrupted"))


# --------------------------------------------------------------------------- the group


class _InOrder(click.Group):
    """Lists commands in the order of an AD's day (demo, check, plan...), not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(
    cls=_InOrder,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES,
)
@click.version_option(__version__, "--version", prog_name="shootplan")
@click.option("-v", "--verbose", count=True, help="More detail: -v the solver's steps, -vv its search log.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors (files are still written).")
@click.pass_context
def main(context: click.Context, verbose: int, quiet: bool) -> None:
    """Plan film and TV shoots: import a stripboard, optimize it, export it.

    \b
    Examples:
      shootplan demo                         plan the bundled example into ./shootplan-demo/
      shootplan check board.xlsx             validate a board and summarize it
      shootplan plan board.xlsx --out plan   optimize it into plan/ (Excel, JSON, calendars)
      shootplan score board.xlsx             score the board's own day breaks
      shootplan dood plan/schedule.json      the Day Out of Days as plan/dood.xlsx
      shootplan calendars plan/schedule.json the crew's calendar feeds in plan/calendars/

    Run "shootplan COMMAND --help" for a command's options and examples.
    """
    options = context.ensure_object(_Options)
    options.verbose += verbose
    options.quiet |= quiet


# --------------------------------------------------------------------------- reading


def _read(file: Path, **overrides: Any) -> Production:
    """Read a production; its warnings print as plain lines on stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", ShootplanWarning)
        return read_production(file, **overrides)


def _read_schedule(path: Path) -> Schedule:
    """A Schedule from a schedule.json (plan's, with metrics) or a bare Schedule JSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ShootplanError(f"{path}: not a schedule.json (not text)") from None
    except json.JSONDecodeError as error:
        raise ShootplanError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("schedule"), dict):
        data = data["schedule"]
    if not isinstance(data, dict) or "days" not in data:
        raise ShootplanError(
            f"{path}: not a schedule: expected the schedule.json that shootplan plan writes"
            ' (an object with "schedule") or a Schedule (an object with "days")'
        )
    try:
        return Schedule.model_validate(data)
    except ShootplanError as error:
        raise ShootplanError(f"{path}: {error}") from None


def _production_for(schedule_json: Path, production: Path | None) -> Production:
    """The production a schedule was planned from: --production, else production.json beside it."""
    if production is None:
        production = schedule_json.parent / PRODUCTION_JSON
        if not production.is_file():
            raise click.UsageError(
                f"no {PRODUCTION_JSON} beside {schedule_json}: give the production the schedule was"
                " planned from with --production FILE"
            )
    return _read(production)


def _short_date(day: object) -> str:
    """``Mar 3`` (a DOOD's start and finish), ``-`` for none."""
    return f"{day:%b} {day.day}" if isinstance(day, date) else "-"


def _write_text_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename over it: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- progress


class _SearchView:
    """The live display while the solver searches: time, best cost, bound, gap, moves, holds."""

    def __init__(self, name: str, time_limit: float) -> None:
        self.name = name
        self.time_limit = time_limit
        self.started = time.perf_counter()
        self.best: Progress | None = None
        self.spinner = Spinner("dots", style="cyan")

    def update(self, progress: Progress) -> None:
        self.best = progress

    def __rich__(self) -> RenderableType:
        elapsed = time.perf_counter() - self.started
        head = Table.grid(padding=(0, 1))
        head.add_row(
            self.spinner,
            Text(f"Planning {self.name}", style="bold"),
            ProgressBar(total=self.time_limit, completed=min(elapsed, self.time_limit), width=24),
            Text(f"{elapsed:5.1f} s of {self.time_limit:g} s"),
        )
        best = self.best
        if best is None:
            figures = Text("  looking for a first schedule...", style="dim")
        else:
            figures = Text.assemble(
                "  best cost ",
                (f"{best.cost:,.0f}", "bold"),
                "   bound ",
                f"{best.bound:,.0f}",
                "   gap ",
                (f"{best.gap:.1%}", "bold green" if best.gap == 0 else "bold"),
                "   moves ",
                (str(best.company_moves), "bold"),
                "   hold days ",
                (str(best.hold_days), "bold"),
                (f"   ({best.solutions} schedules found)", "dim"),
            )
        hint = Text("  Ctrl-C stops the search and keeps the best schedule so far", style="dim")
        return Group(head, figures, hint)


@contextmanager
def _busy(what: str) -> Iterator[None]:
    """A spinner on a terminal while something slow happens (nothing in logs or with -q)."""
    if _options().quiet or not status.is_terminal:
        yield
        return
    with status.status(Text(what), spinner="dots"):
        yield


def _progress_line(progress: Progress) -> str:
    return (
        f"{progress.elapsed:6.1f} s  cost {progress.cost:,.0f}  bound {progress.bound:,.0f}"
        f"  gap {progress.gap:.1%}  moves {progress.company_moves}  hold days {progress.hold_days}"
    )


@contextmanager
def _progress(production: Production, time_limit: float) -> Iterator[Callable[[Progress], None]]:
    """A progress callback for solve(): a live display on a terminal, else a line per second."""
    if _options().quiet:
        yield lambda progress: None
        return
    if status.is_terminal:
        view = _SearchView(production.name, time_limit)
        with Live(view, console=status, refresh_per_second=8, transient=True):
            yield view.update
        return
    status.print(
        f"planning {production.name}: up to {time_limit:g} s;"
        " Ctrl-C stops the search and keeps the best schedule so far",
        markup=False,
    )
    last = [-1.0]

    def show(progress: Progress) -> None:
        # Logs and CI output: every improvement would flood them, one line a second does not.
        if last[0] < 0 or progress.elapsed - last[0] >= 1.0:
            last[0] = progress.elapsed
            status.print(_progress_line(progress), markup=False)

    yield show


# --------------------------------------------------------------------------- plan


def _board_days(production: Production) -> int | None:
    """The day count of the longest of the file's own boards, when the file sets no limit."""
    if production.rules.max_shoot_days is not None or not production.boards:
        return None
    return max(len(days) for days in production.boards.values())


def _boards(production: Production) -> dict[str, Evaluation]:
    """The file's own boards (its day breaks), scored."""
    return {name: evaluate(production, Schedule.from_board(production, name)) for name in production.boards}


def _warm_start(production: Production, boards: dict[str, Evaluation]) -> Schedule | None:
    """The cheapest of the AD's boards that meets every rule: the search starts from it."""
    feasible = [(evaluation.cost, name) for name, evaluation in boards.items() if evaluation.is_feasible]
    return Schedule.from_board(production, min(feasible)[1]) if feasible else None


def _plan(
    production: Production,
    out: Path,
    *,
    time_limit: float,
    workers: int | None,
    seed: int,
    source: Path | None = None,
) -> Result:
    """Solve with live progress, write every output, print the summary; exit on no schedule.

    ``source`` is the file the production came from (for the hint on scoring the AD's board).
    """
    boards = _boards(production)
    initial = _warm_start(production, boards)
    if initial is not None:
        _note(f"starting from your board {initial.name!r}, which meets every rule")
    with _progress(production, time_limit) as callback:
        result = solve(
            production,
            time_limit=time_limit,
            num_workers=workers,
            seed=seed,
            callback=callback,
            initial=initial,
            log_search=_options().verbose >= 2,
        )
    if result.schedule is None or result.evaluation is None:
        _no_schedule(result, time_limit)
    if result.interrupted:
        status.print(
            Text.assemble(
                ("Interrupted", "bold yellow"),
                f" after {result.runtime:.1f} s: writing the best schedule found so far.",
            )
        )
    with _busy(f"Writing the workbook and the calendar feeds to {out}"):
        written = _write_outputs(production, result, out, time_limit=time_limit, seed=seed, workers=workers)
    console.print(_summary_table(production, result, boards))
    console.print(_search_line(result))
    for name, own in boards.items():
        score = f"shootplan score {source}" if source else "shootplan score"
        console.print(_comparison(name if len(boards) > 1 else None, own, result.evaluation, score))
    if result.evaluation.violations:
        _warn(
            f"the schedule breaks {_count(len(result.evaluation.violations), 'rule')}; this is a bug in"
            " shootplan, please report it: " + "; ".join(map(str, result.evaluation.violations))
        )
    console.print(f"\nWritten to {out}{os.sep}:")
    for what, path in written:
        console.print(f"  {what:<12}{path}")
    if result.interrupted:
        console.print("(interrupted: the best schedule found so far, not the end of the search)")
    return result


def _no_schedule(result: Result, time_limit: float) -> NoReturn:
    """Say why there is no schedule and exit with the matching code."""
    if result.status is Status.INFEASIBLE:
        _error("no schedule exists for this production:")
        for reason in result.explanation or ["(the solver gave no explanation)"]:
            status.print(f"  {reason}", markup=False)
        sys.exit(EXIT_INFEASIBLE)
    if result.interrupted:
        status.print("interrupted before any schedule was found: nothing written")
        sys.exit(EXIT_INTERRUPTED)
    _error(
        f"no schedule found within {time_limit:g} s (none proven impossible either):"
        " allow more time with --time-limit"
    )
    for reason in result.explanation:
        status.print(f"  {reason}", markup=False)
    sys.exit(EXIT_NO_SCHEDULE_YET)


def _write_outputs(
    production: Production,
    result: Result,
    out: Path,
    *,
    time_limit: float,
    seed: int,
    workers: int | None,
) -> list[tuple[str, Path]]:
    """schedule.json, production.json, schedule.xlsx and calendars/ in ``out``."""
    schedule, evaluation = result.schedule, result.evaluation
    assert schedule is not None and evaluation is not None
    out.mkdir(parents=True, exist_ok=True)
    payload = {
        "schedule": schedule.model_dump(mode="json"),
        "metrics": evaluation.metrics(),
        "solver": {
            "status": result.status.value,
            "objective": result.objective,
            "bound": result.bound,
            "bound_reasons": result.bound_reasons,
            "gap": result.gap,
            "runtime": round(result.runtime, 3),
            "method": result.method,
            "num_solutions": result.num_solutions,
            "interrupted": result.interrupted,
            "time_limit": time_limit,
            "seed": seed,
            "workers": workers,
        },
    }
    _write_text_atomically(out / SCHEDULE_JSON, json.dumps(payload, indent=1) + "\n")
    _write_text_atomically(out / PRODUCTION_JSON, production.model_dump_json(indent=1) + "\n")
    written = [("schedule", out / SCHEDULE_JSON), ("production", out / PRODUCTION_JSON)]
    written.append(("workbook", write_excel(production, schedule, out / SCHEDULE_XLSX, result=result)))
    feeds = _write_feeds(production, schedule, out / CALENDARS)
    written.append(("calendars", out / CALENDARS))
    _note(f"calendars: {_feed_counts(feeds)}")
    return written


def _write_feeds(production: Production, schedule: Schedule, folder: Path) -> dict[Path, str]:
    """write_calendars; each feed written is "new", "updated" or "unchanged" for subscribers.

    Its per-feed notes (a performer with no work day gets no feed) are kept for -v.
    """
    before = {path.name: path.read_bytes() for path in folder.glob("*.ics")} if folder.is_dir() else {}
    notes: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notes.append(record.getMessage())

    calendar_logger = logging.getLogger("shootplan.io.calendar")
    keep, propagate = Keep(level=logging.WARNING), calendar_logger.propagate
    calendar_logger.addHandler(keep)
    calendar_logger.propagate = _options().verbose > 0
    try:
        paths = write_calendars(production, schedule, folder)
    finally:
        calendar_logger.removeHandler(keep)
        calendar_logger.propagate = propagate
    if notes and not _options().verbose:
        _note(f"{len(notes)} feed(s) not written: nobody to send them to (-v says which)")
    states: dict[Path, str] = {}
    for path in paths:
        old = before.get(path.name)
        states[path] = "new" if old is None else "unchanged" if old == path.read_bytes() else "updated"
    return states


def _feed_counts(states: dict[Path, str]) -> str:
    """``1 unit, 7 cast, 5 location feeds (3 updated)``"""
    names = [path.name for path in states]
    cast = sum(name.startswith("cast-") for name in names)
    places = sum(name.startswith("location-") for name in names)
    counts = f"{len(names) - cast - places} unit, {cast} cast, {places} location feeds"
    values = list(states.values())
    if values.count("new") == len(values):  # a fresh folder: nothing to tell about revisions
        return counts
    changes = (f"{values.count(state)} {state}" for state in ("new", "updated", "unchanged"))
    return f"{counts}: {', '.join(change for change in changes if not change.startswith('0 '))}"


def _summary_table(production: Production, result: Result, boards: dict[str, Evaluation]) -> Table:
    """The plan's metrics, with the AD's own boards beside them."""
    evaluation = result.evaluation
    assert evaluation is not None
    table = Table(title=production.name, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("")
    table.add_column("shootplan", justify="right", style="bold")
    columns = [evaluation]
    for name, own in boards.items():
        table.add_column("your board" if len(boards) == 1 else name, justify="right")
        columns.append(own)
    rows: list[tuple[str, Callable[[Evaluation], str]]] = [
        ("shoot days", lambda e: str(e.num_shoot_days)),
        ("company moves", lambda e: str(e.company_moves)),
        ("hold days", lambda e: str(e.total_hold_days)),
        ("hold cost", lambda e: f"{e.hold_cost:,.0f}"),
        ("cost", lambda e: f"{e.cost:,.0f}"),
        ("rules broken", lambda e: str(len(e.violations))),
    ]
    for label, show in rows:
        table.add_row(label, *(show(e) for e in columns))
    return table


def _search_line(result: Result) -> Text:
    """How good the plan is known to be: proven best, or how far from the bound."""
    if result.status is Status.OPTIMAL:
        quality = "optimal (proven: no schedule costs less)"
    elif not result.bound:
        quality = "feasible; no lower bound proven yet, so a longer search may find cheaper"
    else:
        gap = "-" if result.gap is None else f"{result.gap:.1%}"
        quality = f"feasible; no schedule can cost less than {result.bound:,.0f} (gap {gap})"
    interrupted = ", interrupted" if result.interrupted else ""
    lines = [f"search: {quality}; {result.runtime:.1f} s, {result.method}{interrupted}"]
    if result.status is not Status.OPTIMAL and result.bound:
        lines += [f"  bound: {reason}" for reason in result.bound_reasons]
    return Text("\n".join(lines))


def _comparison(name: str | None, own: Evaluation, mine: Evaluation, score: str) -> Text:
    """your board: 9 moves, 214 hold days; shootplan: 2 moves, 96 hold days"""
    who = "your board" if name is None else f"your board {name!r}"
    line = (
        f"{who}: {own.company_moves} moves, {own.total_hold_days} hold days;"
        f" shootplan: {mine.company_moves} moves, {mine.total_hold_days} hold days"
    )
    if own.violations:
        line += f" (your board breaks {_count(len(own.violations), 'rule')}: {score} lists them)"
    return Text(line)


def _count(number: int, noun: str) -> str:
    """``1 rule``, ``2 rules``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


# --------------------------------------------------------------------------- commands


@main.command(short_help="Plan the bundled example production into ./shootplan-demo/.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("shootplan-demo"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    help="Seconds to search.",
)
@_command
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
    _plan(production, out, time_limit=time_limit, workers=None, seed=0)
    console.print(f"\nOpen {out / SCHEDULE_XLSX} in Excel or LibreOffice, then try:")
    for line in (
        f"shootplan dood {out / SCHEDULE_JSON}",
        f"shootplan score {out / PRODUCTION_JSON} {out / SCHEDULE_JSON}",
        f"shootplan plan {out / SCHEDULE_XLSX} --time-limit 60 --out {out}-2   (search on from this plan)",
    ):
        console.print(f"  {line}", markup=False)


@main.command(short_help="Validate a board or production file and summarize it.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the production as shootplan Production JSON.")
@_command
def check(file: Path, as_json: bool) -> None:
    """Validate a production file (xlsx, csv, USS or JSON) and summarize it.

    Every problem in the file is listed at once, each naming its file, sheet, row and column.

    \b
    Examples:
      shootplan check board.xlsx
      shootplan check board.csv --json > production.json
    """
    production = _read(file)
    if as_json:
        click.echo(production.model_dump_json(indent=1))
        return
    console.print(production.summary(), markup=False)


@main.command(short_help="Optimize a production: Excel, JSON and calendars into a folder.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Date of shoot day 1 (YYYY-MM-DD), overriding the file.",
)
@click.option(
    "--days",
    type=click.IntRange(min=1),
    help="Shoot days available, overriding the file (default: the file's limit, else as many days"
    " as your board has, else as many as needed).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds to search; Ctrl-C stops earlier and keeps the best schedule so far.",
)
@click.option("--workers", type=click.IntRange(min=1), help="Solver threads (default: every core).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the search.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("shootplan-out"),
    show_default=True,
    help="Folder for the outputs (created if needed).",
)
@_command
def plan(
    file: Path,
    start: datetime | None,
    days: int | None,
    time_limit: float,
    workers: int | None,
    seed: int,
    out: Path,
) -> None:
    """Optimize a production and write the schedule as Excel, JSON and calendar feeds.

    \b
    Writes into --out:
      schedule.xlsx     stripboard, one-liner, Day Out of Days, summary, the production
      schedule.json     the schedule, its metrics and the solver's status
      production.json   the production as planned (dood and calendars read it)
      calendars/*.ics   feeds for the unit, each performer and each location

    While it searches it shows the best cost so far, the bound (no schedule can cost less),
    the gap between them, company moves and hold days. When FILE has day breaks, your board is
    scored beside the plan, and a board that meets every rule is where the search starts.
    Re-planning into the same folder updates the calendar feeds in place.

    \b
    Examples:
      shootplan plan examples/template.xlsx --time-limit 30 --out plan
      shootplan plan board.csv --start 2027-03-01 --days 24 --out plan
    """
    production = _read(file, start=start.date() if start else None, max_shoot_days=days)
    board_days = _board_days(production) if days is None else None
    if board_days is not None:
        production = production.replace(
            rules=production.rules.model_copy(update={"max_shoot_days": board_days})
        )
        _note(f"planning within your board's {board_days} shoot days (--days changes that)")
    _plan(production, out, time_limit=time_limit, workers=workers, seed=seed, source=file)


@main.command(short_help="Score a board's own day breaks (or a schedule); list broken rules.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("schedule_json", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_command
def score(file: Path, schedule_json: Path | None) -> None:
    """Score a board's own day breaks, or a schedule.json, and list every rule broken.

    Without SCHEDULE.json, every board in FILE (its day breaks; one per sheet of a workbook) is
    scored. Metrics: shoot days, company moves, hold days, cost; then each broken rule.

    \b
    Examples:
      shootplan score board.xlsx
      shootplan score plan/production.json plan/schedule.json
    """
    production = _read(file)
    if schedule_json is not None:
        schedules = {str(schedule_json): _read_schedule(schedule_json)}
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


# The single exports (dood, calendars) read a schedule.json and, by default, the production
# written beside it by plan.
_schedule_json_argument = click.argument(
    "schedule_json", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
_production_file_option = click.option(
    "--production",
    "production_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"The production the schedule was planned from (default: {PRODUCTION_JSON} beside it).",
)


@main.command(short_help="Write a schedule's Day Out of Days (.xlsx or .csv).")
@_schedule_json_argument
@_production_file_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where to write: .xlsx or .csv, or - for CSV on stdout (default: dood.xlsx beside SCHEDULE.json).",
)
@_command
def dood(schedule_json: Path, production_file: Path | None, out: Path | None) -> None:
    """Write the Day Out of Days of a schedule and print each performer's totals.

    One row per cast member, one column per calendar day: SW start work, W work, WF work
    finish, SWF the only day, H hold, D drop, PW pickup; off and HOL for days off and holidays.

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
    production = _production_for(schedule_json, production_file)
    schedule = _read_schedule(schedule_json)
    frame = day_out_of_days(production, schedule)
    if str(target) == "-":
        click.echo(frame.to_csv(), nl=False)
        return
    if target.suffix.lower() == ".csv":
        _write_text_atomically(target, frame.to_csv())
    else:
        workbook = build_workbook(production, schedule)
        for name in list(workbook.sheetnames):
            if name != "Day Out of Days":
                del workbook[name]
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(handle)
        try:
            workbook.save(temporary)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    table = Table(
        title=f"{production.name}: Day Out of Days", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    table.add_column("ID", no_wrap=True)
    table.add_column("cast", no_wrap=True, max_width=20, overflow="ellipsis")
    table.add_column("start", no_wrap=True)
    table.add_column("finish", no_wrap=True)
    for header in ("work", "hold", "drop", "paid days"):
        table.add_column(header, justify="right")
    for member in production.cast:
        totals = [str(frame.at[member.id, column]) for column in ("work", "hold", "drop", "total")]
        start, finish = frame.at[member.id, "start"], frame.at[member.id, "finish"]
        who = member.character or member.name
        table.add_row(member.id, who, _short_date(start), _short_date(finish), *totals)
    console.print(table)
    console.print(f"Written to {target}")


@main.command(short_help="Write a schedule's calendar feeds: unit, cast, locations.")
@_schedule_json_argument
@_production_file_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Folder for the .ics feeds (default: {CALENDARS}/ beside SCHEDULE.json).",
)
@_command
def calendars(schedule_json: Path, production_file: Path | None, out: Path | None) -> None:
    """Write the calendar feeds of a schedule: the unit, each performer, each location.

    Feeds already in the folder are what subscribers hold, so writing again updates them in
    place: changed events get a new revision, removed ones are cancelled, nothing duplicates.
    Put the folder on any web server and send each person the link to their feed.

    \b
    Examples:
      shootplan calendars plan/schedule.json
      shootplan calendars edited.json --production board.xlsx --out feeds
    """
    folder = out if out is not None else schedule_json.parent / CALENDARS
    production = _production_for(schedule_json, production_file)
    schedule = _read_schedule(schedule_json)
    if schedule.created is None:
        # Calendars stamp events with the schedule's own time, never the clock: the file's time
        # is the next best thing, and writing the same file again gives the same feeds.
        stamp = datetime.fromtimestamp(schedule_json.stat().st_mtime, UTC).replace(microsecond=0)
        _note(f"the schedule has no 'created' time: the feeds are stamped {stamp:%Y-%m-%d %H:%M} UTC")
        schedule = schedule.model_copy(update={"created": stamp})
    states = _write_feeds(production, schedule, folder)
    table = Table(title=f"{production.name}: calendar feeds", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("feed")
    table.add_column("events", justify="right")
    table.add_column("for subscribers")
    for path, state in states.items():
        table.add_row(path.name, str(path.read_bytes().count(b"BEGIN:VEVENT")), state)
    console.print(table)
    console.print(f"Written to {folder}{os.sep} ({_feed_counts(states)})")


# ``shootplan replan`` lives in its own module, next to the library code it drives.
from shootplan.replan_cli import replan_command  # noqa: E402

main.add_command(replan_command)


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="shootplan")

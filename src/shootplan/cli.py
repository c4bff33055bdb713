"""The ``shootplan`` command.

Exit codes: 0 ok, 1 bad input (the message says what and where), 2 usage error, 3 no schedule
exists (the explanation is printed).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from shootplan import __version__
from shootplan.errors import ShootplanError
from shootplan.evaluate import evaluate
from shootplan.examples import example_production
from shootplan.io.excel import write_excel
from shootplan.io.readers import read_production
from shootplan.model import Production
from shootplan.schedule import Schedule
from shootplan.solver import Progress, Result, Status, solve

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INFEASIBLE = 0, 1, 2, 3

console = Console()
errors = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(command: F) -> F:
    """Turn the library's own errors into a clear message and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ShootplanError as error:
            errors.print(f"[bold red]error:[/] {error}", highlight=False, markup=True)
            sys.exit(EXIT_BAD_INPUT)
        except OSError as error:
            errors.print(f"[bold red]error:[/] {error}", highlight=False)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="shootplan")
@click.option("-v", "--verbose", count=True, help="More detail (-vv for solver logs).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """Plan film and TV shoots: import a stripboard, optimize it, export it.

    \b
    Examples:
      shootplan demo                       plan the bundled example production
      shootplan check board.xlsx           validate and summarize a board
      shootplan plan board.xlsx --out X    optimize it into X/schedule.xlsx and .json
      shootplan score board.xlsx           score the board's own day breaks
    """
    level = logging.ERROR if quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if quiet:
        console.quiet = True


def _write_json_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _plan(production: Production, out: Path, *, time_limit: float, workers: int | None, seed: int) -> Result:
    """Solve with a live progress line, write the outputs, print the summary table."""
    from rich.live import Live
    from rich.text import Text

    line = Text("searching...")

    def show(progress: Progress) -> None:
        line.plain = (
            f"{progress.elapsed:5.1f}s  cost {progress.cost:,.0f}  bound {progress.bound:,.0f}"
            f"  gap {progress.gap:.1%}  moves {progress.company_moves}  hold days {progress.hold_days}"
        )

    with Live(line, console=console, refresh_per_second=4, transient=True):
        result = solve(production, time_limit=time_limit, num_workers=workers, seed=seed, callback=show)
    if result.interrupted:
        console.print("[yellow]Interrupted: keeping the best schedule found so far.[/]")
    if result.schedule is None:
        errors.print(f"[bold red]no schedule:[/] {result.status.value}", highlight=False)
        for reason in result.explanation:
            errors.print(f"  {reason}", highlight=False, markup=False)
        sys.exit(EXIT_INFEASIBLE if result.status is Status.INFEASIBLE else EXIT_BAD_INPUT)
    out.mkdir(parents=True, exist_ok=True)
    payload = {
        "schedule": result.schedule.model_dump(mode="json"),
        "metrics": result.evaluation.metrics() if result.evaluation else {},
        "solver": {
            "status": result.status.value,
            "objective": result.objective,
            "bound": result.bound,
            "gap": result.gap,
            "runtime": round(result.runtime, 3),
            "method": result.method,
        },
    }
    _write_json_atomically(out / "schedule.json", json.dumps(payload, indent=1))
    written = [out / "schedule.json"]
    written.append(write_excel(production, result.schedule, out / "schedule.xlsx", result=result))
    console.print(_summary_table(production, result), highlight=False)
    console.print("Outputs:")
    for path in written:
        console.print(f"  {path}", highlight=False)
    return result


def _summary_table(production: Production, result: Result) -> Table:
    table = Table(title=f"{production.name}: shootplan", show_header=False, box=None)
    evaluation = result.evaluation
    assert evaluation is not None
    rows = [
        ("shoot days", str(evaluation.num_shoot_days)),
        ("company moves", str(evaluation.company_moves)),
        ("hold days", str(evaluation.total_hold_days)),
        ("cost", f"{evaluation.cost:,.0f}"),
        ("status", result.status.value),
        ("gap", "-" if result.gap is None else f"{result.gap:.1%}"),
        ("time", f"{result.runtime:.1f} s"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("shootplan-demo"), show_default=True)
@click.option("--time-limit", type=float, default=20.0, show_default=True, help="Seconds to search.")
@_friendly
def demo(out: Path, time_limit: float) -> None:
    """Plan the bundled example production into ./shootplan-demo/.

    \b
    Example:
      shootplan demo
    """
    production = example_production()
    console.print(production.summary(), highlight=False)
    _plan(production, out, time_limit=time_limit, workers=None, seed=0)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the normalized production as Production JSON.")
@_friendly
def check(file: Path, as_json: bool) -> None:
    """Validate a production file (xlsx, csv, USS or JSON) and summarize it.

    \b
    Examples:
      shootplan check board.xlsx
      shootplan check board.csv --json > production.json
    """
    production = read_production(file)
    if as_json:
        click.echo(production.model_dump_json(indent=1))
        return
    console.print(production.summary(), highlight=False)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--start", help="First shoot date (YYYY-MM-DD), overriding the file.")
@click.option("--days", type=int, help="Shoot days available, overriding the file.")
@click.option("--time-limit", type=float, default=60.0, show_default=True, help="Seconds to search.")
@click.option("--workers", type=int, help="Solver threads (default: all cores).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=Path("shootplan-out"), show_default=True)
@_friendly
def plan(
    file: Path,
    start: str | None,
    days: int | None,
    time_limit: float,
    workers: int | None,
    seed: int,
    out: Path,
) -> None:
    """Optimize a production and write schedule.json and schedule.xlsx.

    \b
    Example:
      shootplan plan examples/template.xlsx --days 28 --time-limit 30 --out plan/
    """
    production = read_production(file, start=start, max_shoot_days=days)
    result = _plan(production, out, time_limit=time_limit, workers=workers, seed=seed)
    for board in production.boards:
        own = evaluate(production, Schedule.from_board(production, board))
        mine = result.evaluation
        assert mine is not None
        console.print(
            f"your board {board!r}: {own.company_moves} moves, {own.total_hold_days} hold days,"
            f" cost {own.cost:,.0f}; shootplan: {mine.company_moves} moves, {mine.total_hold_days} hold days,"
            f" cost {mine.cost:,.0f}",
            highlight=False,
        )


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("schedule_json", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_friendly
def score(file: Path, schedule_json: Path | None) -> None:
    """Score a board's own days, or a schedule.json, and list every rule it breaks.

    \b
    Examples:
      shootplan score board.xlsx
      shootplan score production.json shootplan-out/schedule.json
    """
    production = read_production(file)
    if schedule_json is not None:
        data = json.loads(schedule_json.read_text(encoding="utf-8"))
        schedules = {"schedule": Schedule.model_validate(data.get("schedule", data))}
    elif production.boards:
        schedules = {name: Schedule.from_board(production, name) for name in production.boards}
    else:
        raise ShootplanError(f"{file} has no day breaks to score; give a schedule.json too")
    for name, schedule in schedules.items():
        console.print(f"[bold]{name}[/]")
        console.print(str(evaluate(production, schedule)), highlight=False, markup=False)


if __name__ == "__main__":  # pragma: no cover
    main()

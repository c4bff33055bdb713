"""``shootplan sweep``: many what-if solves of one board (day counts x start dates, or a file of
scenarios), on this machine, a Dask cluster or a Ray cluster; one table of the trade-offs."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import click

from shootplan.cli.common import (
    INPUT_FILE,
    command,
    console,
    not_a_date,
    note,
    out_folder_option,
    output_sets,
    read_input,
    seed_option,
    time_limit_option,
)
from shootplan.cli.outputs import refuse_unwritable
from shootplan.errors import ParameterError
from shootplan.io._files import OutputSet, write_text, write_with
from shootplan.io.excel import write_sweep_workbook
from shootplan.io.json import write_schedule
from shootplan.money import format_money
from shootplan.solver import SolveParams
from shootplan.sweeping import Scenario, ScenarioResult, SweepResult, sweep

__all__ = ["sweep_command"]

SWEEP_XLSX = "sweep.xlsx"
SWEEP_JSON = "sweep.json"
TRADEOFFS_PNG = "tradeoffs.png"
SCHEDULES = "schedules"


def parse_days(text: str) -> list[int]:
    """``26..32``, ``26,28,30`` or ``28`` as day counts."""
    counts: list[int] = []
    for part in text.split(","):
        found = re.fullmatch(r"\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?", part)
        if found is None:
            raise click.BadParameter(f"{part.strip()!r}: write day counts as 26..32, 26,28,30 or 28")
        low, high = int(found[1]), int(found[2] or found[1])
        if low < 1 or high < low:
            raise click.BadParameter(f"{part.strip()!r}: a range goes from at least 1 up")
        counts += range(low, high + 1)
    return sorted(set(counts))


def parse_starts(text: str) -> list[date]:
    """``2027-03-01,2027-03-08`` as start dates; one that does not exist (2027-02-31) says so."""
    starts = []
    for part in text.split(","):
        why = not_a_date(part)
        if why is not None:
            raise click.BadParameter(why)
        try:
            starts.append(date.fromisoformat(part.strip()))
        except ValueError:
            raise click.BadParameter(
                f"{part.strip()!r}: write start dates as 2027-03-01,2027-03-08"
            ) from None
    return starts


def _start_dates(ctx: click.Context, param: click.Parameter, text: str | None) -> list[date] | None:
    """The --start option read before the board is, its problem named as the option's."""
    return parse_starts(text) if text else None


def grid(days: list[int] | None, starts: list[date] | None) -> list[Scenario]:
    """Every day count with every start date, named by what they change."""
    scenarios = []
    counts: list[int | None] = [*days] if days else [None]
    dates: list[date | None] = [*starts] if starts else [None]
    for count, start in itertools.product(counts, dates):
        parts = ([f"{count} days"] if count else []) + ([f"from {start}"] if start else [])
        name = ", ".join(parts) or "as planned"
        scenarios.append(Scenario(name=name, days=count, start=start))
    return scenarios


@click.command(
    "sweep", short_help="What-if: solve many scenarios (day counts, start dates) and compare them."
)
@click.argument("file", type=INPUT_FILE)
@click.option("--days", "days_text", metavar="26..32", help="Shoot days available: 26..32, 26,28,30 or 28.")
@click.option(
    "--start", "starts", metavar="DATES", callback=_start_dates, help="Start dates: 2027-03-01,2027-03-08."
)
@click.option(
    "--scenarios",
    "scenarios_path",
    type=INPUT_FILE,
    help='Scenarios as JSON: [{"name": "lead away wk 2", "changes": {"cast_unavailable": [...]}}, ...].',
)
@click.option(
    "--workers-per-solve",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="CP-SAT workers (cores) of each solve; 1 with a seed repeats every row exactly.",
)
@click.option(
    "--processes", type=click.IntRange(min=1), help="Solves at once here (default: cores / workers)."
)
@click.option("--dask", "dask_address", metavar="ADDRESS", help="Run on a Dask cluster: host:8786.")
@click.option("--ray", "ray_address", metavar="ADDRESS", help='Run on Ray: "local" or host:10001.')
@time_limit_option(60.0, "Seconds for each scenario's solve.")
@seed_option
@out_folder_option(Path("shootplan-sweep"))
@command
def sweep_command(
    file: Path,
    days_text: str | None,
    starts: list[date] | None,
    scenarios_path: Path | None,
    workers_per_solve: int,
    processes: int | None,
    dask_address: str | None,
    ray_address: str | None,
    time_limit: float,
    seed: int,
    out: Path,
) -> None:
    """Solve one board under many scenarios and compare them: what a day more or a later start buys.

    Writes OUT/sweep.xlsx (one row per scenario: days, moves, returns, holds, costs, bound, gap),
    OUT/sweep.json, OUT/schedules/NAME.json (each schedule found) and OUT/tradeoffs.png (with
    matplotlib). Ctrl-C stops the sweep and writes what finished.

    \b
    Examples:
      shootplan sweep board.xlsx --days 26..32 --out sweep/
      shootplan sweep board.xlsx --days 26..32 --start 2027-03-01,2027-03-08 --dask scheduler:8786
      shootplan sweep board.xlsx --scenarios what-if.json --ray ray://head:10001
    """
    if dask_address and ray_address:
        raise click.UsageError("give --dask or --ray, not both")
    production = read_input(file)
    scenarios = _scenarios(days_text, starts, scenarios_path)
    refuse_unwritable(out)
    executor = _executor(dask_address, ray_address)
    where = "this machine" if executor is None else str(executor)
    console.print(f"{len(scenarios)} scenarios of {production.name} on {where}", markup=False)
    best: list[ScenarioResult] = []

    def progress(result: ScenarioResult, done: int, total: int) -> None:
        cost = result.metrics.get("cost")
        if cost is not None and (not best or cost < best[0].metrics["cost"]):
            best[:] = [result]
        figure = f"cost {format_money(cost)}" if cost is not None else "; ".join(result.reasons)[:120]
        leader = f" (best so far: {best[0].scenario.name})" if best else ""
        console.print(
            f"[{done}/{total}] {result.scenario.name}: {result.status}, {figure}{leader}", markup=False
        )

    params = SolveParams(time_limit=time_limit, seed=seed)
    result = sweep(
        production,
        scenarios,
        executor=executor,
        workers_per_solve=workers_per_solve,
        params=params,
        processes=processes,
        progress=progress,
    )
    _write(result, out, production.name)
    console.print(str(result), markup=False)
    console.print(f"Outputs in {out}: {SWEEP_XLSX}, {SWEEP_JSON}, {SCHEDULES}/", markup=False)
    if result.interrupted:
        raise KeyboardInterrupt


def _scenarios(days_text: str | None, starts: list[date] | None, path: Path | None) -> list[Scenario]:
    listed = [] if path is None else _read_scenarios(path)
    if days_text or starts or not listed:
        days = parse_days(days_text) if days_text else None
        listed += grid(days, starts)
    return listed


def _read_scenarios(path: Path) -> list[Scenario]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ParameterError(f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from None
    if not isinstance(data, list):
        raise ParameterError(f"{path}: expected a list of scenarios")
    return [Scenario.model_validate(item) for item in data]


def _executor(dask_address: str | None, ray_address: str | None) -> str | None:
    if dask_address:
        return dask_address if "://" in dask_address else f"dask://{dask_address}"
    if ray_address:
        return (
            "ray"
            if ray_address in ("local", "ray")
            else (ray_address if "://" in ray_address else f"ray://{ray_address}")
        )
    return None


def _write(result: SweepResult, out: Path, title: str) -> None:
    with output_sets(out) as (stage,):
        write_sweep_workbook(result.frame, stage.path(SWEEP_XLSX), title=f"{title}: scenarios")
        write_text(stage.path(SWEEP_JSON), json.dumps(_document(result), indent=1, default=str) + "\n")
        for item in result.results:
            if item.schedule is not None:
                write_schedule(
                    stage.path(f"{SCHEDULES}/{_file_name(item.scenario.name)}.json"), item.schedule
                )
        _plot(result, stage)


def _document(result: SweepResult) -> dict[str, Any]:
    rows = result.frame.reset_index().astype(object).where(result.frame.reset_index().notna(), None)
    return {
        "interrupted": result.interrupted,
        "wall_time": round(result.wall_time, 3),
        "scenarios": [r.scenario.model_dump(mode="json", exclude_defaults=True) for r in result.results],
        "rows": rows.to_dict(orient="records"),
    }


def _plot(result: SweepResult, stage: OutputSet) -> None:
    try:
        figure = result.plot()
    except ImportError:
        note(f"no {TRADEOFFS_PNG}: the plot needs matplotlib (pip install 'shootplan[plot]')")
        return
    write_with(stage.path(TRADEOFFS_PNG), lambda stream: figure.savefig(stream, format="png", dpi=120))


def _file_name(name: str) -> str:
    """A scenario's name as a file name: letters, digits, dashes."""
    return re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-") or "scenario"

"""``shootplan replan``: re-plan the remaining days after a disruption, from the command line.

Kept apart from :mod:`shootplan.cli` (which registers :data:`replan_command` on the ``shootplan``
group) so the command and its outputs live next to the library code they drive. Exit codes as the
other commands: 0 ok, 1 bad input, 2 usage error, 3 no schedule exists (the explanation is
printed).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from shootplan.errors import ProductionError, ShootplanError, ShootplanWarning
from shootplan.io.excel import write_excel
from shootplan.io.readers import read_production
from shootplan.replanning import Changes, ReplanResult, replan
from shootplan.schedule import Schedule
from shootplan.solver import Progress, Status

__all__ = ["replan_command"]

# As the other commands (shootplan.cli): bad input, no schedule exists, none found in time, Ctrl-C.
EXIT_BAD_INPUT, EXIT_INFEASIBLE, EXIT_NO_SCHEDULE_YET, EXIT_INTERRUPTED = 1, 3, 4, 130

console = Console()
errors = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(command: F) -> F:
    """The library's own errors become one clear message and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (ShootplanError, OSError) as error:
            errors.print(f"[bold red]error:[/] {error}", highlight=False, markup=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


def _read_schedule(path: Path) -> Schedule:
    """A schedule.json as ``shootplan plan`` writes it ({"schedule": ...}), or a bare Schedule."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ProductionError(f"{path}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ProductionError(f"{path}: expected a schedule object, not {type(data).__name__}")
    try:
        return Schedule.model_validate(data.get("schedule", data))
    except ProductionError as error:
        raise ProductionError([f"{path}: {problem}" for problem in error.problems]) from None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2027-03-12") from None


def _write_text_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def schedule_payload(result: ReplanResult) -> dict[str, Any]:
    """schedule.json as ``shootplan plan`` writes it, plus a ``replan`` section: what changed."""
    assert result.schedule is not None and result.evaluation is not None
    return {
        "schedule": result.schedule.model_dump(mode="json"),
        "metrics": result.evaluation.metrics(),
        "solver": {
            "status": result.status.value,
            "objective": result.objective,
            "bound": result.bound,
            "bound_reasons": result.bound_reasons,
            "gap": result.gap,
            "runtime": round(result.runtime, 3),
            "method": result.method,
            "churn_cost": result.churn_cost,
        },
        "replan": {
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
        },
    }


_HEADER_FILL = PatternFill("solid", fgColor="FF404040")


def write_changes_workbook(result: ReplanResult, path: Path) -> Path:
    """``changes.xlsx``: the scenes that moved (with why), the metrics before and after, and what
    happened. Saved beside the target and renamed over it (never half a file)."""
    comparison = result.comparison
    production = result.production
    workbook = Workbook()
    moves = workbook.active
    assert moves is not None
    moves.title = "Changes"
    headers = ["Scene", "Set", "Int/Ext", "Day/Night", "Pages", "Cast", "From", "From day", "To"]
    headers += ["To day", "Days shifted", "Reason"]
    moves.append(headers)
    for move in result.moves:
        scene = production.scene(move.scene) if production.has_scene(move.scene) else None
        if scene is None and result.before.has_scene(move.scene):
            scene = result.before.scene(move.scene)
        shift = (move.to_date - move.from_date).days if move.from_date and move.to_date else None
        moves.append(
            [
                move.scene,
                scene.set if scene else "",
                scene.int_ext.value if scene else "",
                scene.time_of_day if scene else "",
                scene.pages if scene else "",
                ", ".join(c for c in scene.cast if not c.startswith("~")) if scene else "",
                move.from_date,
                move.from_day,
                move.to_date,
                move.to_day,
                shift,
                move.reason,
            ]
        )
    metrics = workbook.create_sheet("Metrics")
    metrics.append(["Metric", "Before", "After", "Change"])
    before, after = comparison.evaluations[0].metrics(), comparison.evaluations[1].metrics()
    for key in comparison.table.index:
        metrics.append([str(key).replace("_", " "), before[key], after[key], after[key] - before[key]])
    metrics.append([])
    metrics.append(["churn cost", None, result.churn_cost, None])
    metrics.append(["shoot dates changed", None, len(comparison.changed_dates), None])
    notes = workbook.create_sheet("What happened")
    notes.append(["What happened"])
    for line in result.changes.describe(result.before) or ["no changes: the remaining days re-optimized"]:
        notes.append([line])
    notes.append([])
    notes.append([f"Re-planned from {result.open_from}; {result.num_frozen_days} days shot and kept."])
    notes.append([f"Solver: {result.status.value}, {result.runtime:.1f} s, {result.method}."])
    for sheet, widths in (
        (moves, [8, 34, 8, 10, 7, 14, 12, 9, 12, 9, 12, 28]),
        (metrics, [22, 14, 14, 14]),
        (notes, [90]),
    ):
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFFFF")
            cell.fill = _HEADER_FILL
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    for row in moves.iter_rows(min_row=2):
        for cell in (row[6], row[8]):
            cell.number_format = "ddd mmm d, yyyy"
    for row in metrics.iter_rows(min_row=2):
        for cell in row[1:]:
            cell.number_format = "#,##0.##"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _summary(result: ReplanResult) -> Table:
    before, after = (e.metrics() for e in result.comparison.evaluations)
    table = Table(title=f"{result.production.name}: re-planned from {result.open_from}", box=None)
    table.add_column("")
    table.add_column("before", justify="right")
    table.add_column("after", justify="right")
    table.add_column("change", justify="right")
    for key, label in (
        ("cost", "cost"),
        ("hold_days", "hold days"),
        ("company_moves", "company moves"),
        ("shoot_days", "shoot days"),
        ("violations", "rule violations"),
    ):
        change = after[key] - before[key]
        table.add_row(label, f"{before[key]:,.0f}", f"{after[key]:,.0f}", f"{change:+,.0f}" if change else "")
    table.add_row("scenes moved", "", str(result.num_moved), "")
    table.add_row("status", "", result.status.value, "")
    table.add_row("time", "", f"{result.runtime:.1f} s", "")
    return table


@click.command("replan", short_help="Re-plan the days not yet shot after a disruption: fewest changes.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--schedule",
    "schedule_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The schedule everybody works to now (schedule.json from plan or replan).",
)
@click.option("--today", required=True, help="Today's date (YYYY-MM-DD): earlier days are shot.")
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
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Seconds to search.")
@click.option("--workers", type=int, help="Solver threads (default: all cores).")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--churn-weight",
    type=float,
    default=1000.0,
    show_default=True,
    help="Cost of moving one scene off its planned date (more for the next few days).",
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("shootplan-replan"), show_default=True)
@click.option(
    "--calendars",
    "calendar_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the published calendar feeds, updated in place (default: OUT/calendars).",
)
@_friendly
def replan_command(
    file: Path,
    schedule_path: Path,
    today: str,
    changes_path: Path | None,
    replan_today: bool,
    time_limit: float,
    workers: int | None,
    seed: int,
    churn_weight: float,
    out: Path,
    calendar_dir: Path | None,
) -> None:
    """Re-plan the days not yet shot after a disruption, changing as little as is worth it.

    Writes OUT/schedule.json (as plan does, plus what moved), OUT/schedule.xlsx, OUT/changes.xlsx
    (the scenes that moved and why, metrics before and after), OUT/production.json (the
    production after the changes: give it to the next replan) and calendar feeds whose SEQUENCE
    and cancellations follow exactly what changed.

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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShootplanWarning)
        _replan(
            file,
            schedule_path,
            today,
            changes_path,
            replan_today,
            time_limit,
            workers,
            seed,
            churn_weight,
            out,
            calendar_dir,
            caught,
        )


def _replan(
    file: Path,
    schedule_path: Path,
    today: str,
    changes_path: Path | None,
    replan_today: bool,
    time_limit: float,
    workers: int | None,
    seed: int,
    churn_weight: float,
    out: Path,
    calendar_dir: Path | None,
    caught: list[warnings.WarningMessage],
) -> None:
    def warn_now() -> None:
        for message in caught:
            errors.print(f"[yellow]warning:[/] {message.message}", highlight=False)
        caught.clear()

    when = _date(today)
    production = read_production(file)
    current = _read_schedule(schedule_path)
    changes = Changes.load(changes_path) if changes_path is not None else Changes()
    for what in changes.describe(production):
        console.print(f"  {what}", highlight=False, markup=False)
    line = Text("re-planning...")

    def show(progress: Progress) -> None:
        line.plain = f"{progress.elapsed:5.1f}s  cost with churn {progress.cost:,.0f}"

    with Live(line, console=console, refresh_per_second=4, transient=True):
        result = replan(
            production,
            current,
            today=when,
            changes=changes,
            freeze_today=not replan_today,
            time_limit=time_limit,
            num_workers=workers,
            seed=seed,
            weight_churn=churn_weight,
            callback=show,
        )
    warn_now()
    if result.interrupted:
        console.print("[yellow]Interrupted: keeping the best schedule found so far.[/]")
    if result.schedule is None:
        errors.print(f"[bold red]no schedule:[/] {result.status.value}", highlight=False)
        for reason in result.explanation:
            errors.print(f"  {reason}", highlight=False, markup=False)
        if result.status is Status.INFEASIBLE:
            sys.exit(EXIT_INFEASIBLE)
        sys.exit(EXIT_INTERRUPTED if result.interrupted else EXIT_NO_SCHEDULE_YET)
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "schedule.json", out / "production.json"]
    _write_text_atomically(written[0], json.dumps(schedule_payload(result), indent=1))
    _write_text_atomically(written[1], result.production.model_dump_json(indent=1))
    written.append(write_excel(result.production, result.schedule, out / "schedule.xlsx", result=result))
    written.append(write_changes_workbook(result, out / "changes.xlsx"))
    folder = calendar_dir or out / "calendars"
    published = schedule_path.parent / "calendars"
    if (
        not any(folder.glob("*.ics"))
        and any(published.glob("*.ics"))
        and published.resolve() != folder.resolve()
    ):
        # The feeds published with the old schedule (plan writes them beside schedule.json) are
        # what phones hold: carry on from them, so every SEQUENCE continues exactly.
        folder.mkdir(parents=True, exist_ok=True)
        for feed in published.glob("*.ics"):
            shutil.copy2(feed, folder / feed.name)
    feeds = result.write_calendars(folder)
    console.print(_summary(result), highlight=False)
    for move in result.moves[:20]:
        console.print(f"  {move}", highlight=False, markup=False)
    if len(result.moves) > 20:
        console.print(f"  ... and {len(result.moves) - 20} more (changes.xlsx)", highlight=False)
    console.print("Outputs:")
    for path in written:
        console.print(f"  {path}", highlight=False)
    console.print(f"  {len(feeds)} calendar feeds in {folder}", highlight=False)

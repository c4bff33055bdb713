"""schedule.json and production.json: the one reader and writer of shootplan's own JSON files.

``shootplan plan`` and ``shootplan replan`` write ``schedule.json`` as::

    {"schedule": {...}, "metrics": {...}, "solver": {...}}

``schedule`` is the :class:`~shootplan.schedule.Schedule` (``Schedule.model_dump``), ``metrics``
the scorer's headline figures (:meth:`Evaluation.metrics`), ``solver`` how the schedule was found
(status, objective, bound and what it rests on, gap, method, settings...);
``replan`` adds a ``replan`` section (what changed). :func:`read_schedule` reads that file back,
or a bare Schedule JSON (an object with ``"days"``), so a hand-edited schedule works too.

Given ``--callsheet-url``, both add ``"published": {"callsheets": "https://..."}``: where the
callsheets folder is published, so that a re-plan (which reads it with
:func:`read_call_sheet_base`) links the feeds' days the same way without being told again.

Nothing in ``schedule.json`` depends on the clock of the run: the same schedule found again
(``--workers 1 --seed N``) writes the same bytes. The run's own record, its runtime, when the
cost last fell and when it finished, goes to ``run.json`` (:func:`write_run`), which changes every
run and which nothing reads back.

Writes go through :mod:`shootplan.io._files`: one step, ordinary permissions, never half a file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shootplan.errors import ProductionError
from shootplan.evaluation import Evaluation
from shootplan.io._files import write_text
from shootplan.io.solver_run import SolverRun, status_value
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = [
    "PUBLISHED",
    "SolverRun",
    "published_section",
    "read_call_sheet_base",
    "read_schedule",
    "write_production",
    "write_run",
    "write_schedule",
]

#: schedule.json's section saying where the outputs are published.
PUBLISHED = "published"

# The solver section's optional fields, in the order they are written, when the result has them.
_OPTIONAL = ("num_solutions", "interrupted")


def _document(file: Path) -> Any:
    """The parsed JSON of a file, or a ProductionError naming it."""
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProductionError(f"{file}: not a schedule.json (not text)") from None
    except json.JSONDecodeError as error:
        raise ProductionError(
            f"{file}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


def published_section(call_sheet_base: str | None) -> dict[str, Any]:
    """The keyword arguments that give :func:`write_schedule` its ``published`` section (none
    without an address)."""
    return {} if call_sheet_base is None else {PUBLISHED: {"callsheets": call_sheet_base}}


def read_call_sheet_base(path: str | os.PathLike[str]) -> str | None:
    """Where the schedule.json at ``path`` says its callsheets folder is published, or None
    (a file from before the section existed, a bare Schedule, a plan made without the address)."""
    file = Path(path)
    data = _document(file)
    section = data.get(PUBLISHED) if isinstance(data, dict) else None
    base = section.get("callsheets") if isinstance(section, dict) else None
    if base is not None and not isinstance(base, str):
        raise ProductionError(f"{file}: {PUBLISHED}.callsheets is not a web address: {base!r}")
    return base


def read_schedule(path: str | os.PathLike[str]) -> Schedule:
    """The Schedule in a ``schedule.json`` that ``plan`` or ``replan`` wrote, or in a bare Schedule JSON.

    Raises :class:`~shootplan.ProductionError` naming the file for anything else (not JSON, not a
    schedule, a day that is not valid).
    """
    file = Path(path)
    data = _document(file)
    if isinstance(data, dict) and isinstance(data.get("schedule"), dict):
        data = data["schedule"]
    if not isinstance(data, dict) or "days" not in data:
        raise ProductionError(
            f"{file}: not a schedule: expected the schedule.json that shootplan plan writes"
            ' (an object with "schedule") or a Schedule (an object with "days")'
        )
    try:
        return Schedule.model_validate(data)
    except ProductionError as error:
        raise ProductionError([f"{file}: {problem}" for problem in error.problems]) from None


def write_schedule(
    path: str | os.PathLike[str],
    schedule: Schedule,
    *,
    evaluation: Evaluation | None = None,
    result: SolverRun | None = None,
    solver: Mapping[str, Any] | None = None,
    **sections: Any,
) -> Path:
    """Write ``schedule.json`` in one step and return its path.

    ``evaluation`` (:func:`shootplan.evaluate` of the schedule) gives the ``metrics`` section;
    ``result`` (what :func:`shootplan.solve` or :func:`shootplan.replan` returned) the ``solver``
    section, with ``solver``'s entries added (the time limit, seed, ... of the run). Further
    keyword arguments are sections of their own (``replan={...}``). :func:`read_schedule` reads
    the file back.
    """
    document: dict[str, Any] = {"schedule": schedule.model_dump(mode="json")}
    if evaluation is not None:
        document["metrics"] = evaluation.metrics()
    if result is not None or solver:
        document["solver"] = {**(_solver_section(result) if result is not None else {}), **(solver or {})}
    document.update(sections)
    return write_text(path, json.dumps(document, indent=1) + "\n")


def write_production(path: str | os.PathLike[str], production: Production) -> Path:
    """Write ``production.json`` (Production JSON, which every reader takes back) in one step."""
    return write_text(path, production.model_dump_json(indent=1) + "\n")


def _solver_section(result: SolverRun) -> dict[str, Any]:
    section: dict[str, Any] = {
        "status": status_value(result),
        "objective": result.objective,
        "bound": result.bound,
        # Reasons in words (records become their sentence): the file is read by people and tools.
        "bound_reasons": [str(reason) for reason in getattr(result, "bound_reasons", [])],
        # What the user should know about the plan (the day count chosen, an empty day's reason).
        "notices": [str(notice) for notice in getattr(result, "notices", [])],
        "gap": result.gap,
        "method": getattr(result, "method", None),
    }
    for name in _OPTIONAL:
        if hasattr(result, name):
            section[name] = getattr(result, name)
    return section


def write_run(path: str | os.PathLike[str], result: SolverRun, *, finished: datetime | None = None) -> Path:
    """Write ``run.json``, the record of one run: what changes from run to run even when the
    schedule does not (so it stays out of ``schedule.json``), in one step; return its path.

    ``runtime`` (seconds the search took), ``last_improvement`` (seconds from its start to the last
    cheaper schedule, null when unknown: near ``runtime``, more time would likely help) and
    ``finished`` (default: now, in UTC).
    """
    last = getattr(result, "last_improvement", None)
    record = {
        "finished": (finished or datetime.now(UTC)).isoformat(timespec="seconds"),
        "runtime": round(result.runtime, 3),
        "last_improvement": None if last is None else round(last, 3),
    }
    return write_text(path, json.dumps(record, indent=1) + "\n")

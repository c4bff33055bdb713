"""How two schedules of one production differ: metrics side by side and the scenes that moved."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from shootplan.evaluation import Evaluation, evaluate
from shootplan.model import (
    WEEKDAY_NAMES,
    Production,
)
from shootplan.schedule import Schedule, ShootDay

__all__ = [
    "Comparison",
    "SceneMove",
    "compare",
    "compare_schedules",
    "first_days",
    "scene_key",
    "scene_moves",
]


@dataclass(frozen=True)
class SceneMove:
    """A scene whose (first) shoot date differs between two schedules.

    ``from_date`` is None for a scene only the second schedule has (added), ``to_date`` None for
    one it lacks (cut). ``reason`` says why, when :func:`replan` knows: ``"cast 1 unavailable"``,
    ``"weather"``, ``"weather cover"``, ``"day off"``, ``"re-boarded"`` (moved to save cost or to
    make room)...
    """

    scene: str
    from_date: date | None
    to_date: date | None
    from_day: int | None = None
    to_day: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        where_from = _when(self.from_date, self.from_day) if self.from_date else "new"
        where_to = _when(self.to_date, self.to_day) if self.to_date else "cut"
        why = f" ({self.reason})" if self.reason else ""
        return f"scene {self.scene}: {where_from} -> {where_to}{why}"


def _when(day: date, number: int | None) -> str:
    text = f"{WEEKDAY_NAMES[day.weekday()]} {day:%b} {day.day}"
    return f"{text} (day {number})" if number is not None else text


_METRICS = (
    ("cost", "cost"),
    ("hold_cost", "hold cost"),
    ("company_move_cost", "company move cost"),
    ("shoot_day_cost", "shoot day cost"),
    ("location_return_cost", "location return cost"),
    ("hold_days", "hold days"),
    ("company_moves", "company moves"),
    ("location_returns", "location returns"),
    ("shoot_days", "shoot days"),
    ("violations", "rule violations"),
)


@dataclass(frozen=True)
class Comparison:
    """How schedule ``b`` differs from schedule ``a`` of the same production.

    ``table``: one row per metric (:meth:`shootplan.Evaluation.metrics`), columns the two
    schedules' names and ``change`` (b - a). ``moves``: the scenes whose first shoot date differs.
    ``changed_dates``: the dates whose scenes differ (what the crew's calendars will update).
    ``str()`` gives a short text.
    """

    names: tuple[str, str]
    table: pd.DataFrame
    moves: list[SceneMove]
    changed_dates: list[date]
    evaluations: tuple[Evaluation, Evaluation]

    @property
    def moved(self) -> pd.DataFrame:
        """The moves as a table: scene, set, from/to date and day, calendar days shifted, reason."""
        rows = [
            {
                "scene": m.scene,
                "from_date": m.from_date,
                "from_day": m.from_day,
                "to_date": m.to_date,
                "to_day": m.to_day,
                "shift_days": (m.to_date - m.from_date).days if m.from_date and m.to_date else None,
                "reason": m.reason,
            }
            for m in self.moves
        ]
        columns = ["scene", "from_date", "from_day", "to_date", "to_day", "shift_days", "reason"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.astype({"from_day": "Int64", "to_day": "Int64", "shift_days": "Int64"})

    @property
    def num_moved(self) -> int:
        """Scenes moved, added or cut."""
        return len(self.moves)

    def __str__(self) -> str:
        a, b = self.names
        lines = [f"{a} -> {b}"]
        old, new = (e.metrics() for e in self.evaluations)
        for key, label in _METRICS:
            before, after = old[key], new[key]
            change = after - before
            text = f"{before:,.0f} -> {after:,.0f}"
            if change:
                text += f"  ({change:+,.0f})"
            lines.append(f"  {label:<19}{text}")
        dates = len(self.changed_dates)
        lines.append(
            f"  {len(self.moves)} scene{'s' if len(self.moves) != 1 else ''} moved,"
            f" {dates} shoot date{'s' if dates != 1 else ''} changed"
        )
        shown = 12
        lines += [f"    {move}" for move in self.moves[:shown]]
        if len(self.moves) > shown:
            lines.append(f"    ... and {len(self.moves) - shown} more")
        return "\n".join(lines)


def compare(
    production: Production,
    a: Schedule,
    b: Schedule,
    *,
    names: tuple[str, str] = ("before", "after"),
) -> Comparison:
    """The metric differences between schedules ``a`` and ``b`` and the scenes that moved.

    Both are scored by :func:`shootplan.evaluate` against ``production``. A scene moves when its
    first shoot date differs (its order within a day does not count); a scene in only one of
    them is added or cut.
    """
    return compare_schedules(production, a, b, names=names, evaluations=None, reasons=None)


def compare_schedules(
    production: Production,
    a: Schedule,
    b: Schedule,
    *,
    names: tuple[str, str],
    evaluations: tuple[Evaluation, Evaluation] | None,
    reasons: Mapping[str, str] | None,
) -> Comparison:
    if names[0] == names[1]:
        raise ValueError(f"the two schedules need different names, not {names[0]!r} twice")
    first, second = evaluations or (evaluate(production, a), evaluate(production, b))
    metrics_a, metrics_b = first.metrics(), second.metrics()
    keys = [key for key, _ in _METRICS]
    table = pd.DataFrame(
        {
            names[0]: [metrics_a[k] for k in keys],
            names[1]: [metrics_b[k] for k in keys],
        },
        index=pd.Index(keys, name="metric"),
    )
    table["change"] = table[names[1]] - table[names[0]]
    moves = scene_moves(a, b, reasons or {})
    changed = _changed_dates(a, b)
    return Comparison(names, table, moves, changed, (first, second))


def first_days(schedule: Schedule) -> dict[str, ShootDay]:
    first: dict[str, ShootDay] = {}
    for day in schedule.days:
        for number in day.scenes:
            first.setdefault(number, day)
    return first


def scene_moves(a: Schedule, b: Schedule, reasons: Mapping[str, str]) -> list[SceneMove]:
    before, after = first_days(a), first_days(b)
    moves: list[SceneMove] = []
    for number in [*before, *(n for n in after if n not in before)]:
        old, new = before.get(number), after.get(number)
        if old is not None and new is not None and old.date == new.date:
            continue
        moves.append(
            SceneMove(
                number,
                old.date if old else None,
                new.date if new else None,
                old.number if old else None,
                new.number if new else None,
                reasons.get(number, ""),
            )
        )
    far = date.max
    moves.sort(key=lambda m: (m.from_date or m.to_date or far, m.to_date or far, scene_key(m.scene)))
    return moves


def scene_key(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group()) if digits else 1 << 30, number)


def _changed_dates(a: Schedule, b: Schedule) -> list[date]:
    old = {day.date: sorted(day.scenes) for day in a.days}
    new = {day.date: sorted(day.scenes) for day in b.days}
    return sorted(d for d in old.keys() | new.keys() if old.get(d) != new.get(d))

"""One source of truth for a re-plan: the production the plan was made for, plus a board's edits.

``plan`` writes ``production.json`` beside ``schedule.json`` with every setting it applied (the
start date, the shoot days it allowed). A board read again lacks those settings (a messy board
has no Max Shoot Days), so re-planning from it alone would quietly drop them. :func:`with_board`
takes the planned production as the base and brings in what the board changes: its scenes,
performers and locations, and any setting it states that differs from the plan. The calendar
stays the plan's. Every difference is said in words.
"""

from __future__ import annotations

from typing import Any

from shootplan.model import Production
from shootplan.rules import Rules

__all__ = ["with_board"]

_DEFAULT_RULES = Rules().model_dump()


def with_board(planned: Production, board: Production) -> tuple[Production, list[str]]:
    """``planned`` with the edits of ``board``, and one line per difference (empty: the same)."""
    said: list[str] = []
    rules = planned.rules.model_dump()
    for name, value in board.rules.model_dump().items():
        if value == rules.get(name):
            continue
        if value is None or value == _DEFAULT_RULES.get(name):
            said.append(
                f"{_label(name)}: kept the plan's {_shown(rules.get(name))} (the board does not set it)"
            )
            continue
        said.append(f"{_label(name)}: {_shown(rules.get(name))} in the plan, {_shown(value)} on the board")
        rules[name] = value
    if board.calendar != planned.calendar:
        said.append(
            f"calendar: kept the plan's (from {planned.calendar.start}); the board's differs"
            f" (from {board.calendar.start})"
        )
    said += _entity_changes(
        "scene",
        {s.number: s.model_dump() for s in planned.scenes},
        {s.number: s.model_dump() for s in board.scenes},
    )
    said += _entity_changes(
        "cast", {c.id: c.model_dump() for c in planned.cast}, {c.id: c.model_dump() for c in board.cast}
    )
    said += _entity_changes(
        "location",
        {loc.name: loc.model_dump() for loc in planned.locations},
        {loc.name: loc.model_dump() for loc in board.locations},
    )
    merged = planned.replace(
        rules=rules, scenes=board.scenes, cast=board.cast, locations=board.locations, boards=board.boards
    )
    return merged, said


def _entity_changes(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """``new scene 25``, ``scene 3 removed``, ``scene 14 changed (pages, cast)``."""
    lines = [f"new {kind} {key}" for key in new if key not in old]
    lines += [f"{kind} {key} removed" for key in old if key not in new]
    for key, before in old.items():
        after = new.get(key)
        if after is not None and after != before:
            fields = [name for name in before if before[name] != after.get(name)]
            lines.append(f"{kind} {key} changed ({', '.join(fields)})")
    return lines


def _label(name: str) -> str:
    return name.replace("_", " ")


def _shown(value: object) -> str:
    return "none" if value is None else str(value)

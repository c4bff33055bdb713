"""The library's own error and warning types, and the structured problem records errors carry.

Every problem shootplan reports about a user's data is a :class:`ShootplanError`, so a caller (the
CLI, a web service) can catch one type and show its message, which always names the entity at
fault. Pydantic's ``ValidationError`` from constructing a model directly is wrapped into
:class:`ProductionError` by the models themselves (:mod:`shootplan.validation`) and the readers.

A :class:`ProductionError` holds its problems as :class:`Problem` records: what is at fault (the
entity kind and key, the field) and where (file, sheet, row, column), with the words in
``message``. A reader attaches a place by filling fields (:meth:`Problem.at`), never by parsing a
sentence; ``str(problem)`` is the sentence a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

__all__ = [
    "ImportProblem",
    "PageCountError",
    "ParameterError",
    "Problem",
    "ProductionError",
    "ShootplanError",
    "ShootplanWarning",
]


class ShootplanError(Exception):
    """Base class of every error shootplan raises about a user's data or request."""


class ParameterError(ShootplanError, ValueError, TypeError):
    """A setting or argument that cannot be used (``time_limit=-1``, an unknown keyword, a file
    name where a Production belongs); the message names it and the value given."""


class PageCountError(ShootplanError, ValueError):
    """A page count that cannot be read or is out of range (e.g. ``"abc"``, ``-1``)."""


@dataclass(frozen=True)
class Problem:
    """One problem with a user's data, as fields; ``str()`` gives the sentence.

    The sentence is the place (``board.xlsx, sheet Scenes, row 7, column Pages``), the subject
    (``scene '42A'``: ``kind`` and ``key``, or ``kind`` and the 1-based ``index`` of an entity
    without a key), the ``field``, then the ``message``, joined by ``": "``; empty parts are left
    out.
    """

    message: str
    kind: str = ""  # what is at fault: "scene", "cast", "location", "board", "rules", a model name
    key: object = None  # which one: a scene number, cast id, location or board name, as given
    index: int | None = None  # its position (from 1) when it has no key
    field: str = ""  # the field at fault, dotted: "calendar.start", "eighths"
    file: str = ""
    place: str = ""  # a place in the file other than a sheet and row: "breakdown 3 (id x)"
    sheet: str | None = None
    row: int | None = None
    column: str = ""

    @property
    def subject(self) -> str:
        """``scene '42A'``, ``scene #3``, ``rules``, or ``""``."""
        if not self.kind:
            return ""
        if self.key is not None:
            return f"{self.kind} {self.key!r}"
        if self.index is not None:
            return f"{self.kind} #{self.index}"
        return self.kind

    @property
    def where(self) -> str:
        """``board.xlsx, sheet Scenes, row 7, column Pages``, or ``""`` when the place is unknown."""
        parts = [self.file] if self.file else []
        if self.place:
            parts.append(self.place)
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def at(
        self,
        *,
        file: str | None = None,
        place: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> Problem:
        """The same problem placed in a file; only the parts given are changed."""
        return replace(
            self,
            file=self.file if file is None else file,
            place=self.place if place is None else place,
            sheet=self.sheet if sheet is None else sheet,
            row=self.row if row is None else row,
            column=self.column if column is None else column,
        )

    def detached(self) -> Problem:
        """The problem without its subject and field (when the caller names them another way)."""
        return replace(self, kind="", key=None, index=None, field="")

    def __str__(self) -> str:
        return ": ".join(part for part in (self.where, self.subject, self.field, self.message) if part)


class ProductionError(ShootplanError, ValueError):
    """A production that is not valid: bad references, duplicates, impossible windows.

    ``records`` lists every problem found as a :class:`Problem`; ``problems`` the same as the
    sentences a person reads, each naming the entity.
    """

    def __init__(self, problems: str | Problem | Iterable[str | Problem]) -> None:
        items = [problems] if isinstance(problems, str | Problem) else list(problems)
        self.records = [item if isinstance(item, Problem) else Problem(item) for item in items]
        super().__init__(self._render())

    @property
    def problems(self) -> list[str]:
        """Every problem as a sentence."""
        return [str(record) for record in self.records]

    def _render(self) -> str:
        problems = self.problems
        if len(problems) == 1:
            return problems[0]
        lines = [f"{len(problems)} problems:"]
        lines += [f"  - {problem}" for problem in problems]
        return "\n".join(lines)


class ImportProblem(ProductionError):
    """A file that cannot be read as a production; its problems name file, sheet, row and column."""


class ShootplanWarning(UserWarning):
    """Something in the data that is legal but probably not what the user meant."""

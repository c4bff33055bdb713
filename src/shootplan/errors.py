"""The library's own error and warning types.

Every problem shootplan reports about a user's data is a :class:`ShootplanError`, so a caller (the
CLI, a web service) can catch one type and show its message, which always names the entity at
fault. Pydantic's ``ValidationError`` from constructing a model directly is wrapped into
:class:`ProductionError` by :func:`shootplan.model.load_production` and the readers.
"""

from __future__ import annotations

__all__ = [
    "ImportProblem",
    "PageCountError",
    "ProductionError",
    "ShootplanError",
    "ShootplanWarning",
]


class ShootplanError(Exception):
    """Base class of every error shootplan raises about a user's data or request."""


class PageCountError(ShootplanError, ValueError):
    """A page count that cannot be read or is out of range (e.g. ``"abc"``, ``-1``)."""


class ProductionError(ShootplanError, ValueError):
    """A production that is not valid: bad references, duplicates, impossible windows.

    ``problems`` lists every problem found, each a sentence that names the entity.
    """

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0]
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


class ImportProblem(ProductionError):
    """A file that cannot be read as a production; ``problems`` name file, sheet, row and column."""


class ShootplanWarning(UserWarning):
    """Something in the data that is legal but probably not what the user meant."""

"""What every settings object shares: validated once, frozen, loadable from TOML, errors that name.

:class:`~shootplan.SolveParams` and :class:`~shootplan.ReplanParams` are data: built in Python,
read from a TOML file (an empty file gives the defaults; a ``[solve]`` or ``[replan]`` table lets
one file hold both) or given as keyword arguments (``solve(p, time_limit=5)``). A bad value or an
unknown name raises :class:`~shootplan.ParameterError` naming it, never pydantic's layout and never
a solver error asking the user to report a bug.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from shootplan.errors import ParameterError

__all__ = ["Settings"]


class Settings(BaseModel):
    """A frozen, validated set of settings; subclasses add the fields and their checks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The TOML table the settings may sit under, e.g. ``[solve]``.
    toml_table: ClassVar[str] = ""

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise ParameterError(_words(type(self), error)) from None

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Self:
        """Read the settings from a TOML file (``time_limit = 10``; missing ones keep defaults)."""
        source = Path(path)
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ParameterError(f"{source}: not a valid TOML file: {error}") from None
        table = data.get(cls.toml_table, data)
        if not isinstance(table, dict):
            raise ParameterError(f"{source}: [{cls.toml_table}] must be a table of settings")
        try:
            return cls(**table)
        except ParameterError as error:
            raise ParameterError(f"{source}: {error}") from None

    def updated(self, overrides: Mapping[str, Any], *, caller: str) -> Self:
        """These settings with ``overrides`` (field names) applied, validated the same way."""
        fields = list(type(self).model_fields)
        for name in overrides:
            if name not in fields:
                close = difflib.get_close_matches(name, fields, n=1)
                hint = (
                    f" (did you mean {close[0]!r}?)" if close else f"; the settings are: {', '.join(fields)}"
                )
                raise ParameterError(f"{caller} got an unknown argument {name!r}{hint}")
        if not overrides:
            return self
        return type(self)(**(self.model_dump(exclude_unset=True) | dict(overrides)))


def _words(kind: type[Settings], error: ValidationError) -> str:
    """One line per bad setting, each naming it and the value given."""
    lines = []
    for problem in error.errors(include_url=False):
        name = ".".join(str(part) for part in problem["loc"])
        if problem["type"] == "extra_forbidden":
            lines.append(f"unknown setting {name!r}; the settings are: {', '.join(kind.model_fields)}")
        elif problem["type"] == "value_error":
            lines.append(str(problem["ctx"]["error"]))
        else:
            message = f"{problem['msg'][:1].lower()}{problem['msg'][1:]}"
            lines.append(f"{name}: {message}, got {problem['input']!r}" if name else message)
    return "; ".join(lines)

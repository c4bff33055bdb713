"""The base of every shootplan model, and pydantic's errors turned into problems that name the entity.

Models are immutable (``frozen``), reject unknown fields and strip text. Constructing or validating
one raises :class:`~shootplan.errors.ProductionError` instead of pydantic's ``ValidationError``,
its problems as :class:`~shootplan.errors.Problem` records whose subject is the entity at fault
(``scene '42A'``, ``cast #3``) and whose field is the path inside it.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from shootplan.errors import Problem, ProductionError

__all__ = ["FreeText", "OneLine", "StrictModel", "describe_validation_error", "free_text", "one_line"]

# Line and paragraph breaks, tabs and form feeds, with the spaces around them.
_BREAKS = re.compile(r"[ ]*[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+[ ]*")
# Every other control character: nothing a name means, and some a terminal or a file obeys.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def one_line(value: Any) -> Any:
    """A name on one line: a line break typed into a cell (Alt+Enter in Excel) becomes a space and
    other control characters go. Names end up on strips, in calendar titles and in file names,
    where a line break would split a line or, in a calendar feed, start a new property."""
    if isinstance(value, str):
        return _CONTROLS.sub("", _BREAKS.sub(" ", value))
    return value


#: A text field that is a name: kept on one line (see :func:`one_line`).
OneLine = Annotated[str, BeforeValidator(one_line)]

# The control characters a free text loses: all but tab, line feed and carriage return (which a
# spreadsheet cell and a calendar description carry), and the C1 controls a terminal obeys.
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def free_text(value: Any) -> Any:
    """A free text (a synopsis, an address) without control characters but its line breaks:
    a workbook cannot hold them (XML forbids most), so every format keeps the same text."""
    if isinstance(value, str):
        return _TEXT_CONTROLS.sub("", value)
    return value


#: A free text field: line breaks kept, other control characters dropped (see :func:`free_text`).
FreeText = Annotated[str, BeforeValidator(free_text)]


class StrictModel(BaseModel):
    """Shared configuration: immutable, unknown fields rejected, readable errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise ProductionError(describe_validation_error(error, data, type(self))) from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate a dict (or object) into this model; errors name the entity at fault."""
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as error:
            raise ProductionError(describe_validation_error(error, obj, cls)) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, *args: Any, **kwargs: Any) -> Self:
        """Validate JSON text into this model; errors name the entity at fault."""
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as error:
            try:
                raw = json.loads(json_data)
            except ValueError:
                raw = None
            raise ProductionError(describe_validation_error(error, raw, cls)) from None


# A list field of the production and the kind and key of its items, for problems with one item.
_ENTITY_KEYS = {
    "scenes": ("scene", "number"),
    "cast": ("cast", "id"),
    "locations": ("location", "name"),
}
# The entity models themselves, validated on their own (a Scene(...) call).
_ENTITY_MODELS = {
    "Scene": ("scene", "number"),
    "CastMember": ("cast", "id"),
    "Location": ("location", "name"),
}


def describe_validation_error(error: ValidationError, data: Any, model: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as problems that name the entity (``scene '42A': eighths: ...``)."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        cause = item.get("ctx", {}).get("error")
        if isinstance(cause, ProductionError):
            # Our own validators raise problems that already name their entity, every one of them.
            problems += cause.records
            continue
        message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        kind, key, index = _entity(loc, data, model)
        field = ".".join(str(part) for part in loc if not isinstance(part, int))
        value = f" (got {item['input']!r})" if item["type"] not in {"missing", "value_error"} else ""
        if not kind and model.__name__ == "Production":
            problems.append(Problem(f"{message}{value}", field=field))
            continue
        problems.append(
            Problem(f"{message}{value}", kind=kind or model.__name__, key=key, index=index, field=field)
        )
    return problems or [Problem(str(error))]


def _entity(loc: list[Any], data: Any, model: type[BaseModel]) -> tuple[str, Any, int | None]:
    """(kind, key, position) of the entity a loc like ('scenes', 3, 'eighths') is in; loc is cut to
    the path inside it. ``("", None, None)`` when the problem is not inside an entity."""
    if model.__name__ in _ENTITY_MODELS:
        kind, key = _ENTITY_MODELS[model.__name__]
        return kind, data.get(key) if isinstance(data, dict) else None, None
    if len(loc) >= 2 and loc[0] in _ENTITY_KEYS and isinstance(loc[1], int):
        kind, key = _ENTITY_KEYS[loc[0]]
        entity: Any = None
        if isinstance(data, dict) and isinstance(data.get(loc[0]), list | tuple):
            items = data[loc[0]]
            if loc[1] < len(items):
                entity = items[loc[1]]
        value = entity.get(key) if isinstance(entity, dict) else getattr(entity, key, None)
        position = loc[1] + 1
        del loc[:2]
        return kind, value, position if value is None else None
    return "", None, None

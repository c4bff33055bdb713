"""Screenplays in: Fountain and Final Draft files read as a production to schedule.

:func:`read_screenplay` turns a script into the draft production every reader hands to
:func:`shootplan.io._build.finish`: one strip per scene heading, the speaking characters as cast,
the locations, page counts and Final Draft's breakdown tags. Modules, one job each:
:mod:`.fountain` and :mod:`.fdx` (the formats, into a :class:`~.script.Script`), :mod:`.headings`
(sluglines), :mod:`.pagination` (eighths by the standard page) and :mod:`.breakdown` (a script
to a production, with a note for each guess).
"""

from __future__ import annotations

from pathlib import Path

from shootplan.io._build import Draft
from shootplan.io._cells import Problems
from shootplan.io.screenplay.breakdown import draft_from_script
from shootplan.io.screenplay.fdx import looks_like_fdx, parse_fdx
from shootplan.io.screenplay.fountain import looks_like_fountain, parse_fountain

__all__ = ["SCREENPLAY_SUFFIXES", "looks_like_fdx", "looks_like_fountain", "read_screenplay"]

#: File name endings of screenplays; the content decides, these only settle a doubt.
SCREENPLAY_SUFFIXES = frozenset({".fountain", ".spmd", ".fdx"})


def read_screenplay(source: Path, data: bytes, text: str | None, problems: Problems) -> Draft:
    """A Final Draft file (``data``) or a Fountain text (``text``) as a draft production."""
    script = parse_fdx(data, problems) if text is None else parse_fountain(text)
    return draft_from_script(script, problems, fallback_name=source.stem)

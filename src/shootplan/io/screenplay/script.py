"""A screenplay as the breakdown reads it: a title and scenes of typed blocks, whatever the format.

The Fountain and Final Draft readers both produce a :class:`Script`; the breakdown and the
pagination read only this, so a new format is one new reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Block", "BlockKind", "Script", "ScriptScene"]

BlockKind = Literal["action", "character", "parenthetical", "dialogue", "transition", "centered", "lyrics"]


@dataclass(frozen=True)
class Block:
    """One paragraph of a scene: an action paragraph, a character cue, a line of dialogue..."""

    kind: BlockKind
    text: str


@dataclass
class ScriptScene:
    """A scene heading and everything under it until the next heading."""

    heading: str
    line: int  # where the heading is: a line of a Fountain file, a paragraph of an FDX
    number: str | None = None  # as written (#12A# or the FDX Number); None when unnumbered
    blocks: list[Block] = field(default_factory=list)
    eighths: int | None = None  # the writing program's own page count (FDX Length), when given
    tags: dict[str, list[str]] = field(default_factory=dict)  # FDX breakdown tags by category


@dataclass
class Script:
    """A screenplay: its title (from the title page, when it has one) and its scenes in order."""

    title: str = ""
    scenes: list[ScriptScene] = field(default_factory=list)

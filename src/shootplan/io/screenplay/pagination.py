"""Page counts in eighths from a scene's text, by the standard screenplay page.

The rule (for scripts whose writing program gave no count, as Fountain files never do):

- A page is US Letter in 12-point Courier with 1-inch top and bottom margins: **55 lines**, so an
  eighth of a page is 55/8 = 6.875 lines. Courier prints 10 characters an inch.
- Each block is wrapped at word boundaries to its column: scene headings, action, centred text and
  lyrics **61** characters (6.1 inches), dialogue **35** (3.5 inches), parentheticals **25**;
  character cues and transitions take one line.
- Every block has one blank line before it, except dialogue and parentheticals, which sit right
  under their cue. The scene heading and its blank line belong to the scene.
- A scene's eighths are its lines over 6.875, rounded up to a whole eighth, and so at least 1/8
  (the industry's minimum: a scene never counts as less than an eighth). Up, as Final Draft
  counts: on a Final-Draft-written script of 30 scenes, rounding up matches its ``Length`` exactly
  on 28 and rounding to the nearest on 13 (``benchmarks/pagination.py``, benchmarks/README.md).

What it leaves out: page breaks that push a block to the next page, (MORE)/(CONT'D) lines and a
program's own spacing choices, so a count can differ from Final Draft's by an eighth on a long
scene. Final Draft's own count (an FDX ``SceneProperties Length``) is used whenever it is there.
"""

from __future__ import annotations

import math
import textwrap

from shootplan.io.screenplay.script import Block, BlockKind

__all__ = ["LINES_PER_PAGE", "block_lines", "scene_eighths", "scene_lines"]

LINES_PER_PAGE = 55
_WIDTHS: dict[BlockKind, int] = {
    "action": 61,
    "centered": 61,
    "lyrics": 61,
    "dialogue": 35,
    "parenthetical": 25,
}
_HEADING_WIDTH = 61
_UNDER_CUE = frozenset({"dialogue", "parenthetical"})


def _wrapped(text: str, width: int) -> int:
    """Lines a text takes at a column width; a written line break starts a new line."""
    return sum(max(1, len(textwrap.wrap(line, width) or [""])) for line in text.split("\n"))


def block_lines(block: Block) -> int:
    """Printed lines of one block, with the blank line before it when it has one."""
    width = _WIDTHS.get(block.kind)
    lines = 1 if width is None else _wrapped(block.text, width)
    return lines + (0 if block.kind in _UNDER_CUE else 1)


def scene_lines(heading: str, blocks: list[Block]) -> int:
    """Printed lines of a scene: its heading (with the blank line before it) and its blocks."""
    return 1 + _wrapped(heading, _HEADING_WIDTH) + sum(block_lines(block) for block in blocks)


def scene_eighths(heading: str, blocks: list[Block]) -> int:
    """A scene's page count in eighths by the standard page, any part of an eighth counted: at least 1."""
    return max(1, math.ceil(scene_lines(heading, blocks) * 8 / LINES_PER_PAGE))

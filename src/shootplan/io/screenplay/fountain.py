"""Fountain screenplays (``.fountain``, ``.spmd``) read into a :class:`Script`.

The markup is parsed by ``fountain-py`` (typed, maintained, no dependencies of its own): it knows
the whole syntax (forced headings and cues, dual dialogue, notes, boneyard, sections, title page)
and gives each element its line. This module only keeps what a breakdown reads: the title page's
``Title:``, scene headings with their ``#12A#`` numbers, and the blocks under each heading.
"""

from __future__ import annotations

import re

from fountain import ElementType, FountainElement, FountainParser

from shootplan.io.screenplay.script import Block, BlockKind, Script, ScriptScene

__all__ = ["looks_like_fountain", "parse_fountain", "plain_text"]

_KINDS: dict[ElementType, BlockKind] = {
    ElementType.ACTION: "action",
    ElementType.CHARACTER: "character",
    ElementType.DIALOGUE: "dialogue",
    ElementType.PARENTHETICAL: "parenthetical",
    ElementType.TRANSITION: "transition",
    ElementType.CENTERED: "centered",
    ElementType.LYRICS: "lyrics",
}
# A line that is a scene heading on its own, with a blank line after it: what tells a Fountain
# file from a CSV board whose Slugline cells also start with INT. (rows have no blank lines).
_HEADING_PARAGRAPH = re.compile(
    r"(?:\A|\n[ \t]*\n)[ \t]*(?:INT|EXT|EST|INT\./EXT|INT/EXT|I/E)[. ][^\n]*\n[ \t]*\n", re.IGNORECASE
)
_TITLE_KEY = re.compile(r"\A\s*Title\s*:", re.IGNORECASE)
# Fountain's emphasis: *italic*, **bold**, ***bold italic***, _underline_, nested in any order
# (_**TITLE**_), never inside a word (SNAKE_CASE_NAME keeps its underscores); a backslash keeps a
# marker as a character (\*). Title pages are often set so.
_EMPHASIS = re.compile(r"(?<![\\\w])(\*{1,3}|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1(?!\w)")
_ESCAPED_MARKER = re.compile(r"\\([*_])")


def looks_like_fountain(text: str) -> bool:
    """True for text that reads as a screenplay: a title page, or a heading standing alone."""
    return bool(_TITLE_KEY.match(text) or _HEADING_PARAGRAPH.search(text))


def plain_text(text: str) -> str:
    """Text without Fountain's emphasis markers: ``_**BRICK & STEEL**_`` is ``BRICK & STEEL``."""
    while True:
        # Outermost pair first, then what it enclosed, until no pair is left.
        plain = _EMPHASIS.sub(r"\2", text)
        if plain == text:
            return _ESCAPED_MARKER.sub(r"\1", plain)
        text = plain


def _text(element: FountainElement) -> str:
    return element.text.strip()


def parse_fountain(text: str) -> Script:
    """The title and scenes of a Fountain screenplay (text before the first heading is dropped)."""
    document = FountainParser().parse(text)
    # The title names the production on every output: the page's layout and emphasis are dropped.
    title = " ".join(plain_text(str(document.metadata.get("title", ""))).split())
    script = Script(title=title)
    scene: ScriptScene | None = None
    for element in document.elements:
        if element.type is ElementType.SCENE_HEADING:
            number = element.metadata.get("scene_number")
            scene = ScriptScene(_text(element), element.line_number, str(number) if number else None)
            script.scenes.append(scene)
        elif scene is not None and element.type in _KINDS:
            kind = _KINDS[element.type]
            if kind == "character" and element.metadata.get("extension"):
                # The breakdown drops extensions itself; keep the cue as written.
                block = Block(kind, f"{_text(element)} ({element.metadata['extension']})")
            else:
                block = Block(kind, _text(element))
            if block.text:
                scene.blocks.append(block)
    return script

"""Final Draft screenplays (``.fdx``, XML with a ``<FinalDraft>`` root) read into a :class:`Script`.

Read with the standard library's XML parser: FDX is plain XML whose few parts a breakdown needs
(paragraphs by ``Type``, ``Number``, ``SceneProperties Length``, ``TitlePage``, ``TagData``) take
a page to read, and none of the Python FDX readers keeps the scene lengths or the tags. A real FDX
never has a document type declaration, so a file with ``<!DOCTYPE`` or ``<!ENTITY`` is refused
before parsing: no entity can be expanded (no "billion laughs", no external file read).

Breakdown tags: ``TagData`` lists categories (``Props``, ``Vehicles``...), definitions (a label in
a category) and tag numbers (a definition); a tagged word in the script is ``<Text
TagNumber="3">``. Each scene gets the labels of the tags in it, by category.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from shootplan.errors import PageCountError
from shootplan.io._cells import Problems
from shootplan.io.screenplay.script import Block, BlockKind, Script, ScriptScene
from shootplan.pages import parse_pages

__all__ = ["looks_like_fdx", "parse_fdx"]

_KINDS: dict[str, BlockKind] = {
    "Action": "action",
    "General": "action",
    "Shot": "action",
    "Character": "character",
    "Dialogue": "dialogue",
    "Parenthetical": "parenthetical",
    "Transition": "transition",
    "Lyrics": "lyrics",
}
_HEADINGS = frozenset({"Scene Heading", "Scene Heading (Top of Page)"})
_DECLARATIONS = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def looks_like_fdx(data: bytes) -> bool:
    """True for XML whose root is a Final Draft document."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<FinalDraft" in data[:4096]


def _text(paragraph: ET.Element) -> str:
    return "".join("".join(part.itertext()) for part in paragraph.findall("Text")).strip()


def _paragraphs(content: ET.Element) -> Iterator[ET.Element]:
    """The script's paragraphs in order, dual dialogue's two columns one after the other."""
    for paragraph in content.findall("Paragraph"):
        dual = paragraph.find("DualDialogue")
        if dual is not None:
            yield from dual.findall("Paragraph")
        else:
            yield paragraph


def _tag_labels(root: ET.Element) -> dict[str, tuple[str, str]]:
    """Tag number -> (category, label), from TagData."""
    data = root.find("TagData")
    if data is None:
        return {}
    categories = {c.get("Id", ""): c.get("Name", "") for c in data.iterfind("TagCategories/TagCategory")}
    definitions = {
        d.get("Id", ""): (categories.get(d.get("CatId", ""), ""), d.get("Label", "").strip())
        for d in data.iterfind("TagDefinitions/TagDefinition")
    }
    tags: dict[str, tuple[str, str]] = {}
    for tag in data.iterfind("Tags/Tag"):
        definition = definitions.get((tag.findtext("DefId") or "").strip())
        if definition and definition[0] and definition[1]:
            tags[tag.get("Number", "")] = definition
    return tags


def _title(root: ET.Element) -> str:
    """The title page's first line of text: the title, as Final Draft lays it out."""
    for paragraph in root.iterfind("TitlePage/Content/Paragraph"):
        text = " ".join(_text(paragraph).split())
        if text:
            return text
    return ""


def _length(heading: ET.Element, scene: ScriptScene, problems: Problems) -> int | None:
    properties = heading.find("SceneProperties")
    written = (properties.get("Length", "") if properties is not None else "").strip()
    if not written:
        return None
    try:
        return parse_pages(written)
    except PageCountError as error:
        problems.warn(
            f"scene {scene.heading!r}: Length {written!r} is not a page count ({error}); counted instead"
        )
        return None


def parse_fdx(data: bytes, problems: Problems) -> Script:
    """The title, scenes, numbers, lengths and tags of a Final Draft file."""
    if _DECLARATIONS.search(data):
        problems.fail(
            "a Final Draft file with a DOCTYPE or ENTITY declaration, which real FDX files never have"
        )
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        problems.fail(f"a damaged Final Draft file: not well-formed XML ({error})")
    content = root.find("Content")
    if root.tag != "FinalDraft" or content is None:
        problems.fail("not a Final Draft script: no <FinalDraft> with a <Content> part")
    tags = _tag_labels(root)
    script = Script(title=_title(root))
    scene: ScriptScene | None = None
    for index, paragraph in enumerate(_paragraphs(content), start=1):
        kind = paragraph.get("Type", "Action")
        text = _text(paragraph)
        if kind in _HEADINGS:
            if paragraph.find("OmittedScene") is not None:
                scene = None  # an omitted scene keeps its number but has nothing to shoot
                continue
            scene = ScriptScene(text, index, (paragraph.get("Number") or "").strip() or None)
            scene.eighths = _length(paragraph, scene, problems)
            script.scenes.append(scene)
        elif scene is not None and text:
            scene.blocks.append(Block(_KINDS.get(kind, "action"), text))
        if scene is not None:
            for part in paragraph.iter("Text"):
                category, label = tags.get(part.get("TagNumber", ""), ("", ""))
                if label and label not in scene.tags.setdefault(category, []):
                    scene.tags[category].append(label)
    return script

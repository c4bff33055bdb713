"""A screenplay's scenes turned into a draft production: strips, cast with board IDs, locations.

What the breakdown decides, and says so when it guessed (each a note, one line per kind):

- **Strips**: one per scene heading, numbered as written (``#12A#``, FDX ``Number``), else by
  its place in the script. In a partly numbered script that place may be a number written on
  another heading (``#2#`` on the first scene, none on the second): the scene is then numbered as
  ADs number a scene added after the one before it, with a letter (``2A``, then ``2B``), and a
  first scene takes the next number no heading uses. The same number written on two headings is
  an error naming both.
- **INT/EXT, set, location, time of day** from the heading (:mod:`.headings`). A heading without
  INT or EXT is taken as INT; one without a time of day as DAY; ``CONTINUOUS``, ``LATER``... alone
  take the time of day of the scene before (DAY for a first scene), while an explicit one beside
  them wins (``EXT. FARM - DAY - LATER`` is DAY).
- **Cast**: the characters who speak, names without extensions (``(V.O.)``, ``(O.S.)``,
  ``(CONT'D)``); board IDs by number of speeches, the most (the lead) as 1, ties in order of first
  appearance, as ADs number them. Names tagged ``Cast Members`` in Final Draft are cast too. A name
  in capitals in the action that never speaks is named in a note: it is not put on the cast list.
- **Synopsis**: the first sentence of the scene's first action paragraph.
- **Pages**: the writing program's own count when the file has one (FDX ``Length``), else the
  standard page (:mod:`.pagination`).
- **Elements**: Final Draft's breakdown tags by category (props, vehicles, background...).
"""

from __future__ import annotations

import itertools
import re
import string
from collections import Counter
from dataclasses import dataclass
from typing import Any

from shootplan.io._build import Draft
from shootplan.io._cells import Problems, quoted
from shootplan.io.screenplay.headings import parse_heading
from shootplan.io.screenplay.pagination import scene_eighths
from shootplan.io.screenplay.script import Script, ScriptScene
from shootplan.model import IntExt

__all__ = ["character_name", "draft_from_script"]

_EXTENSION = re.compile(r"\s*\([^)]*\)\s*")
_CONTINUED = re.compile(r"\bCONT(?:'|\u2019)?D\b\.?|\bCONTINUED\b", re.IGNORECASE)
_CAPITALS = re.compile(r"\b[A-Z][A-Z'\-]+(?:\s+[A-Z][A-Z'\-]+)*\b")
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|\[[^\]]*\]|\([^)]*\)")
_NOT_NAMES = frozenset(
    [
        "NOTE",
        "V.O",
        "O.S",
        "O.C",
        "CONT'D",
        "FADE",
        "CUT",
        "INT",
        "EXT",
        "POV",
        "CU",
        "ECU",
        "MCU",
        "INSERT",
        "SFX",
        "VFX",
        "OK",
        "TV",
        "BACK",
        "END",
        "THE",
        "DAY",
        "NIGHT",
        "LATER",
        "CONTINUOUS",
        "MORE",
        "SUPER",
        "TITLE",
        "CARD",
        "ANGLE",
        "ON",
        "CLOSE",
        "WIDE",
    ]
)
_CAST_CATEGORY = re.compile(r"\bcast\b", re.IGNORECASE)
_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
_SYNOPSIS_LENGTH = 120


def character_name(cue: str) -> str:
    """``BOB (V.O.)``, ``Bob (CONT'D)`` and ``BOB^`` are all ``BOB``."""
    name = _EXTENSION.sub(" ", cue).rstrip("^ ").lstrip("@")
    return " ".join(_CONTINUED.sub(" ", name).split()).upper()


@dataclass
class _Notes:
    """The guesses made, by kind, each listing the scenes it was made for."""

    no_int_ext: list[str]
    no_time: list[str]
    relative: list[str]
    lettered: list[str]  # unnumbered scenes whose place is another heading's written number

    def write(self, problems: Problems) -> None:
        if self.lettered:
            problems.warn(
                "unnumbered scene(s) whose place in the script is the number written on another"
                f" heading, so numbered after the scene before (2A after 2): {', '.join(self.lettered)}"
            )
        if self.no_int_ext:
            problems.warn(
                f"scene(s) {', '.join(self.no_int_ext)}: the heading says neither INT nor EXT; taken as INT"
            )
        if self.no_time:
            problems.warn(
                f"scene(s) {', '.join(self.no_time)}: the heading gives no time of day; taken as DAY"
            )
        if self.relative:
            problems.warn(
                "time of day taken from the scene before (CONTINUOUS, LATER...): " + ", ".join(self.relative)
            )


def _synopsis(scene: ScriptScene) -> str:
    for block in scene.blocks:
        if block.kind != "action":
            continue
        text = " ".join(re.sub(r"[*_]", "", block.text).split())
        if not text or (text.startswith("[") and text.endswith("]")):
            continue
        match = _SENTENCE.match(text)
        sentence = match.group(1) if match else text
        if len(sentence) > _SYNOPSIS_LENGTH:
            sentence = sentence[: _SYNOPSIS_LENGTH - 3].rsplit(" ", 1)[0] + "..."
        return sentence
    return ""


def _speakers(scene: ScriptScene) -> list[str]:
    """The scene's characters in order: those who speak, then those tagged as cast."""
    names = [character_name(block.text) for block in scene.blocks if block.kind == "character"]
    for category, labels in scene.tags.items():
        if _CAST_CATEGORY.search(category):
            names += [character_name(label) for label in labels]
    return list(dict.fromkeys(name for name in names if name))


def _board_ids(script: Script) -> dict[str, str]:
    """Name -> board ID: the most speeches first (the lead is 1), ties by first appearance."""
    speeches: Counter[str] = Counter()
    first: dict[str, int] = {}
    for scene in script.scenes:
        for name in _speakers(scene):
            first.setdefault(name, len(first))
        speeches.update(character_name(b.text) for b in scene.blocks if b.kind == "character")
    order = sorted(first, key=lambda name: (-speeches[name], first[name]))
    return {name: str(number) for number, name in enumerate(order, start=1)}


def _silent_names(script: Script, numbers: list[str], cast: dict[str, str], problems: Problems) -> None:
    """Note the names written in capitals in the action of people who never speak."""
    words = {word for name in cast for word in name.split()}
    seen: dict[str, str] = {}
    for scene, number in zip(script.scenes, numbers, strict=True):
        for block in scene.blocks:
            if block.kind != "action" or _is_transition(block.text):
                continue
            for match in _CAPITALS.finditer(_QUOTED.sub(" ", block.text)):
                name = match.group(0).strip("'-")
                if name not in cast and name not in words and name not in _NOT_NAMES and len(name) > 2:
                    seen.setdefault(name, number)
    if seen:
        listed = ", ".join(f"{name} (scene {number})" for name, number in seen.items())
        problems.warn(
            f"in capitals in the action but never speaking, so not on the cast list: {listed};"
            " add any who are performers"
        )


def _is_transition(text: str) -> bool:
    """``FADE OUT:`` written as action (without Fountain's ``>``): not a name."""
    return text.isupper() and text.rstrip().endswith(":")


def _numbers(script: Script, notes: _Notes, problems: Problems) -> list[str]:
    """Each scene's number: as written, else its place, else a letter after the one before."""
    written: dict[str, str] = {}
    for scene in script.scenes:
        if scene.number in written:
            problems.fail(
                f"scene number {quoted(scene.number)} is written on two headings,"
                f" {quoted(written[scene.number])} and {quoted(scene.heading)}; give each scene its own"
            )
        if scene.number:
            written[scene.number] = scene.heading
    taken = set(written)
    numbers: list[str] = []
    for place, scene in enumerate(script.scenes, start=1):
        if scene.number:
            number = scene.number
        elif str(place) not in taken:
            number = str(place)
        else:
            number = _added_after(numbers[-1], taken) if numbers else _next_free(place, taken)
            notes.lettered.append(f"{number} ({scene.heading})")
        taken.add(number)
        numbers.append(number)
    return numbers


def _added_after(number: str, taken: set[str]) -> str:
    """The number ADs give a scene added after ``number``: 2A after 2, 2B after 2A."""
    match = re.fullmatch(r"(.*\d)([A-Z]?)", number)
    base, letter = (match[1], match[2]) if match else (number, "")
    for candidate in (base + new for new in string.ascii_uppercase if new > letter):
        if candidate not in taken:
            return candidate
    return next(f"{number}-{n}" for n in itertools.count(1) if f"{number}-{n}" not in taken)


def _next_free(place: int, taken: set[str]) -> str:
    """A first scene's number when its place is taken: the next whole number no heading uses."""
    return next(str(n) for n in itertools.count(place + 1) if str(n) not in taken)


def _scene_data(scene: ScriptScene, number: str, cast: dict[str, str], time_of_day: str) -> dict[str, Any]:
    heading = parse_heading(scene.heading)
    eighths = scene.eighths if scene.eighths is not None else scene_eighths(scene.heading, scene.blocks)
    elements = {k: list(v) for k, v in scene.tags.items() if not _CAST_CATEGORY.search(k)}
    return {
        "number": number,
        "int_ext": heading.int_ext or IntExt.INT,
        "time_of_day": time_of_day,
        "set": heading.set or scene.heading.strip() or f"SCENE {number}",
        "eighths": max(1, eighths),
        "cast": sorted((cast[name] for name in _speakers(scene)), key=int),
        "synopsis": _synopsis(scene),
        "elements": elements,
    }


def draft_from_script(script: Script, problems: Problems, *, fallback_name: str) -> Draft:
    """The production a script describes, with no calendar: the caller's start date or a default."""
    if not script.scenes:
        problems.fail(
            "a screenplay with no scene headings (lines such as INT. KITCHEN - DAY): nothing to schedule"
        )
    cast = _board_ids(script)
    notes = _Notes([], [], [], [])
    numbers = _numbers(script, notes, problems)
    scenes: list[dict[str, Any]] = []
    previous = "DAY"
    for scene, number in zip(script.scenes, numbers, strict=True):
        heading = parse_heading(scene.heading)
        if heading.int_ext is None:
            notes.no_int_ext.append(number)
        time_of_day = heading.time_of_day or "DAY"
        if heading.time_of_day is None:
            notes.no_time.append(number)
        elif heading.is_relative:
            time_of_day = previous
            notes.relative.append(f"{number} {heading.time_of_day} -> {previous}")
        previous = time_of_day
        scenes.append(_scene_data(scene, number, cast, time_of_day))
    notes.write(problems)
    _silent_names(script, numbers, cast, problems)
    locations = list(dict.fromkeys(s["set"].split(" - ")[0].strip() for s in scenes))
    data = {
        "name": script.title or fallback_name,
        "scenes": scenes,
        "cast": [{"id": cast_id, "character": name} for name, cast_id in cast.items()],
        "locations": [{"name": name} for name in locations],
        "calendar": {},
    }
    places: dict[str, tuple[str | None, int]] = {
        number: (None, scene.line) for number, scene in zip(numbers, script.scenes, strict=True)
    }
    source = "the script's title page" if script.title else "the file name"
    return Draft(data=data, places=places, name_source=source)

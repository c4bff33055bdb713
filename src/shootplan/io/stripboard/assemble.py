"""Strip sheets into a draft production: the cast resolved to board IDs, each scene checked."""

from __future__ import annotations

import re
from typing import Any

from shootplan.errors import ProductionError
from shootplan.io._build import Draft
from shootplan.io._cells import Problems, quoted
from shootplan.io.stripboard.sheet import StripRow, StripSheet
from shootplan.model import Scene

__all__ = ["assemble"]


def _natural(cast_id: str) -> tuple[int, str]:
    digits = re.search(r"\d+", cast_id)
    return (int(digits[0]) if digits else 10**9, cast_id)


def _resolve_cast(
    strips: list[StripRow], listed: list[dict[str, Any]] | None, problems: Problems
) -> tuple[dict[int, list[str]], list[dict[str, Any]]]:
    """Board IDs for every strip's cast references, and the cast list.

    With a Cast sheet (``listed``), references must name a listed ID, name or character. Without
    one, every ID becomes a cast member, and names get the first free IDs in order of appearance.

    A Cast row without its ID (listed with no ``id``; the sheet's reader has said so) is one
    problem, not one more on every strip that names its performer: references to its name or
    character, and to IDs the sheet does not list (its own, most likely), are not reported. A
    name no row carries still is.
    """
    ids: dict[int, list[str]] = {}
    if listed is not None:
        by_id = {member["id"] for member in listed if member.get("id")}
        unnumbered = any(not member.get("id") for member in listed)
        by_name: dict[str, str] = {}
        for member in listed:
            for key in ("character", "name"):
                if member.get(key):
                    by_name.setdefault(member[key].upper(), member.get("id", ""))
        shown = ", ".join(sorted(by_id, key=_natural)[:12]) + (" ..." if len(by_id) > 12 else "")
        for position, strip in enumerate(strips):
            found: list[str] = []
            for token in strip.cast:
                cast_id = token.id if token.kind != "name" else token.name
                if cast_id in by_id:
                    found.append(cast_id)
                elif token.kind == "name" and token.name.upper() in by_name:
                    member_id = by_name[token.name.upper()]
                    if member_id:  # else the row without an ID, a problem on the Cast sheet
                        found.append(member_id)
                elif unnumbered and token.kind != "name":
                    continue  # perhaps the row without an ID: that row's problem says enough
                else:
                    what = (
                        f"unknown cast {quoted(token.name)}: not an ID, name or character on the Cast sheet"
                        if token.kind == "name"
                        else f"unknown cast id {quoted(token.id)}: the Cast sheet lists {shown or 'nobody'}"
                    )
                    problems.add(what, sheet=strip.sheet, row=strip.row, column=token.column)
            ids[position] = found
        return ids, listed

    members: dict[str, dict[str, Any]] = {}
    named: dict[str, str] = {}
    for strip in strips:
        for token in strip.cast:
            if token.kind == "name":
                continue
            member = members.setdefault(token.id, {"id": token.id})
            if token.kind == "label":
                member.setdefault("character", token.name)
                named.setdefault(token.name.upper(), token.id)
    next_id = 1
    for strip in strips:
        for token in strip.cast:
            if token.kind != "name" or token.name.upper() in named:
                continue
            while str(next_id) in members:
                next_id += 1
            members[str(next_id)] = {"id": str(next_id), "character": token.name}
            named[token.name.upper()] = str(next_id)
    for position, strip in enumerate(strips):
        ids[position] = [
            named[token.name.upper()] if token.kind == "name" else token.id for token in strip.cast
        ]
    return ids, [members[key] for key in sorted(members, key=_natural)]


def assemble(
    sheets: list[StripSheet],
    problems: Problems,
    *,
    name: str,
    cast: list[dict[str, Any]] | None = None,
    locations: list[dict[str, Any]] | None = None,
) -> Draft:
    """Scenes, cast, locations and boards from strip sheets, checked row by row.

    ``cast`` and ``locations`` are the rows of a Cast and a Locations sheet when the file has them.
    Raises ImportProblem with every problem of the file when any cell or reference is wrong.
    """
    strips: list[StripRow] = []
    first_seen: dict[str, StripRow] = {}
    repeats: list[StripRow] = []
    for sheet in sheets:
        for strip in sheet.strips:
            # A workbook may keep one sheet per board revision: the first sheet defines a scene
            # (a workbook puts its Scenes sheet first).
            if strip.number in first_seen:
                repeats.append(strip)
            else:
                first_seen[strip.number] = strip
                strips.append(strip)
    ids, members = _resolve_cast(strips, cast, problems)
    scenes: list[dict[str, Any]] = []
    places: dict[str, tuple[str | None, int]] = {}
    for position, strip in enumerate(strips):
        data = {**strip.fields, "cast": ids.get(position, [])}
        try:
            scene = Scene.model_validate(data)
        except ProductionError as error:
            problems.extend(error.records, sheet=strip.sheet, row=strip.row)
            continue
        places[scene.number] = (strip.sheet, strip.row)
        scenes.append(scene.model_dump())
    _warn_on_revisions(repeats, {s["number"]: s for s in scenes}, ids, problems)
    problems.raise_if_any()
    if not scenes:
        problems.fail("no strips found under the header row: the board has no scenes")

    listed_names = [location["name"] for location in locations or []]
    used = list(dict.fromkeys(scene["location"] for scene in scenes))
    extra = [loc for loc in used if loc not in listed_names]
    if locations is not None and extra:
        problems.warn(f"locations not on the Locations sheet were added: {', '.join(extra)}")
    all_locations = list(locations or []) + [{"name": loc} for loc in extra]
    boards = {sheet.title: sheet.days for sheet in sheets if sheet.days}
    day_dates = next((sheet.day_dates for sheet in sheets if sheet.days), [])
    return Draft(
        data={
            "name": name,
            "scenes": scenes,
            "cast": members,
            "locations": all_locations,
            "boards": boards,
        },
        places=places,
        day_dates=day_dates,
    )


def _warn_on_revisions(
    repeats: list[StripRow],
    scenes: dict[str, dict[str, Any]],
    ids: dict[int, list[str]],
    problems: Problems,
) -> None:
    """A scene repeated on a later sheet with other data: the first sheet's version is kept."""
    changed = []
    for strip in repeats:
        scene = scenes.get(strip.number)
        if scene is None:
            continue
        differs = [
            key
            for key, value in strip.fields.items()
            if key in scene and key != "location" and scene[key] != value
        ]
        if differs:
            changed.append(f"{strip.number} ({strip.sheet}: {', '.join(differs)})")
    if changed:
        problems.warn(
            f"scenes that differ between sheets keep their first sheet's data: {'; '.join(changed)}"
        )

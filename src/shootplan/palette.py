"""Strip colours: the INT/EXT x DAY/NIGHT palette every board, workbook and figure uses.

A module of its own, with no pandas or openpyxl behind it, so the readers and writers that color
a strip need nothing of :mod:`shootplan.reports`. :data:`DEFAULT_PALETTE` is the one default;
:func:`resolve_palette` lays a user's entries over it; :func:`strip_color` picks a strip's fill;
:func:`strip_colors` gives the template writer its (exterior, night) table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from shootplan.errors import ShootplanError

if TYPE_CHECKING:
    from shootplan.model import Scene

__all__ = [
    "DEFAULT_PALETTE",
    "DEFAULT_STRIP_COLORS",
    "resolve_palette",
    "strip_color",
    "strip_colors",
    "strip_kind",
    "strip_palette_key",
]

#: Strip colors (Singleton, *Film Scheduling*) as ``RRGGBB``. Keys are ``"<INT|EXT> <DAY|NIGHT>"``
#: plus the break and calendar colors. A palette passed to a writer may add keys for a time of day
#: as written on the strip (``"EXT DUSK"``, ``"EXT DAWN"``) or for INT/EXT strips
#: (``"INT/EXT DAY"``); see :func:`strip_color` for the lookup order. Tones are light enough for
#: black text to stay readable on a printed board.
DEFAULT_PALETTE: Mapping[str, str] = MappingProxyType(
    {
        "INT DAY": "FFFFFF",  # white
        "EXT DAY": "FFF59D",  # yellow
        "INT NIGHT": "9FC5E8",  # blue
        "EXT NIGHT": "B6D7A8",  # green
        "DAY BREAK": "000000",  # black, white bold text
        "WEEK BREAK": "F79646",  # orange
        "OFF": "D9D9D9",  # grey: weekends and company days off
        "HOLIDAY": "FF6666",  # red
        "BONEYARD": "595959",  # dark grey: the unscheduled strips below the last day
    }
)

_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")


def resolve_palette(palette: Mapping[str, str] | None = None) -> dict[str, str]:
    """The default palette with ``palette``'s entries laid over it, colors as upper-case RRGGBB.

    Keys are matched case-insensitively (``"ext dusk"`` is ``"EXT DUSK"``); colors may be written
    ``"#ffcc00"`` or ``"FFCC00"``. A malformed color raises :class:`ShootplanError` naming the key.
    """
    merged = dict(DEFAULT_PALETTE)
    for key, color in (palette or {}).items():
        match = _HEX.match(color.strip()) if isinstance(color, str) else None
        if match is None:
            raise ShootplanError(
                f"palette entry {key!r}: cannot read {color!r} as a color (e.g. FFF59D or #9FC5E8)"
            )
        merged[" ".join(key.upper().split())] = match[1].upper()
    return merged


def strip_kind(scene: Scene) -> str:
    """The conventional strip type: ``"INT DAY"``, ``"EXT DAY"``, ``"INT NIGHT"``, ``"EXT NIGHT"``.

    INT/EXT strips count as exterior, since they depend on the weather like any exterior; dawn,
    dusk and morning count as day unless the palette gives them their own color.
    """
    inside = "EXT" if scene.is_exterior else "INT"
    return f"{inside} {'NIGHT' if scene.is_night else 'DAY'}"


def strip_color(scene: Scene, palette: Mapping[str, str] | None = None) -> str:
    """The ``RRGGBB`` fill of a strip (the palette entry :func:`strip_palette_key` picks)."""
    colors = resolve_palette(palette) if palette is not None else DEFAULT_PALETTE
    return colors[strip_palette_key(scene, colors)]


def strip_palette_key(scene: Scene, palette: Mapping[str, str] = DEFAULT_PALETTE) -> str:
    """The palette entry that colors a strip, most specific first.

    For an INT/EXT strip at DUSK: ``"INT/EXT DUSK"`` (int/ext and time of day as written),
    ``"INT/EXT DAY"``, ``"EXT DUSK"``, then its conventional type ``"EXT DAY"``
    (:func:`strip_kind`), which every resolved palette has. Keys are upper case, as
    :func:`resolve_palette` writes them.
    """
    kind = strip_kind(scene)
    inside, light = kind.split(" ")
    for key in (
        f"{scene.int_ext.value} {scene.time_of_day}",
        f"{scene.int_ext.value} {light}",
        f"{inside} {scene.time_of_day}",
    ):
        if key in palette:
            return key
    return kind


def strip_colors(palette: Mapping[str, str]) -> dict[tuple[bool, bool], str]:
    """The template writer's colors, (exterior, night) -> RRGGBB, from a strip palette.

    ``palette`` has :data:`DEFAULT_PALETTE`'s keys (``"INT DAY"``, ``"EXT DAY"``, ``"INT NIGHT"``,
    ``"EXT NIGHT"``), as :func:`resolve_palette` returns them.
    """
    return {
        (exterior, night): palette[f"{'EXT' if exterior else 'INT'} {'NIGHT' if night else 'DAY'}"]
        for exterior in (False, True)
        for night in (False, True)
    }


#: The template's strip fills, (exterior, night) -> RRGGBB, after Singleton: INT DAY white, EXT DAY
#: yellow, INT NIGHT blue, EXT NIGHT green. Taken from :data:`DEFAULT_PALETTE`, the one default
#: palette, so the template and the reports color a strip alike.
DEFAULT_STRIP_COLORS: Mapping[tuple[bool, bool], str] = MappingProxyType(strip_colors(DEFAULT_PALETTE))

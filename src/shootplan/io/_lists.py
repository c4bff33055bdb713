"""List cells (``1, 2; 14``): split as people type them, and written so they split back the same.

An item that holds a separator is written in double quotes, CSV style (``"gun; knife"``, an inner
quote doubled), and read back whole. A quote only opens an item's quoted part at its start or
after punctuation, so the inch marks of a wild board (``12" knife; 6" rope``) stay text, and a
cell whose quotes do not close is split as if it had none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["join_list", "quote_item", "split_items", "split_list"]

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')


def _pattern(separators: str | re.Pattern[str]) -> re.Pattern[str]:
    if isinstance(separators, re.Pattern):
        return separators
    return re.compile("[" + re.escape(separators) + "]")


def split_list(
    text: str, separators: str | re.Pattern[str] = ";,\n", *, keep_quotes: bool = False
) -> list[str]:
    """The non-empty items of a list cell's text, split at ``separators`` (characters, or a pattern)
    outside quoted parts; an item that is one quoted part loses its quotes (unless ``keep_quotes``:
    a list of lists splits its items again)."""
    return [item for item, _ in split_items(text, separators, keep_quotes=keep_quotes)]


def split_items(
    text: str, separators: str | re.Pattern[str] = ";,\n", *, keep_quotes: bool = False
) -> list[tuple[str, bool]]:
    """:func:`split_list`, each item with whether it was quoted (taken as written, then)."""
    pattern = _pattern(separators)
    pieces = _split_outside_quotes(text, pattern) if '"' in text else None
    if pieces is None:  # no quotes, or a quote that never closes: no quoting
        return [(item.strip(), False) for item in pattern.split(text) if item.strip()]
    items = []
    for piece in (piece.strip() for piece in pieces):
        whole = None if keep_quotes else _QUOTED.fullmatch(piece)
        if whole and whole[1]:
            items.append((whole[1].replace('""', '"'), True))
        elif piece and not whole:
            items.append((piece, False))
    return items


def _split_outside_quotes(text: str, pattern: re.Pattern[str]) -> list[str] | None:
    pieces: list[str] = []
    start = index = 0
    inside = False
    while index < len(text):
        char = text[index]
        if inside:
            if char == '"' and text[index + 1 : index + 2] == '"':
                index += 2
                continue
            inside = char != '"'
        elif char == '"' and not text[start:index].rstrip()[-1:].isalnum():
            inside = True
        elif (found := pattern.match(text, index)) and found.end() > index:
            pieces.append(text[start:index])
            start = index = found.end()
            continue
        index += 1
    if inside:
        return None
    pieces.append(text[start:])
    return pieces


def quote_item(item: str, separators: str | re.Pattern[str] = ";,\n", *, always: bool = False) -> str:
    """``item`` as a list cell carries it: quoted when it holds a separator or a quote of its own
    (or ``always``: a reader takes a quoted item as written)."""
    if always or _pattern(separators).search(item) or '"' in item or item != item.strip():
        return '"' + item.replace('"', '""') + '"'
    return item


def join_list(items: Iterable[str], joiner: str, separators: str | re.Pattern[str] = ";,\n") -> str:
    """Items joined by ``joiner`` so that :func:`split_list` with ``separators`` gives them back."""
    return joiner.join(quote_item(item, separators) for item in items)

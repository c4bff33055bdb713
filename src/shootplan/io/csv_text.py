"""CSV that a spreadsheet opens as text: no cell of ours becomes a formula.

Excel, LibreOffice and Google Sheets run a CSV cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: a cast id or a set name typed as
``=HYPERLINK("http://evil.example","set")`` would become a live link on the production office's
screen. As the OWASP advice on CSV injection says, such a text cell is written with a leading
apostrophe, which the spreadsheet shows as plain text. Numbers stay numbers. Records end in CRLF
(RFC 4180), so a line break inside a cell is always quoted.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["inert_csv", "inert_text"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(value: Any) -> Any:
    """``value`` as a CSV cell can carry it: text that would start a formula gets an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def inert_csv(frame: pd.DataFrame) -> str:
    """``frame.to_csv()`` with every text cell, header and index label made inert."""
    safe = frame.map(inert_text)
    safe.columns = pd.Index([inert_text(c) for c in frame.columns], name=inert_text(frame.columns.name))
    safe.index = pd.Index([inert_text(i) for i in frame.index], name=inert_text(frame.index.name))
    # RFC 4180's CRLF between records: then a line break inside a cell is quoted (with pandas'
    # default "\n" a lone "\r" is not, and a reader would split the row there).
    text: str = safe.to_csv(lineterminator="\r\n")
    return text

"""CSV from shootplan opens in a spreadsheet as text: no cell becomes a formula (OWASP)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from shootplan.io.csv_text import inert_csv

HOSTILE = ['=HYPERLINK("http://evil.example","set")', "@SUM(1)", "+1+1", "-2+3", "\t=1", "\r=1"]


def test_dood_csv_formula_injection_is_neutralised() -> None:
    """Hostile ids, names and headers come out with a leading apostrophe; numbers stay numbers."""
    frame = pd.DataFrame(
        {"performer": HOSTILE, "=cmd|' /C calc'!A0": [1, -2, 3, 4, 5, 6]},
        index=pd.Index(HOSTILE, name="cast"),
    )
    rows = list(csv.reader(io.StringIO(inert_csv(frame), newline="")))
    header, body = rows[0], rows[1:]
    assert header == ["cast", "performer", "'=cmd|' /C calc'!A0"]
    for row, text in zip(body, HOSTILE, strict=True):
        assert row[0] == row[1] == "'" + text
    assert [row[2] for row in body] == ["1", "-2", "3", "4", "5", "6"]


def test_ordinary_text_is_left_as_it_is() -> None:
    """Board ids and names that start with a letter or digit are written unchanged."""
    frame = pd.DataFrame({"performer": ["MAYA ROSS", "1 NORA"]}, index=pd.Index(["1", "2A"], name="cast"))
    assert inert_csv(frame) == frame.to_csv(lineterminator="\r\n")

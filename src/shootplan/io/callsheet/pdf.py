"""A call sheet as a printable PDF, drawn with ``fpdf2`` (pure Python: nothing from the system).

One Letter (or A4) page in portrait where the day fits, more pages otherwise: a table that runs
over repeats its header row, and every later page opens with a one-line header (production, day,
date, "page 2 of 2"), so a loose page still says whose it is. The narrow columns print I/E and D/N
as the trade abbreviates them (``INT``, ``EXT``, ``I/E``; ``D``, ``N``, ``DAWN``, ``DUSK``,
``MORN``), and each narrow column is made as wide as its longest word, so no word breaks across
lines (``INT/E XT``); the synopsis gives up the room. The text uses the PDF core font Helvetica, which
holds Latin-1: typographic quotes and dashes are printed as their plain forms, accents as
themselves, and anything else as its closest Latin-1 letter or ``?``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, time
from typing import Literal

from fpdf import FPDF
from fpdf.enums import TableBordersLayout

from shootplan.call_sheet import CallSheet
from shootplan.io.callsheet.words import (
    advance_kind_word,
    header_lines,
    scene_line,
    sheet_kind_word,
    totals_line,
)

__all__ = ["call_sheet_pdf"]

PaperSize = Literal["letter", "a4"]

# The scenes table's I/E and D/N as strips abbreviate them; other times of day print as written.
_INT_EXT_SHORT = {"INT": "INT", "EXT": "EXT", "INT/EXT": "I/E"}
_TIME_SHORT = {"DAY": "D", "NIGHT": "N", "MORNING": "MORN", "EVENING": "EVE", "AFTERNOON": "AFTN"}
# A table cell's padding on each side, in mm (and the same in _table).
_PADDING = 0.8

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
        "\u00b7": "-",
        # Letters NFKD does not split into a base letter and an accent.
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0152": "OE",
        "\u0153": "oe",
    }
)


def _latin(text: str) -> str:
    """``text`` in the core font's Latin-1 (see the module's docstring)."""
    plain = text.translate(_PLAIN)
    if all(ord(c) < 256 for c in plain):
        return plain
    folded = unicodedata.normalize("NFKD", plain)
    return (
        "".join(c for c in folded if not unicodedata.combining(c))
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


class _SheetPDF(FPDF):
    """A call sheet's pages: from page 2 on, a one-line header names the sheet and the page."""

    def __init__(self, sheet: CallSheet, paper: PaperSize) -> None:
        super().__init__(orientation="portrait", unit="mm", format=paper)
        when = f"{sheet.date:%a %b} {sheet.date.day}, {sheet.date.year}"
        self.running_head = _latin(f"{sheet.production} - Call sheet {sheet.day_of} - {when}")

    def header(self) -> None:
        if self.page_no() < 2:
            return  # page 1 has the full header
        self.set_font("Helvetica", "B", 9)
        # {nb} is the total page count, filled in when the document is written.
        text = f"{self.running_head} - page {self.page_no()} of {{nb}}"
        self.cell(0, 5, text, border="B", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)


def call_sheet_pdf(sheet: CallSheet, *, paper: PaperSize = "letter") -> bytes:
    """The call sheet as PDF bytes (the same bytes for the same sheet)."""
    pdf = _SheetPDF(sheet, paper)
    # A fixed date (the shoot day's) keeps an unchanged day's file byte for byte the same.
    pdf.set_creation_date(datetime.combine(sheet.date, time(0), tzinfo=UTC))
    pdf.set_title(_latin(f"{sheet.production} - Call sheet {sheet.day_of}"))
    pdf.set_creator("shootplan")
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_page()
    _header(pdf, sheet)
    _locations(pdf, sheet)
    _scenes(pdf, sheet)
    _cast(pdf, sheet)
    _notes(pdf, sheet)
    _advance(pdf, sheet)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT", border="B")
    pdf.ln(1)


def _header(pdf: FPDF, sheet: CallSheet) -> None:
    if sheet.revision:
        pdf.set_font("Helvetica", "B", 9)
        pdf.multi_cell(0, 5, _latin(sheet.revision), border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    top = pdf.get_y()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(120, 6, _latin(sheet.production), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(120, 5, _latin(f"CALL SHEET - {sheet.day_of}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    when = f"{sheet.date:%A, %B} {sheet.date.day}, {sheet.date.year} - {sheet_kind_word(sheet)}"
    pdf.cell(120, 5, _latin(when), new_x="LMARGIN", new_y="NEXT")
    left_end = pdf.get_y()
    pdf.set_y(top)
    for label, value in header_lines(sheet):
        pdf.set_x(140)
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(28, 4.5, _latin(label), align="R")
        pdf.set_font("Helvetica", "", 9)
        pdf.cell(0, 4.5, _latin(f"  {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(left_end, pdf.get_y()))


# The most lines one table cell shows; longer text is cut with "...". fpdf cannot split a row across
# pages, so a cell taller than a page (a 3,000-character name) would stop the whole call sheet; the
# HTML call sheet keeps the whole text.
_CELL_LINES = 12
_LINE_HEIGHT = 3.8
_PADDING = 0.8


def _fitted(pdf: FPDF, text: str, width: float) -> str:
    """``text`` (already Latin-1) cut to :data:`_CELL_LINES` lines of a cell ``width`` mm wide."""
    found = pdf.multi_cell(width - 2 * _PADDING, _LINE_HEIGHT, text, dry_run=True, output="LINES")
    lines = found if isinstance(found, list) else []  # output="LINES" gives the list alone
    if len(lines) <= _CELL_LINES:
        return text
    kept = [str(line) for line in lines[:_CELL_LINES]]
    kept[-1] = kept[-1][: max(0, len(kept[-1]) - 4)].rstrip() + "..."
    return "\n".join(kept)


def _table(
    pdf: FPDF,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    links: Sequence[tuple[int, str]] = (),
) -> None:
    """A table; ``links`` are (column, url) per row: that cell opens the url (a map on a phone)."""
    pdf.set_font("Helvetica", "", 8)
    # The table's columns share the page's width in proportion to ``widths``.
    scale = pdf.epw / sum(widths)
    with pdf.table(
        col_widths=tuple(widths),
        text_align="LEFT",
        line_height=_LINE_HEIGHT,
        borders_layout=TableBordersLayout.ALL,
        repeat_headings=1,
        padding=_PADDING,
    ) as table:
        pdf.set_font("Helvetica", "B", 8)
        header = table.row()
        for text in headers:
            header.cell(_latin(text))
        pdf.set_font("Helvetica", "", 8)
        for index, values in enumerate(rows):
            row = table.row()
            column, url = links[index] if index < len(links) else (-1, "")
            for position, text in enumerate(values):
                shown = _fitted(pdf, _latin(text), widths[position] * scale)
                row.cell(shown, link=url if position == column and url else None)


def _locations(pdf: FPDF, sheet: CallSheet) -> None:
    _heading(pdf, "Locations")
    rows = [
        [
            place.name,
            place.address + ("\n(map)" if place.map_url else ""),
            place.parking or "-",
            place.hospital or "-",
            f"{sheet.clock(place.arrive)}-{sheet.clock(place.leave)}",
        ]
        for place in sheet.locations
    ]
    _table(
        pdf,
        ("Location", "Address / map", "Parking / basecamp", "Nearest hospital", "Here"),
        rows,
        (30, 70, 35, 35, 20),
    )


def _scenes(pdf: FPDF, sheet: CallSheet) -> None:
    _heading(pdf, "Scenes")
    rows = [
        [
            sheet.clock(s.start),
            s.number + (f" ({s.part})" if s.part else ""),
            _INT_EXT_SHORT.get(s.int_ext, s.int_ext),
            s.set,
            _TIME_SHORT.get(s.day_night.upper(), s.day_night),
            ", ".join(s.cast),
            s.pages,
            s.synopsis,
        ]
        for s in sheet.scenes
    ]
    headers = ("Start", "Sc.", "I/E", "Set", "D/N", "Cast", "Pages", "Synopsis")
    pdf.set_font("Helvetica", "", 8)
    widths = [
        _fitting_width(pdf, headers[i], [r[i] for r in rows], least, whole)
        for i, least, whole in _NARROW_SCENE_COLUMNS
    ]
    set_width = 43.0
    synopsis = pdf.epw - sum(widths) - set_width
    start, number, int_ext, day_night, cast, pages = widths
    _table(pdf, headers, rows, (start, number, int_ext, set_width, day_night, cast, pages, synopsis))
    pdf.set_font("Helvetica", "B", 9)
    total = totals_line(sheet)
    pdf.cell(0, 5, _latin(total), new_x="LMARGIN", new_y="NEXT")


# The scenes table's narrow columns (Start, Sc., I/E, D/N, Cast, Pages): their least widths (mm)
# and whether a cell stays on one line (a start ``00:30 (+1)``, pages ``1 3/8``) or only its words
# stay whole (a cast list wraps after a comma).
_NARROW_SCENE_COLUMNS = (
    (0, 11.0, True),
    (1, 10.0, False),
    (2, 8.0, False),
    (4, 9.0, False),
    (5, 18.0, False),
    (6, 10.0, True),
)


def _fitting_width(pdf: FPDF, header: str, cells: Sequence[str], least: float, whole: bool) -> float:
    """A column's width (mm) that holds its header (in bold) and each cell, or each cell's longest
    word, on one line: no word breaks across lines."""
    pdf.set_font("Helvetica", "B", 8)
    widest = pdf.get_string_width(_latin(header))
    pdf.set_font("Helvetica", "", 8)
    for text in cells:
        for word in [_latin(text)] if whole else _latin(text).split():
            widest = max(widest, pdf.get_string_width(word))
    # Both paddings, and a little for fpdf's rounding, which would otherwise break the longest word.
    return max(least, widest + 2 * _PADDING + 0.6)


def _cast(pdf: FPDF, sheet: CallSheet) -> None:
    _heading(pdf, "Cast")
    rows = [
        [
            c.id,
            c.performer,
            c.character,
            c.status,
            sheet.clock(c.pickup),
            sheet.clock(c.makeup),
            sheet.clock(c.on_set),
        ]
        for c in sheet.cast
    ]
    headers = ("ID", "Performer", "Character", "Status", "Pickup", "H/MU", "On set")
    _table(pdf, headers, rows, (10, 45, 55, 15, 20, 20, 25))
    if sheet.holds:
        held = ", ".join(f"{h.id}. {h.character or h.performer}" for h in sheet.holds)
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 4.5, _latin(f"On hold (H): {held}"), new_x="LMARGIN", new_y="NEXT")


def _lines(pdf: FPDF, lines: Sequence[str]) -> None:
    pdf.set_font("Helvetica", "", 8.5)
    for line in lines:
        pdf.multi_cell(0, 4, _latin(f"- {line}"), new_x="LMARGIN", new_y="NEXT")


def _notes(pdf: FPDF, sheet: CallSheet) -> None:
    if sheet.moves:
        _heading(pdf, "Company moves")
        _lines(pdf, [f"{sheet.clock(m.start)}-{sheet.clock(m.end)}: to {m.to}" for m in sheet.moves])
    if sheet.notes:
        _heading(pdf, "Notes")
        _lines(pdf, sheet.notes)


def _advance(pdf: FPDF, sheet: CallSheet) -> None:
    if not sheet.advance:
        return
    _heading(pdf, "Advance schedule")
    for day in sheet.advance:
        pdf.set_font("Helvetica", "B", 8.5)
        call = f" - call {day.call.astimezone(sheet.zone):%H:%M}" if day.call else ""
        title = f"Day {day.number} - {day.date:%a %b} {day.date.day} - {advance_kind_word(day)}{call}"
        pdf.cell(0, 4.5, _latin(title), new_x="LMARGIN", new_y="NEXT")
        _lines(pdf, [scene_line(s) for s in day.scenes])

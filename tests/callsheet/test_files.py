"""Call sheets as PDF and HTML: every line readable, text escaped, one page where the day fits."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from pypdf import PdfReader

from shootplan import Production, Schedule
from shootplan.call_sheet import call_sheet
from shootplan.io.callsheet import call_sheet_html, call_sheet_pdf


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for name, value in attrs if name == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_pdf_prints_every_part_on_one_page(day_then_night: tuple[Production, Schedule]) -> None:
    """The PDF of a small day is one page holding the header, scenes, cast, holds and advance."""
    production, schedule = day_then_night
    sheet = call_sheet(production, schedule, 2)
    pages, text = _pdf_text(call_sheet_pdf(sheet))
    assert pages == 1
    for expected in (
        "Night & Day <Test>",
        "Day 2 of 3",
        "Night shoot",
        "Crew call",
        "20:30",
        "Sunset",
        "FARM - YARD",
        "Lot B behind the silo",
        "Columbia Memorial",
        "Ann Lead",
        "WF",
        "On hold (H): 3. TIM",
        "Advance schedule",
        "Sc. 3",
        "Total: 1 scene, 3 pages",
    ):
        assert expected in text, expected


def test_pdf_is_byte_stable_and_prints_any_text(day_then_night: tuple[Production, Schedule]) -> None:
    """The same sheet gives the same bytes; text outside Latin-1 prints instead of failing."""
    production, schedule = day_then_night
    sheet = call_sheet(production, schedule, 1)
    assert call_sheet_pdf(sheet) == call_sheet_pdf(sheet)
    renamed = production.replace(name="Łódź “Nights” — 東京")
    _, text = _pdf_text(call_sheet_pdf(call_sheet(renamed, schedule, 1), paper="a4"))
    assert 'Lodz "Nights" -' in text


def test_html_escapes_and_links_the_map(day_then_night: tuple[Production, Schedule]) -> None:
    """The HTML page escapes every text, links the map, and reads on a phone (viewport)."""
    production, schedule = day_then_night
    page = call_sheet_html(call_sheet(production, schedule, 1))
    assert "<Test>" not in page and "Night &amp; Day &lt;Test&gt;" in page
    assert "Harvest &lt;at&gt; dawn &amp; noon" in page
    assert 'name="viewport"' in page and "@media print" in page
    parser = _Text()
    parser.feed(page)
    assert parser.links == ["https://www.google.com/maps/search/?api=1&query=42.250000%2C-73.790000"]
    assert "script" not in parser.tags and "img" not in parser.tags
    text = "".join(parser.text)
    for expected in ("Day 1 of 3", "Crew call", "Sunrise", "Minors on set", "Advance schedule", "Sc. 2"):
        assert expected in text, expected

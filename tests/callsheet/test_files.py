"""Call sheets as PDF and HTML: every line readable, text escaped, one page where the day fits,
the bundled example's Day 1 read back from its PDF."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from shootplan import Production, Schedule, day_out_of_days
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


def _between(text: str, start: str, end: str | None = None) -> list[str]:
    """The lines of ``text`` after the line starting with ``start``, up to the one starting with
    ``end`` (to the end without one)."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    ends = (i for i, line in enumerate(lines) if end is not None and i > first and line.startswith(end))
    last = next(ends, len(lines))
    return lines[first + 1 : last]


@pytest.mark.slow
def test_example_day_one_pdf_reads_as_planned(example_plan: tuple[Production, Schedule]) -> None:
    """The bundled example's Day 1 PDF, read back as text: its scenes in shooting order, each
    performer of the day with their DOOD code and calls before their first scene, the performers
    on hold, and the next two days' scenes in the advance schedule."""
    production, schedule = example_plan
    day = schedule.days[0]
    _, text = _pdf_text(call_sheet_pdf(call_sheet(production, schedule, 1)))
    assert f"CALL SHEET - Day 1 of {schedule.days[-1].number}" in text

    rows = [re.match(r"(\d\d:\d\d) (\S+) ", line) for line in _between(text, "Start Sc.", "Total:")]
    assert [row.group(2) for row in rows if row] == list(dict.fromkeys(day.scenes))

    codes = day_out_of_days(production, schedule)[day.date]
    working = [m for m in production.cast if any(m.id in production.scene(n).cast for n in day.scenes)]
    cast_lines = _between(text, "ID Performer", "Advance schedule")
    for member in working:
        line = next(line for line in cast_lines if line.startswith(f"{member.id} {member.name} "))
        pickup, makeup, on_set = re.findall(r"\d\d:\d\d", line)[-3:]
        assert f" {codes[member.id]} " in line, line
        assert pickup < makeup < on_set, line  # the example's Day 1 calls at 07:00: no (+1)
    held = [f"{m.id}. {m.character or m.name}" for m in production.cast if codes.get(m.id) == "H"]
    if held:
        assert f"On hold (H): {', '.join(held)}" in re.sub(r"\s+", " ", text)
    else:
        assert "On hold" not in text  # the first shoot day holds no one

    advance = " ".join(_between(text, "Advance schedule"))
    for later in schedule.days[1:3]:
        section = advance.split(f"Day {later.number} - ", 1)[1].split(f"Day {later.number + 1} - ")[0]
        assert re.findall(r"Sc\. (\S+)", section) == list(dict.fromkeys(later.scenes))


@pytest.fixture(scope="module")
def crowded_day() -> tuple[Production, Schedule]:
    """One day of 25 scenes of every I/E and time of day, too many for one page."""
    lights = [("INT/EXT", "MORNING"), ("EXT", "DUSK"), ("INT", "NIGHT"), ("EXT", "DAY"), ("INT", "DAWN")]
    scenes = [
        {
            "number": f"{n}A",
            "int_ext": int_ext,
            "set": f"HARBOR MASTER'S OFFICE - ROOM {n}",
            "time_of_day": time_of_day,
            "eighths": 2,
            "cast": ["1"],
            "synopsis": "Maggie reads the harbor log aloud while the storm rattles every window.",
        }
        for n, (int_ext, time_of_day) in enumerate(lights * 5, start=1)
    ]
    production = Production.model_validate(
        {
            "name": "Crowded Day",
            "calendar": {"start": "2027-06-07"},
            "scenes": scenes,
            "cast": [{"id": "1", "name": "Ann Lead", "character": "MAGGIE"}],
            "locations": [{"name": "HARBOR MASTER'S OFFICE"}],
        }
    )
    return production, Schedule.from_day_lists(production, [[scene["number"] for scene in scenes]])


def test_pdf_narrow_columns_break_no_word(crowded_day: tuple[Production, Schedule]) -> None:
    """I/E and D/N print as the trade abbreviates them, each word whole on its line.

    Regression: the narrow columns broke ``INT/EXT`` and ``MORNING`` into ``INT/E XT``, ``MORNIN G``.
    """
    production, schedule = crowded_day
    _, text = _pdf_text(call_sheet_pdf(call_sheet(production, schedule, 1)))
    words = text.split()
    for fragment in ("INT/E", "MORNIN", "XT", "G"):
        assert fragment not in words, fragment
    rows = [line.split() for line in text.splitlines() if re.match(r"\d\d:\d\d( \(\+1\))? \d+A ", line)]
    assert len(rows) == 25
    shown = {(row[row.index("HARBOR") - 1], row[row.index("ROOM") + 2]) for row in rows}
    assert shown == {("I/E", "MORN"), ("EXT", "DUSK"), ("INT", "N"), ("EXT", "D"), ("INT", "DAWN")}


def test_pdf_later_pages_repeat_a_header(crowded_day: tuple[Production, Schedule]) -> None:
    """A sheet over two pages names the production, day, date and page on the second page's top."""
    production, schedule = crowded_day
    reader = PdfReader(io.BytesIO(call_sheet_pdf(call_sheet(production, schedule, 1))))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    for number, page in enumerate(pages[1:], start=2):
        first_line = page.splitlines()[0]
        assert (
            first_line
            == f"Crowded Day - Call sheet Day 1 of 1 - Mon Jun 7, 2027 - page {number} of {len(pages)}"
        )
    assert "page 1 of" not in pages[0]  # the first page has the full header

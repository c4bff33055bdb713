"""A call sheet as one self-contained HTML page: no scripts, fonts or images to fetch.

It reads on a phone (a viewport, tables that scroll sideways instead of shrinking the text) and
prints on one Letter or A4 page where the day fits (print styles drop the colours and the map
links' underline, and keep a table's header with its rows). Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from shootplan.call_sheet import AdvanceDay, CallSheet, CastCall
from shootplan.io.callsheet.words import (
    advance_kind_word,
    header_lines,
    scene_line,
    sheet_kind_word,
    totals_line,
)

__all__ = ["call_sheet_html"]

_STYLE = """
:root { color-scheme: light; }
body { font: 14px/1.35 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 0 auto; padding: 12px; max-width: 60rem; color: #111; }
h1 { font-size: 1.35rem; margin: 0; }
h2 { font-size: 1rem; margin: 1rem 0 .3rem; border-bottom: 2px solid #111; }
.revision { background: #fff3b0; padding: .3rem .5rem; font-weight: bold; }
.head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 1.5rem; }
.times { display: grid; grid-template-columns: max-content max-content; gap: 0 .8rem; }
.times b { text-align: right; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eee; white-space: nowrap; }
td.n { white-space: nowrap; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
@media print {
  @page { size: auto; margin: 10mm; }
  body { font-size: 9pt; padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  th { background: none; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
  .revision { background: none; border: 1px solid #111; }
}
"""


def call_sheet_html(sheet: CallSheet) -> str:
    """The call sheet as a complete HTML document (UTF-8 text)."""
    title = f"{sheet.production} - Call sheet {sheet.day_of}, {sheet.date.isoformat()}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
    ]
    if sheet.revision:
        parts.append(f'<p class="revision">{escape(sheet.revision)}</p>')
    parts += _header(sheet)
    parts += _locations(sheet)
    parts += _scenes(sheet)
    parts += _cast(sheet)
    parts += _moves_and_notes(sheet)
    parts += _advance(sheet, sheet.advance)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _header(sheet: CallSheet) -> list[str]:
    lines = [
        '<div class="head"><div>',
        f"<h1>{escape(sheet.production)}</h1>",
        f"<p><b>CALL SHEET &middot; {escape(sheet.day_of)}</b><br>",
        f"{escape(sheet.date.strftime('%A, %B'))} {sheet.date.day}, {sheet.date.year}"
        f" &middot; {escape(sheet_kind_word(sheet))}</p>",
        '</div><div class="times">',
    ]
    for label, value in header_lines(sheet):
        lines.append(f"<b>{escape(label)}</b><span>{escape(value)}</span>")
    lines.append("</div></div>")
    return lines


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> list[str]:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>" for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return [
        '<div class="scroll"><table>',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *body,
        "</tbody></table></div>",
    ]


def _locations(sheet: CallSheet) -> list[str]:
    rows = []
    for place in sheet.locations:
        where = escape(place.address) or "&ndash;"
        if place.map_url:
            where += f' <a href="{escape(place.map_url)}">(map)</a>'
        rows.append(
            [
                escape(place.name),
                where,
                escape(place.parking) or "&ndash;",
                escape(place.hospital) or "&ndash;",
                escape(f"{sheet.clock(place.arrive)}-{sheet.clock(place.leave)}"),
            ]
        )
    return [
        "<h2>Locations</h2>",
        *_table(("Location", "Address", "Parking / basecamp", "Nearest hospital", "Here"), rows, (4,)),
    ]


def _scenes(sheet: CallSheet) -> list[str]:
    rows = [
        [
            escape(sheet.clock(s.start)),
            escape(s.number + (f" ({s.part})" if s.part else "")),
            escape(s.int_ext),
            escape(s.set),
            escape(s.day_night),
            escape(", ".join(s.cast)),
            escape(s.pages),
            escape(s.synopsis),
        ]
        for s in sheet.scenes
    ]
    total = totals_line(sheet)
    headers = ("Start", "Sc.", "I/E", "Set", "D/N", "Cast", "Pages", "Synopsis")
    return ["<h2>Scenes</h2>", *_table(headers, rows, (0, 1, 6)), f"<p><b>{escape(total)}</b></p>"]


def _cast_row(sheet: CallSheet, call: CastCall) -> list[str]:
    return [
        escape(call.id),
        escape(call.performer),
        escape(call.character),
        escape(call.status),
        escape(sheet.clock(call.pickup)),
        escape(sheet.clock(call.makeup)),
        escape(sheet.clock(call.on_set)),
    ]


def _cast(sheet: CallSheet) -> list[str]:
    headers = ("ID", "Performer", "Character", "Status", "Pickup", "H/MU", "On set")
    lines = ["<h2>Cast</h2>", *_table(headers, (_cast_row(sheet, c) for c in sheet.cast), (0, 3, 4, 5, 6))]
    if sheet.holds:
        held = ", ".join(f"{h.id}. {h.character or h.performer}" for h in sheet.holds)
        lines.append(f"<p><b>On hold (H):</b> {escape(held)}</p>")
    return lines


def _moves_and_notes(sheet: CallSheet) -> list[str]:
    lines: list[str] = []
    if sheet.moves:
        lines.append("<h2>Company moves</h2><ul>")
        lines += [
            f"<li>{escape(sheet.clock(m.start))}-{escape(sheet.clock(m.end))}: to {escape(m.to)}</li>"
            for m in sheet.moves
        ]
        lines.append("</ul>")
    if sheet.notes:
        lines.append("<h2>Notes</h2><ul>")
        lines += [f"<li>{escape(note)}</li>" for note in sheet.notes]
        lines.append("</ul>")
    return lines


def _advance(sheet: CallSheet, days: Sequence[AdvanceDay]) -> list[str]:
    if not days:
        return []
    lines = ["<h2>Advance schedule</h2>"]
    for day in days:
        call = f" &middot; call {escape(_day_clock(sheet, day))}" if day.call else ""
        lines.append(
            f"<p><b>Day {day.number} &middot; {escape(day.date.strftime('%a %b'))} {day.date.day}"
            f" &middot; {escape(advance_kind_word(day))}{call}</b></p><ul>"
        )
        lines += [f"<li>{escape(scene_line(s))}</li>" for s in day.scenes]
        lines.append("</ul>")
    return lines


def _day_clock(sheet: CallSheet, day: AdvanceDay) -> str:
    assert day.call is not None
    return f"{day.call.astimezone(sheet.zone):%H:%M}"

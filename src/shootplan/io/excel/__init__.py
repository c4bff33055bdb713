"""Write a schedule as the Excel workbook an AD expects: a colored stripboard and its reports.

:func:`write_excel` writes one workbook with these sheets, in this order:

- **Stripboard** (the first tab, and the sheet the workbook opens on): the strips in shooting
  order, filled by INT/EXT x DAY/NIGHT (white, yellow, blue, green by default), each with its
  planned start, a black day-break row closing each day with its type, call and wrap
  (``End of Day 3 -- Wed, Mar 3, 2027 -- Night shoot · Call 18:45 · Wrap 05:30 (+1) -- 5 2/8
  pages``), an orange week-break row closing each calendar week, a red row for each holiday and a
  grey one for each weekday off between shoot days (``Holiday -- Wed, Mar 10, 2027``), and the
  boneyard (unscheduled strips) below the last day. A scene shot over several days is one strip
  on its first day, with its whole page count, and a banner in its strip color on each later day
  (``Scene 7 continued -- day 2 of 3 -- from 07:00 -- EXT. FARM - FIELD - DAY``); the day
  breaks count each day's share of its pages. It is a board in the form :func:`shootplan.io.read_production`
  reads: a header row (Scene, Start, Int/Ext, Set, Day/Night, Pages, Cast, Location...), cast as IDs
  (``1, 2, 5``), pages as ``2 3/8``, continuation banners.
- **One-Liner**: :func:`shootplan.reports.one_liner` with each strip's start, a day-break row
  (type, call, wrap, pages) after each day, and a week-break row and a page break after each
  calendar week.
- **Day Out of Days**: :func:`shootplan.reports.day_out_of_days`, off days grey, holidays red;
  each date's column headed by its weekday over its month/day.
- **Summary**: the metrics of :func:`shootplan.evaluate`, the solver's status and gap when a
  result is given, costs per cast member and per day (with each day's type, call and wrap), and
  every rule violation.
- **Cast**, **Locations**, **Scenes**, **Settings** and, when the production has boards of its
  own, **Boards**: the production in the workbook template's form, written by
  :func:`shootplan.io.write_workbook` (the template's one writer).

Every time shown is :func:`shootplan.timeline.lay_out_days`', laid out once per workbook from the
production and the schedule: a schedule's stored times (none on a hand-made one) are not read.

Read back with :func:`shootplan.io.read_production`, the file gives the same production, with the
Stripboard's day breaks (and continuation banners) as ``production.boards["Stripboard"]``: the
same day assignment. The importer takes each scene's data from the Scenes sheet wherever its tab
is, so the Stripboard can come first while the Scenes sheet keeps what a board does not show
(shoot days, date limits, weather cover, elements) and the production's own scene order.

Every sheet has a frozen header and a print setup (landscape, fit to width, header rows repeated
on each page), and every column is as wide as its headers and its widest date or number, with
text that would be cut off wrapped (:mod:`~shootplan.io.excel.printing`): it prints the same
through LibreOffice as through Excel, with no ``###``. The write is atomic (:mod:`shootplan.io._files`): the
workbook is built in memory and an existing file is either replaced whole or left untouched.

One module per job:

- :mod:`~shootplan.io.excel.book`: :func:`write_excel` and :func:`build_workbook`, the sheets in
  order around the template's (:func:`shootplan.io.template.build_template`);
- :mod:`~shootplan.io.excel.stripboard`, :mod:`~shootplan.io.excel.oneliner`,
  :mod:`~shootplan.io.excel.dood`, :mod:`~shootplan.io.excel.summary`: one sheet each;
- :mod:`~shootplan.io.excel.style`: what every report sheet shares (headers, tables, bands,
  print setup).
"""

from shootplan.io.excel.book import SHEET_NAMES as SHEET_NAMES
from shootplan.io.excel.book import STRIPBOARD_BOARD as STRIPBOARD_BOARD
from shootplan.io.excel.book import build_workbook as build_workbook
from shootplan.io.excel.book import write_excel as write_excel
from shootplan.io.excel.changes import write_changes_workbook as write_changes_workbook
from shootplan.io.excel.stripboard import STRIPBOARD_HEADERS as STRIPBOARD_HEADERS
from shootplan.io.excel.sweep import write_sweep_workbook as write_sweep_workbook
from shootplan.io.solver_run import SolverRun as SolverRun

__all__ = [
    "SHEET_NAMES",
    "STRIPBOARD_BOARD",
    "STRIPBOARD_HEADERS",
    "SolverRun",
    "build_workbook",
    "write_changes_workbook",
    "write_excel",
    "write_sweep_workbook",
]

"""Stripboards in the wild: the strip tables ADs keep in spreadsheets, whatever their shape.

A strip table is found, not assumed. In each sheet (or the one table of a CSV file) the header row
is the row among the first 30 that has a Scene column and the most other known columns; titles,
dates and blank or merged rows above it are ignored. Columns are matched by name, ignoring case,
spaces and punctuation:

==============  ==========================================================================
field           column names accepted (any case, any punctuation)
==============  ==========================================================================
scene           Scene, Sc., Scene #, Scene No, Scene Number, Scn
int/ext         Int/Ext, I/E, Int Ext, Ext/Int, Interior/Exterior
time of day     Day/Night, D/N, Time, Time of Day, TOD
pages           Pages, Pgs, Pg, Page Count, Length (any form: 2 3/8, 2-3/8, 2.375, 3/8 pgs)
eighths         8ths, Eighths, Pages (8ths) (a whole number of eighths: 19)
cast            Cast, Cast Members, Cast IDs, Characters, Actors, Talent
set             Set, Set Name, Sets
location        Location, Shooting Location, Loc, Location Name
slugline        Slugline, Slug, Scene Heading, Scene Header, Heading (``INT. DINER - NIGHT``: int/ext,
                set, location, time)
synopsis        Synopsis, Description, Desc, Scene Description, Summary
minutes         Est. Minutes, Estimated Minutes, Minutes, Est. Time (90, 1:30, 1h 30m)
shoot days      Shoot Days (whole days a long scene occupies)
script day      Script Day, Story Day
earliest        Earliest, Not Before
latest          Latest, Not After, Deadline
pinned          Pinned, Pinned Date, Fixed Date
cover           Cover, Weather Cover (yes/no)
shoot day       Shoot Day, Shooting Day, Day #, Day No (the board's day of each strip)
shoot date      Shoot Date, Shooting Date (the board's date of each strip)
elements        Elements: <category> (one column per category: ``Elements: Props``)
==============  ==========================================================================

Cast comes in four shapes: board IDs (``1, 2, 14`` or ``1 2 14``), labels (``1. NORA; 2. ELIAS``,
``1 NORA``, ``#1 NORA`` or ``NORA (1)``: the ID and the name both kept), names (``NORA, ELIAS``:
given the first free IDs in order of first appearance, unless a Cast sheet names them), or a
matrix with one column per cast member (headed by a label such as ``1 NORA``, or just ``NORA``
when the board has no Cast column) and an ``X`` where they work. Without a Cast sheet, every ID
mentioned becomes a cast member; with one, an ID or name it does not list is an error.

Rows that are not strips are skipped: blank rows, repeated header rows, totals (``Total pages``)
and banners (a row without a scene number, or with text like ``COMPANY MOVE`` and no strip data).
**Day breaks** close a shoot day: a row starting ``END OF DAY 3``, ``End Day # 3`` or ``End of
Shooting Day 3``; a date written on it (``Wed, Mar 3, 2027``, ``3/3/2027``, ``2027-03-03``) dates
that day. Strips after the last day break are unscheduled (the boneyard). Boards that open each
day instead (``DAY 1 -- Mon, Mar 1, 2027`` above its strips) are read the same way, and so are
boards with a Shoot Day or Shoot Date column. The days become ``Production.boards[name]``.

A scene shot over several days (a three-day battle) is one strip, on its first day, and a
**continuation banner** on each later day: ``Scene 7 continued -- day 2 of 3`` (also ``SC. 7
CONT'D``, ``Continued: Scene 7``) puts scene 7 on the banner's day too, as
:func:`shootplan.io.write_excel` writes it. A banner naming a scene no strip above it lists is
ignored with a warning. The same scene number on two strips is an error, on one day or on two.

A set written as a slugline (``INT. DINER - NIGHT`` in the Set column) is read like one; when the
board has no location, the model's default applies (the set's part before `` - ``).

One module per job:

- :mod:`~shootplan.io.stripboard.syntax`: the vocabulary of a strip table (column names,
  sluglines, cast cells, day-break, total and continuation rows);
- :mod:`~shootplan.io.stripboard.sheet`: one sheet's strips and days (:func:`read_strip_sheet`);
- :mod:`~shootplan.io.stripboard.assemble`: sheets into a draft production, the cast resolved
  (:func:`assemble`);
- :mod:`~shootplan.io.stripboard.csv_board`: a CSV file as one sheet (:func:`read_csv`).
"""

from shootplan.io.stripboard.assemble import assemble as assemble
from shootplan.io.stripboard.csv_board import decode_text as decode_text
from shootplan.io.stripboard.csv_board import read_csv as read_csv
from shootplan.io.stripboard.sheet import StripRow as StripRow
from shootplan.io.stripboard.sheet import StripSheet as StripSheet
from shootplan.io.stripboard.sheet import read_strip_sheet as read_strip_sheet
from shootplan.io.stripboard.syntax import COLUMNS as COLUMNS
from shootplan.io.stripboard.syntax import CastToken as CastToken
from shootplan.io.stripboard.syntax import cast_header as cast_header
from shootplan.io.stripboard.syntax import parse_slugline as parse_slugline

__all__ = [
    "COLUMNS",
    "CastToken",
    "StripRow",
    "StripSheet",
    "assemble",
    "cast_header",
    "decode_text",
    "parse_slugline",
    "read_csv",
    "read_strip_sheet",
]

"""Readers and writers: files in, Production out; Schedule in, files and calendars out.

- :func:`read_production` reads a workbook (``.xlsx``/``.xlsm``: the production template or any
  stripboard), a CSV stripboard, a Universal Schedule Standard file or shootplan's Production
  JSON; the format is told by the content.
- :func:`write_workbook` writes the production workbook template; reading it back gives an equal
  production.
- :func:`write_uss` writes a Universal Schedule Standard file.
- :func:`write_excel` writes a schedule as the workbook an AD expects (:mod:`shootplan.io.excel`).
- :func:`write_bytes`, :func:`write_text`, :func:`write_with` and :class:`OutputSet`: the one way
  every writer writes (atomic files; whole folders as one unit; plain permissions).
- :data:`DEFAULT_START` is the start date of a file that gives none (with a warning).

Packages and modules: :mod:`~shootplan.io.readers` (the format told by content),
:mod:`~shootplan.io.stripboard` (boards in the wild), :mod:`~shootplan.io.template` (the workbook
template: schema, read, write), :mod:`~shootplan.io.uss` (read, write), :mod:`~shootplan.io.excel`
(one module per sheet), :mod:`~shootplan.io.solver_run` (what the writers read of a solver
run); ``_cells`` (cell values and problems with their place), ``_build`` (the
last step every reader shares) and ``_files`` (the one atomic writer) are theirs alone.

Every problem in a file is reported together in one :class:`~shootplan.errors.ImportProblem`,
each naming the file, sheet, row and column.
"""

from shootplan.io._build import DEFAULT_START as DEFAULT_START
from shootplan.io._files import OutputSet as OutputSet
from shootplan.io._files import write_bytes as write_bytes
from shootplan.io._files import write_text as write_text
from shootplan.io._files import write_with as write_with
from shootplan.io.excel import write_excel as write_excel
from shootplan.io.ics import CaldavReport as CaldavReport
from shootplan.io.ics import CalendarFiles as CalendarFiles
from shootplan.io.ics import CalendarOptions as CalendarOptions
from shootplan.io.ics import SkippedFeed as SkippedFeed
from shootplan.io.ics import cast_calendar as cast_calendar
from shootplan.io.ics import lint_ics as lint_ics
from shootplan.io.ics import location_calendar as location_calendar
from shootplan.io.ics import publish_caldav as publish_caldav
from shootplan.io.ics import unit_calendar as unit_calendar
from shootplan.io.ics import write_calendars as write_calendars
from shootplan.io.ics import write_revised_calendars as write_revised_calendars
from shootplan.io.readers import read_production as read_production
from shootplan.io.template import write_workbook as write_workbook
from shootplan.io.uss import write_uss as write_uss

__all__ = [
    "DEFAULT_START",
    "CaldavReport",
    "CalendarFiles",
    "CalendarOptions",
    "OutputSet",
    "SkippedFeed",
    "cast_calendar",
    "lint_ics",
    "location_calendar",
    "publish_caldav",
    "read_production",
    "unit_calendar",
    "write_bytes",
    "write_calendars",
    "write_excel",
    "write_revised_calendars",
    "write_text",
    "write_uss",
    "write_with",
    "write_workbook",
]

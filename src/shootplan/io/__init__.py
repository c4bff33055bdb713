"""Readers and writers: files in, Production out; Schedule in, files and calendars out.

- :func:`read_production` reads a workbook (``.xlsx``/``.xlsm``: the production template or any
  stripboard), a CSV stripboard, a Universal Schedule Standard file or shootplan's Production
  JSON; the format is told by the content.
- :func:`write_workbook` writes the production workbook template; reading it back gives an equal
  production.
- :func:`write_uss` writes a Universal Schedule Standard file.

Every problem in a file is reported together in one :class:`~shootplan.errors.ImportProblem`,
each naming the file, sheet, row and column.
"""

from shootplan.io.readers import read_production as read_production
from shootplan.io.uss import write_uss as write_uss
from shootplan.io.workbook import write_workbook as write_workbook

__all__ = ["read_production", "write_uss", "write_workbook"]

"""The production workbook template: shootplan's own spreadsheet, read and written.

- :mod:`~shootplan.io.template.schema`: the template's shape (sheets, column names and their
  aliases, Settings keys and how each cell is read); the full description of the sheets is there.
- :mod:`~shootplan.io.template.read`: :func:`read_workbook`, a workbook (the template or any
  stripboard workbook) into a draft production.
- :mod:`~shootplan.io.template.write`: :func:`write_workbook` and :func:`build_template`, a
  production as the template; :func:`put`, the one way a sheet's cell is written.

Reader and writer share the schema, so a column renamed in one place is renamed for both and a
written template always reads back as an equal production.
"""

from shootplan.io.template.read import read_workbook as read_workbook
from shootplan.io.template.schema import SETTINGS as SETTINGS
from shootplan.io.template.schema import Setting as Setting
from shootplan.io.template.write import build_template as build_template
from shootplan.io.template.write import put as put
from shootplan.io.template.write import write_workbook as write_workbook

__all__ = ["SETTINGS", "Setting", "build_template", "put", "read_workbook", "write_workbook"]

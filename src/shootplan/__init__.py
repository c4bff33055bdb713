"""shootplan: provably good film and TV shooting schedules, for spreadsheets and phone calendars.

This file is the index of the public API: every name a user needs, re-exported explicitly.
Details sit one level down, in the module that owns them: the change records of a re-plan in
:mod:`shootplan.replanning`, single calendar feeds and CalDAV in :mod:`shootplan.io.ics`, per-cast
work in :mod:`shootplan.evaluation`, strip colours in :mod:`shootplan.palette`.

The flow: a file -> :func:`read_production` -> :class:`Production` -> :func:`solve` ->
:class:`Schedule` -> :func:`evaluate`, reports, :func:`write_excel`, :func:`write_calendars`.

A production's calendars and event UIDs derive from its id (``Production.id``). A board seldom
carries one: :func:`settle_production_id` gives it one once (found again in earlier outputs, else
new), which the caller keeps with the production (``production.json``); :func:`publish_caldav`
refuses a production without one.
"""

from shootplan._versions import show_versions as show_versions
from shootplan.call_sheet import CallSheet as CallSheet
from shootplan.call_sheet import call_sheet as call_sheet
from shootplan.errors import ImportProblem as ImportProblem
from shootplan.errors import ParameterError as ParameterError
from shootplan.errors import ProductionError as ProductionError
from shootplan.errors import ShootplanError as ShootplanError
from shootplan.errors import ShootplanWarning as ShootplanWarning
from shootplan.evaluation import Evaluation as Evaluation
from shootplan.evaluation import Violation as Violation
from shootplan.evaluation import evaluate as evaluate
from shootplan.examples import example_production as example_production
from shootplan.findings import Finding as Finding
from shootplan.findings import Rule as Rule
from shootplan.io import read_production as read_production
from shootplan.io import write_workbook as write_workbook
from shootplan.io.callsheet import write_call_sheets as write_call_sheets
from shootplan.io.excel import write_excel as write_excel
from shootplan.io.ics import CalendarFiles as CalendarFiles
from shootplan.io.ics import publish_caldav as publish_caldav
from shootplan.io.ics import write_calendars as write_calendars
from shootplan.io.ics import write_revised_calendars as write_revised_calendars
from shootplan.io.json import read_schedule as read_schedule
from shootplan.io.json import write_run as write_run
from shootplan.io.json import write_schedule as write_schedule
from shootplan.io.production_id import SettledId as SettledId
from shootplan.io.production_id import settle_production_id as settle_production_id
from shootplan.model import CastMember as CastMember
from shootplan.model import DateRange as DateRange
from shootplan.model import IntExt as IntExt
from shootplan.model import Light as Light
from shootplan.model import Location as Location
from shootplan.model import Production as Production
from shootplan.model import Rules as Rules
from shootplan.model import Scene as Scene
from shootplan.model import ShootCalendar as ShootCalendar
from shootplan.model import Turnaround as Turnaround
from shootplan.pages import format_pages as format_pages
from shootplan.pages import parse_pages as parse_pages
from shootplan.plot import plot_cast_gantt as plot_cast_gantt
from shootplan.plot import plot_daily_load as plot_daily_load
from shootplan.plot import plot_stripboard as plot_stripboard
from shootplan.replanning import Changes as Changes
from shootplan.replanning import ReplanParams as ReplanParams
from shootplan.replanning import ReplanResult as ReplanResult
from shootplan.replanning import ReplanWarning as ReplanWarning
from shootplan.replanning import compare as compare
from shootplan.replanning import replan as replan
from shootplan.reports import cost_summary as cost_summary
from shootplan.reports import day_out_of_days as day_out_of_days
from shootplan.reports import one_liner as one_liner
from shootplan.schedule import DayKind as DayKind
from shootplan.schedule import Schedule as Schedule
from shootplan.schedule import ShootDay as ShootDay
from shootplan.solver import Progress as Progress
from shootplan.solver import Result as Result
from shootplan.solver import SolveParams as SolveParams
from shootplan.solver import Status as Status
from shootplan.solver import solve as solve
from shootplan.sweeping import Scenario as Scenario
from shootplan.sweeping import SweepResult as SweepResult
from shootplan.sweeping import sweep as sweep
from shootplan.timeline import time_schedule as time_schedule

__version__ = "0.1.0"

__all__ = [
    "CalendarFiles",
    "CallSheet",
    "CastMember",
    "Changes",
    "DateRange",
    "DayKind",
    "Evaluation",
    "Finding",
    "ImportProblem",
    "IntExt",
    "Light",
    "Location",
    "ParameterError",
    "Production",
    "ProductionError",
    "Progress",
    "ReplanParams",
    "ReplanResult",
    "ReplanWarning",
    "Result",
    "Rule",
    "Rules",
    "Scenario",
    "Scene",
    "Schedule",
    "SettledId",
    "ShootCalendar",
    "ShootDay",
    "ShootplanError",
    "ShootplanWarning",
    "SolveParams",
    "Status",
    "SweepResult",
    "Turnaround",
    "Violation",
    "__version__",
    "call_sheet",
    "compare",
    "cost_summary",
    "day_out_of_days",
    "evaluate",
    "example_production",
    "format_pages",
    "one_liner",
    "parse_pages",
    "plot_cast_gantt",
    "plot_daily_load",
    "plot_stripboard",
    "publish_caldav",
    "read_production",
    "read_schedule",
    "replan",
    "settle_production_id",
    "show_versions",
    "solve",
    "sweep",
    "time_schedule",
    "write_calendars",
    "write_call_sheets",
    "write_excel",
    "write_revised_calendars",
    "write_run",
    "write_schedule",
    "write_workbook",
]

"""The CP-SAT layer: settings (``params``), the instance, variables, constraints (one function per
rule family), objective, the model that builds, hints and reads schedules, heuristics (warm
start), the exact sequencing method, budget proofs, bounds, infeasibility explanations, and
``solve`` (its phases), which returns a ``result``."""

from shootplan.solver.params import ParameterError as ParameterError
from shootplan.solver.params import SolveParams as SolveParams
from shootplan.solver.result import Progress as Progress
from shootplan.solver.result import Result as Result
from shootplan.solver.result import Status as Status
from shootplan.solver.solve import VERDICT_LOGGER as VERDICT_LOGGER
from shootplan.solver.solve import solve as solve

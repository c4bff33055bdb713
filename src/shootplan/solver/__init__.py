"""The CP-SAT layer: instance, variables, constraints (one function per rule family), objective,
heuristics (warm start), the exact sequencing method, infeasibility explanations and ``solve``."""

from shootplan.solver.params import ParameterError as ParameterError
from shootplan.solver.params import SolveParams as SolveParams
from shootplan.solver.solve import Progress as Progress
from shootplan.solver.solve import Result as Result
from shootplan.solver.solve import Status as Status
from shootplan.solver.solve import solve as solve

"""How fast CP-SAT answers "is there a schedule cheaper than B?" on the realistic productions.

    python benchmarks/budget_proofs.py [--kinds tv feature block large] [--seeds 1 2]
                                       [--budgets 5000 10000 20000] [--time-limit 15]

Prints, per production and budget B, what CP-SAT says (infeasible = proven: no schedule costs
less than B, so B is a lower bound) and how long it took, in four set-ups:
- **shipped**: what ``solve()`` runs (``shootplan.solver.proof``): the full model, the cost capped
  below B with company moves counted day by day, each location's minimum days, one worker, no LP,
  no probing at presolve;
- **with probing**: the same with CP-SAT's default probing at presolve;
- **without implied**: the same, with the cost capped as the objective writes it (location-days
  minus busy days) and no minimum days per location;
- **2 workers, LP**: the shipped model on CP-SAT's default two-worker portfolio with its LP.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent))

from instances import realistic_production

from shootplan import Production
from shootplan.solver.constraints import add_all
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.objective import Objective
from shootplan.solver.proof import add_implied_constraints
from shootplan.solver.variables import Variables

SETUPS = ("shipped", "with probing", "without implied", "2 workers, LP")


def budget_question(
    production: Production, budget: float, setup: str, time_limit: float
) -> tuple[str, float]:
    """(CP-SAT's answer, seconds) to "a schedule of ``production`` cheaper than ``budget``?"."""
    instance = Instance.build(production, production.rules.max_shoot_days or production.min_shoot_days())
    model = cp_model.CpModel()
    v = Variables.create(model, instance)
    add_all(v)
    objective = Objective(v)
    model.clear_objective()  # type: ignore[no-untyped-call]
    if setup == "without implied":
        locations = [at for days in v.at.values() for at in days.values()]
        cost = objective.cost_besides_moves + instance.move_cost * (sum(locations) - sum(v.busy))
    else:
        cost = objective.cost_besides_moves + instance.move_cost * sum(add_implied_constraints(v))
    model.add(cost <= round(budget * COST_SCALE) - 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2 if setup == "2 workers, LP" else 1
    if setup != "2 workers, LP":
        solver.parameters.linearization_level = 0
    if setup not in ("with probing", "2 workers, LP"):
        solver.parameters.cp_model_probing_level = 0
    started = time.perf_counter()
    status = solver.solve(model)
    return solver.status_name(status).lower(), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kinds", nargs="*", default=["tv", "feature", "block", "large"])
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--budgets", type=float, nargs="*", default=[5000, 10000, 20000])
    parser.add_argument("--time-limit", type=float, default=15.0)
    args = parser.parse_args()
    print("| instance | budget | " + " | ".join(SETUPS) + " |")
    print("|---|---|" + "---|" * len(SETUPS))
    for kind in args.kinds:
        for seed in args.seeds:
            production = realistic_production(kind, seed)
            for budget in args.budgets:
                cells = []
                for setup in SETUPS:
                    outcome, seconds = budget_question(production, budget, setup, args.time_limit)
                    cells.append(f"{outcome} {seconds:.1f} s")
                print(f"| {production.name} | {budget:,.0f} | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()

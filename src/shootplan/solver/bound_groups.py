"""The additive bound over groups of performers: each group's holds, solved exactly on its own.

Take any schedule and keep only the scenes of a group of performers. Their hold days stay what
they were (a hold is a shoot day inside a performer's span without their work: other scenes do
not change it), every rule still holds on what is left (fewer pages, minutes, moves, late days
and exteriors a day), and the days stay the same dates. So the least hold cost of the group
over schedules of its own scenes alone, under every date and capacity rule, is no more than the
group's hold cost in the whole schedule. Over groups that share no performer these parts are
disjoint, so their least costs add up, and they add to the bounds on moves, returns and shoot
days (which bound other parts of the cost).

Each group is solved by CP-SAT on the restricted production with only its members' holds in the
objective; when the short solve does not finish, its *proven* bound is used, never its schedule.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from shootplan.findings import Finding, Rule
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.solver.constraints import add_all
from shootplan.solver.instance import COST_SCALE, Instance
from shootplan.solver.variables import Variables

__all__ = ["GroupBound", "choose_groups", "group_bound", "group_reason"]

# At most this many performers in a group, and this many scenes: small solves that finish.
_GROUP_SIZE = 3
_GROUP_SCENES = 40
# CP-SAT's deterministic time per group (so that a one-worker solve repeats exactly: 0.25 is
# 0.1-2 s of wall time on a 50-110 scene board), and the wall-clock budget of all groups together,
# which also stops a solve that runs long on a busy machine.
_GROUP_DETERMINISTIC = 0.25
_BUDGET_SECONDS = 4.0
# Groups tried before giving up when none of them forces a hold.
_FRUITLESS = 3


@dataclass(frozen=True)
class GroupBound:
    """The least hold cost (scaled) of a group of performers over schedules of their own scenes."""

    cast: tuple[str, ...]
    cost: int
    optimal: bool
    scenes: int


def choose_groups(instance: Instance, size: int = _GROUP_SIZE) -> list[tuple[str, ...]]:
    """Disjoint groups, costliest performer first, each joined by those they share most scenes with.

    Only performers who can be held (a rate and two scenes or more) are grouped; a group stops
    growing when it would pass :data:`_GROUP_SCENES` scenes.
    """
    held = [
        c for c, members in instance.cast_scenes.items() if instance.hold_rate(c) > 0 and len(members) > 1
    ]
    held.sort(key=lambda c: (-instance.hold_rate(c) * len(instance.cast_scenes[c]), c))
    free = set(held)
    groups: list[tuple[str, ...]] = []
    for lead in held:
        if lead not in free:
            continue
        free.discard(lead)
        group, scenes = [lead], set(instance.cast_scenes[lead])
        while len(group) < size:
            partners = [
                (len(scenes & set(instance.cast_scenes[c])) * instance.hold_rate(c), c)
                for c in sorted(free)
                if scenes & set(instance.cast_scenes[c])
                and len(scenes | set(instance.cast_scenes[c])) <= _GROUP_SCENES
            ]
            if not partners:
                break
            _, partner = max(partners)
            free.discard(partner)
            group.append(partner)
            scenes |= set(instance.cast_scenes[partner])
        groups.append(tuple(group))
    return groups


def restricted(production: Production, cast: tuple[str, ...]) -> Production:
    """The production with only the scenes of ``cast``: rules that name other scenes left out
    (dropping a precedence or a same-day partner only relaxes it)."""
    wanted = set(cast)
    scenes = [s for s in production.scenes if wanted & set(s.cast)]
    numbers = {s.number for s in scenes}
    rules = production.rules
    precedences = [(a, b) for a, b in rules.precedences if a in numbers and b in numbers]
    same_day = [kept for group in rules.same_day if len(kept := [n for n in group if n in numbers]) > 1]
    return production.replace(
        scenes=scenes,
        boards={},
        rules=rules.model_copy(update={"precedences": precedences, "same_day": same_day}),
    )


def group_bound(
    instance: Instance,
    cast: tuple[str, ...],
    deterministic_time: float,
    days: int | None = None,
    seconds: float | None = None,
) -> GroupBound | None:
    """The group's least hold cost (CP-SAT's proven bound) when the schedule has at most ``days``
    shoot days (default: as many as the instance allows), or None when the restricted model could
    not be solved at all."""
    production = restricted(instance.production, cast)
    horizon = instance.horizon if days is None else min(instance.horizon, instance.first_day + days)
    small = Instance.build(production, horizon)
    if small.dates != instance.dates[:horizon]:
        return None  # not the same days: the restriction would not bound the whole schedule
    model = cp_model.CpModel()
    v = Variables.create(model, small)
    # Day 1 of the whole schedule need not shoot one of the group's scenes: the rule that the
    # first used day has work is switched off (a false enforcement literal), every other stays.
    off = model.new_constant(0)
    add_all(v, {Rule.EMPTY_DAY: off})
    terms = [small.hold_rate(c) * sum(v.hold[c].values()) for c in cast if c in v.hold]
    if not terms:
        return GroupBound(cast, 0, True, len(production.scenes))
    model.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = deterministic_time
    if seconds is not None:
        solver.parameters.max_time_in_seconds = seconds
    solver.parameters.catch_sigint_signal = False
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE or status == cp_model.MODEL_INVALID:
        return None
    bound = max(0, math.ceil(solver.best_objective_bound - 1e-6))
    return GroupBound(cast, bound, status == cp_model.OPTIMAL, len(production.scenes))


def group_bounds(instance: Instance, budget: float = _BUDGET_SECONDS) -> list[GroupBound]:
    """Every chosen group's bound, costliest group first, within ``budget`` seconds of wall time."""
    started = time.perf_counter()
    found: list[GroupBound] = []
    for group in choose_groups(instance):
        left = budget - (time.perf_counter() - started)
        if left <= 0:
            break
        bound = group_bound(instance, group, _GROUP_DETERMINISTIC, seconds=left)
        if bound is not None:
            found.append(bound)
        if len(found) >= _FRUITLESS and not any(b.cost for b in found):
            # The costliest groups could all be shot without a hold: the cheaper ones rarely
            # do better, and the search wants the seconds (realistic boards: 0 in 0.7-3.3 s).
            break
    return found


def group_reason(instance: Instance, bound: GroupBound) -> Finding:
    """One group's bound in words."""
    production = instance.production
    names = [production.cast_member(c).label for c in bound.cast]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
    how = "the least" if bound.optimal else "no less than"
    message = (
        f"holds of {who} cost at least {format_money(bound.cost / COST_SCALE)}: shooting only"
        f" their {bound.scenes} scenes under every date and capacity rule, {how} that is paid"
    )
    return Finding(Rule.HOLDS, message, cast=bound.cast, numbers={"hold_cost": bound.cost / COST_SCALE})

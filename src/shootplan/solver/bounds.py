"""Lower bounds that hold for every schedule, computed without search, each with its reason.

CP-SAT's own bound on the hold terms is weak (the LP relaxation of "first to last work day" is
loose), so ``solve`` reports the larger of CP-SAT's bound and this relaxation, and says in words
what the relaxation proves:

- **company moves**: a location with E eighths needs at least ceil(E / cap) shoot days; with D
  days available, at least (sum over locations of those days) - D location changes happen within
  days; the same holds for any run of days that windows, availability or dates tie scenes to;
- **location returns**: a location's scenes that dates force apart, with work elsewhere forced
  between (:mod:`shootplan.solver.bound_returns`);
- **shoot days**: what pages, minutes, daylight, darkness and dates force
  (:mod:`shootplan.solver.bound_days`);
- **forced holds**: a performer's span always covers the days between the latest possible date of
  their earliest-bound scene and the earliest possible date of their latest-bound scene (pinned
  dates, windows, availability). On those days they hold unless they work, and they can work at
  most once per scene-day and only on dates they are available;
- **groups of performers** (given time for small exact solves): the least holds of a group over
  schedules of its own scenes (:mod:`shootplan.solver.bound_groups`), in place of its members'
  forced holds when larger.

Each part bounds its own share of the cost, so they add up. Beyond the groups, the trade
between moves and holds on a board with slack is not seen here. The budget proofs
(:mod:`shootplan.solver.proof`) do, at the price of search time (benchmarks/README.md measures both).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shootplan.findings import Finding, Rule
from shootplan.pages import format_pages
from shootplan.solver.bound_days import days_reason, forced_days
from shootplan.solver.bound_groups import group_bounds, group_reason
from shootplan.solver.bound_returns import forced_returns, returns_reason
from shootplan.solver.instance import COST_SCALE, Instance

__all__ = ["Bound", "relaxation_bound"]

# A reason names at most this many locations; the rest are counted.
_NAMED_LOCATIONS = 4


@dataclass(frozen=True)
class Bound:
    """A lower bound on the producer's cost of any schedule, and what makes it up (one finding per
    cost family that contributes: company moves, shoot days, each performer's forced holds)."""

    value: float
    reasons: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class _ForcedMoves:
    moves: int
    first_day: int
    last_day: int
    location_days: tuple[tuple[str, int], ...]  # the locations' days needed within the run


def _forced_moves(instance: Instance) -> _ForcedMoves:
    """Moves no schedule avoids, over the whole horizon or any run of days scenes are tied to.

    Within days ``a..b``, a location whose scenes there (those that cannot be shot outside
    ``a..b``) hold E eighths needs ceil(E / cap) of those days; more location-days than days
    means location changes within days.
    """
    cap = instance.production.rules.max_eighths_per_day
    first = [min(instance.starts[s]) if instance.starts[s] else 0 for s in range(len(instance.scenes))]
    last = [
        max(instance.starts[s]) + instance.length[s] - 1 if instance.starts[s] else instance.horizon - 1
        for s in range(len(instance.scenes))
    ]
    best = _ForcedMoves(0, 0, instance.horizon - 1, ())
    for a in sorted(set(first)):
        for b in sorted(set(last)):
            if b < a:
                continue
            needed: list[tuple[str, int]] = []
            for name, members in instance.location_scenes.items():
                inside = [s for s in members if first[s] >= a and last[s] <= b]
                multi = sum(instance.length[s] for s in inside if instance.length[s] > 1)
                single = sum(instance.scenes[s].eighths for s in inside if instance.length[s] == 1)
                if multi or single:
                    needed.append((name, multi + math.ceil(single / cap)))
            moves = sum(days for _, days in needed) - (b - a + 1)
            if moves > best.moves:
                best = _ForcedMoves(moves, a, b, tuple(sorted(needed, key=lambda item: -item[1])))
    return best


def _moves_reason(instance: Instance, forced: _ForcedMoves) -> Finding:
    days = forced.last_day - forced.first_day + 1
    total = sum(n for _, n in forced.location_days)
    named = ", ".join(f"{name} {n}" for name, n in forced.location_days[:_NAMED_LOCATIONS])
    more = len(forced.location_days) - _NAMED_LOCATIONS
    if more > 0:
        named += f" and {more} more"
    cap = format_pages(instance.production.rules.max_eighths_per_day)
    where = f"{days} shoot days are available" if days > 1 else "1 shoot day is available"
    first, last = instance.dates[forced.first_day], instance.dates[forced.last_day]
    if forced.first_day > 0 or forced.last_day < instance.horizon - 1:
        run = f"the {days} shoot days {first}..{last}" if days > 1 else f"the shoot day {first}"
        where = f"dates, windows and availability tie them to {run}"
    plural = "s" if forced.moves > 1 else ""
    return Finding(
        Rule.COMPANY_MOVES,
        f"at least {forced.moves} company move{plural}: at {cap} pages a day the locations need"
        f" {total} shoot days ({named}) and {where}",
        locations=tuple(name for name, _ in forced.location_days),
        dates=(first, last),
        numbers={"company_moves": forced.moves, "location_days": total, "shoot_days": days},
    )


def relaxation_bound(instance: Instance, *, group_seconds: float = 0.0) -> Bound:
    """A lower bound on the producer's cost of any schedule over ``instance``'s days.

    Its parts bound disjoint parts of the cost, so they add up: company moves, location returns,
    shoot days, and each performer's holds, by the forced holds alone or, within
    ``group_seconds`` of small exact solves, by the least holds of a group of performers.
    """
    reasons: list[Finding] = []
    forced = _forced_moves(instance)
    cost = forced.moves * instance.move_cost
    if forced.moves and instance.move_cost:
        reasons.append(_moves_reason(instance, forced))
    for returns in forced_returns(instance):
        cost += returns.returns * instance.return_cost(returns.location)
        reasons.append(returns_reason(instance, returns))
    days = forced_days(instance)
    if instance.day_cost and days.days:
        cost += days.days * instance.day_cost
        reasons.append(days_reason(instance, days))
    holds = _forced_holds(instance)
    groups = group_bounds(instance, group_seconds) if group_seconds > 0 else []
    for group in groups:
        alone = sum(holds[c][0] for c in group.cast if c in holds)
        if group.cost > alone:
            # The group's least holds replace its members' forced holds (never both: one cost).
            for c in group.cast:
                holds.pop(c, None)
            holds[group.cast[0]] = (group.cost, group_reason(instance, group))
    for held, reason in holds.values():
        cost += held
        reasons.append(reason)
    return Bound(cost / COST_SCALE, tuple(reasons))


def _forced_holds(instance: Instance) -> dict[str, tuple[int, Finding]]:
    """Per performer, the scaled cost of the hold days dates force, and why (only where some are)."""
    production = instance.production
    found: dict[str, tuple[int, Finding]] = {}
    for cast_id, members in instance.cast_scenes.items():
        rate = instance.hold_rate(cast_id)
        if rate == 0 or len(members) < 2 or any(not instance.starts[s] for s in members):
            continue
        member = production.cast_member(cast_id)
        if member.drop_pickup and member.max_drops > 0:
            continue  # a drop may free the forced days
        # The first work day is no later than any scene's latest start; the last no earlier than
        # any scene's earliest end: every day between is inside the performer's span.
        early = min(members, key=lambda s: max(instance.starts[s]))
        late = max(members, key=lambda s: min(instance.starts[s]) + instance.length[s] - 1)
        core_start = max(instance.starts[early])
        core_end = min(instance.starts[late]) + instance.length[late] - 1
        core = range(core_start, core_end + 1)
        available = sum(1 for d in core if member.is_available(instance.dates[d]))
        scene_days = sum(instance.length[s] for s in members)
        holds = max(0, len(core) - min(available, scene_days))
        if not holds:
            continue
        plural = "s" if holds > 1 else ""
        first, last = instance.scenes[early].number, instance.scenes[late].number
        message = (
            f"at least {holds} hold day{plural} for {member.label}: scene"
            f" {first} is shot by {instance.dates[core_start]}, scene"
            f" {last} not before {instance.dates[core_end]}, and"
            f" {member.label} works on at most {min(available, scene_days)} of the"
            f" {len(core)} shoot days between"
        )
        reason = Finding(
            Rule.HOLDS,
            message,
            scenes=(first, last),
            cast=(cast_id,),
            dates=(instance.dates[core_start], instance.dates[core_end]),
            numbers={"hold_days": holds},
        )
        found[cast_id] = (rate * holds, reason)
    return found

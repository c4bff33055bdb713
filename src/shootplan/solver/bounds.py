"""Lower bounds that hold for every schedule, computed without search.

CP-SAT's own bound on the hold terms is weak (the LP relaxation of "first to last work day" is
loose), so ``solve`` reports the larger of CP-SAT's bound and this relaxation:

- **company moves**: a location with E eighths needs at least ceil(E / cap) shoot days; with D
  days available, at least (sum over locations of those days) - D location changes happen within
  days; the same holds for any run of days that windows, availability or dates tie scenes to;
- **shoot days**: at least :meth:`Production.min_shoot_days` of them are paid;
- **forced holds**: a performer's span always covers the days between the latest possible date of
  their earliest-bound scene and the earliest possible date of their latest-bound scene (pinned
  dates, windows, availability). On those days they hold unless they work, and they can work at
  most once per scene-day and only on dates they are available.
"""

from __future__ import annotations

import math

from shootplan.solver.instance import COST_SCALE, Instance

__all__ = ["relaxation_bound"]


def _forced_moves(instance: Instance) -> int:
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
    best = 0
    for a in sorted(set(first)):
        for b in sorted(set(last)):
            if b < a:
                continue
            location_days = 0
            for members in instance.location_scenes.values():
                inside = [s for s in members if first[s] >= a and last[s] <= b]
                multi = sum(instance.length[s] for s in inside if instance.length[s] > 1)
                single = sum(instance.scenes[s].eighths for s in inside if instance.length[s] == 1)
                location_days += multi + math.ceil(single / cap)
            best = max(best, location_days - (b - a + 1))
    return best


def relaxation_bound(instance: Instance) -> float:
    """A lower bound on the producer's cost of any schedule over ``instance``'s days."""
    production = instance.production
    cost = _forced_moves(instance) * instance.move_cost + production.min_shoot_days() * instance.day_cost
    for cast_id, members in instance.cast_scenes.items():
        rate = instance.hold_rate(cast_id)
        if rate == 0 or len(members) < 2 or any(not instance.starts[s] for s in members):
            continue
        member = production.cast_member(cast_id)
        if member.drop_pickup and member.max_drops > 0:
            continue  # a drop may free the forced days
        # The first work day is no later than any scene's latest start; the last no earlier than
        # any scene's earliest end: every day between is inside the performer's span.
        core_start = min(max(instance.starts[s]) for s in members)
        core_end = max(min(instance.starts[s]) + instance.length[s] - 1 for s in members)
        core = range(core_start, core_end + 1)
        available = sum(1 for d in core if member.is_available(instance.dates[d]))
        scene_days = sum(instance.length[s] for s in members)
        cost += rate * max(0, len(core) - min(available, scene_days))
    return cost / COST_SCALE

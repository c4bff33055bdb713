"""The hard rules, one function per rule family. Each adds its constraints to the model.

Every function takes the :class:`Variables` and an optional enforcement literal: the explainer
(:mod:`shootplan.solver.explain`) switches rule families on and off with it to find which ones
conflict. Rules that are already expressed by the variables' domains (availability, windows,
scene dates) are explained separately from the domains themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ortools.sat.python import cp_model

from shootplan.findings import Rule
from shootplan.model import CastMember, Light, Scene, Turnaround
from shootplan.profiles import MEAL_MINUTES, MINOR_DAY_END, MINOR_DAY_START, MINOR_LATE_END, minor_limits
from shootplan.solver.instance import Instance
from shootplan.solver.variables import Variables
from shootplan.sun import sun_at

__all__ = ["RULE_FAMILIES", "STRUCTURAL", "add_all", "minor_caps", "twilight_clash"]

Literal = cp_model.IntVar | None


def _enforce(constraint: cp_model.Constraint, literal: Literal) -> None:
    if literal is not None:
        constraint.only_enforce_if(literal)


def scheduled_once(v: Variables, literal: Literal = None) -> None:
    """Every scene starts exactly once (a scene with no possible day makes the model infeasible)."""
    for starts in v.start:
        _enforce(v.model.add_exactly_one(starts.values()) if starts else v.model.add_bool_or([]), literal)


def used_days(v: Variables, literal: Literal = None) -> None:
    """Used days form a run of the candidate days from the first any scene may be shot on (Day 1);
    an unused day has no work.

    A used day may be empty (a dark day the unit waits out, e.g. for an actor's return): it
    costs a shoot day and holds, exactly as the scorer counts it.
    """
    model = v.model
    first = v.instance.first_day
    for d in range(v.instance.horizon):
        if d < first:
            model.add(v.used[d] == 0)  # nothing can be shot yet: the schedule starts later
        elif d + 1 < v.instance.horizon:
            model.add_implication(v.used[d + 1], v.used[d])
        # A day no scene can use may still be a (dark) shoot day between days that have work.
        for _, lit in v.scenes_on(d):
            model.add_implication(lit, v.used[d])


def busy_ends(v: Variables, literal: Literal = None) -> None:
    """The first and the last used day have work: no day is paid for nothing at either end."""
    used, busy, first = v.used, v.busy, v.instance.first_day
    if first >= len(used):
        return
    _enforce(v.model.add(busy[first] >= used[first]), literal)
    for d in range(first, len(used)):
        after = used[d + 1] if d + 1 < len(used) else 0
        _enforce(v.model.add(busy[d] >= used[d] - after), literal)


def max_shoot_days(v: Variables, literal: Literal = None) -> None:
    """No more shoot days than the production has (the horizon already is that number)."""
    limit = v.instance.production.rules.max_shoot_days
    if limit is not None and limit < v.instance.horizon:
        _enforce(v.model.add(sum(v.used) <= limit), literal)


def _flag_any(model: cp_model.CpModel, flag: cp_model.IntVar, literals: list[cp_model.IntVar]) -> None:
    """``flag`` is true exactly when one of ``literals`` is."""
    for lit in literals:
        model.add_implication(lit, flag)
    model.add(sum(literals) >= flag)


def locations(v: Variables, literal: Literal = None) -> None:
    """at[loc][d] is true exactly when some scene at ``loc`` is shot on ``d``; busy[d] when any."""
    for d, busy in enumerate(v.busy):
        _flag_any(v.model, busy, [at[d] for at in v.at.values() if d in at])
        v.model.add_implication(busy, v.used[d])
    on = _on_by_day(v, v.instance.location_scenes)
    for name in v.instance.location_scenes:
        for d, at in v.at[name].items():
            _flag_any(v.model, at, on[name].get(d, []))


def cast_work(v: Variables, literal: Literal = None) -> None:
    """works[c][d] is true exactly when a scene with performer ``c`` is shot on ``d`` (holds' basis)."""
    on = _on_by_day(v, v.instance.cast_scenes)
    for cast_id in v.instance.cast_scenes:
        for d, works in v.works[cast_id].items():
            _flag_any(v.model, works, on[cast_id].get(d, []))


def _on_by_day(v: Variables, groups: dict[str, list[int]]) -> dict[str, dict[int, list[cp_model.IntVar]]]:
    """Per group of scenes and day, the literals that put one of them on the day (``v.on``'s, in
    the same order), read off ``by_day`` once: asking ``v.on`` per member and day was most of a
    1,000-scene model's build."""
    groups_of: dict[int, list[str]] = {}
    for name, members in groups.items():
        for s in members:
            groups_of.setdefault(s, []).append(name)
    on: dict[str, dict[int, list[cp_model.IntVar]]] = {name: {} for name in groups}
    for d, pairs in enumerate(v.by_day):
        for s, lit in pairs:
            for name in groups_of.get(s, ()):
                on[name].setdefault(d, []).append(lit)
    return on


def capacity(v: Variables, literal: Literal = None) -> None:
    """Pages and minutes per day within the caps; a company move costs its minutes.

    A multi-day scene fills its days: it counts as a full day of pages and minutes, which keeps
    every other scene (and every other multi-day scene) off those days.
    """
    instance, model = v.instance, v.model
    rules = instance.production.rules
    page_cap, minute_cap = rules.max_eighths_per_day, rules.work_cap
    for d in range(instance.horizon):
        scenes = v.scenes_on(d)
        if not scenes:
            continue
        pages = [
            (page_cap if instance.length[s] > 1 else instance.scenes[s].eighths) * lit for s, lit in scenes
        ]
        _enforce(model.add(sum(pages) <= page_cap), literal)
        work = [(minute_cap if instance.length[s] > 1 else instance.minutes[s]) * lit for s, lit in scenes]
        moves = sum(at[d] for at in v.at.values() if d in at) - v.busy[d]
        _enforce(model.add(sum(work) + rules.company_move_minutes * moves <= minute_cap), literal)


def holds(v: Variables, literal: Literal = None) -> None:
    """A hold is a day between a performer's first and last work day on which they do not work."""
    model = v.model
    for cast_id, hold in v.hold.items():
        works, started, remaining = v.works[cast_id], v.started[cast_id], v.remaining[cast_id]
        dropped = v.dropped.get(cast_id, {})
        days = sorted(hold)
        for d in days:
            w = works.get(d, 0)
            if d - 1 in started:
                model.add_implication(started[d - 1], started[d])
            if d + 1 in remaining:
                model.add_implication(remaining[d + 1], remaining[d])
            if d in works:
                model.add_implication(works[d], started[d])
                model.add_implication(works[d], remaining[d])
            # started and remaining and not working (and not dropped) -> hold.
            model.add(hold[d] >= started[d] + remaining[d] - 1 - w - dropped.get(d, 0))
            # ... and only then: exact values keep feasible schedules from paying phantom holds.
            model.add(started[d] <= started.get(d - 1, 0) + w)
            model.add(remaining[d] <= remaining.get(d + 1, 0) + w)
            model.add_implication(hold[d], started[d])
            model.add_implication(hold[d], remaining[d])
            if d in works:
                model.add_implication(hold[d], works[d].Not())


def drop_pickup(v: Variables, literal: Literal = None) -> None:
    """One unpaid gap for eligible performers, only when the pickup comes late enough.

    A drop covers a whole gap: it starts the day after a work day and ends the day before the
    next, and the pickup must come more than ``min_drop_gap_days`` calendar days after the last
    work day before the drop.
    """
    model, instance = v.model, v.instance
    for cast_id, dropped in v.dropped.items():
        member = instance.production.cast_member(cast_id)
        works = v.works[cast_id]
        days = sorted(dropped)
        starts = []
        for d in days:
            model.add_implication(dropped[d], v.started[cast_id][d])
            model.add_implication(dropped[d], v.remaining[cast_id][d])
            if d in works:
                model.add_implication(dropped[d], works[d].Not())
            previous, following = dropped.get(d - 1), dropped.get(d + 1)
            # The first dropped day follows a work day; the last precedes one.
            if d - 1 in works:
                model.add_bool_or(
                    [dropped[d].Not(), *([previous] if previous is not None else []), works[d - 1]]
                )
            elif previous is not None:
                model.add_implication(dropped[d], previous)
            else:
                model.add(dropped[d] == 0)
            if d + 1 in works:
                model.add_bool_or(
                    [
                        dropped[d].Not(),
                        *([following] if following is not None else []),
                        works[d + 1],
                    ]
                )
            elif following is not None:
                model.add_implication(dropped[d], following)
            else:
                model.add(dropped[d] == 0)
            begin = model.new_bool_var(f"drop_start[{cast_id},{d}]")
            model.add(begin >= dropped[d] - (previous if previous is not None else 0))
            starts.append(begin)
            # The gap must reach past the minimum: until a pickup would come late enough, every
            # day is dropped too; a drop that cannot end in time within the horizon is no drop.
            if d == 0:
                model.add(begin == 0)
                continue
            last_work = instance.dates[d - 1]
            for m in range(d, instance.horizon):
                if (instance.dates[m] - last_work).days > member.min_drop_gap_days:
                    break  # picking up on day m is allowed
                if m not in dropped:
                    model.add(begin == 0)
                    break
                model.add_implication(begin, dropped[m])
            else:
                model.add(begin == 0)
        model.add(sum(starts) <= member.max_drops)


def day_types(v: Variables, literal: Literal = None) -> None:
    """night[d] / daylight[d] are true when day ``d`` shoots an exterior that needs the dark /
    daylight; split[d] when both (a split day)."""
    instance, model = v.instance, v.model
    for d in range(instance.horizon):
        for s, lit in v.scenes_on(d):
            scene = instance.scenes[s]
            flag = v.night.get(d) if scene.needs_dark else v.daylight.get(d) if scene.needs_daylight else None
            if flag is not None:
                model.add_implication(lit, flag)
    for d, split in v.split.items():
        model.add(split >= v.night[d] + v.daylight[d] - 1)


def turnaround(v: Variables, literal: Literal = None) -> None:
    """No day exteriors on the date after a late day: a day wraps late when it works in the dark
    or continues a run of late days (its call waits for the rest after the last wrap).

    With calls laid out as :mod:`shootplan.timeline` lays them out (a night shoot wraps by dawn,
    an interior day after it calls when the rest allows), this is what lets every call meet the
    profile's rest; a day off in between resets the run.
    """
    instance, model = v.instance, v.model
    if instance.production.rules.turnaround is Turnaround.NONE:
        return
    for d, late in v.late.items():
        if d in v.night:
            model.add(late >= v.night[d])
        if d - 1 in v.late and instance.consecutive(d - 1):
            model.add(late >= v.late[d - 1] + v.busy[d] - 1)
            if d in v.daylight:
                _enforce(model.add(v.late[d - 1] + v.daylight[d] <= 1), literal)


def light(v: Variables, literal: Literal = None) -> None:
    """Each day's day exteriors fit its daylight and its night exteriors its darkness (the meal
    kept aside), and a day has at most one dusk and one dawn scene (their twilight is short)."""
    instance, model = v.instance, v.model
    if not instance.daylight:
        return
    for d in range(instance.horizon):
        scenes = v.scenes_on(d)
        by_light: dict[Light, list[tuple[int, cp_model.IntVar]]] = {}
        for s, lit in scenes:
            by_light.setdefault(instance.scenes[s].required_light, []).append((s, lit))
        day_work = by_light.get(Light.DAY, [])
        dark_work = [p for key in (Light.NIGHT, Light.DUSK, Light.DAWN) for p in by_light.get(key, [])]
        if day_work:
            minutes = sum(instance.day_minutes(s) * lit for s, lit in day_work)
            # The meal the timeline puts in a day over six hours is kept out of the light.
            _enforce(model.add(minutes <= instance.daylight[d] - MEAL_MINUTES), literal)
        if dark_work:
            minutes = sum(instance.day_minutes(s) * lit for s, lit in dark_work)
            _enforce(model.add(minutes <= instance.darkness[d] - MEAL_MINUTES), literal)
        for twilight in (Light.DUSK, Light.DAWN):
            if len(by_light.get(twilight, [])) > 1:
                _enforce(model.add(sum(lit for _, lit in by_light[twilight]) <= 1), literal)
        for s, lit in by_light.get(Light.DUSK, []) + by_light.get(Light.DAWN, []):
            for t, other in scenes:
                if t != s and twilight_clash(instance.scenes[s], instance.scenes[t]):
                    _enforce(model.add(lit + other <= 1), literal)
        _one_mixed_location(v, d, day_work, dark_work, literal)


def _one_mixed_location(
    v: Variables,
    d: int,
    day_work: list[tuple[int, cp_model.IntVar]],
    dark_work: list[tuple[int, cp_model.IntVar]],
    literal: Literal,
) -> None:
    """At most one location of a day has both day and night exteriors: each location is shot in
    one stretch, so a second such stretch would put its day work after dark."""
    instance, model = v.instance, v.model
    places = {instance.scenes[s].location for s, _ in day_work} & {
        instance.scenes[s].location for s, _ in dark_work
    }
    if len(places) < 2:
        return
    mixed = []
    for place in sorted(places):
        flags = []
        for work in (day_work, dark_work):
            flag = model.new_bool_var(f"lit[{place},{d}]")
            for s, lit in work:
                if instance.scenes[s].location == place:
                    model.add_implication(lit, flag)
            flags.append(flag)
        both = model.new_bool_var(f"mixed[{place},{d}]")
        model.add(both >= flags[0] + flags[1] - 1)
        mixed.append(both)
    _enforce(model.add(sum(mixed) <= 1), literal)


def minors(v: Variables, literal: Literal = None) -> None:
    """A minor works no more minutes a day than their age band allows (fewer on a school day),
    and their scenes in the dark fit between sunset and the end of their work window."""
    instance, model = v.instance, v.model
    for member in instance.production.cast:
        if not member.is_minor:
            continue
        members = instance.cast_scenes.get(member.id, [])
        for d, _day in enumerate(instance.dates):
            on_day = [(s, lit) for s in members for lit in v.on(s, d)]
            if not on_day:
                continue
            cap, dark_cap = minor_caps(instance, member, d)
            _enforce(model.add(sum(instance.day_minutes(s) * lit for s, lit in on_day) <= cap), literal)
            dark = [(s, lit) for s, lit in on_day if instance.scenes[s].needs_dark]
            if dark:
                _enforce(
                    model.add(sum(instance.day_minutes(s) * lit for s, lit in dark) <= dark_cap), literal
                )


def minor_caps(instance: Instance, member: CastMember, day: int) -> tuple[int, int]:
    """A minor's most minutes of work on candidate day ``day``, and of work after sunset."""
    date = instance.dates[day]
    limits = minor_limits(member.age, member.school_day(date))
    latest = MINOR_DAY_END if member.school_day(date + timedelta(days=1)) else MINOR_LATE_END
    sunset = min(sun_at(instance.production, loc, date).sunset for loc in _minor_locations(instance, member))
    end = datetime.combine(date + timedelta(days=latest < MINOR_DAY_START), latest, tzinfo=sunset.tzinfo)
    return limits.work, max(0, int((end - sunset).total_seconds() // 60))


def _minor_locations(instance: Instance, member: CastMember) -> set[str]:
    return {instance.scenes[s].location for s in instance.cast_scenes.get(member.id, [])}


def twilight_clash(twilight: Scene, other: Scene) -> bool:
    """A dusk or dawn scene is timed to minutes: the day's other exteriors are at its location
    (no company move in between); a dawn scene ends a night, so no day exteriors with it, and no
    dusk scene either (the night between would have to be filled to the minute)."""
    if other.required_light is Light.ANY:
        return False
    if other.location != twilight.location:
        return True
    if {twilight.required_light, other.required_light} == {Light.DAWN, Light.DUSK}:
        return True
    return twilight.required_light is Light.DAWN and other.needs_daylight


def precedences(v: Variables, literal: Literal = None) -> None:
    """Scene A is shot before scene B (same day allowed: the day's order puts A first)."""
    instance, model = v.instance, v.model
    index = {scene.number: s for s, scene in enumerate(instance.scenes)}
    for first, second in instance.production.rules.precedences:
        a, b = index[first], index[second]
        end_a = sum((d + instance.length[a] - 1) * lit for d, lit in v.start[a].items())
        start_b = sum(d * lit for d, lit in v.start[b].items())
        _enforce(model.add(end_a <= start_b), literal)


def same_day(v: Variables, literal: Literal = None) -> None:
    """Scenes of a same-day group share their (first) day."""
    instance, model = v.instance, v.model
    index = {scene.number: s for s, scene in enumerate(instance.scenes)}
    for group in instance.production.rules.same_day:
        members = [index[n] for n in group]
        for other in members[1:]:
            first = members[0]
            for d in set(v.start[first]) | set(v.start[other]):
                a, b = v.start[first].get(d, 0), v.start[other].get(d, 0)
                _enforce(model.add(a == b), literal)


def location_returns(v: Variables, literal: Literal = None) -> None:
    """A run of days at a location starts where the unit was not there on the last day with work.

    ``here`` carries the last day with work over empty days (an empty day breaks no run, as the
    scorer counts). Both are exact, as holds are, so a schedule never pays a phantom return.
    """
    model = v.model
    for name, starts in v.run_start.items():
        at, here = v.at[name], v.here[name]
        for d in sorted(here):
            # On a day with work, here[d] == at[d]; on an empty day, here[d] == here[d-1].
            before = here.get(d - 1, 0)
            model.add(here[d] <= at.get(d, 0) + 1 - v.busy[d])
            model.add(here[d] >= at.get(d, 0))
            model.add(here[d] <= before + v.busy[d])
            model.add(here[d] >= before - v.busy[d])
        for d, start in starts.items():
            # A run starts on d exactly when the unit is at the location and was not before.
            before = here.get(d - 1, 0)
            model.add(start >= at[d] - before)
            model.add(start <= at[d])
            model.add(start <= 1 - before)


Family = Callable[[Variables, Literal], None]

# Every family under the rule it enforces, in the order they are added. Cast work is the basis of
# holds (who works when), so it sits under HOLDS beside them; the caps share one family because
# one day's pages and minutes are one question for the explainer.
# Each rule and the constraint families that enforce it, in the order they are added (the order
# CP-SAT sees them, which steers its search: kept as it was when the tables in benchmarks/ were
# measured). Cast work and holds are both the structure of who works when: one rule, HOLDS.
_ORDER: tuple[tuple[Rule, Family], ...] = (
    (Rule.SCHEDULED_ONCE, scheduled_once),
    (Rule.DAY_NUMBERS, used_days),
    (Rule.EMPTY_DAY, busy_ends),
    (Rule.MAX_SHOOT_DAYS, max_shoot_days),
    (Rule.COMPANY_MOVES, locations),
    (Rule.HOLDS, cast_work),
    (Rule.PAGE_CAP, capacity),
    (Rule.HOLDS, holds),
    (Rule.DROP_PICKUP, drop_pickup),
    (Rule.TURNAROUND, day_types),
    (Rule.TURNAROUND, turnaround),
    (Rule.LIGHT, light),
    (Rule.MINORS, minors),
    (Rule.PRECEDENCE, precedences),
    (Rule.SAME_DAY, same_day),
    (Rule.LOCATION_RETURNS, location_returns),
)
RULE_FAMILIES: dict[Rule, tuple[Family, ...]] = {
    rule: tuple(family for named, family in _ORDER if named is rule)
    for rule in dict.fromkeys(r for r, _ in _ORDER)
}


# Families that define the schedule's structure, never a user's rule: the explainer keeps them on.
STRUCTURAL = frozenset(
    {
        Rule.SCHEDULED_ONCE,
        Rule.DAY_NUMBERS,
        Rule.EMPTY_DAY,
        Rule.COMPANY_MOVES,
        Rule.LOCATION_RETURNS,
        Rule.HOLDS,
        Rule.DROP_PICKUP,
    }
)


def add_all(v: Variables, literals: dict[Rule, cp_model.IntVar] | None = None) -> None:
    """Add every rule family, each optionally guarded by its own enforcement literal."""
    for rule, family in _ORDER:
        family(v, (literals or {}).get(rule))

"""Each day's latest wrap on the clock, so turnaround and minors' hours hold as the timeline lays
the days out (:mod:`shootplan.timeline`), not only as the day's type suggests.

``wrap[d]`` is an upper bound, in minutes after midnight of day ``d``'s date, on when day ``d``
wraps (on a day without work: the last worked day's wrap, carried over). The timeline calls a day
at the latest of its light's lower bounds and the rest after the last wrap (a day shoot at
``rules.call_time`` or sunrise, a split day by sunset), and wraps after its whole work ``T``
(scenes, meal, moves). So a busy day wraps by the latest of:

- ``max(call_time, sunrise) + T`` (any day), ``sunset + T`` (a day with work in the dark);
- ``dawn + m`` for the dawn scene that ends a night (its stretch is shot last, from dawn on);
- ``wrap[d-1] + rest + T`` (the call waited for the rest).

With that bound, a day's call may wait for the rest only where its light still leaves room: the
night exteriors end by the next sunrise, a dusk scene starts by dusk, day exteriors keep the day
shoot's call. A minor's day wraps within their work window (and so a minor never shoots a dawn).
The bounds are conservative (the meal always counted, a dusk scene as late as the day allows):
the solver may give up a tight schedule, never return one the scorer finds breaking a rule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ortools.sat.python import cp_model

from shootplan.model import Light, Turnaround
from shootplan.profiles import MEAL_MINUTES, MINOR_DAY_END, MINOR_DAY_START, MINOR_LATE_END
from shootplan.solver.instance import Instance
from shootplan.solver.variables import Variables
from shootplan.sun import SunTimes, sun_at

__all__ = ["minor_windows", "wrap_times"]

Literal = cp_model.IntVar | None
_DAY = 24 * 60


def _minutes(moment: datetime, day: date) -> int:
    """Minutes from midnight of ``day`` (wall clock) to ``moment``."""
    midnight = datetime.combine(day, datetime.min.time(), tzinfo=moment.tzinfo)
    return int((moment.replace(tzinfo=None) - midnight.replace(tzinfo=None)).total_seconds() // 60)


def _suns(instance: Instance, d: int) -> list[SunTimes]:
    lit = sorted({s.location for s in instance.scenes if s.needs_dark or s.needs_daylight})
    names: list[str | None] = [*lit] if lit else [None]
    return [sun_at(instance.production, name, instance.dates[d]) for name in names]


def _work(v: Variables, d: int) -> cp_model.LinearExpr:
    """The day's work as the timeline counts it, the meal always in (an upper bound)."""
    instance = v.instance
    moves = sum(at[d] for at in v.at.values() if d in at) - v.busy[d]
    scenes = sum(instance.day_minutes(s) * lit for s, lit in v.scenes_on(d))
    rules = instance.production.rules
    return scenes + MEAL_MINUTES * v.busy[d] + rules.company_move_minutes * moves


def _enforce(constraint: cp_model.Constraint, *literals: cp_model.IntVar | None) -> None:
    present = [lit for lit in literals if lit is not None]
    if present:
        constraint.only_enforce_if(present)


def wrap_times(v: Variables, literal: Literal = None) -> None:
    """Bound each day's wrap (``v.wrap``) and keep each call's wait for the rest inside its light."""
    instance, model = v.instance, v.model
    rules = instance.production.rules
    rest = rules.turnaround.rest_hours * 60 if rules.turnaround is not Turnaround.NONE else 0
    call = rules.call_time.hour * 60 + rules.call_time.minute
    for d, wrap in v.wrap.items():
        suns = _suns(instance, d)
        day = instance.dates[d]
        work = _work(v, d)
        sunrise = max(_minutes(s.sunrise, day) for s in suns)
        model.add(wrap >= max(call, sunrise) + work).only_enforce_if(v.busy[d])
        if d in v.night:
            sunset = max(_minutes(s.sunset, day) for s in suns)
            model.add(wrap >= sunset + work).only_enforce_if(v.night[d])
        dawn = max(_minutes(s.next_dawn, day) for s in suns)
        for s, lit in v.scenes_on(d):
            if instance.scenes[s].required_light is Light.DAWN:
                model.add(wrap >= dawn + instance.day_minutes(s)).only_enforce_if(lit)
        if d - 1 not in v.wrap:
            continue
        gap = (day - instance.dates[d - 1]).days * _DAY
        rested = v.wrap[d - 1] + rest - gap  # the earliest call the rest allows
        model.add(wrap >= rested + work).only_enforce_if(v.busy[d])
        model.add(wrap >= v.wrap[d - 1] - gap).only_enforce_if(v.busy[d].Not())
        _rested_in_light(v, d, rested, work, call, suns, literal)


def _rested_in_light(
    v: Variables,
    d: int,
    rested: cp_model.LinearExpr,
    work: cp_model.LinearExpr,
    call: int,
    suns: list[SunTimes],
    literal: Literal,
) -> None:
    """A call that waits for the rest still puts the day's exteriors in their light."""
    instance, model = v.instance, v.model
    day = instance.dates[d]
    next_sunrise = min(_minutes(s.next_sunrise, day) for s in suns)
    dusk = min(_minutes(s.dusk, day) for s in suns)
    dawn: list[cp_model.LinearExpr] = []
    for s, lit in v.scenes_on(d):
        light = instance.scenes[s].required_light
        minutes = instance.day_minutes(s)
        if light is Light.DAY:
            _enforce(model.add(rested <= call), lit, literal)
        elif light is Light.DUSK:
            _dusk_rested(v, d, s, lit, rested, work, dusk, literal)
        elif light is Light.DAWN:
            dawn.append(minutes * lit)
    if d in v.night:
        # Night exteriors end, and the dawn scene starts, by the next sunrise.
        _enforce(model.add(rested + work - sum(dawn) <= next_sunrise), v.night[d], literal)


def _dusk_rested(
    v: Variables,
    d: int,
    s: int,
    lit: cp_model.IntVar,
    rested: cp_model.LinearExpr,
    work: cp_model.LinearExpr,
    dusk: int,
    literal: Literal,
) -> None:
    """A dusk scene after a rested call still starts by dusk, as :mod:`shootplan.day_order` puts it.

    The day's other exteriors are at its location (``twilight_clash``), so on a night shoot its
    stretch is shot first and only that location's minors' interiors (and maybe the meal) come
    before it; on a split day (or with a scene it must follow) it may come after all the rest.
    """
    instance, model = v.instance, v.model
    scene = instance.scenes[s]
    minutes = instance.day_minutes(s)
    if any(second == scene.number for _, second in instance.production.rules.precedences):
        _enforce(model.add(rested + work - minutes <= dusk), lit, literal)
        return
    minors_first = [
        instance.day_minutes(t) * other
        for t, other in v.scenes_on(d)
        if t != s
        and instance.scenes[t].location == scene.location
        and instance.scenes[t].required_light is Light.ANY
        and any(instance.production.cast_member(c).is_minor for c in instance.scenes[t].cast)
    ]
    before = sum(minors_first) + MEAL_MINUTES if minors_first else 0
    _enforce(model.add(rested + before <= dusk), lit, literal)
    if d in v.daylight:
        _enforce(model.add(rested + work - minutes <= dusk), lit, v.daylight[d], literal)


def minor_windows(v: Variables, literal: Literal = None) -> None:
    """A minor's scenes on a day wrap within their work window (05:00-22:00, 00:30 before a day
    off school); a minor's dawn that ends a night is their own morning's, from 05:00."""
    instance, model = v.instance, v.model
    for member in instance.production.cast:
        if not member.is_minor:
            continue
        members = instance.cast_scenes.get(member.id, [])
        for d, wrap in v.wrap.items():
            day = instance.dates[d]
            latest = MINOR_DAY_END if member.school_day(day + timedelta(days=1)) else MINOR_LATE_END
            end = latest.hour * 60 + latest.minute + (_DAY if latest < MINOR_DAY_START else 0)
            opens = _DAY + MINOR_DAY_START.hour * 60 + MINOR_DAY_START.minute
            dawn = min(_minutes(s.next_dawn, day) for s in _suns(instance, d))
            for s in members:
                for lit in v.on(s, d):
                    if instance.scenes[s].required_light is not Light.DAWN:
                        _enforce(model.add(wrap <= end), lit, literal)
                    elif dawn < opens:
                        _enforce(model.add(lit == 0), literal)

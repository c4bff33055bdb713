"""Infeasibility as findings: which rules, for which people, places and scenes, cannot all hold.

Two steps. First a direct check per scene (no solver): a scene with no possible date is explained
by the smallest set of its own rules that leaves no date, e.g. "scene 42 needs cast 3 (NORA) and
location CLINIC, but NORA is unavailable on every date CLINIC is open". Then, for conflicts between
scenes (too many pages for the days, turnaround, precedences), CP-SAT with one assumption literal
per switchable rule (a rule family, or one entity's dates) finds a conflicting set, which is
shrunk by deletion (one worker, short runs).

Each result is a :class:`~shootplan.findings.Finding`: its rule, the scenes, cast, locations and
dates it concerns, and its sentence in ``message`` (made here, never parsed elsewhere). A conflict
reads as a header finding (``Rule.SEARCH``) followed by one ``- ...`` finding per rule.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date

from ortools.sat.python import cp_model

from shootplan.findings import Finding, Rule
from shootplan.model import DateRange, Production, Scene
from shootplan.pages import format_pages
from shootplan.solver.constraints import RULE_FAMILIES, STRUCTURAL, add_all
from shootplan.solver.instance import Instance, date_reasons, default_horizon
from shootplan.solver.variables import Variables

__all__ = ["Words", "explain_infeasible", "explain_unplaceable"]

logger = logging.getLogger("shootplan.solver")

# A date reason of instance.date_reasons: ("cast", id), ("location", name) or ("scene dates", number).
Reason = tuple[str, str]

#: A caller's words for a rule that stands for something else (a re-plan's stand-in performers
#: for "days already shot" and the weather, its pin of a scene it started): the rule -> (what a
#: scene needs, why it cannot have it), e.g.
#: ``{("cast", "~shot"): ("a day not yet shot", "the days up to 2027-03-08 are shot")}``.
Words = Mapping[Reason, tuple[str, str]]
# The order an AD reads a scene's own rules in: who, where, when.
_KIND_ORDER = ["cast", "location", "scene dates"]


def explain_unplaceable(production: Production, *, words: Words | None = None) -> list[Finding]:
    """A finding for every scene that has no possible date at all (empty when all have one).

    ``words`` names rules a caller added to stand for something else (see :data:`Words`).
    """
    horizon = default_horizon(production, None)
    dates = production.calendar.shoot_dates(horizon)
    reasons: list[Finding] = []
    for scene in production.scenes:
        k = production.days_needed(scene)
        starts = range(len(dates) - k + 1)
        if any(
            not any(date_reasons(production, scene, dates[d + i], dates[d]) for i in range(k)) for d in starts
        ):
            continue
        reasons.append(_why_no_date(production, scene, dates, k, words or {}))
    return reasons


def _why_no_date(production: Production, scene: Scene, dates: list[date], k: int, words: Words) -> Finding:
    if scene.pinned and scene.pinned not in dates:
        return Finding(
            Rule.PIN,
            f"scene {scene.number} is pinned to {scene.pinned}, after the last of the"
            f" {len(dates)} shoot days available ({dates[-1]})",
            scenes=(scene.number,),
            dates=(scene.pinned, dates[-1]),
            numbers={"shoot_days": len(dates)},
        )
    if len(dates) < k:
        return Finding(
            Rule.MAX_SHOOT_DAYS,
            f"scene {scene.number} needs {k} shoot days but only {len(dates)} are available",
            scenes=(scene.number,),
            numbers={"days_needed": k, "shoot_days": len(dates)},
        )
    core = _own_rules_core(production, scene, dates, k)
    because = [_entity_words(production, reason, words) for reason in core]
    needs = _and([_need_words(production, reason, words) for reason in core])
    if len(core) == 1:
        message = (
            f"scene {scene.number} needs {needs}, but {because[0]} on every one of the"
            f" {len(dates)} shoot days"
        )
    else:
        message = (
            f"scene {scene.number} needs {needs}, but {' and '.join(because)}: together that leaves no date"
        )
    return Finding(
        _reason_rule(production, core[0]),
        message,
        scenes=(scene.number,),
        cast=tuple(key for kind, key in core if kind == "cast"),
        locations=tuple(key for kind, key in core if kind == "location"),
        numbers={"shoot_days": len(dates)},
    )


def _own_rules_core(production: Production, scene: Scene, dates: list[date], k: int) -> list[Reason]:
    """The fewest of the scene's own rules (cast, location, dates) that rule out every start."""
    rules: dict[Reason, set[int]] = {}
    for d in range(len(dates) - k + 1):
        for i in range(k):
            for reason in date_reasons(production, scene, dates[d + i], dates[d]):
                rules.setdefault(reason, set()).add(d)
    everything = set(range(len(dates) - k + 1))
    core = list(rules)
    for reason in list(core):  # drop rules not needed to rule out every date
        rest = [r for r in core if r != reason]
        if rest and set().union(*(rules[r] for r in rest)) == everything:
            core = rest
    core.sort(key=lambda reason: _KIND_ORDER.index(reason[0]))
    return core


def _reason_rule(production: Production, reason: Reason) -> Rule:
    kind, key = reason
    if kind == "cast":
        return Rule.CAST_AVAILABILITY
    if kind == "location":
        return Rule.LOCATION_AVAILABILITY
    return Rule.PIN if production.scene(key).pinned else Rule.SCENE_DATES


def _reason_finding(production: Production, reason: Reason, words: Words, prefix: str = "") -> Finding:
    """One entity's dates (a performer's, a location's, a scene's own) as a finding."""
    kind, key = reason
    message = prefix + _entity_words(production, reason, words)
    rule = _reason_rule(production, reason)
    if kind == "cast":
        return Finding(rule, message, cast=(key,))
    if kind == "location":
        return Finding(rule, message, locations=(key,))
    scene = production.scene(key)
    dates = (scene.pinned,) if scene.pinned else tuple(d for d in (scene.earliest, scene.latest) if d)
    return Finding(rule, message, scenes=(key,), dates=dates)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _need_words(production: Production, reason: Reason, words: Words) -> str:
    kind, key = reason
    if reason in words:
        return words[reason][0]
    if kind == "cast":
        return f"cast {key} ({production.cast_member(key).label.split('. ', 1)[-1]})"
    if kind == "location":
        return f"location {key}"
    return "its own dates"


def _entity_words(production: Production, reason: Reason, words: Words) -> str:
    kind, key = reason
    if reason in words:
        return words[reason][1]
    if kind == "cast":
        member = production.cast_member(key)
        who = member.label.split(". ", 1)[-1]
        return f"{who} is unavailable {_ranges(str(r) for r in member.unavailable)}"
    if kind == "location":
        location = production.location(key)
        parts = []
        if location.windows:
            parts.append(f"{key} is open only {_ranges(str(w) for w in location.windows)}")
        if location.unavailable:
            parts.append(f"{key} is closed {_ranges(_closed(w) for w in location.unavailable)}")
        return " and ".join(parts)
    scene = production.scene(key)
    if scene.pinned:
        return f"scene {key} is pinned to {scene.pinned}"
    return f"scene {key} must be shot between {scene.earliest or 'the start'} and {scene.latest or 'the end'}"


def _closed(span: DateRange) -> str:
    """``2027-03-10..2027-03-12``; a span of years (a location lost for good) as ``from 2027-03-10 on``."""
    return f"from {span.start} on" if (span.end - span.start).days >= _FOR_GOOD_DAYS else str(span)


# A closure this long is "for good" (a lost location): its end is no date anyone gave.
_FOR_GOOD_DAYS = 3000


def _ranges(items: Iterable[str]) -> str:
    return ", ".join(items)


# Rules whose conflicts usually come with a plainer one (too many pages for the days).
_TRIED_FIRST = frozenset({Rule.LIGHT, Rule.MINORS, Rule.TURNAROUND})


def explain_infeasible(
    production: Production, horizon: int, *, time_limit: float = 10.0, words: Words | None = None
) -> list[Finding]:
    """A small set of rules that cannot hold together (CP-SAT assumptions, shrunk), as findings.

    The conflicting rules follow a header finding of rule ``SEARCH``; ``words`` as
    :func:`explain_unplaceable`.
    """
    instance = Instance.build(production, horizon, relax_dates=True)
    model = cp_model.CpModel()
    v = Variables.create(model, instance)
    switches: dict[Rule, cp_model.IntVar] = {
        rule: model.new_bool_var(f"rule[{rule}]") for rule in RULE_FAMILIES if rule not in STRUCTURAL
    }
    add_all(v, switches)
    entity_switches: dict[Reason, cp_model.IntVar] = {}
    for s, starts in enumerate(v.start):
        scene = instance.scenes[s]
        for d, literal in starts.items():
            for i in range(instance.length[s]):
                for reason in date_reasons(production, scene, instance.dates[d + i], instance.dates[d]):
                    switch = entity_switches.get(reason)
                    if switch is None:
                        switch = entity_switches[reason] = model.new_bool_var(f"rule[{reason}]")
                    model.add_implication(switch, literal.Not())
    labelled: dict[Rule | Reason, cp_model.IntVar] = {}
    labelled.update((rule, switch) for rule, switch in switches.items())
    labelled.update((reason, switch) for reason, switch in entity_switches.items())

    def infeasible_with(active: list[Rule | Reason]) -> bool | None:
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.catch_sigint_signal = False
        solver.parameters.max_time_in_seconds = max(1.0, time_limit / 4)
        model.clear_assumptions()
        model.add_assumptions([labelled[name] for name in active])
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            return True
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        return None

    active = list(labelled)
    if not infeasible_with(active):
        return [
            Finding(
                Rule.SEARCH,
                "no schedule was found, but no conflicting set of rules could be isolated in time;"
                " try a longer time limit",
            )
        ]
    # Deletion-based shrinking; the rules on the clock go first, so that where the page or time
    # caps alone conflict, the caps are what the user reads (they say it in pages).
    core = sorted(active, key=lambda name: name not in _TRIED_FIRST)
    for name in list(core):
        trial = [n for n in core if n != name]
        if infeasible_with(trial):
            core = trial
    logger.info("infeasible: conflicting rules %s", core)
    header = Finding(
        Rule.SEARCH, "No schedule meets all of these rules together:", numbers={"rules": len(core)}
    )
    return [header, *(_conflict_finding(production, horizon, instance, name, words or {}) for name in core)]


def _conflict_finding(
    production: Production, horizon: int, instance: Instance, name: Rule | Reason, words: Words
) -> Finding:
    """One rule of a conflicting set, as a ``- ...`` line."""
    rules = production.rules
    if isinstance(name, tuple):
        return _reason_finding(production, name, words, prefix="- ")
    if name is Rule.PAGE_CAP:
        total = format_pages(production.total_eighths)
        minutes = f" and {rules.max_minutes_per_day} minutes" if rules.max_minutes_per_day else ""
        days = f" over the {horizon} shoot days available" if rules.max_shoot_days else ""
        cap = format_pages(rules.max_eighths_per_day)
        numbers: dict[str, float] = {
            "max_eighths_per_day": rules.max_eighths_per_day,
            "total_eighths": production.total_eighths,
        }
        if rules.max_minutes_per_day:
            numbers["max_minutes_per_day"] = rules.max_minutes_per_day
        return Finding(
            name, f"- at most {cap} pages{minutes} a day{days} ({total} pages in all)", numbers=numbers
        )
    if name is Rule.MAX_SHOOT_DAYS:
        first, last = instance.dates[0], instance.dates[-1]
        return Finding(
            name,
            f"- at most {rules.max_shoot_days} shoot days ({first} to {last})",
            dates=(first, last),
            numbers={"max_shoot_days": rules.max_shoot_days or 0},
        )
    if name is Rule.TURNAROUND:
        message = (
            f"- turnaround ({rules.turnaround.value}, {rules.turnaround.rest_hours} h): no day"
            " exteriors the morning after a night shoot, until a day off"
        )
        return Finding(name, message)
    if name is Rule.MINORS:
        who = ", ".join(c.id for c in production.cast if c.is_minor)
        return Finding(name, f"- minors' hours and work window (cast {who})")
    if name is Rule.LIGHT:
        message = (
            "- light: day exteriors between sunrise and sunset, night exteriors between sunset and"
            " sunrise, one dawn and one dusk scene a day"
        )
        return Finding(name, message)
    if name is Rule.PRECEDENCE:
        pairs = ", ".join(f"{a} before {b}" for a, b in rules.precedences)
        scenes = tuple(dict.fromkeys(n for pair in rules.precedences for n in pair))
        return Finding(name, f"- scene order: {pairs}", scenes=scenes)
    if name is Rule.SAME_DAY:
        groups = "; ".join(", ".join(g) for g in rules.same_day)
        scenes = tuple(n for group in rules.same_day for n in group)
        return Finding(name, f"- scenes shot on the same day: {groups}", scenes=scenes)
    return Finding(name, f"- {name.label}")

"""Infeasibility in words: which rules, for which people, places and scenes, cannot all hold.

Two steps. First a direct check per scene (no solver): a scene with no possible date is explained
by the smallest set of its own rules that leaves no date, e.g. "scene 42 needs cast 3 (NORA) and
location CLINIC, but NORA is unavailable on every date CLINIC is open". Then, for conflicts between
scenes (too many pages for the days, turnaround, precedences), CP-SAT with one assumption literal
per switchable rule (a rule family, or one entity's dates) finds a conflicting set, which is
shrunk by deletion (one worker, short runs) and put into words.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from ortools.sat.python import cp_model

from shootplan.model import Production, Scene
from shootplan.pages import format_pages
from shootplan.solver.constraints import RULE_FAMILIES, add_all
from shootplan.solver.instance import Instance, date_reasons, default_horizon
from shootplan.solver.variables import Variables

__all__ = ["explain_infeasible", "explain_unplaceable"]

logger = logging.getLogger("shootplan.solver")

# Families that define the schedule's structure, never a user's rule: always on.
_STRUCTURAL = (
    "every scene scheduled once",
    "shoot days in a row",
    "locations",
    "cast work",
    "holds",
    "drop/pickup",
)


def explain_unplaceable(production: Production) -> list[str]:
    """Sentences for every scene that has no possible date at all (empty when all have one)."""
    horizon = default_horizon(production, None)
    dates = production.calendar.shoot_dates(horizon)
    reasons: list[str] = []
    for scene in production.scenes:
        k = production.days_needed(scene)
        starts = range(len(dates) - k + 1)
        if any(
            not any(date_reasons(production, scene, dates[d + i], dates[d]) for i in range(k)) for d in starts
        ):
            continue
        reasons.append(_why_no_date(production, scene, dates, k))
    return reasons


def _why_no_date(production: Production, scene: Scene, dates: list[date], k: int) -> str:
    if scene.pinned and scene.pinned not in dates:
        return (
            f"scene {scene.number} is pinned to {scene.pinned}, after the last of the"
            f" {len(dates)} shoot days available ({dates[-1]})"
        )
    if len(dates) < k:
        return f"scene {scene.number} needs {k} shoot days but only {len(dates)} are available"
    # Each rule alone: on which starts does it forbid the scene?
    rules: dict[tuple[str, str], set[int]] = {}
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
    core.sort(key=lambda reason: ["cast", "location", "scene dates"].index(reason[0]))
    words = [_entity_words(production, reason) for reason in core]
    needs = _and([_need_words(production, reason) for reason in core])
    if len(core) == 1:
        return (
            f"scene {scene.number} needs {needs}, but {words[0]} on every one of the {len(dates)} shoot days"
        )
    return f"scene {scene.number} needs {needs}, but {' and '.join(words)}: together that leaves no date"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _need_words(production: Production, reason: tuple[str, str]) -> str:
    kind, key = reason
    if kind == "cast":
        return f"cast {key} ({production.cast_member(key).label.split('. ', 1)[-1]})"
    if kind == "location":
        return f"location {key}"
    return "its own dates"


def _entity_words(production: Production, reason: tuple[str, str]) -> str:
    kind, key = reason
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
            parts.append(f"{key} is closed {_ranges(str(w) for w in location.unavailable)}")
        return " and ".join(parts)
    scene = production.scene(key)
    if scene.pinned:
        return f"scene {key} is pinned to {scene.pinned}"
    return f"scene {key} must be shot between {scene.earliest or 'the start'} and {scene.latest or 'the end'}"


def _ranges(items: Iterable[str]) -> str:
    return ", ".join(items)


def explain_infeasible(production: Production, horizon: int, *, time_limit: float = 10.0) -> list[str]:
    """A small set of rules that cannot hold together, in words (CP-SAT assumptions, shrunk)."""
    instance = Instance.build(production, horizon, relax_dates=True)
    model = cp_model.CpModel()
    v = Variables.create(model, instance)
    switches: dict[str, cp_model.IntVar] = {}
    for name in RULE_FAMILIES:
        if name not in _STRUCTURAL:
            switches[name] = model.new_bool_var(f"rule[{name}]")
    add_all(v, switches)
    entity_switches: dict[tuple[str, str], cp_model.IntVar] = {}
    for s, starts in enumerate(v.start):
        scene = instance.scenes[s]
        for d, literal in starts.items():
            for i in range(instance.length[s]):
                for reason in date_reasons(production, scene, instance.dates[d + i], instance.dates[d]):
                    switch = entity_switches.get(reason)
                    if switch is None:
                        switch = entity_switches[reason] = model.new_bool_var(f"rule[{reason}]")
                    model.add_implication(switch, literal.Not())
    labelled: dict[str, cp_model.IntVar] = dict(switches)
    for reason, switch in entity_switches.items():
        labelled[f"{reason[0]}:{reason[1]}"] = switch

    def infeasible_with(active: list[str]) -> bool | None:
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
            "no schedule was found, but no conflicting set of rules could be isolated in time;"
            " try a longer time limit"
        ]
    core = list(active)
    for name in list(core):  # deletion-based shrinking
        trial = [n for n in core if n != name]
        if infeasible_with(trial):
            core = trial
    logger.info("infeasible: conflicting rules %s", core)
    lines = ["No schedule meets all of these rules together:"]
    lines += [f"- {_rule_words(production, horizon, instance, name)}" for name in core]
    return lines


def _rule_words(production: Production, horizon: int, instance: Instance, name: str) -> str:
    rules = production.rules
    if ":" in name:
        kind, key = name.split(":", 1)
        return _entity_words(production, (kind, key))
    if name == "page and time caps":
        total = format_pages(production.total_eighths)
        minutes = f" and {rules.max_minutes_per_day} minutes" if rules.max_minutes_per_day else ""
        days = f" over the {horizon} shoot days available" if rules.max_shoot_days else ""
        cap = format_pages(rules.max_eighths_per_day)
        return f"at most {cap} pages{minutes} a day{days} ({total} pages in all)"
    if name == "maximum shoot days":
        return f"at most {rules.max_shoot_days} shoot days ({instance.dates[0]} to {instance.dates[-1]})"
    if name == "turnaround":
        return f"turnaround ({rules.turnaround.value}): no day call the morning after a night shoot"
    if name == "precedences":
        pairs = ", ".join(f"{a} before {b}" for a, b in rules.precedences)
        return f"scene order: {pairs}"
    if name == "same-day groups":
        groups = "; ".join(", ".join(g) for g in rules.same_day)
        return f"scenes shot on the same day: {groups}"
    return name

"""Shoot days every schedule pays for: what the caps, the light and the dates force.

- multi-day scenes fill their days alone; the other scenes need at least as many days as their
  pages at the page cap, their minutes at the day's work cap (:attr:`Rules.work_cap`), their
  day exteriors' minutes in the longest daylight of the candidate days (the meal kept aside) and
  their exteriors in the dark in the longest darkness; two scenes that each fill more than half
  a day by pages or minutes never share one;
- dates: the first day with work comes no later than the latest start of any scene, the last no
  earlier than the earliest end of any scene, and every candidate day between is a shoot day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from shootplan.findings import Finding, Rule
from shootplan.money import format_money
from shootplan.pages import format_pages
from shootplan.profiles import MEAL_MINUTES
from shootplan.solver.instance import Instance

__all__ = ["ForcedDays", "days_reason", "forced_days"]


@dataclass(frozen=True)
class ForcedDays:
    """The shoot days no schedule avoids and what forces that many (a cause in words)."""

    days: int
    cause: str


def _packing(instance: Instance) -> ForcedDays:
    """Days the caps and the light force (multi-day scenes plus the rest packed)."""
    rules = instance.production.rules
    scenes = range(len(instance.scenes))
    multi = sum(instance.length[s] for s in scenes if instance.length[s] > 1)
    singles = [s for s in scenes if instance.length[s] == 1]
    page_cap, minute_cap = rules.max_eighths_per_day, rules.work_cap
    eighths = sum(instance.scenes[s].eighths for s in singles)
    options = [
        (math.ceil(eighths / page_cap), f"{format_pages(eighths)} pages at {format_pages(page_cap)} a day"),
        (
            math.ceil(sum(instance.minutes[s] for s in singles) / minute_cap),
            f"at most {minute_cap} minutes of work a day",
        ),
    ]
    big = [
        s
        for s in singles
        if 2 * instance.scenes[s].eighths > page_cap or 2 * instance.minutes[s] > minute_cap
    ]
    options.append((len(big), f"{len(big)} scenes that each fill more than half a day"))
    if instance.daylight:
        for dark, hours, word in (
            (False, instance.daylight, "daylight"),
            (True, instance.darkness, "darkness"),
        ):
            # The light rule: a day's day exteriors fit its daylight, its exteriors in the dark its darkness.
            lit = [
                s
                for s in singles
                if (instance.scenes[s].needs_dark if dark else instance.scenes[s].needs_daylight)
            ]
            minutes = sum(instance.minutes[s] for s in lit)
            longest = max(hours) - MEAL_MINUTES
            if minutes and longest > 0:
                options.append(
                    (
                        math.ceil(minutes / longest),
                        f"{minutes} minutes of exteriors in {word} of at most {longest} minutes a day",
                    )
                )
    days, cause = max(options, key=lambda option: option[0])
    if multi:
        cause = f"{multi} days of multi-day scenes, and {cause}"
    return ForcedDays(multi + days, cause)


def _span(instance: Instance) -> ForcedDays:
    """Days the dates force: from the latest first day to the earliest last day."""
    placed = [s for s in range(len(instance.scenes)) if instance.starts[s]]
    if not placed:
        return ForcedDays(0, "")
    early = min(placed, key=lambda s: max(instance.starts[s]))
    late = max(placed, key=lambda s: min(instance.starts[s]) + instance.length[s] - 1)
    first = max(instance.starts[early])
    last = min(instance.starts[late]) + instance.length[late] - 1
    cause = (
        f"scene {instance.scenes[early].number} is shot by {instance.dates[first]} and scene"
        f" {instance.scenes[late].number} not before {instance.dates[last]}"
    )
    return ForcedDays(max(0, last - first + 1), cause)


def forced_days(instance: Instance) -> ForcedDays:
    """The larger of what the caps and the light force and what the dates force."""
    return max(_packing(instance), _span(instance), key=lambda forced: forced.days)


def days_reason(instance: Instance, forced: ForcedDays) -> Finding:
    """The forced shoot days in words."""
    each = format_money(instance.production.rules.shoot_day_cost)
    message = f"at least {forced.days} shoot days at {each} each ({forced.cause})"
    return Finding(Rule.SHOOT_DAYS, message, numbers={"shoot_days": forced.days})

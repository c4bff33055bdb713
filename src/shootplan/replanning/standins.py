"""The stand-in performers a re-plan adds so that the solver, the scorer and the explainer enforce
its own rules: one per weather change (away on the rained-out dates, on every exterior it
covers) and one for the days already shot (away on all of them, on every scene not yet shot:
one rule the explainer can name, where an earliest date per scene would be one rule per scene).
They never appear in the production or schedule a re-plan returns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from shootplan.evaluation import Evaluation, Violation, evaluate
from shootplan.findings import Rule
from shootplan.model import (
    CastMember,
    DateRange,
    Production,
)
from shootplan.replanning.changes import WEATHER_PREFIX, WeatherRule
from shootplan.schedule import Schedule

__all__ = ["SHOT_CHARACTER", "SHOT_ID", "freeze", "score", "with_weather"]


# The stand-in performer of the days already shot: away on every one of them, on every scene not
# yet shot (one rule the infeasibility explainer can name, where earliest dates would be one per
# scene).
SHOT_ID = "~shot"
SHOT_CHARACTER = "SHOT-DAYS"


def with_weather(production: Production, weather: Sequence[WeatherRule], shot: set[str]) -> Production:
    """The production plus one stand-in performer per weather rule on the exteriors it rains out."""
    if not weather:
        return production
    data = production.model_dump()
    for rule in weather:
        data["cast"].append(
            CastMember(
                id=rule.cast_id,
                name=rule.note,
                character=rule.cast_id.upper(),
                holds=False,
                unavailable=rule.dates,
            ).model_dump()
        )
    for scene, raw in zip(production.scenes, data["scenes"], strict=True):
        if scene.number in shot:
            continue
        raw["cast"] += [rule.cast_id for rule in weather if rule.covers(scene)]
    return Production.model_validate(data)


def freeze(
    production: Production, shot: set[str], first_date: Mapping[str, date], open_from: date
) -> Production:
    """Scenes already shot pinned where they are; nothing else on a day before ``open_from``."""
    data = production.model_dump()
    start = production.calendar.start
    if open_from > start:
        data["cast"].append(
            CastMember(
                id=SHOT_ID,
                character=SHOT_CHARACTER,
                holds=False,
                unavailable=[DateRange(start=start, end=open_from - timedelta(days=1))],
            ).model_dump()
        )
    for scene in data["scenes"]:
        if scene["number"] in shot:
            scene |= {"pinned": first_date[scene["number"]], "earliest": None, "latest": None}
        elif open_from > start:
            scene["cast"].append(SHOT_ID)
    return Production.model_validate(data)


def score(
    production: Production, checking: Production, schedule: Schedule, weather: Sequence[WeatherRule]
) -> Evaluation:
    """evaluate() against the changed production, plus any rained-out exterior as a violation."""
    evaluation = evaluate(production, schedule)
    if not weather:
        return evaluation
    dates = {day.number: day.date for day in schedule.days}
    rained = [
        Violation(
            Rule.WEATHER,
            f"scene {v.scene} on day {v.day} ({dates.get(v.day or 0)}) is an exterior, and the"
            " weather rules out exterior work that date",
            day=v.day,
            scene=v.scene,
        )
        for v in evaluate(checking, schedule).violations
        if v.cast is not None and v.cast.startswith(WEATHER_PREFIX)
    ]
    return dataclasses.replace(evaluation, violations=[*evaluation.violations, *rained])

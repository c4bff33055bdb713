"""What the CP-SAT layer needs to know about a production, precomputed once.

The solver never reads the production's raw fields again after this: candidate days, which days a
scene may start on (availability, windows, dates), scaled integer costs and the night/day split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from shootplan.model import Light, Production, Scene
from shootplan.sun import sun_at

__all__ = ["COST_SCALE", "Instance"]

# Costs go to CP-SAT in hundredths of the production's currency: integer and exact for cents.
COST_SCALE = 100


@dataclass
class Instance:
    """A production prepared for the solver over a horizon of candidate shoot days."""

    production: Production
    dates: list[date]
    scenes: list[Scene]
    length: list[int]  # shoot days each scene occupies (index-aligned with scenes)
    starts: list[list[int]]  # candidate start days of each scene
    minutes: list[int]
    cast_scenes: dict[str, list[int]] = field(default_factory=dict)
    location_scenes: dict[str, list[int]] = field(default_factory=dict)
    # Minutes of daylight and of darkness each candidate date offers (the least over the locations
    # whose scenes need the light), for the light rule.
    daylight: list[int] = field(default_factory=list)
    darkness: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, production: Production, horizon: int, *, relax_dates: bool = False) -> Instance:
        """Prepare ``production`` for ``horizon`` candidate shoot days.

        With ``relax_dates`` every scene may start on any day (the explainer then adds the date
        rules back one switchable entity at a time).
        """
        dates = production.calendar.shoot_dates(horizon)
        scenes = list(production.scenes)
        length = [production.days_needed(s) for s in scenes]
        free = _FreeDays(production, dates)
        starts = [
            [
                d
                for d in range(len(dates) - k + 1)
                if relax_dates or all(free.allows(s, d + i, d) for i in range(k))
            ]
            for s, k in zip(scenes, length, strict=True)
        ]
        minutes = [production.rules.scene_minutes(s) for s in scenes]
        cast_scenes: dict[str, list[int]] = {c.id: [] for c in production.cast}
        location_scenes: dict[str, list[int]] = {loc.name: [] for loc in production.locations}
        for index, scene in enumerate(scenes):
            for cast_id in scene.cast:
                cast_scenes[cast_id].append(index)
            location_scenes[scene.location].append(index)
        daylight, darkness = _light_minutes(production, dates)
        return cls(
            production,
            dates,
            scenes,
            length,
            starts,
            minutes,
            cast_scenes,
            location_scenes,
            daylight,
            darkness,
        )

    def day_minutes(self, scene: int) -> int:
        """The minutes of a scene shot on each of its days (a multi-day scene shared, rounded up)."""
        return -(-self.minutes[scene] // self.length[scene])

    @property
    def horizon(self) -> int:
        """Number of candidate shoot days."""
        return len(self.dates)

    @property
    def first_day(self) -> int:
        """The first candidate day any scene may be shot on: the schedule's Day 1 is not earlier."""
        return min((min(starts) for starts in self.starts if starts), default=0)

    def days_of(self, scene: int) -> set[int]:
        """Every day the scene may occupy (from any of its starts)."""
        k = self.length[scene]
        return {d + i for d in self.starts[scene] for i in range(k)}

    def hold_rate(self, cast_id: str) -> int:
        """Scaled cost of one hold day of this performer (0 when they are never held)."""
        return round(self.production.hold_day_cost(cast_id) * COST_SCALE)

    @property
    def move_cost(self) -> int:
        """Scaled cost of one company move."""
        return round(self.production.rules.company_move_cost * COST_SCALE)

    def return_cost(self, location: str) -> int:
        """Scaled cost of one return to ``location`` (0 at a standing set)."""
        return round(self.production.return_cost(location) * COST_SCALE)

    @property
    def day_cost(self) -> int:
        """Scaled cost of one shoot day."""
        return round(self.production.rules.shoot_day_cost * COST_SCALE)

    def consecutive(self, day: int) -> bool:
        """True when candidate day ``day + 1`` is the very next calendar date (no rest between)."""
        return (self.dates[day + 1] - self.dates[day]).days == 1


def _light_minutes(production: Production, dates: list[date]) -> tuple[list[int], list[int]]:
    """Daylight and darkness minutes of each date at the locations whose scenes need the light."""
    lit = sorted({s.location for s in production.scenes if s.required_light is not Light.ANY})
    if not lit:
        return [], []
    daylight, darkness = [], []
    for day in dates:
        suns = [sun_at(production, name, day) for name in lit]
        daylight.append(min(sun.daylight_minutes for sun in suns))
        darkness.append(min(sun.darkness_minutes for sun in suns))
    return daylight, darkness


class _FreeDays:
    """Which candidate days each performer and location is available, looked up once.

    ``date_reasons`` asks the production per scene and day; on 1,000 scenes over 290 days that
    was 25 s of the time limit before any search. Here each entity is asked once per date.
    """

    def __init__(self, production: Production, dates: list[date]) -> None:
        self.dates = dates
        self.cast = {c.id: [c.is_available(when) for when in dates] for c in production.cast}
        places = production.locations
        self.locations = {loc.name: [loc.is_available(when) for when in dates] for loc in places}

    def allows(self, scene: Scene, day: int, start: int) -> bool:
        """May ``scene`` (starting on ``start``) occupy candidate day ``day``? (as ``date_reasons``)"""
        when = self.dates[day]
        if (
            (scene.earliest and when < scene.earliest)
            or (scene.latest and when > scene.latest)
            or (scene.pinned and self.dates[start] != scene.pinned)
        ):
            return False
        cast = self.cast
        return self.locations[scene.location][day] and all(cast[c][day] for c in scene.cast)


def date_reasons(production: Production, scene: Scene, when: date, start: date) -> list[tuple[str, str]]:
    """Why ``scene`` (starting on ``start``) may not be shot on ``when``: (kind, entity) pairs."""
    reasons: list[tuple[str, str]] = []
    if (
        (scene.earliest and when < scene.earliest)
        or (scene.latest and when > scene.latest)
        or (scene.pinned and start != scene.pinned)
    ):
        reasons.append(("scene dates", scene.number))
    if not production.location(scene.location).is_available(when):
        reasons.append(("location", scene.location))
    reasons += [("cast", c) for c in scene.cast if not production.cast_member(c).is_available(when)]
    return reasons


def default_horizon(production: Production, heuristic_days: int | None) -> int:
    """Candidate days: the production's limit, else room beyond the heuristic's and the minimum.

    Without a limit the horizon also reaches the first possible date of every scene (an actor
    away for two weeks pushes their scenes later), looking at most two years of shoot dates ahead.
    """
    if production.rules.max_shoot_days is not None:
        return production.rules.max_shoot_days
    minimum = production.min_shoot_days()
    horizon = max(heuristic_days or 0, math.ceil(minimum * 1.25) + 2)
    dates = production.calendar.shoot_dates(_LOOKAHEAD)
    for scene in production.scenes:
        k = production.days_needed(scene)
        for d in range(len(dates) - k + 1):
            if all(not date_reasons(production, scene, dates[d + i], dates[d]) for i in range(k)):
                horizon = max(horizon, d + k + 1)
                break
    return horizon


# Two years of five-day weeks: how far ahead a scene's first possible date is looked for.
_LOOKAHEAD = 520

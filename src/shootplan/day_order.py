"""A shoot day's type and the order its scenes are shot in, from the light they need.

- The day's **type**: a night shoot when its exteriors all need the dark (NIGHT, DUSK, DAWN), a
  split day when it has both day and night exteriors, else a day shoot (interiors only included).
- The **order**: each location's scenes together (one stretch per location, so company moves are
  the day's locations minus one), the stretches and the scenes within each in the order of the
  light: a morning dawn, day exteriors, then interiors (on a night shoot interiors come first,
  before dark), dusk, night, and the dawn that ends a night. Precedences between the day's scenes
  are kept (A before B) even where the light would prefer otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from shootplan.model import Light, Production, Scene
from shootplan.schedule import DayKind

__all__ = ["day_kind", "light_phase", "shooting_order"]


def day_kind(scenes: Sequence[Scene]) -> DayKind | None:
    """The type of a day shooting ``scenes`` (None for a day without scenes).

    A dawn exterior alone with day exteriors is the morning's dawn (an early day shoot); with
    night or dusk exteriors it is the dawn that ends the night.
    """
    if not scenes:
        return None
    lights = {s.required_light for s in scenes}
    dark = (
        bool(lights & {Light.NIGHT, Light.DUSK})
        or lights == {Light.DAWN}
        or lights == {Light.DAWN, Light.ANY}
    )
    daylight = Light.DAY in lights
    if dark and daylight:
        return DayKind.SPLIT
    return DayKind.NIGHT if dark else DayKind.DAY


# Where each light goes in a day of each type: lower phases are shot earlier. Interiors go after
# the day exteriors on a day shoot, after the night exteriors on a night shoot (the unit calls at
# dark and the interiors need none of it), and first on a split day (the day exteriors then end at
# sunset and the night ones follow).
_PHASES = {
    DayKind.DAY: {Light.DAWN: 0, Light.DAY: 1, Light.ANY: 2, Light.DUSK: 3, Light.NIGHT: 4},
    DayKind.NIGHT: {Light.DUSK: 2, Light.NIGHT: 4, Light.ANY: 5, Light.DAWN: 6, Light.DAY: 1},
    DayKind.SPLIT: {Light.ANY: 0, Light.DAY: 1, Light.DUSK: 2, Light.NIGHT: 4, Light.DAWN: 6},
}


def light_phase(scene: Scene, kind: DayKind | None) -> int:
    """Where in the day's light the scene goes: lower phases are shot earlier."""
    return _PHASES[kind or DayKind.DAY][scene.required_light]


def shooting_order(production: Production, numbers: Sequence[str]) -> list[str]:
    """The day's scenes in the order the light asks for (see the module's doc), precedences kept."""
    scenes = [production.scene(n) for n in dict.fromkeys(numbers)]
    kind = day_kind(scenes)
    stretches: dict[str, list[Scene]] = {}
    for scene in scenes:
        stretches.setdefault(scene.location, []).append(scene)

    def stretch_key(name: str) -> tuple[int, int]:
        # A stretch goes where its exteriors' light is (its interiors follow it); one with day
        # and night exteriors goes after the stretches of day exteriors only.
        lit = [light_phase(s, kind) for s in stretches[name] if s.required_light is not Light.ANY]
        phases = lit or [light_phase(stretches[name][0], kind)]
        return min(phases), max(phases)

    def scene_key(scene: Scene) -> tuple[int, bool]:
        # A minor's scenes go first within their light: the minor's day ends at 22:00.
        minor = any(production.cast_member(c).is_minor for c in scene.cast)
        if minor and kind is DayKind.NIGHT and scene.required_light is Light.ANY:
            return 1, False  # before dark, not after the night's exteriors
        return light_phase(scene, kind), not minor

    preferred = [
        scene.number
        for name in sorted(stretches, key=stretch_key)
        for scene in sorted(stretches[name], key=scene_key)
    ]
    return respect_precedences(production, preferred)


def respect_precedences(production: Production, preferred: Sequence[str]) -> list[str]:
    """The preferred order, changed only as far as precedences within the day demand."""
    present = set(preferred)
    before: dict[str, set[str]] = {n: set() for n in preferred}
    for first, second in production.rules.precedences:
        if first in present and second in present:
            before[second].add(first)
    result: list[str] = []
    pending = list(preferred)
    while pending:
        # The first scene, in preferred order, whose predecessors are all shot already.
        ready = next((n for n in pending if before[n] <= set(result)), pending[0])
        result.append(ready)
        pending.remove(ready)
    return result

"""How a scene's pages and minutes are shared between the days it is shot on."""

from __future__ import annotations

from collections.abc import Sequence

from shootplan.model import Production, Scene

__all__ = ["scene_share"]


def scene_share(production: Production, scene: Scene, span: Sequence[int], index: int) -> tuple[int, int]:
    """The eighths and minutes of ``scene`` shot on the day at position ``index``.

    ``span`` is the positions (0-based) of every day the scene is shot on, as
    :meth:`shootplan.Schedule.scene_days` gives them. A scene shot on one day (or an ``index``
    outside its span) is whole: its eighths and estimated minutes
    (:meth:`shootplan.Rules.scene_minutes`). A multi-day scene is split evenly over its days, the
    remainder going to the first days: 20 eighths over 3 days are 7, 7 and 6. The parts of every
    day add up to the whole scene, so each report's day rows add up to :func:`evaluate`'s day totals
    (its ``eighths_per_day`` and ``minutes_per_day``, before company moves).
    """
    minutes = production.rules.scene_minutes(scene)
    if len(span) <= 1 or index not in span:
        return scene.eighths, minutes
    position = span.index(index)
    parts = len(span)
    eighths = scene.eighths // parts + (1 if position < scene.eighths % parts else 0)
    share = minutes // parts + (1 if position < minutes % parts else 0)
    return eighths, share

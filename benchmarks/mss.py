"""The Optimization Hub movie-shoot-scheduling (MSS) instances as shootplan productions.

An MSS scene lasts whole days and has one location; scenes are shot one at a time, back to back,
seven days a week. Cost = for each location its fixed cost per visit beyond the first, plus for each
actor their daily cost per day between their first and last scene that they do not work
(``../shared/benchmarks/mss/README.md``). In shootplan terms: a scene of k days on a one-page-a-day
board, every location's return cost its MSS cost, holds at the actors' rates, days and moves free.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shootplan import Production

MSS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "mss"

# The instances in order of size; the published best-known costs where one is published.
INSTANCES = [
    "movie5",
    "movie10",
    "movie12",
    "movie15",
    "movie20",
    "movie30",
    "movie50",
    "movie100",
    "movie200",
    "movie300",
]
PUBLISHED = {"movie300": 207_955}  # wsgisler/movie-shot-scheduling's best simulated-annealing order


@dataclass(frozen=True)
class MssInstance:
    """The instance as its file states it (0-based indices)."""

    name: str
    actor_costs: list[int]
    location_costs: list[int]
    durations: list[int]
    locations: list[int]
    presence: list[list[int]]  # actor x scene, 0/1
    precedences: list[tuple[int, int]]

    def cost(self, order: list[int]) -> int:
        """The MSS cost of shooting the scenes in ``order`` (the README's definition, on its own)."""
        visits = [0] * len(self.location_costs)
        previous = -1
        for scene in order:
            if self.locations[scene] != previous:
                visits[self.locations[scene]] += 1
            previous = self.locations[scene]
        location = sum(c * max(0, v - 1) for c, v in zip(self.location_costs, visits, strict=True))
        start = {}
        day = 0
        for scene in order:
            start[scene] = day
            day += self.durations[scene]
        actor = 0
        for a, rate in enumerate(self.actor_costs):
            mine = [s for s in order if self.presence[a][s]]
            if mine:
                span = start[mine[-1]] + self.durations[mine[-1]] - start[mine[0]]
                actor += rate * (span - sum(self.durations[s] for s in mine))
        return location + actor


def read_mss(name: str, folder: Path = MSS) -> MssInstance:
    """Read ``<folder>/<name>.txt`` (``../shared/benchmarks/mss`` unless told; the tests read copies)."""
    numbers = [int(token) for token in (folder / f"{name}.txt").read_text().split()]
    actors, scenes, locations, precedences = numbers[:4]
    at = 4

    def take(count: int) -> list[int]:
        nonlocal at
        at += count
        return numbers[at - count : at]

    actor_costs, location_costs = take(actors), take(locations)
    durations, scene_locations = take(scenes), take(scenes)
    presence = [take(scenes) for _ in range(actors)]
    pairs = take(2 * precedences)
    return MssInstance(
        name,
        actor_costs,
        location_costs,
        durations,
        scene_locations,
        presence,
        [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)],
    )


def mss_production(instance: MssInstance) -> Production:
    """The instance as a production: one page a day, k pages for k days, every date a shoot date."""
    scenes = [
        {
            "number": str(s + 1),
            "int_ext": "INT",
            "set": f"L{instance.locations[s] + 1}",
            "eighths": 8 * k,
            "shoot_days": k if k > 1 else None,
            "cast": [str(a + 1) for a, row in enumerate(instance.presence) if row[s]],
        }
        for s, k in enumerate(instance.durations)
    ]
    return Production.model_validate(
        {
            "name": instance.name,
            "scenes": scenes,
            "cast": [{"id": str(a + 1), "daily_rate": c} for a, c in enumerate(instance.actor_costs)],
            "locations": [
                {"name": f"L{i + 1}", "return_cost": c} for i, c in enumerate(instance.location_costs)
            ],
            "calendar": {"start": "2027-03-01", "weekdays": "Mon-Sun"},
            "rules": {
                "max_eighths_per_day": 8,
                "max_minutes_per_day": None,
                "max_day_hours": None,
                "turnaround": "none",
                "shoot_day_cost": 0,
                "company_move_cost": 0,
                "max_shoot_days": sum(instance.durations),
                "precedences": [(str(a + 1), str(b + 1)) for a, b in instance.precedences],
            },
        }
    )

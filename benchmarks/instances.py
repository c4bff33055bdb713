"""Benchmark instances as Productions: the talent-scheduling literature and realistic shoots."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from shootplan import Production

SHARED = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def talent_production(path: Path) -> tuple[Production, dict[str, Any]]:
    """A talent-scheduling instance as a production: one scene a day, k days for duration k.

    Each scene fills its days (one page a day, 8 eighths per duration unit), there is one location,
    no days off (seven-day weeks) and hold cost = the actor's cost per time unit.
    """
    data = json.loads(path.read_text())
    scenes = [
        {
            "number": str(s["id"]),
            "int_ext": "INT",
            "set": "STAGE",
            "eighths": 8 * s["duration"],
            "shoot_days": s["duration"] if s["duration"] > 1 else None,
            "cast": [str(a) for a in s["actors"]],
        }
        for s in data["scenes"]
    ]
    production = Production.model_validate(
        {
            "name": data["name"],
            "scenes": scenes,
            "cast": [{"id": str(a["id"]), "daily_rate": a["cost"]} for a in data["actors"]],
            "locations": [{"name": "STAGE"}],
            "calendar": {"start": "2027-03-01", "weekdays": "Mon-Sun"},
            # The literature scores holds only: a shoot day costs nothing here (rules default: 25,000).
            "rules": {
                "max_eighths_per_day": 8,
                "max_minutes_per_day": None,
                "turnaround": "none",
                "shoot_day_cost": 0,
            },
        }
    )
    return production, data


def realistic_production(kind: str, seed: int) -> Production:
    """A generated production shaped like real ones (see benchmarks/README.md).

    kinds: ``feature`` (~130 scenes), ``tv`` (~50), ``block`` (two episodes, ~110), ``large`` (~300),
    ``huge`` (1,000 scenes, 60 cast, 40 locations: the memory benchmark of issue 16).
    Leads appear in about half the scenes, day players are tied to one or two locations, one lead
    is unavailable for a few days and two locations are open only for a window.
    """
    rng = random.Random(f"{kind}-{seed}")
    num_scenes = {"feature": 130, "tv": 50, "block": 110, "large": 300, "huge": 1000}[kind]
    pages_per_day = 5 if kind in {"feature", "large", "huge"} else 7
    num_locations = {"feature": 14, "tv": 7, "block": 11, "large": 24, "huge": 40}[kind]
    # 4 leads and 6 supporting besides: "huge" has 60 cast in all.
    num_day_players = {"feature": 22, "tv": 10, "block": 18, "large": 40, "huge": 50}[kind]
    leads = [("1", 9000), ("2", 7000), ("3", 4000), ("4", 3500)]
    supporting = [(str(5 + i), rng.choice([1500, 2000, 2500])) for i in range(6)]
    day_players = [(str(11 + i), rng.choice([600, 800, 1000, 1200])) for i in range(num_day_players)]
    locations = [f"LOC{i:02d}" for i in range(num_locations)]
    sets = {loc: [f"{loc} - SET{j}" for j in range(rng.randint(1, 4))] for loc in locations}
    home = {cast: rng.sample(locations, rng.randint(1, 2)) for cast, _ in day_players}
    scenes = []
    for i in range(num_scenes):
        loc = (
            locations[min(int(rng.paretovariate(1.2)) - 1, num_locations - 1)]
            if rng.random() < 0.6
            else rng.choice(locations)
        )
        cast = [c for c, _ in leads[:2] if rng.random() < 0.5]
        cast += [c for c, _ in leads[2:] if rng.random() < 0.2]
        cast += [c for c, _ in supporting if rng.random() < 0.1]
        cast += [c for c, _ in day_players if loc in home[c] and rng.random() < 0.25]
        scenes.append(
            {
                "number": str(i + 1),
                "int_ext": rng.choice(["INT", "INT", "EXT"]),
                "time_of_day": "NIGHT" if rng.random() < 0.25 else "DAY",
                "set": rng.choice(sets[loc]),
                "location": loc,
                "eighths": max(1, min(36, int(rng.gammavariate(2.0, 5.0)))),
                "cast": cast,
            }
        )
    total = sum(s["eighths"] for s in scenes)
    days = -(-total // (pages_per_day * 8))
    max_days = int(days * 1.2) + 1
    window_locations = rng.sample(locations[2:], 2)
    return Production.model_validate(
        {
            "name": f"{kind}-{seed}",
            "scenes": scenes,
            "cast": [
                {"id": c, "daily_rate": r, "unavailable": ["2027-03-16..2027-03-18"] if c == "2" else []}
                for c, r in leads + supporting + day_players
            ],
            "locations": [
                {"name": loc, "windows": ["2027-03-08..2027-03-26"] if loc in window_locations else []}
                for loc in locations
            ],
            "calendar": {"start": "2027-03-01"},
            "rules": {
                "max_eighths_per_day": pages_per_day * 8,
                "max_shoot_days": max_days,
                "max_minutes_per_day": None,
                # A page in 80 minutes: the page cap binds before a day's 12 hours (meal included)
                # that the turnaround leaves, as on a real board.
                "minutes_per_page": 80,
            },
        }
    )

"""A textbook simulated annealing over shooting orders for the MSS instances: the baseline of issue 16.

Deliberately plain, as a course exercise or a first attempt would be: pure Python on one core, a
random start repaired for the precedences, two moves (swap two scenes; move one scene to another
position) with any move that breaks a precedence rejected, the whole cost recomputed after each move,
geometric cooling from a start temperature read off a sample of move deltas, the best order kept.
No incremental (delta) evaluation, no restarts, no tuned neighbourhoods: it is the yardstick a
general solver should beat, not a rival tuned to MSS.

    python benchmarks/anneal.py movie50 --time-limit 60 --seed 1
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mss import MssInstance, read_mss

# Start: an average uphill move of the sample is accepted with this probability.
START_ACCEPTANCE = 0.5
# End: the temperature falls to this share of the start by the time limit (geometric in time).
END_RATIO = 1e-3
SAMPLE_MOVES = 200
# The clock is read once every so many moves (reading it each move costs as much as a move).
CLOCK_EVERY = 100


class _Cost:
    """The MSS cost of an order, recomputed in full: O(scenes x actors per scene + locations + actors)."""

    def __init__(self, instance: MssInstance) -> None:
        self.instance = instance
        actors = range(len(instance.actor_costs))
        self.cast = [[a for a in actors if instance.presence[a][s]] for s in range(len(instance.durations))]
        # An actor's own days do not depend on the order: subtract them once.
        self.own = sum(
            rate * sum(d for d, here in zip(instance.durations, instance.presence[a], strict=True) if here)
            for a, rate in enumerate(instance.actor_costs)
        )

    def __call__(self, order: list[int]) -> int:
        inst = self.instance
        first = [-1] * len(inst.actor_costs)
        last_end = [0] * len(inst.actor_costs)
        visits = [0] * len(inst.location_costs)
        previous = -1
        day = 0
        for scene in order:
            location = inst.locations[scene]
            if location != previous:
                visits[location] += 1
                previous = location
            end = day + inst.durations[scene]
            for a in self.cast[scene]:
                if first[a] < 0:
                    first[a] = day
                last_end[a] = end
            day = end
        moves = sum(c * (v - 1) for c, v in zip(inst.location_costs, visits, strict=True) if v > 1)
        spans = sum(
            rate * (last_end[a] - first[a]) for a, rate in enumerate(inst.actor_costs) if first[a] >= 0
        )
        return moves + spans - self.own


def repaired(instance: MssInstance, rng: random.Random) -> list[int]:
    """A random order made to respect the precedences: a topological order that follows a random
    permutation wherever the precedences allow."""
    n = len(instance.durations)
    priority = list(range(n))
    rng.shuffle(priority)
    rank = {scene: i for i, scene in enumerate(priority)}
    before: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for a, b in instance.precedences:
        before[a].append(b)
        waiting[b] += 1
    ready = [s for s in range(n) if waiting[s] == 0]
    order: list[int] = []
    while ready:
        scene = min(ready, key=rank.__getitem__)
        ready.remove(scene)
        order.append(scene)
        for later in before[scene]:
            waiting[later] -= 1
            if waiting[later] == 0:
                ready.append(later)
    return order


def neighbour(order: list[int], rng: random.Random) -> list[int]:
    """A copy of ``order`` with two scenes swapped or one scene moved, half the time each."""
    i, j = rng.sample(range(len(order)), 2)
    new = order[:]
    if rng.random() < 0.5:
        new[i], new[j] = new[j], new[i]
    else:
        new.insert(j, new.pop(i))
    return new


def keeps_precedences(order: list[int], precedences: list[tuple[int, int]]) -> bool:
    """Whether every "a before b" holds in ``order``."""
    if not precedences:
        return True
    position = {scene: i for i, scene in enumerate(order)}
    return all(position[a] < position[b] for a, b in precedences)


def start_temperature(order: list[int], cost: _Cost, rng: random.Random, base: int) -> float:
    """The temperature at which the sample's average uphill move is accepted half the time."""
    uphill = []
    for _ in range(SAMPLE_MOVES):
        new = neighbour(order, rng)
        if keeps_precedences(new, cost.instance.precedences):
            delta = cost(new) - base
            if delta > 0:
                uphill.append(delta)
    if not uphill:
        return 1.0
    return -(sum(uphill) / len(uphill)) / math.log(START_ACCEPTANCE)


def anneal(instance: MssInstance, time_limit: float, seed: int) -> tuple[list[int], int]:
    """The best order found within ``time_limit`` seconds of wall clock, and its MSS cost."""
    started = time.perf_counter()
    rng = random.Random(seed)
    cost = _Cost(instance)
    order = repaired(instance, rng)
    current = cost(order)
    best, best_cost = order, current
    if len(order) < 2:
        return best, best_cost
    t0 = start_temperature(order, cost, rng, current)
    temperature = t0
    moves = 0
    while True:
        moves += 1
        if moves % CLOCK_EVERY == 0:
            elapsed = time.perf_counter() - started
            if elapsed >= time_limit:
                break
            # Geometric cooling, paced by the clock so that it ends at t0 * END_RATIO on time.
            temperature = t0 * END_RATIO ** (elapsed / time_limit)
        new = neighbour(order, rng)
        if not keeps_precedences(new, instance.precedences):
            continue
        value = cost(new)
        delta = value - current
        if delta <= 0 or rng.random() < math.exp(-delta / temperature):
            order, current = new, value
            if current < best_cost:
                best, best_cost = order, current
    return best, best_cost


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("instances", nargs="+")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for name in args.instances:
        instance = read_mss(name)
        order, value = anneal(instance, args.time_limit, args.seed)
        check = instance.cost(order)
        note = "" if check == value else f"  MISMATCH: MssInstance.cost says {check}"
        print(f"{name}: {value:,}{note}")


if __name__ == "__main__":
    main()

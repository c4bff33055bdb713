"""A warm start for boards where several scenes share a day: an annealed order, packed into days.

The hand method sorts strips by location, set and cast and fills each day first-fit; it never
weighs who is held. Here the order annealing of :mod:`~shootplan.solver.orders` (built for one
scene a day) runs on a proxy of the board in which a strip lasts its pages (in eighths) and a
performer is paid from the first eighth of their first strip to the last of their last: holds
in eighths, roughly a day's holds per day's pages. Leaving a location and coming back costs its
return plus a company move per day's pages. The order is then packed into days by the hand
method's own first-fit (every date, cap and light rule the board checks), and kept only when
the scorer prices the packed board below the hand board.
"""

from __future__ import annotations

from shootplan.evaluation import evaluate
from shootplan.solver.heuristics import hand_board
from shootplan.solver.instance import Instance
from shootplan.solver.model import to_schedule
from shootplan.solver.orders import anneal_order
from shootplan.solver.sequencing import SequencingProblem

__all__ = ["annealed_board", "better_start", "proxy_problem"]


def proxy_problem(instance: Instance) -> SequencingProblem:
    """The board as an order problem: strips last their eighths, holds are paid in eighths."""
    production = instance.production
    page_cap = max(1, production.rules.max_eighths_per_day)
    durations = [
        page_cap * instance.length[s] if instance.length[s] > 1 else max(1, scene.eighths)
        for s, scene in enumerate(instance.scenes)
    ]
    names = sorted(instance.location_scenes)
    where = {name: i for i, name in enumerate(names)}
    # A return is paid per event, holds per eighth: a return weighs a day's pages of holds.
    returns = tuple(page_cap * (instance.return_cost(name) + instance.move_cost) for name in names)
    index = {scene.number: s for s, scene in enumerate(instance.scenes)}
    precedences = tuple((index[a], index[b]) for a, b in production.rules.precedences)
    return SequencingProblem(
        durations=durations,
        cast=[frozenset(scene.cast) for scene in instance.scenes],
        rates={cast_id: instance.hold_rate(cast_id) for cast_id in instance.cast_scenes},
        locations=tuple(where[scene.location] for scene in instance.scenes),
        return_costs=returns,
        precedences=precedences,
    )


def annealed_board(
    instance: Instance, hand: list[list[int]], *, time_limit: float, seed: int, deterministic: bool
) -> list[list[int]]:
    """Day lists of scene indices: the proxy's annealed order packed first-fit into days."""
    problem = proxy_problem(instance)
    # From the hand board's order: the annealing starts where the AD would.
    start = [s for day in hand for s in day]
    placed = set(start)
    start += [s for s in range(len(instance.scenes)) if s not in placed]
    order, _ = anneal_order(
        problem, time_limit=time_limit, seed=seed, deterministic=deterministic, initial=start
    )
    rank = {s: i for i, s in enumerate(order)}
    first: set[int] = set()
    board = hand_board(instance, key=lambda s: (s not in first, rank[s]))
    for _ in range(3):
        # Strips whose few allowed days the order filled with others go first, onto their days.
        left = set(range(len(instance.scenes))) - {s for day in board for s in day}
        if not left:
            break
        first |= left
        board = hand_board(instance, key=lambda s: (s not in first, rank[s]))
    return board


def better_start(
    instance: Instance, board: list[list[int]], time_limit: float, seed: int, deterministic: bool
) -> list[list[int]]:
    """The annealed board when the scorer prices it below ``board`` with no rule broken, else ``board``."""
    if time_limit <= 0:
        return board
    annealed = annealed_board(instance, board, time_limit=time_limit, seed=seed, deterministic=deterministic)
    costs = [_cost(instance, days) for days in (board, annealed)]
    return annealed if costs[1] < costs[0] else board


def _cost(instance: Instance, days: list[list[int]]) -> float:
    """The scorer's cost of a board, infinite when it leaves a scene out or breaks a rule."""
    if len({s for day in days for s in day}) < len(instance.scenes):
        return float("inf")
    # Dated as the solver dates it: candidate day d is instance.dates[d], the first with work Day 1.
    evaluation = evaluate(instance.production, to_schedule(instance, days))
    return evaluation.cost if evaluation.is_feasible else float("inf")

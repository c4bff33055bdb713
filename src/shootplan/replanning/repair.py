"""The old plan repaired the way an AD repairs a board, as the searches' warm start.

:func:`warm_start` keeps what can stay, swaps cover sets into rained-out days, moves displaced
strips to the nearest day with room (by a day swap or by moving a few strips aside) and lets a
short tabu search (:func:`settle`) take a tight board back under its caps. :func:`focus` frees
only the days around the disruption for a first, small search.
"""

from __future__ import annotations

import itertools
import logging
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from shootplan.evaluation import evaluate
from shootplan.model import (
    Production,
)
from shootplan.replanning.changes import WeatherRule
from shootplan.replanning.compare import first_days
from shootplan.schedule import Schedule
from shootplan.solver.heuristics import Board
from shootplan.solver.instance import Instance

__all__ = ["RepairBudget", "focus", "warm_start"]

logger = logging.getLogger("shootplan.replanning")


def focus(
    production: Production,
    current: Schedule,
    warm: Schedule,
    shot: set[str],
    open_from: date,
    weather: Sequence[WeatherRule],
    *,
    reach: int,
) -> Production | None:
    """The production with every scene pinned to its warm-start date except around disrupted days.

    Disrupted days are where a scene left or arrived in the warm start, and rained-out days; the
    scenes within ``reach`` shoot days of them stay free. None when the warm start breaks a rule
    (then it proves nothing feasible and the whole problem is solved directly).
    """
    if evaluate(production, warm).violations:
        return None
    old = {n: day.date for n, day in first_days(current).items()}
    new = {n: (index, day.date) for index, day in enumerate(warm.days) for n in day.scenes}
    position = {day.date: index for index, day in enumerate(warm.days)}
    moved = {n for n, (_, when) in new.items() if n not in shot and old.get(n) != when}
    disrupted = {new[n][0] for n in moved}
    for n in moved:
        if n in old:
            earlier = [i for d, i in position.items() if d <= old[n]]
            disrupted.add(max(earlier) if earlier else 0)
    disrupted |= {i for d, i in position.items() if any(rule.on(d) for rule in weather)}
    window = {p + k for p in disrupted for k in range(-reach, reach + 1)}
    free = moved | {n for p in window if 0 <= p < len(warm.days) for n in warm.days[p].scenes}
    if not free:
        return None
    first = {n: when for n, (_, when) in reversed(list(new.items()))}
    scenes = [
        s.model_dump() | ({} if s.number in shot or s.number in free else {"pinned": first[s.number]})
        for s in production.scenes
    ]
    logger.info("local re-board: %d scenes free around %d disrupted days", len(free - shot), len(disrupted))
    return production.replace(scenes=scenes)


@dataclass(frozen=True)
class RepairBudget:
    """How long the repair may search and how it moves strips (from :class:`ReplanParams`)."""

    seed: int
    seconds: float
    max_steps: int | None  # steps instead of seconds, when the re-plan must repeat exactly
    max_ejected: int
    tabu_tenure: int


def warm_start(
    production: Production,
    current: Schedule,
    shot: set[str],
    open_from: date,
    weather: Sequence[WeatherRule],
    budget: RepairBudget,
) -> Schedule:
    """The old plan, repaired as an AD would repair it by hand.

    Every scene that can still stay on its day stays. On a rained-out day, cover sets are pulled
    in first (nearest first). Then each displaced or new scene goes to the nearest day with room;
    failing that, its day is swapped for a day whose strips may take its place; failing that, it
    goes to the nearest day where moving a few strips elsewhere makes room. Whatever still has no
    room is put over a cap, and a short tabu search (:func:`_settle`) takes the board back under
    its caps.
    """
    missing = len(production.scenes) - len({n for day in current.days for n in day.scenes})
    horizon = production.rules.max_shoot_days or (current.num_days + max(0, missing) + 10)
    board = Board(Instance.build(production, horizon))
    first_open = next((i for i, d in enumerate(board.dates) if d >= open_from), len(board.dates))
    starts = {n: day.date for n, day in first_days(current).items() if production.has_scene(n)}
    displaced = _keep_what_stays(board, starts, shot, first_open)
    _pull_in_covers(board, weather, {p for _, p in displaced}, shot, first_open)
    movable = {
        s.number
        for s in production.scenes
        if s.number not in shot and not s.pinned and s.number not in board.group
    }
    added = [(s.number, first_open) for s in production.scenes if s.number not in starts]
    _place_displaced(board, [*displaced, *added], movable, first_open, budget.max_ejected)
    if any(board.overflow(p) for p in range(first_open, len(board.dates))):
        homes = {n: board.position[d] for n, d in starts.items() if d in board.position}
        _settle(board, movable, first_open, homes, budget)
    used = max((i + 1 for i, day in enumerate(board.days) if day), default=0)
    # Each location's strips together, as the solver orders a day (only for the record: the
    # warm start fixes days, not the order within them).
    days = [
        sorted(
            day, key=lambda n: [production.scene(m).location for m in day].index(production.scene(n).location)
        )
        for day in board.days[:used]
    ]
    return Schedule.from_day_lists(production, days, name="warm start")


def _keep_what_stays(
    board: Board, starts: Mapping[str, date], shot: set[str], first_open: int
) -> list[tuple[str, int]]:
    """Place every scene that may stay on its planned day; the others, with the day they left."""
    displaced: list[tuple[str, int]] = []
    for number, planned in sorted(starts.items(), key=lambda item: (item[0] not in shot, item[1])):
        position = board.position.get(planned)
        if number in shot and position is not None:
            board.place(number, position)  # already shot: it is where it is
        elif position is not None and position >= first_open and board.fits(number, position):
            board.place(number, position)
        else:
            displaced.append((number, position if position is not None else first_open))
    return displaced


def _pull_in_covers(
    board: Board, weather: Sequence[WeatherRule], lost: set[int], shot: set[str], first_open: int
) -> None:
    """Move cover sets into each rained-out day that lost strips, nearest cover first."""
    production = board.production
    for rule in weather:
        for position in range(first_open, len(board.dates)):
            if not rule.on(board.dates[position]) or position not in lost:
                continue
            covers: list[tuple[int, bool, str]] = []
            for scene in production.scenes:
                if not scene.cover or scene.number in shot or production.days_needed(scene) > 1:
                    continue
                where = board.where.get(scene.number)
                if where is not None and where != position and where >= first_open:
                    # Nearest first; at equal distance a later day's cover (not yet prepared for).
                    covers.append((abs(where - position), where < position, scene.number))
            for _, _, number in sorted(covers):
                where = board.where[number]
                board.remove(number)
                board.place(number, position if board.fits(number, position) else where)


def _place_displaced(
    board: Board, homeless: list[tuple[str, int]], movable: set[str], first_open: int, max_ejected: int
) -> None:
    """Each displaced or new strip to the nearest day with room, else by a day swap, else by
    making room; whatever still has none goes over a cap for :func:`_settle` to fix."""
    waiting: list[tuple[str, int]] = []
    for number, near in homeless:
        spot = next((p for p in board.nearest(near, first_open) if board.fits(number, p)), None)
        if spot is not None:
            board.place(number, spot)
        else:
            waiting.append((number, near))
    by_day: dict[int, list[str]] = {}
    for number, near in waiting:
        by_day.setdefault(near, []).append(number)
    for near, numbers in by_day.items():
        _swap_days(board, numbers, near, movable, first_open)
    for number, near in waiting:
        if number in board.where:
            continue
        spots = board.nearest(near, first_open)
        if not _make_room(board, number, spots, movable - {number}, first_open, max_ejected):
            # Over a cap rather than missing: CP-SAT finds a first schedule faster from a complete
            # hint that breaks a cap on one day than from one that leaves a scene out.
            spot = next((p for p in spots if board.allowed(number, p)), None)
            logger.debug("warm start: no room for scene %s; hinted on day %s over the caps", number, spot)
            if spot is not None and board.length(number) == 1:
                board.place(number, spot)


# A move found by the tabu search: (overflow change, churn change), strip, target day, swapped strip.
_Move = tuple[tuple[int, int], str, int, str | None]


def _settle(
    board: Board, movable: set[str], first_open: int, planned: Mapping[str, int], budget: RepairBudget
) -> None:
    """Take the board under its caps by moving and swapping strips (a short tabu search).

    Each step takes a day over its caps and makes the move or swap of one of its strips that
    lowers the total overflow most (ties: the move that leaves fewer strips off their planned
    day), even when no move lowers it, so the search walks out of dead ends; a strip just moved
    rests a few steps. It stops when every day is within its caps, or after ``budget.seconds``
    (after ``budget.max_steps`` steps instead, when given: the same result on any machine).
    """
    rng = random.Random(budget.seed)
    stop = datetime.now() + timedelta(seconds=budget.seconds)
    days = range(first_open, len(board.dates))
    over = {p: board.overflow(p) for p in days}
    rest: dict[str, int] = {}
    step = 0

    def time_left() -> bool:
        return step < budget.max_steps if budget.max_steps is not None else datetime.now() < stop

    while any(over.values()) and time_left():
        step += 1
        source = rng.choice([p for p in days if over[p]])
        strips = [n for n in board.days[source] if n in movable and board.length(n) == 1]
        best: _Move | None = None
        for number in strips:
            if rest.get(number, 0) <= step:
                best = _best_move(board, number, source, days, movable, over, planned, best)
        if best is None:
            continue
        _, number, target, other = best
        board.remove(number)
        if other is not None:
            board.remove(other)
            board.place(other, source)
            rest[other] = step + budget.tabu_tenure
        board.place(number, target)
        rest[number] = step + budget.tabu_tenure
        over[source], over[target] = board.overflow(source), board.overflow(target)
    logger.debug(
        "warm start: caps %s after %d repair steps", "met" if not any(over.values()) else "not met", step
    )


def _best_move(
    board: Board,
    number: str,
    source: int,
    days: range,
    movable: set[str],
    over: Mapping[int, int],
    planned: Mapping[str, int],
    best: _Move | None,
) -> _Move | None:
    """The better of ``best`` and every move or swap of strip ``number`` off day ``source``."""

    def off_plan(strip: str, day: int) -> int:
        return int(planned.get(strip) != day)

    board.remove(number)
    for target in days:
        if target == source or not board.may_go(number, target):
            continue
        for other in [None, *(n for n in board.days[target] if n in movable and board.length(n) == 1)]:
            if other is not None:
                board.remove(other)
                if not board.may_go(other, source):
                    board.place(other, target)
                    continue
                board.place(other, source)
            board.place(number, target)
            gain = board.overflow(source) + board.overflow(target) - over[source] - over[target]
            churn = off_plan(number, target) - off_plan(number, source)
            if other is not None:
                churn += off_plan(other, source) - off_plan(other, target)
            board.remove(number)
            if other is not None:
                board.remove(other)
                board.place(other, target)
            if best is None or (gain, churn) < best[0]:
                best = ((gain, churn), number, target, other)
    board.place(number, source)
    return best


def _swap_days(board: Board, numbers: list[str], near: int, movable: set[str], first_open: int) -> bool:
    """Put the strips that left day ``near`` on another day E, trading them for E's strips that
    may go to ``near``: the AD's day swap (a sick lead's day for a day without the lead, a
    rained-out exterior day for an interior one). Nearest E first; False if none works."""
    if any(board.length(n) > 1 for n in numbers) or not 0 <= near < len(board.dates):
        return False
    for other in board.nearest(near, first_open):
        if other == near:
            continue
        trade = [
            n for n in board.days[other] if n in movable and board.length(n) == 1 and board.allowed(n, near)
        ]
        if not trade:
            continue
        for n in trade:
            board.remove(n)
        if _place_all(board, numbers, [other]):
            largest_first = sorted(trade, key=lambda n: -board.scene[n].eighths)
            if _place_all(board, largest_first, [near, other]):
                return True
            for n in numbers:
                board.remove(n)
        for n in trade:
            board.place(n, other)
    return False


def _make_room(
    board: Board, number: str, spots: list[int], movable: set[str], first_open: int, max_ejected: int
) -> bool:
    """Place ``number`` on the first spot where moving one to ``max_ejected`` of its strips to other days
    with room makes room for it (fewest strips moved first, then the smallest)."""
    if board.length(number) > 1:
        return False
    for spot in spots:
        if not board.allowed(number, spot):
            continue
        strips = [n for n in board.days[spot] if n in movable and board.length(n) == 1]
        combos = [
            list(combo)
            for size in range(1, max_ejected + 1)
            for combo in itertools.combinations(strips, size)
        ]
        combos.sort(key=lambda combo: (len(combo), sum(board.scene[n].eighths for n in combo)))
        for combo in combos:
            if _swap_in(board, number, spot, combo, first_open):
                return True
    return False


def _swap_in(board: Board, number: str, spot: int, ejected: list[str], first_open: int) -> bool:
    """Move ``ejected`` off ``spot`` to the nearest days with room and ``number`` onto it, or
    change nothing and return False."""
    for other in ejected:
        board.remove(other)
    if not board.fits(number, spot):
        for other in ejected:
            board.place(other, spot)
        return False
    board.place(number, spot)
    if _place_all(board, ejected, [p for p in board.nearest(spot, first_open) if p != spot]):
        return True
    board.remove(number)
    for other in ejected:
        board.place(other, spot)
    return False


def _place_all(board: Board, numbers: list[str], spots: list[int]) -> bool:
    """Each strip on the first of ``spots`` with room for it, in order; or none moved and False."""
    homes: list[str] = []
    for number in numbers:
        home = next((p for p in spots if board.fits(number, p)), None)
        if home is None:
            for placed in homes:
                board.remove(placed)
            return False
        board.place(number, home)
        homes.append(number)
    return True

"""The solver-free scorer: check every hard rule of any schedule and compute its metrics.

This is what every test, report and benchmark trusts, so it shares no code with the solver. It
scores an AD's hand-made board exactly as it scores an optimized one.

Definitions (DOMAIN.md):

- **Company move**: the unit changes location within a shoot day. Counted in shooting order, so a
  day at locations A, B, A has two moves; when each location's scenes are together this equals
  "distinct locations in the day minus one".
- **Hold day**: a shoot day of the schedule between a performer's first and last work day on which
  they do not work. Days off, weekends and holidays are not shoot days and are never holds.
- **Drop/pickup**: a performer with ``drop_pickup`` may be released across a gap between two work
  days when the pickup comes more than ``min_drop_gap_days`` calendar days after the last work day
  before it; the shoot days of that gap are then not paid. At most ``max_drops`` gaps are dropped,
  the ones that save the most hold days (earliest first on ties).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from shootplan.day_checks import check_times
from shootplan.empty_days import empty_ends
from shootplan.findings import Rule
from shootplan.location_runs import location_returns, returns_cost
from shootplan.model import Production
from shootplan.money import format_money
from shootplan.pages import format_pages
from shootplan.schedule import Schedule
from shootplan.shares import scene_share
from shootplan.violations import Violation

__all__ = ["CastWork", "Evaluation", "Violation", "cast_work", "evaluate", "location_returns", "scene_share"]


@dataclass(frozen=True)
class CastWork:
    """When one performer works, is held and is dropped (positions are 0-based day indices)."""

    cast_id: str
    work_days: tuple[int, ...]
    hold_days: tuple[int, ...]
    dropped_days: tuple[int, ...]
    pickup_days: tuple[int, ...]

    @property
    def first_day(self) -> int | None:
        """Position of the first work day, or None for a performer who never works."""
        return self.work_days[0] if self.work_days else None

    @property
    def last_day(self) -> int | None:
        """Position of the last work day."""
        return self.work_days[-1] if self.work_days else None

    @property
    def num_hold_days(self) -> int:
        """Paid idle shoot days."""
        return len(self.hold_days)


@dataclass(frozen=True)
class Evaluation:
    """Every rule violation and metric of one schedule of one production."""

    violations: list[Violation]
    num_shoot_days: int
    moves_per_day: list[int]
    eighths_per_day: list[int]
    minutes_per_day: list[int]
    cast: dict[str, CastWork]
    hold_cost: float
    company_move_cost: float
    shoot_day_cost: float
    dates: list[date] = field(default_factory=list)
    returns_per_location: dict[str, int] = field(default_factory=dict)
    location_return_cost: float = 0.0

    @property
    def is_feasible(self) -> bool:
        """True when no hard rule is broken."""
        return not self.violations

    @property
    def company_moves(self) -> int:
        """Company moves over the whole schedule."""
        return sum(self.moves_per_day)

    @property
    def location_returns(self) -> int:
        """Times the unit came back to a location it had left: each is another load-in."""
        return sum(self.returns_per_location.values())

    @property
    def hold_days(self) -> dict[str, int]:
        """Hold days per cast member (board ID order of the production)."""
        return {cast_id: work.num_hold_days for cast_id, work in self.cast.items()}

    @property
    def total_hold_days(self) -> int:
        """Hold days of all cast together."""
        return sum(work.num_hold_days for work in self.cast.values())

    @property
    def cost(self) -> float:
        """The producer's cost: moves + holds + shoot days + location returns, at their weights."""
        return self.hold_cost + self.company_move_cost + self.shoot_day_cost + self.location_return_cost

    def metrics(self) -> dict[str, float | int]:
        """The headline figures as a flat dict (for JSON, tables and comparisons)."""
        return {
            "shoot_days": self.num_shoot_days,
            "company_moves": self.company_moves,
            "location_returns": self.location_returns,
            "hold_days": self.total_hold_days,
            "hold_cost": round(self.hold_cost, 2),
            "company_move_cost": round(self.company_move_cost, 2),
            "shoot_day_cost": round(self.shoot_day_cost, 2),
            "location_return_cost": round(self.location_return_cost, 2),
            "cost": round(self.cost, 2),
            "violations": len(self.violations),
        }

    def __str__(self) -> str:
        pages = [format_pages(e) for e in self.eighths_per_day]
        lines = [
            f"{'shoot days':<16}{self.num_shoot_days}",
            f"{'company moves':<16}{self.company_moves}",
            f"{'location returns':<16}{self.location_returns}",
            f"{'hold days':<16}{self.total_hold_days}",
            f"{'hold cost':<16}{format_money(self.hold_cost)}",
            f"{'return cost':<16}{format_money(self.location_return_cost)}",
            f"{'cost':<16}{format_money(self.cost)}",
            f"{'pages per day':<16}{', '.join(pages) if pages else '-'}",
            f"{'violations':<16}{len(self.violations)}",
        ]
        lines += [f"  {v}" for v in self.violations]
        return "\n".join(lines)


def evaluate(production: Production, schedule: Schedule) -> Evaluation:
    """Check every hard rule of ``schedule`` and compute its metrics; never raises on bad plans."""
    violations: list[Violation] = []
    scene_days = _check_scenes(production, schedule, violations)
    _check_dates(production, schedule, violations)
    per_day = _day_loads(production, schedule, scene_days, violations)
    _check_availability(production, schedule, scene_days, violations)
    _check_windows(production, schedule, scene_days, violations)
    _check_order(production, schedule, scene_days, violations)
    check_times(production, schedule, violations)
    violations += [Violation(Rule.EMPTY_DAY, end.message, day=end.day.number) for end in empty_ends(schedule)]
    work = cast_work(production, schedule)
    rules = production.rules
    hold_cost = sum(work[c.id].num_hold_days * production.hold_day_cost(c.id) for c in production.cast)
    moves_per_day, eighths_per_day, minutes_per_day = per_day
    returns = location_returns(production, schedule)
    return Evaluation(
        violations=violations,
        num_shoot_days=schedule.num_days,
        moves_per_day=moves_per_day,
        eighths_per_day=eighths_per_day,
        minutes_per_day=minutes_per_day,
        cast=work,
        hold_cost=hold_cost,
        company_move_cost=sum(moves_per_day) * rules.company_move_cost,
        shoot_day_cost=schedule.num_days * rules.shoot_day_cost,
        dates=schedule.dates(),
        returns_per_location=returns,
        location_return_cost=returns_cost(production, returns),
    )


# --------------------------------------------------------------------------- rule checks


def _check_scenes(
    production: Production, schedule: Schedule, violations: list[Violation]
) -> dict[str, list[int]]:
    """Every scene scheduled exactly once, on as many consecutive days as it needs."""
    scene_days: dict[str, list[int]] = {}
    for index, day in enumerate(schedule.days):
        for number, count in Counter(day.scenes).items():
            if count > 1:
                violations.append(
                    Violation(
                        Rule.SCHEDULED_ONCE,
                        f"scene {number} is listed {count} times on day {day.number}",
                        day=day.number,
                        scene=number,
                    )
                )
        for number in dict.fromkeys(day.scenes):
            if not production.has_scene(number):
                violations.append(
                    Violation(
                        Rule.UNKNOWN_SCENE,
                        f"day {day.number} lists scene {number}, which is not in the production",
                        day=day.number,
                        scene=number,
                    )
                )
                continue
            scene_days.setdefault(number, []).append(index)
    for scene in production.scenes:
        days = scene_days.get(scene.number, [])
        needed = production.days_needed(scene)
        if not days:
            violations.append(
                Violation(Rule.SCHEDULED_ONCE, f"scene {scene.number} is not scheduled", scene=scene.number)
            )
        elif len(days) != needed or days[-1] - days[0] != len(days) - 1:
            numbers = ", ".join(str(schedule.days[i].number) for i in days)
            expected = "one day" if needed == 1 else f"{needed} consecutive days"
            violations.append(
                Violation(
                    Rule.SCHEDULED_ONCE,
                    f"scene {scene.number} needs {expected} but is on day(s) {numbers}",
                    scene=scene.number,
                    day=schedule.days[days[0]].number,
                )
            )
        elif needed > 1:
            for index in days:
                others = [n for n in schedule.days[index].scenes if n != scene.number]
                if others:
                    violations.append(
                        Violation(
                            Rule.MULTI_DAY_SCENE,
                            f"scene {scene.number} takes whole days but day"
                            f" {schedule.days[index].number} also has {', '.join(others)}",
                            day=schedule.days[index].number,
                            scene=scene.number,
                        )
                    )
    return scene_days


def _check_dates(production: Production, schedule: Schedule, violations: list[Violation]) -> None:
    """Days fall on shoot dates, are numbered 1, 2, 3... and fit the days available."""
    calendar = production.calendar
    for position, day in enumerate(schedule.days):
        if day.number != position + 1:
            violations.append(
                Violation(
                    Rule.DAY_NUMBERS,
                    f"day {day.number} is the {_ordinal(position + 1)} shoot day",
                    day=day.number,
                )
            )
        if not calendar.is_shoot_date(day.date):
            if day.date < calendar.start:
                why = f"before the first shoot date {calendar.start}"
            elif calendar.is_holiday(day.date):
                why = "a holiday"
            else:
                why = f"a day off ({day.date:%A})"
            violations.append(
                Violation(Rule.CALENDAR, f"day {day.number} is on {day.date}, {why}", day=day.number)
            )
    violations += _skipped_dates(production, schedule)
    limit = production.rules.max_shoot_days
    if limit is not None and schedule.num_days > limit:
        violations.append(
            Violation(Rule.MAX_SHOOT_DAYS, f"{schedule.num_days} shoot days, but only {limit} are available")
        )


def _skipped_dates(production: Production, schedule: Schedule) -> list[Violation]:
    """Day N is the N-th shoot date from Day 1: a shoot date between two days is a day too.

    A shoot date the schedule leaves out is still a working date the unit is paid for; the
    solver lists it as an empty day (with its reason) rather than skipping it.
    """
    calendar = production.calendar
    found = []
    for before, day in itertools.pairwise(schedule.days):
        between = [
            d
            for d in (before.date + timedelta(days=k) for k in range(1, (day.date - before.date).days))
            if calendar.is_shoot_date(d)
        ]
        if between:
            skipped = ", ".join(str(d) for d in between[:3]) + (" ..." if len(between) > 3 else "")
            found.append(
                Violation(
                    Rule.DAY_NUMBERS,
                    f"day {day.number} is on {day.date}, but shoot date(s) {skipped} after day"
                    f" {before.number} have no shoot day: list each as a day, empty if nothing can"
                    " be shot on it",
                    day=day.number,
                )
            )
    return found


def _day_loads(
    production: Production,
    schedule: Schedule,
    scene_days: dict[str, list[int]],
    violations: list[Violation],
) -> tuple[list[int], list[int], list[int]]:
    """Company moves, pages and minutes of each day; caps checked on single-day scenes."""
    rules = production.rules
    moves_per_day: list[int] = []
    eighths_per_day: list[int] = []
    minutes_per_day: list[int] = []
    for index, day in enumerate(schedule.days):
        scenes = [production.scene(n) for n in dict.fromkeys(day.scenes) if production.has_scene(n)]
        locations = [s.location for s in scenes]
        moves = sum(1 for a, b in itertools.pairwise(locations) if a != b)
        eighths = minutes = 0
        capped = True
        for scene in scenes:
            span = scene_days.get(scene.number, [index])
            share_eighths, share_minutes = scene_share(production, scene, span, index)
            eighths += share_eighths
            minutes += share_minutes
            capped = capped and production.days_needed(scene) == 1
        minutes += moves * rules.company_move_minutes
        moves_per_day.append(moves)
        eighths_per_day.append(eighths)
        minutes_per_day.append(minutes)
        if not capped:
            continue  # a multi-day scene fills its days by definition
        if eighths > rules.max_eighths_per_day:
            violations.append(
                Violation(
                    Rule.PAGE_CAP,
                    f"day {day.number} has {format_pages(eighths)} pages, over the cap of"
                    f" {format_pages(rules.max_eighths_per_day)}",
                    day=day.number,
                )
            )
        if rules.max_minutes_per_day is not None and minutes > rules.max_minutes_per_day:
            move_note = f" including {moves} company move(s)" if moves else ""
            violations.append(
                Violation(
                    Rule.TIME_CAP,
                    f"day {day.number} needs {minutes} minutes{move_note}, over the cap of"
                    f" {rules.max_minutes_per_day}",
                    day=day.number,
                )
            )
    return moves_per_day, eighths_per_day, minutes_per_day


def _check_availability(
    production: Production,
    schedule: Schedule,
    scene_days: dict[str, list[int]],
    violations: list[Violation],
) -> None:
    """Nobody works on a date they are unavailable; no location is used outside its windows."""
    for number, days in scene_days.items():
        scene = production.scene(number)
        location = production.location(scene.location)
        for index in days:
            day = schedule.days[index]
            for cast_id in scene.cast:
                member = production.cast_member(cast_id)
                if not member.is_available(day.date):
                    violations.append(
                        Violation(
                            Rule.CAST_AVAILABILITY,
                            f"scene {number} on day {day.number} ({day.date}) needs cast {cast_id}"
                            f" ({member.label}), who is unavailable that date",
                            day=day.number,
                            scene=number,
                            cast=cast_id,
                        )
                    )
            if not location.is_available(day.date):
                violations.append(
                    Violation(
                        Rule.LOCATION_AVAILABILITY,
                        f"scene {number} on day {day.number} ({day.date}) is at {location.name},"
                        " which is not available that date",
                        day=day.number,
                        scene=number,
                        location=location.name,
                    )
                )


def _check_windows(
    production: Production,
    schedule: Schedule,
    scene_days: dict[str, list[int]],
    violations: list[Violation],
) -> None:
    """Scenes keep their earliest, latest and pinned dates."""
    for number, days in scene_days.items():
        scene = production.scene(number)
        first, last = schedule.days[days[0]], schedule.days[days[-1]]
        if scene.earliest and first.date < scene.earliest:
            violations.append(
                Violation(
                    Rule.SCENE_DATES,
                    f"scene {number} is on {first.date}, before its earliest date {scene.earliest}",
                    day=first.number,
                    scene=number,
                )
            )
        if scene.latest and last.date > scene.latest:
            violations.append(
                Violation(
                    Rule.SCENE_DATES,
                    f"scene {number} is on {last.date}, after its latest date {scene.latest}",
                    day=last.number,
                    scene=number,
                )
            )
        if scene.pinned and first.date != scene.pinned:
            violations.append(
                Violation(
                    Rule.PIN,
                    f"scene {number} is pinned to {scene.pinned} but is on {first.date}",
                    day=first.number,
                    scene=number,
                )
            )


def _check_order(
    production: Production,
    schedule: Schedule,
    scene_days: dict[str, list[int]],
    violations: list[Violation],
) -> None:
    """Precedences (A before B) and same-day groups hold."""
    for before, after in production.rules.precedences:
        if before not in scene_days or after not in scene_days:
            continue
        end, start = scene_days[before][-1], scene_days[after][0]
        same_day_wrong_order = end == start and schedule.days[end].scenes.index(before) > schedule.days[
            end
        ].scenes.index(after)
        if end > start or same_day_wrong_order:
            violations.append(
                Violation(
                    Rule.PRECEDENCE,
                    f"scene {before} must be shot before scene {after}, but is on day"
                    f" {schedule.days[end].number} and {after} on day"
                    f" {schedule.days[start].number}",
                    scene=before,
                )
            )
    for group in production.rules.same_day:
        placed = {n: scene_days[n][0] for n in group if n in scene_days}
        if len(set(placed.values())) > 1:
            where = ", ".join(f"{n} on day {schedule.days[i].number}" for n, i in placed.items())
            violations.append(
                Violation(
                    Rule.SAME_DAY,
                    f"scenes {', '.join(group)} must share a day: {where}",
                    scene=group[0],
                )
            )


# --------------------------------------------------------------------------- cast work


def cast_work(production: Production, schedule: Schedule) -> dict[str, CastWork]:
    """Work, hold, drop and pickup days of every cast member (board ID order)."""
    worked: dict[str, set[int]] = {c.id: set() for c in production.cast}
    for index, day in enumerate(schedule.days):
        for number in day.scenes:
            if production.has_scene(number):
                for cast_id in production.scene(number).cast:
                    worked[cast_id].add(index)
    dates = schedule.dates()
    result: dict[str, CastWork] = {}
    for member in production.cast:
        work = sorted(worked[member.id])
        gaps = [
            (a, b) for a, b in itertools.pairwise(work) if b - a > 1
        ]  # (last work before, next work) with shoot days between
        dropped: list[tuple[int, int]] = []
        if member.holds and member.drop_pickup and member.max_drops > 0:
            eligible = [(a, b) for a, b in gaps if (dates[b] - dates[a]).days > member.min_drop_gap_days]
            eligible.sort(key=lambda gap: (-(gap[1] - gap[0] - 1), gap[0]))
            dropped = sorted(eligible[: member.max_drops])
        dropped_days = [i for a, b in dropped for i in range(a + 1, b)]
        holds: list[int] = []
        if member.holds:
            holds = [i for a, b in gaps for i in range(a + 1, b) if i not in dropped_days]
        result[member.id] = CastWork(
            cast_id=member.id,
            work_days=tuple(work),
            hold_days=tuple(holds),
            dropped_days=tuple(dropped_days),
            pickup_days=tuple(b for _, b in dropped),
        )
    return result


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

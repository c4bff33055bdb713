"""Reports an AD recognizes, as pandas DataFrames: the one-liner, the Day Out of Days, the costs.

Every report reads the schedule through :func:`shootplan.evaluate` and
:func:`shootplan.cast_work`, so its page totals, holds, drops and costs are the scorer's, never a
second opinion. The Excel writer (:mod:`shootplan.io.excel`) and the figures (:mod:`shootplan.plot`)
are built from these frames; strip colors live in :mod:`shootplan.palette`.

Shapes at a glance:

- :func:`one_liner`: one row per strip in shooting order (a multi-day scene once per day), with
  the day's page total repeated on each row, so ``df[df.day == 3]`` is a whole day.
- :func:`day_out_of_days`: one row per cast member (index: board ID, board order), one column per
  calendar date (``datetime.date``) from the first to the last shoot day, then the totals.
- :func:`cost_summary`: a :class:`CostSummary` of three parts: per day, per cast member, totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from shootplan.errors import ShootplanError
from shootplan.evaluation import Evaluation, cast_work, evaluate, scene_share
from shootplan.model import Production, Scene
from shootplan.pages import format_pages
from shootplan.schedule import Schedule

__all__ = [
    "DOOD_HOLIDAY",
    "DOOD_OFF",
    "DOOD_TOTALS",
    "ONE_LINER_COLUMNS",
    "CostSummary",
    "cost_summary",
    "day_out_of_days",
    "format_date",
    "one_liner",
]


def format_date(day: date) -> str:
    """A day-break date as boards print it: ``Wed, Mar 3, 2027``."""
    return f"{day:%a, %b} {day.day}, {day.year}"


# --------------------------------------------------------------------------- one-liner

#: The one-liner's columns, in order.
ONE_LINER_COLUMNS = (
    "day",
    "date",
    "scene",
    "part",
    "int_ext",
    "set",
    "day_night",
    "pages",
    "eighths",
    "minutes",
    "cast",
    "location",
    "script_day",
    "synopsis",
    "day_pages",
    "day_eighths",
)


def _scene_or_error(production: Production, number: str, day: int) -> Scene:
    """The scene a schedule names; a report on an unknown scene would print nonsense, so raise."""
    if not production.has_scene(number):
        raise ShootplanError(
            f"day {day} lists scene {number!r}, which is not in production {production.name!r}"
        )
    return production.scene(number)


def one_liner(production: Production, schedule: Schedule) -> pd.DataFrame:
    """One row per strip in shooting order: the one-liner as a filterable table.

    Columns (:data:`ONE_LINER_COLUMNS`):

    ``day`` shoot day number; ``date`` its ``datetime.date``; ``scene`` number as written;
    ``part`` ``"2 of 3"`` on the days of a multi-day scene, else ``""``; ``int_ext`` ``INT``,
    ``EXT`` or ``INT/EXT``; ``set``; ``day_night`` the time of day as written (``DAY``,
    ``NIGHT``, ``DUSK``...); ``pages`` as an AD writes them (``"2 3/8"``) and ``eighths`` the same
    as an integer (a multi-day scene shows each day's share, so a day's rows add up to its total);
    ``minutes`` the day's share of the estimated shooting time; ``cast`` board IDs as a board
    prints them (``"1, 2, 5"``); ``location``; ``script_day`` (``""`` when unknown);
    ``synopsis``; ``day_pages`` and ``day_eighths`` the page total of the whole shoot day,
    repeated on each of its rows (from :func:`shootplan.evaluate`).

    Day totals are columns rather than break rows so the frame filters and groups cleanly:
    ``df[df.day == 3]`` is day 3, ``df.groupby("day").first().day_pages`` the day breaks. To find a
    performer's strips, split the cast: ``df[df.cast.str.split(", ").map(lambda ids: "2" in ids)]``.

    Raises :class:`ShootplanError` when the schedule names a scene the production does not have.
    """
    evaluation = evaluate(production, schedule)
    spans = schedule.scene_days()
    rows: list[dict[str, object]] = []
    for index, day in enumerate(schedule.days):
        for number in day.scenes:
            scene = _scene_or_error(production, number, day.number)
            span = spans[number]
            # The scorer's own split, so a day's rows add up to evaluate()'s day total.
            eighths, minutes = scene_share(production, scene, span, index)
            rows.append(
                {
                    "day": day.number,
                    "date": day.date,
                    "scene": scene.number,
                    "part": f"{span.index(index) + 1} of {len(span)}" if len(span) > 1 else "",
                    "int_ext": scene.int_ext.value,
                    "set": scene.set,
                    "day_night": scene.time_of_day,
                    "pages": format_pages(eighths),
                    "eighths": eighths,
                    "minutes": minutes,
                    "cast": ", ".join(scene.cast),
                    "location": scene.location,
                    "script_day": scene.script_day or "",
                    "synopsis": scene.synopsis,
                    "day_pages": format_pages(evaluation.eighths_per_day[index]),
                    "day_eighths": evaluation.eighths_per_day[index],
                }
            )
    frame = pd.DataFrame(rows, columns=list(ONE_LINER_COLUMNS))
    # An empty schedule still gets integer columns, so code that filters it does not trip on dtypes.
    return frame.astype({"day": int, "eighths": int, "minutes": int, "day_eighths": int})


# --------------------------------------------------------------------------- Day Out of Days

#: The DOOD code of a company day off (weekend, dark day, or a date the schedule does not shoot).
DOOD_OFF = "off"
#: The DOOD code of a company holiday.
DOOD_HOLIDAY = "HOL"
#: The totals columns that follow the date columns of :func:`day_out_of_days`.
DOOD_TOTALS = ("work", "hold", "holiday", "drop", "start", "finish", "total")


def _work_code(position: int, first: int, last: int, pickup: bool) -> str:
    """SW / W / WF / SWF, or PW / PWF on the first work day after a drop."""
    if pickup:
        return "PWF" if position == last else "PW"
    start = "S" if position == first else ""
    finish = "F" if position == last else ""
    return f"{start}W{finish}"


def day_out_of_days(production: Production, schedule: Schedule) -> pd.DataFrame:
    """The Day Out of Days: one row per cast member, one column per calendar date, then totals.

    The index is the board ID (``cast_id``), in the production's board order; every cast member
    has a row, even one who never works (all blank, zero totals). The date columns are
    ``datetime.date`` labels for every calendar date from the first to the last shoot day.

    Codes (Movie Magic's): ``SW`` start work, ``W`` work, ``WF`` work finish, ``SWF`` the only work
    day, ``H`` hold, ``D`` dropped, ``PW`` pickup work (first work day after a drop; ``PWF`` when it
    is also the last), ``""`` a shoot day the performer is not engaged (before the start, after the
    finish, or not held for a performer engaged day by day). Whole columns read
    :data:`DOOD_OFF` (``"off"``) on company days off (weekends, dark days, and any date the
    schedule does not shoot) and :data:`DOOD_HOLIDAY` (``"HOL"``) on company holidays: neither is
    ever a hold. Work, hold, drop and pickup days are exactly :func:`shootplan.cast_work`'s.

    Totals (:data:`DOOD_TOTALS`): ``work`` work days; ``hold`` hold days; ``holiday`` paid
    holidays, i.e. holidays between the start and finish of a performer paid on a consecutive
    basis, outside a drop; ``drop`` dropped shoot days; ``start`` and ``finish`` the first and last
    work dates (``None`` for a performer who never works); ``total`` paid days, work + hold +
    holiday.
    """
    work = cast_work(production, schedule)
    shoot_dates = schedule.dates()
    position_of = {day: index for index, day in enumerate(shoot_dates)}
    calendar_dates: list[date] = []
    if shoot_dates:
        day = shoot_dates[0]
        while day <= shoot_dates[-1]:
            calendar_dates.append(day)
            day += timedelta(days=1)
    holidays = [d for d in calendar_dates if d not in position_of and production.calendar.is_holiday(d)]

    rows: list[list[object]] = []
    for member in production.cast:
        cast = work[member.id]
        worked, held = set(cast.work_days), set(cast.hold_days)
        dropped, pickups = set(cast.dropped_days), set(cast.pickup_days)
        codes: list[object] = []
        for day in calendar_dates:
            position = position_of.get(day)
            if position is None:
                codes.append(DOOD_HOLIDAY if day in holidays else DOOD_OFF)
            elif position in worked:
                assert cast.first_day is not None and cast.last_day is not None
                codes.append(_work_code(position, cast.first_day, cast.last_day, position in pickups))
            elif position in held:
                codes.append("H")
            elif position in dropped:
                codes.append("D")
            else:
                codes.append("")
        start = shoot_dates[cast.first_day] if cast.first_day is not None else None
        finish = shoot_dates[cast.last_day] if cast.last_day is not None else None
        paid_holidays = 0
        if member.holds and start is not None and finish is not None:
            # A holiday inside a drop is not paid: the drop releases the performer for its span.
            drops = [
                (shoot_dates[max(w for w in cast.work_days if w < p)], shoot_dates[p])
                for p in cast.pickup_days
            ]
            paid_holidays = sum(
                1 for d in holidays if start < d < finish and not any(a < d < b for a, b in drops)
            )
        num_work, num_hold = len(cast.work_days), len(cast.hold_days)
        rows.append(
            [
                *codes,
                num_work,
                num_hold,
                paid_holidays,
                len(cast.dropped_days),
                start,
                finish,
                num_work + num_hold + paid_holidays,
            ]
        )
    columns: list[object] = [*calendar_dates, *DOOD_TOTALS]
    index = pd.Index([member.id for member in production.cast], name="cast_id", dtype=object)
    frame = pd.DataFrame(rows, index=index, columns=pd.Index(columns, dtype=object))
    return frame.astype({"work": int, "hold": int, "holiday": int, "drop": int, "total": int})


# --------------------------------------------------------------------------- costs


@dataclass(frozen=True)
class CostSummary:
    """What a schedule costs, per day, per cast member and in total.

    ``days``: one row per shoot day (index ``day``, the shoot day number) with columns ``date``,
    ``locations`` (in shooting order, ``"DINER, FARM"``), ``company_moves``,
    ``company_move_cost``, ``pages``, ``eighths`` and ``minutes`` (moves included).

    ``cast``: one row per cast member (index ``cast_id``, board order) with columns ``name``,
    ``character``, ``daily_rate``, ``work_days``, ``hold_days``, ``drop_days`` and ``hold_cost``
    (hold days x daily rate x the rules' hold cost factor); ``daily_rate`` is the rate holds are
    priced at (:meth:`shootplan.Production.daily_rate`: the rules' default on a board without rates).

    ``totals``: :meth:`shootplan.Evaluation.metrics` (shoot days, company moves, hold days and the
    costs), the same figures the optimizer minimizes.
    """

    days: pd.DataFrame
    cast: pd.DataFrame
    totals: dict[str, float | int]
    evaluation: Evaluation

    def __str__(self) -> str:
        width = max(len(key) for key in self.totals) + 2
        return "\n".join(f"{key.replace('_', ' '):<{width}}{value:,}" for key, value in self.totals.items())


def cost_summary(production: Production, schedule: Schedule) -> CostSummary:
    """Company moves per day, hold days and hold cost per cast member, and the totals.

    Every figure comes from :func:`shootplan.evaluate`, so the parts add up to its totals:
    ``summary.cast.hold_cost.sum() == summary.evaluation.hold_cost``.
    """
    evaluation = evaluate(production, schedule)
    rules = production.rules
    day_rows = []
    for index, day in enumerate(schedule.days):
        locations = dict.fromkeys(production.scene(n).location for n in day.scenes if production.has_scene(n))
        moves = evaluation.moves_per_day[index]
        day_rows.append(
            {
                "day": day.number,
                "date": day.date,
                "locations": ", ".join(locations),
                "company_moves": moves,
                "company_move_cost": moves * rules.company_move_cost,
                "pages": format_pages(evaluation.eighths_per_day[index]),
                "eighths": evaluation.eighths_per_day[index],
                "minutes": evaluation.minutes_per_day[index],
            }
        )
    days = pd.DataFrame(
        day_rows,
        columns=[
            "day",
            "date",
            "locations",
            "company_moves",
            "company_move_cost",
            "pages",
            "eighths",
            "minutes",
        ],
    ).set_index("day")
    cast_rows = []
    for member in production.cast:
        work = evaluation.cast[member.id]
        cast_rows.append(
            {
                "cast_id": member.id,
                "name": member.name,
                "character": member.character,
                # The rate the holds are priced at (the rules' default on a board without rates).
                "daily_rate": production.daily_rate(member.id),
                "work_days": len(work.work_days),
                "hold_days": work.num_hold_days,
                "drop_days": len(work.dropped_days),
                # evaluate() sums exactly this product over the cast into hold_cost.
                "hold_cost": work.num_hold_days * production.hold_day_cost(member.id),
            }
        )
    cast = pd.DataFrame(
        cast_rows,
        columns=[
            "cast_id",
            "name",
            "character",
            "daily_rate",
            "work_days",
            "hold_days",
            "drop_days",
            "hold_cost",
        ],
    ).set_index("cast_id")
    return CostSummary(days=days, cast=cast, totals=evaluation.metrics(), evaluation=evaluation)

"""Reports an AD recognizes, as pandas DataFrames: the one-liner, the Day Out of Days, the costs.

Every report reads the schedule through :func:`shootplan.evaluate` and
:func:`shootplan.cast_work`, so its page totals, holds, drops and costs are the scorer's, never a
second opinion. The Excel writer (:mod:`shootplan.io.excel`) and the figures (:mod:`shootplan.plot`)
are built from these frames; strip colors live in :mod:`shootplan.palette`.

Shapes at a glance:

- :func:`one_liner`: one row per strip in shooting order (a multi-day scene once per day), with
  its planned start and end, and the day's type, call, wrap and page total repeated on each row,
  so ``df[df.day == 3]`` is a whole day.
- :func:`day_out_of_days`: one row per cast member (index: board ID, board order), one column per
  calendar date (``datetime.date``) from the first to the last shoot day, then the totals.
- :func:`cost_summary`: a :class:`CostSummary` of three parts: per day, per cast member, totals.

Times come from :func:`shootplan.timeline.lay_out_days`, laid out afresh for each report (a
hand-made schedule carries no times, and a stored one may be stale); a writer that lays the days
out already passes its ``timelines`` so every sheet of one file shows the same clock.
:func:`clock`, :func:`day_type_words` and :func:`day_times` word them as every printed report
does (the type as the crew lives it: :attr:`~shootplan.timeline.DayTimeline.shoot_type`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from shootplan.errors import ShootplanError
from shootplan.evaluation import Evaluation, cast_work, evaluate, scene_share
from shootplan.model import Production, Scene
from shootplan.pages import format_pages
from shootplan.schedule import DayKind, Schedule
from shootplan.timeline import DayTimeline, lay_out_days

__all__ = [
    "DAY_KIND_WORDS",
    "DOOD_HOLIDAY",
    "DOOD_OFF",
    "DOOD_TOTALS",
    "ONE_LINER_COLUMNS",
    "CostSummary",
    "clock",
    "cost_summary",
    "day_out_of_days",
    "day_times",
    "day_type_words",
    "format_date",
    "one_liner",
    "report_days",
]


def format_date(day: date) -> str:
    """A day-break date as boards print it: ``Wed, Mar 3, 2027``."""
    return f"{day:%a, %b} {day.day}, {day.year}"


#: A day's type as a printed report words it.
DAY_KIND_WORDS = {DayKind.DAY: "Day shoot", DayKind.NIGHT: "Night shoot", DayKind.SPLIT: "Split day"}


def clock(moment: datetime, day: DayTimeline) -> str:
    """``18:45`` on the clock of the day's zone; ``05:30 (+1)`` when it falls on a later date."""
    local = moment.astimezone(day.zone)
    later = (local.date() - day.day.date).days
    return f"{local:%H:%M}" + (f" (+{later})" if later else "")


def day_type_words(kind: DayKind, *, interiors: bool = False) -> str:
    """``Night shoot``; ``Night shoot (interiors)`` for a night or split day of interiors only,
    which its clock alone makes one, so the crew knows no scene waits for the dark."""
    words = DAY_KIND_WORDS[kind]
    return f"{words} (interiors)" if interiors and kind is not DayKind.DAY else words


def day_times(day: DayTimeline) -> str:
    """``Night shoot · Call 18:45 · Wrap 05:30 (+1)``; ``""`` for a day without scenes."""
    kind = day.shoot_type
    if kind is None:
        return ""
    words = day_type_words(kind, interiors=day.interiors_only)
    return f"{words} · Call {clock(day.call, day)} · Wrap {clock(day.wrap, day)}"


def _scene_or_error(production: Production, number: str, day: int) -> Scene:
    """The scene a schedule names; a report on an unknown scene would print nonsense, so raise."""
    if not production.has_scene(number):
        raise ShootplanError(
            f"day {day} lists scene {number!r}, which is not in production {production.name!r}"
        )
    return production.scene(number)


def report_days(production: Production, schedule: Schedule) -> list[DayTimeline]:
    """Each shoot day laid out for a report (:func:`~shootplan.timeline.lay_out_days`).

    A writer lays the days out once and hands them to every report of its file. Raises
    :class:`ShootplanError` naming the day when the schedule lists a scene the production lacks.
    """
    for day in schedule.days:
        for number in day.scenes:
            _scene_or_error(production, number, day.number)
    return lay_out_days(production, schedule)


def _timelines(
    production: Production, schedule: Schedule, timelines: Sequence[DayTimeline] | None
) -> Sequence[DayTimeline]:
    """The days laid out, unless the caller already has them (one layout per output file)."""
    return report_days(production, schedule) if timelines is None else timelines


# --------------------------------------------------------------------------- one-liner

#: The one-liner's columns, in order.
ONE_LINER_COLUMNS = (
    "day",
    "date",
    "scene",
    "part",
    "start",
    "end",
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
    "kind",
    "call",
    "wrap",
)


def one_liner(
    production: Production, schedule: Schedule, *, timelines: Sequence[DayTimeline] | None = None
) -> pd.DataFrame:
    """One row per strip in shooting order: the one-liner as a filterable table.

    Columns (:data:`ONE_LINER_COLUMNS`):

    ``day`` shoot day number; ``date`` its ``datetime.date``; ``scene`` number as written;
    ``part`` ``"2 of 3"`` on the days of a multi-day scene, else ``""``; ``start`` and ``end`` its
    planned start and end on that day (aware datetimes in the day's zone); ``int_ext`` ``INT``,
    ``EXT`` or ``INT/EXT``; ``set``; ``day_night`` the time of day as written (``DAY``,
    ``NIGHT``, ``DUSK``...); ``pages`` as an AD writes them (``"2 3/8"``) and ``eighths`` the same
    as an integer (a multi-day scene shows each day's share, so a day's rows add up to its total);
    ``minutes`` the day's share of the estimated shooting time; ``cast`` board IDs as a board
    prints them (``"1, 2, 5"``); ``location``; ``script_day`` (``""`` when unknown);
    ``synopsis``; ``day_pages`` and ``day_eighths`` the page total of the whole shoot day,
    repeated on each of its rows (from :func:`shootplan.evaluate`); ``kind`` the day's type
    (:class:`~shootplan.schedule.DayKind`), ``call`` and ``wrap`` its crew call and estimated wrap,
    also repeated on each row. Times are :func:`~shootplan.timeline.lay_out_days`' (``timelines``
    when the caller has laid the days out already).

    Day totals are columns rather than break rows so the frame filters and groups cleanly:
    ``df[df.day == 3]`` is day 3, ``df.groupby("day").first().day_pages`` the day breaks. To find a
    performer's strips, split the cast: ``df[df.cast.str.split(", ").map(lambda ids: "2" in ids)]``.

    Raises :class:`ShootplanError` when the schedule names a scene the production does not have.
    """
    evaluation = evaluate(production, schedule)
    laid_out = _timelines(production, schedule, timelines)
    spans = schedule.scene_days()
    rows: list[dict[str, object]] = []
    for index, day in enumerate(schedule.days):
        timeline = laid_out[index]
        times = timeline.scene_times()
        for number in day.scenes:
            scene = production.scene(number)
            span = spans[number]
            # The scorer's own split, so a day's rows add up to evaluate()'s day total.
            eighths, minutes = scene_share(production, scene, span, index)
            rows.append(
                {
                    "day": day.number,
                    "date": day.date,
                    "scene": scene.number,
                    "part": f"{span.index(index) + 1} of {len(span)}" if len(span) > 1 else "",
                    "start": times[number][0],
                    "end": times[number][1],
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
                    "kind": timeline.kind,
                    "call": timeline.call,
                    "wrap": timeline.wrap,
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
    ``kind`` (the day's :class:`~shootplan.schedule.DayKind`, None without scenes), ``call`` and
    ``wrap`` (aware datetimes), ``locations`` (in shooting order, ``"DINER, FARM"``), ``company_moves``,
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


def cost_summary(
    production: Production, schedule: Schedule, *, timelines: Sequence[DayTimeline] | None = None
) -> CostSummary:
    """Company moves per day, hold days and hold cost per cast member, and the totals.

    Every figure comes from :func:`shootplan.evaluate`, so the parts add up to its totals:
    ``summary.cast.hold_cost.sum() == summary.evaluation.hold_cost``. Each day's type, call and
    wrap are :func:`~shootplan.timeline.lay_out_days`' (``timelines`` when already laid out).
    """
    evaluation = evaluate(production, schedule)
    laid_out = _timelines(production, schedule, timelines)
    rules = production.rules
    day_rows = []
    for index, day in enumerate(schedule.days):
        timeline = laid_out[index]
        locations = dict.fromkeys(production.scene(n).location for n in day.scenes if production.has_scene(n))
        moves = evaluation.moves_per_day[index]
        day_rows.append(
            {
                "day": day.number,
                "date": day.date,
                "kind": timeline.kind,
                "call": timeline.call if timeline.items else None,
                "wrap": timeline.wrap if timeline.items else None,
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
            "kind",
            "call",
            "wrap",
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

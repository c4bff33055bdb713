"""Figures of a schedule: the stripboard, the cast Gantt (the DOOD at a glance), the daily load;
and of a scenario sweep: its trade-offs.

matplotlib is an optional extra (``pip install shootplan[plot]``): it is imported inside each
function, so ``import shootplan`` never pays for it. The figures are built with
:class:`matplotlib.figure.Figure` directly, not pyplot, so they hold no global state, work under
any backend (Agg on a server) and are garbage-collected like any object. Save one with
``figure.savefig("board.png", dpi=150)``; in a notebook, a Figure displays itself.

All figures read the schedule through :mod:`shootplan.reports` and :func:`shootplan.evaluate`, so
they show exactly the scorer's pages, minutes, holds and drops.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from shootplan.evaluation import evaluate
from shootplan.model import Production
from shootplan.pages import format_pages
from shootplan.palette import resolve_palette, strip_color, strip_palette_key
from shootplan.reports import DOOD_HOLIDAY, DOOD_OFF, day_out_of_days, one_liner
from shootplan.schedule import Schedule

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_cast_gantt", "plot_daily_load", "plot_stripboard", "plot_tradeoffs"]

# Cast Gantt colors by DOOD code family: work is the strong color, so a performer's span reads at
# a glance; holds (paid, idle) stand out in amber because they are what costs money; drops are a
# pale grey because they are free.
_GANTT_COLORS = {
    "work": "#1F4E79",
    "pickup": "#2E75B6",
    "hold": "#F4B183",
    "drop": "#EDEDED",
}
_OVER_CAP = "#C00000"
_UNDER_CAP = "#5B9BD5"
_MOVE = "#A5A5A5"


def _figure(width: float, height: float) -> Figure:
    """A new, free-standing Figure; a clear message when matplotlib is not installed."""
    try:
        from matplotlib.figure import Figure
    except ImportError as error:
        raise ImportError("shootplan's plots need matplotlib: pip install 'shootplan[plot]'") from error
    return Figure(figsize=(width, height), layout="constrained")


def _hex(color: str) -> str:
    """A palette's RRGGBB as matplotlib's #RRGGBB."""
    return f"#{color}"


def _text_color(color: str) -> str:
    """Black on light fills, white on dark ones, so labels stay readable on any palette."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"


def _week_starts(dates: list[date]) -> list[int]:
    """Positions of the shoot days that open a new calendar week (after the first)."""
    return [i for i in range(1, len(dates)) if dates[i].isocalendar()[:2] != dates[i - 1].isocalendar()[:2]]


def plot_stripboard(
    production: Production,
    schedule: Schedule,
    *,
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """The board as colored strips per shoot day: one column per day, strips stacked in order.

    Each strip's height is its page count (a multi-day scene shows each day's share) and its color
    the INT/EXT x DAY/NIGHT palette (:data:`shootplan.palette.DEFAULT_PALETTE`, overridable with
    ``palette``). Strips tall enough carry their scene number and cast IDs. The dashed line is the
    page cap; orange lines separate calendar weeks.
    """
    colors = resolve_palette(palette)
    strips = one_liner(production, schedule)
    dates = schedule.dates()
    num_days = max(1, len(dates))
    figure = _figure(min(4 + 0.55 * num_days, 40), 7)
    axes = figure.add_subplot()
    cap = production.rules.max_eighths_per_day / 8
    tallest = max([cap, *(strips.groupby("day")["eighths"].sum() / 8)]) if len(strips) else cap
    positions = {day.number: i for i, day in enumerate(schedule.days)}
    bottoms = dict.fromkeys(positions, 0.0)
    rows = zip(
        strips["day"].tolist(),
        strips["scene"].tolist(),
        strips["eighths"].tolist(),
        strips["cast"].tolist(),
        strict=True,
    )
    for day_number, number, eighths, cast in rows:
        color = strip_color(production.scene(number), colors)
        x, bottom, height = positions[day_number], bottoms[day_number], eighths / 8
        axes.bar(x, height, bottom=bottom, width=0.85, color=_hex(color), edgecolor="#404040", linewidth=0.6)
        _strip_label(axes, (x, bottom + height / 2), number, cast, color, height / tallest)
        bottoms[day_number] += height
    axes.axhline(cap, color="black", linestyle="--", linewidth=1)
    axes.text(
        num_days - 0.5,
        cap,
        f" cap {format_pages(production.rules.max_eighths_per_day)}",
        va="bottom",
        ha="right",
        fontsize=8,
    )
    for start in _week_starts(dates):
        axes.axvline(start - 0.5, color=_hex(colors["WEEK BREAK"]), linewidth=2)
    axes.set_xticks(
        range(len(dates)),
        [f"{day.number}\n{day.date:%a}\n{day.date:%m/%d}" for day in schedule.days],
        fontsize=7,
    )
    axes.set_xlim(-0.6, num_days - 0.4)
    axes.set_ylim(0, tallest * 1.08)
    axes.set_xlabel("shoot day")
    axes.set_ylabel("pages")
    axes.set_title(f"{production.name}: stripboard", loc="left", fontweight="bold")
    _strip_legend(axes, production, colors)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def _strip_label(
    axes: Axes, center: tuple[float, float], number: str, cast: str, color: str, share: float
) -> None:
    """A strip's scene number (and cast IDs when it is tall enough), when it has room for text."""
    # The axes is about 5.5 in tall: a line of 6.5 pt text needs ~2.5% of its height.
    if share < 0.025:
        return
    label = number
    if share >= 0.05 and cast:
        cast_text = cast if len(cast) <= 9 else cast[:8] + "\u2026"
        label = f"{number}\n{cast_text}"
    x, y = center
    axes.text(x, y, label, ha="center", va="center", fontsize=6.5, color=_text_color(color), linespacing=0.9)


def _strip_legend(axes: Axes, production: Production, colors: dict[str, str]) -> None:
    """A legend of the four conventional strip types, plus any extra palette entry a strip uses."""
    from matplotlib.patches import Patch

    kinds = ["INT DAY", "EXT DAY", "INT NIGHT", "EXT NIGHT"]
    used = {strip_palette_key(scene, colors) for scene in production.scenes}
    extra = sorted(used - set(kinds))
    handles = [Patch(facecolor=_hex(colors[k]), edgecolor="#404040", label=k) for k in kinds + extra]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)


def plot_cast_gantt(production: Production, schedule: Schedule) -> Figure:
    """The Day Out of Days at a glance: one row per cast member, one column per calendar date.

    Work days are dark blue (pickups a lighter blue), paid holds amber, drops pale grey; company
    days off are grey columns and holidays red ones. Each cell carries its DOOD code when the
    shoot is short enough for the text to fit.
    """
    dood = day_out_of_days(production, schedule)
    # The frame's columns are dates, then the totals' names; pandas-stubs types them as str.
    columns: list[object] = list(dood.columns)
    dates = [column for column in columns if isinstance(column, date)]
    labels = [production.cast_member(str(cast_id)).label for cast_id in dood.index]
    palette = resolve_palette()
    figure = _figure(min(3 + 0.28 * max(len(dates), 1), 40), 1.2 + 0.32 * max(len(labels), 1))
    from matplotlib.patches import Patch, Rectangle  # after _figure: it explains a missing matplotlib

    axes = figure.add_subplot()
    show_codes = len(dates) <= 45
    for x, day in enumerate(dates):
        codes = dood[day]
        if (codes == DOOD_OFF).all() or (codes == DOOD_HOLIDAY).all():
            fill = palette["OFF"] if codes.iloc[0] == DOOD_OFF else palette["HOLIDAY"]
            axes.add_patch(Rectangle((x, -0.5), 1, len(labels), facecolor=_hex(fill), edgecolor="none"))
            continue
        for y, code in enumerate(codes):
            kind = _gantt_kind(str(code))
            if kind is None:
                continue
            color = _GANTT_COLORS[kind]
            axes.add_patch(
                Rectangle(
                    (x + 0.04, y - 0.38),
                    0.92,
                    0.76,
                    facecolor=color,
                    # pale drop cells need an outline to stand out from the white background
                    edgecolor="#BFBFBF" if kind == "drop" else "none",
                    linewidth=0.5,
                )
            )
            if show_codes:
                axes.text(
                    x + 0.5,
                    y,
                    str(code),
                    ha="center",
                    va="center",
                    fontsize=5.5,
                    color=_text_color(color[1:]),
                )
    axes.set_xlim(0, max(len(dates), 1))
    axes.set_ylim(len(labels) - 0.5, -0.5)
    axes.set_yticks(range(len(labels)), labels, fontsize=8)
    step = 1 if len(dates) <= 31 else 7
    axes.set_xticks(
        [x + 0.5 for x in range(0, len(dates), step)],
        [f"{day:%a}\n{day:%m/%d}" for day in dates[::step]],
        fontsize=6.5,
    )
    axes.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        axes.spines[side].set_visible(False)
    axes.set_title(f"{production.name}: Day Out of Days", loc="left", fontweight="bold")
    handles = [
        Patch(facecolor=_GANTT_COLORS["work"], label="work"),
        Patch(facecolor=_GANTT_COLORS["pickup"], label="pickup"),
        Patch(facecolor=_GANTT_COLORS["hold"], label="hold (paid)"),
        Patch(facecolor=_GANTT_COLORS["drop"], edgecolor="#BFBFBF", label="drop"),
        Patch(facecolor=_hex(palette["OFF"]), label="day off"),
        Patch(facecolor=_hex(palette["HOLIDAY"]), label="holiday"),
    ]
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    return figure


def _gantt_kind(code: str) -> str | None:
    """Which color family a DOOD code belongs to (None: nothing to draw)."""
    if code in {"PW", "PWF"}:
        return "pickup"
    if code.endswith(("W", "WF")) or code == "SWF":
        return "work"
    return {"H": "hold", "D": "drop"}.get(code)


def plot_daily_load(production: Production, schedule: Schedule) -> Figure:
    """Pages and shooting minutes of each shoot day against the production's caps.

    Two panels share the shoot-day axis. Bars over a cap are red. Minutes include the time company
    moves take out of the day (the grey part of the bar), as :func:`shootplan.evaluate` counts it.
    """
    evaluation = evaluate(production, schedule)
    rules = production.rules
    week_color = resolve_palette()["WEEK BREAK"]
    days = [day.number for day in schedule.days]
    x = list(range(len(days)))
    figure = _figure(min(4 + 0.4 * max(len(days), 1), 40), 6)
    pages_axes, minutes_axes = figure.subplots(2, 1, sharex=True)
    pages = [e / 8 for e in evaluation.eighths_per_day]
    cap = rules.max_eighths_per_day / 8
    pages_axes.bar(x, pages, color=[_OVER_CAP if p > cap else _UNDER_CAP for p in pages], label="pages")
    pages_axes.axhline(cap, color="black", linestyle="--", linewidth=1, label="page cap")
    pages_axes.set_ylabel("pages")
    pages_axes.set_title(f"{production.name}: daily load", loc="left", fontweight="bold")
    _load_legend(pages_axes)

    move_minutes = [m * rules.company_move_minutes for m in evaluation.moves_per_day]
    shooting = [total - moves for total, moves in zip(evaluation.minutes_per_day, move_minutes, strict=True)]
    minute_cap = rules.max_minutes_per_day
    minute_colors = [
        _OVER_CAP if minute_cap is not None and total > minute_cap else _UNDER_CAP
        for total in evaluation.minutes_per_day
    ]
    minutes_axes.bar(x, shooting, color=minute_colors, label="shooting time")
    minutes_axes.bar(x, move_minutes, bottom=shooting, color=_MOVE, label="company moves")
    if minute_cap is not None:
        minutes_axes.axhline(minute_cap, color="black", linestyle="--", linewidth=1, label="time cap")
    minutes_axes.set_ylabel("minutes")
    _load_legend(minutes_axes)
    minutes_axes.set_xticks(x, [str(n) for n in days], fontsize=7)
    minutes_axes.set_xlabel("shoot day")
    for axes in (pages_axes, minutes_axes):
        axes.spines[["top", "right"]].set_visible(False)
        for start in _week_starts(schedule.dates()):
            axes.axvline(start - 0.5, color=_hex(week_color), linewidth=1)
    return figure


def _load_legend(axes: Axes) -> None:
    """The panel's own entries plus "over cap", outside the plot so no bar is hidden."""
    from matplotlib.patches import Patch

    handles, _ = axes.get_legend_handles_labels()
    handles.append(Patch(facecolor=_OVER_CAP, label="over cap"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)


def plot_tradeoffs(frame: pd.DataFrame) -> Figure:
    """A sweep's trade-offs (:attr:`shootplan.SweepResult.frame`): cost against shoot days, and
    hold days against company moves, one labelled point per scenario with a schedule."""
    figure = _figure(11, 4.5)
    cost_axes, hold_axes = figure.subplots(1, 2)
    found = frame[frame["cost"].notna()]
    for axes, (x, y, title) in zip(
        (cost_axes, hold_axes),
        (
            ("shoot_days", "cost", "Cost against shoot days"),
            ("company_moves", "hold_days", "Holds against moves"),
        ),
        strict=True,
    ):
        axes.scatter(found[x], found[y], color=_GANTT_COLORS["work"], zorder=3)
        # Scenarios that ended on the same figures share a point: one label names them all.
        points: dict[tuple[float, float], list[str]] = {}
        for name, row in found.iterrows():
            points.setdefault((row[x], row[y]), []).append(str(name))
        for point, names in points.items():
            axes.annotate(", ".join(names), point, textcoords="offset points", xytext=(4, 4), fontsize=8)
        axes.set_xlabel(x.replace("_", " "))
        axes.set_ylabel(y.replace("_", " "))
        axes.set_title(title)
        axes.grid(True, color="#DDDDDD", zorder=0)
    cost_axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    return figure

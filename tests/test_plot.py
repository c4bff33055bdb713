"""Figures: each plot returns a Figure that saves to a PNG matplotlib can read back."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from shootplan import Production, Schedule
from tests.conftest import report_day_lists, report_production_data

pytest.importorskip("matplotlib")

from matplotlib.figure import Figure
from matplotlib.image import imread

from shootplan.plot import plot_cast_gantt, plot_daily_load, plot_stripboard

PLOTS: dict[str, Callable[[Production, Schedule], Figure]] = {
    "stripboard": plot_stripboard,
    "cast_gantt": plot_cast_gantt,
    "daily_load": plot_daily_load,
}


@pytest.fixture(scope="session")
def plot_production() -> Production:
    """The report production: all four strip types, holds, drops, a holiday, a company move."""
    return Production.model_validate(report_production_data())


@pytest.fixture(scope="session")
def plot_schedule(plot_production: Production) -> Schedule:
    """Eleven shoot days over three calendar weeks."""
    return Schedule.from_day_lists(plot_production, report_day_lists())


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plot_saves_a_png(
    name: str, plot_production: Production, plot_schedule: Schedule, tmp_path: Path
) -> None:
    """The figure saves to a non-empty PNG that matplotlib's image reader opens."""
    figure = PLOTS[name](plot_production, plot_schedule)
    assert isinstance(figure, Figure)
    path = tmp_path / f"{name}.png"
    figure.savefig(path, dpi=60)
    assert path.stat().st_size > 1000
    image = imread(path)
    assert image.ndim == 3 and image.shape[0] > 100 and image.shape[1] > 100
    # Not a blank canvas: the strips, bars and cells put more than one color on it.
    assert len({tuple(pixel) for pixel in image.reshape(-1, image.shape[2])[::97]}) > 3


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plot_of_an_empty_schedule_does_not_fail(
    name: str, plot_production: Production, tmp_path: Path
) -> None:
    """A schedule with no days still draws (empty axes), so a notebook never breaks on it."""
    PLOTS[name](plot_production, Schedule()).savefig(tmp_path / f"{name}.png", dpi=40)


def test_plots_leave_pyplot_alone(plot_production: Production, plot_schedule: Schedule) -> None:
    """Figures are free-standing: pyplot's list of open figures stays empty."""
    from matplotlib import pyplot

    before = pyplot.get_fignums()
    for plot in PLOTS.values():
        plot(plot_production, plot_schedule)
    assert pyplot.get_fignums() == before


def test_stripboard_plot_has_a_column_per_day_and_the_page_cap(
    plot_production: Production, plot_schedule: Schedule
) -> None:
    """One tick per shoot day, the strip types in the legend and the cap line drawn."""
    axes = plot_stripboard(plot_production, plot_schedule).axes[0]
    assert len(axes.get_xticks()) == plot_schedule.num_days
    legend = axes.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["INT DAY", "EXT DAY", "INT NIGHT", "EXT NIGHT"]
    assert any(line.get_ydata()[0] == 5 for line in axes.get_lines())


def test_cast_gantt_has_a_row_per_cast_member(plot_production: Production, plot_schedule: Schedule) -> None:
    """Rows are labelled with each performer's board label, in board order."""
    axes = plot_cast_gantt(plot_production, plot_schedule).axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels == [member.label for member in plot_production.cast]


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_missing_matplotlib_says_how_to_install_it(
    name: str, plot_production: Production, plot_schedule: Schedule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without matplotlib, a plot raises ImportError naming the shootplan[plot] extra."""
    for module in ("matplotlib", "matplotlib.figure", "matplotlib.patches"):
        monkeypatch.setitem(sys.modules, module, None)  # what Python does for a missing package
    with pytest.raises(ImportError, match=r"pip install 'shootplan\[plot\]'"):
        PLOTS[name](plot_production, plot_schedule)


def test_stripboard_legend_shows_an_added_dusk_color(plot_schedule: Schedule) -> None:
    """A palette entry for EXT DUSK used by a strip gets its own legend entry."""
    data = report_production_data()
    data["scenes"][2]["time_of_day"] = "DUSK"  # scene 2, EXT
    production = Production.model_validate(data)
    figure = plot_stripboard(production, plot_schedule, palette={"EXT DUSK": "F4B6C2"})
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()][-1] == "EXT DUSK"


def test_tradeoff_plot_names_scenarios_that_share_a_point_once() -> None:
    """Two day counts that end on the same plan share one point and one label, not two labels
    printed over each other; a scenario with no schedule is not drawn."""
    from shootplan.plot import plot_tradeoffs

    frame = pd.DataFrame(
        {
            "shoot_days": [25, 25, None],
            "cost": [382_450, 382_450, None],
            "company_moves": [12, 12, None],
            "hold_days": [40, 40, None],
        },
        index=["26 days", "28 days", "24 days"],
    )
    figure = plot_tradeoffs(frame)
    for axes in figure.axes:
        assert [text.get_text() for text in axes.texts] == ["26 days, 28 days"]

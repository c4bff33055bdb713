"""Reports as DataFrames: the one-liner, the Day Out of Days and the cost summary, hand-checked."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest

from shootplan import Production, Schedule, ShootDay, evaluate
from shootplan.errors import ShootplanError
from shootplan.evaluation import cast_work
from shootplan.palette import (
    DEFAULT_PALETTE,
    DEFAULT_STRIP_COLORS,
    resolve_palette,
    strip_color,
    strip_colors,
    strip_kind,
)
from shootplan.reports import (
    DOOD_HOLIDAY,
    DOOD_OFF,
    DOOD_TOTALS,
    ONE_LINER_COLUMNS,
    clock,
    cost_summary,
    day_out_of_days,
    day_times,
    one_liner,
)
from shootplan.schedule import DayKind
from shootplan.timeline import lay_out_days
from tests.conftest import report_day_lists, report_production_data

# --------------------------------------------------------------------------- the DOOD production
# The production itself (report_production, report_schedule) is in conftest.py: the Excel and
# plot tests build on it too.


@pytest.fixture(scope="session")
def dood(report_production: Production, report_schedule: Schedule) -> pd.DataFrame:
    """The Day Out of Days of the report production's schedule."""
    return day_out_of_days(report_production, report_schedule)


def _codes(dood: pd.DataFrame, cast_id: str) -> dict[str, str]:
    """A performer's DOOD codes by ISO date, for readable assertions."""
    row = dood.loc[cast_id]
    return {column.isoformat(): str(row[column]) for column in dood.columns if isinstance(column, date)}


# --------------------------------------------------------------------------- Day Out of Days


def test_dood_shape_index_and_columns(dood: pd.DataFrame, report_production: Production) -> None:
    """One row per cast member in board order; every calendar date from first to last shoot day."""
    assert list(dood.index) == [member.id for member in report_production.cast]
    assert dood.index.name == "cast_id"
    dates = [column for column in dood.columns if isinstance(column, date)]
    assert dates == [date(2027, 3, 1) + timedelta(days=i) for i in range(16)]
    assert all(type(column) is date for column in dates)  # not pandas Timestamps
    assert list(dood.columns[len(dates) :]) == list(DOOD_TOTALS)


def test_dood_off_days_and_holiday_mark_whole_columns(dood: pd.DataFrame) -> None:
    """Weekends read "off" and the Wednesday holiday "HOL" in every row."""
    for day in ("2027-03-06", "2027-03-07", "2027-03-13", "2027-03-14"):
        assert (dood[date.fromisoformat(day)] == DOOD_OFF).all()
    assert (dood[date(2027, 3, 10)] == DOOD_HOLIDAY).all()


def test_dood_one_day_actor_is_swf(dood: pd.DataFrame) -> None:
    """ONE DAY works only Wed Mar 3: SWF there, blank on every other shoot day."""
    codes = _codes(dood, "2")
    assert codes["2027-03-03"] == "SWF"
    assert {code for day, code in codes.items() if day != "2027-03-03"} <= {"", DOOD_OFF, DOOD_HOLIDAY}
    assert dood.loc["2", ["work", "hold", "holiday", "drop", "total"]].tolist() == [1, 0, 0, 0, 1]
    assert dood.loc["2", "start"] == dood.loc["2", "finish"] == date(2027, 3, 3)


def test_dood_hold_span_across_a_weekend_holds_only_shoot_days(dood: pd.DataFrame) -> None:
    """WEEKEND works Fri and Tue: Sat and Sun are off, only Monday is a hold."""
    codes = _codes(dood, "3")
    assert [codes[d] for d in ("2027-03-05", "2027-03-06", "2027-03-07", "2027-03-08", "2027-03-09")] == [
        "SW",
        DOOD_OFF,
        DOOD_OFF,
        "H",
        "WF",
    ]
    assert dood.loc["3", ["work", "hold", "total"]].tolist() == [2, 1, 3]


def test_dood_holiday_inside_a_span_is_paid_not_held(dood: pd.DataFrame) -> None:
    """HOLIDAY works Tue and Thu: Wed is HOL, counted as a paid holiday, not a hold."""
    codes = _codes(dood, "4")
    assert [codes[d] for d in ("2027-03-09", "2027-03-10", "2027-03-11")] == ["SW", DOOD_HOLIDAY, "WF"]
    assert dood.loc["4", ["work", "hold", "holiday", "total"]].tolist() == [2, 0, 1, 3]


def test_dood_drop_pickup_that_qualifies(dood: pd.DataFrame) -> None:
    """DROPPED's 14-day gap beats the 10-day rule: D on the gap's shoot days, then PW and WF."""
    codes = _codes(dood, "5")
    assert codes["2027-03-01"] == "SW"
    gap = ["2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08", "2027-03-09"]
    assert [codes[d] for d in [*gap, "2027-03-11", "2027-03-12"]] == ["D"] * 8
    assert codes["2027-03-10"] == DOOD_HOLIDAY and codes["2027-03-13"] == DOOD_OFF
    assert codes["2027-03-15"] == "PW" and codes["2027-03-16"] == "WF"
    # The holiday falls inside the drop, so it is not paid.
    assert dood.loc["5", ["work", "hold", "holiday", "drop", "total"]].tolist() == [3, 0, 0, 8, 3]


def test_dood_drop_pickup_with_a_gap_too_short_is_held(dood: pd.DataFrame) -> None:
    """TOO SOON may be dropped, but an 8-day gap is not more than 10 days: the gap is held."""
    codes = _codes(dood, "6")
    assert [codes[d] for d in ("2027-03-01", "2027-03-02", "2027-03-05", "2027-03-08", "2027-03-09")] == [
        "SW",
        "H",
        "H",
        "H",
        "WF",
    ]
    assert "D" not in codes.values() and "PW" not in codes.values()
    assert dood.loc["6", ["work", "hold", "drop", "total"]].tolist() == [2, 5, 0, 7]


def test_dood_gap_length_is_a_per_cast_setting() -> None:
    """With a 14-day rule, DROPPED's 14-day gap no longer qualifies: held, no drop."""
    data = report_production_data()
    data["cast"][4]["min_drop_gap_days"] = 14
    production = Production.model_validate(data)
    dood = day_out_of_days(production, Schedule.from_day_lists(production, report_day_lists()))
    codes = _codes(dood, "5")
    assert codes["2027-03-15"] == "W" and "D" not in codes.values()
    assert dood.loc["5", ["hold", "holiday", "drop"]].tolist() == [8, 1, 0]


def test_dood_actor_on_two_separate_blocks_is_held_between(dood: pd.DataFrame) -> None:
    """TWO BLOCKS works Mar 1-2 and Mar 15-16: every shoot day between is a hold."""
    codes = _codes(dood, "7")
    assert [codes[d] for d in ("2027-03-01", "2027-03-02", "2027-03-15", "2027-03-16")] == [
        "SW",
        "W",
        "W",
        "WF",
    ]
    held = [d for d, code in codes.items() if code == "H"]
    assert held == [
        "2027-03-03",
        "2027-03-04",
        "2027-03-05",
        "2027-03-08",
        "2027-03-09",
        "2027-03-11",
        "2027-03-12",
    ]
    assert dood.loc["7", ["work", "hold", "holiday", "total"]].tolist() == [4, 7, 1, 12]


def test_dood_pickup_on_the_last_day_is_pwf(dood: pd.DataFrame) -> None:
    """PICKUP FINISH is dropped after day 1 and picked up on the final day: PWF."""
    codes = _codes(dood, "8")
    assert codes["2027-03-01"] == "SW" and codes["2027-03-16"] == "PWF"
    assert dood.loc["8", ["work", "drop", "total"]].tolist() == [2, 9, 2]


def test_dood_day_player_has_no_holds(dood: pd.DataFrame) -> None:
    """DAY PLAYER (no consecutive pay) shows blanks, not holds, between work days."""
    codes = _codes(dood, "9")
    assert [codes[d] for d in ("2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04")] == [
        "SW",
        "",
        "",
        "WF",
    ]
    assert dood.loc["9", ["work", "hold", "total"]].tolist() == [2, 0, 2]


def test_dood_agrees_with_cast_work(
    dood: pd.DataFrame, report_production: Production, report_schedule: Schedule
) -> None:
    """Work, hold and drop counts are cast_work's, code for code."""
    work = cast_work(report_production, report_schedule)
    for cast_id, row in dood.iterrows():
        codes = [str(row[c]) for c in dood.columns if isinstance(c, date)]
        assert sum(c in {"SW", "W", "WF", "SWF", "PW", "PWF"} for c in codes) == len(
            work[str(cast_id)].work_days
        )
        assert codes.count("H") == row["hold"] == work[str(cast_id)].num_hold_days
        assert codes.count("D") == row["drop"] == len(work[str(cast_id)].dropped_days)


def test_dood_of_an_empty_schedule_has_only_totals(report_production: Production) -> None:
    """No shoot days: a row per cast member, no date columns, zero totals."""
    dood = day_out_of_days(report_production, Schedule())
    assert list(dood.columns) == list(DOOD_TOTALS)
    assert (dood["total"] == 0).all() and dood["start"].isna().all()


# --------------------------------------------------------------------------- one-liner


def test_one_liner_rows_columns_and_day_totals(
    report_production: Production, report_schedule: Schedule
) -> None:
    """A row per strip in shooting order; pages printed as eighths; day totals on every row."""
    lines = one_liner(report_production, report_schedule)
    assert list(lines.columns) == list(ONE_LINER_COLUMNS)
    assert len(lines) == 12
    assert lines["scene"].tolist()[:3] == ["1", "1A", "2"]
    first = lines.iloc[0]
    assert (first["day"], first["date"], first["int_ext"], first["day_night"]) == (
        1,
        date(2027, 3, 1),
        "INT",
        "DAY",
    )
    assert (first["pages"], first["eighths"], first["cast"]) == ("2 3/8", 19, "1, 5, 6, 7, 8, 9")
    assert first["location"] == "HOUSE" and first["set"] == "HOUSE - KITCHEN"
    day_one = lines[lines["day"] == 1]
    assert day_one["day_pages"].unique().tolist() == ["5"] and day_one["day_eighths"].unique().tolist() == [
        40
    ]
    assert (
        lines.groupby("day")["eighths"].sum().tolist()
        == evaluate(report_production, report_schedule).eighths_per_day
    )


def test_one_liner_splits_a_multi_day_scene_into_parts(
    two_day_production: Production, two_day_schedule: Schedule
) -> None:
    """A 2-day scene of 12 pages appears on both days as part 1 of 2 and 2 of 2, 6 pages each."""
    lines = one_liner(two_day_production, two_day_schedule)
    parts = lines[lines["scene"] == "7"]
    assert parts["part"].tolist() == ["1 of 2", "2 of 2"]
    assert parts["eighths"].tolist() == [48, 48] and parts["pages"].tolist() == ["6", "6"]
    assert lines[lines["scene"] == "1"]["part"].tolist() == [""]


def test_one_liner_rejects_a_scene_the_production_lacks(small_production: Production) -> None:
    """A report on a schedule naming an unknown scene says which day and scene."""
    schedule = Schedule(days=[ShootDay(number=1, date=date(2027, 3, 1), scenes=["1", "99"])])
    with pytest.raises(ShootplanError, match="day 1 lists scene '99'"):
        one_liner(small_production, schedule)


def test_one_liner_of_an_empty_schedule_is_empty(small_production: Production) -> None:
    """No days, no rows, but every column (so filters still work)."""
    lines = one_liner(small_production, Schedule())
    assert lines.empty and list(lines.columns) == list(ONE_LINER_COLUMNS)
    assert lines[lines["day"] == 1].empty


def test_one_liner_carries_each_scenes_times_and_its_days_type_call_and_wrap(
    report_production: Production, report_schedule: Schedule
) -> None:
    """Start and end per strip, the day's type, call and wrap per row, as the timeline lays them out."""
    lines = one_liner(report_production, report_schedule).set_index("scene")
    timelines = lay_out_days(report_production, report_schedule)
    night = timelines[10]  # day 11: scene 11, EXT NIGHT
    assert lines.loc["11", "kind"] == DayKind.NIGHT and lines.loc["11", "call"] == night.call
    assert (lines.loc["11", "start"], lines.loc["11", "end"]) == night.scene_times()["11"]
    assert lines.loc["11", "call"].hour >= 16 and lines.loc["11", "wrap"].date() == date(2027, 3, 17)
    assert lines.loc["2", "kind"] == DayKind.DAY and lines.loc["2", "call"].time() == time(7, 0)
    assert lines.loc["2", "start"] == lines.loc["2", "call"]


def test_reports_lay_the_days_out_afresh_not_from_stored_times(
    report_production: Production, report_schedule: Schedule
) -> None:
    """A schedule whose night day claims a 07:00 call still reports the night call."""
    days = list(report_schedule.days)
    stale = datetime(2027, 3, 16, 7, 0).astimezone()
    days[10] = days[10].model_copy(update={"kind": DayKind.DAY, "call": stale, "wrap": stale})
    schedule = report_schedule.model_copy(update={"days": days})
    costs = cost_summary(report_production, schedule)
    assert costs.days.loc[11, "kind"] == DayKind.NIGHT and costs.days.loc[11, "call"].hour >= 16
    assert one_liner(report_production, schedule).set_index("scene").loc["11", "kind"] == DayKind.NIGHT


def test_day_times_word_the_day_and_mark_a_wrap_past_midnight(
    report_production: Production, report_schedule: Schedule
) -> None:
    """``Night shoot · Call 19:03 · Wrap 03:33 (+1)``; a day shoot at 07:00; nothing for an empty day."""
    timelines = lay_out_days(report_production, report_schedule)
    night = timelines[10]
    assert day_times(night) == f"Night shoot · Call {night.call:%H:%M} · Wrap {night.wrap:%H:%M} (+1)"
    assert clock(night.wrap, night).endswith(" (+1)") and clock(night.call, night) == f"{night.call:%H:%M}"
    assert day_times(timelines[1]).startswith("Day shoot · Call 07:00 · Wrap ")
    empty = Schedule(days=[ShootDay(number=1, date=date(2027, 3, 1))])
    assert day_times(lay_out_days(report_production, empty)[0]) == ""


# --------------------------------------------------------------------------- costs


def test_cost_summary_matches_evaluate(report_production: Production, report_schedule: Schedule) -> None:
    """Moves per day, hold days and hold cost per performer add up to evaluate's totals."""
    costs = cost_summary(report_production, report_schedule)
    evaluation = evaluate(report_production, report_schedule)
    assert costs.days["company_moves"].tolist() == evaluation.moves_per_day
    assert costs.days.loc[1, "locations"] == "HOUSE, STREET"
    assert costs.days.loc[1, "company_move_cost"] == 5000
    assert costs.cast.loc["7", "hold_days"] == 7 and costs.cast.loc["7", "hold_cost"] == 7 * 800
    assert costs.cast.loc["5", "drop_days"] == 8 and costs.cast.loc["5", "hold_cost"] == 0
    assert costs.cast["hold_cost"].sum() == pytest.approx(evaluation.hold_cost)
    assert costs.totals == evaluation.metrics()
    assert "company moves" in str(costs)
    assert list(costs.days.columns[:4]) == ["date", "kind", "call", "wrap"]
    assert costs.days.loc[2, "kind"] == DayKind.DAY and costs.days.loc[2, "call"].time() == time(7, 0)
    assert costs.days.loc[11, "kind"] == DayKind.NIGHT and costs.days.loc[11, "call"].hour >= 16


# --------------------------------------------------------------------------- strip colors


def test_strip_colors_follow_the_conventional_palette(report_production: Production) -> None:
    """INT DAY white, EXT DAY yellow, INT NIGHT blue, EXT NIGHT green, by scene."""
    kinds = {number: strip_kind(report_production.scene(number)) for number in ("1", "2", "5", "7")}
    assert kinds == {"1": "INT DAY", "2": "EXT DAY", "5": "INT NIGHT", "7": "EXT NIGHT"}
    for number, kind in kinds.items():
        assert strip_color(report_production.scene(number)) == DEFAULT_PALETTE[kind]
    assert DEFAULT_PALETTE["INT DAY"] == "FFFFFF"


def test_palette_overrides_by_type_and_by_time_of_day(small_production: Production) -> None:
    """A palette may recolor a type or add a dusk color; other types keep the default."""
    dusk = small_production.scene("2").model_copy(update={"time_of_day": "DUSK"})
    palette = {"ext dusk": "#f4b6c2", "INT NIGHT": "0000ff"}
    assert strip_color(dusk, palette) == "F4B6C2"
    assert strip_color(small_production.scene("3"), palette) == "0000FF"
    assert strip_color(small_production.scene("5"), palette) == DEFAULT_PALETTE["EXT DAY"]


def test_palette_rejects_a_color_it_cannot_read() -> None:
    """A malformed color names its palette entry."""
    with pytest.raises(ShootplanError, match="palette entry 'EXT DAY'"):
        resolve_palette({"EXT DAY": "yellowish"})


def test_template_strip_colors_derive_from_the_report_palette(report_production: Production) -> None:
    """The workbook template colors a strip as the reports do: one default palette, one source."""
    for number in ("1", "2", "5", "7"):
        scene = report_production.scene(number)
        assert DEFAULT_STRIP_COLORS[(scene.is_exterior, scene.is_night)] == strip_color(scene)
    pink = strip_colors(resolve_palette({"EXT DAY": "#ffc0cb"}))
    assert pink[(True, False)] == "FFC0CB" and pink[(False, False)] == DEFAULT_PALETTE["INT DAY"]

"""The call sheet's contents: scenes, cast calls, DOOD codes, holds, light, advance, day types."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from shootplan import DayKind, Production, Schedule, ShootplanError, day_out_of_days
from shootplan.call_sheet import DEFAULT_MAKEUP_MINUTES, DEFAULT_PICKUP_MINUTES, call_sheet, call_sheets
from shootplan.io.callsheet import call_sheet_html
from shootplan.io.callsheet.words import advance_kind_word, sheet_kind_word
from shootplan.timeline import clock_type, lay_out_days


@pytest.mark.slow
def test_example_day_one_holds_the_day_in_order(example_plan: tuple[Production, Schedule]) -> None:
    """Day 1 of the example lists every scene of the day in shooting order, with its start."""
    production, schedule = example_plan
    sheet = call_sheet(production, schedule, 1)
    day = schedule.days[0]
    assert [s.number for s in sheet.scenes] == list(dict.fromkeys(day.scenes))
    assert sheet.day_of == f"Day 1 of {schedule.days[-1].number}"
    assert sheet.crew_call is not None and sheet.wrap is not None
    starts = [s.start for s in sheet.scenes]
    assert starts == sorted(starts) and starts[0] >= sheet.crew_call
    assert sheet.num_scenes == len(sheet.scenes)
    assert sheet.total_eighths == sum(production.scene(n).eighths for n in day.scenes)
    first = production.location(production.scene(day.scenes[0]).location)
    assert sheet.locations[0].name == first.name and sheet.locations[0].address == first.address
    assert sheet.locations[0].map_url.startswith("https://www.google.com/maps/search/?api=1&query=")


@pytest.mark.slow
def test_example_day_one_calls_every_performer_before_their_scene(
    example_plan: tuple[Production, Schedule],
) -> None:
    """Each performer of Day 1 is listed with the DOOD code and a call earlier than their first scene."""
    production, schedule = example_plan
    sheet = call_sheet(production, schedule, schedule.days[0].date)
    working = {c for n in schedule.days[0].scenes for c in production.scene(n).cast}
    assert {c.id for c in sheet.cast} == working
    dood = day_out_of_days(production, schedule)[schedule.days[0].date]
    for call in sheet.cast:
        first = min(s.start for s in sheet.scenes if call.id in s.cast)
        assert call.on_set == first
        assert call.makeup is not None and call.pickup is not None
        assert call.pickup < call.makeup < first
        assert call.status == dood[call.id] and call.status in {"SW", "SWF"}


@pytest.mark.slow
def test_example_holds_and_advance(example_plan: tuple[Production, Schedule]) -> None:
    """Performers on hold are listed as held, and the advance schedule is the next two days."""
    production, schedule = example_plan
    sheets = call_sheets(production, schedule)
    dood = day_out_of_days(production, schedule)
    held_days = [s for s in sheets if s.holds]
    assert held_days, "the example has hold days"
    for sheet in held_days[:3]:
        assert {h.id for h in sheet.holds} == {i for i, code in dood[sheet.date].items() if code == "H"}
        assert all(h.status == "H" and h.on_set is None for h in sheet.holds)
    first = sheets[0]
    assert [a.number for a in first.advance] == [2, 3]
    assert [[s.number for s in a.scenes] for a in first.advance] == [
        list(dict.fromkeys(d.scenes)) for d in schedule.days[1:3]
    ]


def test_night_day_calls_after_the_rest(day_then_night: tuple[Production, Schedule]) -> None:
    """A night day calls the crew in the afternoon or evening, after the last wrap plus turnaround."""
    production, schedule = day_then_night
    day, night = call_sheets(production, schedule, [1, 2])
    assert night.day_type is DayKind.NIGHT and day.day_type is DayKind.DAY
    assert night.crew_call is not None and day.wrap is not None
    assert night.crew_call.hour >= 12
    rest = timedelta(hours=production.rules.turnaround.rest_hours)
    assert night.crew_call >= day.wrap + rest
    assert night.scenes[0].start >= night.sunset


def test_lead_times_and_holds(day_then_night: tuple[Production, Schedule]) -> None:
    """Own and default lead times set makeup and pickup; a performer between work days is on hold."""
    production, schedule = day_then_night
    night = call_sheet(production, schedule, 2)
    calls = {c.id: c for c in night.cast}
    ann, bo = calls["1"], calls["2"]
    assert ann.on_set is not None and ann.makeup == ann.on_set - timedelta(minutes=90)
    assert ann.pickup == ann.on_set - timedelta(minutes=90 + DEFAULT_PICKUP_MINUTES)
    assert bo.makeup == night.scenes[0].start - timedelta(minutes=DEFAULT_MAKEUP_MINUTES)
    assert bo.pickup == night.scenes[0].start - timedelta(minutes=DEFAULT_MAKEUP_MINUTES + 45)
    assert (ann.status, bo.status) == ("WF", "SWF")
    assert [(h.id, h.status, h.minor) for h in night.holds] == [("3", "H", True)]


def test_locations_moves_notes_and_totals(day_then_night: tuple[Production, Schedule]) -> None:
    """A location's parking and hospital are printed; a minor on set gets a note; totals add up."""
    production, schedule = day_then_night
    first = call_sheet(production, schedule, 1)
    farm = first.locations[0]
    assert (farm.parking, farm.hospital) == ("Lot B behind the silo", "Columbia Memorial, 71 Prospect Ave")
    assert farm.map_url.endswith("query=42.250000%2C-73.790000")
    assert any("Minors on set" in note for note in first.notes)
    assert (first.num_scenes, first.total_pages, first.moves) == (1, "5", ())
    barn = call_sheet(production, schedule, 3).locations[0]
    assert barn.map_url.endswith("query=3+Barn+Lane%2C+Hudson%2C+NY")


def test_timeline_is_shared(day_then_night: tuple[Production, Schedule]) -> None:
    """The sheet's call, wrap and scene starts are the timeline's (the calendars print the same)."""
    production, schedule = day_then_night
    timeline = lay_out_days(production, schedule)[1]
    sheet = call_sheet(production, schedule, 2)
    assert (sheet.crew_call, sheet.wrap) == (timeline.call, timeline.wrap)
    assert sheet.scenes[0].start == timeline.scene_times()["2"][0]


def test_sunrise_and_sunset_match_astrals_documented_example() -> None:
    """London, 2009-04-22: sunrise 04:50:16 and sunset 19:08:41 UTC (astral's documentation)."""
    production = Production.model_validate(
        {
            "name": "London",
            "calendar": {"start": "2009-04-22", "time_zone": "Europe/London"},
            "scenes": [{"number": "1", "int_ext": "EXT", "set": "EMBANKMENT", "eighths": 8}],
            "locations": [{"name": "EMBANKMENT", "latitude": 51.5, "longitude": -0.116}],
        }
    )
    sheet = call_sheet(production, Schedule.from_day_lists(production, [["1"]]), 1)
    utc = ZoneInfo("UTC")
    for got, expected in (
        (sheet.sunrise, datetime(2009, 4, 22, 4, 50, 16, tzinfo=utc)),
        (sheet.sunset, datetime(2009, 4, 22, 19, 8, 41, tzinfo=utc)),
    ):
        assert abs(got - expected) <= timedelta(minutes=2)
    assert sheet.sun_known and sheet.clock(sheet.sunrise) == "05:50"


def test_unknown_day_is_named(day_then_night: tuple[Production, Schedule]) -> None:
    """Asking for a day the schedule lacks names it and the days there are."""
    production, schedule = day_then_night
    with pytest.raises(ShootplanError, match=r"no shoot day 9 \(it has days 1-3\)"):
        call_sheet(production, schedule, 9)
    with pytest.raises(ShootplanError, match="on 2030-01-01"):
        call_sheet(production, schedule, date(2030, 1, 1))


@pytest.fixture(scope="module")
def interiors_after_a_night() -> tuple[Production, Schedule]:
    """A long EXT NIGHT on day 1, then a long all-interior day 2 that turnaround pushes to the night."""
    production = Production.model_validate(
        {
            "name": "After the night",
            "calendar": {"start": "2027-06-07", "time_zone": "America/New_York"},
            "scenes": [
                {
                    "number": "1",
                    "int_ext": "EXT",
                    "set": "FARM - YARD",
                    "time_of_day": "NIGHT",
                    "eighths": 48,
                    "cast": ["1"],
                },
                {"number": "2", "int_ext": "INT", "set": "FARM - KITCHEN", "eighths": 48, "cast": ["1"]},
            ],
            "cast": [{"id": "1", "name": "Ann Lead", "character": "MAGGIE"}],
            "locations": [{"name": "FARM", "latitude": 42.25, "longitude": -73.79}],
        }
    )
    return production, Schedule.from_day_lists(production, [["1"], ["2"]])


def test_interiors_called_at_night_read_as_a_night_shoot(
    interiors_after_a_night: tuple[Production, Schedule],
) -> None:
    """Interiors that the rest after a night pushes to an evening call print as a night of interiors.

    Regression: the type came from the exteriors' light alone, so such a day said "Day shoot".
    """
    production, schedule = interiors_after_a_night
    night, interiors = call_sheets(production, schedule)
    assert interiors.crew_call is not None and interiors.crew_call.hour >= 15
    assert (interiors.day_type, interiors.interiors_only) == (DayKind.NIGHT, True)
    assert sheet_kind_word(interiors) == "Night shoot (interiors)"
    for page in (call_sheet_html(interiors), call_sheet_html(night)):
        assert "Night shoot (interiors)" in page and "Day shoot" not in page
    assert (night.advance[0].kind, night.advance[0].interiors_only) == (DayKind.NIGHT, True)


@pytest.mark.parametrize(
    ("call", "wrap", "expected"),
    [
        ((7, 0), (18, 0), DayKind.DAY),
        ((7, 0), (23, 30), DayKind.DAY),  # a long day is still a day shoot
        ((14, 30), (16, 30), DayKind.DAY),  # a short afternoon never reaches the dark
        ((11, 45), (22, 30), DayKind.SPLIT),
        ((15, 0), (23, 0), DayKind.NIGHT),
        ((19, 0), (5, 45), DayKind.NIGHT),
        ((10, 0), (3, 0), DayKind.NIGHT),  # a wrap well past midnight
    ],
)
def test_clock_type_reads_the_day_as_an_ad_would(
    call: tuple[int, int], wrap: tuple[int, int], expected: DayKind
) -> None:
    """A call in the late afternoon or evening, or a wrap well past midnight, is a night shoot."""
    zone = ZoneInfo("Europe/Berlin")
    on = date(2027, 3, 29)  # the day after the spring DST change: the clock, not elapsed hours
    called = datetime(on.year, on.month, on.day, *call, tzinfo=zone)
    wrapped = datetime(on.year, on.month, on.day, *wrap, tzinfo=zone)
    if wrapped <= called:
        wrapped += timedelta(days=1)
    assert clock_type(called, wrapped, on, zone) is expected


@pytest.mark.slow
def test_example_day_types_agree_with_the_call(example_plan: tuple[Production, Schedule]) -> None:
    """Every sheet of the example prints a type its crew call agrees with, header and advance alike.

    Regression: interior days called at 17:00 and wrapping at 03:45 (+1) printed "Day shoot".
    """
    production, schedule = example_plan
    sheets = call_sheets(production, schedule)
    printed = {s.day_number: sheet_kind_word(s) for s in sheets}
    for sheet in sheets:
        assert sheet.crew_call is not None and sheet.wrap is not None
        call = sheet.crew_call.astimezone(sheet.zone)
        late_wrap = sheet.wrap.astimezone(sheet.zone) >= datetime.combine(
            sheet.date + timedelta(days=1), time(3), tzinfo=sheet.zone
        )
        words = printed[sheet.day_number]
        if call.hour < 11 and not late_wrap:  # a morning call: a day, or a split day running past dark
            assert words in ("Day shoot", "Split day"), (sheet.day_of, sheet.clock(call))
        if call.hour >= 15 or late_wrap:
            assert words.startswith(("Night shoot", "Split day")), (sheet.day_of, sheet.clock(call))
        header = f"{sheet.date.day}, {sheet.date.year} &middot; {words}</p>"
        assert header in call_sheet_html(sheet), sheet.day_of
        for later in sheet.advance:
            assert advance_kind_word(later) == printed[later.number]
    assert "Night shoot (interiors)" in printed.values()

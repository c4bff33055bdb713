"""Calendar feeds for crew phones: validity from outside, identity, revisions, content, files."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from shootplan import Production, Schedule, ShootDay, evaluate, example_production
from shootplan.errors import ShootplanError
from shootplan.evaluation import cast_work
from shootplan.io.ics import (
    SkipReason,
    cast_calendar,
    feed_file_names,
    lint_ics,
    location_calendar,
    unit_calendar,
    write_calendars,
)
from shootplan.sun import sun_at
from shootplan.timeline import lay_out_days
from tests.conftest import small_production_data
from tests.io.ics.calendar_helpers import LATER, LATEST, STAMP, assert_valid_feed, located_data, packed_days

NEW_YORK = ZoneInfo("America/New_York")


# --------------------------------------------------------------------------- helpers


def anchor(scenes: list[str]) -> str:
    """The scene that names a day (the documented rule: smallest SHA-256 of the number)."""
    return min(scenes, key=lambda n: hashlib.sha256(n.encode()).digest())


def sort_key(number: str) -> bytes:
    """The fixed order of scene numbers that picks a day's anchor."""
    return hashlib.sha256(number.encode()).digest()


def move(days: list[list[str]], number: str, to: int) -> list[list[str]]:
    """The day lists with one scene moved to the end of day position ``to``."""
    moved = [[n for n in day if n != number] for day in days]
    moved[to].append(number)
    return moved


def events(calendar: icalendar.Calendar | bytes) -> dict[str, icalendar.Event]:
    """UID -> VEVENT of a calendar (or its text)."""
    if isinstance(calendar, bytes):
        calendar = icalendar.Calendar.from_ical(calendar)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def day_of(event: icalendar.Event) -> date:
    """The date an event starts on (all-day or timed)."""
    start = event.decoded("DTSTART")
    return start.date() if isinstance(start, datetime) else start


def content(event: icalendar.Event) -> tuple[str, ...]:
    """What a subscriber sees of an event, as text, compared independently of the library."""
    names = ("SUMMARY", "DTSTART", "DTEND", "LOCATION", "GEO", "DESCRIPTION", "STATUS", "TRANSP")
    texts = [event[n].to_ical() if n in event else "" for n in names]
    return tuple(t.decode() if isinstance(t, bytes) else t for t in texts)


def sequences(path: Path) -> dict[str, int]:
    """UID -> SEQUENCE of a feed file."""
    return {uid: int(e["SEQUENCE"]) for uid, e in events(path.read_bytes()).items()}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def example() -> Production:
    """The bundled feature: 119 scenes, 28 cast, 15 locations in New York State, Mon-Fri."""
    return example_production()


@pytest.fixture(scope="session")
def example_days(example: Production) -> list[list[str]]:
    """The example's scenes packed in script order under the 5-page cap (24 shoot days)."""
    return packed_days(example)


@pytest.fixture(scope="session")
def example_schedule(example: Production, example_days: list[list[str]]) -> Schedule:
    """The packed example schedule, made 2027-02-01 09:00 UTC."""
    return Schedule.from_day_lists(example, example_days, created=STAMP)


@pytest.fixture(scope="session")
def located() -> Production:
    """Six scenes at a diner, a farm and a clinic with addresses; NORA, ELIAS, MAE; New York."""
    return Production.model_validate(located_data())


@pytest.fixture(scope="session")
def example_feeds(
    tmp_path_factory: pytest.TempPathFactory, example: Production, example_schedule: Schedule
) -> list[Path]:
    """Every feed file the example production's packed schedule produces."""
    return list(write_calendars(example, example_schedule, tmp_path_factory.mktemp("feeds")).paths)


# --------------------------------------------------------------------------- validity


@pytest.mark.slow
def test_every_example_feed_passes_independent_checks(example: Production, example_feeds: list[Path]) -> None:
    """vobject, ical, icalendar and the raw lint accept every feed, with the right event count."""
    work = cast_work(example, Schedule.from_day_lists(example, packed_days(example)))
    names = feed_file_names(example)
    expected: dict[str, int] = {"unit.ics": len(packed_days(example))}
    for member in example.cast:
        days = len(work[member.id].work_days) + len(work[member.id].hold_days)
        if days:
            expected[names[f"cast/{member.id}"]] = days
    assert sorted(p.name for p in example_feeds) == sorted(
        [*expected, *(p.name for p in example_feeds if p.name.startswith("location-"))]
    )
    assert len([p for p in example_feeds if p.name.startswith("location-")]) == len(example.locations)
    for path in example_feeds:
        count = assert_valid_feed(path.read_bytes(), name=path.name)
        if path.name in expected:
            assert count == expected[path.name], path.name


def test_calendar_level_properties(example: Production, example_schedule: Schedule) -> None:
    """PUBLISH with an ORGANIZER and no ATTENDEE, names, refresh hints, zone hint, no COMMENT."""
    text = unit_calendar(example, example_schedule, organizer="office@marlowfalls.example").to_ical()
    lines = text.decode().split("\r\n")
    for line in (
        "VERSION:2.0",
        "METHOD:PUBLISH",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
        "X-WR-TIMEZONE:America/New_York",
        "NAME:Low Water at Marlow Falls · Unit",
        "X-WR-CALNAME:Low Water at Marlow Falls · Unit",
    ):
        assert line in lines
    assert any(line.startswith("PRODID:") and "shootplan" in line for line in lines)
    assert any(line.startswith("X-WR-CALDESC:") for line in lines)
    calendar = icalendar.Calendar.from_ical(text)
    for event in calendar.walk("VEVENT"):
        assert str(event["ORGANIZER"]) == "mailto:office@marlowfalls.example"
        assert "ATTENDEE" not in event
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["America/New_York"]
    assert "COMMENT" not in zones[0]


# --------------------------------------------------------------------------- identity


@pytest.mark.slow
def test_export_twice_gives_identical_bytes(
    tmp_path: Path, example: Production, example_schedule: Schedule, example_feeds: list[Path]
) -> None:
    """Same schedule, same bytes: in memory, in another folder, and re-written in place."""
    assert unit_calendar(example, example_schedule).to_ical() == (
        unit_calendar(example, example_schedule).to_ical()
    )
    elsewhere = write_calendars(example, example_schedule, tmp_path)
    assert [p.read_bytes() for p in elsewhere.paths] == [p.read_bytes() for p in example_feeds]
    assert set(elsewhere.states.values()) == {"new"}
    stamps = {p: p.stat().st_mtime_ns for p in example_feeds}
    again = write_calendars(example, example_schedule, example_feeds[0].parent)
    assert list(again.paths) == example_feeds
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": len(example_feeds)}
    assert {p: p.stat().st_mtime_ns for p in again.paths} == stamps  # not even rewritten
    assert not list(tmp_path.glob(".*.tmp"))


def _non_anchor_move(days: list[list[str]]) -> tuple[str, int, int]:
    """A scene, its day and a target day such that no day's anchor scene changes."""
    for a, scenes in enumerate(days):
        for number in scenes:
            if number == anchor(scenes) or len(scenes) < 2:
                continue
            for b in range(a + 2, len(days)):
                if sort_key(number) > sort_key(anchor(days[b])):
                    return number, a, b
    raise AssertionError("no such move in the example")


def _anchor_move(days: list[list[str]]) -> tuple[str, int, int]:
    """A day's anchor scene and a target day where it becomes the anchor too."""
    for a, scenes in enumerate(days):
        number = anchor(scenes)
        if len(scenes) < 2:
            continue
        for b in range(a + 2, len(days)):
            if sort_key(number) < sort_key(anchor(days[b])):
                return number, a, b
    raise AssertionError("no such move in the example")


def test_moving_a_scene_bumps_sequence_only_on_affected_events(
    example: Production, example_days: list[list[str]], example_schedule: Schedule
) -> None:
    """Given the previous Schedule: same UIDs, SEQUENCE 1 (and new stamps) on exactly the two days
    that changed; the others keep their bytes."""
    number, a, b = _non_anchor_move(example_days)
    moved = Schedule.from_day_lists(example, move(example_days, number, b), created=LATER)
    before = events(unit_calendar(example, example_schedule))
    after = events(unit_calendar(example, moved, previous=example_schedule))
    assert set(after) == set(before)
    bumped = {uid for uid, e in after.items() if int(e["SEQUENCE"]) > 0}
    changed_days = {
        uid for uid, e in before.items() if e["SUMMARY"].startswith((f"Day {a + 1} ", f"Day {b + 1} "))
    }
    assert bumped == changed_days and len(bumped) == 2
    for uid, event in after.items():
        if uid in bumped:
            assert event.decoded("LAST-MODIFIED") == LATER
        else:
            assert content(event) == content(before[uid])
            assert event.decoded("LAST-MODIFIED") == STAMP
        assert event.decoded("DTSTAMP") == event.decoded("LAST-MODIFIED")


def test_every_feed_bumps_exactly_the_events_whose_content_changed(
    example: Production, example_days: list[list[str]], example_schedule: Schedule
) -> None:
    """In every cast and location feed, SEQUENCE rises iff what the subscriber sees changed."""
    number, a, b = _non_anchor_move(example_days)
    moved = Schedule.from_day_lists(example, move(example_days, number, b), created=LATER)
    affected_dates = {example_schedule.days[a].date, example_schedule.days[b].date}
    feeds: list[Callable[..., icalendar.Calendar]] = []
    feeds += [
        lambda s, c=c.id, **k: cast_calendar(example, s, c, **k)
        for c in example.cast
        if c.id in example.scene(number).cast
    ]
    feeds += [lambda s, **k: location_calendar(example, s, example.scene(number).location, **k)]
    for feed in feeds:
        before = events(feed(example_schedule))
        after = events(feed(moved, previous=example_schedule))
        for uid, event in after.items():
            sequence = int(event["SEQUENCE"])
            if uid not in before:
                assert sequence == 0  # a new event (e.g. a new hold day)
            elif str(event["STATUS"]) == "CANCELLED":
                assert sequence == 1 and str(event["SUMMARY"]).startswith("CANCELLED - ")
            else:
                assert sequence == (1 if content(event) != content(before[uid]) else 0)
            if sequence and uid in before and str(event["STATUS"]) != "CANCELLED":
                assert day_of(event) in affected_dates, event["SUMMARY"]


@pytest.mark.slow
def test_moving_an_anchor_scene_keeps_every_uid_when_the_feed_is_known(
    tmp_path: Path, example: Production, example_days: list[list[str]], example_schedule: Schedule
) -> None:
    """With the published files in the folder, even moving the scene that names a day keeps UIDs."""
    number, a, b = _anchor_move(example_days)
    write_calendars(example, example_schedule, tmp_path)
    before = sequences(tmp_path / "unit.ics")
    moved = Schedule.from_day_lists(example, move(example_days, number, b), created=LATER)
    write_calendars(example, moved, tmp_path)
    after = events((tmp_path / "unit.ics").read_bytes())
    assert set(after) == set(before)
    bumped = sorted(str(e["SUMMARY"]).split(" · ")[0] for e in after.values() if e["SEQUENCE"])
    assert bumped == sorted([f"Day {a + 1}", f"Day {b + 1}"])
    # The previous schedule alone cannot know better: there the anchor's UID moves with it.
    alone = events(unit_calendar(example, moved, previous=example_schedule))
    assert set(alone) != set(before)


def test_sequence_keeps_counting_over_several_publishes(
    example: Production, example_days: list[list[str]], example_schedule: Schedule
) -> None:
    """A scene moved away and back, each publish given the last feed: both days reach SEQUENCE 2."""
    number, a, b = _anchor_move(example_days)
    first = unit_calendar(example, example_schedule).to_ical()
    away = Schedule.from_day_lists(example, move(example_days, number, b), created=LATER)
    second = unit_calendar(example, away, previous=first).to_ical()
    back_days = move(move(example_days, number, b), number, a)
    back = Schedule.from_day_lists(example, back_days, created=LATEST)
    last = events(unit_calendar(example, back, previous=second))
    assert set(last) == set(events(first))
    assert sorted(int(e["SEQUENCE"]) for e in last.values()) == [0] * (len(last) - 2) + [2, 2]
    assert {e.decoded("LAST-MODIFIED") for e in last.values()} == {STAMP, LATEST}


@pytest.mark.slow
def test_a_removed_day_is_cancelled_once_then_kept_until_pruned(
    example: Production, example_days: list[list[str]], example_schedule: Schedule
) -> None:
    """Day 3 is cut (its scenes too): its event comes back CANCELLED with the same UID."""
    shorter = Schedule.from_day_lists(example, example_days[:2] + example_days[3:], created=LATER)
    gone = example_schedule.days[2]
    first = unit_calendar(example, example_schedule).to_ical()
    old = events(first)
    second = unit_calendar(example, shorter, previous=first).to_ical()
    assert_valid_feed(second, name="unit.ics")
    new = events(second)
    assert set(new) == set(old)
    cancelled = [e for e in new.values() if str(e["STATUS"]) == "CANCELLED"]
    assert len(cancelled) == 1
    (event,) = cancelled
    assert event.decoded("DTSTART").date() == gone.date
    assert int(event["SEQUENCE"]) == 1
    assert str(event["SUMMARY"]) == "CANCELLED - " + str(old[str(event["UID"])]["SUMMARY"])
    assert str(event["TRANSP"]) == "TRANSPARENT"
    # Publishing the same schedule again changes nothing, the cancellation included.
    assert unit_calendar(example, shorter, previous=second).to_ical() == second
    # Pruning the past drops it, with the days before the cut.
    since = gone.date + timedelta(days=1)
    pruned = events(unit_calendar(example, shorter, previous=second, since=since))
    assert str(event["UID"]) not in pruned
    assert all(e.decoded("DTSTART").date() >= since for e in pruned.values())


def test_schedule_and_feed_as_previous_agree_for_one_revision(
    example: Production, example_days: list[list[str]], example_schedule: Schedule
) -> None:
    """One revision after a first publish, the previous Schedule or its feed give the same bytes."""
    number, _, b = _non_anchor_move(example_days)
    moved = Schedule.from_day_lists(example, move(example_days, number, b), created=LATER)
    published = unit_calendar(example, example_schedule).to_ical()
    by_schedule = unit_calendar(example, moved, previous=example_schedule).to_ical()
    assert unit_calendar(example, moved, previous=published).to_ical() == by_schedule


def test_production_id_keeps_uids_when_the_title_changes(
    example: Production, example_schedule: Schedule
) -> None:
    """A renamed production keeps its UIDs when given its old name as production_id."""
    renamed = example.replace(name="Marlow Falls")
    old = events(unit_calendar(example, example_schedule))
    kept = events(unit_calendar(renamed, example_schedule, production_id=example.name))
    fresh = events(unit_calendar(renamed, example_schedule))
    assert set(kept) == set(old) and not set(fresh) & set(old)


def test_days_of_a_multi_day_scene_have_their_own_uids(located: Production) -> None:
    """A two-day scene: two days, two UIDs, each described as its part."""
    data = located_data()
    data["scenes"][4]["shoot_days"] = 2
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["5"], ["5"], ["2", "3", "6"]], created=STAMP)
    found = events(unit_calendar(production, schedule))
    assert len(found) == 4
    descriptions = [str(e["DESCRIPTION"]) for e in found.values()]
    assert sum("Sc. 5 (day 1 of 2)" in d for d in descriptions) == 1
    assert sum("Sc. 5 (day 2 of 2)" in d for d in descriptions) == 1


# --------------------------------------------------------------------------- content


def test_unit_day_content(located: Production) -> None:
    """Summary, address, GEO, times from the rules (meal, company move) and scenes in order."""
    schedule = Schedule.from_day_lists(located, [["1", "2"], ["4", "5"], ["3", "6"]], created=STAMP)
    calendar = unit_calendar(located, schedule, call_sheet_url="https://x.example/day-{number}")
    first = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Day 1 "))
    assert str(first["SUMMARY"]) == "Day 1 · Call 07:00 · DINER → FARM"
    assert str(first["LOCATION"]) == "2 Railroad Avenue, Chatham, NY 12037"
    assert (first["GEO"].latitude, first["GEO"].longitude) == (42.3643, -73.5946)
    assert str(first["URL"]) == "https://x.example/day-1"
    # 2 pages at 120 min a page, a 60 min move, 1 4/8 pages: 480 min of work, as evaluate() counts,
    # over six hours so a meal hour is added: 07:00 + 9 h.
    assert evaluate(located, schedule).minutes_per_day[0] == 480
    assert first.decoded("DTSTART") == datetime(2027, 3, 1, 7, tzinfo=NEW_YORK)
    assert first.decoded("DTEND") == datetime(2027, 3, 1, 16, tzinfo=NEW_YORK)
    assert first["DTSTART"].to_ical() == b"20270301T070000"
    assert first["DTSTART"].params["TZID"] == "America/New_York"
    lines = str(first["DESCRIPTION"]).split("\n")
    timeline = [line for line in lines if re.match(r"^\d\d:\d\d  ", line)]
    assert timeline == [
        "07:00  Sc. 1 · INT. DINER - BOOTH - DAY · 2 pgs · cast 1, 2",
        "11:00  Meal · 60 min",
        "12:00  Company move to FARM · 60 min · 90 Farm Road, Ghent, NY 12075",
        "13:00  Sc. 2 · EXT. FARM - FIELD - DAY · 1 4/8 pgs · cast 1",
        "16:00  Estimated wrap",
    ]
    assert "Cast: 1. NORA, 2. ELIAS" in lines
    short = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Day 3 "))
    # 3/8 + 1 page: 165 min, under six hours: no meal.
    assert short.decoded("DTEND") == datetime(2027, 3, 3, 9, 45, tzinfo=NEW_YORK)
    assert "Meal" not in str(short["DESCRIPTION"])


def test_times_are_in_the_location_zone_with_its_vtimezone() -> None:
    """A location in Berlin: its own TZID and VTIMEZONE; the calendar zone stays the hint."""
    data = located_data()
    data["locations"][0]["time_zone"] = "Europe/Berlin"
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5", "3", "6"]], created=STAMP)
    text = unit_calendar(production, schedule).to_ical()
    assert_valid_feed(text)
    calendar = icalendar.Calendar.from_ical(text)
    assert sorted(str(z["TZID"]) for z in calendar.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Berlin",
    ]
    berlin = next(e for e in calendar.walk("VEVENT") if "DINER" in str(e["SUMMARY"]))
    assert berlin.decoded("DTSTART") == datetime(2027, 3, 1, 7, tzinfo=ZoneInfo("Europe/Berlin"))
    assert b"X-WR-TIMEZONE:America/New_York" in text


def test_night_shoot_across_the_dst_change_wraps_at_the_right_hour() -> None:
    """A night shoot calls at dark (the quarter hour after sunset) on the eve of the spring change;
    10 h later is an hour later on the clock (EDT), not the naive wall-clock sum."""
    data = located_data()
    data["calendar"].update(start="2027-03-13", weekdays="Mon-Sat")
    data["scenes"][2].update(minutes=540, int_ext="EXT", time_of_day="NIGHT")  # 9 h plus the meal
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["3"]], created=STAMP)
    (event,) = events(unit_calendar(production, schedule)).values()
    sunset = sun_at(production, production.scene("3").location, date(2027, 3, 13)).sunset
    start = event.decoded("DTSTART")
    assert sunset <= start < sunset + timedelta(minutes=15) and start.minute % 15 == 0  # on the quarter
    assert start.tzinfo == NEW_YORK and 17 <= sunset.hour <= 18
    elapsed = event.decoded("DTEND").astimezone(UTC) - event.decoded("DTSTART").astimezone(UTC)
    assert elapsed == timedelta(hours=10)
    wall = event.decoded("DTEND").replace(tzinfo=None) - event.decoded("DTSTART").replace(tzinfo=None)
    assert wall == timedelta(hours=11)
    # A lone long scene: the meal falls in its middle, the rest of the scene follows it.
    timeline = [line for line in str(event["DESCRIPTION"]).split("\n") if re.match(r"^\d\d:\d\d", line)]
    assert [line.split(" · ")[0].split("  ")[1] for line in timeline] == [
        "Sc. 3",
        "Meal",
        "Sc. 3",
        "Estimated wrap",
    ]
    assert timeline[2].endswith("(cont.) · cast 2, 3")


@pytest.mark.slow
def test_cast_feeds_hold_exactly_the_work_and_hold_days_of_the_dood(
    example: Production, example_schedule: Schedule
) -> None:
    """Every performer: timed events on work days, all-day busy holds on hold days, nothing else."""
    work = cast_work(example, example_schedule)
    dates = example_schedule.dates()
    for member in example.cast:
        mine = work[member.id]
        if not mine.work_days:
            with pytest.raises(ShootplanError, match="no work or hold days"):
                cast_calendar(example, example_schedule, member.id)
            continue
        found = events(cast_calendar(example, example_schedule, member.id)).values()
        timed = sorted(e.decoded("DTSTART").date() for e in found if "Hold" not in e["SUMMARY"])
        holds = [e for e in found if str(e["SUMMARY"]).startswith("Hold · ")]
        assert timed == [dates[i] for i in mine.work_days], member.id
        assert sorted(e.decoded("DTSTART") for e in holds) == [dates[i] for i in mine.hold_days]
        assert len(timed) + len(holds) == len(found)
        for hold in holds:
            assert hold["DTSTART"].params["VALUE"] == "DATE"
            assert hold.decoded("DTEND") == hold.decoded("DTSTART") + timedelta(days=1)
            assert str(hold["TRANSP"]) == "OPAQUE"


def test_drop_periods_stay_free_and_holds_are_busy(located: Production) -> None:
    """MAE is dropped across a 14-day gap (no events); ELIAS, not droppable, is held around."""
    data = located_data()
    data["cast"][2].update(drop_pickup=True, min_drop_gap_days=10)
    production = Production.model_validate(data)
    dates = ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-15"]
    scenes = [["4"], ["1"], ["2"], ["5"], ["6"], ["3"]]
    schedule = Schedule(
        created=STAMP,
        days=[
            ShootDay(number=i + 1, date=date.fromisoformat(d), scenes=s)
            for i, (d, s) in enumerate(zip(dates, scenes, strict=True))
        ],
    )
    work = cast_work(production, schedule)
    assert work["3"].dropped_days == (1, 2, 3, 4) and not work["3"].hold_days
    mae = events(cast_calendar(production, schedule, "3")).values()
    assert sorted(e.decoded("DTSTART").date() for e in mae) == [date(2027, 3, 1), date(2027, 3, 15)]
    elias = events(cast_calendar(production, schedule, "2")).values()
    held = sorted(e.decoded("DTSTART") for e in elias if str(e["SUMMARY"]).startswith("Hold"))
    assert held == [date(2027, 3, 3), date(2027, 3, 5)]  # day 4 he works scene 5


def test_location_feed_has_one_event_per_stay(located: Production) -> None:
    """The farm is visited once on day 1 (after a move) and once on day 2 (from call)."""
    schedule = Schedule.from_day_lists(located, [["1", "2"], ["5", "4"], ["3", "6"]], created=STAMP)
    found = sorted(
        events(location_calendar(located, schedule, "FARM")).values(),
        key=lambda e: e.decoded("DTSTART"),
    )
    assert [str(e["SUMMARY"]) for e in found] == [
        "Day 1 · From 13:00 · FARM",
        "Day 2 · Call 07:00 · FARM",
    ]
    assert found[0].decoded("DTEND") == datetime(2027, 3, 1, 16, tzinfo=NEW_YORK)
    # 2 pages, then the meal at the farm, then the move to the diner at 12:00.
    assert found[1].decoded("DTEND") == datetime(2027, 3, 2, 12, tzinfo=NEW_YORK)


# --------------------------------------------------------------------------- files and errors


def test_file_names_are_predictable_and_safe_everywhere() -> None:
    """Quotes, slashes, accents and IDs differing only in case give distinct ASCII names."""
    data = small_production_data()
    data["cast"] = [
        {"id": "7", "name": "Ada Quinn", "character": "NORA"},
        {"id": "12B", "name": 'Zoë "Z" O\'Brien/Smith'},
        {"id": "a", "name": "Ørjan Æsir"},
        {"id": "A", "name": "Ørjan Æsir"},
        {"id": "9", "name": "山田"},
    ]
    for scene in data["scenes"]:
        scene["cast"] = ["7"]
    data["locations"].append({"name": 'CON: "AUX" \\ NUL?'})
    names = feed_file_names(Production.model_validate(data))
    assert names["unit"] == "unit.ics"
    assert names["cast/7"] == "cast-7-nora.ics"
    assert names["cast/12B"] == "cast-12b-zoe-z-o-brien-smith.ics"
    assert names["cast/9"] == "cast-9.ics"
    assert names['location/CON: "AUX" \\ NUL?'] == "location-con-aux-nul.ics"
    assert names["cast/a"] != names["cast/A"] and names["cast/a"].startswith("cast-a-orjan-aesir-")
    assert all(re.fullmatch(r"[a-z0-9-]{1,80}\.ics", n) for n in names.values())
    assert len({n.casefold() for n in names.values()}) == len(names)


def test_a_person_with_no_days_gets_no_file(tmp_path: Path) -> None:
    """A cast member in no scene: no (empty, invalid) file; the report says why; the call raises."""
    data = located_data()
    data["cast"].append({"id": "9", "name": "Zoë Park", "character": "DRIVER"})
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    files = write_calendars(production, schedule, tmp_path)
    assert "cast-9-driver.ics" not in {p.name for p in files.paths}
    assert not (tmp_path / "cast-9-driver.ics").exists()
    (skipped,) = files.skipped
    assert (skipped.kind, skipped.id, skipped.reason) == ("cast", "9", SkipReason.NEVER_WORKS)
    assert "cast 9 (9. DRIVER) has no work or hold days" in skipped.message
    assert {p.name for p in files.paths} >= {"unit.ics", "cast-1-nora.ics", "location-farm.ics"}
    with pytest.raises(ShootplanError, match="no work or hold days"):
        cast_calendar(production, schedule, "9")


def test_the_report_names_every_feed_left_out_and_why(tmp_path: Path) -> None:
    """A location nobody visits, locations whose days all precede since: no file, a reason each."""
    data = located_data()
    data["locations"].append({"name": "PIER"})
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    last = schedule.days[-1]
    today = {production.scene(n).location for n in last.scenes}
    gone = [loc.name for loc in production.locations[:-1] if loc.name not in today]
    files = write_calendars(production, schedule, tmp_path, since=last.date)
    reasons = {(s.kind, s.id): s.reason for s in files.skipped}
    assert reasons[("location", "PIER")] == SkipReason.NEVER_VISITED
    assert gone and all(reasons[("location", name)] == SkipReason.ALL_BEFORE_SINCE for name in gone)
    assert not (tmp_path / "location-pier.ics").exists()
    assert "1 location the unit never visits" in str(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files.paths)


def test_unit_events_follow_the_shared_timeline(located: Production) -> None:
    """Each unit event runs from the timeline's crew call to its wrap, the one estimate of the day."""
    schedule = Schedule.from_day_lists(located, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    days = lay_out_days(located, schedule)
    found = sorted(events(unit_calendar(located, schedule)).values(), key=lambda e: e.decoded("DTSTART"))
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in found] == [(d.call, d.wrap) for d in days]
    for day in days:
        assert [i.kind for i in day.items].count("scene") >= len(day.scenes)
        assert day.items[0].start == day.call and day.items[-1].end == day.wrap


def test_naive_or_missing_timestamps_are_rejected(located: Production) -> None:
    """No clock: a schedule without created needs stamp=, and a naive stamp is refused."""
    schedule = Schedule.from_day_lists(located, [["1", "2", "3", "4", "5", "6"]])
    with pytest.raises(ShootplanError, match="created"):
        unit_calendar(located, schedule)
    with pytest.raises(ShootplanError, match="no time zone"):
        unit_calendar(located, schedule, stamp=datetime(2027, 2, 1, 9))
    stamped = unit_calendar(located, schedule, stamp=datetime(2027, 2, 1, 10, tzinfo=NEW_YORK))
    (event,) = stamped.walk("VEVENT")
    assert event["DTSTAMP"].to_ical() == b"20270201T150000Z"


def test_a_shoot_day_without_scenes_is_an_all_day_placeholder(located: Production) -> None:
    """A day the AD left empty still shows on phones, as an all-day event saying so."""
    schedule = Schedule(
        created=STAMP,
        days=[
            ShootDay(number=1, date=date(2027, 3, 1), scenes=["1", "2", "3"]),
            ShootDay(number=2, date=date(2027, 3, 2), scenes=[]),
            ShootDay(number=3, date=date(2027, 3, 3), scenes=["4", "5", "6"]),
        ],
    )
    text = unit_calendar(located, schedule).to_ical()
    assert_valid_feed(text)
    empty = next(e for e in events(text).values() if "no scenes" in str(e["SUMMARY"]))
    assert str(empty["SUMMARY"]) == "Day 2 · no scenes scheduled"
    assert empty.decoded("DTSTART") == date(2027, 3, 2)


def test_another_productions_files_are_not_taken_as_history(tmp_path: Path, located: Production) -> None:
    """Feeds of a different production in the folder are replaced, their events never cancelled."""
    schedule = Schedule.from_day_lists(located, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    other = located.replace(name="Another Film")
    write_calendars(other, schedule, tmp_path)
    write_calendars(located, schedule, tmp_path)
    found = events((tmp_path / "unit.ics").read_bytes())
    assert len(found) == 3
    assert all(int(e["SEQUENCE"]) == 0 and str(e["STATUS"]) == "CONFIRMED" for e in found.values())


def test_an_unreadable_previous_feed_is_refused(located: Production) -> None:
    """Garbage given as the previous feed is an error, not a silent fresh start."""
    schedule = Schedule.from_day_lists(located, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    with pytest.raises(ShootplanError, match="previous feed"):
        unit_calendar(located, schedule, previous=b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")


def test_a_schedule_with_unknown_scenes_is_refused(located: Production) -> None:
    """A day listing a scene the production lacks cannot be described."""
    schedule = Schedule.from_day_lists(located, [["1", "99"]], created=STAMP)
    with pytest.raises(ShootplanError, match="99"):
        unit_calendar(located, schedule)


# --------------------------------------------------------------------------- lint

VALID = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//test//lint//EN\r\n"
    "METHOD:PUBLISH\r\n"
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Berlin\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19701025T030000\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:day-1\r\n"
    "DTSTAMP:20270101T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20270301T070000\r\n"
    "DTEND;TZID=Europe/Berlin:20270301T190000\r\n"
    "SUMMARY:Day 1\r\n"
    "ORGANIZER:mailto:office@example.com\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)
EVENT = VALID[VALID.index("BEGIN:VEVENT") : VALID.index("END:VCALENDAR")]


def test_lint_accepts_a_clean_calendar() -> None:
    """The hand-written reference calendar has no problem."""
    assert lint_ics(VALID) == []


@pytest.mark.parametrize(
    ("defect", "broken", "expected"),
    [
        ("bare LF", VALID.replace("\r\n", "\n"), "CRLF"),
        ("long line", VALID.replace("SUMMARY:Day 1", "SUMMARY:" + "x" * 80), "over 75"),
        ("no UID", VALID.replace("UID:day-1\r\n", ""), "exactly one UID"),
        ("no DTSTAMP", VALID.replace("DTSTAMP:20270101T000000Z\r\n", ""), "DTSTAMP"),
        ("no PRODID", VALID.replace("PRODID:-//test//lint//EN\r\n", ""), "PRODID"),
        ("duplicate UID", VALID.replace(EVENT, EVENT + EVENT), "already used"),
        ("TZID alone", VALID.replace("TZID=Europe/Berlin:", "TZID=Asia/Tokyo:"), "no VTIMEZONE"),
        ("backwards", VALID.replace("T190000", "T060000"), "DTEND is not after"),
        ("floating", VALID.replace(";TZID=Europe/Berlin:20270301T07", ":20270301T07"), "floating"),
        ("mixed", VALID.replace("DTEND;TZID=Europe/Berlin:20270301T190000", "DTEND;VALUE=DATE:20270302"),
         "not both"),
        ("no ORGANIZER", VALID.replace("ORGANIZER:mailto:office@example.com\r\n", ""), "ORGANIZER"),
        ("ATTENDEE", VALID.replace("SUMMARY:Day 1\r\n", "SUMMARY:Day 1\r\nATTENDEE:mailto:a@b.c\r\n"),
         "ATTENDEE"),
        ("COMMENT", VALID.replace("TZID:Europe/Berlin\r\n", "TZID:Europe/Berlin\r\nCOMMENT:x\r\n"),
         "may not hold COMMENT"),
        ("no event", VALID.replace(EVENT, ""), "no event"),
        ("truncated", VALID[: VALID.index("END:VEVENT")], "never closed"),
    ],
)  # fmt: skip
def test_lint_names_each_defect(defect: str, broken: str, expected: str) -> None:
    """Each defect that breaks phones is reported, with a message that says what it is."""
    problems = lint_ics(broken)
    assert any(expected in p for p in problems), (defect, problems)


def test_names_with_commas_and_semicolons_keep_their_history() -> None:
    """A location called "FARM, NORTH; 2" is still recognized in its previous feed."""
    data = located_data()
    data["locations"][1]["name"] = "FARM, NORTH; 2"
    for scene in data["scenes"]:
        if scene["set"].startswith("FARM"):
            scene["location"] = "FARM, NORTH; 2"
    production = Production.model_validate(data)
    first = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    second = Schedule.from_day_lists(production, [["1", "4"], ["5", "2"], ["3", "6"]], created=LATER)
    published = location_calendar(production, first, "FARM, NORTH; 2").to_ical()
    (event,) = events(location_calendar(production, second, "FARM, NORTH; 2", previous=published)).values()
    assert int(event["SEQUENCE"]) == 1  # the farm's scenes swapped order: a new revision


def test_a_performer_cut_from_the_schedule_gets_cancellations(tmp_path: Path, located: Production) -> None:
    """MAE's scenes are cut: her file is rewritten with every one of her days CANCELLED."""
    first = Schedule.from_day_lists(located, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    write_calendars(located, first, tmp_path)
    before = events((tmp_path / "cast-3-mae.ics").read_bytes())
    second = Schedule.from_day_lists(located, [["1"], ["2", "5"], ["6"]], created=LATER)
    files = write_calendars(located, second, tmp_path)
    assert files.states[tmp_path / "cast-3-mae.ics"] == "updated"
    text = (tmp_path / "cast-3-mae.ics").read_bytes()
    assert_valid_feed(text, name="cast-3-mae.ics")
    after = events(text)
    assert set(after) == set(before) and len(after) == 3  # work, hold, work
    assert all(str(e["STATUS"]) == "CANCELLED" and int(e["SEQUENCE"]) == 1 for e in after.values())


def test_a_minors_work_day_says_their_hours_and_an_adults_does_not() -> None:
    """A ten-year-old's event names their band, school, hours on set and work against the limit."""
    data = located_data()
    data["cast"][2].update(age=10)  # cast 3
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [["3"], ["1", "2"], ["4", "5", "6"]], created=STAMP)
    texts = [str(e["DESCRIPTION"]) for e in events(cast_calendar(production, schedule, "3")).values()]
    worked = [t for t in texts if "Your scenes:" in t]
    assert worked and all("Minor (9-15), a school day: 3 h of school on set: on set" in t for t in worked)
    assert all("(up to 5 h)" in t for t in worked)
    adult = events(cast_calendar(production, schedule, "2")).values()
    assert not any("Minor" in str(e["DESCRIPTION"]) for e in adult)

"""The production model: validation that names the entity, calendars, JSON round trips."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shootplan import (
    DateRange,
    IntExt,
    Production,
    ProductionError,
    Rules,
    Scene,
    ShootCalendar,
    example_production,
)
from tests.conftest import small_production_data


def _with(**changes: Any) -> dict[str, Any]:
    data = small_production_data()
    data.update(changes)
    return data


def _scene(number: str = "9", **fields: Any) -> dict[str, Any]:
    return {"number": number, "int_ext": "INT", "set": "DINER - BOOTH", "eighths": 4, **fields}


def _reject(data: dict[str, Any]) -> str:
    with pytest.raises(ProductionError) as info:
        Production.model_validate(data)
    return str(info.value)


def test_unknown_cast_id_is_named_with_its_scene() -> None:
    """A scene that lists a cast id missing from the cast list names both."""
    data = _with()
    data["scenes"][0]["cast"] = ["1", "7"]
    assert _reject(data) == "scene '1': unknown cast id '7'"


def test_duplicate_scene_number_is_one_message() -> None:
    """Two scenes numbered 42A give exactly one problem naming 42A."""
    data = _with()
    data["scenes"] += [_scene("42A"), _scene("42A")]
    assert _reject(data) == "duplicate scene '42A'"


def test_zero_pages_is_rejected_naming_the_scene() -> None:
    """A scene of zero eighths cannot be shot, and the message says which one."""
    data = _with()
    data["scenes"].append(_scene("42A", eighths=0))
    message = _reject(data)
    assert message.startswith("scene '42A': page count must be at least 1/8")
    assert "\n" not in message


def test_unreadable_page_count_names_scene_and_value() -> None:
    """A page count like 'abc' names the scene and the accepted forms."""
    data = _with()
    data["scenes"].append(_scene("12", eighths="abc"))
    message = _reject(data)
    assert "scene '12'" in message and "'abc'" in message and "2 3/8" in message


def test_range_that_ends_before_it_starts_is_rejected() -> None:
    """An unavailability range 2027-03-08..2027-03-04 names the cast member and both dates."""
    data = _with()
    data["cast"][1]["unavailable"] = ["2027-03-08..2027-03-04"]
    message = _reject(data)
    assert "cast '2'" in message and "2027-03-04" in message and "before it starts" in message


def test_latest_before_earliest_is_rejected() -> None:
    """A scene whose latest date precedes its earliest cannot be scheduled."""
    data = _with()
    data["scenes"].append(_scene("14", earliest="2027-03-10", latest="2027-03-05"))
    assert _reject(data) == ("scene '14': latest date 2027-03-05 is before earliest date 2027-03-10")


def test_unknown_location_is_named() -> None:
    """A scene at a location that the production does not list is rejected."""
    data = _with()
    data["scenes"].append(_scene("15", set="MOTEL - ROOM 6"))
    assert _reject(data) == "scene '15': unknown location 'MOTEL'"


def test_pinned_on_a_weekend_is_rejected() -> None:
    """A scene pinned to a Saturday of a Mon-Fri calendar is not a shoot date."""
    data = _with()
    data["scenes"].append(_scene("16", pinned="2027-03-06"))
    assert "scene '16': pinned date 2027-03-06 is not a shoot date" in _reject(data)


def test_all_problems_are_reported_together() -> None:
    """Several bad references come back as one error listing each."""
    data = _with()
    data["scenes"][0]["cast"] = ["8"]
    data["scenes"][1]["location"] = "NOWHERE"
    with pytest.raises(ProductionError) as info:
        Production.model_validate(data)
    assert info.value.problems == [
        "scene '1': unknown cast id '8'",
        "scene '2': unknown location 'NOWHERE'",
    ]
    first, second = info.value.records
    assert (first.kind, first.key, first.message) == ("scene", "1", "unknown cast id '8'")
    assert (second.kind, second.key, second.file) == ("scene", "2", "")


def test_constructor_errors_name_the_entity_too() -> None:
    """Building a Scene directly reports errors in the same words as a whole production."""
    with pytest.raises(ProductionError, match="scene '3B'"):
        Scene(number="3B", int_ext="INT", set="X", eighths=-1)


def test_unknown_time_zone_is_rejected() -> None:
    """A location in time zone Mars/Olympus is rejected naming the location."""
    data = _with()
    data["locations"][0]["time_zone"] = "Mars/Olympus"
    assert "location 'DINER'" in _reject(data) and "Mars/Olympus" in _reject(data)


def test_scene_reads_int_ext_and_night_as_written() -> None:
    """I/E, lower-case night and set prefixes become INT/EXT, NIGHT and a location."""
    scene = Scene(
        number="70pt",
        int_ext="i/e",
        time_of_day="night",
        set="BAILEY HOME - PORCH",
        eighths="1 1/8",
    )
    assert scene.int_ext is IntExt.INT_EXT
    assert scene.is_night and scene.location == "BAILEY HOME" and scene.eighths == 9
    assert scene.slugline == "INT./EXT. BAILEY HOME - PORCH - NIGHT"


def test_calendar_maps_shoot_days_to_dates_and_back() -> None:
    """Shoot day N skips weekends, days off and holidays, and the mapping inverts."""
    calendar = ShootCalendar(
        start=date(2027, 3, 1),
        days_off=["2027-03-03"],
        holidays=["2027-03-08"],
        time_zone="America/New_York",
    )
    dates = calendar.shoot_dates(6)
    assert dates == [date(2027, 3, d) for d in (1, 2, 4, 5, 9, 10)]
    assert [calendar.day_number_of(d) for d in dates] == [1, 2, 3, 4, 5, 6]
    assert calendar.date_of(5) == date(2027, 3, 9)
    assert calendar.day_number_of(date(2027, 3, 6)) is None


def test_six_day_weeks_are_read_from_text() -> None:
    """'Mon-Sat' gives six shooting weekdays; a Saturday is then a shoot date."""
    calendar = ShootCalendar(start=date(2027, 3, 1), weekdays="Mon-Sat")
    assert calendar.weekdays == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert calendar.is_shoot_date(date(2027, 3, 6)) and not calendar.is_shoot_date(date(2027, 3, 7))


def test_date_ranges_read_as_ads_write_them() -> None:
    """'2027-03-04..2027-03-08; 2027-03-10' is two ranges; a date is a one-day range."""
    calendar = ShootCalendar(start="2027-03-01", days_off="2027-03-04..2027-03-08; 2027-03-10")
    assert calendar.days_off == [
        DateRange(start=date(2027, 3, 4), end=date(2027, 3, 8)),
        DateRange(start=date(2027, 3, 10), end=date(2027, 3, 10)),
    ]


def test_json_round_trip_is_lossless(small_production: Production) -> None:
    """A production dumped to JSON and read back is equal, derived indexes included."""
    data = small_production_data()
    data["cast"][0]["unavailable"] = ["2027-03-04..2027-03-05"]
    data["locations"][1].update(
        windows=["2027-03-08..2027-03-19"],
        latitude=41.9,
        longitude=-73.9,
        time_zone="America/New_York",
    )
    data["scenes"][0].update(
        minutes=90, earliest="2027-03-02", pinned="2027-03-03", elements={"Props": ["pie"]}
    )
    data["rules"] = {"precedences": [["1", "2"]], "same_day": [["4", "6"]], "max_shoot_days": 9}
    data["boards"] = {"First Pass": [["1", "4"], ["2", "5", "6", "3"]]}
    production = Production.model_validate(data)
    again = Production.model_validate_json(production.model_dump_json())
    assert again == production
    assert again.scene("1").pinned == date(2027, 3, 3)


def test_replace_validates_again(small_production: Production) -> None:
    """replace() returns a new valid production and rejects a bad change."""
    fewer = small_production.replace(scenes=small_production.scenes[:3])
    assert len(fewer.scenes) == 3 and len(small_production.scenes) == 6
    with pytest.raises(ProductionError, match="duplicate scene '1'"):
        small_production.replace(scenes=[*small_production.scenes, small_production.scenes[0]])


def test_example_production_is_a_realistic_feature() -> None:
    """The bundled example has 100-140 scenes, 25+ cast, 12+ locations, nights and windows."""
    production = example_production()
    assert 100 <= len(production.scenes) <= 140
    assert len(production.cast) >= 25 and len(production.locations) >= 12
    assert any(s.is_night for s in production.scenes)
    assert any(c.unavailable for c in production.cast)
    assert any(loc.windows for loc in production.locations)
    assert all(c.daily_rate > 0 for c in production.cast)
    assert Production.model_validate_json(production.model_dump_json()) == production


def test_us_dates_and_iso_intervals_are_read() -> None:
    """4/12/2027..4/15/2027 (month first, as US boards write) and 2027-03-04/2027-03-06 both read."""
    assert DateRange.model_validate("4/12/2027..4/15/2027") == DateRange(
        start=date(2027, 4, 12), end=date(2027, 4, 15)
    )
    assert DateRange.model_validate("2027-03-04/2027-03-06") == DateRange(
        start=date(2027, 3, 4), end=date(2027, 3, 6)
    )
    assert ShootCalendar(start="3/1/27").start == date(2027, 3, 1)


def test_page_cap_written_in_decimals_floors_to_whole_eighths() -> None:
    """Rules read a cap of "5.2" pages as 41 eighths and "5 2/8" as 42; eighths as given stay."""
    assert Rules(max_eighths_per_day="5.2").max_eighths_per_day == 41  # type: ignore[arg-type]
    assert Rules(max_eighths_per_day="5 2/8").max_eighths_per_day == 42  # type: ignore[arg-type]
    assert Rules(max_eighths_per_day=41).max_eighths_per_day == 41


def test_a_board_with_rates_keeps_them_and_a_zero_stays_zero() -> None:
    """With any daily rate given, each performer's own rate prices their holds, 0 included."""
    data = small_production_data()
    data["cast"][2]["daily_rate"] = 0
    production = Production.model_validate(data)
    assert production.has_daily_rates
    assert [production.daily_rate(c.id) for c in production.cast] == [1000, 500, 0]


def test_a_board_without_rates_prices_every_performer_at_the_default() -> None:
    """With no daily rate at all, every performer's hold day is the rules' default (1,000)."""
    data = small_production_data()
    for member in data["cast"]:
        del member["daily_rate"]
    production = Production.model_validate(data)
    assert not production.has_daily_rates
    assert [production.daily_rate(c.id) for c in production.cast] == [1000, 1000, 1000]
    assert production.replace(rules=Rules(default_daily_rate=250)).hold_day_cost("1") == 250


def test_check_rejects_a_precedence_cycle() -> None:
    """1 before 2 and 2 before 1: no order keeps both, so the production is rejected at once,
    naming the cycle (plan would otherwise publish a schedule that breaks one of them)."""
    data = small_production_data()
    data["rules"] = {"precedences": [["1", "2"], ["2", "3"], ["3", "1"]]}
    with pytest.raises(ProductionError, match=r"cycle: '1' before '2' before '3' before '1'"):
        Production.model_validate(data)
    data["rules"] = {"precedences": [["1", "2"], ["2", "3"], ["1", "3"]]}
    assert Production.model_validate(data).rules.precedences


def test_check_rejects_an_absurd_page_count() -> None:
    """A page count beyond 1,000 pages is a typing error, named with its scene."""
    data = small_production_data()
    data["scenes"][0]["eighths"] = "100000000000000000000"
    with pytest.raises(ProductionError, match="scene '1'"):
        Production.model_validate(data)
    data["scenes"][0]["eighths"] = "999"
    assert Production.model_validate(data).scenes[0].eighths == 999 * 8


def test_a_synopsis_and_an_address_lose_control_characters_but_keep_line_breaks() -> None:
    """A terminal escape pasted into a synopsis or an address is dropped at import (a workbook
    could not hold it, so the JSON and the workbook would disagree); line breaks and tabs stay."""
    data = small_production_data()
    data["scenes"][0]["synopsis"] = "Nora\x1b[2J waits\x07.\nShe\tleaves."
    data["locations"][0]["address"] = "2 Railroad\x0b Avenue\r\nChatham\x9b"
    production = Production.model_validate(data)
    assert production.scenes[0].synopsis == "Nora[2J waits.\nShe\tleaves."
    assert production.locations[0].address == "2 Railroad Avenue\r\nChatham"


def test_a_plain_synopsis_is_kept_as_written() -> None:
    """Ordinary text, accents and emoji included, is not touched."""
    data = small_production_data()
    data["scenes"][0]["synopsis"] = "Café — Nora’s 👩‍👧 plan; = not a formula"
    assert Production.model_validate(data).scenes[0].synopsis == data["scenes"][0]["synopsis"]

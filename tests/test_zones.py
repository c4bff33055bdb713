"""The production's time zone when it states none: its locations', else this computer's, else UTC."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from shootplan import Production
from shootplan.zones import ZoneSource, machine_zone, resolve_zone, with_zone

NEW_YORK = {"latitude": 40.7128, "longitude": -74.0060}
BROOKLYN = {"latitude": 40.6782, "longitude": -73.9442}
CHICAGO = {"latitude": 41.8781, "longitude": -87.6298}


def _production(locations: list[dict[str, Any]], time_zone: str | None = None) -> Production:
    """One scene per location; the calendar states ``time_zone`` when given."""
    calendar: dict[str, Any] = {"start": "2027-04-05"}
    if time_zone is not None:
        calendar["time_zone"] = time_zone
    return Production.model_validate(
        {
            "name": "Zones",
            "scenes": [
                {"number": str(n), "int_ext": "INT", "set": "ROOM", "location": place["name"], "eighths": 8}
                for n, place in enumerate(locations, 1)
            ],
            "locations": locations,
            "calendar": calendar,
        }
    )


@pytest.fixture
def berlin_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer says Europe/Berlin through TZ (whatever /etc/localtime says)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")


def test_a_stated_zone_is_used_as_is_without_a_notice(berlin_machine: None) -> None:
    """The production's own zone wins over its coordinates and the computer's, silently."""
    production = _production([{"name": "Loft", **CHICAGO}], time_zone="America/New_York")
    choice = resolve_zone(production)
    assert (choice.zone, choice.source, choice.notice) == ("America/New_York", ZoneSource.STATED, None)
    assert with_zone(production, choice) is production


def test_stated_utc_stays_utc_without_a_notice(berlin_machine: None) -> None:
    """UTC said on purpose is not "not given": no inference, no notice."""
    choice = resolve_zone(_production([{"name": "Loft", **NEW_YORK}], time_zone="UTC"))
    assert (choice.zone, choice.source, choice.notice) == ("UTC", ZoneSource.STATED, None)


def test_coordinates_in_new_york_give_new_york(berlin_machine: None) -> None:
    """No zone, a location in Manhattan: America/New_York, from the coordinates, said in one line."""
    production = _production([{"name": "Loft", **NEW_YORK}])
    choice = resolve_zone(production)
    assert (choice.zone, choice.source) == ("America/New_York", ZoneSource.COORDINATES)
    assert choice.notice == "no time zone given: using America/New_York, from the locations' coordinates"
    assert with_zone(production, choice).calendar.time_zone == "America/New_York"


def test_locations_in_two_zones_take_the_majority_and_say_so(berlin_machine: None) -> None:
    """Two New York locations and one in Chicago: New York, and the notice names the odd one out."""
    places = [{"name": "Mill", **CHICAGO}, {"name": "Loft", **NEW_YORK}, {"name": "Pier", **BROOKLYN}]
    choice = resolve_zone(_production(places))
    assert (choice.zone, choice.source) == ("America/New_York", ZoneSource.COORDINATES)
    assert "(2 of 3 locations; Mill is in America/Chicago)" in (choice.notice or "")


def test_a_locations_own_zone_counts_before_its_coordinates(berlin_machine: None) -> None:
    """A location that names its zone votes with it; the source says the locations named it."""
    choice = resolve_zone(_production([{"name": "Stage", "time_zone": "America/Los_Angeles"}]))
    assert (choice.zone, choice.source) == ("America/Los_Angeles", ZoneSource.LOCATIONS)


def test_no_zone_nor_coordinates_takes_the_computers_tz(berlin_machine: None) -> None:
    """Nothing in the production: TZ=Europe/Berlin is used (before /etc/localtime), and said."""
    choice = resolve_zone(_production([{"name": "Loft"}]))
    assert (choice.zone, choice.source) == ("Europe/Berlin", ZoneSource.MACHINE)
    assert choice.notice == "no time zone given: using Europe/Berlin, from this computer's settings"


def test_tz_is_preferred_over_localtime(tmp_path: Path) -> None:
    """TZ names the zone even when /etc/localtime points elsewhere; without TZ, localtime's target."""
    localtime = tmp_path / "localtime"
    os.symlink("/usr/share/zoneinfo/Asia/Tokyo", localtime)
    assert machine_zone({"TZ": "Europe/Berlin"}, localtime=localtime) == "Europe/Berlin"
    assert machine_zone({"TZ": ":Europe/Berlin"}, localtime=localtime) == "Europe/Berlin"
    assert machine_zone({}, localtime=localtime) == "Asia/Tokyo"
    assert machine_zone({"TZ": "Not/AZone"}, localtime=localtime) == "Asia/Tokyo"


def test_a_computer_without_a_zone_gives_none(tmp_path: Path) -> None:
    """No TZ and no /etc/localtime link: the computer says nothing (UTC is then the last resort)."""
    assert machine_zone({}, localtime=tmp_path / "missing") is None


def test_a_utc_machine_zone_says_how_to_avoid_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server set to UTC: the notice says so and how to state the production's zone instead."""
    monkeypatch.setenv("TZ", "Etc/UTC")
    choice = resolve_zone(_production([{"name": "Loft"}]))
    assert (choice.zone, choice.source) == ("Etc/UTC", ZoneSource.MACHINE)
    assert "set the production's Time Zone" in (choice.notice or "")

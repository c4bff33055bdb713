"""Publishing to a real CalDAV server: Radicale on loopback, started and stopped by the tests."""

from __future__ import annotations

import base64
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import icalendar
import pytest

from shootplan import Production, Schedule, example_production, settle_production_id
from shootplan.errors import ShootplanError
from shootplan.io.ics import publish_caldav, unit_calendar
from tests.io.ics.calendar_helpers import LATER, LATEST, STAMP, assert_valid_feed, located_data, packed_days

caldav = pytest.importorskip("caldav")

USER = "office"
FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//somebody//else//EN\r\nBEGIN:VEVENT\r\n"
    "UID:dentist-appointment\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270305T150000Z\r\n"
    "DTEND:20270305T160000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale server on 127.0.0.1 with no authentication and a fresh storage folder.

    Started once per session on a free port, waited for until it answers, stopped at the end by
    its own process id (never by name).
    """
    folder = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    log = (folder / "radicale.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--auth-type",
            "none",
            "--storage-filesystem-folder",
            str(folder / "storage"),
            # Radicale answers each refused login after a second; the client's first try is one.
            "--auth-delay",
            "0",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"Radicale exited: {(folder / 'radicale.log').read_text()}")
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except urllib.error.HTTPError:
                break  # it answers (e.g. 401/403): it is up
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("Radicale did not answer within 20 s") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def example() -> Production:
    """The bundled feature: 119 scenes, 28 cast, 15 locations in New York State, Mon-Fri, with
    an id (publishing needs one)."""
    return example_production().replace(id="marlow-falls-4b1e")


@pytest.fixture(scope="session")
def located() -> Production:
    """Six scenes at a diner, a farm and a clinic with addresses; NORA, ELIAS, MAE; New York;
    an id of its own."""
    return Production.model_validate({**located_data(), "id": "small-town-77aa"})


def _calendar(url: str, name: str) -> Any:
    """The server calendar with this display name."""
    client = caldav.DAVClient(url=url, username=USER, password="unused")
    (found,) = [c for c in client.principal().calendars() if c.get_display_name() == name]
    return found


def _raw(url: str) -> bytes:
    """The bytes the server sends for one object (caldav's ``.data`` rewrites line endings)."""
    token = base64.b64encode(f"{USER}:unused".encode()).decode()
    request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        data: bytes = response.read()
        return data


def _stored(calendar: Any) -> dict[str, icalendar.Event]:
    """UID -> event of everything on a server calendar, each of our objects checked from outside."""
    result: dict[str, icalendar.Event] = {}
    for stored in calendar.events():
        text = _raw(str(stored.url))
        if b"X-SHOOTPLAN" in text:
            assert b"METHOD:" not in text  # RFC 4791: no METHOD in stored objects
            # Radicale re-serializes what it stores, folding by characters: a title with a few
            # "·" and "→" comes back over 75 octets. Our own bytes are folded by octets.
            assert_valid_feed(text, name=str(stored.url), refolded=True)
        (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
        result[str(event["UID"])] = event
    return result


def _expected(production: Production, *schedules: Schedule) -> dict[str, icalendar.Event]:
    """UID -> live event of the unit feed after publishing ``schedules`` in turn, as files would."""
    previous: bytes | None = None
    for schedule in schedules:
        previous = unit_calendar(production, schedule, previous=previous).to_ical()
    assert previous is not None
    found = icalendar.Calendar.from_ical(previous).walk("VEVENT")
    return {str(e["UID"]): e for e in found if str(e["STATUS"]) != "CANCELLED"}


@pytest.mark.slow
def test_publish_change_publish_read_back(radicale: str, example: Production) -> None:
    """Publish, move a scene, cut a day: the server ends up holding what the feed files would."""
    options: dict[str, Any] = {"username": USER, "password": "unused", "calendar_name": "Marlow Falls"}
    days = packed_days(example)
    first = Schedule.from_day_lists(example, days, created=STAMP)
    report = publish_caldav(radicale, example, first, **options)
    assert len(report.created) == len(days) and not (report.updated or report.deleted)
    calendar = _calendar(radicale, "Marlow Falls")
    calendar.add_event(ical=FOREIGN)

    number = days[1][1]
    moved_days = [[n for n in day if n != number] for day in days]
    moved_days[4].append(number)
    moved = Schedule.from_day_lists(example, moved_days, created=LATER)
    report = publish_caldav(radicale, example, moved, **options)
    # A move rewrites its two days only (SEQUENCE 1); the other objects are not even written.
    assert len(report.updated) == 2 and len(report.unchanged) == len(days) - 2
    assert not (report.created or report.deleted)

    # Cutting the last day deletes it and leaves every other day as it was: no title carries a
    # running total (issue 21), so no other object is rewritten.
    cut = Schedule.from_day_lists(example, moved_days[:-1], created=LATEST)
    report = publish_caldav(radicale, example, cut, **options)
    expected = _expected(example, first, moved, cut)
    assert len(report.deleted) == 1 and report.deleted[0] not in expected
    assert not report.updated and not report.created

    stored = _stored(calendar)
    assert set(stored) == set(expected) | {"dentist-appointment"}
    for uid, event in expected.items():
        for name in ("SEQUENCE", "SUMMARY", "DESCRIPTION", "LOCATION"):
            assert str(stored[uid][name]) == str(event[name]), name
        for name in ("DTSTART", "DTEND", "LAST-MODIFIED"):
            assert stored[uid].decoded(name) == event.decoded(name), name
    assert sorted({int(e["SEQUENCE"]) for e in stored.values() if "SEQUENCE" in e}) == [0, 1]
    assert str(stored["dentist-appointment"]["SUMMARY"]) == "Dentist"

    # Somebody else's event survived; publishing the same schedule again writes nothing.
    again = publish_caldav(radicale, example, cut, **options)
    assert not (again.created or again.updated or again.deleted)
    assert len(again.unchanged) == len(expected)


@pytest.mark.slow
def test_unit_and_cast_feeds_share_a_calendar_without_touching_each_other(
    radicale: str, located: Production
) -> None:
    """A cast feed published into the unit's calendar adds its events and deletes none."""
    schedule = Schedule.from_day_lists(located, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    options: dict[str, Any] = {"username": USER, "password": "unused", "calendar_name": "Small Town"}
    unit = publish_caldav(radicale, located, schedule, **options)
    cast = publish_caldav(radicale, located, schedule, cast_id="3", **options)
    assert len(unit.created) == 3 and len(cast.created) == 3  # MAE works days 1 and 3, holds day 2
    again = publish_caldav(radicale, located, schedule, **options)
    assert not again.deleted and len(again.unchanged) == 3
    assert len(_stored(_calendar(radicale, "Small Town"))) == 6


def test_stamp_is_required_before_any_network_call(located: Production) -> None:
    """A schedule with no timestamp, or a naive one, is refused before the URL is ever dialled."""
    schedule = Schedule.from_day_lists(located, [["1", "2", "3", "4", "5", "6"]])
    with pytest.raises(ShootplanError, match="created"):
        publish_caldav("http://127.0.0.1:9/", located, schedule)
    with pytest.raises(ShootplanError, match="no time zone"):
        publish_caldav("http://127.0.0.1:9/", located, schedule, stamp=datetime(2027, 1, 1))


def test_missing_caldav_names_the_extra(monkeypatch: pytest.MonkeyPatch, located: Production) -> None:
    """Without the caldav package the error says how to install it."""
    monkeypatch.setitem(sys.modules, "caldav", None)
    schedule = Schedule.from_day_lists(located, [["1", "2", "3", "4", "5", "6"]], created=STAMP)
    with pytest.raises(ImportError, match=r"pip install shootplan\[caldav\]"):
        publish_caldav("http://127.0.0.1:9/", located, schedule)


@pytest.mark.slow
def test_server_refusals_name_the_server(radicale: str, located: Production) -> None:
    """Radicale refuses an anonymous principal lookup: a ShootplanError naming the server."""
    schedule = Schedule.from_day_lists(located, [["1", "2", "3", "4", "5", "6"]], created=STAMP)
    with pytest.raises(ShootplanError, match=r"CalDAV server http://127\.0\.0\.1"):
        publish_caldav(radicale, located, schedule)


def test_an_unreachable_server_is_named(located: Production) -> None:
    """Nothing listens on the port: a ShootplanError that names the server, not a traceback."""
    schedule = Schedule.from_day_lists(located, [["1", "2", "3", "4", "5", "6"]], created=STAMP)
    url = f"http://127.0.0.1:{_free_port()}/"
    with pytest.raises(ShootplanError, match="cannot be reached"):
        publish_caldav(url, located, schedule, username=USER, password="unused")


def _objects(calendar: Any) -> dict[str, bytes]:
    """Object URL -> the bytes the server holds, for every object on a calendar."""
    return {str(stored.url): _raw(str(stored.url)) for stored in calendar.events()}


def _episode(id: str | None) -> Production:
    """The located production saved as "Shooting Schedule" (every board's default file name)."""
    return Production.model_validate({**located_data(), "name": "Shooting Schedule", "id": id})


@pytest.mark.slow
def test_publishing_a_same_name_production_leaves_the_others_events_byte_identical(radicale: str) -> None:
    """Episodes 1 and 2, both "Shooting Schedule" with their own ids, on one server: episode 2's
    publishes (first, then changed, then cut) never touch episode 1's events, whether each has
    its own default calendar or both share one by name."""
    first, second = _episode("ep1-9c41"), _episode("ep2-07d3")
    days = [["1", "4"], ["2", "5"], ["3", "6"]]
    for shared in (None, "Writers' Room"):
        options: dict[str, Any] = {"username": USER, "password": "unused", "calendar_name": shared}
        one = publish_caldav(radicale, first, Schedule.from_day_lists(first, days, created=STAMP), **options)
        assert len(one.created) == 3
        before = _objects(calendar := _server_calendar(radicale, one.calendar_url))
        for version, stamp in (
            (days, STAMP),
            ([["1", "4", "2"], ["5", "3"], ["6"]], LATER),
            (days[:2], LATEST),
        ):
            schedule = Schedule.from_day_lists(second, version, created=stamp)
            two = publish_caldav(radicale, second, schedule, **options)
            assert not set(two.updated + two.deleted + two.unchanged) & set(one.created)
            after = _objects(_server_calendar(radicale, one.calendar_url))
            assert {url: data for url, data in after.items() if url in before} == before
        if shared is None:
            assert two.calendar_url != one.calendar_url  # a calendar of its own, the same display name
            assert calendar.get_display_name() == "Shooting Schedule · Unit"
        else:
            assert two.calendar_url == one.calendar_url and len(_objects(calendar)) == 3 + 2


def _calendar_urls(url: str) -> set[str]:
    client = caldav.DAVClient(url=url, username=USER, password="unused")
    return {str(calendar.url) for calendar in client.principal().calendars()}


@pytest.mark.slow
def test_an_id_less_production_is_refused_and_settled_ids_keep_same_name_productions_apart(
    radicale: str,
) -> None:
    """Two boards read as "Shooting Schedule" with no id (what read_production gives an AD's
    board): publishing one is refused before the server is touched, naming the remedy; once each
    has its id from settle_production_id, publishing episode 2 leaves episode 1's events as they
    were, and episode 1's next publish finds every one of its events unchanged."""
    options: dict[str, Any] = {"username": USER, "password": "unused"}
    days = [["1", "4"], ["2", "5"], ["3", "6"]]
    first, second = _episode(None), _episode(None)
    calendars = _calendar_urls(radicale)
    for episode in (first, second):
        schedule = Schedule.from_day_lists(episode, days, created=STAMP)
        with pytest.raises(ShootplanError, match=r"has no id.*settle_production_id"):
            publish_caldav(radicale, episode, schedule, **options)
    assert _calendar_urls(radicale) == calendars  # nothing created, nothing written

    first, second = (settle_production_id(episode).production for episode in (first, second))
    assert first.id and second.id and first.id != second.id
    one = publish_caldav(radicale, first, Schedule.from_day_lists(first, days, created=STAMP), **options)
    before = _objects(_server_calendar(radicale, one.calendar_url))
    for version, stamp in ((days, STAMP), ([["1", "4", "2"], ["5", "3"], ["6"]], LATER)):
        two = publish_caldav(
            radicale, second, Schedule.from_day_lists(second, version, created=stamp), **options
        )
        assert two.calendar_url != one.calendar_url
        assert not set(two.created + two.updated + two.deleted + two.unchanged) & set(one.created)
    assert _objects(_server_calendar(radicale, one.calendar_url)) == before
    again = publish_caldav(radicale, first, Schedule.from_day_lists(first, days, created=STAMP), **options)
    assert sorted(again.unchanged) == sorted(one.created) and not (again.updated or again.deleted)


def _server_calendar(url: str, calendar_url: str) -> Any:
    client = caldav.DAVClient(url=url, username=USER, password="unused")
    (found,) = [c for c in client.principal().calendars() if str(c.url) == calendar_url]
    return found


@pytest.mark.slow
def test_a_calendar_published_before_ids_is_found_again_by_its_name(radicale: str) -> None:
    """A production published before productions had ids (its id is its name, as
    settle_production_id gives it), to a calendar named after its feed (as before calendars had
    addresses of their own): the default publish goes on in that calendar."""
    production = Production.model_validate({**located_data(), "name": "Old Habits", "id": "Old Habits"})
    schedule = Schedule.from_day_lists(production, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    options: dict[str, Any] = {"username": USER, "password": "unused"}
    old = publish_caldav(radicale, production, schedule, calendar_name="Old Habits · Unit", **options)
    again = publish_caldav(radicale, production, schedule, **options)
    assert again.calendar_url == old.calendar_url and len(again.unchanged) == 3


@pytest.mark.slow
def test_an_event_another_client_damaged_is_repaired_and_blocks_nothing(
    radicale: str, located: Production
) -> None:
    """Re-saved elsewhere with ``SEQUENCE:abc``: the next publish re-publishes it from the schedule
    (a SEQUENCE above the readable ones) and updates the others as usual, without an error."""
    options: dict[str, Any] = {"username": USER, "password": "unused", "calendar_name": "Damaged"}
    first = Schedule.from_day_lists(located, [["1", "4"], ["2", "5"], ["3", "6"]], created=STAMP)
    publish_caldav(radicale, located, first, **options)
    calendar = _calendar(radicale, "Damaged")
    damaged = calendar.events()[0]
    (event,) = icalendar.Calendar.from_ical(damaged.data).walk("VEVENT")
    uid = str(event["UID"])
    damaged.data = damaged.data.replace(f"SEQUENCE:{event['SEQUENCE']}", "SEQUENCE:abc")
    damaged.save(increase_seqno=False)
    assert "SEQUENCE:abc" in _raw(str(damaged.url)).decode()

    moved = Schedule.from_day_lists(located, [["1", "4"], ["2", "5", "6"], ["3"]], created=LATER)
    report = publish_caldav(radicale, located, moved, **options)
    assert uid in report.updated
    stored = _stored(calendar)
    assert int(stored[uid]["SEQUENCE"]) >= 1
    assert all(str(e["SEQUENCE"]).isdigit() for e in stored.values())

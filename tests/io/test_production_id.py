"""A production's own id: kept by every file that carries the production, created once, and
found again in earlier outputs (issue 17, item 3)."""

from __future__ import annotations

import uuid
from pathlib import Path

import icalendar
import pytest

from shootplan import Production, Schedule, read_production, write_calendars, write_excel
from shootplan.errors import ProductionError
from shootplan.io.ics.identity import SHOOTPLAN_NAMESPACE, X_PRODUCTION, X_PRODUCTION_ID
from shootplan.io.json import write_production
from shootplan.io.production_id import settle_production_id
from tests.conftest import small_production_data
from tests.io.ics.calendar_helpers import STAMP

DAYS = [["1", "4"], ["2", "5"], ["3", "6"]]


def _production(id: str | None = None, name: str = "Small Town") -> Production:
    return Production.model_validate({**small_production_data(), "name": name, "id": id})


def test_the_id_survives_production_json_and_schedule_xlsx(tmp_path: Path) -> None:
    """Written to production.json and the workbook's Settings sheet, the id reads back as it was."""
    production = _production("ep1-5b0c")
    json_file = write_production(tmp_path / "production.json", production)
    assert read_production(json_file).id == "ep1-5b0c"
    schedule = Schedule.from_day_lists(production, DAYS)
    book = write_excel(production, schedule, tmp_path / "schedule.xlsx")
    again = read_production(book)
    assert again.id == "ep1-5b0c" and again.name == production.name


def test_a_production_without_an_id_writes_none_and_reads_back_without_one(tmp_path: Path) -> None:
    """No id in, no id out: the Settings sheet's Production ID row stays blank."""
    production = _production()
    book = write_excel(production, Schedule.from_day_lists(production, DAYS), tmp_path / "s.xlsx")
    assert read_production(book).id is None


def test_an_id_on_two_lines_is_kept_on_one_and_an_empty_one_refused() -> None:
    """The id is a name like any other: one line; an empty one is no id at all."""
    assert _production("ep1\nrev").id == "ep1 rev"
    with pytest.raises(ProductionError, match="id"):
        _production("x" * 201)


def test_same_name_productions_with_ids_get_different_uids(tmp_path: Path) -> None:
    """Two productions called the same: with their own ids their feeds share no UID, and each
    feed names its production's id."""
    uids = []
    for id in ("ep1", "ep2"):
        production = _production(id, name="Shooting Schedule")
        files = write_calendars(
            production, Schedule.from_day_lists(production, DAYS), tmp_path / id, stamp=STAMP
        )
        calendar = icalendar.Calendar.from_ical((tmp_path / id / "unit.ics").read_bytes())
        assert str(calendar[X_PRODUCTION_ID]) == id and files.paths
        uids.append({str(event["UID"]) for event in calendar.walk("VEVENT")})
    assert uids[0] and not uids[0] & uids[1]


def test_settle_prefers_the_board_then_earlier_outputs_then_makes_one(tmp_path: Path) -> None:
    """The board's own id wins; else production.json's; else a folder of feeds'; else a new uuid4."""
    assert settle_production_id(_production("mine"), [tmp_path]).source == "board"
    written = write_production(tmp_path / "production.json", _production("from-json"))
    settled = settle_production_id(_production(), [written])
    assert (settled.production.id, settled.source, settled.found_in) == ("from-json", "previous", written)
    assert settled.notice is not None and "from-json" in settled.notice

    feeds = tmp_path / "feeds"
    production = _production("from feeds, with; marks")
    write_calendars(production, Schedule.from_day_lists(production, DAYS), feeds, stamp=STAMP)
    settled = settle_production_id(_production(), [tmp_path / "missing.json", feeds])
    assert settled.production.id == "from feeds, with; marks"

    new = settle_production_id(_production(), [tmp_path / "missing.json", tmp_path / "nothing"])
    assert new.source == "new" and new.production.id is not None
    assert uuid.UUID(new.production.id).version == 4 and new.notice is not None


def test_feeds_published_under_the_name_keep_their_uids(tmp_path: Path) -> None:
    """Feeds written before productions had ids are marked with the name's namespace: the name
    becomes the id, so the same schedule gives the very same events."""
    production = _production()
    schedule = Schedule.from_day_lists(production, DAYS)
    write_calendars(production, schedule, tmp_path, stamp=STAMP)
    old = icalendar.Calendar.from_ical((tmp_path / "unit.ics").read_bytes())
    marker = str(uuid.uuid5(SHOOTPLAN_NAMESPACE, "Small Town"))
    assert {str(event[X_PRODUCTION]) for event in old.walk("VEVENT")} == {marker}
    assert X_PRODUCTION_ID not in old

    settled = settle_production_id(production, [tmp_path / "production.json", tmp_path])
    assert (settled.source, settled.production.id) == ("name", "Small Town")
    files = write_calendars(settled.production, schedule, tmp_path, stamp=STAMP)
    new = icalendar.Calendar.from_ical((tmp_path / "unit.ics").read_bytes())
    assert [e.to_ical() for e in new.walk("VEVENT")] == [e.to_ical() for e in old.walk("VEVENT")]
    assert set(files.counts()) and files.counts()["new"] == 0


def test_settle_passes_over_unreadable_earlier_outputs(tmp_path: Path) -> None:
    """A damaged production.json or feed is no reason to stop: a new id is made."""
    (tmp_path / "production.json").write_text("{not json")
    (tmp_path / "unit.ics").write_bytes(b"\x00garbage")
    settled = settle_production_id(_production(), [tmp_path / "production.json", tmp_path])
    assert settled.source == "new"

"""Universal Schedule Standard: the public sample, the spec's own form, and writing USS back."""

from __future__ import annotations

import contextlib
import copy
import json
import stat
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shootplan import (
    ImportProblem,
    Production,
    Schedule,
    ShootplanError,
    ShootplanWarning,
    evaluate,
    example_production,
)
from shootplan.io import read_production, write_uss
from tests.conftest import benchmark_data
from tests.io.import_fixtures import rich_production, strips

SAMPLES = benchmark_data("uss")
FULL_SAMPLE = SAMPLES / "full_sample_schedule.uss"
SMALL_SAMPLE = SAMPLES / "small_sample_schedule.uss"
needs_samples = pytest.mark.skipif(
    not FULL_SAMPLE.exists(), reason=f"the USS samples are not beside the repository ({SAMPLES})"
)


@pytest.fixture(scope="session")
def wonderful_life() -> Production:
    """The full USS sample: "It's a Wonderful Life", 173 strips, 59 cast, four stripboards."""
    if not FULL_SAMPLE.exists():
        pytest.skip(f"the USS samples are not beside the repository ({SAMPLES})")
    with pytest.warns(ShootplanWarning, match="renamed"):
        return read_production(FULL_SAMPLE)


@needs_samples
def test_full_sample_has_173_strips_and_its_pages(wonderful_life: Production) -> None:
    """Every strip is a scene (banners skipped); pages are the sample's decimals in eighths."""
    raw = json.loads(FULL_SAMPLE.read_text("utf-8"))["universalScheduleStandard"]["breakdowns"]
    assert len(wonderful_life.scenes) == 173
    assert wonderful_life.total_eighths == round(sum(b["pages"] or 0 for b in raw) * 8)


@needs_samples
def test_full_sample_cast_keeps_board_ids_and_flags(wonderful_life: Production) -> None:
    """59 cast with their board IDs 1-59; GEORGE is 1; hold and drop flags and weekly days off."""
    assert sorted(int(c.id) for c in wonderful_life.cast) == list(range(1, 60))
    george, mary = wonderful_life.cast_member("1"), wonderful_life.cast_member("4")
    assert (george.character, george.holds, george.drop_pickup, george.min_drop_gap_days) == (
        "GEORGE",
        True,
        True,
        10,
    )
    assert mary.character == "MARY"
    assert not mary.is_available(date(2022, 8, 19))  # a Friday: MARY's weekly day off (USS 5)
    assert mary.is_available(date(2022, 8, 18))


@needs_samples
def test_full_sample_strips_sets_and_locations(wonderful_life: Production) -> None:
    """Sets carry the place: locations default to the part before ' - '; a Location element wins."""
    facts = strips(wonderful_life)
    assert facts["2"] == ("EXT", "FROZEN RIVER AND HILL", "DAY", "Stage 5", ["1", "3", "56"])
    assert facts["54"][:4] == ("INT", "BANK - POTTER'S OFFICE", "DAY", "BANK")
    assert wonderful_life.scene("54").elements["Set"] == ["BANK - POTTER'S SIDE OFFICE"]
    assert facts["101"] == ("EXT", "CHURCH", "DAY", "CHURCH", [])  # no Day/Night element: DAY
    assert {"29", "29 (2)", "pg64"} <= set(facts)  # a repeated and an unnumbered strip, both kept


@needs_samples
def test_full_sample_stripboards_become_boards(wonderful_life: Production) -> None:
    """The four stripboards are boards; Rev. WHITE has 56 days, First Pass 61, Second Pass 67."""
    days = {name: len(board) for name, board in wonderful_life.boards.items()}
    assert days == {"Script Order": 1, "First Pass": 61, "Second Pass": 67, "Rev. WHITE": 56}
    assert sum(len(day) for day in wonderful_life.boards["Rev. WHITE"]) == 169


@needs_samples
def test_full_sample_calendar_is_the_last_stripboards(wonderful_life: Production) -> None:
    """Rev. WHITE's calendar ("Push 2 Weeks") gives the start; weekends off are USS days 0 and 6."""
    calendar = wonderful_life.calendar
    assert calendar.start == date(2022, 8, 17)
    assert calendar.weekdays == ["Mon", "Tue", "Wed", "Thu", "Fri"]


@needs_samples
def test_rev_white_is_scored_by_evaluate(wonderful_life: Production) -> None:
    """evaluate scores the AD's own Rev. WHITE board over its 56 days."""
    evaluation = evaluate(wonderful_life, Schedule.from_board(wonderful_life, "Rev. WHITE"))
    assert evaluation.num_shoot_days == 56
    assert len(evaluation.moves_per_day) == 56


@needs_samples
def test_small_sample_reads() -> None:
    """The minimal sample: one scene strip, a banner, two cast, and the spec's breakdownIds."""
    production = read_production(SMALL_SAMPLE)
    assert len(production.scenes) == 1
    assert production.total_eighths == 2
    assert strips(production) == {
        "89PT1": ("EXT", "BEDFORD FALLS BRIDGE", "NIGHT", "BEDFORD FALLS BRIDGE", ["1", "2"])
    }
    assert production.scene("89PT1").minutes == 95
    assert production.calendar.start == date(2022, 6, 20)
    assert production.boards == {"Script Order": [["89PT1"]], "First Pass": [["89PT1"]]}


def _spec_form() -> dict[str, Any]:
    """A USS file exactly as the spec writes it: type scene, time in ms, day strips in breakdownIds."""

    def element(eid: str, category: str, name: str, **extra: Any) -> dict[str, Any]:
        return {"id": eid, "name": name, "elementId": "", "events": [], "linkedElements": [], **extra}

    def strip(sid: str, scene: str, pages: float, elements: list[str]) -> dict[str, Any]:
        return {
            "id": sid,
            "type": "scene",
            "scene": scene,
            "pages": pages,
            "time": 3_600_000,
            "elements": elements,
        }

    return {
        "universalScheduleStandard": {
            "name": "Spec form",
            "project": "Spec Form",
            "categories": [
                {"id": "c0", "ucid": 0, "name": "Set", "elements": ["set1", "set2"]},
                {"id": "c1", "ucid": 1, "name": "INT/EXT", "elements": ["int", "ext"]},
                {"id": "c2", "ucid": 2, "name": "Day/Night", "elements": ["day"]},
                {"id": "c100", "ucid": 100, "name": "Cast Members", "elements": ["nora", "eli"]},
                {"id": "c104", "ucid": 104, "name": "Props", "elements": ["lamp"]},
            ],
            "elements": [
                element("set1", "c0", "DINER - BOOTH"),
                element("set2", "c0", "FARM - FIELD"),
                element("int", "c1", "INT"),
                element("ext", "c1", "EXT"),
                element("day", "c2", "DAY"),
                element(
                    "nora",
                    "c100",
                    "NORA",
                    elementId="1",
                    doodHoldAllow=False,
                    doodDropAllow=True,
                    doodDropDays=14,
                ),
                element("eli", "c100", "ELI"),
                element("lamp", "c104", "oil lamp"),
            ],
            "breakdowns": [
                strip("s1", "1", 0.375, ["set1", "int", "day", "nora", "lamp"]),
                strip("s2", "2", 1.5, ["set2", "ext", "eli"]),
                strip("s3", "3", 2, ["set1", "int", "nora", "eli"]),
                {"id": "d1", "type": "day"},
                {"id": "d2", "type": "day"},
                {"id": "b1", "type": "banner", "description": "COMPANY MOVE"},
            ],
            "stripboards": [
                {
                    "id": "sb",
                    "name": "Draft",
                    "calendar": "cal",
                    "boards": [
                        {
                            "id": "b",
                            "name": "stripboard",
                            "breakdownIds": ["s2", "b1", "s1", "d1", "s3", "d2"],
                        },
                        {"id": "y", "name": "boneyard", "breakdownIds": []},
                    ],
                }
            ],
            "calendars": [
                {
                    "id": "cal",
                    "daysOff": [0],
                    "events": [
                        {"type": "start", "date": "2027-03-01T08:00:00.000Z"},
                        {"type": "dayOff", "name": "holiday", "date": "2027-03-17T08:00:00.000Z"},
                        {"type": "dayOff", "name": "dayOff", "date": "2027-03-05T08:00:00.000Z"},
                    ],
                }
            ],
        }
    }


def test_spec_form_reads_days_calendar_and_cast(tmp_path: Path) -> None:
    """The spec's form: day strips end days, daysOff [0] means Mon-Sat, dayOff events and flags."""
    path = tmp_path / "spec.uss"
    path.write_text(json.dumps(_spec_form()))
    production = read_production(path)
    assert (production.name, len(production.scenes), production.total_eighths) == (
        "Spec Form",
        3,
        3 + 12 + 16,
    )
    assert strips(production) == {
        "1": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1"]),
        "2": ("EXT", "FARM - FIELD", "DAY", "FARM", ["2"]),
        "3": ("INT", "DINER - BOOTH", "DAY", "DINER", ["1", "2"]),
    }
    assert production.boards == {"Draft": [["2", "1"], ["3"]]}
    assert production.scene("1").elements == {"Props": ["oil lamp"]}
    assert production.scene("1").minutes == 60
    calendar = production.calendar
    assert calendar.weekdays == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert (calendar.holidays, [str(r) for r in calendar.days_off]) == ([date(2027, 3, 17)], ["2027-03-05"])
    nora, eli = production.cast
    assert (nora.id, nora.holds, nora.drop_pickup, nora.min_drop_gap_days) == ("1", False, True, 14)
    assert eli.id == "2"  # an empty elementId gets the first free board ID


def test_problems_in_uss_strips_are_reported_together(tmp_path: Path) -> None:
    """A strip with no pages and one without a set are both reported, naming each breakdown."""
    document = _spec_form()
    breakdowns = document["universalScheduleStandard"]["breakdowns"]
    breakdowns[0]["pages"] = None
    breakdowns[1]["elements"] = ["ext", "eli"]
    path = tmp_path / "broken.uss"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportProblem) as info:
        read_production(path)
    assert [p.split(":")[0] for p in info.value.problems] == [
        "broken.uss, breakdown 1 (id s1), scene '1'",
        "broken.uss, breakdown 2 (id s2), scene '2'",
    ]
    assert "pages: cannot read null as a page count" in info.value.problems[0]
    assert "no Set element" in info.value.problems[1]


@pytest.mark.parametrize("production", [rich_production(), example_production()], ids=["rich", "example"])
def test_write_uss_round_trips_equal(production: Production, tmp_path: Path) -> None:
    """Production -> USS -> read_production is equal: what USS lacks travels in _shootplan keys."""
    path = write_uss(production, tmp_path / "out.uss")
    assert read_production(path) == production


def test_write_uss_leaves_ordinary_permissions(tmp_path: Path) -> None:
    """The atomic write does not leave the USS file readable by its owner only."""
    reference = tmp_path / "reference.txt"
    reference.write_text("x")
    written = write_uss(rich_production(), tmp_path / "out.uss")
    assert stat.S_IMODE(written.stat().st_mode) == stat.S_IMODE(reference.stat().st_mode)


def test_write_uss_is_the_spec_form_and_stable(tmp_path: Path) -> None:
    """The export uses the spec's keys (type scene, breakdownIds, time) and the same bytes each time."""
    production = rich_production()
    first = write_uss(production, tmp_path / "a.uss").read_bytes()
    second = write_uss(production, tmp_path / "b.uss").read_bytes()
    assert first == second
    root = json.loads(first)["universalScheduleStandard"]
    kinds = Counter(b["type"] for b in root["breakdowns"])
    assert kinds == {"scene": 5, "day": 5}
    board = root["stripboards"][0]["boards"][0]
    assert "breakdownIds" in board and "breakdownArrays" not in board
    assert next(b for b in root["breakdowns"] if b["scene"] == "1")["time"] == 95 * 60_000


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path inside a JSON document."""
    found = [prefix] if prefix else []
    items = (
        document.items()
        if isinstance(document, dict)
        else enumerate(document)
        if isinstance(document, list)
        else []
    )
    for key, value in items:
        found += _paths(value, (*prefix, key))
    return found


@st.composite
def damaged_uss(draw: st.DrawFn) -> dict[str, Any]:
    """The spec-form file or shootplan's own export, with one to four values replaced at random."""
    with tempfile.TemporaryDirectory() as folder:
        exported = json.loads(write_uss(rich_production(), Path(folder) / "x.uss").read_text())
    document = copy.deepcopy(draw(st.sampled_from([_spec_form(), exported])))
    paths = _paths(document)
    for _ in range(draw(st.integers(1, 4))):
        *parents, last = draw(st.sampled_from(paths))
        target = document
        with contextlib.suppress(KeyError, IndexError, TypeError):
            for key in parents:
                target = target[key]
            target[last] = draw(JSON_VALUES)
    return document


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=damaged_uss())
@pytest.mark.filterwarnings("ignore::shootplan.ShootplanWarning")
def test_damaged_uss_raises_only_shootplan_errors(document: dict[str, Any]) -> None:
    """Whatever value replaces a part of a USS file, reading it succeeds or raises a ShootplanError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "damaged.uss"
        path.write_text(json.dumps(document))
        with contextlib.suppress(ShootplanError):
            read_production(path)

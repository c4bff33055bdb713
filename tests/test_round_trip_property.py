"""Issue 17's acceptance, as a property: any production that ``check`` accepts can be planned (a
short time limit), written (json, xlsx, ics, csv) and read back with no error but the library's
own, and every feed it writes passes icalendar, vobject, ical and our lint."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from shootplan import Production, read_production, read_schedule, solve, write_workbook
from shootplan.cli import main
from shootplan.errors import ShootplanError
from shootplan.model import MAX_MINUTES, MAX_MONEY
from tests.io.ics.calendar_helpers import assert_valid_feed

EXIT_BUG = 70
#: What plan may end with besides a schedule: no schedule exists, none found in the time. Never 1
#: (bad input): what check accepts, plan must not reject.
NO_PLAN = {3, 4}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Pieces that have broken writers before: formula starts, iCalendar and CSV delimiters, escapes,
# bidi and zero-width marks, combining accents, a family emoji, case folding that changes length,
# line breaks and a terminal escape.
_PIECES = [
    "=",
    "+",
    "-",
    "@",
    ";",
    ",",
    '"',
    "'",
    "\\",
    ":",
    " - ",
    "END:VEVENT",
    "\u202e",
    "\u200b",
    "e\u0301",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\u00df",
    "\u0130",
    "\t",
    "\n",
    "\x1b[2J",
    "#",
    "%",
    "/",
]
_WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=6
)
_LEADING = st.sampled_from(["", "", "=", "+", "-", "@"])
_TIME_ZONES = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Chatham"]
_TIMES_OF_DAY = ["DAY", "NIGHT", "DAWN", "DUSK", "MORNING", "EVENING", "CONTINUOUS"]


@st.composite
def _names(draw: st.DrawFn) -> str:
    """A name with odd unicode and punctuation, maybe led by a formula character; now and then
    one of a few thousand characters (a pasted paragraph: it broke the call-sheet PDF)."""
    parts = draw(st.lists(st.one_of(_WORDS, st.sampled_from(_PIECES)), min_size=1, max_size=4))
    name = draw(_LEADING) + "".join(parts)
    if draw(st.integers(0, 9)) == 0:
        length = draw(st.integers(1_000, 3_000))
        name = ((name + " ") * (length // (len(name) + 1) + 1))[:length]
    return name


# Amounts and minutes: ordinary ones, and some at or near the most the model accepts.
_RATES = st.one_of(
    st.sampled_from([0, 250, 1000]), st.sampled_from([MAX_MONEY]), st.floats(MAX_MONEY * 0.9, MAX_MONEY)
)
_NEAR_MAX_MINUTES = st.integers(MAX_MINUTES - 1_000, MAX_MINUTES)
_COSTS = st.one_of(st.sampled_from([0, 5000, 25000]), st.sampled_from([MAX_MONEY]))


def _distinct(names: st.SearchStrategy[str], low: int, high: int) -> st.SearchStrategy[list[str]]:
    # Distinct as the importers compare names (case and outer spaces ignored), so a draw is not
    # rejected for a duplicate the generator could have avoided.
    return st.lists(names, min_size=low, max_size=high, unique_by=lambda n: n.strip().casefold())


@st.composite
def productions(draw: st.DrawFn) -> dict[str, Any]:
    """Production JSON data: 2-6 scenes, 0-3 cast, 1-3 locations, a start date and a time zone."""
    locations = draw(_distinct(_names(), 1, 3))
    cast_ids = draw(_distinct(_names(), 0, 3))
    numbers = draw(_distinct(_names(), 2, 6))
    # Minutes near the most a strip may state come with a day's cap as large: a strip of 120,000
    # minutes at 600 a day is 200 shoot days, whose call sheets and feeds take minutes to write.
    day_cap = draw(st.one_of(st.just(600), _NEAR_MAX_MINUTES))
    minutes = st.one_of(st.none(), st.integers(1, 600), *([_NEAR_MAX_MINUTES] if day_cap > 600 else []))
    scenes = [
        {
            "number": number,
            "int_ext": draw(st.sampled_from(["INT", "EXT", "INT/EXT"])),
            "set": f"{(place := draw(st.sampled_from(locations)))} - {draw(_names())}",
            "location": place,
            "time_of_day": draw(st.one_of(st.sampled_from(_TIMES_OF_DAY), _names())),
            "eighths": draw(st.integers(1, 40)),
            "minutes": draw(minutes) if draw(st.integers(0, 4)) == 0 else None,
            "cast": draw(st.lists(st.sampled_from(cast_ids), unique=True, max_size=3)) if cast_ids else [],
            "synopsis": draw(st.one_of(st.just(""), _names())),
        }
        for number in numbers
    ]
    return {
        "name": draw(_names()),
        "scenes": scenes,
        "cast": [
            {
                "id": id_,
                "name": draw(_names()),
                "character": draw(_names()),
                "daily_rate": draw(_RATES),
            }
            for id_ in cast_ids
        ],
        "locations": [
            {"name": name, "address": draw(st.one_of(st.just(""), _names()))} for name in locations
        ],
        "calendar": {
            "start": draw(st.dates(date(2026, 1, 1), date(2030, 12, 31))).isoformat(),
            "time_zone": draw(st.sampled_from(_TIME_ZONES)),
        },
        "rules": {
            "shoot_day_cost": draw(_COSTS),
            "company_move_cost": draw(_COSTS),
            "hold_cost_factor": draw(st.sampled_from([1, 1.5, 100])),
            "max_minutes_per_day": day_cap,
        },
    }


def _run(*args: object) -> Result:
    """A shootplan command; a bug (exit 70, or an exception the CLI let through) fails the test."""
    result = CliRunner().invoke(main, [str(arg) for arg in args], prog_name="shootplan")
    assert result.exit_code != EXIT_BUG, f"shootplan {args[0]} hit a bug:\n{result.output}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def _board(data: dict[str, Any], folder: Path, as_workbook: bool) -> Path | None:
    """The production as a file: Production JSON, or the workbook template written from it."""
    try:
        production = Production.model_validate(data)
    except ShootplanError:
        return None
    if not as_workbook:
        path = folder / "board.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path
    try:
        return write_workbook(production, folder / "board.xlsx")
    except ShootplanError:
        return None


def _assert_inert_csv(text: str) -> None:
    """Every cell parses, and none would run as a formula in a spreadsheet."""
    for row in csv.reader(io.StringIO(text, newline="")):
        assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)], row


def _assert_reads_back(board: Path, out: Path) -> None:
    """Every file plan wrote reads back; the feeds pass every checker."""
    production = read_production(board)
    planned = read_production(out / "production.json")
    # plan gives a production without an id one of its own, kept with its outputs.
    assert planned.id and planned == production.model_copy(update={"id": planned.id})
    read_schedule(out / "schedule.json")
    # The workbook holds the production in the template's form (with the plan as a board): every
    # scene comes back exactly, its set too.
    assert read_production(out / "schedule.xlsx").scenes == production.scenes
    assert _run("score", out / "production.json", out / "schedule.json").exit_code == 0
    assert _run("dood", out / "schedule.json", "--out", out / "dood.csv").exit_code == 0
    _assert_inert_csv((out / "dood.csv").read_text(encoding="utf-8"))
    feeds = sorted((out / "calendars").glob("*.ics"))
    assert feeds and "unit.ics" in {feed.name for feed in feeds}
    for feed in feeds:
        assert_valid_feed(feed.read_bytes(), name=feed.name)


@pytest.mark.slow
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
@given(data=productions(), as_workbook=st.booleans())
def test_what_check_accepts_plans_writes_and_reads_back(data: dict[str, Any], as_workbook: bool) -> None:
    """check accepts it, so plan writes json, xlsx, csv and feeds that every reader takes back."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        board = _board(data, folder, as_workbook)
        if board is None or _run("check", board).exit_code != 0:
            reject()
        out = folder / "plan"
        planned = _run("plan", board, "--time-limit", "1", "--workers", "1", "--seed", "0", "--out", out)
        if planned.exit_code in NO_PLAN:
            assert not out.exists(), "a plan that failed wrote its folder"
            return
        assert planned.exit_code == 0, planned.output
        _assert_reads_back(board, out)


@pytest.mark.slow
def test_a_long_dusk_exterior_is_shot_in_its_light() -> None:
    """Found by the round-trip property (plan warned "this is a bug in shootplan"): a 3 2/8-page
    EXT DUSK long enough for the meal to fall in its middle starts at dusk, as the solver times it;
    its part after the meal must not count as a second start out of the light."""

    def scene(number: str, int_ext: str, location: str, time_of_day: str, eighths: int) -> dict[str, Any]:
        return {
            "number": number,
            "int_ext": int_ext,
            "set": f"{location} - X{number}",
            "location": location,
            "time_of_day": time_of_day,
            "eighths": eighths,
        }

    production = Production.model_validate(
        {
            "name": "Dusk",
            "scenes": [
                scene("1", "INT", "A", "DAY", 1),
                scene("2", "INT", "B", "DAY", 1),
                scene("3", "EXT", "A", "DUSK", 26),
            ],
            "locations": [{"name": "A"}, {"name": "B"}],
            "calendar": {"start": "2026-01-01", "time_zone": "UTC"},
        }
    )
    result = solve(production, time_limit=1, num_workers=1, seed=0)
    assert result.evaluation is not None and result.evaluation.violations == []


@pytest.mark.slow
def test_a_strip_with_a_blank_time_of_day_reads_back_from_the_plans_workbook(tmp_path: Path) -> None:
    """Found by the round-trip property: a JSON strip with a blank time of day came back DAY from
    schedule.xlsx (a blank D/N cell reads as DAY); a blank is DAY from the start now, everywhere."""
    data = {
        "name": "BLANK",
        "scenes": [
            {"number": "1", "int_ext": "INT", "set": "A - B", "time_of_day": "NIGHT", "eighths": 15},
            {"number": "2", "int_ext": "INT", "set": "A - C", "time_of_day": "\n", "eighths": 30},
        ],
        "locations": [{"name": "A"}],
        "calendar": {"start": "2030-07-05", "time_zone": "Pacific/Chatham"},
    }
    board = _board(data, tmp_path, as_workbook=False)
    assert board is not None and read_production(board).scenes[1].time_of_day == "DAY"
    out = tmp_path / "plan"
    planned = _run("plan", board, "--time-limit", "1", "--workers", "1", "--seed", "0", "--out", out)
    assert planned.exit_code == 0, planned.output
    _assert_reads_back(board, out)

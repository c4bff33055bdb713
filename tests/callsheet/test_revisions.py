"""After a change, only the call sheets that read differently are issued again, marked revised
(issue 19, item 4); the others keep their bytes and times."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from shootplan import Production, Schedule, ShootplanError, write_call_sheets
from tests.conftest import small_production_data

AT = datetime(2027, 3, 1, 23, 40, tzinfo=UTC)  # 18:40 in New York
BEFORE = [["1"], ["4"], ["2"], ["3"], ["5", "6"]]
AFTER = [["1"], ["4"], ["2"], ["3", "6"], ["5"]]  # scene 6 moved from day 5 to day 4
STEMS = [f"day-0{n}-2027-03-0{n}" for n in range(1, 6)]


@pytest.fixture(scope="module")
def small() -> Production:
    """The six-scene production, in New York."""
    return Production.model_validate(small_production_data())


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino) for p in folder.iterdir()}


def _issue(
    small: Production, folder: Path, formats: tuple[str, ...] = ("html",)
) -> tuple[Schedule, Schedule]:
    old = Schedule.from_day_lists(small, BEFORE)
    write_call_sheets(small, old, folder, formats=formats)
    return old, Schedule.from_day_lists(small, AFTER)


def test_changed_days_are_marked_with_what_moved_where(small: Production, tmp_path: Path) -> None:
    """The day scene 6 left says where it went, the day it joined where from, both in PDF and HTML."""
    old, new = _issue(small, tmp_path)
    write_call_sheets(small, new, tmp_path, previous=old, revised_at=AT)
    left = _pdf_text(tmp_path / f"{STEMS[4]}.pdf")
    assert "Revised 2027-03-01 18:40: scene 6 moved to Day 4; est. wrap" in left
    joined = (tmp_path / f"{STEMS[3]}.html").read_text()
    assert "Revised 2027-03-01 18:40: scene 6 moved here from Day 5" in joined
    assert "advance schedule changed" in _pdf_text(tmp_path / f"{STEMS[2]}.pdf")


@pytest.mark.slow
def test_unchanged_days_are_not_written_again(small: Production, tmp_path: Path) -> None:
    """Day 1 reads the same (its advance days 2 and 3 did not change): bytes, mtime, inode kept."""
    old, new = _issue(small, tmp_path, ("pdf", "html"))
    before = _snapshot(tmp_path)
    write_call_sheets(small, new, tmp_path, previous=old, revised_at=AT)
    after = _snapshot(tmp_path)
    assert "Revised" not in _pdf_text(tmp_path / f"{STEMS[0]}.pdf")
    for kind in ("pdf", "html"):
        assert after[f"{STEMS[0]}.{kind}"] == before[f"{STEMS[0]}.{kind}"]
        assert after[f"{STEMS[4]}.{kind}"][0] != before[f"{STEMS[4]}.{kind}"][0]


def test_a_revision_stays_until_the_day_changes_again(small: Production, tmp_path: Path) -> None:
    """Issued again with nothing new, a revised sheet keeps its mark and its file untouched."""
    old, new = _issue(small, tmp_path)
    write_call_sheets(small, new, tmp_path, formats=["html"], previous=old, revised_at=AT)
    revised = _snapshot(tmp_path)
    later = datetime(2027, 3, 2, 23, 0, tzinfo=UTC)
    write_call_sheets(small, new, tmp_path, formats=["html"], previous=new, revised_at=later)
    assert _snapshot(tmp_path) == revised


def test_shot_days_stay_as_issued_and_new_days_are_first_issues(small: Production, tmp_path: Path) -> None:
    """Days before keep_before are history; a day the crew never had carries no revision mark."""
    old, _ = _issue(small, tmp_path)
    before = _snapshot(tmp_path)
    longer = Schedule.from_day_lists(small, [*AFTER, ["6"]])  # a sixth day, 2027-03-08 (Monday)
    shot = date(2027, 3, 4)
    write_call_sheets(
        small, longer, tmp_path, formats=["html"], previous=old, revised_at=AT, keep_before=shot
    )
    after = _snapshot(tmp_path)
    for stem in STEMS[:3]:  # days 1-3: the total and the advance changed, but they are shot
        assert after[f"{stem}.html"] == before[f"{stem}.html"]
    assert "shoot now 6 days (was 5)" in (tmp_path / f"{STEMS[3]}.html").read_text()
    sixth = next(tmp_path.glob("day-06-*.html")).read_text()
    assert "Revised" not in sixth


def test_the_time_of_the_change_is_required(small: Production, tmp_path: Path) -> None:
    """Without revised_at and a schedule with no 'created' time, the error says what to pass."""
    old, new = _issue(small, tmp_path)
    with pytest.raises(ShootplanError, match="revised_at"):
        write_call_sheets(small, new, tmp_path, formats=["html"], previous=old)


def test_a_day_left_without_scenes_is_issued_again_saying_so(small: Production, tmp_path: Path) -> None:
    """Day 2 emptied: its sheet is not dropped silently but revised, naming where its scene went."""
    old, _ = _issue(small, tmp_path)
    emptied = Schedule.from_day_lists(small, [["1"], [], ["2", "4"], ["3"], ["5", "6"]])
    write_call_sheets(small, emptied, tmp_path, formats=["html"], previous=old, revised_at=AT)
    text = (tmp_path / f"{STEMS[1]}.html").read_text()
    assert "Revised 2027-03-01 18:40: scene 4 moved to Day 3; no scenes on this day now" in text


def test_a_longer_shoot_reissues_unchanged_days_saying_only_that(small: Production, tmp_path: Path) -> None:
    """Scene 6 gets a day of its own at the end: days 1 and 2 read as before but for "of 6", so
    they are issued again saying just that; day 3, whose advance changed, says both."""
    old, _ = _issue(small, tmp_path)
    longer = Schedule.from_day_lists(small, [*BEFORE[:4], ["5"], ["6"]])
    write_call_sheets(small, longer, tmp_path, formats=["html"], previous=old, revised_at=AT)
    for stem in STEMS[:2]:
        page = (tmp_path / f"{stem}.html").read_text()
        assert "Revised 2027-03-01 18:40: shoot now 6 days (was 5); nothing else on this day changed" in page
        assert " of 6" in page and " of 5" not in page
    third = (tmp_path / f"{STEMS[2]}.html").read_text()
    assert "shoot now 6 days (was 5); advance schedule changed" in third
    assert "nothing else" not in third

"""``plan --callsheet-url BASE``: the unit feed links each day's call sheet where it will be
published; ``replan`` keeps linking there without being told again, or where it is told."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from shootplan import Production
from shootplan.cli import main
from tests.conftest import small_production_data


def _source(tmp_path: Path) -> Path:
    path = tmp_path / "production.json"
    path.write_text(Production.model_validate(small_production_data()).model_dump_json())
    return path


@pytest.mark.slow
def test_plan_links_every_day_to_its_published_call_sheet(tmp_path: Path) -> None:
    """Every unit event's URL is a call sheet plan wrote, under the given address."""
    out = tmp_path / "plan"
    base = "https://crew.example.com/show/callsheets"
    args = ["-q", "plan", str(_source(tmp_path)), "--time-limit", "1", "--num-workers", "1"]
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--callsheet-url", base + "/"])
    assert result.exit_code == 0, result.output
    unit = icalendar.Calendar.from_ical((out / "calendars" / "unit.ics").read_bytes())
    written = {p.name for p in (out / "callsheets").iterdir()}
    for event in unit.walk("VEVENT"):
        page, pdf = str(event["URL"]), str(event["ATTACH"])
        assert page.startswith(f"{base}/day-") and page.removeprefix(f"{base}/") in written
        assert pdf.removeprefix(f"{base}/") in written and pdf.endswith(".pdf")


def test_a_relative_address_stops_plan_before_the_search(tmp_path: Path) -> None:
    """An address a phone cannot open is refused at once, naming the option; nothing is written."""
    out = tmp_path / "plan"
    result = CliRunner().invoke(
        main, ["plan", str(_source(tmp_path)), "--out", str(out), "--callsheet-url", "callsheets"]
    )
    assert result.exit_code != 0 and "--callsheet-url" in result.output
    assert not out.exists()


def _links(folder: Path) -> set[str]:
    """The addresses the unit feed in ``folder`` links, pages and PDFs."""
    unit = icalendar.Calendar.from_ical((folder / "calendars" / "unit.ics").read_bytes())
    return {str(event[key]) for event in unit.walk("VEVENT") for key in ("URL", "ATTACH") if key in event}


@pytest.mark.slow
def test_replan_links_where_the_plan_did_unless_told_otherwise(tmp_path: Path) -> None:
    """A re-plan without --callsheet-url links the plan's address (kept in schedule.json), and a
    re-plan of that re-plan still does; --callsheet-url on replan moves the links of the days
    not shot yet (today's event stays as phones hold it)."""
    plan, base = tmp_path / "plan", "https://crew.example.com/show/callsheets"
    solve = ["--time-limit", "1", "--num-workers", "1"]
    runner = CliRunner()
    result = runner.invoke(
        main, ["-q", "plan", str(_source(tmp_path)), *solve, "--out", str(plan), "--callsheet-url", base]
    )
    assert result.exit_code == 0, result.output
    today = json.loads((plan / "schedule.json").read_text())["schedule"]["days"][0]["date"]
    again = [*solve, "--today", today]
    for source, out, flag in (
        (plan, tmp_path / "kept", []),
        (tmp_path / "kept", tmp_path / "kept-2", []),
        (plan, tmp_path / "moved", ["--callsheet-url", "https://other.example.org/cs"]),
    ):
        result = runner.invoke(main, ["-q", "replan", str(source), *again, "--out", str(out), *flag])
        assert result.exit_code == 0, result.output
        expected = flag[1] if flag else base
        links = {link for link in _links(out) if f"-{today}." not in link}
        assert links and all(link.startswith(expected + "/day-") for link in links)
        assert json.loads((out / "schedule.json").read_text())["published"] == {"callsheets": expected}


def test_a_relative_address_stops_replan_before_anything_is_read(tmp_path: Path) -> None:
    """replan checks --callsheet-url as plan does: refused at once, naming the option."""
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "schedule.json").write_text("{}")
    result = CliRunner().invoke(
        main,
        ["replan", str(tmp_path / "plan"), "--today", "2027-03-01", "--callsheet-url", "callsheets"],
    )
    assert result.exit_code != 0 and "--callsheet-url" in result.output

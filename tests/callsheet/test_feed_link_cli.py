"""``plan --callsheet-url BASE``: the unit feed links each day's call sheet where it will be published."""

from __future__ import annotations

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

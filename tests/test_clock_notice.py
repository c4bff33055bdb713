"""Rules on the clock the solver does not time yet: said as a known limit with its remedy, and
never as a bug report; any other broken rule still is one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from shootplan import Production, Rule, Schedule, evaluate, read_production
from shootplan.cli import main
from shootplan.day_order import shooting_order
from shootplan.findings import CLOCK_RULES
from shootplan.violations import clock_notice
from tests.conftest import small_production_data

MESSY = Path(__file__).resolve().parents[1] / "examples" / "messy_board.xlsx"


def _minor_across_an_adults_scene() -> tuple[Production, Schedule]:
    """MAE, ten, shoots an hour in the field and an hour in the barn on a school day, with
    NORA's five-hour field scene between them: 8 h on set and 3 h of school, over her 9 h."""
    data = small_production_data()
    data["cast"][2].update(minor=True, age=10)
    field = {"int_ext": "EXT", "set": "FARM - FIELD", "eighths": 4, "minutes": 60, "cast": ["3"]}
    data["scenes"] = [
        dict(field, number="A"),
        dict(field, number="B", eighths=8, minutes=300, cast=["1"]),
        dict(field, number="C", int_ext="INT", set="FARM - BARN"),
    ]
    production = Production.model_validate(data)
    return production, Schedule.from_day_lists(production, [shooting_order(production, ["A", "B", "C"])])


def test_a_minors_day_on_the_clock_is_named_as_a_known_limit() -> None:
    """The scorer's minors' hours come back as one notice: the count, the rule and the remedy."""
    production, schedule = _minor_across_an_adults_scene()
    violations = evaluate(production, schedule).violations
    assert [v.rule for v in violations] == [Rule.MINORS]
    notice = clock_notice(violations)
    assert notice is not None
    assert notice.message.startswith("the schedule breaks 1 rule on the clock (minors' hours 1)")
    assert "hand fix (move the scene" in notice.message and str(violations[0]) in notice.message


def test_rules_off_the_clock_get_no_clock_notice() -> None:
    """NORA away on the first day her scene is shot: an availability, not a rule on the clock."""
    data = small_production_data()
    data["cast"][0]["unavailable"] = ["2027-03-01"]
    production = Production.model_validate(data)
    schedule = Schedule.from_day_lists(production, [[scene.number] for scene in production.scenes])
    violations = evaluate(production, schedule).violations
    assert [v.rule for v in violations] == [Rule.CAST_AVAILABILITY]
    assert clock_notice(violations) is None


@pytest.mark.slow
def test_plan_tells_the_clock_limit_apart_from_a_bug(tmp_path: Path) -> None:
    """plan warns of rules on the clock as the model's limit and keeps "this is a bug" for the rest."""
    out = tmp_path / "plan"
    args = ["plan", str(MESSY), "--time-limit", "5", "--workers", "1", "--seed", "1", "--out", str(out)]
    ran = CliRunner().invoke(main, args, prog_name="shootplan")
    assert ran.exit_code == 0, ran.output
    schedule = Schedule.model_validate(json.loads((out / "schedule.json").read_text())["schedule"])
    violations = evaluate(read_production(MESSY), schedule).violations
    on_clock = [v for v in violations if v.rule in CLOCK_RULES]
    said = " ".join(ran.output.split())
    # Once: the solver's own log of the same verdict is left out while plan reports it.
    assert said.count("on the clock (") == (1 if on_clock else 0)
    assert ("this is a bug" in ran.output) == (len(on_clock) < len(violations))

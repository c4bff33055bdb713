"""A minor's age and school break, which set the minors' hours, survive every file shootplan
writes: the workbook template, schedule.xlsx and USS. Lost, a 9-year-old's day would be planned
with a 16-year-old's hours."""

from __future__ import annotations

from pathlib import Path

import pytest

from shootplan import CastMember, ImportProblem, Production, Schedule
from shootplan.io import read_production, write_excel, write_uss, write_workbook
from tests.io.import_fixtures import rich_production, template_rows, write_xlsx


def _with_a_young_minor_on_break() -> Production:
    """The rich production with MAE (cast 3) aged 9 and out of school."""
    production = rich_production()
    cast = [
        member.model_copy(update={"age": 9, "schooling": False}) if member.id == "3" else member
        for member in production.cast
    ]
    return production.replace(cast=cast)


@pytest.mark.parametrize("writer", ["template", "schedule.xlsx", "uss"])
def test_a_minors_age_and_school_break_read_back(tmp_path: Path, writer: str) -> None:
    """Age 9 and no schooling come back from each writer; the adults stay without either."""
    production = _with_a_young_minor_on_break()
    if writer == "template":
        path = write_workbook(production, tmp_path / "board.xlsx")
    elif writer == "uss":
        path = write_uss(production, tmp_path / "board.uss")
    else:
        schedule = Schedule.from_day_lists(production, [["1", "A12"], ["2A"], ["70pt"], ["70pt"], ["7.73A"]])
        path = write_excel(production, schedule, tmp_path / "schedule.xlsx")
    again = read_production(path)
    mae: CastMember = next(member for member in again.cast if member.id == "3")
    assert (mae.age, mae.schooling, mae.is_minor) == (9, False, True)
    assert [(m.age, m.schooling) for m in again.cast if m.id != "3"] == [(None, True), (None, True)]


def test_an_age_of_an_adult_is_named_at_its_cell(tmp_path: Path) -> None:
    """Age 19 on the Cast sheet is a problem that names the sheet, row and column."""
    sheets = template_rows()
    sheets["Cast"][0] += ["Age"]
    sheets["Cast"][1] += [19]
    with pytest.raises(ImportProblem) as info:
        read_production(write_xlsx(tmp_path / "ages.xlsx", sheets))
    assert "ages.xlsx, sheet Cast, row 2, column Age" in "\n".join(info.value.problems)


def test_a_template_without_the_columns_keeps_every_minor_at_school(tmp_path: Path) -> None:
    """A board with no Age or Schooling column reads as before: no ages, every minor schooling."""
    production = read_production(write_xlsx(tmp_path / "hand.xlsx", template_rows()))
    assert all(member.age is None and member.schooling for member in production.cast)

"""Page counts: parsed as ADs write them, printed as ADs read them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shootplan import format_pages, parse_pages
from shootplan.errors import PageCountError
from shootplan.pages import parse_page_cap


@pytest.mark.parametrize(
    ("text", "eighths"),
    [
        ("2 3/8", 19),
        ("2-3/8", 19),
        ("3/8", 3),
        ("2.375", 19),
        ("3 5/8 pgs", 29),
        ("3 5/8pgs", 29),
        ("1", 8),
        ("4/8", 4),
        ("1/2", 4),
        (" 7/8 pages ", 7),
        ("19 8ths", 19),
        ("23/8", 23),
        (".5", 4),
        ("0.01", 1),
        ("0", 0),
        (2, 16),
        (0.75, 6),
    ],
)
def test_parse_pages_reads_every_form_ads_write(text: str | int | float, eighths: int) -> None:
    """Every page-count form of DOMAIN.md reads to the right number of eighths."""
    assert parse_pages(text) == eighths


@pytest.mark.parametrize("text", ["abc", "", "2 9/8", "1/0", "-1", "2..3", "nan", True, "2 3/9", "1/3"])
def test_parse_pages_rejects_garbage_with_examples(text: object) -> None:
    """Unreadable or negative page counts raise PageCountError with accepted examples."""
    with pytest.raises(PageCountError) as info:
        parse_pages(text)  # type: ignore[arg-type]
    assert "page count" in str(info.value)


@pytest.mark.parametrize(("eighths", "text"), [(0, "0"), (3, "3/8"), (4, "4/8"), (8, "1"), (19, "2 3/8")])
def test_format_pages_prints_eighths_as_ads_do(eighths: int, text: str) -> None:
    """Half a page prints as 4/8, whole pages without a fraction."""
    assert format_pages(eighths) == text


@given(st.integers(min_value=0, max_value=10_000))
def test_format_then_parse_is_identity(eighths: int) -> None:
    """Any count of eighths survives printing and reading back."""
    assert parse_pages(format_pages(eighths)) == eighths


@pytest.mark.parametrize(
    ("cap", "eighths"), [(5.2, 41), ("5.2", 41), ("5 2/8", 42), (5, 40), ("5", 40), (4.5, 36)]
)
def test_a_page_cap_rounds_down_to_whole_eighths(cap: str | float, eighths: int) -> None:
    """A cap of 5.2 pages is 41 eighths (never over what the board states); whole eighths stay."""
    assert parse_page_cap(cap) == eighths


def test_a_scene_length_still_rounds_up_to_an_eighth() -> None:
    """A scene of 0.01 pages is 1/8, and 5.2 pages of scene is 42 eighths (the nearest)."""
    assert (parse_pages("0.01"), parse_pages(5.2)) == (1, 42)

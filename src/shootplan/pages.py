"""Page counts in eighths: parse them as ADs write them, print them as ADs read them.

A script page is divided into eighths; a stripboard stores whole eighths (Movie Magic does) and
prints them as ``2 3/8``, ``3/8`` or ``1``. Inputs in the wild also come as ``2-3/8``,
``2.375``, ``3 5/8 pgs`` or plain integers. This module is the one place that knows all of them.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from shootplan.errors import PageCountError

__all__ = ["EIGHTHS_PER_PAGE", "format_pages", "parse_page_cap", "parse_pages"]

EIGHTHS_PER_PAGE = 8

_EXAMPLES = "e.g. 2 3/8, 3/8, 1.25"
# "2 3/8", "2-3/8", "2+3/8": whole pages, a separator, then a fraction.
_MIXED = re.compile(r"^(?P<whole>\d+)\s*(?:\s|-|\+)\s*(?P<num>\d+)\s*/\s*(?P<den>\d+)$")
_FRACTION = re.compile(r"^(?P<num>\d+)\s*/\s*(?P<den>\d+)$")
_DECIMAL = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")
# Trailing unit words ADs type after the number: "pgs", "pages", "p.", "8ths".
_UNIT = re.compile(r"\s*(?:pages?|pgs?\.?|p\.?)\s*$", re.IGNORECASE)
_EIGHTHS_UNIT = re.compile(r"^(?P<num>\d+)\s*(?:/8|8ths?|eighths?)$", re.IGNORECASE)


def _to_eighths(pages: Fraction) -> int:
    """Round a page count to whole eighths; anything above zero is at least one eighth."""
    eighths = pages * EIGHTHS_PER_PAGE
    # Round half up so 2.4375 pages (19.5 eighths) reads as 2 4/8, as a person would round it.
    whole = math.floor(eighths + Fraction(1, 2))
    if whole == 0 and eighths > 0:
        return 1
    return int(whole)


# The longest text read as a page count ("1000 7/8 pgs" is 12 characters).
_LONGEST_TEXT = 40


def _read(value: str | int | float | Fraction) -> Fraction:
    """A page count as an exact fraction of pages (not yet in eighths); never negative."""
    if isinstance(value, bool):
        raise PageCountError(f"cannot read {value!r} as a page count ({_EXAMPLES})")
    if isinstance(value, int | Fraction):
        pages = Fraction(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PageCountError(f"cannot read {value!r} as a page count ({_EXAMPLES})")
        pages = Fraction(value)
    elif isinstance(value, str):
        if len(value) > _LONGEST_TEXT:
            # Python refuses to read integers of over 4,300 digits; no page count is that long.
            raise PageCountError(
                f"cannot read {value[:_LONGEST_TEXT]!r}... ({len(value):,} characters) as a page count"
            )
        pages = _parse_text(value)
    else:
        raise PageCountError(f"cannot read {value!r} as a page count ({_EXAMPLES})")
    if pages < 0:
        raise PageCountError(f"a page count cannot be negative: {value!r}")
    return pages


def parse_pages(value: str | int | float | Fraction) -> int:
    """Return a page count in whole eighths.

    Accepts ``"2 3/8"``, ``"2-3/8"``, ``"3/8"``, ``"2.375"``, ``"3 5/8 pgs"``, ``"19 8ths"``,
    ``"1"``, and numbers (a number is a count of *pages*: ``2.375`` is 19 eighths). Values between
    eighths are rounded to the nearest eighth; anything above zero but under an eighth counts as
    one eighth, as DOMAIN.md asks. Raises :class:`~shootplan.errors.PageCountError` for anything
    else, including negative counts.

    >>> parse_pages("2 3/8")
    19
    >>> parse_pages(0.75)
    6
    """
    return _to_eighths(_read(value))


def parse_page_cap(value: str | int | float | Fraction) -> int:
    """Return a page cap per shoot day in whole eighths, rounded *down*.

    A cap is a limit the board states, so the schedule must never go over it: ``5.2`` pages is
    41.6 eighths and reads as 41 (5 1/8), where a scene's length would round to 42. Whole eighths
    stay as they are (``"5 2/8"`` is 42, ``5`` is 40). Every reader of a cap (the model, the
    workbook's Settings, ``read_production``'s override) goes through here. A cap under one eighth
    gives 0, which the model refuses (no day could shoot anything).

    >>> parse_page_cap(5.2)
    41
    """
    # A float is read as the decimal it prints as, so 5.2 is 26/5 and not 5.2000000000000002.
    pages = _read(value)
    if isinstance(value, float):
        pages = Fraction(repr(value))
    return math.floor(pages * EIGHTHS_PER_PAGE)


# Page fractions are halves, quarters and eighths; a 3/9 is a typo, not a page count.
_DENOMINATORS = frozenset({1, 2, 4, 8, 16, 32, 64})


def _parse_text(value: str) -> Fraction:
    text = value.strip().replace("\u2044", "/")  # the Unicode fraction slash
    text = _UNIT.sub("", text).strip()
    if match := _EIGHTHS_UNIT.match(text):
        return Fraction(int(match["num"]), EIGHTHS_PER_PAGE)
    if match := _MIXED.match(text):
        whole, num, den = int(match["whole"]), int(match["num"]), int(match["den"])
        if den not in _DENOMINATORS or num >= den:
            raise PageCountError(f"cannot read {value!r} as a page count ({_EXAMPLES})")
        return whole + Fraction(num, den)
    if match := _FRACTION.match(text):
        num, den = int(match["num"]), int(match["den"])
        if den not in _DENOMINATORS:
            raise PageCountError(f"cannot read {value!r} as a page count ({_EXAMPLES})")
        return Fraction(num, den)
    if _DECIMAL.match(text):
        return Fraction(text)
    if text.startswith("-"):
        raise PageCountError(f"a page count cannot be negative: {value!r}")
    raise PageCountError(f"cannot read {value!r} as a page count ({_EXAMPLES})")


def format_pages(eighths: int) -> str:
    """Print whole eighths as an AD writes them: ``19`` -> ``"2 3/8"``, ``3`` -> ``"3/8"``.

    Half a page stays ``4/8`` (never ``1/2``), as stripboards print it.

    >>> format_pages(19)
    '2 3/8'
    """
    if eighths < 0:
        raise PageCountError(f"a page count cannot be negative: {eighths} eighths")
    whole, rest = divmod(eighths, EIGHTHS_PER_PAGE)
    if rest == 0:
        return str(whole)
    if whole == 0:
        return f"{rest}/8"
    return f"{whole} {rest}/8"

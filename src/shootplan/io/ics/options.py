"""The options every calendar function takes, declared once and checked once."""

from __future__ import annotations

import re
import uuid
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypedDict

from shootplan.errors import ShootplanError, ShootplanWarning
from shootplan.io.ics.identity import production_namespace
from shootplan.model import Production
from shootplan.schedule import Schedule
from shootplan.zones import resolve_zone, with_zone

__all__ = ["CalendarOptions", "Settings", "check_options", "published_folder", "require_aware", "zoned"]


class CalendarOptions(TypedDict, total=False):
    """The options every feed function takes as keywords; :func:`unit_calendar` says what each does.

    Declared once, so that the feed functions, :func:`write_calendars` and
    :func:`publish_caldav` cannot drift apart. An option left out takes its default
    (``meal_minutes`` 60, the others None).
    """

    organizer: str | None
    production_id: str | None
    stamp: datetime | None
    call_sheet_url: str | None
    call_sheet_base: str | None
    meal_minutes: int
    since: date | None


@dataclass(frozen=True)
class Settings:
    """The options every feed shares, checked: the stamp in UTC, the UID namespace, the organizer."""

    stamp: datetime
    namespace: uuid.UUID
    production_id: str | None  # what the namespace derives from, when not the name
    organizer: str
    organizer_name: str
    call_sheet_url: str | None
    call_sheet_base: str | None  # where the callsheets/ folder is published, no trailing "/"
    meal_minutes: int
    since: date | None
    # Events dated before this stay exactly as subscribers hold them (a re-plan's shot days);
    # set by write_calendars(keep_before=...), never an option of a single feed.
    keep_before: date | None = None


def check_options(
    production: Production,
    schedule: Schedule,
    *,
    organizer: str | None = None,
    production_id: str | None = None,
    stamp: datetime | None = None,
    call_sheet_url: str | None = None,
    call_sheet_base: str | None = None,
    meal_minutes: int = 60,
    since: date | None = None,
) -> Settings:
    """The checked options; an unknown keyword is a TypeError here, as in a full signature."""
    when = stamp if stamp is not None else schedule.created
    if when is None:
        raise ShootplanError(
            "the schedule has no 'created' timestamp: calendars take DTSTAMP and LAST-MODIFIED from"
            " it (never from the clock, so that the same schedule gives the same feed); pass"
            " stamp=datetime(..., tzinfo=UTC) or build the schedule with created=..."
        )
    require_aware(when, "stamp")
    if meal_minutes < 0:
        raise ShootplanError(f"meal_minutes must be 0 or more, not {meal_minutes}")
    if call_sheet_url is not None:
        try:
            call_sheet_url.format(number=1, date=date(2000, 1, 1))
        except (KeyError, IndexError, ValueError) as error:
            raise ShootplanError(
                f"call_sheet_url {call_sheet_url!r} may use only {{number}} and {{date}}: {error}"
            ) from None
    base = published_folder(call_sheet_base, call_sheet_url)
    address = (organizer or "noreply@shootplan.invalid").strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", address):
        address = f"mailto:{address}"
    return Settings(
        stamp=when.astimezone(UTC).replace(microsecond=0),
        namespace=production_namespace(production, production_id),
        production_id=production_id or production.id,
        organizer=address,
        organizer_name=f"{production.name} production office",
        call_sheet_url=call_sheet_url,
        call_sheet_base=base,
        meal_minutes=meal_minutes,
        since=since,
    )


def published_folder(base: str | None, template: str | None = None) -> str | None:
    """The call sheets' folder address, checked: absolute http(s), so a phone can open it."""
    if base is None:
        return None
    if template is not None:
        raise ShootplanError(
            "give call_sheet_base (where the callsheets folder is published) or call_sheet_url"
            " (one address per day), not both"
        )
    if not re.match(r"^https?://[^/\s]+", base) or any(c.isspace() for c in base):
        raise ShootplanError(
            f"call_sheet_base {base!r} is not a web address a phone can open: give the absolute"
            " http(s) address the callsheets folder is published at, e.g."
            " https://example.com/show/callsheets"
        )
    return base.rstrip("/")


def require_aware(value: datetime, what: str) -> None:
    """Refuse a naive datetime: it becomes a floating time, which Google reads as UTC."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ShootplanError(
            f"{what} {value.isoformat()} has no time zone: a naive datetime becomes a floating"
            " time that phones show at the wrong hour (give tzinfo, e.g. UTC)"
        )


def zoned(production: Production) -> Production:
    """The production with its time zone resolved, warning which zone when it stated none.

    Every feed function calls this first, once, so that a production built in Python without a
    time zone is published in its locations' (or this computer's) zone, never silently in UTC.
    A production read from a file already has one (the reader resolved it and said so).
    """
    choice = resolve_zone(production)
    if choice.notice is not None:
        warnings.warn(f"{production.name}: {choice.notice}", ShootplanWarning, stacklevel=3)
    return with_zone(production, choice)

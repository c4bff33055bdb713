"""Call sheets after a change to the schedule: what changed on each day, in an AD's words.

A crew holds the call sheets already issued. When the schedule changes (a re-plan), a day whose
sheet reads differently is issued again with a revision line at its top, such as ``Revised
2027-03-09 18:40: scenes 12, 14 moved to Day 9``; a day whose sheet reads the same is not issued
again at all, so its files keep their bytes and times (and an earlier revision line stays). Days
are matched by date: the date is how a crew member finds "tomorrow's sheet".

The shoot's length is part of what a sheet reads ("Day 12 of 30"). When a re-plan adds or drops a
day, a sheet whose day is otherwise the same is issued again too, marked ``Revised 2027-03-09
18:40: shoot now 31 days (was 30); nothing else on this day changed``: keeping it would leave a
sheet in the crew's hands that contradicts the schedule, and the mark says in its first words that
there is nothing new to prepare for. The calendar feeds do not carry the total, so phones are not
sent those days again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from datetime import date, datetime

from shootplan.call_sheet import CallSheet, call_sheets
from shootplan.errors import ShootplanError
from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = ["Issued", "revise"]

#: What the crew was issued before: the old schedule (the same production), or the production as
#: it was and the old schedule (needed when scenes were cut or places changed).
Issued = Schedule | tuple[Production, Schedule]

# The other fields a crew reads, when the scenes did not change (a change of scenes says them).
_WORDS = {
    "shooting_call": "shooting call changed",
    "meal": "meal time changed",
    "locations": "locations changed",
    "cast": "cast calls changed",
    "holds": "holds changed",
    "moves": "company moves changed",
    "notes": "notes changed",
}


def revise(
    production: Production,
    schedule: Schedule,
    days: Sequence[int | date] | None,
    previous: Issued,
    at: datetime | None,
    keep_before: date | None,
) -> tuple[list[CallSheet], set[str]]:
    """The sheets to issue, revised where they changed, and the days (ISO dates) left as issued.

    A day before ``keep_before`` (shot already) stays as it was issued; so does a day whose sheet
    reads the same. A day the crew never had is a first issue, with no mark. A day the crew had
    that has no scenes any more is issued again, revised, so that nobody turns up for it.
    """
    when = at if at is not None else schedule.created
    if when is None:
        raise ShootplanError(
            "the revised call sheets need the time of the change: pass revised_at=datetime(...,"
            " tzinfo=...) or give the schedule a 'created' time"
        )
    before, old_schedule = previous if isinstance(previous, tuple) else (production, previous)
    issued = {sheet.date: sheet for sheet in call_sheets(before, old_schedule)}
    if days is None:
        days = [day.date for day in schedule.days if day.scenes or day.date in issued]
    was, now = _day_numbers(old_schedule), _day_numbers(schedule)
    result: list[CallSheet] = []
    kept: set[str] = set()
    for sheet in call_sheets(production, schedule, days):
        old = issued.get(sheet.date)
        if keep_before is not None and sheet.date < keep_before:
            kept.add(sheet.date.isoformat())
            result.append(old if old is not None and old.day_number == sheet.day_number else sheet)
            continue
        reasons = changes(old, sheet, was, now) if old is not None else []
        if old is not None and not reasons:
            kept.add(sheet.date.isoformat())
        if reasons:
            stamp = when.astimezone(sheet.zone)
            sheet = replace(sheet, revision=f"Revised {stamp:%Y-%m-%d %H:%M}: {'; '.join(reasons)}")
        result.append(sheet)
    return result, kept


def changes(old: CallSheet, new: CallSheet, was: Mapping[str, int], now: Mapping[str, int]) -> list[str]:
    """What reads differently on ``new`` than on ``old`` (the same date), most important first.

    ``was`` and ``now`` give each scene's shoot day number before and after. Empty when the two
    sheets read the same.
    """
    if replace(old, revision=None) == replace(new, revision=None):
        return []
    length = f"shoot now {new.total_days} days (was {old.total_days})"
    if replace(old, revision=None, total_days=new.total_days) == replace(new, revision=None):
        return [length, "nothing else on this day changed"]
    reasons: list[str] = []
    if old.day_number != new.day_number:
        reasons.append(f"now Day {new.day_number} (was Day {old.day_number})")
    before = list(dict.fromkeys(s.number for s in old.scenes))
    after = list(dict.fromkeys(s.number for s in new.scenes))
    reasons += _grouped([n for n in before if n not in after], now, "moved to Day {}", "off the schedule")
    reasons += _grouped([n for n in after if n not in before], was, "moved here from Day {}", "added")
    if not reasons and before != after:
        reasons.append("shooting order changed")
    if before and not after:
        reasons.append("no scenes on this day now")
    for label, old_time, new_time in (
        ("crew call", old.crew_call, new.crew_call),
        ("est. wrap", old.wrap, new.wrap),
    ):
        if old_time is not None and new_time is not None and old.clock(old_time) != new.clock(new_time):
            reasons.append(f"{label} {new.clock(new_time)} (was {old.clock(old_time)})")
    if old.total_days != new.total_days:
        reasons.append(length)
    if old.advance != new.advance:
        reasons.append("advance schedule changed")
    if not reasons or before == after:
        reasons += [words for name, words in _WORDS.items() if getattr(old, name) != getattr(new, name)]
    return reasons or _other(old, new)


def _grouped(numbers: Sequence[str], days: Mapping[str, int], moved: str, gone: str) -> list[str]:
    """``scenes 12, 14 moved to Day 9``: the scenes going to (or coming from) each day, together."""
    by_day: dict[int | None, list[str]] = {}
    for number in numbers:
        by_day.setdefault(days.get(number), []).append(number)
    lines = []
    for day, group in by_day.items():
        which = f"scene {group[0]}" if len(group) == 1 else f"scenes {', '.join(group)}"
        lines.append(f"{which} {moved.format(day) if day is not None else gone}")
    return lines


def _other(old: CallSheet, new: CallSheet) -> list[str]:
    """Any other difference, by the field's name (a safety net: every field has words above)."""
    names = [f.name for f in fields(CallSheet) if getattr(old, f.name) != getattr(new, f.name)]
    return [f"{', '.join(n.replace('_', ' ') for n in names if n != 'revision')} changed"]


def _day_numbers(schedule: Schedule) -> dict[str, int]:
    """Each scene's first shoot day number."""
    numbers: dict[str, int] = {}
    for day in schedule.days:
        for number in day.scenes:
            numbers.setdefault(number, day.number)
    return numbers

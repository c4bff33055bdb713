"""The workbook template's shape: its sheets, their columns and the Settings keys.

The one description of the template that the reader and the writer share.

One ``.xlsx`` holds a whole production. Only ``Scenes`` is required; every other sheet, column and
setting falls back to the default shown. Sheet and column names are matched ignoring case and
punctuation, extra columns and sheets are ignored, and the Scenes sheet may be any stripboard
:mod:`shootplan.io.stripboard` reads (header row anywhere in the first rows, day breaks...). Lists
are separated by ``;`` or ``,``; date ranges are written ``2027-03-04..2027-03-08``; yes/no cells
take ``yes``, ``no``, ``x`` or blank.

Every other sheet with a Scene column is read as a board too (one sheet per revision, or the
Stripboard of a workbook :func:`shootplan.io.write_excel` wrote): its day breaks become one of the
production's boards. A scene listed on several sheets takes its data from the Scenes sheet,
wherever its tab is, else from the first sheet that lists it; a sheet that disagrees gets a
warning.

**Scenes** (one row per strip)

=================  ==================================================  ===================
column             meaning                                             default
=================  ==================================================  ===================
Scene              scene number as written: 12, 12A, A12, 70pt         required
Int/Ext            INT, EXT or INT/EXT (also I, E, I/E)                required
Set                BAILEY HOME - KITCHEN                               required
Day/Night          DAY, NIGHT, DAWN, DUSK, MORNING...                  DAY
Pages              2 3/8, 3/8, 1.25 (or an ``8ths`` column: 19)        required
Cast               board IDs: 1, 2, 14 (or names on the Cast sheet)    none
Location           where the set is shot                               set name before " - "
Est. Minutes       estimated shooting minutes (90, 1:30)               from the page count
Shoot Days         whole days a long scene occupies                    as its length needs
Script Day         story day: D3, N2                                   none
Synopsis           one line                                            empty
Earliest           not shot before this date                           none
Latest             not shot after this date                            none
Pinned             shot on this date                                   none
Cover              yes for a weather-cover set                         no
Elements: <name>   one column per element category, items by ``;``    none
=================  ==================================================  ===================

**Cast**: ID (board ID, required), Name (performer), Character, Daily Rate (pay per work or hold
day; it prices hold days), Unavailable (dates and ranges), Hold (paid on a consecutive basis;
default yes), Drop (may be dropped and picked up; default no), Drop Gap Days (default 10), Max
Drops (default 1), Minor (default no), Age (a minor's age in years: sets the band of hours, implies
Minor), Schooling (a minor's weekdays are school days; default yes, no in a school break), Makeup
Minutes (minutes in hair and makeup before the on-set call; blank: 60) and Pickup Minutes (minutes
from pickup to the hair-and-makeup call; blank: 30), the call sheet's lead times. Without a Cast
sheet, every cast ID on the scenes becomes a cast member; with one, a scene naming a cast member it
does not list is an error.

**Locations**: Location (name, required), Address, Latitude, Longitude, Time Zone, Available From
and Available To (one window), Windows (several windows, as ranges), Unavailable (dates and
ranges), Return Cost (what coming back after the unit has left costs; blank: the Location Return
Cost setting), Standing (yes for a standing set or stage: returns cost nothing; default no),
Parking (crew parking and basecamp) and Hospital (the nearest one), printed on call sheets.
Locations the scenes use but the sheet omits are added, with a warning.

**Settings** (key/value rows: the key in the first column, its value in the next)

====================  ===========================================  ===========================
key                   value                                        default
====================  ===========================================  ===========================
Production            the production's name                        a title cell or title page,
                                                                   else the file name
Production ID         its stable identity (calendars, event UIDs)  made by ``plan``
Start Date            date of shoot day 1                          see below
Time Zone             IANA name: America/New_York                  the locations', else this
                                                                   computer's (warned)
Shoot Days            shooting weekdays: Mon-Fri, Mon-Sat          Mon-Fri
Days Off              company dark days (dates and ranges)         none
Holidays              company holidays (dates and ranges)          none
Max Pages Per Day     page cap per shoot day: 5, 4 4/8             5
Max Minutes Per Day   shooting minutes per day, or ``none``        600
Minutes Per Page      estimate for scenes without minutes          120
Max Shoot Days        shoot days available                         no limit
Call Time             default crew call: 07:00                     07:00
Company Move Minutes  time a company move takes out of the day     60
Company Move Cost     cost of one company move                     5000
Location Return Cost  cost of coming back to a location left       5000
Hold Cost Factor      multiplier on a daily rate per hold day      1
Shoot Day Cost        cost of each shoot day used                  0
Turnaround            rest profile: sag, iatse, eu or none         sag
Precedences           scene A before scene B: ``12 > 13; 40 > 41``  none
Same Day              scenes shot on one day: ``12, 13; 40, 41``   none
Date Order            how 03/04/2027 reads: day-first or           the file's dates with a day
                      month-first                                  above 12, else month-first
====================  ===========================================  ===========================

Without a Start Date, the dates on the board's day breaks give it, else a fixed placeholder (see
:mod:`shootplan.io._build`) with a warning.

**Boards** (optional; the AD's own day assignments, ``Production.boards``): Board (its name), Day
(1, 2, 3... in order), Scenes (the day's scene numbers in shooting order, by ``,`` or ``;``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from shootplan.io._cells import (
    CellError,
    cell_text,
    normalize,
    quoted,
    read_date,
    read_int,
    read_number,
    read_page_cap,
    split_list,
)
from shootplan.shoot_calendar import OPEN_RANGE

__all__ = [
    "BOARD_COLUMNS",
    "BOARD_HEADERS",
    "CAST_COLUMNS",
    "CAST_HEADERS",
    "CREATOR",
    "LOCATION_COLUMNS",
    "LOCATION_HEADERS",
    "PRECEDENCE_ARROW",
    "REPORT_SHEETS",
    "SCENE_HEADERS",
    "SCENE_SHEETS",
    "SETTINGS",
    "SETTING_BY_KEY",
    "SHEETS",
    "Setting",
    "read_ranges",
]

SHEETS: dict[str, tuple[str, ...]] = {
    "cast": ("Cast", "Cast List", "Cast Members", "Actors"),
    "locations": ("Locations", "Location List", "Sites"),
    "settings": ("Settings", "Setup", "Production Settings"),
    "boards": ("Boards", "Board Days"),
}

CAST_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("ID", "Board ID", "Cast ID", "#", "Cast #", "Number"),
    "name": ("Name", "Performer", "Actor", "Actor Name", "Talent"),
    "character": ("Character", "Role", "Character Name", "Part"),
    "daily_rate": ("Daily Rate", "Rate", "Day Rate", "Per Day", "Rate Per Day"),
    "unavailable": ("Unavailable", "Unavailable Dates", "Not Available", "Blackout Dates"),
    "holds": ("Hold", "Holds", "Hold Days", "Consecutive"),
    "drop_pickup": ("Drop", "Drop/Pickup", "Drop and Pickup", "Drop Pickup"),
    "min_drop_gap_days": ("Drop Gap Days", "Drop Gap", "Drop Days", "Min Drop Gap"),
    "max_drops": ("Max Drops", "Drops Allowed"),
    "minor": ("Minor", "Under 18", "Is Minor"),
    "age": ("Age", "Minor Age"),
    "schooling": ("Schooling", "School", "In School"),
    # Call-sheet lead times; never a bare "Pickup", which a Drop/Pickup column could mean.
    "makeup_minutes": ("Makeup Minutes", "Hair and Makeup Minutes", "HMU Minutes", "Makeup Lead"),
    "pickup_minutes": ("Pickup Minutes", "Pickup Lead"),
}

LOCATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Location", "Name", "Location Name", "Shooting Location"),
    "address": ("Address", "Street Address"),
    "latitude": ("Latitude", "Lat"),
    "longitude": ("Longitude", "Lon", "Lng", "Long"),
    "time_zone": ("Time Zone", "Timezone", "TZ"),
    "available_from": ("Available From", "From", "Available Start"),
    "available_to": ("Available To", "To", "Until", "Available Until"),
    "windows": ("Windows", "Available", "Available Dates"),
    "unavailable": ("Unavailable", "Unavailable Dates", "Not Available", "Blackout Dates"),
    "return_cost": ("Return Cost", "Return", "Cost To Return"),
    "standing": ("Standing", "Standing Set", "Stage"),
    "parking": ("Parking", "Basecamp", "Parking/Basecamp", "Crew Parking"),
    "hospital": ("Hospital", "Nearest Hospital"),
}

#: Names of the sheet that defines the scenes when several sheets list them (matched normalized).
SCENE_SHEETS = ("Scenes", "Scene List")

#: The workbook author shootplan writes; its report sheets (:mod:`shootplan.io.excel`) are no boards.
CREATOR = "shootplan"
REPORT_SHEETS = ("One-Liner", "Day Out of Days", "Summary")

BOARD_COLUMNS: dict[str, tuple[str, ...]] = {
    "board": ("Board", "Board Name", "Schedule"),
    "day": ("Day", "Shoot Day", "Day #"),
    "scenes": ("Scenes", "Scene Numbers", "Strips"),
}


def _read_call_time(value: Any) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    try:  # the form the template writer uses: 07:00, 07:00:30, 07:00+02:00
        return time.fromisoformat(cell_text(value))
    except ValueError:
        pass
    text = cell_text(value).lower().replace(".", "")
    match = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm|a|p)?", text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if match[3] and match[3].startswith("p") and hour < 12:
            hour += 12
        if match[3] and match[3].startswith("a") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise CellError(f"cannot read {quoted(value)} as a time of day (e.g. 07:00 or 7:00 AM)")


def _read_optional_minutes(value: Any) -> int | None:
    if normalize(cell_text(value)) in {"none", "nocap", "nolimit", "unlimited"}:
        return None
    return read_int(value, what="a number of minutes, or none", minimum=1)


def _read_weekdays(value: Any) -> str:
    text = cell_text(value)
    if re.fullmatch(r"\d+(\.0+)?", text):
        raise CellError(
            f"expected the shooting weekdays, like Mon-Fri or Mon-Sat (got {quoted(value)});"
            " for a number of days available use Max Shoot Days"
        )
    return text


def read_ranges(value: Any) -> str:
    """Dates and ranges (``2027-03-04..2027-03-08; Mar 10, 2027``) as ISO text, each date read
    here so that a bad one is a plain problem naming the cell (not two, one per range end)."""
    if isinstance(value, date):
        return read_date(value).isoformat()
    ranges: list[str] = []
    for item in split_list(value, ";\n"):
        try:
            ranges.append(_read_range(item))  # "Mar 4, 2027" holds a comma and is one date
        except CellError:
            if "," not in item:
                raise
            ranges += [_read_range(part) for part in split_list(item, ",")]
    return "; ".join(ranges)


def _read_range(text: str) -> str:
    if opened := OPEN_RANGE.fullmatch(text.strip()):  # "from 2027-04-08 on": a location lost for good
        return f"from {read_date(opened['start']).isoformat()} on"
    parts = [part.strip() for part in re.split(r"\.\.|\u2013|\s+to\s+", text) if part.strip()]
    if len(parts) == 1 and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}\s*/\s*\d{4}-\d{1,2}-\d{1,2}", text):
        parts = [part.strip() for part in text.split("/")]  # ISO 8601 interval: start/end
    if len(parts) > 2:
        raise CellError(f"cannot read {quoted(text)} as a date or a range like 2027-03-04..2027-03-08")
    return "..".join(read_date(part).isoformat() for part in parts)


#: What separates the scenes of a precedence: ``12 > 13``, ``12 -> 13``, ``12 before 13``.
PRECEDENCE_ARROW = re.compile(r"\s*(?:->|>|→|\bbefore\b)\s*")


def _read_precedences(value: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for item in split_list(value, ";\n", keep_quotes=True):
        parts = split_list(item, PRECEDENCE_ARROW)
        if len(parts) != 2:
            raise CellError(
                f"cannot read {quoted(item)} as a precedence: write scene A > scene B (e.g. 12 > 13)"
            )
        pairs.append((parts[0], parts[1]))
    return pairs


def _read_groups(value: Any) -> list[list[str]]:
    return [split_list(group, ",") for group in split_list(value, ";\n", keep_quotes=True)]


@dataclass(frozen=True)
class Setting:
    """One Settings key: where it goes in the Production and how its cell is read."""

    key: str
    section: str  # "production", "calendar" or "rules"
    field: str
    read: Callable[[Any], Any]
    aliases: tuple[str, ...] = ()
    note: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("Production", "production", "name", cell_text, ("Name", "Title"), "name"),
    Setting(
        "Production ID",
        "production",
        "id",
        cell_text,
        (),
        "made by shootplan: keeps calendars apart from another production's (leave it as it is)",
    ),
    Setting("Start Date", "calendar", "start", read_date, ("Start", "First Day"), "date of shoot day 1"),
    Setting("Time Zone", "calendar", "time_zone", cell_text, ("Timezone", "TZ"), "IANA name"),
    Setting(
        "Shoot Days",
        "calendar",
        "weekdays",
        _read_weekdays,
        ("Weekdays", "Shooting Days", "Shoot Weekdays", "Work Week"),
        "shooting weekdays: Mon-Fri, Mon-Sat",
    ),
    Setting("Days Off", "calendar", "days_off", read_ranges, ("Dark Days",), "dates, ranges"),
    Setting("Holidays", "calendar", "holidays", read_ranges, (), "dates, ranges"),
    Setting(
        "Max Pages Per Day",
        "rules",
        "max_eighths_per_day",
        read_page_cap,
        ("Pages Per Day", "Page Cap"),
        "page cap per shoot day",
    ),
    Setting(
        "Max Minutes Per Day",
        "rules",
        "max_minutes_per_day",
        _read_optional_minutes,
        ("Minutes Per Day",),
        "shooting minutes a day, moves included, or none",
    ),
    Setting(
        "Minutes Per Page",
        "rules",
        "minutes_per_page",
        lambda v: read_number(v, what="a number of minutes"),
        (),
        "estimate for scenes without Est. Minutes",
    ),
    Setting(
        "Max Shoot Days",
        "rules",
        "max_shoot_days",
        lambda v: read_int(v, what="a number of shoot days", minimum=1),
        ("Shoot Days Available", "Days Available"),
        "shoot days available (blank: no limit)",
    ),
    Setting("Call Time", "rules", "call_time", _read_call_time, ("Crew Call",), "crew call"),
    Setting(
        "Company Move Minutes",
        "rules",
        "company_move_minutes",
        lambda v: read_int(v, what="a number of minutes", minimum=0),
        (),
        "shooting time a company move costs",
    ),
    Setting(
        "Company Move Cost",
        "rules",
        "company_move_cost",
        lambda v: read_number(v, what="an amount"),
        (),
        "cost of one company move",
    ),
    Setting(
        "Location Return Cost",
        "rules",
        "location_return_cost",
        lambda v: read_number(v, what="an amount"),
        ("Return Cost",),
        "cost of coming back to a location the unit had left (load-in, parking, permits, dressing)",
    ),
    Setting(
        "Hold Cost Factor",
        "rules",
        "hold_cost_factor",
        lambda v: read_number(v, what="a number"),
        (),
        "multiplier on each cast member's Daily Rate per hold day",
    ),
    Setting(
        "Shoot Day Cost",
        "rules",
        "shoot_day_cost",
        lambda v: read_number(v, what="an amount"),
        (),
        "cost of each shoot day used",
    ),
    Setting(
        "Turnaround",
        "rules",
        "turnaround",
        lambda v: cell_text(v).lower(),
        ("Turnaround Profile", "Rest Profile"),
        "rest profile: sag, iatse, eu or none",
    ),
    Setting(
        "Precedences",
        "rules",
        "precedences",
        _read_precedences,
        ("Shoot Before", "Order"),
        "scene A before scene B: 12 > 13; 40 > 41",
    ),
    Setting(
        "Same Day",
        "rules",
        "same_day",
        _read_groups,
        ("Same Day Groups", "Same-Day"),
        "scenes shot on one day: 12, 13; 40, 41",
    ),
)
SETTING_BY_KEY = {
    normalize(name): setting for setting in SETTINGS for name in (setting.key, *setting.aliases)
}


# --------------------------------------------------------------------------- what the writer writes

SCENE_HEADERS: tuple[tuple[str, str], ...] = (
    ("Scene", "Scene number as written: 12, 12A, A12, 70pt."),
    ("Int/Ext", "INT, EXT or INT/EXT."),
    ("Set", "The set: BAILEY HOME - KITCHEN."),
    ("Day/Night", "DAY, NIGHT, DAWN, DUSK, MORNING... (blank: DAY)."),
    ("Pages", "Page count: 2 3/8, 3/8, 1."),
    ("Cast", "Board IDs of the cast in the scene: 1, 2, 14."),
    ("Location", "Where the set is shot (blank: the set name before ' - ')."),
    ("Est. Minutes", "Estimated shooting minutes (blank: from the page count)."),
    ("Shoot Days", "Whole shoot days a long scene occupies (blank: as its length needs)."),
    ("Script Day", "Story day: D3, N2."),
    ("Synopsis", "One line for the strip."),
    ("Earliest", "Not shot before this date."),
    ("Latest", "Not shot after this date."),
    ("Pinned", "Shot on this date."),
    ("Cover", "yes for a weather-cover set."),
)
CAST_HEADERS: tuple[tuple[str, str], ...] = (
    ("ID", "Board ID: 1 is the lead."),
    ("Name", "The performer."),
    ("Character", "The character they play."),
    ("Daily Rate", "Pay per work or hold day."),
    ("Unavailable", "Dates and ranges: 2027-03-04..2027-03-08; 2027-03-10."),
    ("Hold", "Paid on a consecutive basis (idle days between work days are holds)."),
    ("Drop", "May be dropped and picked up again across a long gap."),
    ("Drop Gap Days", "A drop needs a pickup more than this many calendar days later."),
    ("Max Drops", "Drops allowed per production."),
    ("Minor", "Under 18: minors' rules apply."),
    ("Age", "A minor's age in years (sets the hours band; implies Minor)."),
    ("Schooling", "A minor's weekdays are school days (no in a school break)."),
    ("Makeup Minutes", "Call sheets: minutes in hair and makeup before the on-set call (blank: 60)."),
    ("Pickup Minutes", "Call sheets: minutes from pickup to the hair-and-makeup call (blank: 30)."),
)
LOCATION_HEADERS: tuple[tuple[str, str], ...] = (
    ("Location", "Name, as used on the scenes."),
    ("Address", "Street address for call sheets."),
    ("Latitude", "Decimal degrees."),
    ("Longitude", "Decimal degrees."),
    ("Time Zone", "IANA name (blank: the production's)."),
    ("Available From", "First date of its one availability window."),
    ("Available To", "Last date of its one availability window."),
    ("Windows", "Several availability windows, as ranges (instead of From/To)."),
    ("Unavailable", "Dates and ranges it cannot be used."),
    ("Return Cost", "Cost of coming back after the unit left (blank: the rules' default, 5,000)."),
    ("Standing", "yes for a standing set or stage: coming back costs nothing."),
    ("Parking", "Crew parking and basecamp, for call sheets."),
    ("Hospital", "Nearest hospital with an emergency room (name, address), for call sheets."),
)
BOARD_HEADERS: tuple[tuple[str, str], ...] = (
    ("Board", "Name of the board (a schedule made by hand)."),
    ("Day", "Shoot day 1, 2, 3... in order."),
    ("Scenes", "The day's scene numbers in shooting order."),
)

"""Build the example production that ships with shootplan (``data/example_production.json``).

"Low Water at Marlow Falls" is an original small-town thriller (no real film behind it): a state
bank examiner comes home to the Hudson Valley when her brother is charged with burning down the
old paper mill, and a night watchman turns out to have died before the fire started.

Everything is written out by hand below, the way an assistant director would break down a script:
the cast in board-ID order, the locations with their sets, then every scene with its slugline,
page count, cast, story day and one-line synopsis. Nothing is random, so running this script twice
writes identical bytes. Run it from the repository root::

    .venv/bin/python scripts/build_example_production.py
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

from shootplan.model import CastMember, Location, Production, Rules, Scene, ShootCalendar
from shootplan.pages import parse_pages

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "shootplan" / "data" / "example_production.json"

TITLE = "Low Water at Marlow Falls"
TIME_ZONE = "America/New_York"

# --------------------------------------------------------------------------- calendar

START = date(2027, 3, 1)  # Monday
GOOD_FRIDAY = date(2027, 3, 26)  # company day off (Easter weekend)
PAGES_PER_DAY = 5

# --------------------------------------------------------------------------- cast
# Board IDs follow the order of this table (1 = the lead). Scenes refer to the short key.
# key: (character, performer, daily rate, extra CastMember fields)

DROP_PICKUP = {"drop_pickup": True, "min_drop_gap_days": 10}

CAST: dict[str, tuple[str, str, float, dict[str, Any]]] = {
    "JUNE": ("JUNE HARTWELL", "Maren Tolliver", 10500, {}),
    "ELI": ("DEPUTY ELI RUIZ", "Teo Castellanos", 7500, {}),
    "DANNY": ("DANNY HARTWELL", "Callum Pryor", 4500, {}),
    # Walt's performer is on another show for three days in week 4 (see the asserts below).
    "WALT": (
        "WALT BRENNAN",
        "Gerald Vantreese",
        4200,
        {"unavailable": ["2027-03-23..2027-03-25"]},
    ),
    "RUTH": ("RUTH HARTWELL", "Linnea Farrow", 3800, {}),
    "CASSIE": ("CASSIE BRENNAN", "Nadia Sorensen", 3000, {}),
    "PIKE": ("SHERIFF GORDON PIKE", "Harlan Deitz", 3200, {}),
    # Spread across the whole story: these three may be dropped and picked up once (SAG-AFTRA).
    "VICTOR": ("VICTOR LANE", "Martin Achterberg", 3500, DROP_PICKUP),
    "SLADE": ("SLADE", "Rhys Calloway", 2200, DROP_PICKUP),
    "HANK": ("HANK DOYLE", "Ray Kimbrough", 2000, DROP_PICKUP),
    "HALVORSEN": ("TROOPER KARIN HALVORSEN", "Signe Rasmussen", 1200, {}),
    "TOBIAS": ("TOBIAS VAN ALST", "Everett Quaid", 1100, {}),
    "ANDREA": ("ANDREA VOSS", "Mira Castellane", 1000, {}),
    "MAGS": ("MAGS OYELARAN", "Folasade Greene", 1200, {}),
    "LUCY": ("LUCY PIKE", "Hallie Mercer", 800, {}),
    "NINA": ("NINA ESPOSITO", "Carla Benedetti", 1000, {}),
    "FINCH": ("PAUL FINCH", "Owen Lattimore", 900, {}),
    "ABBOTT": ("REV. THOMAS ABBOTT", "Desmond Whitlock", 900, {}),
    "KEVIN": ("KEVIN MARSH", "Travis Hollenbeck", 800, {}),
    "GUS": ("GUS", "Lenny Szabo", 650, {}),
    "ROSIE": ("ROSIE", "Bethany Kroll", 650, {}),
    "VANDERBURGH": ("MRS. VANDERBURGH", "Patrice Lindahl", 750, {}),
    "BRANDT": ("OFFICER BRANDT", "Cody Ferrante", 650, {}),
    "JOLENE": ("JOLENE MARSH", "Kayla Dunmore", 700, {}),
    "CHO": ("DR. ALAN CHO", "Peter Quan", 1000, {}),
    "GREER": ("JUDGE ROSALIND GREER", "Viola Ashgrove", 1200, {}),
    "TYLER": ("TYLER WOJCIK", "Jesse Krawiec", 600, {}),
    "DEB": ("DEB KOWALSKI", "Marnie Stoltz", 600, {}),
}
BOARD_ID = {key: str(number) for number, key in enumerate(CAST, start=1)}

# --------------------------------------------------------------------------- locations
# Marlow Falls is invented; the practical locations are spread over Columbia and Greene counties
# (and one office in Albany), all within an hour of the production office in Hudson, NY.
# name: (address, latitude, longitude, extra Location fields)

LOCATIONS: dict[str, tuple[str, float, float, dict[str, Any]]] = {
    "HARTWELL HOUSE": (
        "1187 County Route 8, Germantown, NY 12526",
        42.1521,
        -73.8502,
        {},
    ),
    "SHERIFF'S STATION": (
        "45 Bridge Street, Catskill, NY 12414 (vacant municipal building)",
        42.2170,
        -73.8650,
        {},
    ),
    "KESSLER MILL": (
        "30 Mill Street, Stuyvesant Falls, NY 12174",
        42.3535,
        -73.7358,
        {},
    ),
    "COPPER KETTLE DINER": (
        "2 Railroad Avenue, Chatham, NY 12037",
        42.3640,
        -73.5946,
        # Booked for a private function; the owner closes it to us that day.
        {"unavailable": ["2027-04-01"]},
    ),
    # A private riverfront estate; the owners are away only for the second and third weeks.
    "BRENNAN ESTATE": (
        "600 River Road, Tivoli, NY 12583",
        42.0710,
        -73.9150,
        {"windows": ["2027-03-08..2027-03-19"]},
    ),
    "TOWN HALL": (
        "12 Park Row, Kinderhook, NY 12106",
        42.3956,
        -73.6979,
        {},
    ),
    # The parish has a funeral and a Lenten service booked in the church those two days.
    "ST. BRIGID'S CHURCH": (
        "88 Church Street, Valatie, NY 12184",
        42.4134,
        -73.6732,
        {"unavailable": ["2027-03-10..2027-03-11"]},
    ),
    "RIVERSIDE MOTEL": (
        "3150 US Route 9W, Coxsackie, NY 12051",
        42.3390,
        -73.8340,
        {},
    ),
    "DOYLE'S TAVERN": (
        "7 Water Street, Athens, NY 12015",
        42.2604,
        -73.8101,
        {},
    ),
    "MIDDLEGROUND MARINA": (
        "25 Ferry Road, Stuyvesant, NY 12173",
        42.3896,
        -73.7826,
        {},
    ),
    "VALLEY GENERAL": (
        "18 Fairview Avenue, Hudson, NY 12534 (closed east wing)",
        42.2553,
        -73.7760,
        {},
    ),
    "MARLOW SAVINGS BANK": (
        "318 Warren Street, Hudson, NY 12534",
        42.2496,
        -73.7888,
        {},
    ),
    "LANE DEVELOPMENT": (
        "90 State Street, 11th Floor, Albany, NY 12207",
        42.6498,
        -73.7540,
        {},
    ),
    "MAIN STREET": (
        "Broad Street between Hudson Street and Chatham Street, Kinderhook, NY 12106",
        42.3949,
        -73.6990,
        {},
    ),
    "COUNTY ROAD": (
        "Basecamp: 1420 State Route 217, Claverack, NY 12513 (driving loop on Route 217)",
        42.2346,
        -73.6845,
        {},
    ),
}

# Sets whose location is not the part of the set name before " - ".
SET_LOCATIONS = {
    "JUNE'S CAR - MOVING": "COUNTY ROAD",
    "ELI'S PICKUP - MOVING": "COUNTY ROAD",
    "SLADE'S SUV - MOVING": "COUNTY ROAD",
}

# --------------------------------------------------------------------------- scenes
# Story dates the art department and the town impose on the shoot:
FIRE_DRESSING_DONE = date(2027, 3, 12)  # the mill is dressed as burned after week 2
RUINS_FROM = date(2027, 3, 15)
PARADE_DAY = date(2027, 3, 17)  # Kinderhook's real St. Patrick's parade: we shoot in it


def scene(
    number: str,
    int_ext: str,
    set_name: str,
    time_of_day: str,
    pages: str,
    cast: str,
    script_day: str,
    synopsis: str,
    **extra: Any,
) -> dict[str, Any]:
    """One strip: cast are space-separated keys of CAST, pages as written ("1 3/8")."""
    return {
        "number": number,
        "int_ext": int_ext,
        "set": set_name,
        "location": SET_LOCATIONS.get(set_name, set_name.split(" - ")[0]),
        "time_of_day": time_of_day,
        "eighths": parse_pages(pages),
        "cast": [BOARD_ID[key] for key in sorted(cast.split(), key=list(CAST).index)],
        "script_day": script_day,
        "synopsis": synopsis,
        **extra,
    }


def ruins(**extra: Any) -> dict[str, Any]:
    """Scenes in the burned-out mill: only once the fire dressing is in."""
    return {"earliest": RUINS_FROM, **extra}


# fmt: off
SCENES = [
    # ----------------------------------------------------------------- prologue: the fire
    scene(
        "1", "EXT", "KESSLER MILL - YARD", "NIGHT", "1", "DANNY", "N0",
        "The old paper mill burns; a hooded figure runs from the loading dock toward the river.",
        latest=FIRE_DRESSING_DONE,
        elements={
            "Extras": ["8 volunteer firefighters"],
            "Vehicles": ["2 fire engines"],
            "SFX": ["controlled fire", "smoke"],
        },
    ),
    scene(
        "2", "INT", "KESSLER MILL - FOREMAN'S OFFICE", "NIGHT", "3/8", "", "N0",
        "Smoke curls under the door; a ledger left open on the desk catches and burns.",
        latest=FIRE_DRESSING_DONE,
        elements={"SFX": ["flame bars", "smoke"], "Props": ["mill ledger"]},
    ),
    # ----------------------------------------------------------------- act one
    scene(
        "3", "INT", "JUNE'S CAR - MOVING", "MORNING", "7/8", "JUNE", "D1",
        "Driving south from Albany, June learns her brother Danny was arrested for the mill fire.",
        elements={"Vehicles": ["June's Subaru (process trailer)"]},
    ),
    scene(
        "4", "EXT", "MAIN STREET", "DAY", "5/8", "JUNE", "D1",
        "June drives through Marlow Falls: shuttered storefronts, parade bunting going up.",
        elements={"Extras": ["15 townspeople"], "Vehicles": ["June's Subaru", "6 parked cars"]},
    ),
    scene(
        "5", "INT", "SHERIFF'S STATION - BULLPEN", "DAY", "1 2/8", "JUNE ELI LUCY", "D1",
        "June demands to see Danny; the deputy on duty is Eli Ruiz, the man she left behind.",
    ),
    scene(
        "6", "INT", "SHERIFF'S STATION - HOLDING CELL", "DAY", "1 6/8", "JUNE DANNY BRANDT", "D1",
        "Danny, singed and sullen, swears he went to the mill only to get his tools back.",
        elements={"Makeup": ["Danny: burns on hands, singed hair"]},
    ),
    scene(
        "7", "INT", "SHERIFF'S STATION - PIKE'S OFFICE", "DAY", "1", "JUNE PIKE ELI", "D1",
        "Sheriff Pike: the night watchman, Lyle Doyle, died in the fire. It is murder now.",
    ),
    scene(
        "8", "EXT", "SHERIFF'S STATION - PARKING LOT", "DAY", "4/8", "JUNE ELI", "D1",
        "Eli walks June to her car; fifteen years of silence and one line: the evidence is bad.",
        elements={"Vehicles": ["June's Subaru", "sheriff cruiser"]},
    ),
    scene(
        "9", "EXT", "HARTWELL HOUSE - DRIVEWAY", "DAY", "1/8", "JUNE", "D1",
        "June pulls up to the farmhouse she swore she would never come back to.",
        elements={"Vehicles": ["June's Subaru"]},
    ),
    scene(
        "10", "INT", "HARTWELL HOUSE - KITCHEN", "DAY", "2 1/8", "JUNE RUTH", "D1",
        "Ruth won't discuss Danny, and lets slip that the bank is foreclosing on the farm.",
    ),
    scene(
        "11", "INT", "HARTWELL HOUSE - DANNY'S ROOM", "DAY", "5/8", "JUNE", "D1",
        "June searches Danny's room: a mill time card and an envelope of cash.",
        elements={"Props": ["time card", "envelope of cash"]},
    ),
    scene(
        "12", "EXT", "KESSLER MILL - RUINS", "DUSK", "4/8", "JUNE MAGS ELI", "D1",
        "Behind the tape with Eli, June watches state fire investigator Mags Oyelaran at work.",
        **ruins(elements={"SFX": ["smouldering embers"], "Props": ["crime scene tape"]}),
    ),
    scene(
        "12A", "EXT", "KESSLER MILL - RIVERBANK", "DUSK", "2/8", "JUNE", "D1",
        "June finds fresh tire tracks running down to the water's edge.",
        **ruins(),
    ),
    scene(
        "13", "INT", "COPPER KETTLE DINER - DINING ROOM", "NIGHT", "1 3/8",
        "JUNE CASSIE ROSIE", "N1",
        "Cassie Brennan, June's old best friend, pours coffee and gossip: Danny owed everyone.",
        elements={"Extras": ["10 diner patrons"]},
    ),
    scene(
        "14", "INT", "DOYLE'S TAVERN - BAR", "NIGHT", "1 1/8", "JUNE HANK GUS", "N1",
        "Hank Doyle, the dead man's brother, tells June to get out of his bar.",
        elements={"Extras": ["12 bar patrons"]},
    ),
    scene(
        "15", "EXT", "DOYLE'S TAVERN - ALLEY", "NIGHT", "5/8", "JUNE ELI", "N1",
        "Eli catches June by the dumpsters: stay out of it. She won't.",
    ),
    scene(
        "16", "INT", "RIVERSIDE MOTEL - OFFICE", "NIGHT", "3/8", "JUNE DEB", "N1",
        "Not welcome at the farm, June takes a room from Deb, who asks after her mother.",
    ),
    scene(
        "17", "INT", "RIVERSIDE MOTEL - ROOM 6", "NIGHT", "5/8", "JUNE", "N1",
        "June spreads Danny's papers on the bed: the cash envelope bears a Lane Development logo.",
        elements={"Props": ["Lane Development envelope"]},
    ),
    scene(
        "18", "INT", "BRENNAN ESTATE - STUDY", "NIGHT", "7/8", "WALT VICTOR", "N1",
        "Town supervisor Walt Brennan and developer Victor Lane toast the fire without naming it.",
    ),
    scene(
        "19", "EXT", "MIDDLEGROUND MARINA - DOCK", "DAWN", "4/8", "TOBIAS", "D2",
        "Old Tobias, checking his lines, drags a charred gas can out of the reeds.",
        elements={"Props": ["charred gas can"]},
    ),
    scene(
        "20", "INT", "SHERIFF'S STATION - INTERVIEW ROOM", "DAY", "2 2/8", "ELI DANNY NINA", "D2",
        "With public defender Nina Esposito at his side, Danny's alibi falls apart.",
    ),
    scene(
        "21", "INT", "SHERIFF'S STATION - BULLPEN", "DAY", "1", "ELI PIKE LUCY", "D2",
        "Pike wants the case closed before the parade; Eli wants the autopsy first.",
    ),
    scene(
        "22", "INT", "MARLOW SAVINGS BANK - LOBBY", "DAY", "7/8", "JUNE FINCH", "D2",
        "June shows her state examiner's badge; manager Paul Finch starts sweating.",
        elements={"Extras": ["6 bank customers", "2 tellers"]},
    ),
    scene(
        "23", "INT", "MARLOW SAVINGS BANK - MANAGER'S OFFICE", "DAY", "1 5/8", "JUNE FINCH", "D2",
        "The farm's loan file: someone forged Ruth's signature on a second mortgage.",
        elements={"Props": ["loan file", "mortgage papers"]},
    ),
    scene(
        "24", "INT", "JUNE'S CAR - MOVING", "DAY", "4/8", "JUNE", "D2",
        "June calls her boss in Albany and takes a week's leave she has never used.",
        elements={"Vehicles": ["June's Subaru (process trailer)"]},
    ),
    scene(
        "25", "EXT", "HARTWELL HOUSE - PORCH", "DAY", "1 2/8", "JUNE RUTH", "D2",
        "June confronts Ruth with the forged signature; Ruth says Danny signed for her.",
    ),
    scene(
        "26", "INT", "HARTWELL HOUSE - BARN", "DAY", "4/8", "JUNE", "D2",
        "Under a tarp in the barn, Danny's pickup: the bed reeks of gasoline.",
        elements={"Vehicles": ["Danny's pickup"]},
    ),
    scene(
        "27", "INT", "TOWN HALL - TOWN COURT", "DAY", "3 1/8",
        "JUNE DANNY RUTH PIKE NINA GREER ANDREA", "D2",
        "Arraignment: Judge Greer denies bail; reporter Andrea Voss watches June, not the judge.",
        elements={"Extras": ["20 spectators", "court officer"]},
    ),
    scene(
        "28", "EXT", "TOWN HALL - STEPS", "DAY", "7/8", "JUNE WALT ANDREA", "D2",
        "Walt Brennan tells the press the town must heal; June watches him work the crowd.",
        elements={"Extras": ["10 townspeople", "3 press photographers"]},
    ),
    scene(
        "29", "INT", "TOWN HALL - CLERK'S OFFICE", "DAY", "1", "JUNE VANDERBURGH", "D2",
        "The town clerk lets slip that the mill parcel was rezoned last month.",
    ),
    scene(
        "30", "INT", "LANE DEVELOPMENT - OFFICE", "DAY", "1 2/8", "VICTOR SLADE", "D2",
        "In Albany, Victor Lane sends his fixer Slade to find out what the sister knows.",
        elements={"Extras": ["4 office workers"]},
    ),
    scene(
        "31", "INT", "DOYLE'S TAVERN - BACK ROOM", "DAY", "1 2/8", "HANK KEVIN GUS", "D2",
        "Hank and former mill foreman Kevin Marsh argue: Lyle was never meant to be on shift.",
    ),
    scene(
        "32", "EXT", "COPPER KETTLE DINER - PARKING LOT", "DUSK", "5/8", "JUNE CASSIE", "D2",
        "Cassie warns June off: her father is in business with Lane.",
    ),
    scene(
        "33", "INT", "HARTWELL HOUSE - LIVING ROOM", "DUSK", "4/8", "RUTH", "D2",
        "Alone with old photographs of June and Danny, Ruth lets a ringing phone go unanswered.",
    ),
    scene(
        "34", "EXT", "RIVERSIDE MOTEL - PARKING LOT", "NIGHT", "1/8", "SLADE", "N2",
        "A black SUV idles across from Room 6; Slade watches June's lit window.",
        elements={"Vehicles": ["Slade's black SUV"]},
    ),
    scene(
        "34A", "INT", "RIVERSIDE MOTEL - OFFICE", "NIGHT", "2/8", "SLADE DEB", "N2",
        "Slade pays Deb cash for the room next to June's.",
    ),
    scene(
        "35", "INT", "RIVERSIDE MOTEL - ROOM 6", "NIGHT", "1", "JUNE ELI", "N2",
        "Eli brings beer and a file he shouldn't have: Lyle was dead before the fire started.",
        elements={"Props": ["autopsy file", "six-pack"]},
    ),
    # ----------------------------------------------------------------- act two
    scene(
        "36", "INT", "VALLEY GENERAL - MORGUE", "DAY", "1 5/8", "ELI CHO", "D3",
        "Dr. Cho shows Eli the blunt-force wound on Lyle's skull.",
        elements={"Makeup": ["cadaver prosthetic"]},
    ),
    scene(
        "37", "INT", "VALLEY GENERAL - CORRIDOR", "DAY", "4/8", "JUNE ELI", "D3",
        "Eli tells June about the wound; June tells him about the forged mortgage.",
        elements={"Extras": ["2 nurses", "1 orderly"]},
    ),
    scene(
        "38", "EXT", "KESSLER MILL - RUINS", "DAY", "1 6/8", "JUNE ELI MAGS", "D3",
        "Mags reads the burn pattern: it started in the foreman's office, not at the loading dock.",
        **ruins(elements={"SFX": ["smouldering embers"]}),
    ),
    scene(
        "39", "INT", "KESSLER MILL - FOREMAN'S OFFICE", "DAY", "1 1/8", "JUNE MAGS ELI", "D3",
        "In the charred office, June finds the melted lockbox where the ledgers were kept.",
        **ruins(elements={"Props": ["melted lockbox"]}),
    ),
    scene(
        "40", "EXT", "KESSLER MILL - LOADING DOCK", "DAY", "5/8", "ELI MAGS", "D3",
        "Mags casts a boot print far too big to be Danny's.",
        **ruins(elements={"Props": ["casting kit"]}),
    ),
    scene(
        "41", "INT", "SHERIFF'S STATION - HOLDING CELL", "DAY", "1 3/8", "JUNE DANNY", "D3",
        "Danny admits he was paid to lose the mill's insurance paperwork, not to burn it.",
    ),
    scene(
        "42", "INT", "SHERIFF'S STATION - PIKE'S OFFICE", "DAY", "5/8", "ELI PIKE", "D3",
        "Pike orders Eli to drop the second-suspect theory.",
    ),
    scene(
        "43", "EXT", "MAIN STREET - GAS STATION", "DAY", "4/8", "JUNE TYLER ELI", "D3",
        "Tyler, the night clerk, remembers a black SUV filling gas cans the night of the fire.",
        elements={"Vehicles": ["June's Subaru"]},
    ),
    scene(
        "44", "INT", "COPPER KETTLE DINER - KITCHEN", "DAY", "1 1/8", "JUNE CASSIE", "D3",
        "Scraping the grill, Cassie admits she heard her father on the phone about the watchman.",
    ),
    scene(
        "45", "EXT", "BRENNAN ESTATE - TERRACE", "DAY", "1 2/8", "WALT CASSIE", "D3",
        "Walt and Cassie fight above the river: the mill deal will save this town, he says.",
    ),
    scene(
        "46", "INT", "LANE DEVELOPMENT - OFFICE", "DAY", "4/8", "WALT VICTOR", "D3",
        "The council vote is in four days; Victor tells Walt to keep his sheriff in line.",
    ),
    scene(
        "47", "INT", "LANE DEVELOPMENT - GARAGE", "DAY", "4/8", "VICTOR SLADE", "D3",
        "Victor hands Slade an envelope: the watchman kept a copy of the ledger. Find it.",
        elements={"Vehicles": ["Slade's black SUV", "Victor's sedan"]},
    ),
    scene(
        "48", "EXT", "MIDDLEGROUND MARINA - DOCK", "DAY", "1", "JUNE TOBIAS ELI", "D3",
        "Tobias shows June and Eli the gas can he pulled from the reeds.",
        elements={"Props": ["charred gas can"]},
    ),
    scene(
        "49", "INT", "MIDDLEGROUND MARINA - BOATHOUSE", "DAY", "5/8", "JUNE ELI TOBIAS", "D3",
        "Eli bags the can; June spots Lane Development survey stakes along the shore.",
    ),
    scene(
        "49A", "EXT", "MIDDLEGROUND MARINA - DOCK", "DUSK", "2/8", "JUNE ELI", "D3",
        "Alone at the end of the dock, Eli and June almost talk about why she left.",
    ),
    scene(
        "50", "INT", "HARTWELL HOUSE - JUNE'S OLD BEDROOM", "NIGHT", "7/8", "JUNE RUTH", "N3",
        "June moves back home; Ruth brings tea and something like a truce.",
    ),
    scene(
        "51", "INT", "HARTWELL HOUSE - KITCHEN", "NIGHT", "5/8", "JUNE RUTH", "N3",
        "A brick through the kitchen window: GO BACK TO ALBANY.",
        elements={"SFX": ["breakaway window"], "Props": ["brick with note"]},
    ),
    scene(
        "52", "EXT", "HARTWELL HOUSE - PORCH", "NIGHT", "4/8", "JUNE ELI RUTH", "N3",
        "Eli answers the call; flashlights sweep an empty field.",
        elements={"Vehicles": ["sheriff cruiser"]},
    ),
    scene(
        "53", "INT", "ST. BRIGID'S CHURCH - NAVE", "DAY", "1 5/8",
        "JUNE RUTH WALT CASSIE HANK ABBOTT", "D4",
        "Lyle Doyle's funeral: Rev. Abbott's eulogy, Walt Brennan in the front pew.",
        elements={"Extras": ["40 mourners"], "Props": ["casket", "funeral programs"]},
    ),
    scene(
        "54", "EXT", "ST. BRIGID'S CHURCH - CEMETERY", "DAY", "1 3/8", "JUNE ELI HANK ABBOTT", "D4",
        "At the graveside Hank spits at June's feet; Eli steps between them.",
        elements={"Extras": ["30 mourners"], "Vehicles": ["hearse"]},
    ),
    scene(
        "55", "INT", "ST. BRIGID'S CHURCH - RECTORY", "DAY", "1", "JUNE ABBOTT", "D4",
        "Rev. Abbott: Lyle came to see him the week before he died, frightened.",
    ),
    scene(
        "56", "INT", "SHERIFF'S STATION - EVIDENCE ROOM", "DAY", "5/8", "ELI LUCY", "D4",
        "The gas can's log entry has been erased; Lucy saw the sheriff in the room.",
    ),
    scene(
        "57", "INT", "MARLOW SAVINGS BANK - VAULT", "DAY", "1 2/8", "JUNE FINCH ELI", "D4",
        "Finch opens the safe deposit box Lyle rented a month ago: empty but for a key tag.",
        elements={"Props": ["safe deposit box", "numbered key tag"]},
    ),
    scene(
        "58", "INT", "MARLOW SAVINGS BANK - LOBBY", "DAY", "3/8", "JUNE SLADE", "D4",
        "Coming out of the vault, June sees Slade leaving the bank.",
        elements={"Extras": ["6 bank customers", "2 tellers"]},
    ),
    scene(
        "59", "EXT", "MAIN STREET", "DAY", "1", "JUNE SLADE", "D4",
        "June tails Slade on foot down Main Street and loses him at the corner.",
        elements={"Extras": ["25 townspeople"], "Vehicles": ["Slade's black SUV"]},
    ),
    scene(
        "60", "INT", "TOWN HALL - RECORDS ROOM", "DAY", "1", "JUNE VANDERBURGH", "D4",
        "On her lunch break, Mrs. Vanderburgh lets June copy the rezoning map.",
    ),
    scene(
        "61", "INT", "JUNE'S CAR - MOVING", "DAY", "5/8", "JUNE", "D4",
        "The key tag's number: a locker at the marina boathouse.",
        elements={"Vehicles": ["June's Subaru (process trailer)"]},
    ),
    scene(
        "62", "INT", "MIDDLEGROUND MARINA - BOATHOUSE", "DUSK", "1 2/8", "JUNE TOBIAS ELI", "D4",
        "Tobias cuts open locker 14 for June and Eli: a dry bag holding Lyle's copy of the ledger.",
        elements={"Props": ["dry bag", "ledger copy"]},
    ),
    scene(
        "63", "INT", "HARTWELL HOUSE - KITCHEN", "NIGHT", "1 7/8", "JUNE ELI RUTH", "N4",
        "The ledger: years of payoffs to the insurer, and Ruth's farm inside the rezoned parcel.",
        elements={"Props": ["ledger copy", "rezoning map"]},
    ),
    scene(
        "64", "INT", "HARTWELL HOUSE - BARN", "NIGHT", "1", "JUNE ELI", "N4",
        "Eli and June kiss, and pull back: he has to take this to Pike, or not.",
    ),
    scene(
        "65", "INT", "SHERIFF'S STATION - BULLPEN", "MORNING", "4/8", "ELI PIKE LUCY", "D5",
        "Pike finds Eli's copy of the autopsy report and takes his badge.",
    ),
    scene(
        "66", "INT", "COPPER KETTLE DINER - DINING ROOM", "MORNING", "1 2/8",
        "JUNE ELI CASSIE ROSIE", "D5",
        "Suspended, Eli joins June and Cassie in a back booth; they lay it all out.",
        elements={"Extras": ["12 diner patrons"]},
    ),
    scene(
        "67", "EXT", "MAIN STREET", "DAY", "2 2/8", "JUNE ELI WALT CASSIE PIKE ANDREA", "D5",
        "The St. Patrick's parade: under the reviewing stand June hands Andrea the ledger pages.",
        pinned=PARADE_DAY,
        elements={
            "Extras": ["150 parade-goers", "40 marchers", "pipe band"],
            "Vehicles": ["fire engine", "3 parade floats"],
        },
    ),
    scene(
        "68", "EXT", "MAIN STREET - GAZEBO", "DAY", "1", "WALT VICTOR ANDREA", "D5",
        "Walt's speech; Andrea asks him about the ledger in front of everyone; Victor leaves.",
        pinned=PARADE_DAY,
        elements={"Extras": ["80 parade-goers"], "Props": ["PA system", "bunting"]},
    ),
    scene(
        "69", "INT", "LANE DEVELOPMENT - OFFICE", "EVENING", "5/8", "VICTOR SLADE", "N5",
        "Victor watches Andrea's story go live and tells Slade to end it tonight.",
    ),
    scene(
        "70pt1", "EXT", "COUNTY ROAD", "NIGHT", "3/8", "JUNE SLADE", "N5",
        "Headlights in June's mirror; the SUV rams her car into the ditch.",
        elements={
            "Stunts": ["stunt driver (June)", "stunt driver (Slade)"],
            "Vehicles": ["June's Subaru (stunt double)", "Slade's black SUV"],
        },
    ),
    scene(
        "70pt2", "EXT", "COUNTY ROAD", "NIGHT", "5/8", "JUNE SLADE", "N5",
        "Slade takes the ledger from the wreck while June, dazed, reaches for her phone.",
        elements={"Vehicles": ["June's Subaru (wrecked)", "Slade's black SUV"]},
    ),
    scene(
        "71", "INT", "VALLEY GENERAL - ROOM 214", "NIGHT", "1 2/8", "JUNE ELI RUTH", "N5",
        "June wakes with a concussion to Eli and Ruth; the ledger is gone.",
        elements={"Makeup": ["June: head wound, bruising"]},
    ),
    scene(
        "72", "INT", "BRENNAN ESTATE - FRONT HALL", "NIGHT", "1", "WALT CASSIE", "N5",
        "Cassie finds her father packing a bag.",
    ),
    scene(
        "73", "EXT", "BRENNAN ESTATE - DRIVE", "NIGHT", "5/8", "WALT CASSIE SLADE", "N5",
        "Slade's SUV blocks Walt's car: Mr. Lane would like you to stay.",
        elements={"Vehicles": ["Slade's black SUV", "Walt's Lincoln"]},
    ),
    scene(
        "74", "INT", "SHERIFF'S STATION - HOLDING CELL", "DAY", "4/8", "DANNY BRANDT", "D6",
        "Officer Brandt tells Danny about last night's crash; Danny asks for the sheriff.",
    ),
    scene(
        "75", "INT", "SHERIFF'S STATION - INTERVIEW ROOM", "DAY", "1 5/8", "DANNY PIKE NINA", "D6",
        "Danny names Slade; Pike listens, stone-faced, and switches off the recorder.",
    ),
    scene(
        "76", "INT", "HARTWELL HOUSE - LIVING ROOM", "DAY", "1 3/8", "JUNE RUTH", "D6",
        "Ruth tells the truth: she signed the second mortgage herself, and Walt arranged it.",
    ),
    scene(
        "77", "EXT", "HARTWELL HOUSE - PORCH", "DAY", "4/8", "JUNE ELI", "D6",
        "Eli, out of uniform, has a friend in the State Police.",
    ),
    scene(
        "78", "INT", "DOYLE'S TAVERN - BAR", "DAY", "1 2/8", "JUNE HANK GUS", "D6",
        "June shows Hank the autopsy photos: his brother was murdered, and not by Danny.",
        elements={"Props": ["autopsy photographs"]},
    ),
    scene(
        "79", "EXT", "DOYLE'S TAVERN - ALLEY", "DAY", "3/8", "HANK KEVIN", "D6",
        "Hank pins Kevin Marsh to the wall: who changed Lyle's shift?",
        elements={"Stunts": ["fight coordinator"]},
    ),
    scene(
        "80", "INT", "DOYLE'S TAVERN - BACK ROOM", "DAY", "7/8", "HANK KEVIN JOLENE", "D6",
        "Jolene Marsh walks in on them and tells Hank her husband took five thousand from Slade.",
    ),
    scene(
        "81", "INT", "SHERIFF'S STATION - PIKE'S OFFICE", "DAY", "1 1/8", "PIKE VICTOR", "D6",
        "Victor visits Pike: the insurance payout depends on Danny's conviction.",
    ),
    scene(
        "82", "EXT", "COPPER KETTLE DINER - PARKING LOT", "DAY", "5/8", "ELI HALVORSEN", "D6",
        "In the parking lot, Eli hands Trooper Halvorsen the autopsy file.",
        elements={"Vehicles": ["State Police cruiser", "Eli's pickup"]},
    ),
    scene(
        "83", "INT", "COPPER KETTLE DINER - DINING ROOM", "DAY", "4/8", "CASSIE JOLENE ROSIE", "D6",
        "Jolene tells Cassie that Slade was at the mill the night of the fire.",
        elements={"Extras": ["8 diner patrons"]},
    ),
    scene(
        "84", "INT", "BRENNAN ESTATE - STUDY", "DAY", "2 3/8", "JUNE WALT", "D6",
        "June walks in uninvited. Walt offers to clear Ruth's mortgage if she leaves town.",
    ),
    scene(
        "85", "EXT", "BRENNAN ESTATE - TERRACE", "DAY", "5/8", "JUNE CASSIE", "D6",
        "On the terrace, Cassie presses the combination to her father's safe into June's hand.",
    ),
    scene(
        "86", "INT", "ELI'S PICKUP - MOVING", "DUSK", "3/8", "JUNE ELI", "D6",
        "In Eli's pickup, they plan the night.",
        elements={"Vehicles": ["Eli's pickup (process trailer)"]},
    ),
    scene(
        "87", "EXT", "KESSLER MILL - RUINS", "NIGHT", "3/8", "SLADE", "N6",
        "Slade soaks the last standing wall, where the boot print was, and strikes a match.",
        **ruins(elements={"SFX": ["controlled fire"], "Props": ["gas can", "road flare"]}),
    ),
    scene(
        "88", "INT", "BRENNAN ESTATE - STUDY", "NIGHT", "1 2/8", "JUNE CASSIE", "N6",
        "June and Cassie open Walt's safe: a second ledger and Lyle's wristwatch.",
        elements={"Props": ["wall safe", "second ledger", "Lyle's wristwatch"]},
    ),
    scene(
        "88A", "INT", "BRENNAN ESTATE - FRONT HALL", "NIGHT", "1/8", "CASSIE", "N6",
        "Headlights sweep the hall; Cassie hisses a warning up the stairs.",
    ),
    scene(
        "89", "EXT", "BRENNAN ESTATE - DRIVE", "NIGHT", "3/8", "JUNE WALT CASSIE", "N6",
        "Walt is home early; June slips out through the hedge while Cassie stalls him.",
        elements={"Vehicles": ["Walt's Lincoln"]},
    ),
    scene(
        "90", "EXT", "HARTWELL HOUSE - DRIVEWAY", "NIGHT", "4/8", "JUNE ELI", "N6",
        "Eli is waiting; June shows him Lyle's watch, stopped at 10:52.",
        elements={"Props": ["Lyle's wristwatch"]},
    ),
    scene(
        "91", "INT", "SHERIFF'S STATION - BULLPEN", "NIGHT", "5/8", "ELI PIKE LUCY", "N6",
        "Lucy lets Eli in the back door; through the glass, Pike is on the phone to Lane.",
    ),
    scene(
        "91A", "EXT", "SHERIFF'S STATION - PARKING LOT", "NIGHT", "2/8", "ELI LUCY", "N6",
        "Lucy gives Eli the phone records and her notice.",
    ),
    # ----------------------------------------------------------------- act three
    scene(
        "92", "EXT", "TOWN HALL - STEPS", "MORNING", "4/8", "JUNE ANDREA", "D7",
        "Andrea's paper killed her follow-up story: Lane owns the building it prints in.",
    ),
    scene(
        "93", "INT", "TOWN HALL - COUNCIL CHAMBER", "DAY", "3 4/8",
        "JUNE RUTH WALT CASSIE VICTOR ANDREA VANDERBURGH", "D7",
        "The rezoning vote: June reads Lyle's ledger into the public record and the room erupts.",
        elements={"Extras": ["50 townspeople", "4 council members"], "Props": ["second ledger"]},
    ),
    scene(
        "94", "INT", "TOWN HALL - CLERK'S OFFICE", "DAY", "7/8", "WALT VICTOR", "D7",
        "Victor tells Walt he is finished; Walt realizes he always was.",
    ),
    scene(
        "95", "EXT", "TOWN HALL - STEPS", "DAY", "5/8", "JUNE ELI HALVORSEN", "D7",
        "Trooper Halvorsen arrives with a warrant for the ledger.",
        elements={"Vehicles": ["2 State Police cruisers"], "Extras": ["15 townspeople"]},
    ),
    scene(
        "96", "INT", "SHERIFF'S STATION - INTERVIEW ROOM", "DAY", "1 2/8", "ELI WALT HALVORSEN",
        "D7",
        "Walt, grey and shaking, tells Halvorsen that Slade killed Lyle on Victor's orders.",
    ),
    scene(
        "97", "INT", "SHERIFF'S STATION - PIKE'S OFFICE", "DAY", "4/8", "PIKE HALVORSEN", "D7",
        "Halvorsen asks Pike for his badge and his gun.",
    ),
    scene(
        "98", "INT", "HARTWELL HOUSE - KITCHEN", "DAY", "5/8", "JUNE RUTH", "D7",
        "Cooking side by side, Ruth says she will sell the farm: her choice this time.",
    ),
    scene(
        "99", "EXT", "KESSLER MILL - YARD", "DUSK", "4/8", "JUNE MAGS ELI", "D7",
        "Mags: last night's fire was set to destroy the boot print, but she kept the cast.",
        **ruins(elements={"SFX": ["smoke"]}),
    ),
    scene(
        "100", "INT", "SLADE'S SUV - MOVING", "NIGHT", "1/8", "SLADE", "N7",
        "Slade drops his phone out the window and heads for the river.",
        elements={"Vehicles": ["Slade's black SUV (process trailer)"]},
    ),
    scene(
        "101", "EXT", "MIDDLEGROUND MARINA - DOCK", "NIGHT", "1 3/8", "JUNE TOBIAS SLADE", "N7",
        "Slade finds June at the marina; Tobias gets in his way and goes down.",
        elements={"Stunts": ["stunt double (Tobias)"], "Props": ["boat hook"]},
    ),
    scene(
        "102", "INT", "MIDDLEGROUND MARINA - BOATHOUSE", "NIGHT", "2 2/8", "JUNE ELI SLADE", "N7",
        "The boathouse fight: cornered, June blinds Slade with an extinguisher; Eli arrives.",
        elements={
            "Stunts": ["fight coordinator", "stunt double (June)", "stunt double (Slade)"],
            "SFX": ["fire extinguisher discharge"],
        },
    ),
    scene(
        "103", "EXT", "MIDDLEGROUND MARINA - SHORE", "NIGHT", "1", "JUNE SLADE", "N7",
        "Slade runs into the ice-edged shallows; June brings him down in the freezing water.",
        elements={
            "Stunts": ["stunt double (June)", "stunt double (Slade)", "water safety"],
            "Wardrobe": ["June: 3 wet doubles"],
        },
    ),
    scene(
        "104", "EXT", "MIDDLEGROUND MARINA - PARKING LOT", "NIGHT", "5/8", "JUNE ELI HALVORSEN",
        "N7",
        "Troopers take Slade away; Eli wraps June in a foil blanket.",
        elements={
            "Vehicles": ["3 State Police cruisers", "ambulance"],
            "Extras": ["4 troopers", "2 EMTs"],
        },
    ),
    scene(
        "105", "INT", "LANE DEVELOPMENT - OFFICE", "DAWN", "3/8", "VICTOR HALVORSEN", "D8",
        "Halvorsen arrests Victor Lane as he unlocks his office at first light.",
        elements={"Extras": ["2 troopers", "office cleaner"]},
    ),
    scene(
        "106", "INT", "VALLEY GENERAL - CORRIDOR", "DAY", "5/8", "JUNE TOBIAS", "D8",
        "Tobias, bandaged, asks June whether he is famous now.",
        elements={"Extras": ["2 nurses"]},
    ),
    # ----------------------------------------------------------------- epilogue
    scene(
        "107", "INT", "SHERIFF'S STATION - HOLDING CELL", "DAY", "1 1/8", "JUNE ELI DANNY", "D8",
        "Eli, reinstated, unlocks the cell; Danny can't look at his sister.",
    ),
    scene(
        "108", "EXT", "SHERIFF'S STATION - PARKING LOT", "DAY", "4/8", "JUNE DANNY RUTH ELI", "D8",
        "Ruth holds her son in the parking lot; June waits by the car.",
        elements={"Vehicles": ["June's Subaru (repaired)"]},
    ),
    scene(
        "109", "INT", "DOYLE'S TAVERN - BAR", "DAY", "5/8", "DANNY HANK", "D8",
        "Hank pours Danny a drink on the house.",
    ),
    scene(
        "110", "INT", "COPPER KETTLE DINER - DINING ROOM", "DAY", "7/8", "JUNE CASSIE ELI", "D8",
        "Cassie is selling the diner to pay her father's lawyers; June orders pie anyway.",
        elements={"Extras": ["6 diner patrons"]},
    ),
    scene(
        "111", "EXT", "ST. BRIGID'S CHURCH - CEMETERY", "DAY", "3/8", "JUNE HANK", "D8",
        "June and Hank stand at Lyle's grave.",
    ),
    scene(
        "112", "EXT", "HARTWELL HOUSE - PORCH", "DUSK", "1", "JUNE ELI DANNY RUTH", "D8",
        "Dinner on the porch, the first in fifteen years; Eli stays.",
    ),
    scene(
        "113", "INT/EXT", "JUNE'S CAR - MOVING", "DAY", "4/8", "JUNE", "D9",
        "June drives out of Marlow Falls past the mill, slows, and turns around.",
        elements={"Vehicles": ["June's Subaru (process trailer)"]},
    ),
]
# fmt: on


# --------------------------------------------------------------------------- build


def build() -> Production:
    """The whole production, validated by the model."""
    cast = [
        CastMember(id=BOARD_ID[key], name=performer, character=character, daily_rate=rate, **extra)
        for key, (character, performer, rate, extra) in CAST.items()
    ]
    locations = [
        Location(
            name=name,
            address=address,
            latitude=latitude,
            longitude=longitude,
            time_zone=TIME_ZONE,
            **extra,
        )
        for name, (address, latitude, longitude, extra) in LOCATIONS.items()
    ]
    scenes = [Scene(**fields) for fields in SCENES]
    calendar = ShootCalendar(
        start=START,
        weekdays=["Mon", "Tue", "Wed", "Thu", "Fri"],
        days_off=[GOOD_FRIDAY],
        time_zone=TIME_ZONE,
    )
    # Days at the page cap, plus a quarter for locations, actors and night turnarounds.
    cap = PAGES_PER_DAY * 8
    minimum = math.ceil(sum(s.eighths for s in scenes) / cap)
    rules = Rules(max_eighths_per_day=cap, max_shoot_days=math.ceil(minimum * 1.25))
    production = Production(
        name=TITLE, scenes=scenes, cast=cast, locations=locations, calendar=calendar, rules=rules
    )
    check_feasible(production)
    return production


def check_feasible(production: Production) -> None:
    """The date limits all fall inside the shoot and leave plenty of room."""
    assert production.rules.max_shoot_days is not None
    dates = production.calendar.shoot_dates(production.rules.max_shoot_days)
    last = dates[-1]
    cap = production.rules.max_eighths_per_day
    for location in production.locations:
        usable = [d for d in dates if location.is_available(d)]
        pages = sum(s.eighths for s in production.scenes if s.location == location.name)
        for limit in [*location.windows, *location.unavailable]:
            assert limit.end <= last, f"{location.name}: {limit} outside the shoot"
        assert pages <= cap * len(usable) // 2, f"{location.name}: too little time"
    for member in production.cast:
        free = [d for d in dates if member.is_available(d)]
        pages = sum(s.eighths for s in production.scenes if member.id in s.cast)
        for limit in member.unavailable:
            assert limit.end <= last, f"cast {member.id}: {limit} outside the shoot"
        assert pages <= cap * len(free), f"cast {member.id}: too few free days"
    for s in production.scenes:
        window = [
            d
            for d in dates
            if (s.earliest is None or d >= s.earliest) and (s.latest is None or d <= s.latest)
        ]
        assert window, f"scene {s.number}: no date between earliest and latest"
        if s.pinned is not None:
            assert s.pinned in dates, f"scene {s.number}: pinned outside the shoot"
    pinned: dict[date, int] = {}
    for s in production.scenes:
        if s.pinned is not None:
            pinned[s.pinned] = pinned.get(s.pinned, 0) + s.eighths
    assert all(total <= cap for total in pinned.values()), "pinned scenes overfill a day"


def main() -> None:
    production = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(production.model_dump_json(indent=1), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    print(production.summary())


if __name__ == "__main__":
    main()

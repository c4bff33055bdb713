"""Build ``examples/messy_board.xlsx``: a small stripboard as ADs really keep them.

"Salt & Static" (24 scenes, 7 cast, 5 locations, 7 shoot days) is an original production made up
for the notebooks. Its board is the mess an importer meets in the wild, on purpose:

- a merged title, a revision line and a blank row above the header, which sits on row 4;
- odd column names (``Sc #``, ``I/E``, ``Set Description``, ``D/N``, ``Pgs``, ``Cast Members``,
  ``Loc``, ``Est. Time``, ``Story Day``, ``Description``) and a Notes column nobody imports;
- page counts written five ways (``2 4/8``, ``1-2/8``, ``7/8 pgs``, ``1.5``, a plain number);
- cast as labels (``1. MAYA; 2. THEO``) on some strips and bare board IDs on others;
- banners (company move, lunch, weekend), black day breaks with dates and page totals, the header
  repeated where the printout's second page begins, and a grand-total row at the bottom;
- a **Cast List** sheet with its own odd headers (``#``, ``Actor``, ``Role``, ``Rate`` in dollars,
  ``Not Available``, ``Minor``).

The AD's day breaks are plausible but not good: seven company moves, a dozen hold days and one
day over the five-page cap, so the notebook has something to score and to improve. Run it from the
repository root::

    .venv/bin/python scripts/build_messy_board.py
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from shootplan.io import read_production
from shootplan.pages import format_pages
from shootplan.palette import DEFAULT_PALETTE
from shootplan.reports import format_date

OUTPUT = Path(__file__).resolve().parents[1] / "examples" / "messy_board.xlsx"

LIGHTHOUSE, HARBOR, DINER, HOUSE, ROAD = (
    "Cape Fen Lighthouse",
    "Fen Harbor",
    "Gull's Diner",
    "Maya's House",
    "Coast Road",
)

# number: (I/E, set, D/N, pages as the AD typed them, eighths, cast, location, est. time, story
# day, description)
SCENES: dict[str, tuple[str, str, str, object, int, str, str, str, str, str]] = {
    "1": ("EXT", "LIGHTHOUSE - GALLERY", "DAWN", "1 2/8", 10, "1. MAYA", LIGHTHOUSE, "", "D1",
          "Maya climbs out to watch the fog roll in"),
    "2": ("INT", "LIGHTHOUSE - STUDIO", "DAY", "2 4/8", 20, "1. MAYA; 2. THEO", LIGHTHOUSE, "", "D1",
          "Maya and Theo fire up the old transmitter"),
    "3": ("INT", "GULL'S DINER - COUNTER", "DAY", "1-6/8", 14, "1, 4", DINER, "", "D1",
          "Rita hears the broadcast on the kitchen radio"),
    "4": ("EXT", "HARBOR - PIER", "DAY", 1, 8, "3. GUS; 5. DOYLE", HARBOR, "0:45", "D1",
          "Gus complains to the sheriff about the static on his boat radio"),
    "5": ("INT", "MAYA'S HOUSE - KITCHEN", "NIGHT", "2", 16, "1, 6", HOUSE, "", "N1",
          "Maya helps her kid brother with homework, half listening"),
    "6": ("INT", "LIGHTHOUSE - STUDIO", "NIGHT", "1.5", 12, "1. MAYA; 2. THEO; 7. CALLER", LIGHTHOUSE,
          "", "N1", "The first late-night show: callers phone in"),
    "7": ("EXT", "GULL'S DINER - PARKING LOT", "NIGHT", "6/8 pgs", 6, "5", DINER, "", "N1",
          "Doyle sits in his cruiser, tuning the dial"),
    "8": ("INT", "HARBOR - BAIT SHOP", "DAY", "1 3/8", 11, "3. GUS; 6. KIP", HARBOR, "1:30", "D2",
          "Gus teaches Kip to splice a line"),
    "9": ("INT/EXT", "VAN - MOVING", "DAY", "7/8", 7, "1, 2", ROAD, "", "D2",
          "Theo drives the van, the antenna rattling on the roof"),
    "10": ("INT", "GULL'S DINER - COUNTER", "DAY", "2 2/8", 18, "1, 2, 4, 5", DINER, "", "D2",
           "Doyle asks questions over pie"),
    "11": ("EXT", "LIGHTHOUSE - GALLERY", "DAY", "1", 8, "2. THEO", LIGHTHOUSE, "", "D2",
           "Theo re-rigs the antenna in the wind"),
    "12": ("INT", "MAYA'S HOUSE - BEDROOM", "NIGHT", "1 1/8", 9, "1. MAYA", HOUSE, "", "N2",
           "Maya records a show on a cassette"),
    "13": ("EXT", "MAYA'S HOUSE - PORCH", "DUSK", "5/8", 5, "1. MAYA; 3. GUS", HOUSE, "", "D3",
           "Gus drops off a crate of radio parts"),
    "14": ("INT", "LIGHTHOUSE - STAIRS", "NIGHT", "6/8", 6, "1, 2", LIGHTHOUSE, "", "N3",
           "Footsteps below: someone is coming up"),
    "15": ("INT", "LIGHTHOUSE - STUDIO", "NIGHT", "2", 16, "1. MAYA; 2. THEO; 5. DOYLE", LIGHTHOUSE,
           "", "N3", "Doyle at the door; the show must go on"),
    "16": ("EXT", "HARBOR - PIER", "NIGHT", "1 2/8", 10, "3, 4", HARBOR, "", "N3",
           "Rita and Gus listen from the end of the pier"),
    "17": ("INT", "GULL'S DINER - COUNTER", "DAY", "1", 8, "4. RITA; 6. KIP", DINER, "", "D4",
           "The whole town talks about the show"),
    "18": ("EXT", "HARBOR - PIER", "DAY", "1 6/8", 14, "1, 3, 5", HARBOR, "", "D4",
           "Doyle impounds Gus's boat"),
    "19": ("INT", "HARBOR - BAIT SHOP", "DAY", "4/8", 4, "3. GUS", HARBOR, "", "D4",
           "Gus alone, repairing the radio"),
    "20": ("INT", "MAYA'S HOUSE - KITCHEN", "DAY", "1 4/8", 12, "1. MAYA; 6. KIP", HOUSE, "", "D4",
           "Maya tells Kip the truth"),
    "21": ("INT/EXT", "VAN - MOVING", "NIGHT", "1", 8, "1, 2, 6", ROAD, "", "N4",
           "Night run to the lighthouse with the spare tube"),
    "22": ("INT", "LIGHTHOUSE - STUDIO", "NIGHT", "2 4/8", 20, "1, 2, 3, 4, 5, 6, 7", LIGHTHOUSE,
           "", "N4", "The last broadcast: the whole town calls in"),
    "23": ("EXT", "LIGHTHOUSE - GALLERY", "NIGHT", "7/8", 7, "1. MAYA; 2. THEO", LIGHTHOUSE, "", "N4",
           "Maya and Theo watch the town lights flicker on"),
    "24": ("EXT", "HARBOR - PIER", "DAWN", "5/8", 5, "3. GUS; 6. KIP", HARBOR, "", "D5",
           "Gus and Kip head out to sea"),
}  # fmt: skip

# The AD's board: shoot date, then the strips in order, with banners where the AD typed them.
BOARD: list[tuple[date, list[str]]] = [
    (date(2027, 4, 5), ["1", "2", "11"]),
    (date(2027, 4, 6), ["3", "10", "COMPANY MOVE -- to Fen Harbor", "4"]),
    (date(2027, 4, 7), ["8", "9", "LUNCH -- 1 hr", "20", "13"]),
    (date(2027, 4, 8), ["17", "COMPANY MOVE -- to Fen Harbor", "18", "19", "24"]),
    (date(2027, 4, 9), ["5", "12", "7", "16"]),
    (date(2027, 4, 12), ["6", "14", "15"]),
    (date(2027, 4, 13), ["21", "22", "23"]),
]

CAST: list[tuple[object, ...]] = [
    ("#", "Actor", "Role", "Rate", "Not Available", "Minor"),
    (1, "Jo Alvarez", "MAYA", "$2,500", "", ""),
    (2, "Sam Okafor", "THEO", "$1,800", "", ""),
    (3, "Walt Brennan", "GUS", "$1,200", "", ""),
    (4, "Dee Haskins", "RITA", "$900", "", ""),
    (5, "Ray Thibault", "DOYLE", "$1,500", "", ""),
    (6, "Nico Park", "KIP", "$600", date(2027, 4, 12), "yes"),
    (7, "Lou Fenn", "CALLER", "$400", "", ""),
]

HEADER = ("Sc #", "I/E", "Set Description", "D/N", "Pgs", "Cast Members", "Loc", "Est. Time",
          "Story Day", "Description", "Notes")  # fmt: skip
NOTES = {"2": "need transmitter prop", "22": "all cast + phones ringing", "24": "boat from Fen Marine"}


def _fill(color: str) -> PatternFill:
    return PatternFill("solid", start_color=color, end_color=color)


def _strip_color(int_ext: str, time_of_day: str) -> str:
    inside = "INT" if int_ext == "INT" else "EXT"
    light = "NIGHT" if time_of_day == "NIGHT" else "DAY"
    return DEFAULT_PALETTE[f"{inside} {light}"]


def build() -> Workbook:
    """The board and the cast list, as an AD's spreadsheet would have them."""
    book = Workbook()
    board = book.active
    assert board is not None
    board.title = "Shooting Schedule"
    board.append(["SALT & STATIC"])
    board.merge_cells("A1:K1")
    board["A1"].font = Font(bold=True, size=16)
    board.append(["Shooting Schedule -- Rev. BLUE -- printed 3/22/2027 -- Prod. Office: Fen Harbor"])
    board.append([])
    board.append(list(HEADER))
    for cell in board[4]:
        cell.font = Font(bold=True)
    total = 0
    for number_of_day, (day, strips) in enumerate(BOARD, start=1):
        if number_of_day == 4:  # where the printout's second page begins
            board.append(list(HEADER))
        eighths = 0
        for strip in strips:
            if strip not in SCENES:
                board.append([strip])
                board.cell(board.max_row, 1).font = Font(italic=True)
                continue
            int_ext, set_name, tod, pages, size, cast, location, minutes, story, text = SCENES[strip]
            eighths += size
            board.append(
                [strip, int_ext, set_name, tod, pages, cast, location, minutes, story, text, NOTES.get(strip)]
            )
            for cell in board[board.max_row]:
                cell.fill = _fill(_strip_color(int_ext, tod))
        total += eighths
        board.append([f"End of Day {number_of_day} -- {format_date(day)} -- {format_pages(eighths)} Pgs"])
        for cell in board[board.max_row]:
            cell.fill = _fill("000000")
            cell.font = Font(bold=True, color="FFFFFF")
        if number_of_day == 5:
            board.append(["*** WEEKEND ***"])
    board.append([])
    board.append([f"Total Pages: {format_pages(total)}"])
    for column, width in zip("ABCDEFGHIJK", (6, 6, 30, 7, 9, 30, 20, 9, 9, 50, 26), strict=True):
        board.column_dimensions[column].width = width
    cast = book.create_sheet("Cast List")
    for row in CAST:
        cast.append(list(row))
    for cell in cast[1]:
        cell.font = Font(bold=True)
    # A fixed stamp keeps the file's metadata from changing with the day it was built.
    book.properties.created = datetime(2027, 3, 22, 9, 0)
    book.properties.creator = "Second AD"
    return book


def main() -> None:
    """Write the board and check it imports as intended."""
    build().save(OUTPUT)
    production = read_production(OUTPUT)
    assert len(production.scenes) == len(SCENES), len(production.scenes)
    assert len(production.boards) == 1 and len(next(iter(production.boards.values()))) == len(BOARD)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()

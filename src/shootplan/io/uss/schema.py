"""The parts of the Universal Schedule Standard both directions share: keys, category ids."""

from __future__ import annotations

__all__ = [
    "CAST_EXTRAS",
    "CAST_OPTIONAL",
    "CUSTOM_UCID",
    "ELEMENT_UCIDS",
    "EXTRA",
    "KINDS",
    "SCENE_EXTRAS",
    "USS_KEY",
    "USS_VERSION",
]

USS_KEY = "universalScheduleStandard"
USS_VERSION = "1.0.0"

# Universal Category Identification numbers, and the category names that mean the same.
KINDS: dict[str, tuple[int, tuple[str, ...]]] = {
    "set": (0, ("Set", "Sets")),
    "int_ext": (1, ("INT/EXT", "Int/Ext", "IE")),
    "time_of_day": (2, ("Day/Night", "D/N", "Time of Day")),
    "script_day": (3, ("Script Day", "Story Day")),
    "location": (6, ("Location", "Locations", "Shooting Location")),
    "cast": (100, ("Cast", "Cast Members", "Cast Member")),
}
ELEMENT_UCIDS = {
    "Background": 101,
    "Extras": 101,
    "Stunts": 102,
    "Vehicles": 103,
    "Props": 104,
    "SFX": 105,
    "Wardrobe": 106,
    "Makeup": 107,
    "Makeup/Hair": 107,
    "Animals": 108,
    "Animal Handler": 109,
    "Camera": 110,
    "Grip": 111,
    "Electric": 112,
    "Sound": 113,
    "Music": 114,
    "Art Department": 115,
    "Set Dressing": 116,
    "Greenery": 117,
    "Security": 118,
    "Special Equipment": 119,
    "Additional Labor": 120,
    "VFX": 121,
    "MFX": 122,
    "Notes": 123,
    "Unit": 4,
    "Sequence": 5,
}
CUSTOM_UCID = 1000  # above the standard's protected ranges
EXTRA = "_shootplan"
# The fields a _shootplan key may carry on a strip and on a cast element (what USS has no key for).
SCENE_EXTRAS = frozenset({"shoot_days", "earliest", "latest", "pinned", "cover"})
# The cast extras written only when they differ from the default, so a file without them keeps
# the bytes it had: the call sheet's lead times, a minor's age and a school break.
CAST_OPTIONAL: dict[str, object] = {
    "makeup_minutes": None,
    "pickup_minutes": None,
    "age": None,
    "schooling": True,
}
CAST_EXTRAS = frozenset(
    {"name", "character", "daily_rate", "max_drops", "minor", "unavailable", *CAST_OPTIONAL}
)

"""Who an event is: UIDs that survive re-boarding, the markers of our events, feed file names.

Every UID is ``uuid5(production namespace, key)``, the namespace being ``uuid5(SHOOTPLAN_NAMESPACE,
production_id or production.id or production.name)``. Dates and day numbers never enter a key: days
are renumbered and re-dated whenever the schedule changes. A shoot day's key is its *anchor scene*, the day's
scene whose SHA-256 of the scene number is smallest (``day/<scene>/<n>``, ``n`` counting earlier
days with the same anchor, i.e. the days of a multi-day scene). The order is arbitrary but fixed:
no edit of the production can change it, so a day keeps its UID when scenes move, unless its
anchor leaves or a scene that sorts before it joins (the chance of keeping it equals the share of
scenes the day keeps, as in MinHash). When the previously published days are known
(:class:`PublishedDay`), each day instead continues the published day it shares the most scenes
with and keeps that day's UID. Per-person and per-location events derive from the day:
``work/<cast id>/<day UID>``, ``hold/<cast id>/<day UID>``, ``location/<name>/<day UID>/<k>``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from shootplan.model import Production
from shootplan.schedule import Schedule

__all__ = [
    "SHOOTPLAN_NAMESPACE",
    "X_DAY",
    "X_FEED",
    "X_PRODUCTION",
    "X_PRODUCTION_ID",
    "X_SCENES",
    "PublishedDay",
    "day_uids",
    "event_uid",
    "feed_file_names",
    "production_namespace",
]

#: The root of every UID shootplan makes: uuid5(NAMESPACE_URL, "https://github.com/shootplan/shootplan#calendar").
SHOOTPLAN_NAMESPACE = uuid.UUID("8d4a9fd6-7612-5b6f-bd3f-c0fa605b8729")

# The markers by which a later publish recognizes its own events among others on a calendar.
X_PRODUCTION = "X-SHOOTPLAN-PRODUCTION"
X_FEED = "X-SHOOTPLAN-FEED"
X_DAY = "X-SHOOTPLAN-DAY"
X_SCENES = "X-SHOOTPLAN-SCENES"
# On a feed (not its events): the production's id itself, so a later run finds it again.
X_PRODUCTION_ID = "X-SHOOTPLAN-PRODUCTION-ID"


@dataclass(frozen=True)
class PublishedDay:
    """A shoot day as a previous feed published it: its UID, scenes and date (for UID inheritance)."""

    uid: str
    scenes: frozenset[str]
    start: date


def production_namespace(production: Production, production_id: str | None = None) -> uuid.UUID:
    """The namespace of every UID of a production: of ``production_id``, else ``production.id``,
    else (a production published before it had an id) its name. An id survives a renaming and
    tells two productions of the same name apart."""
    return uuid.uuid5(SHOOTPLAN_NAMESPACE, production_id or production.id or production.name)


def event_uid(namespace: uuid.UUID, key: str) -> str:
    """The UID of the event (or feed) named ``key`` in a production's namespace."""
    return str(uuid.uuid5(namespace, key))


def _scene_order(number: str) -> bytes:
    """A fixed, arbitrary order of scene numbers that no edit of the production can change."""
    return hashlib.sha256(number.encode("utf-8")).digest()


def _day_keys(schedule: Schedule) -> list[str]:
    """The pure identity of each day: its anchor scene and how many earlier days share it."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for day in schedule.days:
        numbers = list(dict.fromkeys(day.scenes))
        base = f"day/{min(numbers, key=_scene_order)}" if numbers else "day/empty"
        keys.append(f"{base}/{seen[base]}")
        seen[base] += 1
    return keys


def day_uids(
    namespace: uuid.UUID,
    schedule: Schedule,
    previous_days: Mapping[str, PublishedDay] | None = None,
) -> list[str]:
    """Each day's UID: the previously published day it continues, else its own anchor UID."""
    keys = _day_keys(schedule)
    pure = [event_uid(namespace, key) for key in keys]
    if not previous_days:
        return pure
    scenes = [frozenset(day.scenes) for day in schedule.days]
    dates = schedule.dates()
    # A day continues the published day it shares the most scenes with; on ties the one that
    # already has its own UID, then the nearest date, then order, so the choice is reproducible.
    pairs = sorted(
        (-len(scenes[i] & d.scenes), pure[i] != d.uid, abs((dates[i] - d.start).days), i, d.uid)
        for i in range(len(keys))
        for d in previous_days.values()
        if scenes[i] & d.scenes
    )
    result: list[str | None] = [None] * len(keys)
    taken: set[str] = set()
    for _, _, _, i, uid in pairs:
        if result[i] is None and uid not in taken:
            result[i] = uid
            taken.add(uid)
    uids: list[str] = []
    for i, inherited in enumerate(result):
        if inherited is not None:
            uids.append(inherited)
            continue
        # A new day: its own UID, unless a continuing day already carries that one.
        uid, again = pure[i], 0
        while uid in taken:
            again += 1
            uid = event_uid(namespace, f"{keys[i]}+{again}")
        taken.add(uid)
        uids.append(uid)
    return uids


def feed_file_names(production: Production, *, taken: Collection[str] = ()) -> dict[str, str]:
    """Feed key -> file name: ``unit.ics``, ``cast-7-nora.ics``, ``location-harbor-house.ics``.

    Names are lower-case ASCII letters, digits and hyphens (safe on every OS and in URLs); a
    name that would collide with another (even differing only in case), or with one of the file
    names in ``taken`` (another feed's file already in the folder), gets a short suffix derived
    from the board ID or location name, so it stays the same from one publish to the next.
    """
    names: dict[str, str] = {"unit": "unit"}
    for member in production.cast:
        person = _slug(member.character or member.name)
        board = _slug(member.id) or _digest(member.id)
        names[f"cast/{member.id}"] = f"cast-{board}-{person}" if person else f"cast-{board}"
    for location in production.locations:
        names[f"location/{location.name}"] = f"location-{_slug(location.name) or _digest(location.name)}"
    counts = Counter(name.casefold() for name in names.values())
    counts.update(name.casefold().removesuffix(".ics") for name in taken)
    for key, name in names.items():
        if counts[name.casefold()] > 1:
            names[key] = f"{name}-{_digest(key)}"
    return {key: f"{name}.ics" for key, name in names.items()}


# Letters that Unicode does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Ł": "L",
     "ł": "l", "Đ": "D", "đ": "d", "Þ": "TH", "þ": "th", "ı": "i"}
)  # fmt: skip


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]

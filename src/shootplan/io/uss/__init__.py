"""The Universal Schedule Standard (USS): read a schedule, write one back.

USS (github.com/UniversalScheduleStandard, ``docs/docs.md``) is JSON under one key,
``universalScheduleStandard``: ``breakdowns`` (strips), ``categories``, ``elements`` (cast, sets,
INT/EXT, Day/Night... each in a category), ``stripboards`` (orders of strips, each with a
``calendar``) and ``calendars``. How each part becomes a Production:

=======================  ================================================================
USS                      Production
=======================  ================================================================
breakdown, type          a scene for ``scene`` (the spec) or ``strip`` (the sample files);
                         ``banner`` and ``day`` strips are skipped
breakdown.scene          Scene.number; a repeated number gets `` (2)``, with a warning
breakdown.pages          eighths (a decimal page count: 0.375 is 3/8)
breakdown.time           minutes (milliseconds; the sample's ``duration`` too)
breakdown.description    synopsis; ``comments`` go to elements["Comments"]
element in category      ucid 0 Set -> set (more sets go to elements["Set"]); 1 INT/EXT;
                         2 Day/Night (missing: DAY); 3 Script Day; 6 Location (missing: the
                         set name before " - "); 100 Cast -> cast (board ID = ``elementId``,
                         the first free number when empty); any other -> elements[category]
cast element             character = name; holds = ``doodHoldAllow`` (``isHold``); drop =
                         ``doodDropAllow`` (``isDrop``); drop gap = ``doodDropDays``
                         (``doodDayCount``, ``dropDayCount``); ``dayOff`` events and
                         weekly ``daysOff`` (0 = Sunday) -> unavailable dates
calendar                 ``start`` event -> start; ``daysOff`` weekdays -> shooting weekdays;
                         ``dayOff`` events -> days off, or holidays when named holiday (an
                         ``event`` named holiday too); other events (travel...) are dropped
stripboard               a named board: ``Production.boards[name]``; boneyards are skipped
=======================  ================================================================

A stripboard's days come from ``breakdownArrays`` (the sample: one array of strip ids per day, a
lone id being a one-strip day) or ``breakdownIds`` (the spec: one flat order, each ``day`` strip
ending a day; strips after the last are unscheduled). A flat order without any day strip (a
"Script Order" board) is kept as one day holding every strip, in order.

A Production has one calendar, USS one per stripboard: the production takes the calendar of the
current stripboard, and every board's days are dated on it. USS has no key marking a stripboard
current (docs.md lists a stripboard's keys as ``id``, ``boards``, ``calendar``, ``name``, and keys
a tool adds must start with ``_``); the header names the schedule's revision colour
(``schedColor``), so the one stripboard named with that colour (``Rev. BLUE``) is current, else the
**last** (USS tools list revisions oldest first). The current one is the production's last board.
Dates are read by their date part (``2022-08-17T07:00:00.000+0000`` is 2022-08-17).

:func:`write_uss` writes the spec's form (type ``scene``, ``breakdownIds`` with ``day`` strips,
``time``, ``dood*`` keys). What USS has no key for (rates, minors, windows, rules...) goes in
``_shootplan`` keys, as the spec's extension rule allows, so reading the file back gives an equal
production.

USS has no key for a location's address, coordinates, parking or nearest hospital, nor for a
performer's hair-and-makeup or pickup lead time (its elements carry a name, an id, days off and
DOOD flags only; the uss-validator schema allows no more): a file from another tool gives
locations with a name only, and call sheets print their defaults. shootplan's own export keeps
them in ``_shootplan`` (``locations`` in full; ``makeup_minutes`` and ``pickup_minutes`` on a
cast element, when set), and reading it back restores them.

One module per job: :mod:`~shootplan.io.uss.read` (:func:`read_uss_data`),
:mod:`~shootplan.io.uss.write` (:func:`write_uss`, :func:`uss_document`) and
:mod:`~shootplan.io.uss.schema`, the keys and category ids both directions share.
"""

from shootplan.io.uss.read import read_uss_data as read_uss_data
from shootplan.io.uss.schema import USS_KEY as USS_KEY
from shootplan.io.uss.write import uss_document as uss_document
from shootplan.io.uss.write import write_uss as write_uss

__all__ = ["USS_KEY", "read_uss_data", "uss_document", "write_uss"]

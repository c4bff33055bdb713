"""iCalendar feeds of a schedule for crew phones: the unit, each performer, each location.

A crew member subscribes once; every re-publish must update the phone in place, never duplicate an
event or move it by an hour (see ICS.md). The package builds the feeds with ``icalendar`` and
decides, for every event, its identity (UID) and its revision (SEQUENCE). The day's times come
from :mod:`shootplan.timeline`, shared with every other output.

One job per module, each importing only the public names of the ones before it:

- ``identity``: UIDs that survive re-boarding (a day's anchor scene, or the published day it
  continues), the ``X-SHOOTPLAN-*`` markers of our events, and the feeds' file names.
- ``options``: :class:`CalendarOptions`, the keyword options of every function, checked once.
- ``plan``: the schedule laid out for calendars: each day's timeline with its UID, everyone's work.
- ``text``: the words of descriptions (day headings, timelines, addresses, how times were estimated).
- ``feeds``: which feeds exist (unit, each performer, each location) and the events each holds.
- ``state``: what subscribers hold: published feeds read back, SEQUENCE, cancellations.
- ``render``: events with their revisions, cancellations, VTIMEZONEs, the VCALENDAR.
- ``calendars``: :func:`unit_calendar`, :func:`cast_calendar`, :func:`location_calendar`, and
  what was published before (a feed or a Schedule).
- ``folder``: what a folder of feeds holds: our files by feed key (never by file name), read defensively.
- ``files``: :func:`write_calendars`, every feed into a folder, reported as :class:`CalendarFiles`
  (with the feeds no longer produced, cancelled, the damaged entries repaired, and per feed the
  events phones get updated, added, cancelled or unchanged: :class:`EventCounts`).
- ``revised``: :func:`write_revised_calendars`, a re-plan's feeds, so phones update only what changed.
- ``caldav``: :func:`publish_caldav`, one feed onto a CalDAV calendar, reported as :class:`CaldavReport`.
- ``lint``: :func:`lint_ics`, a raw-text check of any iCalendar file for what breaks phones
  (independent of ``icalendar`` on purpose).

**The call sheet on a phone.** Each unit event's description starts with the call sheet's key
lines (scenes and pages, crew call, shooting call, estimated wrap, sunrise and sunset, the first
location and its address), read from that day alone. Given ``call_sheet_base``, the address the
``callsheets/`` folder is published at, the event also carries ``URL`` (the day's HTML page, made
for a phone screen), ``ATTACH;FMTTYPE=application/pdf`` (the PDF, to print) and both addresses in
the description. A crew member taps the link in the event's notes: calendar apps turn an
``https://`` address in the notes into a link, and Apple Calendar also shows ``URL`` as a row of
its own. ``ATTACH`` by address is a bonus for the clients that list it (Thunderbird, Nextcloud):
Google Calendar shows only its own Drive attachments, Apple only those its server manages.
Without a base address the description names the file (``day-04-2027-03-04.pdf``) and no link is
made, rather than one that would not open. The PDF is never embedded (``ATTACH;VALUE=BINARY``):
the example's PDFs are 3-5 kB a day, base64 adds a third, so its 26-day unit feed would carry
~140 kB more, fetched by every phone on every refresh, for an attachment the main phone apps do
not show; and each performer's and location's feed would carry the same sheets again, nearing
the 1 MB Google refuses for a subscribed feed on a long shoot.
"""

from shootplan.io.ics.caldav import CaldavReport as CaldavReport
from shootplan.io.ics.caldav import publish_caldav as publish_caldav
from shootplan.io.ics.calendars import cast_calendar as cast_calendar
from shootplan.io.ics.calendars import location_calendar as location_calendar
from shootplan.io.ics.calendars import unit_calendar as unit_calendar
from shootplan.io.ics.feeds import SkipReason as SkipReason
from shootplan.io.ics.files import CalendarFiles as CalendarFiles
from shootplan.io.ics.files import CancelledFeed as CancelledFeed
from shootplan.io.ics.files import EventCounts as EventCounts
from shootplan.io.ics.files import FeedRepair as FeedRepair
from shootplan.io.ics.files import FileState as FileState
from shootplan.io.ics.files import SkippedFeed as SkippedFeed
from shootplan.io.ics.files import write_calendars as write_calendars
from shootplan.io.ics.identity import SHOOTPLAN_NAMESPACE as SHOOTPLAN_NAMESPACE
from shootplan.io.ics.identity import feed_file_names as feed_file_names
from shootplan.io.ics.lint import lint_ics as lint_ics
from shootplan.io.ics.options import CalendarOptions as CalendarOptions
from shootplan.io.ics.revised import write_revised_calendars as write_revised_calendars

__all__ = [
    "SHOOTPLAN_NAMESPACE",
    "CaldavReport",
    "CalendarFiles",
    "CalendarOptions",
    "CancelledFeed",
    "EventCounts",
    "FeedRepair",
    "FileState",
    "SkipReason",
    "SkippedFeed",
    "cast_calendar",
    "feed_file_names",
    "lint_ics",
    "location_calendar",
    "publish_caldav",
    "unit_calendar",
    "write_calendars",
    "write_revised_calendars",
]

"""A workbook's bytes with one timestamp throughout, so the same content always gives the same file.

openpyxl stamps a saved workbook with the time of saving twice over: the document's created and
modified properties (``docProps/core.xml``) and every zip entry's date. Both change a file's
bytes when nothing in it did; :func:`stamped_bytes` gives them one given moment instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

from openpyxl import Workbook

__all__ = ["stamped_bytes"]

# A zip entry's date cannot be before 1980; an earlier stamp dates the entries 1980-01-01.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stamped_bytes(book: Workbook, stamp: datetime) -> bytes:
    """The saved workbook, its document times and every part dated ``stamp`` (naive: UTC)."""
    buffer = io.BytesIO()
    book.save(buffer)
    moment = stamp.astimezone(UTC) if stamp.tzinfo else stamp
    text = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for info, content in parts:
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + text + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=max(moment.timetuple()[:6], _ZIP_EPOCH))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            archive.writestr(entry, content)
    return output.getvalue()

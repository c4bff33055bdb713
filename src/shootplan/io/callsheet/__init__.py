"""Call sheets as files: a printable PDF (:mod:`.pdf`), a phone-friendly HTML page (:mod:`.html`),
and a folder of them written as one set (:func:`write_call_sheets`)."""

from shootplan.io.callsheet.files import CALL_SHEET_FORMATS as CALL_SHEET_FORMATS
from shootplan.io.callsheet.files import write_call_sheets as write_call_sheets
from shootplan.io.callsheet.html import call_sheet_html as call_sheet_html
from shootplan.io.callsheet.pdf import call_sheet_pdf as call_sheet_pdf

__all__ = ["CALL_SHEET_FORMATS", "call_sheet_html", "call_sheet_pdf", "write_call_sheets"]

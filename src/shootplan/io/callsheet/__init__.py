"""Call sheets as files: a printable PDF (:mod:`.pdf`) and a phone-friendly HTML page (:mod:`.html`)."""

from shootplan.io.callsheet.html import call_sheet_html as call_sheet_html
from shootplan.io.callsheet.pdf import call_sheet_pdf as call_sheet_pdf

__all__ = ["call_sheet_html", "call_sheet_pdf"]

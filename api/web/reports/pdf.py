"""A report's document as PDF, its Thai shaped by HarfBuzz (WeasyPrint over Pango).

WeasyPrint draws the same self-contained document the API hands over as HTML, so the
PDF and the printout from a browser agree. It needs Pango's libraries and a Thai font
(Debian: ``libpango-1.0-0``, ``fonts-tlwg-laksaman``, metric-compatible with TH Sarabun
New); where they cannot be loaded, asking for a PDF is refused saying so, and the other
formats still work.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from api.web.reports.formats import ReportFormatError
from api.web.reports.pdf_text import repair_text_layer


@cache
def _html_class() -> Any:
    """WeasyPrint's ``HTML``, loaded once; an error naming why when it cannot be."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: Pango's libraries are missing
        raise ReportFormatError(
            "report_pdf_unavailable", field="format", reason=str(error).splitlines()[0]
        ) from error
    return HTML


def pdf_available() -> bool:
    try:
        _html_class()
    except ReportFormatError:
        return False
    return True


def to_pdf(document: str) -> bytes:
    """The document as PDF bytes."""
    rendered = _html_class()(string=document).render()
    rendered.metadata.generator = "Tidtam"
    pdf: bytes = rendered.write_pdf()
    return repair_text_layer(pdf)

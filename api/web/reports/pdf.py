"""A report's document as PDF, its Thai shaped by HarfBuzz (WeasyPrint over Pango).

WeasyPrint draws the same self-contained document the API hands over as HTML, so the
PDF and the printout from a browser agree. It needs Pango's libraries and a Thai font
(Debian: ``libpango-1.0-0``, ``fonts-tlwg-laksaman``, metric-compatible with TH Sarabun
New); where they cannot be loaded, asking for a PDF is refused saying so, and the other
formats still work.
"""

from __future__ import annotations

import gc
from functools import cache
from typing import Any

from api.web.reports.formats import ReportFormatError
from api.web.reports.pdf_text import repair_text_layer
from projections.collector import collector_paused


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
    """The document as PDF bytes, drawn with the cycle collector paused.

    Drawing a year's report builds some 700,000 linked boxes that all stay alive until
    the PDF is written; the collector, triggered again and again as they are made,
    walked the growing heap each time and took a fifth of a 1,000-activity report's
    time for nothing. Once drawn, the young generation (where every box is, as none
    was collected meanwhile) is collected at once, so their cycles do not wait for a
    later request to pay for them.
    """
    try:
        with collector_paused():
            return drawn(document)
    finally:
        gc.collect(0)


def drawn(document: str) -> bytes:
    """The document drawn as PDF with the collector left as it is (the benchmark's baseline)."""
    rendered = _html_class()(string=document).render()
    rendered.metadata.generator = "Tidtam"
    pdf: bytes = rendered.write_pdf()
    return repair_text_layer(pdf)

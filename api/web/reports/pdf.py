"""A report's document as PDF, its Thai shaped by HarfBuzz (WeasyPrint over Pango).

WeasyPrint draws the same self-contained document the API hands over as HTML, so the
PDF and the printout from a browser agree. It needs Pango's libraries and a Thai font
(Debian: ``libpango-1.0-0``, ``fonts-tlwg-laksaman``, metric-compatible with TH Sarabun
New); where they cannot be loaded, asking for a PDF is refused saying so, and the other
formats still work.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


_drawing = threading.Lock()
_drawings = 0


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a document is drawn, then run once.

    Drawing a year's report builds some 700,000 linked boxes that all stay alive until
    the PDF is written; the collector, triggered again and again as they are made, walks
    the growing heap each time and took two of a 1,000-activity report's five seconds
    for nothing. It is paused only while some drawing is under way (a count, as requests
    draw in threads and the pause is the process's), and one collection afterwards frees
    the boxes' cycles, so memory comes back as before.
    """
    global _drawings
    with _drawing:
        _drawings += 1
        if _drawings == 1:
            gc.disable()
    try:
        yield
    finally:
        with _drawing:
            _drawings -= 1
            if _drawings == 0:
                gc.enable()
        gc.collect(0)  # the young generation: every box drawn was made while paused


def to_pdf(document: str) -> bytes:
    """The document as PDF bytes."""
    with _cycle_collector_paused():
        return drawn(document)


def drawn(document: str) -> bytes:
    """The document drawn as PDF with the collector left as it is (the benchmark's baseline)."""
    rendered = _html_class()(string=document).render()
    rendered.metadata.generator = "Tidtam"
    pdf: bytes = rendered.write_pdf()
    return repair_text_layer(pdf)

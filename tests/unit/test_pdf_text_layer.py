"""The PDF's Thai text layer (api/web/reports/pdf_text.py): what a search or a copy reads.

Drawn with Laksaman, the font reports use: without the repair the text layer of ญี่ปุ่น
reads ญี่ปู่น and ข้อมูล reads ข้อม่ล (WeasyPrint hands a glyph its neighbour's
character inside a Thai cluster); with it, the words as typed.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from api.web.reports.pdf import _html_class, to_pdf
from tests.pdf_reading import needs_pdf, pdf_text, readable

WORDS = "ก้าวหน้าสู่สากล ข้อมูล ที่รู้จัก ญี่ปุ่น ฐาน กำหนด ประชาสัมพันธ์ ฤดู ปฏิบัติ ผู้ใหญ่ น้ำ ฎีกา"


def _page(words: str, font: str = "Laksaman") -> str:
    return f"<html><body style=\"font-family:'{font}'\"><p>{words}</p></body></html>"


def test_the_text_layer_reads_the_words_as_typed() -> None:
    needs_pdf()
    for font in ("Laksaman", "Garuda", "Loma"):
        assert pdf_text(to_pdf(_page(WORDS, font))) == readable(WORDS), font


def test_without_the_repair_the_text_layer_misreads_marks_below() -> None:
    needs_pdf()
    unrepaired = _html_class()(string=_page(WORDS)).write_pdf()
    text = readable(PdfReader(io.BytesIO(unrepaired)).pages[0].extract_text())
    assert text != readable(WORDS)
    assert "ข้อม่ล" in text  # the vowel below read as the tone mark of สู่


def test_latin_digits_and_baht_amounts_pass_through() -> None:
    needs_pdf()
    words = "Tidtam 458,000.00 บาท 100.00% (as of 2009-03-31)"
    assert pdf_text(to_pdf(_page(words))) == readable(words)

"""Drawing a PDF pauses Python's cycle collector (``projections.collector``) and brings it
back, whether the drawing ended well or not."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from api.web.reports import pdf
from tests.pdf_reading import needs_pdf, pdf_text


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_while_drawing_and_back_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def drawn(document: str) -> bytes:
        seen.append(gc.isenabled())
        return b"%PDF"

    monkeypatch.setattr(pdf, "drawn", drawn)
    assert pdf.to_pdf("<p>x</p>") == b"%PDF"
    assert seen == [False] and gc.isenabled()


def test_a_failed_drawing_still_brings_the_collector_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(document: str) -> bytes:
        raise RuntimeError("the drawing failed")

    monkeypatch.setattr(pdf, "drawn", fails)
    with pytest.raises(RuntimeError):
        pdf.to_pdf("<p>x</p>")
    assert gc.isenabled()


def test_a_whole_drawing_leaves_the_collector_on() -> None:
    needs_pdf()
    drawn = pdf.to_pdf("<html><body style=\"font-family:'Laksaman'\"><p>รายงาน</p></body></html>")
    assert pdf_text(drawn) == "รายงาน"
    assert gc.isenabled()

"""Drawing a PDF pauses Python's cycle collector, and only while some drawing is under way.

The pause is the process's (``gc.disable``), and requests draw in threads: the collector
must come back when the last drawing ends, whether it ended well or not, and never while
another is still drawing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from api.web.reports.pdf import _cycle_collector_paused, to_pdf
from tests.pdf_reading import needs_pdf, pdf_text


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_while_drawing_and_back_after() -> None:
    with _cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failed_drawing_still_brings_the_collector_back() -> None:
    with pytest.raises(RuntimeError), _cycle_collector_paused():
        raise RuntimeError("the drawing failed")
    assert gc.isenabled()


def test_overlapping_drawings_keep_it_paused_until_the_last_ends() -> None:
    first_in, first_may_end = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with _cycle_collector_paused():
            first_in.set()
            first_may_end.wait(5)
            seen["first, after the second ended"] = gc.isenabled()

    def second() -> None:
        first_in.wait(5)
        with _cycle_collector_paused():
            pass
        seen["after the second, the first still drawing"] = gc.isenabled()
        first_may_end.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {
        "after the second, the first still drawing": False,
        "first, after the second ended": False,
    }
    assert gc.isenabled()


def test_a_whole_drawing_leaves_the_collector_on() -> None:
    needs_pdf()
    pdf = to_pdf("<html><body style=\"font-family:'Laksaman'\"><p>รายงาน</p></body></html>")
    assert pdf_text(pdf) == "รายงาน"
    assert gc.isenabled()

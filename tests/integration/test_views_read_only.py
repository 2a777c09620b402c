"""A process that reads the views only (``TIDTAM_PROJECTIONS=external``) never folds them,
and waits, bounded, for the positions another process's projector writes.

Two ``Projections`` on one store stand for two processes: a reader (``folding=False``)
and the projector's (folding). Each has its own connections; only the store is shared.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import FixedClock
from projections.service import Projections, ViewsBehindError
from storage.store import Store
from tests.builders import small_plan


@pytest.fixture
def tracker(shared: Store) -> Iterator[Tracker]:
    app = Tracker(shared, clock=FixedClock.at_bangkok(date(2009, 2, 1)))
    yield app
    app.close()


def projections(tracker: Tracker, *, folding: bool, wait_timeout: float = 30.0) -> Projections:
    directory = Directory(tracker.store, clock=tracker.clock)
    return Projections(
        tracker, directory=directory, folding=folding, poll_interval=0.05,
        wait_timeout=wait_timeout,
    )  # fmt: skip


def imported(tracker: Tracker) -> int:
    """Import the small plan; the log's head after it."""
    tracker.import_plan(small_plan(), actor="admin")
    return tracker.recorder.max_notification_id() or 0


def test_a_reader_makes_no_table_and_is_ready_once_the_projector_has_made_and_folded_them(
    tracker: Tracker,
) -> None:
    reader = projections(tracker, folding=False)
    try:
        assert not reader.ready()
        assert not reader.wait_until_ready(0.2)
        imported(tracker)
        folder = projections(tracker, folding=True)  # the tables made, nothing folded yet
        try:
            assert reader.ready()
            assert not reader.wait_until_ready(0.3)  # a token issued before would be refused
            folder.catch_up()
            assert reader.wait_until_ready(0.2)
        finally:
            folder.close()
    finally:
        reader.close()


def test_a_reader_never_folds_and_sees_the_projectors_positions(tracker: Tracker) -> None:
    folder = projections(tracker, folding=True)
    reader = projections(tracker, folding=False)
    reader.start()  # its thread follows positions; it must not fold
    try:
        written = imported(tracker)
        reader.nudge()  # what a command's route does: harmless here
        assert not reader.wait_for(written, timeout=0.5)
        assert reader.refresh() == [0] * len(reader.projectors)
        folder.catch_up()
        plan = reader.projector("plan")
        deadline = time.monotonic() + 5
        while plan.seen < written:  # the reader's thread follows (what caches key on)
            assert time.monotonic() < deadline, "the reader's thread did not follow"
            time.sleep(0.01)
        assert reader.wait_for(written, timeout=5)
        assert reader.status()[0].lag_events == 0
    finally:
        reader.close()
        folder.close()


def test_a_readers_catch_up_waits_for_the_projector_and_says_when_it_is_not_there(
    tracker: Tracker,
) -> None:
    folder = projections(tracker, folding=True)
    reader = projections(tracker, folding=False, wait_timeout=0.3)
    try:
        written = imported(tracker)
        with pytest.raises(ViewsBehindError) as behind:
            reader.catch_up()
        assert behind.value.rule == "views_behind" and behind.value.http_status == 503
        assert behind.value.values["position"] == written
        assert "tidtam projector" in behind.value.message("th")
        folder.catch_up()
        assert reader.catch_up() == 0  # nothing folded here: it waited, and the views are there
        assert reader.projector("plan").position() == written
    finally:
        reader.close()
        folder.close()

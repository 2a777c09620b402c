"""Saves too large for psycopg's pipeline still land on PostgreSQL, whole or not at all.

With eventsourcing 9.5.6 and psycopg 3.3, importing a plan of 4,000 activities
(12,801 events in one save) at times never returned (one run in three here): the
server waited to read the rest of the statement while the client waited for its
result. ``TidtamPostgresRecorder`` sends saves above ``PIPELINE_LIMIT`` events
outside the pipeline; these tests hold that path to the library's promises
(positions in order, all or nothing) and fail rather than hang if a save stalls.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from application.tracker import Tracker
from bench.synthetic import ACTOR, late_clock, synthetic_plan
from storage.store import Store, TidtamPostgresRecorder

T = TypeVar("T")
HANG_SECONDS = 120


def within(seconds: float, work: Callable[[], T], store: Store) -> T:
    """Run ``work`` in a thread; fail (instead of hanging the suite) if it does not return.
    On a hang the store's other sessions are ended first, so the stuck save lets go of
    its table lock and the schema can still be dropped."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test below
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        _end_other_sessions(store)
        pytest.fail(f"did not return within {seconds} s (the pipeline hang is back?)")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _end_other_sessions(store: Store) -> None:
    p = store.postgres
    with psycopg.connect(
        dbname=p["dbname"], host=p["host"], port=p["port"], user=p["user"],
        password=p.get("password", ""), autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def test_a_plan_of_4000_activities_imports(postgres_store: Store) -> None:
    tracker = Tracker(postgres_store, clock=late_clock())
    try:
        assert isinstance(tracker.recorder, TidtamPostgresRecorder)
        draft = synthetic_plan(4000)
        report = within(
            HANG_SECONDS, lambda: tracker.import_plan(draft, actor=ACTOR), postgres_store
        )
        assert report.events > 3 * TidtamPostgresRecorder.PIPELINE_LIMIT
        assert tracker.recorder.max_notification_id() == report.events
        again = tracker.import_plan(draft, actor=ACTOR)  # idempotent, as ever
        assert again.events == 0
        assert tracker.recorder.max_notification_id() == report.events
    finally:
        tracker.close()


def _stored(count: int) -> list[StoredEvent]:
    return [StoredEvent(uuid.uuid4(), 1, "tidtam.PlanCreated", b"{}") for _ in range(count)]


def test_a_large_save_returns_its_positions_in_order(postgres_store: Store) -> None:
    tracker = Tracker(postgres_store)
    try:
        count = TidtamPostgresRecorder.PIPELINE_LIMIT + 500
        positions = within(
            HANG_SECONDS, lambda: tracker.recorder.insert_events(_stored(count)), postgres_store
        )
        assert positions is not None
        assert list(positions) == list(range(1, count + 1))
    finally:
        tracker.close()


def test_a_large_save_that_conflicts_appends_nothing(postgres_store: Store) -> None:
    tracker = Tracker(postgres_store)
    try:
        first = _stored(1)
        tracker.recorder.insert_events(first)
        clash = [*_stored(TidtamPostgresRecorder.PIPELINE_LIMIT + 10), first[0]]
        with pytest.raises(IntegrityError):
            within(HANG_SECONDS, lambda: tracker.recorder.insert_events(clash), postgres_store)
        assert tracker.recorder.max_notification_id() == 1
    finally:
        tracker.close()

"""``tidtam projections rebuild`` while ``tidtam projector`` folds, on PostgreSQL.

A rebuild swaps its new tables in with one transaction. If the projector of another
process is in the middle of a batch then, the swap waits for that batch to end before
it reads the rest of the log (it locks the views' positions first): the batch
commits into the old tables, the swap folds what the batch held into the new ones,
and both end without error and with the rows of the whole log. (Locking the positions
only at the end, as before, deadlocked: the swap held the new tables while it waited
for the batch, and the batch, writing on, waited for the new tables.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest

from application.tracker import Tracker
from domain.clock import FixedClock
from projections.service import Projections
from storage.store import Store
from tests.builders import small_plan
from tests.integration.views import dump, expected_rows

pytestmark = pytest.mark.postgres


def someone_waits_for_a_lock(store: Store) -> bool:
    params = store.connection_params()
    with psycopg.connect(**params, autocommit=True) as conn:  # type: ignore[arg-type]
        row = conn.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE NOT l.granted AND a.datname = current_database()"
        ).fetchone()
    return bool(row and row[0])


def test_a_rebuild_waits_for_the_other_projectors_batch_and_both_end_whole(
    postgres_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FixedClock.at_bangkok(date(2009, 3, 1))
    tracker = Tracker(postgres_store, clock=clock)
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    rebuilding = Projections(tracker)  # `tidtam projections rebuild`'s process
    folding = Projections(Tracker(postgres_store, clock=clock))  # the projector's
    activity = tracker.find_activity(plan_id, "1.1").id
    for percent in (10, 20, 30):
        clock.advance(timedelta(minutes=1))
        tracker.record_progress(activity, percent, actor="staff")

    inside, release = threading.Event(), threading.Event()
    plan = folding.projector("plan").view
    process = plan.process

    def held(cur: Any, batch: Sequence[tuple[int, object]], *args: Any) -> Any:
        inside.set()  # the batch's transaction is open, the positions locked
        assert release.wait(30)
        return process(cur, batch, *args)

    monkeypatch.setattr(plan, "process", held)
    failures: list[BaseException] = []

    def run(work: Any) -> threading.Thread:
        def guarded() -> None:
            try:
                work()
            except BaseException as error:  # raised in the test below
                failures.append(error)

        thread = threading.Thread(target=guarded)
        thread.start()
        return thread

    batch = run(folding.catch_up)
    assert inside.wait(30)
    swap = run(rebuilding.rebuild)
    deadline = time.monotonic() + 30
    while not someone_waits_for_a_lock(postgres_store):
        assert swap.is_alive() and not failures, f"the rebuild should wait: {failures}"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    release.set()
    for thread in (batch, swap):
        thread.join(timeout=60)
    assert not failures, failures
    assert dump(rebuilding.db) == expected_rows(tracker)
    for projections in (rebuilding, folding):
        projections.close()
    folding.tracker.close()
    tracker.close()

"""The in-memory store (``TIDTAM_STORE=memory``) under threads: reads race the projector.

Its views live in a shared-cache SQLite memory database, which locks whole tables and
fails a clashing statement at once ("database table is locked") instead of waiting.
"""

from __future__ import annotations

import threading
from datetime import date

from api.runtime import Runtime
from domain.clock import FixedClock
from storage.store import Store
from tests.example_table import example_draft


def test_reads_while_the_projector_folds_never_fail() -> None:
    runtime = Runtime.open(
        Store.memory(), clock=FixedClock.at_bangkok(date(2009, 3, 1)), poll_interval=0.001
    )
    failures: list[BaseException] = []
    try:
        tracker = runtime.tracker
        table = example_draft()
        plan_id = tracker.import_plan(table, actor="admin").plan_id
        activity = tracker.find_activity(plan_id, "1.1").id
        tracker.start(activity, actor="somsak")
        runtime.projections.catch_up()
        runtime.projections.start()
        done = threading.Event()

        def read() -> None:
            while not done.is_set():
                try:
                    runtime.reader.snapshot(plan_id)
                    runtime.projections.status()
                except BaseException as error:  # any failure is the finding
                    failures.append(error)
                    return

        readers = [threading.Thread(target=read) for _ in range(3)]
        for thread in readers:
            thread.start()
        for percent in range(1, 101):
            position = tracker.record_progress(activity, percent, actor="somsak").position
            runtime.projections.nudge()
            if percent % 10 == 0:
                runtime.projections.wait_for(position)
        done.set()
        for thread in readers:
            thread.join()
    finally:
        runtime.close()
    assert failures == []

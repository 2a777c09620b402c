"""A projector that dies mid-batch leaves rows and position consistent, and resumes.

Two ways to die: an exception raised inside a handler (the batch's transaction
rolls back), and a whole process killed with SIGKILL (nothing of the open
transaction survives). Either way the next run continues from the last
committed position and ends with the rows of a clean rebuild.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from application.tracker import Tracker
from domain.activity import Activity
from domain.clock import FixedClock
from projections import fold
from projections.service import Projections
from storage.store import Store
from tests.builders import small_plan
from tests.integration.views import assert_views_agree, dump, expected_rows

REPOSITORY = Path(__file__).resolve().parents[2]
PLAN_TABLES = ("view_plans", "view_projects", "view_activities", "view_due")


def busy_log(tracker: Tracker, clock: FixedClock, per_activity: int) -> None:
    """A plan and ``per_activity`` progress and spending entries on each activity."""
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    for code in ("1.1", "1.2", "2.1", "2.2"):
        activity = tracker.find_activity(plan_id, code).id
        for n in range(1, per_activity + 1):
            clock.advance(timedelta(minutes=1))
            day = date(2008, 10, 1) + timedelta(days=n % 300)
            tracker.record_expenditure(activity, Decimal(1), actor="s", occurred_on=day)
            tracker.record_progress(activity, min(100, n), actor="s", occurred_on=date(2009, 9, 1))


def test_an_exception_inside_a_handler_rolls_the_batch_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FixedClock.at_bangkok(date(2009, 9, 30))
    tracker = Tracker(Store.sqlite(tmp_path / "t.db"), clock=clock)
    busy_log(tracker, clock, per_activity=5)
    projections = Projections(tracker, batch_size=10)
    plan = projections.projector("plan")
    calls = {"n": 0}
    handler = fold._HANDLERS[Activity.ExpenditureRecorded]

    def failing(f: fold.Fold, seq: int, event: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        handler(f, seq, event)

    monkeypatch.setitem(fold._HANDLERS, Activity.ExpenditureRecorded, failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        plan.catch_up()
    position = plan.position()
    assert 0 < position < (tracker.recorder.max_notification_id() or 0)
    rows, expected = dump(projections.db), expected_rows(tracker, upto=position)
    assert {t: rows[t] for t in PLAN_TABLES} == {t: expected[t] for t in PLAN_TABLES}
    monkeypatch.undo()
    projections.catch_up()
    assert dump(projections.db) == expected_rows(tracker)
    projections.close()
    tracker.close()


def test_a_projector_killed_with_sigkill_resumes_to_the_rebuilt_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    clock = FixedClock.at_bangkok(date(2009, 9, 30))
    tracker = Tracker(Store.sqlite(path), clock=clock)
    busy_log(tracker, clock, per_activity=60)
    head = tracker.recorder.max_notification_id() or 0
    projections = Projections(tracker, batch_size=50)  # tables first: the child only folds
    plan = projections.projector("plan")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.projector_child", str(path)],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 30
    while plan.position() < 100 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.07)  # well inside a batch of 50 events at 3 ms each
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    position = plan.position()
    assert 0 < position < head, "the child should have died mid-way"
    killed = dump(projections.db)
    expected = expected_rows(tracker, upto=position)
    assert {t: killed[t] for t in PLAN_TABLES} == {t: expected[t] for t in PLAN_TABLES}
    assert_views_agree(projections, tracker)  # resumed where the child died
    projections.close()
    tracker.close()

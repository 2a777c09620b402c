"""``tidtam projector``'s leader and standby: one folds, the other waits and takes over.

Two `LeadingProjector` in threads, each with its own applications, connections and
lock, stand for two processes on one store (a SQLite file with ``flock``, or a
PostgreSQL schema with an advisory lock). The leader here stops as a process ends
when it is told to (its lock released); a leader killed with SIGKILL is the
multi-process test's (``tests/e2e/test_processes.py``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import FixedClock
from projections.leading import LeadingProjector
from projections.service import Projections
from storage.leader_lock import PROJECTOR, SCHEDULER, LeaderLock
from storage.store import Store
from tests.builders import small_plan


@dataclass
class Node:
    """One projector process: its leader, its thread and its stop switch."""

    leader: LeadingProjector
    stop: threading.Event
    thread: threading.Thread


@contextmanager
def node(store: Store, tmp_path: Path) -> Iterator[Node]:
    clock = FixedClock.at_bangkok(date(2009, 2, 1))
    tracker, directory = Tracker(store, clock=clock), Directory(store, clock=clock)
    leader = LeadingProjector(
        partial(Projections, tracker, directory=directory),
        LeaderLock.for_store(store, str(tmp_path / "projector.lock"), PROJECTOR),
        poll_interval=0.02,
        standby_interval=0.05,
    )
    stop = threading.Event()
    thread = threading.Thread(target=leader.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield Node(leader, stop, thread)
    finally:
        stop.set()
        thread.join(timeout=10)
        tracker.close()
        directory.close()


def until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_one_leads_the_other_stands_by_and_takes_over(shared: Store, tmp_path: Path) -> None:
    writer = Tracker(shared, clock=FixedClock.at_bangkok(date(2009, 2, 1)))
    reader = Projections(writer, folding=False)
    try:
        with node(shared, tmp_path) as first, node(shared, tmp_path) as second:
            assert until(lambda: first.leader.leading.is_set() or second.leader.leading.is_set())
            first_leads = first.leader.leading.is_set()
            leading, standing = (first, second) if first_leads else (second, first)
            time.sleep(0.3)  # several standby intervals: the standby still waits
            assert not standing.leader.leading.is_set()
            plan_id = writer.import_plan(small_plan(), actor="admin").plan_id
            head = writer.recorder.max_notification_id() or 0
            assert reader.wait_for(head, timeout=10), "the leader did not fold"

            leading.stop.set()  # the leader ends; its lock goes with it
            leading.thread.join(timeout=10)
            assert until(standing.leader.leading.is_set), "the standby did not take over"
            activity = writer.find_activity(plan_id, "1.1").id
            outcome = writer.record_progress(activity, 10, actor="staff")
            assert reader.wait_for(outcome.position, timeout=10), "the new leader did not fold"
    finally:
        reader.close()
        writer.close()


def test_the_projectors_lock_and_the_schedulers_are_apart(shared: Store, tmp_path: Path) -> None:
    scheduler = LeaderLock.for_store(shared, str(tmp_path / "s.lock"), SCHEDULER)
    projector = LeaderLock.for_store(shared, str(tmp_path / "p.lock"), PROJECTOR)
    other = LeaderLock.for_store(shared, str(tmp_path / "p.lock"), PROJECTOR)
    try:
        assert scheduler.try_acquire() and projector.try_acquire()
        assert not other.try_acquire()  # one projector leads at a time
        projector.release()
        assert other.try_acquire()
    finally:
        for lock in (scheduler, projector, other):
            lock.release()

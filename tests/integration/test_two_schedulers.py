"""Two schedulers against one PostgreSQL database for several simulated days:
each flag and each e-mail exactly once.

Each scheduler has its own connections, clock, outbox and projections — as two
processes would. With the advisory lock one leads and the other waits, taking
over when the first one dies; with the lock defeated (both "leading", as in a
split brain) the streams' optimistic concurrency and the outbox's claims still
let every flag and every message through once.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import BANGKOK, FixedClock
from projections.service import Projections
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from storage.leader_lock import ProcessLock
from storage.store import Store
from tests.example_table import example_draft
from tests.integration.sinks import Mailbox, Receiver, http_receiver, smtp_server

DAYS = [date(2009, 2, 1) + timedelta(days=n) for n in range(6)]


@dataclass
class Node:
    tracker: Tracker
    projections: Projections
    scheduler: AlertScheduler
    clock: FixedClock

    def close(self) -> None:
        self.scheduler.stop()
        self.projections.close()
        self.tracker.close()


def node(store: Store, port: int, hook: str, tmp: Path, *, split_brain: bool) -> Node:
    clock = FixedClock(datetime(2009, 2, 1, 7, tzinfo=BANGKOK))
    tracker = Tracker(store, clock=clock)
    projections = Projections(tracker, directory=Directory(store, clock=clock))
    settings = SchedulerSettings(
        smtp_host="127.0.0.1", smtp_port=port, webhook_urls=[hook], webhook_secret="k",
        lock_file=str(tmp / "lock"),
    )  # fmt: skip
    lock = ProcessLock() if split_brain else None
    scheduler = AlertScheduler(tracker, projections, settings, clock=clock, lock=lock)
    return Node(tracker, projections, scheduler, clock)


class World(NamedTuple):
    """One database with the example plan and a manager, and the sinks alerts go to."""

    store: Store
    mailbox: Mailbox
    smtp_port: int
    receiver: Receiver
    hook: str


@pytest.fixture
def world(postgres_store: Store) -> Iterator[World]:
    clock = FixedClock.at_bangkok(date(2008, 10, 15))
    tracker, directory = (
        Tracker(postgres_store, clock=clock),
        Directory(postgres_store, clock=clock),
    )
    tracker.import_plan(example_draft(), actor="admin")
    directory.register("manee", roles=("manager",), email="manee@thungsong.go.th", actor="admin")
    tracker.close()
    directory.close()
    with smtp_server() as (mailbox, port), http_receiver() as (receiver, hook):
        yield World(postgres_store, mailbox, port, receiver, hook)


@contextmanager
def two_nodes(world: World, tmp: Path, *, split_brain: bool) -> Iterator[list[Node]]:
    """Two schedulers on the world's database, as two processes would be; closed after."""
    nodes = [
        node(world.store, world.smtp_port, world.hook, tmp, split_brain=split_brain)
        for _ in range(2)
    ]
    try:
        yield nodes
    finally:
        for n in nodes:
            n.close()


def run_days(nodes: list[Node], *, kill_first_after: int | None = None) -> None:
    """Each day both nodes' jobs fire at 08:30, at the same moment, from two threads."""
    alive = list(nodes)
    for index, day in enumerate(DAYS):
        now = datetime(day.year, day.month, day.day, 8, 30, tzinfo=BANGKOK)
        if day == date(2009, 2, 2):
            writer = nodes[-1].tracker
            nodes[-1].clock.set(now)
            writer.start(writer.find_activity(writer.plan_ids()[0], "1.1").id, actor="somsak")
        threads = []
        for n in alive:
            n.clock.set(now)
            threads.append(threading.Thread(target=fire, args=(n, now)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        if kill_first_after is not None and index == kill_first_after:
            alive[0].scheduler.lock.release()  # the leader dies, and its lock with it
            alive = alive[1:]


def fire(n: Node, now: datetime) -> None:
    """What the APScheduler jobs do when they fire: try to lead, then work if leading."""
    n.scheduler.lead()
    n.scheduler.run_as_leader(lambda: n.scheduler.tick(now))


def assert_exactly_once(world: World) -> None:
    tracker = Tracker(world.store)
    try:
        kinds: Counter[str] = Counter()
        keys: Counter[tuple[object, ...]] = Counter()
        for n in tracker.recorder.select_notifications(1, 10_000):
            if n.topic in ("tidtam.ActivityFlagged", "tidtam.FlagResolved"):
                event = tracker.mapper.to_domain_event(n)
                kinds[n.topic] += 1
                keys[(n.topic, event.originator_id, event.rule, event.step, event.period)] += 1  # type: ignore[attr-defined]
    finally:
        tracker.close()
    assert kinds["tidtam.ActivityFlagged"] == 8
    assert kinds["tidtam.FlagResolved"] == 1  # 1.1 started on 2 February
    assert max(keys.values()) == 1
    subjects = world.mailbox.subjects()
    assert len(subjects) == 2, subjects  # 1 Feb: 8 new; 3 Feb: 1 resolved; no other day has news
    assert "ใหม่ 8 รายการ" in subjects[0] and "แก้ไขแล้ว 1 รายการ" in subjects[1]
    idempotency = Counter(h["idempotency-key"] for h, _ in world.receiver.calls)
    assert len(idempotency) == 9 and max(idempotency.values()) == 1


def test_a_leader_and_a_standby_that_takes_over(world: World, tmp_path: Path) -> None:
    with two_nodes(world, tmp_path, split_brain=False) as nodes:
        nodes[0].scheduler.lead()
        assert nodes[0].scheduler.lock.held()
        assert not nodes[1].scheduler.lead()
        run_days(nodes, kill_first_after=2)
        assert nodes[1].scheduler.lock.held()  # the standby took over
        assert_exactly_once(world)


def test_two_schedulers_both_leading_still_send_everything_once(
    world: World, tmp_path: Path
) -> None:
    with two_nodes(world, tmp_path, split_brain=True) as nodes:
        run_days(nodes)
        assert_exactly_once(world)

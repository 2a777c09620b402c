"""Several applications (bounded contexts) share one store without sharing a log."""

from __future__ import annotations

from datetime import date

from application.directory import Directory
from application.outbox import Outbox, Owed
from application.tracker import Tracker
from domain.clock import FixedClock
from storage.store import Store
from tests.builders import small_plan


def test_each_application_writes_its_own_table(store: Store) -> None:
    clock = FixedClock.at_bangkok(date(2009, 2, 1))
    tracker = Tracker(store, clock=clock)
    directory = Directory(store, clock=clock)
    outbox = Outbox(store, clock=clock)  # created last: it must not capture the others' writes
    try:
        report = tracker.import_plan(small_plan(), actor="admin")
        directory.register("manee", roles=("manager",), actor="admin")
        outbox.owe(
            Owed(("x",), "webhook", "http://127.0.0.1/", "flag_raised", "{}"), on=date(2009, 2, 1)
        )
        assert tracker.recorder.max_notification_id() == report.events
        assert directory.recorder.max_notification_id() == 1
        assert outbox.recorder.max_notification_id() == 1
        topics = {n.topic for n in tracker.recorder.select_notifications(1, 100)}
        assert topics.isdisjoint({"tidtam.UserRegistered", "tidtam.DeliveryOwed"})
    finally:
        outbox.close()
        directory.close()
        tracker.close()

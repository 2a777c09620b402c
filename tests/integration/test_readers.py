"""The views' readers, on each backend: which rows a question finds, and in which order.

What the pages, the API and the scheduler make of these answers is tested end to
end; these pin what the readers' SQL decides where a backend could differ (a
``LIKE`` pattern, ISO instants compared as text, an insert that must not
overwrite) and the edges a caller never sees (the last page of the audit feed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from uuid import UUID

import pytest
from eventsourcing.application import Application

from application.directory import Directory
from application.outbox import Outbox, Owed
from application.tracker import Tracker
from domain.clock import FixedClock
from domain.people import Role
from projections.audit_feed import AuditEntry, AuditFeed
from projections.audit_view import AUDIT_COLUMNS, AuditView
from projections.checkpoints import Checkpoint
from projections.deliveries_view import DeliveriesReader, DeliveriesView
from projections.people_view import PeopleReader, PeopleView
from projections.runner import Projector
from projections.view import View
from storage.store import Store
from storage.view_database import ViewDatabase
from tests.example_table import example_draft


@pytest.fixture
def db(store: Store) -> Iterator[ViewDatabase]:
    views = ViewDatabase.for_store(store)
    yield views
    views.close()


def fold(app: Application[UUID], db: ViewDatabase, view: View) -> None:
    projector = Projector(app, db, view)
    projector.ensure_tables()
    projector.catch_up()


def test_audit_entries_take_the_audit_columns_in_their_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(AuditEntry)) == AUDIT_COLUMNS


def test_the_audit_feed_says_a_page_follows_only_when_one_does(
    tracker: Tracker, db: ViewDatabase
) -> None:
    tracker.import_plan(example_draft(), actor="admin")
    fold(tracker, db, AuditView())
    head = tracker.recorder.max_notification_id()
    assert head is not None and head > 2
    feed = AuditFeed(db)

    whole = feed.page(limit=head)
    assert [e.position for e in whole.entries] == list(range(1, head + 1))
    assert whole.next is None  # exactly the rest: nothing follows
    first = feed.page(limit=head - 1)
    assert (len(first.entries), first.next) == (head - 1, head - 1)
    last = feed.page(after=head - 1, limit=head - 1)
    assert ([e.position for e in last.entries], last.next) == ([head], None)
    entry = whole.entries[0]
    assert entry.late_entry is True  # a bool: recorded in February for the year's 1 October
    assert isinstance(entry.payload, dict)


def test_digests_go_to_active_managers_with_an_email_by_name(
    store: Store, clock: FixedClock, db: ViewDatabase
) -> None:
    directory = Directory(store, clock=clock)
    try:
        for username, roles, email in (
            ("wichai", ("admin", "manager"), "wichai@thungsong.go.th"),
            ("anong", ("manager",), "anong@thungsong.go.th"),
            ("mana", ("manager",), ""),
            ("sakda", ("manager",), "sakda@thungsong.go.th"),
            ("nok", ("auditor",), "nok@thungsong.go.th"),
        ):
            directory.register(
                username, roles=roles, display_name=username.title(), email=email, actor="admin"
            )
        directory.disable("sakda", reason="ย้ายหน่วยงาน", actor="admin")
        fold(directory, db, PeopleView())

        managers = PeopleReader(db).in_role(Role.MANAGER)
        assert [(m.username, m.display_name, m.email) for m in managers if m.email] == [
            ("anong", "Anong", "anong@thungsong.go.th"),
            ("wichai", "Wichai", "wichai@thungsong.go.th"),
        ]
        assert [m.username for m in managers] == ["anong", "mana", "wichai"]
    finally:
        directory.close()


def test_the_sender_tries_what_is_owed_and_due_and_claims_left_too_long(
    store: Store, clock: FixedClock, db: ViewDatabase
) -> None:
    outbox = Outbox(store, clock=clock)
    start, minute = clock.now(), timedelta(minutes=1)
    try:
        ids = {}
        for name in ("owed", "claimed", "sent", "failed", "owed later"):
            ident = outbox.owe(
                Owed((name,), "email", "manee@thungsong.go.th", name, ""), on=clock.today()
            )
            assert ident is not None
            ids[name] = ident
            clock.advance(minute)
        for name in ("claimed", "sent", "failed"):
            delivery = outbox.delivery(ids[name])
            delivery.claim("worker", outbox.byline("scheduler"))
            if name == "sent":
                delivery.sent("250 OK", outbox.byline("scheduler"))
            elif name == "failed":  # the first retry waits a minute
                delivery.failed("timed out", outbox.byline("scheduler"), max_attempts=5)
            outbox.save(delivery)
        fold(outbox, db, DeliveriesView())
        reader, lease = DeliveriesReader(db), 10 * minute
        names = {ident: name for name, ident in ids.items()}

        def to_try(at: timedelta) -> list[str]:
            return [names[ident] for ident in reader.to_try(start + at, lease)]

        # owed a minute apart from the start; claimed at +5, so the failure retries at +6
        assert to_try(4 * minute) == ["owed", "owed later"]
        assert to_try(7 * minute) == ["owed", "failed", "owed later"]
        assert to_try(20 * minute) == ["owed", "claimed", "failed", "owed later"]
    finally:
        outbox.close()


def test_a_checkpoint_starts_at_nought_and_never_moves_back(db: ViewDatabase) -> None:
    notifier = Checkpoint(db, "probe")
    assert notifier.read() == 0
    notifier.advance(7)
    notifier.advance(5)  # a slower scheduler finishing later
    assert notifier.read() == 7
    assert Checkpoint(db, "another").read() == 0
    assert Checkpoint(db, "probe").read() == 7

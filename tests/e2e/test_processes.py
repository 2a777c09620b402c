"""The production shape on one PostgreSQL database: two API processes (one of them with
two uvicorn workers), ``tidtam projector`` with a standby, and ``tidtam scheduler``;
none of the API workers or the scheduler folds a view.

* Sixteen writers spread over both API processes record progress at once: every
  accepted write is in the log and in the views (409s are retried), and each writer
  reads its own write back on the *other* process with ``min_position``.
* While they write, the projector's leader is killed with SIGKILL in the middle of a
  batch (seen in ``pg_stat_activity``: its transaction open on the views): the standby
  takes the lock and folds on; at the end every view equals a clean rebuild of the log.
* An API process is killed with SIGKILL in the middle of a large import (its insert
  seen running): nothing of the plan is in the log or the views, and ``tidtam verify``
  passes. A worker of the other process killed meanwhile is started again by its
  supervisor.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import psycopg
import pytest

from api.auth import new_token
from api.cli.upkeep import LOGS
from application.directory import Directory
from application.outbox import Outbox
from application.tracker import Tracker
from domain.calendar import FiscalYear
from domain.ids import plan_id
from projections.service import Projections
from storage.store import Store
from storage.store_copy import copy_store
from storage.view_database import ViewDatabase
from tests import pg
from tests.e2e.processes import (
    TIDTAM,
    Processes,
    answers,
    in_transaction,
    leader,
    processes,
    until,
)
from tests.plan_documents import ORGANISATION, document_rows, sized_plan, tsv_text

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

WRITERS = 16
COMMANDS = 6
"""Progress entries each writer has accepted."""
SHARED = 4
"""The activities they all write on: four writers to an activity meet, and retry."""
BUSINESS_DAY = "2009-09-30"
ELSEWHERE = "เทศบาลตำบลหลายกระบวนการ"
"""The organisation of the large import that is cut off."""


@pytest.fixture
def database() -> Iterator[str]:
    """A database of its own, made for the test and dropped after it."""
    pg.skip_or_fail_if_unreachable()
    with pg.throwaway_database() as name:
        yield pg.url_for(name)


def seed(url: str) -> dict[str, str]:
    """An admin and sixteen managers, each with a bearer token; user name → token."""
    tokens = {}
    with Directory(Store.from_url(url)) as directory:
        for name in ["admin", *(f"writer{i:02d}" for i in range(WRITERS))]:
            role = "admin" if name == "admin" else "manager"
            directory.register(name, roles=(role,), actor="setup")
            token = new_token()
            directory.issue_token(name, token.token_id, token.digest, label="e2e", actor="setup")
            tokens[name] = token.secret
    return tokens


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Writes:
    """What the writers did, gathered from their threads."""

    accepted: list[tuple[str, UUID, int]] = field(default_factory=list)
    """(tag, activity, position) of every write the API accepted."""
    conflicts: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def record(own: httpx.Client, activity: UUID, tag: str, writes: Writes) -> int:
    """One progress entry, sent again after every 409 at the version the refusal names
    (or, for the store's own write race, the version read again); its position. Every
    entry is 50 %: no writer's figure is ever below another's."""
    path = f"/api/v1/activities/{activity}"
    version: str | None = None
    for _ in range(100):
        if version is None:
            current = own.get(path)
            assert current.status_code == 200, current.text
            version = current.headers["ETag"]
        body = {"percent": 50, "note": tag, "occurred_on": BUSINESS_DAY}
        answer = own.post(f"{path}/progress", json=body, headers={"If-Match": version})
        if answer.status_code == 409:
            with writes.lock:
                writes.conflicts += 1
            named = answer.json().get("current_version")
            version = f'"{named}"' if named is not None else None
            continue
        assert answer.status_code == 200, answer.text
        position: int = answer.json()["position"]
        return position
    raise AssertionError(f"{tag}: still in conflict after 100 tries")


def writer(
    n: int, urls: tuple[str, str], token: str, activities: list[UUID], writes: Writes
) -> None:
    """Write on one process, read each write back on the other."""
    pick = random.Random(n)
    own_url, other_url = urls if n % 2 == 0 else urls[::-1]
    try:
        with (
            httpx.Client(base_url=own_url, headers=bearer(token), timeout=60) as own,
            httpx.Client(base_url=other_url, headers=bearer(token), timeout=60) as other,
        ):
            for k in range(COMMANDS):
                activity, tag = pick.choice(activities), f"writer{n:02d} #{k}"
                position = record(own, activity, tag, writes)
                with writes.lock:
                    writes.accepted.append((tag, activity, position))
                back = other.get(
                    f"/api/v1/activities/{activity}/events",
                    params={"after": position - 1, "limit": 1, "min_position": position},
                )
                assert back.status_code == 200, back.text
                item = back.json()["items"][0]
                assert (item["position"], item["payload"]["note"]) == (position, tag), item
    except Exception as error:  # the test fails on it below, naming the writer
        with writes.lock:
            writes.failures.append(f"writer {n}: {error!r}")


def import_plan(url: str, admin: str, text: str, **params: str) -> httpx.Response:
    return httpx.post(
        f"{url}/api/v1/plans/import", params=params, headers=bearer(admin),
        files={"file": ("plan.tsv", text.encode())}, timeout=120,
    )  # fmt: skip


def start_all(running: Processes, url: str) -> tuple[str, str]:
    """The slow projector first (it leads), its standby, the scheduler, and the two API
    processes; their base URLs."""
    quick = {"TIDTAM_STANDBY_INTERVAL": "0.2"}
    running.start("tidtam-projector-1", [sys.executable, "-m", "tests.e2e.slow_projector"], **quick)
    until(
        lambda: leader(url, "tidtam-projector") == "tidtam-projector-1", 60,
        "the first projector did not lead", running.log("tidtam-projector-1"),
    )  # fmt: skip
    running.start("tidtam-projector-2", [*TIDTAM, "projector"], **quick)
    running.start(
        "tidtam-scheduler", [*TIDTAM, "scheduler"],
        TIDTAM_PROJECTIONS="external", TIDTAM_DELIVER_EVERY_SECONDS="2",
    )  # fmt: skip
    a = running.serve("tidtam-api-a", "--workers", "2")  # sets the shape itself
    b = running.serve("tidtam-api-b", TIDTAM_PROJECTIONS="external", TIDTAM_SCHEDULER="off")
    return a, b


def the_plans_activities(a: str, b: str, admin: str) -> list[UUID]:
    """A plan imported through one process, read through the other; the activities the
    writers share."""
    text = tsv_text(document_rows(sized_plan(12, 2)))
    imported = import_plan(a, admin, text, organisation=ORGANISATION)
    assert imported.status_code == 200, imported.text
    body = imported.json()
    plan = httpx.get(
        f"{b}/api/v1/plans/{body['plan_id']}", params={"min_position": body["position"]},
        headers=bearer(admin), timeout=60,
    )  # fmt: skip
    assert plan.status_code == 200, plan.text
    ids = [UUID(a["id"]) for p in plan.json()["projects"] for a in p["activities"]]
    assert len(ids) >= SHARED
    return ids[:SHARED]


def write_while_the_leader_dies(
    running: Processes, url: str, urls: tuple[str, str], tokens: dict[str, str], ids: list[UUID]
) -> Writes:
    writes = Writes()
    threads = [
        threading.Thread(
            target=writer, args=(n, urls, tokens[f"writer{n:02d}"], ids, writes), daemon=True
        )
        for n in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    with psycopg.connect(url, autocommit=True) as watch:
        until(
            lambda: len(writes.accepted) >= WRITERS
            and in_transaction(watch, "tidtam-projector-1", "tidtam_positions|view_"),
            60, "the leader was never seen mid-batch", running.log("tidtam-projector-1"),
        )  # fmt: skip
        running.kill("tidtam-projector-1")
    until(
        lambda: leader(url, "tidtam-projector") == "tidtam-projector-2", 30,
        "the standby did not take over", running.log("tidtam-projector-2"),
    )  # fmt: skip
    for thread in threads:
        thread.join(timeout=180)
    assert not writes.failures, writes.failures
    assert len(writes.accepted) == WRITERS * COMMANDS
    return writes


def cut_off_mid_import(running: Processes, url: str, b: str, admin: str) -> None:
    """Kill process B while its large import is inserting; nothing of it may stay."""
    text = tsv_text(document_rows(sized_plan(600, 10)))
    answer: list[Any] = []
    sending = threading.Thread(
        target=lambda: answer.append(
            _try(lambda: import_plan(b, admin, text, organisation=ELSEWHERE))
        )
    )
    sending.start()
    with psycopg.connect(url, autocommit=True) as watch:
        until(
            lambda: in_transaction(watch, "tidtam-api-b", r"^\s*insert\s+into\s+\S*tracker_events"),
            90, "process B was never seen inserting the import", running.log("tidtam-api-b"),
        )  # fmt: skip
        running.kill("tidtam-api-b")
    sending.join(timeout=60)
    assert isinstance(answer[0], httpx.TransportError), answer  # no answer: cut off mid-request


def _try(call: Any) -> Any:
    try:
        return call()
    except httpx.TransportError as error:
        return error


def view_rows(db: ViewDatabase, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables``, in one order whatever the database's collation."""
    with db.reading() as cur:
        return {
            table: sorted(
                (tuple(r) for r in cur.execute(f"SELECT * FROM {table}").fetchall()), key=repr
            )
            for table in tables
        }


def caught_up_views(url: str) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    """Once the projector has folded every event: each view's tables and their rows, read
    as an API worker reads them (folding nothing)."""
    store = Store.from_url(url)
    with Tracker(store) as tracker, Directory(store) as directory:
        reader = Projections(tracker, directory=directory, folding=False, wait_timeout=60)
        try:
            reader.catch_up()
            tables = [table for p in reader.projectors for table in p.view.tables]
            return tables, view_rows(reader.db, tables)
        finally:
            reader.close()


def rebuilt_views(url: str, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """The same log copied into a fresh schema and folded there from its first event."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA rebuilt")
    fresh = Store.from_url(f"{url}?schema=rebuilt")
    copy_store(Store.from_url(url), fresh, LOGS)
    with Tracker(fresh) as tracker, Directory(fresh) as directory:
        rebuilt = Projections(tracker, directory=directory)
        try:
            rebuilt.catch_up()
            return view_rows(rebuilt.db, tables)
        finally:
            rebuilt.close()


def assert_every_write_is_in_the_log_and_the_views(url: str, writes: Writes) -> None:
    store = Store.from_url(url)
    with Tracker(store) as tracker:
        for tag, activity, position in writes.accepted:
            [stored] = tracker.recorder.select_notifications(position, 1)
            event = tracker.mapper.to_domain_event(stored)
            assert (event.originator_id, vars(event)["note"]) == (activity, tag)
    db = ViewDatabase.for_store(store)
    try:
        with db.reading() as cur:
            audited = dict(cur.execute("SELECT position, payload FROM view_audit").fetchall())
    finally:
        db.close()
    for tag, _, position in writes.accepted:
        assert f'"note":"{tag}"' in audited[position], (tag, audited.get(position))


def test_two_api_processes_a_projector_with_a_standby_and_a_scheduler(
    database: str, tmp_path: Path
) -> None:
    tokens = seed(database)
    admin = tokens["admin"]
    with processes(database, tmp_path) as running:
        a, b = start_all(running, database)
        ids = the_plans_activities(a, b, admin)
        writes = write_while_the_leader_dies(running, database, (a, b), tokens, ids)
        first = running.workers("tidtam-api-a")
        assert len(first) == 2
        os.kill(min(first), signal.SIGKILL)  # started again while B's import is cut off
        cut_off_mid_import(running, database, b, admin)
        store, log_a = Store.from_url(database), running.log("tidtam-api-a")
        with Outbox(store) as outbox:  # the scheduler scanned, reading views it never folded
            until(outbox.last_scanned_day, 60, "no scan", running.log("tidtam-scheduler"))
        again = until(lambda: running.workers("tidtam-api-a") - first, 90, "no new worker", log_a)
        assert len(running.workers("tidtam-api-a")) == 2 and again and answers(a)
        running.stop("tidtam-scheduler")  # nothing is written from here on
        tables, live = caught_up_views(database)
        verified = running.run("tidtam-verify", [*TIDTAM, "verify"])
    assert writes.conflicts > 0, "the writers should have met, and retried"
    assert_every_write_is_in_the_log_and_the_views(database, writes)
    assert live["view_flags"], "the scheduler's flags are in the views"
    elsewhere = str(plan_id(ELSEWHERE, FiscalYear(2552)))
    assert not [row for row in live["view_plans"] if elsewhere in row]
    with Tracker(store) as tracker:
        assert UUID(elsewhere) not in tracker.repository
    assert rebuilt_views(database, tables) == live
    assert verified.returncode == 0, verified.stdout
    assert "intact" in verified.stdout.decode()

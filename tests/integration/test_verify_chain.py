"""``tidtam verify`` names where a log was edited with plain SQL (hardening: the chain).

Each test builds a store holding the example plan and its chain, tampers with the
events table directly — as someone with the database's password could — and checks
that verification names the position and what was done there, on SQLite and on
PostgreSQL. A head written down before the tampering no longer matches.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from psycopg import sql
from psycopg.conninfo import make_conninfo

from api.cli.upkeep import LOGS
from api.main import create_app
from api.runtime import Runtime
from projections.chain import Finding, chained, head, verify, verify_against
from storage.store import Store
from storage.store_copy import copy_store
from tests.browser.conftest import Pages
from tests.browser.world import build
from tests.example_table import example_draft

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class Events:
    """Plain SQL on a store's ``tracker_events``, whichever database holds it."""

    store: Store

    def run(self, *statements: tuple[str, tuple[Any, ...]]) -> None:
        if self.store.backend == "sqlite":
            with sqlite3.connect(self.store.sqlite_path) as conn:
                for text, values in statements:
                    conn.execute(text.replace("{position}", "rowid").replace("%s", "?"), values)
            return
        conninfo = make_conninfo(**self.store.connection_params())
        with psycopg.connect(conninfo) as conn:
            conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.store.schema)))
            for text, values in statements:
                conn.execute(sql.SQL(text.replace("{position}", "notification_id")), values)

    def shift(self, start: int, by: int) -> tuple[tuple[str, tuple[Any, ...]], ...]:
        """Renumber every row from ``start`` on by ``by`` (in two steps: keys stay unique)."""
        far = 1_000_000
        return (
            ("UPDATE tracker_events SET {position} = {position} + %s WHERE {position} >= %s",
             (far, start)),
            ("UPDATE tracker_events SET {position} = {position} - %s WHERE {position} >= %s",
             (far - by, start + far)),
        )  # fmt: skip

    def change(self, position: int) -> None:
        blob = "state || X'20'" if self.store.backend == "sqlite" else "state || '\\x20'::bytea"
        self.run((f"UPDATE tracker_events SET state = {blob} WHERE {{position}} = %s", (position,)))

    def remove(self, position: int) -> None:
        self.run(("DELETE FROM tracker_events WHERE {position} = %s", (position,)))

    def remove_and_close_the_gap(self, position: int) -> None:
        self.run(
            ("DELETE FROM tracker_events WHERE {position} = %s", (position,)),
            *self.shift(position + 1, -1),
        )

    def insert(self, position: int) -> None:
        """A forged event at ``position``, the later ones pushed down one place."""
        forged = uuid.uuid4()
        ident: Any = forged.hex if self.store.backend == "sqlite" else forged
        self.run(
            *self.shift(position, 1),
            (
                "INSERT INTO tracker_events (originator_id, originator_version, topic, state,"
                " {position}) SELECT %s, 1, topic, state, %s FROM tracker_events"
                " WHERE {position} = %s",
                (ident, position, position + 1),
            ),
        )

    def swap(self, first: int, second: int) -> None:
        self.run(
            ("UPDATE tracker_events SET {position} = %s WHERE {position} = %s", (-1, first)),
            ("UPDATE tracker_events SET {position} = %s WHERE {position} = %s", (first, second)),
            ("UPDATE tracker_events SET {position} = %s WHERE {position} = %s", (second, -1)),
        )


@pytest.fixture(params=BACKENDS)
def runtime(request: pytest.FixtureRequest) -> Iterator[Runtime]:
    if request.param == "sqlite":
        store = Store.sqlite(request.getfixturevalue("tmp_path") / "tidtam.db")
    else:
        store = request.getfixturevalue("postgres_store")
    opened = Runtime.open(store)
    opened.tracker.import_plan(example_draft(), actor="admin")
    opened.projections.catch_up()
    yield opened
    opened.close()


def findings(runtime: Runtime) -> Finding | None:
    return verify("tracker", runtime.tracker.recorder, runtime.projections.db).finding


TAMPERING: dict[str, tuple[Callable[[Events], None], Finding]] = {
    "a row changed": (lambda e: e.change(7), Finding("tracker", 7, "changed")),
    "a row deleted": (lambda e: e.remove(7), Finding("tracker", 7, "removed")),
    "a row deleted, the gap closed": (
        lambda e: e.remove_and_close_the_gap(7),
        Finding("tracker", 7, "removed"),
    ),
    "a row inserted": (lambda e: e.insert(7), Finding("tracker", 7, "inserted")),
    "two rows swapped": (lambda e: e.swap(7, 12), Finding("tracker", 7, "reordered", 12)),
}


def test_an_untouched_log_is_intact_and_its_head_is_the_last_event(runtime: Runtime) -> None:
    verdict = verify("tracker", runtime.tracker.recorder, runtime.projections.db)
    head = runtime.tracker.recorder.max_notification_id()
    assert verdict.intact and verdict.checked == head == verdict.head[0] == 19
    assert verify_against("tracker", runtime.tracker.recorder, *verdict.head) == (
        True,
        verdict.head[1],
    )


@pytest.mark.parametrize("tamper", TAMPERING, ids=list(TAMPERING))
def test_tampering_with_plain_sql_is_named_at_its_position(runtime: Runtime, tamper: str) -> None:
    edit, expected = TAMPERING[tamper]
    head = chained(runtime.projections.db, "tracker")[-1]
    edit(Events(runtime.tracker.store))
    assert findings(runtime) == expected
    same, _ = verify_against("tracker", runtime.tracker.recorder, *head)
    assert not same  # the head in the minutes no longer matches either


def test_a_head_written_down_still_holds_for_what_came_before_a_later_edit(
    runtime: Runtime,
) -> None:
    early = chained(runtime.projections.db, "tracker")[4]  # position 5
    Events(runtime.tracker.store).change(9)
    assert verify_against("tracker", runtime.tracker.recorder, *early)[0]
    assert findings(runtime) == Finding("tracker", 9, "changed")


def test_the_chain_is_kept_when_the_log_loses_its_tail(runtime: Runtime) -> None:
    """A log shorter than its views would have its views rebuilt; not its chain."""
    Events(runtime.tracker.store).remove(19)
    store = runtime.tracker.store
    reopened = Runtime.open(store)
    try:
        reopened.projections.catch_up()
        assert findings(reopened) == Finding("tracker", 19, "removed")
    finally:
        reopened.close()


@pytest.mark.postgres
def test_a_head_written_down_holds_on_a_copy_in_postgresql(
    tmp_path: Path, postgres_store: Store
) -> None:
    """A store moved (or restored from a backup) keeps its links: a link depends on what
    the log stores, never on the database that stores it."""
    source = Store.sqlite(tmp_path / "tidtam.db")
    opened = Runtime.open(source)
    try:
        opened.tracker.import_plan(example_draft(), actor="admin")
        opened.projections.catch_up()
        head = chained(opened.projections.db, "tracker")[-1]
    finally:
        opened.close()
    copy_store(source, postgres_store, LOGS)
    copied = Runtime.open(postgres_store)
    try:
        copied.projections.catch_up()
        assert chained(copied.projections.db, "tracker")[-1] == head
        assert verify_against("tracker", copied.tracker.recorder, *head)[0]
    finally:
        copied.close()


def test_the_history_page_shows_the_head_people_write_into_their_minutes(tmp_path: Path) -> None:
    world = build(tmp_path)
    try:
        with TestClient(create_app(world.settings, world.runtime)) as http:
            Pages(http, world).sign_in("kanya")
            page = http.get("/history").text
        position, link = head(world.runtime.projections.db, "tracker")
        assert position == world.runtime.tracker.recorder.max_notification_id()
        assert f"{position}:{link}" in page and "tidtam verify --against" in page
    finally:
        world.close()

"""The views' bulk path (`Cursor.append`) keeps every value as it was, on each backend.

On PostgreSQL it is ``COPY … FROM STDIN`` in text format, where tabs, newlines,
backslashes and ``\\N`` mean something: notes and reasons typed by people hold all
of them, and the audit trail's payloads carry those notes.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
import pytest

from storage.store import Store
from storage.view_database import ViewDatabase

AWKWARD = [
    (1, "แผนงาน\tทุ่งสง", None, 0),
    (2, "บรรทัดแรก\nบรรทัดสอง\r\n", "", 1),
    (3, "C:\\งบประมาณ\\2552", "\\N", -7),
    (4, '{"note":"ยกมา \\"เดิม\\" 5,000"}', "NULL", 2**40),
    (5, "", "ะ", 0),
]


def test_appended_rows_read_back_as_written(store: Store) -> None:
    db = ViewDatabase.for_store(store)
    try:
        with db.transaction() as cur:
            cur.execute("DROP TABLE IF EXISTS view_append_probe")
            cur.execute(
                "CREATE TABLE view_append_probe (id BIGINT PRIMARY KEY, a TEXT NOT NULL,"
                " b TEXT, n BIGINT NOT NULL)"
            )
            cur.append("view_append_probe", AWKWARD[:2])
            cur.append("view_append_probe", [])
            cur.append("view_append_probe", AWKWARD[2:])
        with db.reading() as cur:
            rows: list[tuple[Any, ...]] = cur.execute(
                "SELECT id, a, b, n FROM view_append_probe ORDER BY id"
            ).fetchall()
        assert [tuple(r) for r in rows] == AWKWARD
    finally:
        with db.transaction() as cur:
            cur.execute("DROP TABLE IF EXISTS view_append_probe")
        db.close()


def test_a_failed_append_leaves_nothing(store: Store) -> None:
    db = ViewDatabase.for_store(store)
    try:
        with db.transaction() as cur:
            cur.execute("DROP TABLE IF EXISTS view_append_probe")
            cur.execute("CREATE TABLE view_append_probe (id BIGINT PRIMARY KEY, a TEXT NOT NULL)")
        duplicate = (sqlite3.IntegrityError, psycopg.errors.UniqueViolation)
        with pytest.raises(duplicate), db.transaction() as cur:
            cur.append("view_append_probe", [(1, "x"), (1, "again")])
        with db.reading() as cur:
            assert cur.execute("SELECT count(*) FROM view_append_probe").fetchone() == (0,)
    finally:
        with db.transaction() as cur:
            cur.execute("DROP TABLE IF EXISTS view_append_probe")
        db.close()

"""The database the views live in: the events' own database, SQLite or PostgreSQL.

Views sit beside the events so that a view's rows and its position in the event
log are written in one transaction. SQL here is written once with ``?``
placeholders and portable types; the PostgreSQL side translates placeholders.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, Literal, Protocol

from psycopg_pool import ConnectionPool

from domain.store import Store

Params = Sequence[Any]


class Cursor(Protocol):
    """What view code needs from a cursor."""

    def execute(self, sql: str, params: Params = ()) -> Cursor: ...
    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...
    def fetchall(self) -> list[tuple[Any, ...]]: ...
    def fetchone(self) -> tuple[Any, ...] | None: ...
    @property
    def rowcount(self) -> int: ...


class ViewDatabase:
    """Connections to the views' database, for reading and for writing."""

    dialect: Literal["sqlite", "postgres"]

    @staticmethod
    def for_store(store: Store) -> ViewDatabase:
        if store.backend == "postgres":
            return PostgresViews(store)
        if store.backend == "memory":
            return SQLiteViews(f"file:tidtam-views-{uuid.uuid4().hex}?mode=memory&cache=shared")
        return SQLiteViews(store.sqlite_path)

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """A write transaction: committed at the end, rolled back on any exception."""
        raise NotImplementedError
        yield  # pragma: no cover

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        """A consistent read-only snapshot."""
        raise NotImplementedError
        yield  # pragma: no cover

    def close(self) -> None:
        raise NotImplementedError


class _SQLiteCursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Params = ()) -> _SQLiteCursor:
        self._cursor.execute(sql, tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        self._cursor.executemany(sql, [tuple(r) for r in rows])

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cursor.fetchall()

    def fetchone(self) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._cursor.fetchone()
        return row

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


class SQLiteViews(ViewDatabase):
    """Views in the events' SQLite file; one connection per thread, WAL mode.

    Write transactions start with ``BEGIN IMMEDIATE`` so two projectors (or a
    projector and a rebuild) queue for the write lock instead of deadlocking.
    """

    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        memory = "mode=memory" in path
        # A shared-cache memory database locks whole tables and answers a clash with
        # "database table is locked" at once, ignoring busy_timeout: take turns instead.
        self._turns: AbstractContextManager[object] = threading.RLock() if memory else nullcontext()
        self._keepalive = self._connect() if memory else None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, uri=True, timeout=30, isolation_level=None, check_same_thread=False
        )
        if "mode=memory" not in self.path:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        with self._lock:
            self._all.append(conn)
        return conn

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        conn = self._connection()
        with self._turns:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteCursor(conn.cursor())
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        conn = self._connection()
        with self._turns:
            conn.execute("BEGIN")
            try:
                yield _SQLiteCursor(conn.cursor())
            finally:
                conn.execute("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


class _PostgresCursor:
    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Params = ()) -> _PostgresCursor:
        self._cursor.execute(_placeholders(sql), tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self._cursor.executemany(_placeholders(sql), [tuple(r) for r in rows])

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._cursor.fetchall()
        return rows

    def fetchone(self) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._cursor.fetchone()
        return row

    @property
    def rowcount(self) -> int:
        count: int = self._cursor.rowcount
        return count


class PostgresViews(ViewDatabase):
    """Views in the events' PostgreSQL database (and schema), through a small pool."""

    dialect = "postgres"

    def __init__(self, store: Store) -> None:
        p = store.postgres
        schema = p.get("schema") or "public"
        self.pool = ConnectionPool(
            kwargs={
                "dbname": p.get("dbname", "postgres"),
                "host": p.get("host", "127.0.0.1"),
                "port": p.get("port", "5432"),
                "user": p.get("user", "postgres"),
                "password": p.get("password", ""),
                "options": f"-c search_path={schema}",
            },
            min_size=1,
            max_size=8,
            open=True,
            name="tidtam-views",
        )

    @contextmanager
    def transaction(self) -> Iterator[Cursor]:
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            yield _PostgresCursor(cur)

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        with self.pool.connection() as conn:
            conn.read_only = True
            try:
                with conn.transaction(), conn.cursor() as cur:
                    yield _PostgresCursor(cur)
            finally:
                conn.read_only = False

    def close(self) -> None:
        self.pool.close()


def _placeholders(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s``, literal ``%`` (in LIKE patterns) escaped."""
    return sql.replace("%", "%%").replace("?", "%s")

"""The database the views live in: the events' own database, SQLite or PostgreSQL.

Views sit beside the events so that a view's rows and its position in the event
log are written in one transaction. SQL here is written once with ``?``
placeholders and portable types; the PostgreSQL side translates placeholders.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from pathlib import Path
from typing import Any, Literal, Protocol

import psycopg
from psycopg_pool import ConnectionPool

from storage.files import private_file
from storage.store import Store

log = logging.getLogger(__name__)

Params = Sequence[Any]


MISSING_TABLE: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    psycopg.errors.UndefinedTable,
)
"""What reading a view table that does not exist raises, on either database."""


class Cursor(Protocol):
    """What view code needs from a cursor."""

    def execute(self, sql: str, params: Params = ()) -> Cursor: ...
    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...
    def append(self, table: str, rows: Sequence[Params]) -> None:
        """Add ``rows`` (every column, in the table's order) to ``table``, which must not
        hold them yet: the bulk path of each database (``COPY`` on PostgreSQL)."""
        ...

    def fetchall(self) -> list[tuple[Any, ...]]: ...
    def fetchone(self) -> tuple[Any, ...] | None: ...
    @property
    def rowcount(self) -> int: ...
    @property
    def dialect(self) -> Literal["sqlite", "postgres"]:
        """For the little DDL that differs (SQLite's rowid keys, say)."""
        ...


class ViewDatabase:
    """Connections to the views' database, for reading and for writing."""

    dialect: Literal["sqlite", "postgres"]

    @staticmethod
    def for_store(store: Store) -> ViewDatabase:
        if store.backend == "postgres":
            return PostgresViews(store)
        if store.backend == "memory":
            return SQLiteViews(f"file:tidtam-views-{uuid.uuid4().hex}?mode=memory&cache=shared")
        return SQLiteViews(views_path(store.sqlite_path))

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
    dialect: Literal["sqlite"] = "sqlite"

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Params = ()) -> _SQLiteCursor:
        self._cursor.execute(sql, tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        self._cursor.executemany(sql, rows)

    def append(self, table: str, rows: Sequence[Params]) -> None:
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self._cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cursor.fetchall()

    def fetchone(self) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._cursor.fetchone()
        return row

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


def views_path(events_path: str) -> str:
    """Where the views of a SQLite store live: beside its events, in a file of their own
    (``var/tidtam.db`` → ``var/tidtam-views.db``).

    SQLite has one writer per file. With the views in the events' file, every batch
    the projector folded held that file's write lock, and commands waiting to append
    slept in SQLite's busy handler; in their own file the two write side by side. The
    views are rebuilt from the events alone, so nothing is lost if the file is.
    """
    if events_path.startswith("file:"):
        base, _, query = events_path.partition("?")
        return f"{base}-views" + (f"?{query}" if query else "")
    path = Path(events_path)
    return str(path.with_name(f"{path.stem}-views{path.suffix}"))


class SQLiteViews(ViewDatabase):
    """Views in a SQLite file of their own; one connection per thread, WAL mode.

    Write transactions start with ``BEGIN IMMEDIATE`` so two projectors (or a
    projector and a rebuild) queue for the write lock instead of deadlocking.
    Commits never checkpoint the WAL (a checkpoint copies pages and syncs, and
    fell on whichever commit crossed SQLite's 1,000-page mark, a fifth of a
    projector's time); a background thread checkpoints once a second instead,
    when something was written, and the last connection's close checkpoints too.
    """

    CHECKPOINT_SECONDS = 1.0

    dialect = "sqlite"

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        memory = "mode=memory" in path
        if not memory and not path.startswith("file:"):
            heal(Path(path))
        # A shared-cache memory database locks whole tables and answers a clash with
        # "database table is locked" at once, ignoring busy_timeout: take turns instead.
        self._turns: AbstractContextManager[object] = threading.RLock() if memory else nullcontext()
        self._keepalive = self._connect() if memory else None
        self._file = not memory
        self._written = threading.Event()
        self._closing = threading.Event()
        self._checkpointer: threading.Thread | None = None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, uri=True, timeout=30, isolation_level=None, check_same_thread=False
        )
        if "mode=memory" not in self.path:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA wal_autocheckpoint=0")
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
        if self._file:
            self._written.set()
            if self._checkpointer is None:
                self._start_checkpointer()

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
        self._closing.set()
        if self._checkpointer is not None:
            self._checkpointer.join(timeout=30)
            self._checkpointer = None
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
        self._closing.clear()

    def _start_checkpointer(self) -> None:
        with self._lock:
            if self._checkpointer is None:
                self._checkpointer = threading.Thread(
                    target=self._checkpoint_now_and_then, name="tidtam-views-wal", daemon=True
                )
                self._checkpointer.start()

    def _checkpoint_now_and_then(self) -> None:
        conn = sqlite3.connect(self.path, uri=True, timeout=30, isolation_level=None)
        try:
            while not self._closing.wait(self.CHECKPOINT_SECONDS):
                if self._written.is_set():
                    self._written.clear()
                    self._checkpoint(conn)
            self._checkpoint(conn)
        finally:
            conn.close()

    def _checkpoint(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            log.warning("checkpointing %s failed; trying again later", self.path, exc_info=True)
            self._written.set()


def heal(path: Path) -> Path | None:
    """Move a views file SQLite cannot read aside (kept, named, logged), so the views are
    built again from the events; say where it went. Views are derived data: a damaged
    file must not stop the server, and nothing here touches the events' own file."""
    private_file(path)
    damage = _damage(path)
    if damage is None:
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            os.replace(part, f"{aside}{suffix}")
    log.warning("views file %s cannot be read (%s): kept as %s; rebuilding", path, damage, aside)
    private_file(path)
    return aside


def _damage(path: Path) -> str | None:
    """What is wrong with the SQLite file at ``path`` (its whole-file check), or None."""
    try:
        with closing(sqlite3.connect(path, timeout=30)) as conn:
            found = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if found == ["ok"] else "; ".join(found)


class _PostgresCursor:
    dialect: Literal["postgres"] = "postgres"

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Params = ()) -> _PostgresCursor:
        self._cursor.execute(_placeholders(sql), tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self._cursor.executemany(_placeholders(sql), [tuple(r) for r in rows])

    def append(self, table: str, rows: Sequence[Params]) -> None:
        # COPY streams the rows: an audit rebuild's 200,000 took 0.7 s, against 3.7 s
        # for the same rows through executemany (a message per row).
        if rows:
            with self._cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

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
        self.pool = ConnectionPool(
            kwargs={**store.connection_params(), "options": f"-c search_path={store.schema}"},
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

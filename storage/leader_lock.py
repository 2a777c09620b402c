"""One leader across processes for each role (the scheduler, the projector); the others
wait as standbys.

On PostgreSQL the leader holds a session advisory lock on a connection of its
own; on SQLite, an exclusive ``flock`` on a lock file beside the store. Both
are released by the database or the operating system when the holder dies, so
a standby that keeps trying takes over without anyone cleaning up. Each role has
a lock of its own (another key, another file): the scheduler's leader and the
projector's are found apart.
"""

from __future__ import annotations

import fcntl
import os
import threading
import zlib
from pathlib import Path
from typing import IO

import psycopg
from psycopg.conninfo import make_conninfo

from storage.files import private_file
from storage.store import Store

ADVISORY_KEY = 0x7469_6474_616D  # "tidtam"
SCHEDULER = "scheduler"
PROJECTOR = "projector"


class LeaderLock:
    """Try to become (and stay) the one active process of a role."""

    def try_acquire(self) -> bool:
        raise NotImplementedError

    def held(self) -> bool:
        raise NotImplementedError

    def release(self) -> None:
        raise NotImplementedError

    @staticmethod
    def for_store(store: Store, lock_file: str, role: str = SCHEDULER) -> LeaderLock:
        """The lock of ``role`` on ``store``; ``lock_file`` is where it goes for a SQLite
        store that has no file of its own (a ``file:`` URI)."""
        if store.backend == "postgres":
            return PostgresLock(store, role)
        if store.backend == "sqlite":
            path = Path(store.sqlite_path).with_suffix(f".{role}.lock")
            return FileLock(path if not store.sqlite_path.startswith("file:") else Path(lock_file))
        return ProcessLock()


class ProcessLock(LeaderLock):
    """An in-memory store lives in one process: that process leads."""

    def __init__(self) -> None:
        self._held = False

    def try_acquire(self) -> bool:
        self._held = True
        return True

    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        self._held = False


class FileLock(LeaderLock):
    """An exclusive, non-blocking flock on a file (SQLite stores)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None
        self._guard = threading.Lock()

    def try_acquire(self) -> bool:
        with self._guard:
            if self._file is not None:
                return True
            private_file(self.path)
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while leading
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                return False
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            self._file = handle
            return True

    def held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        with self._guard:
            if self._file is not None:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
                self._file.close()
                self._file = None


class PostgresLock(LeaderLock):
    """A session advisory lock, held on a connection kept open while leading."""

    def __init__(self, store: Store, role: str = SCHEDULER) -> None:
        p = store.postgres
        self._conninfo = make_conninfo(**store.connection_params())
        # One lock per database schema and role; crc32, unlike hash(), is the same in every
        # process. The scheduler's key is the one it had before other roles had locks.
        named = p.get("schema", "") + ("" if role == SCHEDULER else f"/{role}")
        self._key = ADVISORY_KEY + zlib.crc32(named.encode())
        self._conn: psycopg.Connection | None = None
        self._guard = threading.Lock()

    def try_acquire(self) -> bool:
        with self._guard:
            if self.held():
                return True
            self._drop()
            conn = psycopg.connect(self._conninfo, autocommit=True)
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (self._key,)).fetchone()
            if row and row[0]:
                self._conn = conn
                return True
            conn.close()
            return False

    def held(self) -> bool:
        conn = self._conn
        if conn is None or conn.closed:
            return False
        try:
            conn.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def release(self) -> None:
        with self._guard:
            if self._conn is not None and not self._conn.closed:
                try:
                    self._conn.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
                finally:
                    self._conn.close()
            self._conn = None

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

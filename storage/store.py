"""Where the events live, chosen by the environment.

* default: an SQLite file, ``var/tidtam.db`` (``TIDTAM_DB`` names another file);
* ``TIDTAM_DATABASE=postgresql://user:password@host:port/dbname``: PostgreSQL;
* ``TIDTAM_DATABASE=memory``: in the process only (fast unit tests);
* or the library's own variables (``PERSISTENCE_MODULE=eventsourcing.postgres`` with
  ``POSTGRES_DBNAME``, ``POSTGRES_HOST`` …), honoured as given.

Each application (bounded context) writes its own table, ``<name>_events``, in
the same database: on PostgreSQL that is the library's default, and on SQLite
:class:`NamedTableSQLiteFactory` does the same, so that several applications can
share one file without sharing one notification log.

On PostgreSQL, :class:`TidtamPostgresRecorder` keeps large saves (imports) out of
psycopg's pipeline, where they could hang.

The library's ``POSTGRES_ENABLE_DB_FUNCTIONS`` is deliberately left off: in
eventsourcing 9.5.6 its insert function is named per schema, not per table, so
the last application created in a schema would take every other application's
inserts into its own table (``tests/integration/test_store.py`` guards this).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit
from uuid import UUID

from eventsourcing.persistence import (
    ApplicationRecorder,
    InterfaceError,
    OperationalError,
    StoredEvent,
)
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteFactory
from eventsourcing.utils import retry

from storage.files import private_file
from storage.transcodings import cached_uuid

DEFAULT_SQLITE_PATH = Path("var") / "tidtam.db"
CREATING_TABLES = 0x7469_6474_616D - 1
"""The advisory lock under which a process makes (or finds) its events tables; apart
from the leaders' locks (``storage.leader_lock``), which count up from ``…616D``."""
POOL_SIZE = "TIDTAM_POSTGRES_POOL_SIZE"
"""Connections each application of a process keeps open to PostgreSQL (8; up to 16 more
while busy). Several processes on one server (``tidtam serve --workers N``, the
projector, the scheduler, their standbys) each open as many per application, so the
multi-process shape sets fewer (``deploy/tidtam.env``) to stay within the server's
``max_connections``."""

Backend = Literal["sqlite", "postgres", "memory"]


class TidtamSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, remembering the ids it has read: every row read
    carries its aggregate's id as text, and a store holds far fewer aggregates than
    events (building a ``UUID`` from text was a fifth of reading a row)."""

    def convert_originator_id(self, originator_id: str) -> UUID | str:
        if self.datastore.originator_id_type == "uuid":
            return cached_uuid(originator_id)
        return originator_id


class TidtamPostgresRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, except that a large save goes without
    psycopg's pipeline mode.

    In pipeline mode (eventsourcing 9.5.6 with psycopg 3.3) one save of 12,801 events,
    an imported plan of 4,000 activities, at times never returned (one run in three
    here): the server sat waiting to read the rest of the statement while the client
    waited for its result. Outside the pipeline the save is the same three statements
    (lock the table, notify, insert returning the positions) in one transaction, at
    the cost of a round trip each, which a save that large does not notice. Small
    saves, the commands people make all day, keep the pipeline.
    """

    PIPELINE_LIMIT = 1000
    """Events a save may hold and still go through the pipeline: commands append a
    handful; only imports come near it."""

    def create_table(self) -> None:
        """The library's, one process at a time. Every application a process opens runs
        it, and among its statements is ``CREATE OR REPLACE FUNCTION`` (even with the
        library's functions off): two processes starting together (the API workers, the
        projector, the scheduler, at boot) failed one of them with "tuple concurrently
        updated". A session advisory lock held across its transactions makes them wait
        their turn; the lock goes with the session if the process dies."""
        with self.datastore.get_connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (CREATING_TABLES,))
            try:
                super().create_table()
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (CREATING_TABLES,))

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions: Sequence[int] | None
        if len(stored_events) <= self.PIPELINE_LIMIT:
            positions = super().insert_events(stored_events, **kwargs)
        else:
            positions = self._insert_without_pipeline(stored_events)
        return positions

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def _insert_without_pipeline(self, stored_events: Sequence[StoredEvent]) -> Sequence[int]:
        with (
            self.datastore.get_connection() as conn,
            conn.transaction(),
            conn.cursor() as curs,
        ):
            self._insert_stored_events(curs, stored_events)
            return self._fetch_ids_after_insert_events(curs, stored_events) or []


class NamedTableSQLiteFactory(SQLiteFactory):
    """SQLite persistence with one events table per application, as on PostgreSQL."""

    def application_recorder(self) -> ApplicationRecorder:
        recorder = TidtamSQLiteRecorder(
            datastore=self.datastore, events_table_name=f"{self.env.name.lower()}_events"
        )
        if self.env_create_table():
            recorder.create_table()
        return recorder


@dataclass(frozen=True)
class Store:
    """The database the applications and the projections share."""

    backend: Backend
    sqlite_path: str = ""
    postgres: Mapping[str, str] = field(default_factory=dict)
    """Connection parameters: dbname, host, port, user, password, and optionally schema."""

    @classmethod
    def sqlite(cls, path: str | Path) -> Store:
        return cls("sqlite", sqlite_path=str(path))

    @classmethod
    def memory(cls) -> Store:
        return cls("memory")

    @classmethod
    def postgresql(cls, **params: str) -> Store:
        return cls("postgres", postgres=dict(params))

    @classmethod
    def from_url(cls, url: str) -> Store:
        """``postgresql://…``, ``sqlite:///path`` or ``memory``."""
        if url.strip() == "memory":
            return cls.memory()
        parts = urlsplit(url)
        if parts.scheme in ("postgres", "postgresql"):
            params = {
                "dbname": unquote(parts.path.lstrip("/")) or "postgres",
                "host": parts.hostname or "127.0.0.1",
                "port": str(parts.port or 5432),
                "user": unquote(parts.username or "postgres"),
                "password": unquote(parts.password or ""),
            }
            schema = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("schema")
            if schema:
                params["schema"] = schema
            return cls.postgresql(**params)
        if parts.scheme == "sqlite":
            return cls.sqlite(
                unquote(parts.path if not parts.netloc else parts.netloc + parts.path)
            )
        raise ValueError(f"TIDTAM_DATABASE must be postgresql://…, sqlite:///… or memory: {url!r}")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Store:
        """The store the environment asks for (see the module docstring)."""
        env = os.environ if environ is None else environ
        if env.get("TIDTAM_DATABASE"):
            return cls.from_url(env["TIDTAM_DATABASE"])
        module = env.get("PERSISTENCE_MODULE", "")
        if module.startswith("eventsourcing.postgres"):
            return cls.postgresql(
                dbname=env.get("POSTGRES_DBNAME", "postgres"),
                host=env.get("POSTGRES_HOST", "127.0.0.1"),
                port=env.get("POSTGRES_PORT", "5432"),
                user=env.get("POSTGRES_USER", "postgres"),
                password=env.get("POSTGRES_PASSWORD", ""),
            )
        if module.startswith("eventsourcing.popo"):
            return cls.memory()
        if module.startswith("eventsourcing.sqlite") and env.get("SQLITE_DBNAME"):
            return cls.sqlite(env["SQLITE_DBNAME"])
        return cls.sqlite(env.get("TIDTAM_DB") or DEFAULT_SQLITE_PATH)

    def connection_params(self) -> dict[str, str]:
        """How to reach this PostgreSQL store (libpq keywords, defaults filled in): what
        the views' pool, the scheduler's lock and a store copy connect with."""
        p = self.postgres
        return {
            "dbname": p.get("dbname", "postgres"),
            "host": p.get("host", "127.0.0.1"),
            "port": p.get("port", "5432"),
            "user": p.get("user", "postgres"),
            "password": p.get("password", ""),
        }

    @property
    def schema(self) -> str:
        """The PostgreSQL schema the store's tables are in."""
        return self.postgres.get("schema") or "public"

    def application_env(self) -> dict[str, str]:
        """The library's settings for an application on this store."""
        if self.backend == "memory":
            return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
        if self.backend == "sqlite":
            if not self.sqlite_path.startswith("file:"):
                private_file(Path(self.sqlite_path))
            return {
                "PERSISTENCE_MODULE": f"{__name__}:{NamedTableSQLiteFactory.__qualname__}",
                "SQLITE_DBNAME": self.sqlite_path,
                "SQLITE_LOCK_TIMEOUT": "30",
            }
        c = self.connection_params()
        return {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": c["dbname"],
            "POSTGRES_HOST": c["host"],
            "POSTGRES_PORT": c["port"],
            "POSTGRES_USER": c["user"],
            "POSTGRES_PASSWORD": c["password"],
            "POSTGRES_POOL_SIZE": os.environ.get(POOL_SIZE, "8"),
            "POSTGRES_MAX_OVERFLOW": "16",
            "POSTGRES_CONN_MAX_AGE": "600",
            "POSTGRES_PRE_PING": "y",
            "POSTGRES_SCHEMA": self.postgres.get("schema", ""),
            "APPLICATION_RECORDER_TOPIC": f"{__name__}:{TidtamPostgresRecorder.__qualname__}",
        }

    def describe(self) -> str:
        """Where the events are, for people and logs (never the password)."""
        if self.backend == "memory":
            return "in memory"
        if self.backend == "sqlite":
            return f"SQLite {self.sqlite_path}"
        p = self.postgres
        return f"PostgreSQL {p.get('user')}@{p.get('host')}:{p.get('port')}/{p.get('dbname')}"

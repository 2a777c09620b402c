"""Copying every event of a store into another, empty one: moving from the embedded
SQLite file to PostgreSQL (or back), or taking a backup while Tidtam runs.

Events are copied as stored (topic and state bytes untouched, so their recording
times, actors and business dates are the source's) at the positions they hold in
the source, so the feed's cursors and every ETag stay valid in the copy. What is
copied is each log up to its head when the copy began: a consistent prefix, even
while people keep recording (a backup); stop the server first to move a store.

The whole copy is one transaction on the target: a copy that fails leaves the
target as empty as it found it. It refuses, before writing anything, a target
that already holds events or that is the source itself. Afterwards each log is
read back through the library and compared, event by event, with the source's.
Views are not copied: they are rebuilt from the events when Tidtam opens the copy.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification

from domain.errors import RuleViolation, register_messages
from storage.store import Store

BATCH = 1000
"""Events read from the source at a time: memory stays flat however long the log."""

register_messages(
    {
        "store_copy_same_store": (
            "ปลายทางของการคัดลอกคือที่เก็บข้อมูลต้นทางเอง ({target}) โปรดระบุที่อื่น",
            "The copy's target is the store being copied ({target}): name another one",
        ),
        "store_copy_in_memory": (
            "คัดลอกเข้าหรือออกจากที่เก็บข้อมูลในหน่วยความจำไม่ได้ ({store})",
            "A store in memory cannot be copied to or from ({store})",
        ),
        "store_copy_target_not_empty": (
            "ปลายทาง {target} มีเหตุการณ์ของ {application} อยู่แล้ว {events} รายการ"
            " คัดลอกได้เฉพาะไปยังที่เก็บข้อมูลที่ว่างเท่านั้น",
            "The target {target} already holds {events} events of {application}:"
            " a copy goes only into an empty store",
        ),
        "store_copy_mismatch": (
            "สำเนาของ {application} ไม่ตรงกับต้นทางที่ลำดับ {position} อย่าใช้ที่เก็บข้อมูลปลายทางนี้",
            "The copy of {application} differs from its source at position {position}:"
            " the target was left as written; do not use it",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class LogCopied:
    """One application's log as copied: how many events, up to which position, and the
    digest both sides gave when read back."""

    application: str
    events: int
    last_position: int
    digest: str


class Log(Protocol):
    """An application's log as the copy sees it: its name and its recorder."""

    name: str
    recorder: ApplicationRecorder

    def close(self) -> None: ...


OpensLog = Callable[[Store], Log]
"""Opens one application's log on a store (an application class, called with the store)."""

Progress = Callable[[str, int], None]
"""Told (application, events copied so far) after every batch."""


def copy_store(
    source: Store,
    target: Store,
    applications: Sequence[OpensLog],
    *,
    progress: Progress | None = None,
) -> list[LogCopied]:
    """Copy the logs of ``applications`` from ``source`` into the empty ``target``."""
    for store in (source, target):
        if store.backend == "memory":
            raise RuleViolation("store_copy_in_memory", field="target", store=store.describe())
    if _identity(source) == _identity(target):
        raise RuleViolation("store_copy_same_store", field="target", target=target.describe())
    with _opened(source, applications) as reading, _opened(target, applications) as writing:
        for app in writing:
            held = app.recorder.max_notification_id() or 0
            if held:
                raise RuleViolation(
                    "store_copy_target_not_empty", field="target", target=target.describe(),
                    application=app.name, events=held,
                )  # fmt: skip
        heads = {app.name: app.recorder.max_notification_id() or 0 for app in reading}
        tables = {app.name: _table(app.recorder) for app in writing}
        with _writer(target) as writer:
            for app in reading:
                copied = 0
                for batch in _notifications(app.recorder, heads[app.name]):
                    writer.append(tables[app.name], batch)
                    copied += len(batch)
                    if progress is not None:
                        progress(app.name, copied)
            writer.finish({tables[name]: head for name, head in heads.items()})
        return [
            _compare(ours, theirs, heads[ours.name])
            for ours, theirs in zip(reading, writing, strict=True)
        ]


def _identity(store: Store) -> tuple[str, ...]:
    if store.backend == "sqlite":
        return ("sqlite", os.path.realpath(store.sqlite_path))
    c = store.connection_params()
    return ("postgres", c["host"], c["port"], c["dbname"], store.schema)


@contextmanager
def _opened(store: Store, applications: Sequence[OpensLog]) -> Iterator[list[Log]]:
    """The applications on a store, opened (their tables created) and closed together."""
    with ExitStack() as stack:
        apps = []
        for cls in applications:
            app = cls(store)
            stack.callback(app.close)
            apps.append(app)
        yield apps


def _notifications(recorder: ApplicationRecorder, head: int) -> Iterator[Sequence[Notification]]:
    start = 1
    while start <= head:
        batch = recorder.select_notifications(start, BATCH, stop=head)
        if not batch:
            return
        yield batch
        start = batch[-1].id + 1


class Table(NamedTuple):
    """Where a recorder keeps its events: the library names the table (and, on
    PostgreSQL, its schema), so the copy asks the target's recorder for them."""

    schema: str | None
    name: str


def _table(recorder: ApplicationRecorder) -> Table:
    name: str = getattr(recorder, "events_table_name")  # noqa: B009 - every SQL recorder has it
    schema = getattr(getattr(recorder, "datastore", None), "schema", None)
    return Table(schema, name)


def _compare(source: Log, target: Log, head: int) -> LogCopied:
    """Read both logs up to ``head`` and compare them event by event."""
    digest = hashlib.sha256()
    count, last = 0, 0
    theirs = _flattened(_notifications(target.recorder, head))
    for ours in _flattened(_notifications(source.recorder, head)):
        copy, fingerprint = next(theirs, None), _fingerprint(ours)
        if copy is None or _fingerprint(copy) != fingerprint:
            raise RuleViolation("store_copy_mismatch", application=source.name, position=ours.id)
        digest.update(fingerprint)
        count, last = count + 1, ours.id
    extra = next(theirs, None)
    if extra is not None:
        raise RuleViolation("store_copy_mismatch", application=source.name, position=extra.id)
    return LogCopied(source.name, count, last, digest.hexdigest())


def _flattened(batches: Iterator[Sequence[Notification]]) -> Iterator[Notification]:
    for batch in batches:
        yield from batch


def _fingerprint(n: Notification) -> bytes:
    head = f"{n.id}|{n.originator_id}|{n.originator_version}|{n.topic}|".encode()
    return head + hashlib.sha256(n.state).digest()


# ----------------------------------------------------------------- writing


def _writer(target: Store) -> _SQLiteWriter | _PostgresWriter:
    if target.backend == "sqlite":
        return _SQLiteWriter(target.sqlite_path)
    return _PostgresWriter(target)


class _SQLiteWriter:
    """One transaction on the target file; rows keep their positions as rowids."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, uri=path.startswith("file:"))

    def __enter__(self) -> _SQLiteWriter:
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def append(self, table: Table, rows: Sequence[Notification]) -> None:
        quoted = '"' + table.name.replace('"', '""') + '"'
        self.conn.executemany(
            f"INSERT INTO {quoted} (rowid, originator_id, originator_version, topic, state)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (n.id, _as_sqlite_stores(n.originator_id), n.originator_version, n.topic, n.state)
                for n in rows
            ],
        )

    def finish(self, tables: dict[Table, int]) -> None:
        """Nothing to do: SQLite numbers the next row after the highest rowid."""

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        with closing(self.conn):
            self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _as_sqlite_stores(originator_id: UUID | str) -> str:
    """The library's SQLite recorder keeps a UUID as its 32 hex digits, no dashes: rows
    written any other way are listed in the log but never found by their aggregate."""
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id


class _PostgresWriter:
    """One transaction on the target database: each log's rows by ``COPY``, with their
    positions, then each log's position sequence moved past them."""

    def __init__(self, target: Store) -> None:
        import psycopg  # only PostgreSQL targets need it loaded
        from psycopg.conninfo import make_conninfo

        self.conn = psycopg.connect(make_conninfo(**target.connection_params()))
        self.locked: set[Table] = set()

    def __enter__(self) -> _PostgresWriter:
        return self

    def append(self, table: Table, rows: Sequence[Notification]) -> None:
        from psycopg import sql

        name = _qualified(table)
        with self.conn.cursor() as cur:
            if table not in self.locked:  # as the library's own inserts do
                cur.execute(sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(name))
                self.locked.add(table)
            statement = sql.SQL(
                "COPY {} (notification_id, originator_id, originator_version, topic, state)"
                " FROM STDIN"
            ).format(name)
            with cur.copy(statement) as copy:
                for n in rows:
                    copy.write_row(
                        (n.id, str(n.originator_id), n.originator_version, n.topic, n.state)
                    )

    def finish(self, tables: dict[Table, int]) -> None:
        with self.conn.cursor() as cur:
            for table, head in tables.items():
                if head:
                    cur.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), %s)",
                        (_qualified(table).as_string(self.conn), head),
                    )

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        with closing(self.conn):
            if kind is None:
                self.conn.commit()
            else:
                self.conn.rollback()


def _qualified(table: Table) -> Any:
    from psycopg import sql

    return sql.Identifier(table.schema, table.name) if table.schema else sql.Identifier(table.name)

"""Projectors: pull events from the log, fold them into a view, remember where they are.

The SQLite recorder cannot push, so a projector pulls batches of notifications.
Each batch is folded and its last position written to ``tidtam_positions`` in
one transaction: a crash mid-batch rolls both back, and the next run starts
from the last committed position. The position row is locked for the batch
(``FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), so several
processes may run projectors on one database and each event still lands once.

A rebuild folds the whole log into ``__rebuild`` tables while the live view
keeps serving, then swaps them in within one transaction: readers see the old
view or the new one, never half of one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from domain.recorded import Recorded
from projections.collector import collector_paused
from projections.stored import read_stored
from projections.view import View
from storage.view_database import Cursor, ViewDatabase

TRACKING = "tidtam_positions"
VERSIONS = "tidtam_view_versions"
REBUILD = "__rebuild"


@dataclass(frozen=True, slots=True)
class ProjectionStatus:
    name: str
    position: int
    head: int
    lag_events: int
    lag_seconds: float


Progress = Callable[[int, int], None]
"""Told (position reached, head) as a rebuild goes."""


class Projector:
    """Keeps one view up to date with one application's event log, exactly once."""

    def __init__(
        self,
        app: Application[UUID],
        db: ViewDatabase,
        view: View,
        *,
        batch_size: int = 500,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.app = app
        self.db = db
        self.view = view
        self.batch_size = batch_size
        self._now = clock or (lambda: datetime.now(UTC))
        self.seen = -1
        """The last position this process read or wrote for the view (-1: none yet).
        Never ahead of the stored one, so reading the log from it misses nothing; and
        a cheap, in-memory sign that the view changed (caches of it key on it)."""

    @property
    def name(self) -> str:
        return self.view.name

    def ensure_tables(self) -> None:
        """Create the view's tables; rebuild them if another schema version made them, or
        if they hold more of the log than the log holds: views kept beside an events file
        restored from an older backup (or from another store) would otherwise go on
        showing events the log no longer has."""
        with self.db.transaction() as cur:
            ensure_tracking(cur)
            version = cur.execute(
                f"SELECT version FROM {VERSIONS} WHERE name = ?", (self.name,)
            ).fetchone()
            known = cur.execute(
                f"SELECT position FROM {TRACKING} WHERE name = ?", (self.name,)
            ).fetchone()
            if known is None:  # a new view: empty tables, folded from the first event
                self.view.create(cur)
                self.view.create_indexes(cur)
                cur.execute(
                    f"INSERT INTO {TRACKING} VALUES (?, 0, ?)", (self.name, self._now().isoformat())
                )
            elif (
                version is not None
                and int(version[0]) == self.view.schema_version
                and (int(known[0]) <= self.head() or not self.view.rebuilt_when_ahead)
            ):
                return
        if known is not None:
            self.rebuild()
        with self.db.transaction() as cur:
            cur.execute(
                f"INSERT INTO {VERSIONS} VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                " SET version = excluded.version",
                (self.name, self.view.schema_version),
            )

    def position(self) -> int:
        with self.db.reading() as cur:
            position = read_position(cur, self.name)
        self.seen = max(self.seen, position)
        return position

    # ----------------------------------------------------------- the live view

    def run_batch(self) -> int:
        """Fold the next batch into the live view; returns how many events it held."""
        return catch_up_together([self], rounds=1)

    def catch_up(self, until: int | None = None) -> int:
        """Run batches until the view has reached ``until`` (default: the log's head)."""
        return catch_up_together([self], until=until)

    def fold(self, events: Sequence[tuple[int, object]]) -> int:
        """Fold whichever of ``events`` (decoded, in log order) the view has not folded yet,
        in one transaction with its position; returns how many that was."""
        with self.db.transaction() as cur:
            done, reached = self.fold_in(cur, events)
        self.seen = max(self.seen, reached)
        return done

    def fold_in(self, cur: Cursor, events: Sequence[tuple[int, object]]) -> tuple[int, int]:
        """Fold, within the caller's transaction, what the view lacks of ``events``; returns
        (how many, the position reached). The position is read again here (locked):
        another process may have folded some of them meanwhile, and nothing is ever
        folded twice. ``seen`` is the caller's to update once the transaction commits."""
        position = read_position(cur, self.name, lock=self.db.dialect == "postgres")
        fresh = [(ident, event) for ident, event in events if ident > position]
        if not fresh:
            return 0, position
        self.view.process(cur, fresh)
        write_position(cur, self.name, fresh[-1][0], self._now())
        return len(fresh), fresh[-1][0]

    # ----------------------------------------------------------- rebuilding

    def rebuild(self, progress: Progress | None = None) -> int:
        """Rebuild the view from the first event into fresh tables, then swap them in."""
        return rebuild_together([self], progress)

    # ----------------------------------------------------------- status

    def head(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def status(self) -> ProjectionStatus:
        position, head = self.position(), self.head()
        lag_seconds = 0.0
        if head > position:
            pending = self._read(position, 1)
            if pending:
                event = cast(Recorded, self.app.mapper.to_domain_event(pending[0]))
                lag_seconds = max(0.0, (self._now() - event.timestamp).total_seconds())
        return ProjectionStatus(self.name, position, head, head - position, lag_seconds)

    # ----------------------------------------------------------- reading the log

    def _read(self, after: int, limit: int | None = None) -> Sequence[Notification]:
        return self.app.recorder.select_notifications(after + 1, limit or self.batch_size)


class Batch:
    """A batch of the log as each view reads it: decoded into domain events, as stored
    facts for views that `reads_stored`, or the rows as recorded for views that
    `reads_raw`; each form made once, when first asked."""

    def __init__(self, app: Application[UUID], notifications: Sequence[Notification]) -> None:
        self.app = app
        self.notifications = notifications
        self._forms: dict[str, Sequence[tuple[int, object]]] = {}

    @property
    def last(self) -> int:
        return self.notifications[-1].id

    def events_for(self, view: View, after: int = 0) -> Sequence[tuple[int, object]]:
        """The batch as ``view`` reads it, from position ``after`` on."""
        form = "raw" if view.reads_raw else "stored" if view.reads_stored else "decoded"
        events = self._forms.get(form)
        if events is None:
            events = self._forms[form] = self._make(form)
        return events if after <= 0 else [pair for pair in events if pair[0] > after]

    def _make(self, form: str) -> Sequence[tuple[int, object]]:
        if form == "raw":
            return [(n.id, n) for n in self.notifications]
        if form == "stored":
            return read_stored(self.app, self.notifications)
        to_event = self.app.mapper.to_domain_event
        return [(n.id, to_event(n)) for n in self.notifications]


def catch_up_together(
    projectors: Sequence[Projector], *, until: int | None = None, rounds: int | None = None
) -> int:
    """Bring live views of one application's log up to date; returns events folded.

    Each batch of the log is read and decoded once for all of them (see `Batch`), from the lowest
    position any of them was last seen at, and the views fold what each lacks in one
    transaction (with all their positions: one commit instead of one per view). If
    that fails, each view folds again in a transaction of its own, so a failing view
    holds back only itself; its error is raised once the others are done.
    The log is read before any view's write transaction opens: on SQLite, reading it
    while holding a write lock deadlocked with a writer that held the library's
    connection and waited for that lock. A batch shorter than the batch size means the
    log's end was reached, so no empty read follows.
    """
    first = projectors[0]
    for p in projectors:
        if p.seen < 0:
            p.position()
    done = batches = 0
    while True:
        start = min(p.seen for p in projectors)
        notifications = first._read(start)
        if not notifications:
            return done
        batch = Batch(first.app, notifications)
        done += _fold_together([p for p in projectors if batch.last > p.seen], batch)
        batches += 1
        if len(notifications) < first.batch_size or (rounds is not None and batches >= rounds):
            return done
        if until is not None and min(p.seen for p in projectors) >= until:
            return done


def _fold_together(projectors: Sequence[Projector], batch: Batch) -> int:
    if not projectors:
        return 0

    def lacking(p: Projector) -> Sequence[tuple[int, object]]:
        return batch.events_for(p.view, after=p.seen)

    db = projectors[0].db
    if len(projectors) > 1 and all(p.db is db for p in projectors):
        try:
            with db.transaction() as cur:
                folded = [p.fold_in(cur, lacking(p)) for p in projectors]
        except Exception:
            pass  # fold them one by one below, to find the view that fails
        else:
            for p, (_, reached) in zip(projectors, folded, strict=True):
                p.seen = max(p.seen, reached)
            return sum(count for count, _ in folded)
    done, failure = 0, None
    for p in projectors:
        try:
            done += p.fold(lacking(p))
        except Exception as error:  # the others still fold; this one is raised below
            failure = failure or error
    if failure is not None:
        raise failure
    return done


def rebuild_together(projectors: Sequence[Projector], progress: Progress | None = None) -> int:
    """Rebuild several views of one application's log in one pass over it.

    Each batch of the log is read and decoded once and folded into every view's
    ``__rebuild`` tables; at the end, in one transaction, whatever was appended
    meanwhile is folded too and all the new tables are swapped in together.
    """
    first = projectors[0]
    app, db, batch = first.app, first.db, first.batch_size * 10
    if any(p.app is not app or p.db is not db for p in projectors):
        raise ValueError("views rebuilt together must read one log into one database")
    with db.transaction() as cur:
        ensure_tracking(cur)
        for p in projectors:
            p.view.drop(cur, REBUILD)
            p.view.create(cur, REBUILD)
    states: list[Any] = [p.view.rebuild_state() for p in projectors]
    position, head = 0, first.head()

    def fold(cur: Cursor, notifications: Sequence[Notification]) -> None:
        batch = Batch(app, notifications)
        for index, p in enumerate(projectors):
            states[index] = p.view.process(cur, batch.events_for(p.view), REBUILD, states[index])

    with collector_paused():  # see projections.collector
        while notifications := first._read(position, batch):
            with db.transaction() as cur:
                fold(cur, notifications)
            position = notifications[-1].id
            if progress is not None:
                progress(position, max(head, position))
        with db.transaction() as cur:
            for p in projectors:  # another process's projector ends its batch first, then waits
                read_position(cur, p.name, lock=db.dialect == "postgres")
            while notifications := first._read(position, batch):  # appended during the rebuild
                fold(cur, notifications)
                position = notifications[-1].id
            for index, p in enumerate(projectors):
                p.view.finish(cur, REBUILD, states[index])
                p.view.drop(cur, "")
                for table in p.view.tables:
                    cur.execute(f"ALTER TABLE {table}{REBUILD} RENAME TO {table}")
                    if db.dialect == "postgres":  # its primary key's index keeps the old name
                        cur.execute(
                            f"ALTER INDEX IF EXISTS {table}{REBUILD}_pkey RENAME TO {table}_pkey"
                        )
                p.view.create_indexes(cur)
                cur.execute(
                    f"INSERT INTO {TRACKING} VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE"
                    " SET position = excluded.position, updated_at = excluded.updated_at",
                    (p.name, position, first._now().isoformat()),
                )
    return position


def ensure_tracking(cur: Cursor) -> None:
    cur.execute(
        f"CREATE TABLE IF NOT EXISTS {TRACKING} ("
        "name TEXT PRIMARY KEY, position BIGINT NOT NULL, updated_at TEXT NOT NULL)"
    )
    cur.execute(
        f"CREATE TABLE IF NOT EXISTS {VERSIONS} (name TEXT PRIMARY KEY, version INTEGER NOT NULL)"
    )


def read_position(cur: Cursor, name: str, *, lock: bool = False) -> int:
    row = cur.execute(
        f"SELECT position FROM {TRACKING} WHERE name = ?" + (" FOR UPDATE" if lock else ""),
        (name,),
    ).fetchone()
    return int(row[0]) if row else 0


def read_positions(cur: Cursor) -> dict[str, int]:
    """Every view's position, by name, in one query."""
    rows = cur.execute(f"SELECT name, position FROM {TRACKING}").fetchall()
    return {name: int(at) for name, at in rows}


def read_versions(cur: Cursor) -> dict[str, int]:
    """The schema version each view's tables were made at, by name."""
    rows = cur.execute(f"SELECT name, version FROM {VERSIONS}").fetchall()
    return {name: int(version) for name, version in rows}


def write_position(cur: Cursor, name: str, position: int, now: datetime) -> None:
    cur.execute(
        f"UPDATE {TRACKING} SET position = ?, updated_at = ? WHERE name = ?",
        (position, now.isoformat(), name),
    )

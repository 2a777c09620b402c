"""The projections of one process: their tables, a thread that keeps them current,
and read-your-writes.

A process folds its views itself (``folding``, the single-process shape): after a
local command the service is nudged and folds the new events at once; events written
by other processes are picked up by polling. Or it reads them only (the
multi-process shape, ``TIDTAM_PROJECTIONS=external``): one ``tidtam projector``
folds for every process, and this one never creates, folds or rebuilds a view; it
reads the positions the projector writes beside the rows. Either way a caller that
has a command's notification position can wait (with a bound) until every view has
reached it, so a page reloaded after saving shows what was saved, whichever process
saved it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from uuid import UUID

from eventsourcing.application import Application

from application.directory import Directory
from application.tracker import Tracker
from domain.errors import TidtamError, register_messages
from projections.alerts_view import AlertsView
from projections.audit_view import AuditView
from projections.chain import PeopleChain, TrackerChain
from projections.people_view import PeopleView
from projections.plan_view import PlanView
from projections.runner import (
    Progress,
    ProjectionStatus,
    Projector,
    catch_up_together,
    read_positions,
    read_versions,
    rebuild_together,
)
from storage.view_database import MISSING_TABLE, ViewDatabase

log = logging.getLogger(__name__)

POLL_FIRST, POLL_MOST = 0.005, 0.05
"""Seconds between two reads of the positions while a reader waits for the projector of
another process: doubling from the first to the most, so a write folded at once is seen
within milliseconds and a long wait asks the database twenty times a second."""


FOLLOW_EVERY = 0.1
"""Seconds between a reading process's reads of the positions the projector writes (its
thread's, at most): what keys on a view's position (remembered sign-ins, cached
reports) sees another process's write within this long."""


class ViewsBehindError(TidtamError):
    """Raised when the views did not reach the logs' heads in time (in a process that reads
    views only: the projector is down or far behind)."""

    http_status = 503


register_messages(
    {
        "views_behind": (
            "มุมมองข้อมูลยังปรับปรุงไม่ถึงลำดับ {position} ภายใน {seconds} วินาที"
            " (ตรวจว่า tidtam projector ทำงานอยู่)",
            "the views did not reach position {position} within {seconds} s"
            " (is tidtam projector running?)",
        ),
    }
)


class Projections:
    """Every view of the tracker's log, kept current by one background thread."""

    def __init__(
        self,
        tracker: Tracker,
        db: ViewDatabase | None = None,
        *,
        directory: Directory | None = None,
        poll_interval: float = 1.0,
        batch_size: int = 500,
        folding: bool = True,
        wait_timeout: float = 30.0,
    ) -> None:
        self.tracker = tracker
        self.folding = folding
        """False in a process that reads the views only (see the module)."""
        self.wait_timeout = wait_timeout
        """Seconds `catch_up` waits for another process's projector before giving up."""
        self.db = db or ViewDatabase.for_store(tracker.store)
        projectors = [
            Projector(tracker, self.db, view, batch_size=batch_size)
            for view in (PlanView(), AuditView(), AlertsView(), TrackerChain())
        ]
        if directory is not None:
            projectors += [
                Projector(directory, self.db, view, batch_size=batch_size)
                for view in (PeopleView(), PeopleChain())
            ]
        self.projectors: Sequence[Projector] = projectors
        self.poll_interval = poll_interval
        self._nudged = threading.Event()
        self._advanced = threading.Condition()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        if folding:
            for projector in self.projectors:
                projector.ensure_tables()

    def projector(self, name: str) -> Projector:
        for projector in self.projectors:
            if projector.name == name:
                return projector
        raise KeyError(f"no projection named {name!r}: {[p.name for p in self.projectors]}")

    # ----------------------------------------------------------- keeping current

    def catch_up(self) -> int:
        """Fold every pending event into every view, in this thread. A process that reads
        the views only waits instead (up to ``wait_timeout``) until the projector has
        folded every event written so far, or raises `ViewsBehindError`."""
        if not self.folding:
            self._await_heads()
            return 0
        done = sum(catch_up_together(group) for group in self._by_app())
        with self._advanced:
            self._advanced.notify_all()
        return done

    def _await_heads(self) -> None:
        for group in self._by_app():
            app = group[0].app
            head = app.recorder.max_notification_id() or 0
            if not self.wait_for(head, self.wait_timeout, app=app):
                raise ViewsBehindError("views_behind", position=head, seconds=self.wait_timeout)

    def ready(self) -> bool:
        """Whether every view's tables are made at this code's schema version: at once in a
        process that folds; in one that reads only, once the projector has made them."""
        try:
            with self.db.reading() as cur:
                versions = read_versions(cur)
        except MISSING_TABLE:
            return False
        return all(versions.get(p.name) == p.view.schema_version for p in self.projectors)

    def wait_until_ready(self, timeout: float, *, say_every: float = 10.0) -> bool:
        """Wait (up to ``timeout``) until `ready` and every view has folded the logs as
        they stood then: what a process that folds has done before its first request (a
        worker answering earlier would refuse every token issued since the projector
        last ran). Says in the log now and then what it waits for; False if the time
        ran out."""
        deadline = time.monotonic() + timeout
        said = time.monotonic()
        heads: list[tuple[list[Projector], int]] | None = None
        while True:
            if heads is None and self.ready():
                heads = [(g, g[0].app.recorder.max_notification_id() or 0) for g in self._by_app()]
            if heads is not None and all(min(self.refresh(g)) >= head for g, head in heads):
                return True
            if time.monotonic() >= deadline:
                return False
            if time.monotonic() - said >= say_every:
                waited = "fold the logs" if heads is not None else "make the views' tables"
                log.warning("waiting for tidtam projector to %s", waited)
                said = time.monotonic()
            time.sleep(min(self.poll_interval, 0.5))

    def _by_app(self) -> list[list[Projector]]:
        groups: dict[int, list[Projector]] = {}
        for projector in self.projectors:
            groups.setdefault(id(projector.app), []).append(projector)
        return list(groups.values())

    def start(self) -> None:
        """Keep the views current from a background thread until `stop`."""
        if self._thread is None:
            self._stopping.clear()
            self._thread = threading.Thread(
                target=self._run, name="tidtam-projections", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._nudged.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def nudge(self) -> None:
        """Tell the thread that new events were just written here."""
        self._nudged.set()

    def wait_for(
        self, position: int, timeout: float = 5.0, *, app: Application[UUID] | None = None
    ) -> bool:
        """Wait until every view of ``app`` (default: the tracker) has folded ``position``;
        False if ``timeout`` passed first."""
        deadline = time.monotonic() + timeout
        source = app or self.tracker
        waiting = [p for p in self.projectors if p.app is source]
        if not self.folding:
            return self._poll(waiting, position, deadline)
        self.nudge()
        with self._advanced:
            while min(p.position() for p in waiting) < position:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                if self._thread is None:
                    self.catch_up()
                else:
                    self._advanced.wait(timeout=min(remaining, 0.05))
        return True

    def _poll(self, waiting: Sequence[Projector], position: int, deadline: float) -> bool:
        """Read the positions another process's projector writes until ``waiting`` reached
        ``position``; False at ``deadline``."""
        pause = POLL_FIRST
        while min(self.refresh(waiting)) < position:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, POLL_MOST)
        return True

    def refresh(self, projectors: Sequence[Projector] | None = None) -> list[int]:
        """The stored positions of ``projectors`` (default: all), read in one query; each
        projector's ``seen`` moves up to its own, so what keys on it sees the change."""
        chosen = self.projectors if projectors is None else projectors
        with self.db.reading() as cur:
            stored = read_positions(cur)
        for projector in chosen:
            projector.seen = max(projector.seen, stored.get(projector.name, 0))
        return [stored.get(projector.name, 0) for projector in chosen]

    def rebuild(self, names: Sequence[str] = (), progress: Progress | None = None) -> int:
        """Rebuild the named views (default: all), each application's in one pass over
        its log. Returns how many views were rebuilt."""
        chosen = [p for p in self.projectors if not names or p.name in names]
        unknown = set(names) - {p.name for p in chosen}
        if unknown:
            raise KeyError(
                f"no projection named {sorted(unknown)}: {[p.name for p in self.projectors]}"
            )
        for app in {id(p.app): p.app for p in chosen}.values():
            rebuild_together([p for p in chosen if p.app is app], progress)
        return len(chosen)

    def status(self) -> list[ProjectionStatus]:
        return [projector.status() for projector in self.projectors]

    def close(self) -> None:
        self.stop()
        self.db.close()

    def _run(self) -> None:
        """Fold (or, reading only, follow the projector's positions) until stopped."""
        while not self._stopping.is_set():
            try:
                if self.folding:
                    self.catch_up()
                else:
                    self.refresh()
            except Exception:  # keep serving; the next pass retries from the last position
                log.exception("projection pass failed; retrying")
                time.sleep(self.poll_interval)
            interval = self.poll_interval if self.folding else min(self.poll_interval, FOLLOW_EVERY)
            self._nudged.wait(timeout=interval)
            self._nudged.clear()

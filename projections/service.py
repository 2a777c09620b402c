"""The projections of one process: their tables, a thread that keeps them current,
and read-your-writes.

After a local command the service is nudged and folds the new events at once;
events written by other processes are picked up by polling. A caller that has
a command's notification position can wait (with a bound) until every view
has reached it, so a page reloaded after saving shows what was saved.
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
    rebuild_together,
)
from storage.view_database import ViewDatabase

log = logging.getLogger(__name__)


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
    ) -> None:
        self.tracker = tracker
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
        for projector in self.projectors:
            projector.ensure_tables()

    def projector(self, name: str) -> Projector:
        for projector in self.projectors:
            if projector.name == name:
                return projector
        raise KeyError(f"no projection named {name!r}: {[p.name for p in self.projectors]}")

    # ----------------------------------------------------------- keeping current

    def catch_up(self) -> int:
        """Fold every pending event into every view, in this thread."""
        done = sum(catch_up_together(group) for group in self._by_app())
        with self._advanced:
            self._advanced.notify_all()
        return done

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
        while not self._stopping.is_set():
            try:
                self.catch_up()
            except Exception:  # keep serving; the next pass retries from the last position
                log.exception("projection pass failed; retrying")
                time.sleep(self.poll_interval)
            self._nudged.wait(timeout=self.poll_interval)
            self._nudged.clear()

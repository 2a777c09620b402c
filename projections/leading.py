"""``tidtam projector``'s work: every view folded for every process, by one leader.

In the multi-process shape the API workers and the scheduler read the views only
(``Projections(folding=False)``); this folds them. One process leads, holding the
projector's leader lock (``storage.leader_lock``: a PostgreSQL advisory lock, or
``flock`` beside a SQLite file); others started the same way wait as standbys and
take the lock when the leader's session or process ends, a SIGKILL included.

The lock saves work, not correctness: each batch is folded with its positions in
one transaction whose position rows are locked (``projections/runner.py``), so a
leader killed mid-batch leaves nothing of that batch, and two leaders at once (a
lock lost on a broken connection while the old leader still folds) still fold
each event once. The views' tables are made (or rebuilt at a new schema version)
by the leader only, when it takes the lock: readers wait for them.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable

from projections.service import Projections
from storage.leader_lock import LeaderLock

log = logging.getLogger(__name__)

CHECK_LOCK_EVERY = 2.0
"""Seconds between a leader's checks that it still holds its lock."""


class LeadingProjector:
    """Folds every view while it leads; waits for the lock while another does."""

    def __init__(
        self,
        open_projections: Callable[[], Projections],
        lock: LeaderLock,
        *,
        poll_interval: float = 0.05,
        standby_interval: float = 1.0,
    ) -> None:
        self.open_projections = open_projections
        """Makes the views' projections when this process comes to lead (their tables
        made, or rebuilt at a new schema version, then and only then)."""
        self.lock = lock
        self.poll_interval = poll_interval
        self.standby_interval = standby_interval
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.leading = threading.Event()
        """Set while this process leads (tests and logs)."""

    def run(self, stop: threading.Event) -> None:
        """Lead when the lock is free, stand by while it is not, until ``stop``."""
        said = False
        try:
            while not stop.is_set():
                if self.lock.try_acquire():
                    said = False
                    self._lead(stop)
                    continue
                if not said:
                    log.info("projector %s stands by: another process leads", self.worker)
                    said = True
                stop.wait(self.standby_interval)
        finally:
            self.lock.release()

    def _lead(self, stop: threading.Event) -> None:
        """Fold every view, from wherever the last leader committed, until ``stop`` or
        until the lock is found lost."""
        log.info("projector %s leads: folding every view", self.worker)
        projections = self.open_projections()
        self.leading.set()
        checked = time.monotonic()
        try:
            while not stop.is_set():
                folded = self._pass(projections)
                if time.monotonic() - checked >= CHECK_LOCK_EVERY:
                    if not self.lock.held():
                        log.warning("projector %s lost its lock; standing by", self.worker)
                        self.lock.release()
                        return
                    checked = time.monotonic()
                if not folded:
                    stop.wait(self.poll_interval)
        finally:
            self.leading.clear()
            projections.close()

    def _pass(self, projections: Projections) -> int:
        """One catch-up of every view; a failure is logged and the next pass retries from
        the last committed position."""
        try:
            return projections.catch_up()
        except Exception:
            log.exception("projector %s: a pass failed; retrying", self.worker)
            time.sleep(self.poll_interval)
            return 0

"""``tidtam projector``: the process that folds every view for every other process.

In the multi-process shape (``TIDTAM_PROJECTIONS=external``: ``tidtam serve
--workers N``, ``tidtam scheduler``) nobody else folds. Started twice, on one host or
two, the second waits as a standby and takes over when the first dies
(``projections/leading.py``). SIGTERM or Ctrl-C ends it between batches.
"""

from __future__ import annotations

import logging
import signal
import threading
from functools import partial
from pathlib import Path

import typer

from api.cli.common import console
from api.settings import Settings
from application.directory import Directory
from application.tracker import Tracker
from projections.leading import LeadingProjector
from projections.service import Projections
from scheduler.settings import SchedulerSettings
from storage.leader_lock import PROJECTOR, LeaderLock
from storage.store import Store


def register(app: typer.Typer) -> None:
    app.command("projector")(run_projector)


def run_projector() -> None:
    """Fold every view for the other processes; a second one stands by and takes over."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = Settings()
    store = Store.from_environ()
    tracker, directory = Tracker(store), Directory(store)
    # a SQLite store that is no file of its own locks beside the scheduler's lock file
    lock_file = Path(SchedulerSettings().lock_file).with_name(f"{PROJECTOR}.lock")
    leader = LeadingProjector(
        partial(_projections, tracker, directory),
        LeaderLock.for_store(store, str(lock_file), PROJECTOR),
        poll_interval=settings.projector_poll_interval,
        standby_interval=settings.standby_interval,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    console.print(f"projector on {store.describe()}; Ctrl-C stops it")
    try:
        leader.run(stop)
    except KeyboardInterrupt:
        pass
    finally:
        tracker.close()
        directory.close()


def _projections(tracker: Tracker, directory: Directory) -> Projections:
    return Projections(tracker, directory=directory)

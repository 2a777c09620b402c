"""A scheduler process for the crash tests, killed by its parent at a chosen moment.

``python -m tests.integration.scheduler_child DB SMTP_PORT MODE``:
* ``owed``: scan, owe the digest, print ``owed``, then hang before sending;
* ``sending``: as above, then hang inside the SMTP send, after claiming it.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import BANGKOK, FixedClock
from projections.service import Projections
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from scheduler.transports import Mailer
from storage.store import Store

NOW = datetime(2009, 2, 1, 8, 30, tzinfo=BANGKOK)


class HangingMailer(Mailer):
    def send(self, delivery: UUID, to: str, subject: str, body: str) -> str:
        print("sending", flush=True)
        time.sleep(3600)
        return "never"


def main(path: str, port: int, mode: str) -> None:
    clock = FixedClock(NOW)
    store = Store.sqlite(Path(path))
    tracker = Tracker(store, clock=clock)
    projections = Projections(tracker, directory=Directory(store, clock=clock))
    settings = SchedulerSettings(smtp_host="127.0.0.1", smtp_port=port, lock_file=path + ".lock")
    job = AlertScheduler(
        tracker, projections, settings, clock=clock, mailer=HangingMailer(settings)
    )
    job.catch_up_scans(date(2009, 2, 1))
    job.notify()
    job.digests(NOW)
    print("owed", flush=True)
    if mode == "sending":
        job.deliver(NOW)
    time.sleep(3600)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

"""The scheduler: APScheduler jobs that scan, notify, remind and deliver, in one leader process.

Jobs have stable ids (``replace_existing``), ``coalesce=True`` and a generous
``misfire_grace_time``, so a day missed while down is run once on restart. On
becoming leader — at start, or when a standby takes over from a dead leader —
the scheduler catches up every day since the last completed scan, which the
outbox records, so a fresh store has its alerts in the first minute. Between the
nightly scans, each delivery interval scans today again when anything was recorded
since (``rescan``): a reopened activity is flagged in seconds. Each job's body
takes its time from the clock it is given, so tests drive days directly and
nothing sleeps for the clock.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from application.outbox import Outbox
from application.tracker import Tracker
from domain.clock import BANGKOK, Clock
from projections.chain import AlertsChain
from projections.deliveries_view import DeliveriesView
from projections.runner import Projector, catch_up_together
from projections.service import Projections
from scheduler.alerting import Notifier, Sender
from scheduler.reminding import Reminder
from scheduler.scan import Scanner, ScanReport
from scheduler.settings import SchedulerSettings
from scheduler.transports import Mailer, Poster
from storage.leader_lock import LeaderLock

log = logging.getLogger(__name__)


class AlertScheduler:
    """Scans for late work, owes and sends alerts; one active across processes."""

    def __init__(
        self,
        tracker: Tracker,
        projections: Projections,
        settings: SchedulerSettings | None = None,
        *,
        clock: Clock | None = None,
        mailer: Mailer | None = None,
        poster: Poster | None = None,
        lock: LeaderLock | None = None,
    ) -> None:
        self.settings = settings or SchedulerSettings()
        self.tracker = tracker
        self.projections = projections
        self.clock = clock or tracker.clock
        self.outbox = Outbox(tracker.store, clock=self.clock)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.outbox_views = [
            Projector(self.outbox, projections.db, view)
            for view in (DeliveriesView(), AlertsChain())
        ]
        for projector in self.outbox_views:
            projector.ensure_tables()
        self.scanner = Scanner(tracker, projections.db, self.settings)
        self.notifier = Notifier(self.outbox, projections.db, self.settings)
        self.reminder = Reminder(self.outbox, tracker, projections.db, self.settings)
        self.sender = Sender(
            self.outbox, projections.db, self.settings, worker=self.worker,
            mailer=mailer, poster=poster,
        )  # fmt: skip
        self.lock = lock or LeaderLock.for_store(tracker.store, self.settings.lock_file)
        self._aps: BackgroundScheduler | None = None
        self._leading = threading.Event()
        self._busy = threading.Lock()
        self._scanned_upto: int | None = None
        """The log's head after this process last scanned (None: not yet)."""

    # ----------------------------------------------------------- the work

    def today(self) -> date:
        return self.clock.now().astimezone(BANGKOK).date()

    def catch_up_scans(self, until: date | None = None) -> list[ScanReport]:
        """Scan every day after the last completed scan, up to ``until`` (default today)."""
        until = until or self.today()
        last = self.outbox.last_scanned_day()
        day = last + timedelta(days=1) if last else until
        reports = []
        while day <= until:
            reports.append(self.scan(day))
            day += timedelta(days=1)
        return reports

    def scan(self, day: date) -> ScanReport:
        """Scan one day (idempotent) and record it as completed."""
        self.projections.catch_up()
        report = self.scanner.scan(day)
        self.projections.catch_up()
        self.outbox.scan_completed(day, raised=report.raised, resolved=report.resolved)
        self._scanned_upto = self._head()
        log.info("scan %s: %s raised, %s resolved", day, report.raised, report.resolved)
        return report

    def rescan(self) -> ScanReport | None:
        """Scan today again if anything was recorded since the last scan, so that work
        reopened, rescheduled or newly late is flagged within a delivery interval rather
        than the next night (a reopened activity 6,457 days late once showed nothing
        until a scan by hand). Idempotent: what holds already is not raised twice, and a
        day already recorded as scanned is not recorded again."""
        head = self._head()
        if head == self._scanned_upto:
            return None
        today = self.today()
        last = self.outbox.last_scanned_day()
        if last is None or last < today:
            reports = self.catch_up_scans(today)
            return reports[-1] if reports else None
        self.projections.catch_up()
        report = self.scanner.scan(today)
        self.projections.catch_up()
        self._scanned_upto = self._head()
        if report.raised or report.resolved:
            log.info("rescan %s: %s raised, %s resolved", today, report.raised, report.resolved)
        return report

    def _head(self) -> int:
        return self.tracker.recorder.max_notification_id() or 0

    def notify(self) -> int:
        """Owe webhook calls for flags raised or resolved since the last time."""
        self.projections.catch_up()
        return self.notifier.webhooks(self.today())

    def digests(self, now: datetime | None = None) -> int:
        """Owe today's digests if the digest hour has come (and they are not owed yet)."""
        moment = (now or self.clock.now()).astimezone(BANGKOK)
        if moment.hour < self.settings.digest_hour:
            return 0
        self.projections.catch_up()
        return len(self.notifier.digests(moment.date()))

    def reminders(self, now: datetime | None = None) -> int:
        """Owe today's reminders to staff (and their escalations) once the hour has come."""
        moment = (now or self.clock.now()).astimezone(BANGKOK)
        if moment.hour < self.settings.remind_hour:
            return 0
        self.projections.catch_up()
        return len(self.reminder.owe(moment.date()))

    def deliver(self, now: datetime | None = None) -> int:
        """Send what is owed and due."""
        catch_up_together(self.outbox_views)
        sent = self.sender.send_due(now or self.clock.now())
        catch_up_together(self.outbox_views)
        return sent

    def tick(self, now: datetime | None = None) -> None:
        """Everything a leader does, in order: scans, notifications, digests, reminders,
        deliveries."""
        self.catch_up_scans((now or self.clock.now()).astimezone(BANGKOK).date())
        self.notify()
        self.digests(now)
        self.reminders(now)
        self.deliver(now)

    # ----------------------------------------------------------- leadership

    def lead(self) -> bool:
        """Become leader if no one else is; on becoming leader, catch up."""
        if self.lock.held():
            return True
        if not self.lock.try_acquire():
            return False
        log.info("scheduler %s leads; catching up", self.worker)
        self._leading.set()
        self.run_as_leader(self.tick)
        return True

    def run_as_leader(self, job: Callable[[], object]) -> None:
        """Run a job body if this process leads, one job at a time, never letting it crash
        the scheduler thread."""
        if not self.lock.held() or not self._busy.acquire(blocking=False):
            return
        try:
            job()
        except Exception:
            log.exception("scheduler job failed; it runs again at its next time")
        finally:
            self._busy.release()

    # ----------------------------------------------------------- APScheduler

    def start(self) -> None:
        aps = BackgroundScheduler(
            timezone=BANGKOK,
            job_defaults={"coalesce": True, "misfire_grace_time": 12 * 3600, "max_instances": 1},
        )
        s = self.settings
        aps.add_job(self.lead, "interval", seconds=5, id="tidtam-leader", replace_existing=True)
        aps.add_job(
            lambda: self.run_as_leader(self.catch_up_scans), "cron", hour=s.scan_hour,
            minute=s.scan_minute, id="tidtam-scan", replace_existing=True,
        )  # fmt: skip
        aps.add_job(
            lambda: self.run_as_leader(self.digests), "cron", hour=s.digest_hour, minute=0,
            id="tidtam-digest", replace_existing=True,
        )  # fmt: skip
        aps.add_job(
            lambda: self.run_as_leader(lambda: (self.reminders(), self.deliver())), "cron",
            hour=s.remind_hour, minute=0, id="tidtam-remind", replace_existing=True,
        )  # fmt: skip
        aps.add_job(
            lambda: self.run_as_leader(lambda: (self.rescan(), self.notify(), self.deliver())),
            "interval",
            seconds=s.deliver_every_seconds, id="tidtam-deliver", replace_existing=True,
        )  # fmt: skip
        aps.start()
        self._aps = aps
        threading.Thread(target=self.lead, name="tidtam-scheduler-start", daemon=True).start()

    def stop(self) -> None:
        if self._aps is not None:
            self._aps.shutdown(wait=True)
            self._aps = None
        self.lock.release()
        self.outbox.close()

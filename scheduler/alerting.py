"""From flags to messages, and from messages to mail servers and webhooks.

The notifier owes a webhook call per flag raised or resolved (per configured
URL) and, once a day, each manager's digest. The sender claims owed deliveries
one by one and sends them. Both record everything in the outbox, so a crash
at any point loses nothing owed and sends nothing twice.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from uuid import UUID

from eventsourcing.persistence import RecordConflictError

from application.outbox import Outbox, Owed
from domain.deliveries import delivery_id
from domain.people import Role
from projections.alerts_view import AlertReader, AlertRow
from projections.checkpoints import Checkpoint
from projections.deliveries_view import DeliveriesReader
from projections.people_view import PeopleReader
from projections.queries import plans_in
from projections.rounds import reminders
from scheduler.digest import digest, webhook_body
from scheduler.settings import SchedulerSettings
from scheduler.transports import Mailer, Poster
from storage.view_database import ViewDatabase

log = logging.getLogger(__name__)
NOTIFIED = "notifier"


class Notifier:
    """Turns flags into owed messages: webhook calls at once, digests once a day."""

    def __init__(self, outbox: Outbox, db: ViewDatabase, settings: SchedulerSettings) -> None:
        self.outbox = outbox
        self.settings = settings
        self.db = db
        self.alerts = AlertReader(db)
        self.people = PeopleReader(db)
        self.checkpoint = Checkpoint(db, NOTIFIED)

    def alerts_position(self) -> int:
        return self.alerts.position()

    def webhooks(self, day: date) -> int:
        """Owe one call per configured URL for each flag raised or resolved since last time.

        Owing is idempotent (delivery ids are derived from the flag, the URL and the
        kind), so the checkpoint is moved after owing, in a transaction of its own:
        on SQLite the events and the views share one file, and a write transaction
        held across the outbox's own writes would wait on itself.
        """
        upto = self.alerts_position()
        after = self.checkpoint.read()
        if after >= upto:
            return 0
        owed = 0
        events = [("flag_raised", r) for r in self.alerts.raised_between(after, upto)]
        events += [("flag_resolved", r) for r in self.alerts.resolved_between(after, upto)]
        for kind, row in events:
            if _inhibited(row, day):
                continue
            for url in self.settings.webhook_urls:
                key = ("webhook", url, row.flag_id, kind)
                body = webhook_body(kind, row, delivery_id(*key))
                owed += self.outbox.owe(Owed(key, "webhook", url, kind, body), on=day) is not None
        self.checkpoint.advance(upto)
        return owed

    def digests(self, day: date) -> list[UUID]:
        """Owe each manager the digest for ``day`` (once; nothing when nothing is new).

        Without an SMTP server configured there is no one to send them through, so
        none are owed (the alerts stay on the pages and the API).
        """
        if not self.settings.smtp_host:
            return []
        upto = self.alerts_position()
        owed = []
        managers = self.people.in_role(Role.MANAGER)
        for manager in (m for m in managers if m.email):
            username, display_name, email = manager.username, manager.display_name, manager.email
            previous = self.outbox.digest_log(username)
            if previous is not None and previous.last_day is not None and previous.last_day >= day:
                continue
            after = previous.upto if previous else 0
            since = previous.last_day if previous and previous.last_day else day - timedelta(1)
            raised, resolved = (
                [r for r in rows if manager.reaches(r.organisation_code)]
                for rows in self._items(after, upto, since, day)
            )
            due = reminders(
                plans_in(self.db, manager.organisations), since, day, self.settings.rounds
            )
            text = digest(
                display_name, day, raised, resolved, f"{self.settings.public_url}/alerts", due
            )
            if text is None:
                continue
            subject, body = text
            ident = self.outbox.prepare_digest(
                username, day, upto=upto, items=len(raised) + len(resolved),
                message=Owed(("digest", username, day.isoformat()), "email", email, subject, body),
            )  # fmt: skip
            if ident is not None:
                owed.append(ident)
        return owed

    def _items(
        self, after: int, upto: int, since: date, day: date
    ) -> tuple[list[AlertRow], list[AlertRow]]:
        raised = [
            r
            for r in self.alerts.raised_between(after, upto)
            if not _inhibited(r, day)
            and not (r.snoozed_until and r.snoozed_until > day)
            and (r.resolved_position is None or r.resolved_position > upto)
        ]
        seen = {r.flag_id for r in raised}
        raised += [
            r
            for r in self.alerts.snooze_ended(since, day)
            if r.flag_id not in seen and r.detected_position <= after and not _inhibited(r, day)
        ]
        resolved = [
            r
            for r in self.alerts.resolved_between(after, upto)
            if r.detected_position <= after and not _inhibited(r, day)
        ]
        return raised, resolved


class Sender:
    """Sends owed deliveries, claiming each first so it goes out once."""

    def __init__(
        self,
        outbox: Outbox,
        db: ViewDatabase,
        settings: SchedulerSettings,
        *,
        worker: str,
        mailer: Mailer | None = None,
        poster: Poster | None = None,
    ) -> None:
        self.outbox = outbox
        self.settings = settings
        self.worker = worker
        self.deliveries = DeliveriesReader(db)
        self.mailer = mailer or Mailer(settings)
        self.poster = poster or Poster(settings)

    def candidates(self, now: datetime) -> list[UUID]:
        return self.deliveries.to_try(now, timedelta(seconds=self.settings.lease_seconds))

    def send_due(self, now: datetime) -> int:
        """Try every delivery that is due; returns how many were sent."""
        sent = 0
        lease = timedelta(seconds=self.settings.lease_seconds)
        for ident in self.candidates(now):
            delivery = self.outbox.delivery(ident)
            if not delivery.due(now, lease):
                continue
            by = self.outbox.byline("scheduler")
            delivery.claim(self.worker, by)
            try:
                self.outbox.save(delivery)
            except RecordConflictError:
                continue  # another sender claimed it first
            try:
                if delivery.channel == "email":
                    detail = self.mailer.send(
                        ident, delivery.recipient, delivery.subject, delivery.body
                    )
                else:
                    detail = self.poster.send(
                        ident, delivery.recipient, delivery.subject, delivery.body
                    )
            except Exception as error:  # any failure is recorded and retried with backoff
                log.warning("delivery %s to %s failed: %s", ident, delivery.recipient, error)
                delivery.failed(str(error) or type(error).__name__, self.outbox.byline("scheduler"),
                                max_attempts=self.settings.max_attempts)  # fmt: skip
            else:
                delivery.sent(detail, self.outbox.byline("scheduler"))
                sent += 1
            self.outbox.save(delivery)
        return sent


def _inhibited(row: AlertRow, day: date) -> bool:
    """No alerts for activities of a cancelled project."""
    return row.project_cancelled_on is not None and row.project_cancelled_on <= day

"""The outbox application: owes messages once, and keeps the scan, digest and reminder logs.

The alerts context's application service (its aggregates are in
`domain.deliveries`): owing is idempotent because a delivery's id is derived from
what it is about, and a conflict on save means another scheduler owed it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import RecordConflictError

from application.base import TidtamApplication
from domain.deliveries import (
    SCAN_LOG_ID,
    Delivery,
    DigestLog,
    ScanLog,
    delivery_id,
    digest_log_id,
)
from domain.recorded import Byline, Recorded, trigger
from domain.reminders import ReminderLog, reminder_log_id

SCHEDULER = "scheduler"


@dataclass
class Noted:
    """A reminder or an escalation to note in an activity's reminder log, with the
    messages that carry it (the log names their delivery ids)."""

    fields: dict[str, Any]
    messages: list[Owed]


@dataclass
class Owed:
    """A message to owe: where it goes and what it says."""

    key: tuple[object, ...]
    channel: str
    recipient: str
    subject: str
    body: str
    extra: dict[str, Any] = field(default_factory=dict)


class Outbox(TidtamApplication):
    """The alerts context: deliveries, the scan log, the digest and reminder logs."""

    name = "Alerts"

    def owe(self, message: Owed, *, on: date) -> UUID | None:
        """Owe a message once: owing the same key again appends nothing (returns None)."""
        ident = delivery_id(*message.key)
        if ident in self.repository:
            return None
        delivery = self._owed(ident, message, self.byline(SCHEDULER, on))
        try:
            self.save(delivery)
        except RecordConflictError:
            return None
        return ident

    def delivery(self, ident: UUID) -> Delivery:
        found: Delivery = self.repository.get(ident)
        return found

    def last_scanned_day(self) -> date | None:
        if SCAN_LOG_ID not in self.repository:
            return None
        log: ScanLog = self.repository.get(SCAN_LOG_ID)
        return log.last_day

    def scan_completed(self, day: date, *, raised: int, resolved: int) -> None:
        for _ in range(5):
            by = self.byline(SCHEDULER, min(day, self.clock.today()))
            if SCAN_LOG_ID in self.repository:
                log: ScanLog = self.repository.get(SCAN_LOG_ID)
            else:
                log = ScanLog._create(ScanLog.ScanLogStarted, id=SCAN_LOG_ID, **by.event_fields())
            trigger(log, ScanLog.ScanCompleted, by, day=day, raised=raised, resolved=resolved)
            try:
                self.save(log)
                return
            except RecordConflictError:
                continue

    def prepare_digest(
        self, username: str, day: date, *, upto: int, items: int, message: Owed
    ) -> UUID | None:
        """Owe a manager's digest for ``day`` and note up to where it reports — together,
        in one transaction, once (a second scheduler's attempt conflicts and appends nothing)."""
        ident = delivery_id(*message.key)
        if ident in self.repository:
            return None
        by = self.byline(SCHEDULER, day)
        log = self.digest_log(username) or DigestLog._create(
            DigestLog.DigestLogStarted, id=digest_log_id(username), username=username,
            **by.event_fields(),
        )  # fmt: skip
        delivery = self._owed(ident, message, by)
        trigger(
            log, DigestLog.DigestPrepared, by, day=day, upto=upto, delivery_id=ident, items=items
        )
        try:
            self.save(log, delivery)
        except RecordConflictError:
            return None
        return ident

    def digest_log(self, username: str) -> DigestLog | None:
        ident = digest_log_id(username)
        if ident not in self.repository:
            return None
        log: DigestLog = self.repository.get(ident)
        return log

    def reminder_log(self, activity_id: UUID) -> ReminderLog | None:
        ident = reminder_log_id(activity_id)
        if ident not in self.repository:
            return None
        log: ReminderLog = self.repository.get(ident)
        return log

    def note_reminders(
        self, activity_id: UUID, day: date, reminded: list[Noted], escalated: Noted | None
    ) -> list[UUID] | None:
        """Note the day's reminders (and escalation) about an activity and owe their
        messages, together, in one transaction: a second scheduler's attempt conflicts on
        the log and appends nothing (returns None)."""
        by = self.byline(SCHEDULER, day)
        log = self.reminder_log(activity_id) or ReminderLog._create(
            ReminderLog.ReminderLogStarted, id=reminder_log_id(activity_id),
            activity_id=activity_id, **by.event_fields(),
        )  # fmt: skip
        deliveries: list[Delivery] = []
        for noted, note in [(n, log.remind) for n in reminded] + (
            [(escalated, log.escalate)] if escalated else []
        ):
            ids = tuple(delivery_id(*m.key) for m in noted.messages)
            note(by, day=day, deliveries=ids, **noted.fields)
            for ident, m in zip(ids, noted.messages, strict=True):
                if ident not in self.repository:
                    deliveries.append(self._owed(ident, m, by))
        try:
            self.save(log, *deliveries)
        except RecordConflictError:
            return None
        return [d.id for d in deliveries]

    def reminders_noted(self) -> list[tuple[UUID, Recorded]]:
        """Every reminder and escalation noted, in the order recorded, each with the
        activity it is about: who was reminded of what and when, for people who audit."""
        started = ReminderLog.ReminderLogStarted.TOPIC
        topics = [started, ReminderLog.StaffReminded.TOPIC, ReminderLog.ReminderEscalated.TOPIC]
        about: dict[UUID, UUID] = {}
        noted: list[tuple[UUID, Recorded]] = []
        start = 1
        while batch := self.recorder.select_notifications(start, 1000, topics=topics):
            for notification in batch:
                event = self.mapper.to_domain_event(notification)
                if isinstance(event, ReminderLog.ReminderLogStarted):
                    about[event.originator_id] = event.activity_id
                elif isinstance(event, Recorded):
                    noted.append((about[event.originator_id], event))
            start = batch[-1].id + 1
        return noted

    @staticmethod
    def _owed(ident: UUID, message: Owed, by: Byline) -> Delivery:
        return Delivery._create(
            Delivery.DeliveryOwed, id=ident, channel=message.channel,
            recipient=message.recipient, subject=message.subject, body=message.body,
            **by.event_fields(),
        )  # fmt: skip

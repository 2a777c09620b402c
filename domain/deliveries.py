"""The outbox's aggregates: every message owed, every attempt to send it, and how it went.

Alerting is a bounded context of its own (``alerts_events``; its application is
`application.outbox`). A message is owed as a :class:`Delivery` whose id is the
uuid5 of what it is about (this flag to this webhook, this manager's digest for
this day), so owing it twice appends nothing. A sender *claims* a delivery by
appending ``DeliveryClaimed`` at the version it read before sending: of two
senders, one claim fails and only one sends. After a crash, what was owed and not
sent is still owed; what was sent is recorded and not sent again. A claim left
without an outcome (the sender died mid-send) is retried after a lease, with the
same Message-ID or Idempotency-Key, so a receiver can recognise the retry.

The scan log (``ScanCompleted``) and the digest log (``DigestPrepared``) live
here too: the scheduler catches up from the last completed scan day, and each
manager's digest reports what is new since their last one.

They live in the domain, below the views, so the deliveries view can fold them;
their topics are explicit names, so events stored before the move still load.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.ids import NAMESPACE
from domain.recorded import Byline, Recorded, RecordedCreation, trigger

BACKOFF = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
"""Seconds to wait before each retry of a failed delivery."""


def delivery_id(*natural_key: object) -> UUID:
    return uuid5(NAMESPACE, "delivery|" + "|".join(str(part) for part in natural_key))


class Delivery(Aggregate):
    """One message owed to one recipient over one channel."""

    TOPIC = "tidtam.Delivery"

    if TYPE_CHECKING:
        channel: str
        recipient: str
        subject: str
        body: str
        attempts: int
        state: str
        claimed_at: datetime | None
        next_attempt_at: datetime | None

    Event = Recorded

    class DeliveryOwed(RecordedCreation):
        """A message must be sent: its whole content is fixed here, for retries."""

        TOPIC = "tidtam.DeliveryOwed"
        channel: str  # email | webhook
        recipient: str
        subject: str
        body: str

        def apply(self, delivery: Delivery) -> None:
            delivery.channel = self.channel
            delivery.recipient = self.recipient
            delivery.subject = self.subject
            delivery.body = self.body
            delivery.attempts = 0
            delivery.state = "owed"
            delivery.claimed_at = None
            delivery.next_attempt_at = self.timestamp

    Created = DeliveryOwed

    class DeliveryClaimed(Recorded):
        """A sender is about to send (only one claim per attempt can be appended)."""

        TOPIC = "tidtam.DeliveryClaimed"
        attempt: int
        worker: str

        def apply(self, delivery: Delivery) -> None:
            delivery.attempts = self.attempt
            delivery.state = "claimed"
            delivery.claimed_at = self.timestamp

    class DeliverySent(Recorded):
        """The message was accepted by the mail server or the webhook receiver."""

        TOPIC = "tidtam.DeliverySent"
        attempt: int
        detail: str

        def apply(self, delivery: Delivery) -> None:
            delivery.state = "sent"

    class DeliveryFailed(Recorded):
        """An attempt failed; another follows at ``retry_at``."""

        TOPIC = "tidtam.DeliveryFailed"
        attempt: int
        error: str
        retry_at: datetime

        def apply(self, delivery: Delivery) -> None:
            delivery.state = "failed"
            delivery.next_attempt_at = self.retry_at

    class DeliveryAbandoned(Recorded):
        """Every attempt failed; a person has to look."""

        TOPIC = "tidtam.DeliveryAbandoned"
        attempt: int
        error: str

        def apply(self, delivery: Delivery) -> None:
            delivery.state = "abandoned"

    def due(self, now: datetime, lease: timedelta) -> bool:
        """Should a sender try it now?"""
        if self.state in ("owed", "failed"):
            return self.next_attempt_at is None or self.next_attempt_at <= now
        if self.state == "claimed" and self.claimed_at is not None:
            return now - self.claimed_at > lease
        return False

    def claim(self, worker: str, by: Byline) -> int:
        trigger(self, self.DeliveryClaimed, by, attempt=self.attempts + 1, worker=worker)
        return self.attempts

    def sent(self, detail: str, by: Byline) -> None:
        trigger(self, self.DeliverySent, by, attempt=self.attempts, detail=detail)

    def failed(self, error: str, by: Byline, *, max_attempts: int) -> None:
        if self.attempts >= max_attempts:
            trigger(self, self.DeliveryAbandoned, by, attempt=self.attempts, error=error)
            return
        wait = BACKOFF[min(self.attempts - 1, len(BACKOFF) - 1)]
        retry_at = by.recorded_at + timedelta(seconds=wait)
        trigger(
            self, self.DeliveryFailed, by, attempt=self.attempts, error=error, retry_at=retry_at
        )


class ScanLog(Aggregate):
    """The days the scheduler has scanned, so a restart catches up on missed ones."""

    TOPIC = "tidtam.ScanLog"

    if TYPE_CHECKING:
        last_day: date | None

    Event = Recorded

    class ScanLogStarted(RecordedCreation):
        TOPIC = "tidtam.ScanLogStarted"

        def apply(self, log: ScanLog) -> None:
            log.last_day = None

    Created = ScanLogStarted

    class ScanCompleted(Recorded):
        """Every rule was evaluated for ``day`` and its findings recorded."""

        TOPIC = "tidtam.ScanCompleted"
        day: date
        raised: int
        resolved: int

        def apply(self, log: ScanLog) -> None:
            if log.last_day is None or self.day > log.last_day:
                log.last_day = self.day


class DigestLog(Aggregate):
    """One manager's digests: up to which notification position each reported."""

    TOPIC = "tidtam.DigestLog"

    if TYPE_CHECKING:
        username: str
        last_day: date | None
        upto: int

    Event = Recorded

    class DigestLogStarted(RecordedCreation):
        TOPIC = "tidtam.DigestLogStarted"
        username: str

        def apply(self, log: DigestLog) -> None:
            log.username = self.username
            log.last_day = None
            log.upto = 0

    Created = DigestLogStarted

    class DigestPrepared(Recorded):
        """The digest for ``day`` reports flags raised or resolved up to ``upto``."""

        TOPIC = "tidtam.DigestPrepared"
        day: date
        upto: int
        delivery_id: UUID
        items: int

        def apply(self, log: DigestLog) -> None:
            log.last_day = self.day
            log.upto = self.upto


SCAN_LOG_ID = uuid5(NAMESPACE, "scan-log")


def digest_log_id(username: str) -> UUID:
    return uuid5(NAMESPACE, f"digest-log|{username}")

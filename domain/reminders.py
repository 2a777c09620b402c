"""Reminders to the people who do the work, and their stepping up to managers, as events.

Managers hear of late work in their digest; the staff who would record it mostly do
not look until someone asks. A :class:`ReminderLog` per activity keeps every reminder
a staff member was sent about it (``StaffReminded``: who, the day, why, which
deliveries carried it) and every time the silence was taken to the unit's managers
(``ReminderEscalated``). The scheduler decides from this log alone, never from memory,
whether a person is due another reminder and how many reminders went unanswered, so a
restart neither sends again nor forgets. It lives in the outbox's log
(``alerts_events``) beside the deliveries it owes, saved with them in one transaction.

A reminder is *ignored* when no work (start, progress, a step done, spending,
completion: :data:`WORK_RECORDED`) was recorded on the activity after it; after
``escalate_after`` ignored reminder days the next one also goes to the managers, and
the count starts again.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.activity import Activity
from domain.ids import NAMESPACE
from domain.recorded import Byline, Recorded, RecordedCreation, trigger
from domain.words import STATUSES, Words

WORK_RECORDED: tuple[type[Recorded], ...] = (
    Activity.ActivityStarted,
    Activity.ProgressRecorded,
    Activity.StepCompleted,
    Activity.ExpenditureRecorded,
    Activity.ActivityCompleted,
)
"""What answers a reminder: work recorded on the activity after it."""

REASONS = {
    "due": Words("ถึงกำหนดในเดือนนี้", "due this month"),
    "late": Words("ล่าช้า", "late"),
    "stale": Words("ไม่ได้บันทึกผล", "nothing recorded lately"),
}
"""Why a person is reminded (the reasons of the work owed), a word or two each: where
reasons are listed side by side (a reminder's subject, the reminder log in the CLI)."""

REASON_LINES = {
    "due": Words(REASONS["due"].th, "Due this month"),
    "late": Words(REASONS["late"].th + " {days} วัน", "{days} days late"),
    "behind": Words(STATUSES["behind"].th, "Behind plan"),
    "stale": Words(REASONS["stale"].th + "มา {days} วัน", "Nothing recorded for {days} days"),
    "never": Words("ยังไม่เคยบันทึกผล", "Nothing recorded yet"),
}
"""A reason as a line about one activity, in the words of the page of one's own work
(``/my-work``) and of the reminder e-mail, so the two agree: late with its days, or
behind plan when nothing is past its due day yet; nothing recorded for its days, or
nothing ever."""


class ReminderLog(Aggregate):
    """Every reminder about one activity, and every escalation of it to managers."""

    TOPIC = "tidtam.ReminderLog"

    if TYPE_CHECKING:
        activity_id: UUID
        reminders: list[tuple[datetime, date, str]]
        escalated_on: date | None

    Event = Recorded

    class ReminderLogStarted(RecordedCreation):
        TOPIC = "tidtam.ReminderLogStarted"
        activity_id: UUID

        def apply(self, log: ReminderLog) -> None:
            log.activity_id = self.activity_id
            log.reminders = []
            log.escalated_on = None

    Created = ReminderLogStarted

    class StaffReminded(Recorded):
        """``username`` was reminded on ``day`` to record on the activity, for ``reasons``."""

        TOPIC = "tidtam.StaffReminded"
        username: str
        day: date
        reasons: tuple[str, ...]
        due_on: date | None
        days_late: int
        deliveries: tuple[UUID, ...]

        def apply(self, log: ReminderLog) -> None:
            log.reminders.append((self.timestamp, self.day, self.username))

    class ReminderEscalated(Recorded):
        """The unit's ``managers`` were told that ``staff`` left ``ignored`` reminders
        unanswered."""

        TOPIC = "tidtam.ReminderEscalated"
        day: date
        managers: tuple[str, ...]
        staff: tuple[str, ...]
        ignored: int
        deliveries: tuple[UUID, ...]

        def apply(self, log: ReminderLog) -> None:
            log.escalated_on = self.day

    def due_for(self, username: str, day: date, every_days: int) -> bool:
        """Is ``username`` due a reminder on ``day``, reminded at most every ``every_days``?"""
        last = next((d for _, d, who in reversed(self.reminders) if who == username), None)
        return last is None or (day - last).days >= every_days

    def ignored(self, last_work_at: datetime | None) -> tuple[int, tuple[str, ...]]:
        """How many reminder days went unanswered (no work recorded after them) since the
        last escalation, and who was reminded on them."""
        days: set[date] = set()
        people: dict[str, None] = {}
        for at, day, username in self.reminders:
            if last_work_at is not None and at <= last_work_at:
                continue
            if self.escalated_on is not None and day <= self.escalated_on:
                continue
            days.add(day)
            people[username] = None
        return len(days), tuple(people)

    def unanswered(self, last_work_at: datetime | None) -> int:
        """How many reminder days in a row went unanswered, escalations or not: the number
        a reminder gives itself is one more."""
        return len({d for at, d, _ in self.reminders if last_work_at is None or at > last_work_at})

    def remind(self, by: Byline, **fields: Any) -> None:
        trigger(self, self.StaffReminded, by, **fields)

    def escalate(self, by: Byline, **fields: Any) -> None:
        trigger(self, self.ReminderEscalated, by, **fields)


def reminder_log_id(activity_id: UUID) -> UUID:
    return uuid5(NAMESPACE, f"reminder-log|{activity_id}")

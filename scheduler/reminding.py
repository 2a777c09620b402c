"""Reminders to the staff whose work is owed, stepping up to their managers when ignored.

Each day from the reminder hour, every staff member of an activity's unit whose work
is due, late or stale (`projections.work_owed`) is owed one reminder — an e-mail to
their address in the directory and a call to each webhook — unless they were reminded
about it less than ``remind_every_days`` ago. When ``remind_escalate_after`` reminder
days went by with no work recorded on the activity, the reminder of the day also goes
to the unit's managers, naming the people reminded and the activity. Only people whose
roles hold in the organisation of the activity's plan are reminded, or told.

Everything is decided from the activity's reminder log (`domain.reminders`) and its own
events, and noted in the log with the messages owed in one transaction, so a restart or
a second scheduler neither reminds twice nor forgets a reminder already sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID

from application.outbox import Noted, Outbox, Owed
from application.tracker import Tracker
from domain.deliveries import delivery_id
from domain.people import Role
from domain.reminders import WORK_RECORDED
from domain.thai import name_key
from projections.people_view import Member, PeopleReader
from projections.work_owed import OwedWork, WorkOwedReader
from scheduler.reminder_text import escalation_mail, reminder_mail, reminder_webhook
from scheduler.settings import SchedulerSettings
from storage.view_database import ViewDatabase

REMINDED, ESCALATED = "staff_reminded", "reminder_escalated"


class Reminder:
    """Owes the day's reminders to staff, and their escalations to managers."""

    def __init__(
        self, outbox: Outbox, tracker: Tracker, db: ViewDatabase, settings: SchedulerSettings
    ) -> None:
        self.outbox = outbox
        self.tracker = tracker
        self.settings = settings
        self.people = PeopleReader(db)
        self.work = WorkOwedReader(db)

    def owe(self, day: date) -> list[UUID]:
        """Owe ``day``'s reminders (each once); returns the deliveries owed."""
        s = self.settings
        if s.remind_every_days <= 0:
            return []
        staff, managers = self.people.in_role(Role.STAFF), self.people.in_role(Role.MANAGER)
        owed: list[UUID] = []
        for work in self.work.owed(day, units=None, stale_days=s.stale_days):
            owed += self._remind(work, day, staff, managers)
        return owed

    def _remind(
        self, work: OwedWork, day: date, staff: list[Member], managers: list[Member]
    ) -> list[UUID]:
        """Owe one activity's reminders of the day, and its escalation if one is due."""
        s, unit = self.settings, name_key(work.unit)
        staff, managers = theirs(staff, work), theirs(managers, work)
        log = self.outbox.reminder_log(work.activity_id)
        due = [
            p
            for p in staff
            if unit in p.unit_keys
            and (log is None or log.due_for(p.username, day, s.remind_every_days))
        ]
        if not due:
            return []
        last_work_at = self._last_work_at(work.activity_id) if log else None
        ignored, reminded = log.ignored(last_work_at) if log else (0, ())
        number = (log.unanswered(last_work_at) if log else 0) + 1
        notes = [self._reminder(work, day, person, number) for person in due]
        notes = [n for n in notes if n.messages]
        escalation = None
        if s.remind_escalate_after and ignored >= s.remind_escalate_after:
            names = {p.username: p.display_name or p.username for p in staff}
            named = [(u, names.get(u, u)) for u in reminded]
            escalation = self._escalation(work, day, ignored, named, unit_managers(managers, unit))
            escalation = escalation if escalation.messages else None
        if not notes and escalation is None:
            return []
        return self.outbox.note_reminders(work.activity_id, day, notes, escalation) or []

    def _last_work_at(self, activity_id: UUID) -> datetime | None:
        """When work was last recorded on the activity (read from its own events)."""
        events = self.tracker.history(activity_id)
        times: list[datetime] = [e.timestamp for e in events if isinstance(e, WORK_RECORDED)]
        return max(times, default=None)

    def _reminder(self, work: OwedWork, day: date, person: Member, number: int) -> Noted:
        s = self.settings
        subject, body = reminder_mail(
            person.display_name or person.username,
            work,
            day,
            s.public_url,
            number=number,
            escalate_after=s.remind_escalate_after,
        )
        key = (REMINDED, work.activity_id, person.username, day.isoformat(), "+".join(work.reasons))
        messages = []
        if s.smtp_host and person.email:
            messages.append(Owed((*key, "email"), "email", person.email, subject, body))
        person_named = [(person.username, person.display_name)]
        messages += self._webhooks(REMINDED, key, work, day, person_named, f"{subject}\n\n{body}")
        fields = {
            "username": person.username,
            "reasons": tuple(work.reasons),
            "due_on": work.due_on,
            "days_late": work.days_late,
        }
        return Noted(fields, messages)

    def _escalation(
        self,
        work: OwedWork,
        day: date,
        ignored: int,
        staff: list[tuple[str, str]],
        managers: list[Member],
    ) -> Noted:
        s = self.settings
        key = (ESCALATED, work.activity_id, day.isoformat())
        names = [n for _, n in staff]
        messages = []
        for manager in managers:
            if s.smtp_host and manager.email:
                subject, body = escalation_mail(
                    manager.display_name or manager.username, work, day, s.public_url,
                    staff=names, ignored=ignored,
                )  # fmt: skip
                to = manager.email
                messages.append(Owed((*key, manager.username), "email", to, subject, body))
        subject, body = escalation_mail(
            "ผู้บริหาร", work, day, s.public_url, staff=names, ignored=ignored
        )
        text = f"{subject}\n\n{body}"
        messages += self._webhooks(ESCALATED, key, work, day, staff, text, ignored)
        fields = {
            "managers": tuple(m.username for m in managers),
            "staff": tuple(u for u, _ in staff),
            "ignored": ignored,
        }
        return Noted(fields, messages)

    def _webhooks(
        self,
        kind: str,
        key: tuple[object, ...],
        work: OwedWork,
        day: date,
        people: Sequence[tuple[str, str]],
        text: str,
        ignored: int = 0,
    ) -> list[Owed]:
        owed = []
        for url in self.settings.webhook_urls:
            ident = delivery_id(*key, "webhook", url)
            body = reminder_webhook(
                kind, work, day, ident, people=people, text=text, ignored=ignored
            )
            owed.append(Owed((*key, "webhook", url), "webhook", url, kind, body))
        return owed


def theirs(members: list[Member], work: OwedWork) -> list[Member]:
    """The members whose roles hold in the organisation of the work's plan: a staff
    member of กองช่าง in one municipality is never reminded of another's กองช่าง, nor
    its managers told."""
    return [m for m in members if m.reaches(work.organisation_code)]


def unit_managers(managers: list[Member], unit_key: str) -> list[Member]:
    """The managers who answer for a unit: those naming it among their units, else those
    naming none (they manage every unit)."""
    named = [m for m in managers if unit_key in m.unit_keys]
    return named or [m for m in managers if not m.unit_keys]

"""What every Tidtam event carries besides its own facts: who and when.

``actor`` is the authenticated person (or system job) that recorded the event;
``occurred_on`` is the business date it happened, which may be well before the
instant it was recorded (the library's ``timestamp``, UTC). Late entries are
normal in municipal work and stay visible as such because both dates are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from eventsourcing.domain import Aggregate

from domain.calendar import FiscalYear
from domain.clock import BANGKOK
from domain.errors import RuleViolation
from domain.words import Words


@dataclass(frozen=True, slots=True)
class Byline:
    """Who records a command, the business date it concerns, and the instant of recording.

    Commands carry one byline instead of three loose arguments, so no event can
    be triggered without its actor and dates, and tests can say what time it is.
    """

    actor: str
    occurred_on: date
    recorded_at: datetime

    def __post_init__(self) -> None:
        if not self.actor.strip():
            raise ValueError("an event needs an actor")
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must be timezone-aware")

    @property
    def today(self) -> date:
        """The recording day in Bangkok: business dates may not be after it."""
        return self.recorded_at.astimezone(BANGKOK).date()

    def event_fields(self) -> dict[str, Any]:
        """The fields every event takes from the byline."""
        return {
            "actor": self.actor,
            "occurred_on": self.occurred_on,
            "timestamp": self.recorded_at,
        }


class Recorded(Aggregate.Event):
    """Base of every event: the actor and the business date."""

    actor: str
    occurred_on: date
    aggregate_kind: ClassVar[str | None] = None
    """``plan``, ``project`` or ``activity``: whose event it is, for readers of the log
    that tell them apart (the audit trail). Set by `claim_events`."""


def claim_events(aggregate: type[Aggregate], kind: str) -> None:
    """Mark every event class the aggregate names as one of its own, whether defined in
    its body or beside the command that raises it in another module."""
    for value in vars(aggregate).values():
        if isinstance(value, type) and issubclass(value, Recorded):
            value.aggregate_kind = kind


class RecordedCreation(Recorded, Aggregate.Created):
    """Base of every event that creates an aggregate."""


def check_business_date(by: Byline, fiscal_year: FiscalYear) -> None:
    """Work is recorded for days that have happened, within or after its fiscal year."""
    occurred_on, today = by.occurred_on, by.today
    if occurred_on > today:
        raise RuleViolation(
            "business_date_not_in_future",
            field="occurred_on",
            occurred_on=occurred_on,
            today=today,
        )
    if occurred_on < fiscal_year.start:
        raise RuleViolation(
            "business_date_in_fiscal_year",
            field="occurred_on",
            occurred_on=occurred_on,
            fiscal_year=fiscal_year.be,
            start=fiscal_year.start,
        )


def check_planning_date(by: Byline) -> None:
    """A plan may be adopted before its fiscal year starts, but not in the future."""
    if by.occurred_on > by.today:
        raise RuleViolation(
            "business_date_not_in_future",
            field="occurred_on",
            occurred_on=by.occurred_on,
            today=by.today,
        )


def require_text(value: str | None, *, what: Words, field: str) -> str:
    """A reason or note that a rule demands must have some words in it."""
    if value is None or not value.strip():
        raise RuleViolation("reason_required", field=field, what=what)
    return value.strip()


def trigger(aggregate: Aggregate, event_class: type[Recorded], by: Byline, **fields: Any) -> None:
    """Trigger an event on ``aggregate`` with the byline's actor and dates."""
    aggregate.trigger_event(event_class, **by.event_fields(), **fields)

"""What an activity holds between commands: steps, the progress timeline, the ledger, flags.

The events' ``apply`` set this state and the commands read it. Both are written
against :class:`ActivityState`, so the modules that hold them by idea (progress,
spending, rescheduling, lifecycle, flags) need not import the aggregate that
gathers them, :class:`domain.activity.Activity`.

Progress is a timeline over business dates, not a single number: a late entry
("we reached 40% on 5 January", recorded on 20 February) lands at its date.
The percent in effect on a day is that of the latest entry dated on or before
it (ties go to the later recording).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.calendar import FiscalYear, Month
from domain.errors import RuleViolation
from domain.flags import Flag, FlagKey
from domain.money import ZERO
from domain.recorded import Byline, Recorded, check_business_date
from domain.values import shared_in_copies
from domain.words import STATUSES


class Status(StrEnum):
    """Where an activity stands, regardless of dates."""

    PLANNED = "planned"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"


@shared_in_copies
@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A step as planned: its number, its text and the months it is planned in."""

    number: int
    text: str
    planned_months: tuple[Month, ...]


@dataclass(slots=True)
class Step:
    """A step's state inside the activity."""

    number: int
    text: str
    planned_months: tuple[Month, ...]
    original_months: tuple[Month, ...]
    documented_months: tuple[Month, ...]
    """As the plan's latest document (adopted, or revision N) has them."""
    completed_on: date | None = None


@shared_in_copies
@dataclass(frozen=True, slots=True)
class ProgressEntry:
    """One point of the progress timeline; ``seq`` orders entries on the same day."""

    occurred_on: date
    percent: int
    seq: int


@shared_in_copies
@dataclass(frozen=True, slots=True)
class Expenditure:
    """One spending entry; a correction replaces the entry with its amount put right (the
    original stays in history)."""

    entry: int
    amount: Decimal
    reference: str
    occurred_on: date
    commitment: int = 0
    """The commitment (ก่อหนี้ผูกพัน) the payment draws on, by its number; 0: none."""


@shared_in_copies
@dataclass(frozen=True, slots=True)
class Commitment:
    """A contract or purchase order committing money (ก่อหนี้ผูกพัน); a correction replaces
    it with its amount put right."""

    entry: int
    number: str
    amount: Decimal
    occurred_on: date


@dataclass(slots=True)
class Ledger:
    """The activity's spending entries and commitments, each numbered from 1 in the order
    they were recorded."""

    entries: list[Expenditure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    def __deepcopy__(self, memo: dict[int, Any]) -> Ledger:
        """New lists sharing the entries: they are frozen (a correction replaces one)."""
        return Ledger(list(self.entries), list(self.commitments))

    @property
    def spent(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)

    def paid_against(self, commitment: int) -> Decimal:
        return sum((e.amount for e in self.entries if e.commitment == commitment), ZERO)

    @property
    def obligations(self) -> Decimal:
        """What the allocation must cover: each commitment (or what was paid against it,
        if more), and the spending that drew on none."""
        committed = sum((max(c.amount, self.paid_against(c.entry)) for c in self.commitments), ZERO)
        return committed + self.paid_against(0)


def progress_on(timeline: list[ProgressEntry], day: date) -> int:
    """The percent in effect on ``day``: the latest entry dated on or before it."""
    best: ProgressEntry | None = None
    for entry in timeline:
        if entry.occurred_on <= day and (
            best is None or (entry.occurred_on, entry.seq) >= (best.occurred_on, best.seq)
        ):
            best = entry
    return best.percent if best else 0


class ActivityState(Aggregate):
    """The state of an activity and what it says; its commands live beside their events."""

    Event = Recorded  # every event of an activity carries an actor and a business date

    if TYPE_CHECKING:  # state, set by the events' apply(); not dataclass fields
        plan_id: UUID
        section: str
        project_id: UUID
        code: str
        name: str
        details: str
        area: str
        unit: str
        fiscal_year: FiscalYear
        planned_months: tuple[Month, ...]
        original_months: tuple[Month, ...]
        documented_months: tuple[Month, ...]
        steps: dict[int, Step]
        original_allocation: Decimal | None
        allocation: Decimal
        documented_allocation: Decimal
        ledger: Ledger
        timeline: list[ProgressEntry]
        started_on: date | None
        completed_on: date | None
        cancelled_on: date | None
        reopened_on: date | None
        withdrawn_on: date | None
        revision: int
        flags: dict[FlagKey, Flag]
        output: tuple[Decimal, str] | None
        """The planned output: quantity and unit (``domain.activity_outputs``)."""
        deliveries: list[Any]
        evidence: list[Any]
        """Files attached as evidence (``domain.activity_evidence``)."""

        @property
        def status(self) -> Status:
            """Where the activity stands: ``Activity.status`` decides."""

    @property
    def spent(self) -> Decimal:
        return self.ledger.spent

    @property
    def remaining(self) -> Decimal:
        return self.allocation - self.spent

    def progress_on(self, day: date) -> int:
        """Percent complete in effect on ``day`` (100 from the completion date)."""
        if self.completed_on is not None and self.completed_on <= day:
            return 100
        return progress_on(self.timeline, day)

    @property
    def progress(self) -> int:
        """Percent complete as it stands now (the latest business date on record)."""
        return self.progress_on(date.max)

    def flag_by_id(self, flag_id: UUID) -> Flag:
        for flag in self.flags.values():
            if flag.flag_id == flag_id:
                return flag
        raise RuleViolation("flag_unknown", field="flag_id", code=self.code, flag=str(flag_id))

    @property
    def open_flags(self) -> list[Flag]:
        return [f for f in self.flags.values() if f.is_open]


# ----------------------------------------------------------------- guards every command shares


def check_open(activity: ActivityState, by: Byline, *, late_entry: bool = True) -> None:
    """Only corrections are recorded on a closed activity. An entry dated on or
    before the closing day is a late entry about an open activity and is
    accepted where ``late_entry`` allows it (progress, steps, spending)."""
    check_business_date(by, activity.fiscal_year)
    check_in_plan(activity)
    closed_on = activity.completed_on or activity.cancelled_on
    if closed_on is not None and (not late_entry or by.occurred_on > closed_on):
        raise RuleViolation("activity_closed", code=activity.code, status=STATUSES[activity.status])


def check_in_plan(activity: ActivityState) -> None:
    """Nothing more is recorded on an activity a revision took out of the plan."""
    if activity.withdrawn_on is not None:
        raise RuleViolation("activity_withdrawn", code=activity.code, on=activity.withdrawn_on)


def step_of(activity: ActivityState, number: int) -> Step:
    """The numbered step, or a refusal that lists the steps there are."""
    try:
        return activity.steps[number]
    except KeyError:
        raise RuleViolation(
            "step_unknown",
            field="step",
            code=activity.code,
            step=number,
            steps=tuple(sorted(activity.steps)) or "-",
        ) from None


def work_days(activity: ActivityState) -> list[date]:
    """The business dates of every progress entry, step done and spending recorded."""
    days = [e.occurred_on for e in activity.timeline]
    days += [s.completed_on for s in activity.steps.values() if s.completed_on is not None]
    days += [e.occurred_on for e in activity.ledger.entries]
    return days

"""An activity of the action plan: the unit of work, of spending and of concurrency.

One activity is one event stream. Staff record its start, progress, steps,
spending and completion; managers revise its budget and reschedule it. Every
rule of the plan that concerns one activity is checked here, before its event
is triggered, so a refused command leaves no event behind.

Progress is a timeline over business dates, not a single number: a late entry
("we reached 40% on 5 January", recorded on 20 February) lands at its date.
The percent in effect on a day is that of the latest entry dated on or before
it (ties go to the later recording). Entries must not make the timeline fall
unless they give a reason: that is what a correction is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.calendar import FiscalYear, Month
from domain.errors import RuleViolation
from domain.flags import Flag, FlagKey, Rule
from domain.money import ZERO
from domain.recorded import (
    Byline,
    Recorded,
    RecordedCreation,
    check_business_date,
    check_planning_date,
    require_text,
    trigger,
)
from domain.schedule import lifecycle
from domain.words import STATUSES, Words


class Status(StrEnum):
    """Where an activity stands, regardless of dates."""

    PLANNED = "planned"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


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
    completed_on: date | None = None


@dataclass(frozen=True, slots=True)
class ProgressEntry:
    """One point of the progress timeline; ``seq`` orders entries on the same day."""

    occurred_on: date
    percent: int
    seq: int


@dataclass(slots=True)
class Expenditure:
    """One spending entry; a correction replaces its amount, the original stays in history."""

    entry: int
    amount: Decimal
    reference: str
    occurred_on: date


@dataclass(slots=True)
class _Ledger:
    entries: list[Expenditure] = field(default_factory=list)

    @property
    def spent(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)


def progress_on(timeline: list[ProgressEntry], day: date) -> int:
    """The percent in effect on ``day``: the latest entry dated on or before it."""
    best: ProgressEntry | None = None
    for entry in timeline:
        if entry.occurred_on <= day and (
            best is None or (entry.occurred_on, entry.seq) >= (best.occurred_on, best.seq)
        ):
            best = entry
    return best.percent if best else 0


class Activity(Aggregate):
    """An activity (``1.1 กิจกรรม…``) with its steps, budget, progress and spending."""

    TOPIC = "tidtam.Activity"
    WHAT: ClassVar[Words] = Words("กิจกรรม", "activity")

    if TYPE_CHECKING:  # state, set by the events' apply(); not dataclass fields
        plan_id: UUID
        project_id: UUID
        code: str
        name: str
        details: str
        area: str
        unit: str
        fiscal_year: FiscalYear
        planned_months: tuple[Month, ...]
        original_months: tuple[Month, ...]
        steps: dict[int, Step]
        original_allocation: Decimal | None
        allocation: Decimal
        ledger: _Ledger
        timeline: list[ProgressEntry]
        started_on: date | None
        completed_on: date | None
        cancelled_on: date | None
        reopened_on: date | None
        flags: dict[FlagKey, Flag]

    # ----------------------------------------------------------------- events

    Event = Recorded  # every event of this aggregate carries an actor and a business date

    class ActivityPlanned(RecordedCreation):
        """The activity was put in the plan (from an imported table)."""

        TOPIC = "tidtam.ActivityPlanned"
        plan_id: UUID
        project_id: UUID
        code: str
        name: str
        details: str
        area: str
        unit: str
        fiscal_year: int
        planned_months: tuple[Month, ...]
        steps: tuple[PlannedStep, ...]

        def apply(self, activity: Activity) -> None:
            activity.plan_id = self.plan_id
            activity.project_id = self.project_id
            activity.code = self.code
            activity.name = self.name
            activity.details = self.details
            activity.area = self.area
            activity.unit = self.unit
            activity.fiscal_year = FiscalYear(self.fiscal_year)
            activity.planned_months = tuple(self.planned_months)
            activity.original_months = activity.planned_months
            activity.steps = {
                s.number: Step(s.number, s.text, tuple(s.planned_months), tuple(s.planned_months))
                for s in self.steps
            }
            activity.original_allocation = None
            activity.allocation = ZERO
            activity.ledger = _Ledger()
            activity.timeline = []
            activity.started_on = None
            activity.completed_on = None
            activity.cancelled_on = None
            activity.reopened_on = None
            activity.flags = {}

    Created = ActivityPlanned  # the library looks for a creation event by this name

    class BudgetAllocated(Recorded):
        """The plan's budget for the activity was set (the original allocation)."""

        TOPIC = "tidtam.BudgetAllocated"
        amount: Decimal

        def apply(self, activity: Activity) -> None:
            activity.original_allocation = self.amount
            activity.allocation = self.amount

    class BudgetRevised(Recorded):
        """The allocation was changed; the original stays visible beside it."""

        TOPIC = "tidtam.BudgetRevised"
        amount: Decimal
        previous: Decimal
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.allocation = self.amount

    class ActivityRescheduled(Recorded):
        """The activity's planned months were moved."""

        TOPIC = "tidtam.ActivityRescheduled"
        planned_months: tuple[Month, ...]
        previous: tuple[Month, ...]
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.planned_months = tuple(self.planned_months)

    class StepRescheduled(Recorded):
        """One step's planned months were moved."""

        TOPIC = "tidtam.StepRescheduled"
        step: int
        planned_months: tuple[Month, ...]
        previous: tuple[Month, ...]
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.steps[self.step].planned_months = tuple(self.planned_months)

    class ActivityStarted(Recorded):
        """Work on the activity began (its business date is the actual start)."""

        TOPIC = "tidtam.ActivityStarted"
        note: str

        def apply(self, activity: Activity) -> None:
            activity.started_on = self.occurred_on

    class StartCorrected(Recorded):
        """The day work began was put right, with the reason why: its business date is
        the corrected start, as an ``ActivityStarted``'s is the start."""

        TOPIC = "tidtam.StartCorrected"
        previous_start: date
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.started_on = self.occurred_on

    class ProgressRecorded(Recorded):
        """Staff reported how far the activity has got."""

        TOPIC = "tidtam.ProgressRecorded"
        percent: int
        note: str
        evidence: str | None

        def apply(self, activity: Activity) -> None:
            activity.timeline.append(
                ProgressEntry(self.occurred_on, self.percent, self.originator_version)
            )

    class ProgressCorrected(Recorded):
        """A progress figure was put right, with the reason why."""

        TOPIC = "tidtam.ProgressCorrected"
        percent: int
        reason: str
        evidence: str | None

        def apply(self, activity: Activity) -> None:
            activity.timeline.append(
                ProgressEntry(self.occurred_on, self.percent, self.originator_version)
            )

    class StepCompleted(Recorded):
        """One numbered step was done."""

        TOPIC = "tidtam.StepCompleted"
        step: int
        note: str

        def apply(self, activity: Activity) -> None:
            activity.steps[self.step].completed_on = self.occurred_on

    class ExpenditureRecorded(Recorded):
        """Money was spent from the activity's allocation."""

        TOPIC = "tidtam.ExpenditureRecorded"
        entry: int
        amount: Decimal
        reference: str
        note: str

        def apply(self, activity: Activity) -> None:
            activity.ledger.entries.append(
                Expenditure(self.entry, self.amount, self.reference, self.occurred_on)
            )

    class ExpenditureCorrected(Recorded):
        """A spending entry's amount was put right (0 voids it), with the reason why."""

        TOPIC = "tidtam.ExpenditureCorrected"
        entry: int
        amount: Decimal
        previous: Decimal
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.ledger.entries[self.entry - 1].amount = self.amount

    class ActivityCompleted(Recorded):
        """The activity was finished; progress is 100% from its business date."""

        TOPIC = "tidtam.ActivityCompleted"
        note: str
        steps_left_open: tuple[int, ...]

        def apply(self, activity: Activity) -> None:
            activity.completed_on = self.occurred_on

    class CompletionCorrected(Recorded):
        """The day the activity was finished was put right, with the reason why: its
        business date is the corrected completion, as an ``ActivityCompleted``'s is the
        completion."""

        TOPIC = "tidtam.CompletionCorrected"
        previous_completion: date
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.completed_on = self.occurred_on

    class ActivityCancelled(Recorded):
        """The activity will not be carried out."""

        TOPIC = "tidtam.ActivityCancelled"
        reason: str

        def apply(self, activity: Activity) -> None:
            activity.cancelled_on = self.occurred_on

    class ActivityReopened(Recorded):
        """A completion or cancellation was withdrawn (a correction), with the reason why."""

        TOPIC = "tidtam.ActivityReopened"
        reason: str
        was: str

        def apply(self, activity: Activity) -> None:
            activity.completed_on = None
            activity.cancelled_on = None
            activity.reopened_on = self.occurred_on

    class ActivityFlagged(Recorded):
        """The scheduler found the activity late under a rule (once per rule, step, period)."""

        TOPIC = "tidtam.ActivityFlagged"
        flag_id: UUID
        rule: str
        step: int
        period: str
        details: str

        def apply(self, activity: Activity) -> None:
            key = FlagKey(self.rule, self.step, self.period)
            activity.flags[key] = Flag(key, self.flag_id, self.occurred_on, self.details)

    class FlagResolved(Recorded):
        """What a flag said no longer holds (started, completed, rescheduled, …)."""

        TOPIC = "tidtam.FlagResolved"
        flag_id: UUID
        rule: str
        step: int
        period: str
        reason: str

        def apply(self, activity: Activity) -> None:
            flag = activity.flags[FlagKey(self.rule, self.step, self.period)]
            flag.resolved_on = self.occurred_on
            flag.resolved_reason = self.reason

    class FlagAcknowledged(Recorded):
        """A manager saw the flag and is dealing with it."""

        TOPIC = "tidtam.FlagAcknowledged"
        flag_id: UUID
        note: str

        def apply(self, activity: Activity) -> None:
            activity.flag_by_id(self.flag_id).acknowledged_by = self.actor

    class FlagSnoozed(Recorded):
        """A manager asked for quiet about the flag until a date."""

        TOPIC = "tidtam.FlagSnoozed"
        flag_id: UUID
        until: date
        note: str

        def apply(self, activity: Activity) -> None:
            activity.flag_by_id(self.flag_id).snoozed_until = self.until

    # ------------------------------------------------------------- creation

    @classmethod
    def plan(
        cls,
        *,
        id: UUID,
        plan_id: UUID,
        project_id: UUID,
        code: str,
        name: str,
        details: str,
        area: str,
        unit: str,
        fiscal_year: FiscalYear,
        planned_months: tuple[Month, ...],
        steps: tuple[PlannedStep, ...],
        by: Byline,
    ) -> Activity:
        """Put an activity into the plan; its budget is allocated separately."""
        check_planning_date(by)
        months = _checked_months(planned_months, fiscal_year, code=code)
        for step in steps:
            _check_in_fiscal_year(step.planned_months, fiscal_year)
        return cls._create(
            cls.ActivityPlanned,
            id=id,
            plan_id=plan_id,
            project_id=project_id,
            code=code,
            name=name,
            details=details,
            area=area,
            unit=unit,
            fiscal_year=fiscal_year.be,
            planned_months=months,
            steps=tuple(
                PlannedStep(s.number, s.text, tuple(sorted(set(s.planned_months)))) for s in steps
            ),
            **by.event_fields(),
        )

    # ------------------------------------------------------------- queries

    @property
    def status(self) -> Status:
        return Status(
            lifecycle(
                started_on=self.started_on,
                completed_on=self.completed_on,
                cancelled_on=self.cancelled_on,
            )
        )

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

    # ------------------------------------------------------------- commands

    def allocate(self, amount: Decimal, *, by: Byline) -> None:
        """Set the original allocation; the plan's project checks it fits its budget."""
        trigger(self, self.BudgetAllocated, by, amount=amount)

    def revise_budget(self, amount: Decimal, *, reason: str | None, by: Byline) -> None:
        """Change the allocation; it may not fall below what is already spent.

        Allowed on a closed activity too: returning what a finished or cancelled
        activity did not spend to its project is an administrative correction.
        """
        check_business_date(by, self.fiscal_year)
        why = require_text(
            reason, what=Words("การปรับงบประมาณ", "a budget revision"), field="reason"
        )
        if amount < ZERO:
            raise RuleViolation("allocation_not_negative", field="amount", amount=amount)
        if amount == self.allocation:
            raise RuleViolation(
                "no_change", field="amount", what=Words("งบประมาณ", "the allocation"), value=amount
            )
        if amount < self.spent:
            raise RuleViolation(
                "allocation_covers_spent",
                field="amount",
                code=self.code,
                spent=self.spent,
                amount=amount,
            )
        trigger(self, self.BudgetRevised, by, amount=amount, previous=self.allocation, reason=why)
        self._resolve_where("budget_revised", by, rule=Rule.OVER_BUDGET_RISK)

    def reschedule(
        self,
        months: tuple[Month, ...],
        *,
        step: int | None = None,
        reason: str | None,
        by: Byline,
    ) -> None:
        """Move the activity (or one of its steps) to other months of its fiscal year."""
        self._check_open(by, late_entry=False)
        why = require_text(reason, what=Words("การเลื่อนกำหนดการ", "rescheduling"), field="reason")
        label = self.code if step is None else f"{self.code} #{step}"
        new_months = _checked_months(months, self.fiscal_year, code=label)
        if step is None:
            if new_months == self.planned_months:
                raise RuleViolation(
                    "no_change",
                    field="months",
                    what=Words("กำหนดการ", "the schedule"),
                    value=new_months,
                )
            trigger(
                self,
                self.ActivityRescheduled,
                by,
                planned_months=new_months,
                previous=self.planned_months,
                reason=why,
            )
            self._resolve_where(
                "rescheduled", by, rule=Rule.LATE_START, unless_period=new_months[0].iso
            )
            self._resolve_where(
                "rescheduled", by, rule=Rule.OVERDUE, unless_period=new_months[-1].iso
            )
            return
        target = self._step(step)
        if new_months == target.planned_months:
            raise RuleViolation(
                "no_change",
                field="months",
                what=Words("กำหนดการ", "the schedule"),
                value=new_months,
            )
        trigger(
            self,
            self.StepRescheduled,
            by,
            step=step,
            planned_months=new_months,
            previous=target.planned_months,
            reason=why,
        )
        self._resolve_where(
            "rescheduled", by, rule=Rule.STEP_OVERDUE, step=step, unless_period=new_months[-1].iso
        )

    def start(self, *, note: str = "", by: Byline) -> None:
        """Record that work began on the byline's business date."""
        self._check_open(by)
        if self.started_on is not None:
            raise RuleViolation(
                "activity_already_started",
                field="occurred_on",
                code=self.code,
                started_on=self.started_on,
            )
        trigger(self, self.ActivityStarted, by, note=note)
        self._resolve_where("started", by, rule=Rule.LATE_START)

    def correct_start(self, *, reason: str | None, by: Byline) -> None:
        """Put the day work began right: the byline's business date is the true start.
        A correction, so allowed on a closed activity too; the start may not move after
        the first work recorded, nor after the day the activity closed."""
        check_business_date(by, self.fiscal_year)
        why = require_text(
            reason, what=Words("การแก้ไขวันเริ่มดำเนินการ", "a start correction"), field="reason"
        )
        if self.started_on is None:
            raise RuleViolation("activity_not_started", field="occurred_on", code=self.code)
        new_start = by.occurred_on
        if new_start == self.started_on:
            raise RuleViolation(
                "no_change",
                field="occurred_on",
                what=Words("วันเริ่มดำเนินการ", "the start"),
                value=new_start,
            )
        first_work = self._first_work_on()
        if first_work is not None and new_start > first_work:
            raise RuleViolation(
                "start_after_recorded_work",
                field="occurred_on",
                code=self.code,
                started_on=new_start,
                first_work=first_work,
            )
        closed_on = self.completed_on or self.cancelled_on
        if closed_on is not None and new_start > closed_on:
            raise RuleViolation(
                "start_after_closing",
                field="occurred_on",
                code=self.code,
                started_on=new_start,
                closed_on=closed_on,
            )
        trigger(self, self.StartCorrected, by, previous_start=self.started_on, reason=why)

    def record_progress(
        self,
        percent: int,
        *,
        note: str = "",
        evidence: str | None = None,
        reason: str | None = None,
        by: Byline,
    ) -> None:
        """Report progress; a figure that would make the timeline fall needs a reason."""
        _check_percent(percent)
        self._check_open(by)
        is_correction = bool(reason and reason.strip())
        if not is_correction:
            self._check_timeline_rises(percent, by.occurred_on)
            self._start_implicitly(by)
        if is_correction:
            trigger(
                self,
                self.ProgressCorrected,
                by,
                percent=percent,
                reason=(reason or "").strip(),
                evidence=evidence,
            )
        else:
            trigger(self, self.ProgressRecorded, by, percent=percent, note=note, evidence=evidence)
        self._resolve_where("progress", by, rule=Rule.STALLED)

    def complete_step(self, step: int, *, note: str = "", by: Byline) -> None:
        """Record that one numbered step was done."""
        self._check_open(by)
        target = self._step(step)
        if target.completed_on is not None:
            raise RuleViolation(
                "step_already_completed",
                field="step",
                step=step,
                code=self.code,
                completed_on=target.completed_on,
            )
        self._start_implicitly(by)
        trigger(self, self.StepCompleted, by, step=step, note=note)
        self._resolve_where("step_completed", by, rule=Rule.STEP_OVERDUE, step=step)

    def record_expenditure(
        self,
        amount: Decimal,
        *,
        reference: str = "",
        note: str = "",
        by: Byline,
    ) -> None:
        """Spend from the allocation; the total spent may not exceed it."""
        self._check_open(by)
        if amount <= ZERO:
            raise RuleViolation("expenditure_positive", field="amount", amount=amount)
        self._check_within_allocation(self.spent + amount, amount)
        self._start_implicitly(by)
        trigger(
            self,
            self.ExpenditureRecorded,
            by,
            entry=len(self.ledger.entries) + 1,
            amount=amount,
            reference=reference,
            note=note,
        )

    def correct_expenditure(
        self,
        entry: int,
        amount: Decimal,
        *,
        reason: str | None,
        by: Byline,
    ) -> None:
        """Put a spending entry right (a correction is allowed on a closed activity too)."""
        check_business_date(by, self.fiscal_year)
        why = require_text(
            reason, what=Words("การแก้ไขรายการเบิกจ่าย", "an expenditure correction"), field="reason"
        )
        if not 1 <= entry <= len(self.ledger.entries):
            raise RuleViolation(
                "expenditure_entry_unknown",
                field="entry",
                code=self.code,
                entry=entry,
                count=len(self.ledger.entries),
            )
        if amount < ZERO:
            raise RuleViolation("allocation_not_negative", field="amount", amount=amount)
        previous = self.ledger.entries[entry - 1].amount
        if amount == previous:
            raise RuleViolation(
                "no_change", field="amount", what=Words("รายการ", "the entry"), value=amount
            )
        self._check_within_allocation(self.spent - previous + amount, amount - previous)
        trigger(
            self,
            self.ExpenditureCorrected,
            by,
            entry=entry,
            amount=amount,
            previous=previous,
            reason=why,
        )

    def complete(self, *, note: str = "", by: Byline) -> None:
        """Finish the activity; every step must be done, or the note must say why not."""
        self._check_open(by, late_entry=False)
        open_steps = tuple(n for n, s in sorted(self.steps.items()) if s.completed_on is None)
        if open_steps and not note.strip():
            raise RuleViolation(
                "steps_done_before_completion", field="note", code=self.code, steps=open_steps
            )
        self._start_implicitly(by)
        trigger(self, self.ActivityCompleted, by, note=note.strip(), steps_left_open=open_steps)
        self._resolve_where("completed", by)

    def correct_completion(self, *, reason: str | None, by: Byline) -> None:
        """Put the day the activity was finished right: the byline's business date is the
        true completion. It may not fall before the start, before any work recorded, nor
        before the activity was last reopened (the completion in force came after that)."""
        check_business_date(by, self.fiscal_year)
        why = require_text(
            reason,
            what=Words("การแก้ไขวันที่เสร็จสิ้น", "a completion correction"),
            field="reason",
        )
        if self.completed_on is None:
            raise RuleViolation("activity_not_completed", field="occurred_on", code=self.code)
        new_completion = by.occurred_on
        if new_completion == self.completed_on:
            raise RuleViolation(
                "no_change",
                field="occurred_on",
                what=Words("วันที่เสร็จสิ้น", "the completion"),
                value=new_completion,
            )
        floors = (
            ("completion_before_start", "started_on", self.started_on),
            ("completion_before_recorded_work", "last_work", self._last_work_on()),
            ("completion_before_reopening", "reopened_on", self.reopened_on),
        )
        for rule, name, floor in floors:
            if floor is not None and new_completion < floor:
                raise RuleViolation(
                    rule, field="occurred_on", code=self.code, completed_on=new_completion,
                    **{name: floor},
                )  # fmt: skip
        trigger(
            self, self.CompletionCorrected, by, previous_completion=self.completed_on, reason=why
        )

    def cancel(self, *, reason: str | None, by: Byline) -> None:
        """Call the activity off, with the reason why."""
        self._check_open(by, late_entry=False)
        why = require_text(reason, what=Words("การยกเลิก", "cancelling"), field="reason")
        trigger(self, self.ActivityCancelled, by, reason=why)
        self._resolve_where("cancelled", by)

    def reopen(self, *, reason: str | None, by: Byline) -> None:
        """Withdraw a completion or cancellation that was recorded in error."""
        check_business_date(by, self.fiscal_year)
        why = require_text(reason, what=Words("การเปิดกิจกรรมใหม่", "reopening"), field="reason")
        if self.status not in (Status.COMPLETED, Status.CANCELLED):
            raise RuleViolation("activity_not_closed", code=self.code)
        trigger(self, self.ActivityReopened, by, reason=why, was=self.status.value)

    # ------------------------------------------------------------- flags

    def raise_flag(self, key: FlagKey, *, details: str, by: Byline) -> bool:
        """Raise a flag unless one with this key was ever raised; say whether it was."""
        if key in self.flags:
            return False
        check_business_date(by, self.fiscal_year)
        trigger(
            self, self.ActivityFlagged, by, flag_id=key.flag_id(self.id), rule=key.rule,
            step=key.step, period=key.period, details=details,
        )  # fmt: skip
        return True

    def resolve_flag(self, key: FlagKey, *, reason: str, by: Byline) -> bool:
        """Resolve an open flag; say whether there was one to resolve."""
        flag = self.flags.get(key)
        if flag is None or not flag.is_open:
            return False
        trigger(
            self, self.FlagResolved, by, flag_id=flag.flag_id, rule=key.rule, step=key.step,
            period=key.period, reason=reason,
        )  # fmt: skip
        return True

    def acknowledge_flag(self, flag_id: UUID, *, note: str = "", by: Byline) -> None:
        flag = self._open_flag(flag_id)
        trigger(self, self.FlagAcknowledged, by, flag_id=flag.flag_id, note=note)

    def snooze_flag(self, flag_id: UUID, *, until: date, note: str = "", by: Byline) -> None:
        flag = self._open_flag(flag_id)
        if until <= by.today:
            raise RuleViolation("snooze_in_future", field="until", until=until, today=by.today)
        trigger(self, self.FlagSnoozed, by, flag_id=flag.flag_id, until=until, note=note)

    def flag_by_id(self, flag_id: UUID) -> Flag:
        for flag in self.flags.values():
            if flag.flag_id == flag_id:
                return flag
        raise RuleViolation("flag_unknown", field="flag_id", code=self.code, flag=str(flag_id))

    @property
    def open_flags(self) -> list[Flag]:
        return [f for f in self.flags.values() if f.is_open]

    def _open_flag(self, flag_id: UUID) -> Flag:
        flag = self.flag_by_id(flag_id)
        if not flag.is_open:
            raise RuleViolation("flag_resolved", field="flag_id", code=self.code, flag=str(flag_id))
        return flag

    def _resolve_where(
        self,
        reason: str,
        by: Byline,
        *,
        rule: str | None = None,
        step: int | None = None,
        unless_period: str | None = None,
    ) -> None:
        """Resolve the open flags a command just made untrue."""
        for flag in self.open_flags:
            key = flag.key
            if rule is not None and key.rule != rule:
                continue
            if step is not None and key.step != step:
                continue
            if unless_period is not None and key.period == unless_period:
                continue
            self.resolve_flag(key, reason=reason, by=by)

    # ------------------------------------------------------------- guards

    def _check_open(self, by: Byline, *, late_entry: bool = True) -> None:
        """Only corrections are recorded on a closed activity. An entry dated on or
        before the closing day is a late entry about an open activity and is
        accepted where ``late_entry`` allows it (progress, steps, spending)."""
        check_business_date(by, self.fiscal_year)
        closed_on = self.completed_on or self.cancelled_on
        if closed_on is not None and (not late_entry or by.occurred_on > closed_on):
            raise RuleViolation("activity_closed", code=self.code, status=STATUSES[self.status])

    def _check_timeline_rises(self, percent: int, occurred_on: date) -> None:
        """Without a reason, progress may not fall: neither below the figure in
        effect on its date, nor above a figure already recorded for a later date."""
        before = self.progress_on(occurred_on)
        if percent < before:
            raise RuleViolation(
                "lower_percent_needs_reason", field="percent", percent=percent, last=before
            )
        for entry in sorted(self.timeline, key=lambda e: (e.occurred_on, e.seq)):
            if entry.occurred_on > occurred_on and entry.percent < percent:
                raise RuleViolation(
                    "progress_above_later_entry",
                    field="percent",
                    percent=percent,
                    occurred_on=occurred_on,
                    later=entry.percent,
                    later_on=entry.occurred_on,
                )

    def _check_within_allocation(self, new_total: Decimal, amount: Decimal) -> None:
        if new_total > self.allocation:
            raise RuleViolation(
                "spent_within_allocation",
                field="amount",
                amount=amount,
                code=self.code,
                allocation=self.allocation,
                spent=self.spent,
                remaining=self.remaining,
            )

    def _first_work_on(self) -> date | None:
        """The earliest business date of any progress, step or spending recorded."""
        return min(self._work_days(), default=None)

    def _last_work_on(self) -> date | None:
        """The latest business date of any progress, step or spending recorded."""
        return max(self._work_days(), default=None)

    def _work_days(self) -> list[date]:
        days = [e.occurred_on for e in self.timeline]
        days += [s.completed_on for s in self.steps.values() if s.completed_on is not None]
        days += [e.occurred_on for e in self.ledger.entries]
        return days

    def _start_implicitly(self, by: Byline) -> None:
        """Recording work on an activity nobody marked as started starts it that day."""
        if self.started_on is None:
            trigger(self, self.ActivityStarted, by, note="")
            self._resolve_where("started", by, rule=Rule.LATE_START)

    def _step(self, number: int) -> Step:
        try:
            return self.steps[number]
        except KeyError:
            raise RuleViolation(
                "step_unknown",
                field="step",
                code=self.code,
                step=number,
                steps=tuple(sorted(self.steps)) or "-",
            ) from None


def _check_percent(percent: int) -> None:
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise RuleViolation("percent_in_range", field="percent", percent=percent)


def _checked_months(
    months: tuple[Month, ...], fiscal_year: FiscalYear, *, code: str
) -> tuple[Month, ...]:
    """Planned months, sorted and without repeats, all inside the fiscal year."""
    if not months:
        raise RuleViolation(
            "planned_months_required", field="months", what=Words("กิจกรรม", "activity"), code=code
        )
    _check_in_fiscal_year(months, fiscal_year)
    return tuple(sorted(set(months)))


def _check_in_fiscal_year(months: tuple[Month, ...], fiscal_year: FiscalYear) -> None:
    for month in months:
        if not fiscal_year.contains(month):
            raise RuleViolation(
                "planned_month_in_fiscal_year",
                field="months",
                month=month,
                fiscal_year=fiscal_year.be,
                start=fiscal_year.start,
                end=fiscal_year.end,
            )

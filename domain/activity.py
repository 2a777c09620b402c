"""An activity of the action plan: the unit of work, of spending and of concurrency.

One activity is one event stream. Staff record its start, progress, steps,
spending and completion; managers revise its budget and reschedule it. Every
rule of the plan that concerns one activity is checked before its event is
triggered, so a refused command leaves no event behind.

The aggregate is gathered here from modules written by idea, each command beside
the events it raises: ``activity_progress`` (progress and steps),
``activity_spending`` (allocation and spending), ``activity_commitments`` (contracts and
orders binding the allocation), ``activity_outputs`` (outputs planned and delivered),
``activity_rescheduling`` (planned months), ``activity_lifecycle`` (start, completion, cancelling,
reopening and the corrections of their dates), ``activity_evidence`` (photos and PDFs
attached to records) and ``activity_flags``; the state
they share, and its value types, are ``activity_state``'s.
"""

from __future__ import annotations

from typing import Any, ClassVar
from uuid import UUID

from domain import (
    activity_commitments,
    activity_evidence,
    activity_flags,
    activity_lifecycle,
    activity_outputs,
    activity_progress,
    activity_rescheduling,
    activity_spending,
)
from domain.activity_rescheduling import check_in_fiscal_year, checked_months
from domain.activity_state import (
    ActivityState,
    Ledger,
    PlannedStep,
    ProgressEntry,
    Status,
    Step,
    progress_on,
)
from domain.calendar import FiscalYear, Month
from domain.ids import GUIDELINE_SECTION
from domain.money import ZERO
from domain.recorded import Byline, Recorded, RecordedCreation, check_planning_date, claim_events
from domain.schedule import lifecycle
from domain.words import Words

__all__ = ["Activity", "PlannedStep", "ProgressEntry", "Status", "Step", "progress_on"]


class ActivityPlanned(RecordedCreation):
    """The activity was put in the plan (from an imported table)."""

    TOPIC = "tidtam.ActivityPlanned"
    class_version = 2
    plan_id: UUID
    section: str
    project_id: UUID
    code: str
    name: str
    details: str
    area: str
    unit: str
    fiscal_year: int
    planned_months: tuple[Month, ...]
    steps: tuple[PlannedStep, ...]
    revision: int
    """0: in the plan as adopted; N: added by revision N."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 belonged to a plan of one guideline, as adopted: its one section."""
        state["section"] = GUIDELINE_SECTION
        state["revision"] = 0

    def apply(self, activity: ActivityState) -> None:
        activity.plan_id = self.plan_id
        activity.section = self.section
        activity.project_id = self.project_id
        activity.code = self.code
        activity.name = self.name
        activity.details = self.details
        activity.area = self.area
        activity.unit = self.unit
        activity.fiscal_year = FiscalYear(self.fiscal_year)
        activity.planned_months = tuple(self.planned_months)
        activity.original_months = activity.planned_months
        activity.documented_months = activity.planned_months
        activity.steps = {
            s.number: Step(s.number, s.text, *(tuple(s.planned_months),) * 3) for s in self.steps
        }
        activity.original_allocation = None
        activity.allocation = ZERO
        activity.documented_allocation = ZERO
        activity.ledger = Ledger()
        activity.timeline = []
        activity.started_on = None
        activity.completed_on = None
        activity.cancelled_on = None
        activity.reopened_on = None
        activity.withdrawn_on = None
        activity.revision = self.revision
        activity.flags = {}
        activity.output = None
        activity.deliveries = []
        activity.evidence = []


class Activity(ActivityState):
    """An activity (``1.1 กิจกรรม…``) with its steps, budget, progress and spending."""

    TOPIC = "tidtam.Activity"
    WHAT: ClassVar[Words] = Words("กิจกรรม", "activity")

    # --------------------------------------------- events (each beside its command)

    Event = Recorded  # every event of this aggregate carries an actor and a business date
    ActivityPlanned = ActivityPlanned
    Created = ActivityPlanned  # the library looks for a creation event by this name
    BudgetAllocated = activity_spending.BudgetAllocated
    BudgetRevised = activity_spending.BudgetRevised
    ExpenditureRecorded = activity_spending.ExpenditureRecorded
    ExpenditureCorrected = activity_spending.ExpenditureCorrected
    CommitmentRecorded = activity_commitments.CommitmentRecorded
    CommitmentCorrected = activity_commitments.CommitmentCorrected
    OutputPlanned = activity_outputs.OutputPlanned
    OutputDelivered = activity_outputs.OutputDelivered
    DeliveryCorrected = activity_outputs.DeliveryCorrected
    ActivityRescheduled = activity_rescheduling.ActivityRescheduled
    StepRescheduled = activity_rescheduling.StepRescheduled
    ActivityStarted = activity_lifecycle.ActivityStarted
    StartCorrected = activity_lifecycle.StartCorrected
    ActivityCompleted = activity_lifecycle.ActivityCompleted
    CompletionCorrected = activity_lifecycle.CompletionCorrected
    ActivityCancelled = activity_lifecycle.ActivityCancelled
    ActivityReopened = activity_lifecycle.ActivityReopened
    ActivityWithdrawn = activity_lifecycle.ActivityWithdrawn
    ProgressRecorded = activity_progress.ProgressRecorded
    ProgressCorrected = activity_progress.ProgressCorrected
    StepCompleted = activity_progress.StepCompleted
    ActivityFlagged = activity_flags.ActivityFlagged
    FlagResolved = activity_flags.FlagResolved
    FlagAcknowledged = activity_flags.FlagAcknowledged
    FlagSnoozed = activity_flags.FlagSnoozed
    EvidenceAttached = activity_evidence.EvidenceAttached
    EvidenceRemoved = activity_evidence.EvidenceRemoved

    # ------------------------------------------------------------- creation

    @classmethod
    def plan(
        cls,
        *,
        id: UUID,
        plan_id: UUID,
        section: str,
        project_id: UUID,
        code: str,
        name: str,
        details: str,
        area: str,
        unit: str,
        fiscal_year: FiscalYear,
        planned_months: tuple[Month, ...],
        steps: tuple[PlannedStep, ...],
        revision: int = 0,
        by: Byline,
    ) -> Activity:
        """Put an activity into the plan; its budget is allocated separately."""
        check_planning_date(by)
        months = checked_months(planned_months, fiscal_year, code=code)
        for step in steps:
            check_in_fiscal_year(step.planned_months, fiscal_year)
        return cls._create(
            cls.ActivityPlanned,
            id=id,
            plan_id=plan_id,
            section=section,
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
            revision=revision,
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
                withdrawn_on=self.withdrawn_on,
            )
        )

    # ------------------------------------------------------------- commands

    allocate = activity_spending.allocate
    revise_budget = activity_spending.revise_budget
    record_expenditure = activity_spending.record_expenditure
    correct_expenditure = activity_spending.correct_expenditure
    record_commitment = activity_commitments.record_commitment
    correct_commitment = activity_commitments.correct_commitment
    plan_output = activity_outputs.plan_output
    deliver_output = activity_outputs.deliver_output
    correct_delivery = activity_outputs.correct_delivery
    reschedule = activity_rescheduling.reschedule
    start = activity_lifecycle.start
    correct_start = activity_lifecycle.correct_start
    complete = activity_lifecycle.complete
    correct_completion = activity_lifecycle.correct_completion
    cancel = activity_lifecycle.cancel
    reopen = activity_lifecycle.reopen
    withdraw = activity_lifecycle.withdraw
    record_progress = activity_progress.record_progress
    correct_progress = activity_progress.correct_progress
    complete_step = activity_progress.complete_step
    attach_evidence = activity_evidence.attach_evidence
    remove_evidence = activity_evidence.remove_evidence

    # ------------------------------------------------------------- flags (the scheduler's)

    raise_flag = activity_flags.raise_flag
    resolve_flag = activity_flags.resolve_flag
    acknowledge_flag = activity_flags.acknowledge_flag
    snooze_flag = activity_flags.snooze_flag


claim_events(Activity, "activity")

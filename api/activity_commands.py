"""The commands recorded on an activity: one table for the JSON API, the pages and the metrics.

A row names the command (its name in the API and its label in
``tidtam_commands_total``), its path under ``/api/v1/activities/{activity_id}``,
the action the principal must hold on the activity's unit, its input and how it
calls the tracker. The API declares one route a row (``api.routes.activities``);
each of the activity page's forms names the row it submits (``api.web.forms``), so
the two ways in check the same permission and make the same call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from api.runtime import Runtime
from api.schemas.commands import (
    BudgetIn,
    CommandIn,
    CommitmentCorrectionIn,
    CommitmentIn,
    CompletionCorrectionIn,
    DeliveryCorrectionIn,
    DeliveryIn,
    ExpenditureCorrectionIn,
    ExpenditureIn,
    NoteIn,
    OutputPlanIn,
    ProgressCorrectionIn,
    ProgressIn,
    ReasonIn,
    RescheduleIn,
    StartCorrectionIn,
    StartIn,
)
from application.outcome import Outcome, When
from application.tracker import Tracker
from domain.calendar import Month
from domain.errors import InputError
from domain.evidence import EvidenceFile
from domain.parsing import parse_baht
from domain.policy import Action, Principal
from domain.thai import to_arabic_digits

B = TypeVar("B", bound=CommandIn)


@dataclass(frozen=True, slots=True)
class Asked(Generic[B]):
    """What one way in asks of the tracker: a command's input, on which activity, by whom."""

    tracker: Tracker
    activity_id: UUID
    body: B
    actor: str
    expected_version: int | None
    number: int = 0
    """The step or spending entry the command's path names (see ``Item``)."""
    attached: tuple[EvidenceFile, ...] = ()
    """Evidence files for the record, checked by content (``domain.evidence``)."""

    @property
    def when(self) -> When:
        return {
            "actor": self.actor,
            "occurred_on": self.body.occurred_on,
            "expected_version": self.expected_version,
            "attached": self.attached,
        }


@dataclass(frozen=True, slots=True)
class Item:
    """A number in a command's path: which step (``{step}``) or spending entry."""

    name: str
    most: int
    """The largest the path accepts."""


@dataclass(frozen=True, slots=True)
class ActivityCommand(Generic[B]):
    """One command on an activity, as every way in records it."""

    name: str
    """The API's name for it, and its label in ``tidtam_commands_total``."""
    path: str
    """Below ``/api/v1/activities/{activity_id}``."""
    operation: str
    """The route's name: OpenAPI's operation id and summary are made from it."""
    action: Action
    body: type[B]
    run: Callable[[Asked[B]], Outcome]
    """Its call to the tracker."""
    doc: str
    item: Item | None = None

    def permit(self, who: Principal, runtime: Runtime, activity_id: UUID) -> None:
        """Refuse unless ``who`` may take this command's action on the activity's unit.
        Callers check inside ``Metrics.counted``, so a refusal counts as "forbidden"."""
        who.require(self.action, runtime.unit_of(activity_id))


def _progress(c: Asked[ProgressIn]) -> Outcome:
    """Record progress; with a reason it is a correction, as it was before
    ``progress/correction`` said so on its own."""
    b = c.body
    if b.reason and b.reason.strip():
        return c.tracker.correct_progress(
            c.activity_id, b.percent, reason=b.reason, evidence=b.evidence, **c.when
        )
    return c.tracker.record_progress(
        c.activity_id, b.percent, note=b.note, evidence=b.evidence, **c.when
    )


def _month(text: str) -> Month:
    try:
        return Month.from_iso(text)
    except ValueError:
        raise InputError("month_format", field="months", text=text) from None


START = ActivityCommand(
    name="start",
    path="/start",
    operation="start",
    action=Action.RECORD,
    body=StartIn,
    run=lambda c: c.tracker.start(c.activity_id, note=c.body.note, **c.when),
    doc="Record that work on the activity began.",
)
START_CORRECTION = ActivityCommand(
    name="start_correction",
    path="/start/correction",
    operation="correct_start",
    action=Action.RECORD,
    body=StartCorrectionIn,
    run=lambda c: c.tracker.correct_start(c.activity_id, reason=c.body.reason, **c.when),
    doc="Put the day work began right, with the reason why; ``occurred_on`` is the true start.",
)
PROGRESS = ActivityCommand(
    name="progress",
    path="/progress",
    operation="progress",
    action=Action.RECORD,
    body=ProgressIn,
    run=_progress,
    doc="Record progress; a lower figure than before needs a reason (a correction).",
)
PROGRESS_CORRECTION = ActivityCommand(
    name="progress_correction",
    path="/progress/correction",
    operation="correct_progress",
    action=Action.RECORD,
    body=ProgressCorrectionIn,
    run=lambda c: c.tracker.correct_progress(
        c.activity_id, c.body.percent, reason=c.body.reason, evidence=c.body.evidence, **c.when
    ),
    doc=(
        "Put a progress figure right, with the reason why: the one way progress may fall."
        " It lands at its ``occurred_on`` like any entry."
    ),
)
EXPENDITURE = ActivityCommand(
    name="expenditure",
    path="/expenditures",
    operation="spend",
    action=Action.RECORD,
    body=ExpenditureIn,
    run=lambda c: c.tracker.record_expenditure(
        c.activity_id,
        parse_baht(c.body.amount),
        reference=c.body.reference,
        note=c.body.note,
        commitment=c.body.commitment,
        **c.when,
    ),
    doc=(
        "Record an expenditure, perhaps against a commitment (``commitment``: its number);"
        " the total spent may not exceed the allocation, nor a commitment's payments it."
    ),
)
COMMITMENT = ActivityCommand(
    name="commitment",
    path="/commitments",
    operation="commit",
    action=Action.RECORD,
    body=CommitmentIn,
    run=lambda c: c.tracker.record_commitment(
        c.activity_id, parse_baht(c.body.amount), number=c.body.number, note=c.body.note,
        **c.when,
    ),
    doc=(
        "Record a contract or purchase order committing part of the allocation (ก่อหนี้ผูกพัน);"
        " what is committed and spent may not exceed the allocation."
    ),
)  # fmt: skip
COMMITMENT_CORRECTION = ActivityCommand(
    name="commitment_correction",
    path="/commitments/{entry}/correction",
    operation="correct_commitment",
    action=Action.MANAGE,
    body=CommitmentCorrectionIn,
    run=lambda c: c.tracker.correct_commitment(
        c.activity_id, c.number, parse_baht(c.body.amount), reason=c.body.reason, **c.when
    ),
    doc="Put a commitment's amount right (0 cancels it), with the reason why (managers).",
    item=Item("entry", 100_000),
)
EXPENDITURE_CORRECTION = ActivityCommand(
    name="expenditure_correction",
    path="/expenditures/{entry}/correction",
    operation="correct_spending",
    action=Action.MANAGE,
    body=ExpenditureCorrectionIn,
    run=lambda c: c.tracker.correct_expenditure(
        c.activity_id, c.number, parse_baht(c.body.amount), reason=c.body.reason, **c.when
    ),
    doc="Correct an expenditure entry's amount, with the reason why.",
    item=Item("entry", 100_000),
)
STEP = ActivityCommand(
    name="step",
    path="/steps/{step}/complete",
    operation="complete_step",
    action=Action.RECORD,
    body=NoteIn,
    run=lambda c: c.tracker.complete_step(c.activity_id, c.number, note=c.body.note, **c.when),
    doc="Record that one numbered step was done.",
    item=Item("step", 1000),
)
COMPLETE = ActivityCommand(
    name="complete",
    path="/complete",
    operation="complete",
    action=Action.RECORD,
    body=NoteIn,
    run=lambda c: c.tracker.complete(c.activity_id, note=c.body.note, **c.when),
    doc="Complete the activity (every step done, or a note saying why not).",
)
COMPLETION_CORRECTION = ActivityCommand(
    name="completion_correction",
    path="/complete/correction",
    operation="correct_completion",
    action=Action.RECORD,
    body=CompletionCorrectionIn,
    run=lambda c: c.tracker.correct_completion(c.activity_id, reason=c.body.reason, **c.when),
    doc=(
        "Put the day the activity was finished right, with the reason why; ``occurred_on``"
        " is the true completion."
    ),
)
CANCEL = ActivityCommand(
    name="cancel",
    path="/cancel",
    operation="cancel",
    action=Action.MANAGE,
    body=ReasonIn,
    run=lambda c: c.tracker.cancel(c.activity_id, reason=c.body.reason, **c.when),
    doc="Cancel the activity, with the reason why (managers).",
)
REOPEN = ActivityCommand(
    name="reopen",
    path="/reopen",
    operation="reopen",
    action=Action.MANAGE,
    body=ReasonIn,
    run=lambda c: c.tracker.reopen(c.activity_id, reason=c.body.reason, **c.when),
    doc="Withdraw a completion or cancellation recorded in error (managers).",
)
RESCHEDULE = ActivityCommand(
    name="reschedule",
    path="/reschedule",
    operation="reschedule",
    action=Action.MANAGE,
    body=RescheduleIn,
    run=lambda c: c.tracker.reschedule(
        c.activity_id,
        tuple(_month(m) for m in c.body.months),
        reason=c.body.reason,
        step=c.body.step,
        **c.when,
    ),
    doc="Move the activity (or one step) to other months of its fiscal year (managers).",
)
BUDGET = ActivityCommand(
    name="budget",
    path="/budget",
    operation="revise_budget",
    action=Action.MANAGE,
    body=BudgetIn,
    run=lambda c: c.tracker.revise_budget(
        c.activity_id, parse_baht(c.body.amount), reason=c.body.reason, **c.when
    ),
    doc="Change the activity's allocation, with the reason why (managers).",
)

OUTPUT = ActivityCommand(
    name="output",
    path="/output",
    operation="plan_output",
    action=Action.MANAGE,
    body=OutputPlanIn,
    run=lambda c: c.tracker.plan_output(
        c.activity_id, to_arabic_digits(c.body.quantity), c.body.unit, reason=c.body.reason,
        **c.when,
    ),
    doc="Set the activity's planned output (quantity and unit); a change says why (managers).",
)  # fmt: skip
DELIVERY = ActivityCommand(
    name="delivery",
    path="/outputs",
    operation="deliver_output",
    action=Action.RECORD,
    body=DeliveryIn,
    run=lambda c: c.tracker.deliver_output(
        c.activity_id, to_arabic_digits(c.body.quantity), note=c.body.note,
        evidence=c.body.evidence, **c.when,
    ),
    doc="Record a delivery of the planned output (the second press meeting held).",
)  # fmt: skip
DELIVERY_CORRECTION = ActivityCommand(
    name="delivery_correction",
    path="/outputs/{entry}/correction",
    operation="correct_delivery",
    action=Action.MANAGE,
    body=DeliveryCorrectionIn,
    run=lambda c: c.tracker.correct_delivery(
        c.activity_id, c.number, to_arabic_digits(c.body.quantity), reason=c.body.reason,
        **c.when,
    ),
    doc="Put a delivery's quantity right (0 voids it), with the reason why (managers).",
    item=Item("entry", 100_000),
)  # fmt: skip
EVIDENCE_REMOVAL = ActivityCommand(
    name="evidence_removal",
    path="/evidence/{entry}/removal",
    operation="remove_evidence",
    action=Action.RECORD,
    body=ReasonIn,
    run=lambda c: c.tracker.remove_evidence(
        c.activity_id, c.number, reason=c.body.reason, **c.when
    ),
    doc=(
        "Withdraw evidence file N (its number on the activity), with the reason why: a"
        " correction (``EvidenceRemoved``); the file stays kept and the timeline strikes it."
    ),
    item=Item("entry", 100_000),
)

COMMANDS: tuple[ActivityCommand[Any], ...] = (
    START,
    START_CORRECTION,
    PROGRESS,
    PROGRESS_CORRECTION,
    EXPENDITURE,
    EXPENDITURE_CORRECTION,
    COMMITMENT,
    COMMITMENT_CORRECTION,
    OUTPUT,
    DELIVERY,
    DELIVERY_CORRECTION,
    STEP,
    COMPLETE,
    COMPLETION_CORRECTION,
    CANCEL,
    REOPEN,
    RESCHEDULE,
    BUDGET,
    EVIDENCE_REMOVAL,
)
"""In the order the API lists them."""

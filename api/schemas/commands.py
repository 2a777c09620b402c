"""Bodies of the commands recorded on an activity."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from application.outcome import Outcome

Amount = Annotated[
    str,
    Field(
        description="Baht as a decimal string, at most two places",
        examples=["12500.50"],
        max_length=40,
    ),
]
Text = Annotated[str, Field(max_length=2000)]


class CommandIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    occurred_on: date | None = Field(
        None, description="Business date (ISO, CE); defaults to today in Asia/Bangkok"
    )


class StartIn(CommandIn):
    note: Text = ""


class StartCorrectionIn(CommandIn):
    occurred_on: date = Field(description="The day work truly began (ISO, CE): the corrected start")
    reason: Text


class CompletionCorrectionIn(CommandIn):
    occurred_on: date = Field(
        description="The day the activity was truly finished (ISO, CE): the corrected completion"
    )
    reason: Text


Evidence = Annotated[Text | None, Field(description="A photo, document number or link")]


class EvidenceRef(BaseModel):
    """A file uploaded to ``POST /activities/{id}/evidence``, named by its digest."""

    model_config = ConfigDict(extra="forbid")

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="The digest the upload returned")
    name: str = Field("", max_length=200, description="The file's name as people read it")


EvidenceFiles = Annotated[
    list[EvidenceRef],
    Field(
        max_length=10,
        description="Photos or PDFs uploaded beforehand, attached to this record in the same"
        " transaction (``EvidenceAttached``)",
    ),
]


class WithEvidence(CommandIn):
    """A command whose record may come with evidence files."""

    evidence_files: EvidenceFiles = []


class ProgressIn(WithEvidence):
    percent: int = Field(description="Percent complete, 0–100")
    note: Text = ""
    evidence: Evidence = None
    reason: Text | None = Field(
        None, description="Why a figure lower than before is right (makes it a correction)"
    )


class ProgressCorrectionIn(WithEvidence):
    percent: int = Field(description="The right percent complete, 0–100; it may be lower")
    reason: Text = Field(description="Why the figure is put right")
    evidence: Evidence = None


class ExpenditureIn(WithEvidence):
    amount: Amount
    reference: Text = Field("", description="Voucher or document number")
    note: Text = ""
    commitment: int = Field(
        0, ge=0, le=100_000, description="The commitment it pays against, by number; 0: none"
    )


Quantity = Annotated[
    str, Field(max_length=20, pattern=r"^\s*[0-9๐-๙][0-9๐-๙,]*(\.[0-9๐-๙]+)?\s*$",
               description="A quantity of output, e.g. 3 or 1.5")
]  # fmt: skip


class OutputPlanIn(CommandIn):
    quantity: Quantity
    unit: Text = Field(description="ครั้ง, ป้าย, แห่ง, …")
    reason: Text | None = None


class DeliveryIn(WithEvidence):
    quantity: Quantity
    note: Text = ""
    evidence: Text = ""


class DeliveryCorrectionIn(CommandIn):
    quantity: Quantity = Field(description="The correct quantity; 0 voids the delivery")
    reason: Text


class CommitmentIn(CommandIn):
    amount: Amount
    number: Text = Field(description="The contract's or purchase order's number")
    note: Text = ""


class CommitmentCorrectionIn(CommandIn):
    amount: Amount = Field(description="The correct amount; 0 cancels the commitment")
    reason: Text


class ExpenditureCorrectionIn(CommandIn):
    amount: Amount = Field(description="The correct amount; 0 voids the entry")
    reason: Text


class NoteIn(WithEvidence):
    note: Text = ""


class ReasonIn(CommandIn):
    reason: Text


class EvidenceOut(BaseModel):
    """An evidence file uploaded and checked, kept a day until a command names it."""

    sha256: str
    media_type: str = Field(description="As its content says: image/jpeg, image/png, …")
    size: int
    name: str


class RescheduleIn(CommandIn):
    months: list[Annotated[str, Field(max_length=20)]] = Field(
        description="Planned months as CE YYYY-MM", examples=[["2009-02", "2009-08"]], max_length=12
    )
    step: int | None = Field(None, description="Reschedule only this step")
    reason: Text


class BudgetIn(CommandIn):
    amount: Amount
    reason: Text


class Decided(BaseModel):
    """What any command did: the new version of what it changed, and the position."""

    version: int = Field(description="Send as If-Match with the next command on it")
    position: int = Field(description="Pass as min_position to read your own write")
    events: list[str]


class CommandOut(Decided):
    """What a command on an activity did."""

    activity_id: UUID

    @classmethod
    def of(cls, outcome: Outcome) -> CommandOut:
        return cls(activity_id=outcome.aggregate_id, **_decided(outcome))


class ProjectCommandOut(Decided):
    """What a command on a project did."""

    project_id: UUID

    @classmethod
    def of(cls, outcome: Outcome) -> ProjectCommandOut:
        return cls(project_id=outcome.aggregate_id, **_decided(outcome))


class PlanCommandOut(Decided):
    """What a command on a plan did."""

    plan_id: UUID

    @classmethod
    def of(cls, outcome: Outcome) -> PlanCommandOut:
        return cls(plan_id=outcome.aggregate_id, **_decided(outcome))


def _decided(outcome: Outcome) -> dict[str, Any]:
    return {"version": outcome.version, "position": outcome.position, "events": outcome.events}

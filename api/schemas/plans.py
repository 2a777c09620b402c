"""Plans: summaries, imports, one activity in detail."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from domain.plan_changes import Change
from domain.plan_import import ImportReport
from projections.resources import ActivityOut, AssessmentOut


class PlanSummaryOut(BaseModel):
    id: UUID
    organisation: str
    fiscal_year: int
    strategy: str
    title: str


class ImportChangeOut(BaseModel):
    """How the document differs from the plan's latest document, about one item."""

    kind: str = Field(
        description="added, withdrawn, budget, months, step_months; or a change"
        " a revision cannot record: name, details, area, unit, steps, restored"
    )
    what: Literal["project", "activity"]
    code: str
    step: int | None
    revisable: bool
    th: str
    en: str


class ImportOut(BaseModel):
    plan_id: UUID
    dry_run: bool
    plan_created: bool
    sections_added: list[str]
    projects_added: list[str]
    activities_added: list[str]
    changes: list[ImportChangeOut]
    revision: str | None = Field(description="The revision recorded (or to be, on a dry run)")
    revision_number: int | None
    events: int
    position: int | None


def import_out(report: ImportReport) -> ImportOut:
    return ImportOut(
        plan_id=report.plan_id,
        dry_run=report.dry_run,
        plan_created=report.plan_created,
        sections_added=list(report.sections_added),
        projects_added=list(report.projects_added),
        activities_added=list(report.activities_added),
        changes=[_change_out(c) for c in report.changes],
        revision=report.revision,
        revision_number=report.revision_number,
        events=report.events,
        position=report.position,
    )


class ActivityDetailOut(BaseModel):
    """One activity: its place in the plan, how it stands, and its version (the ETag)."""

    plan_id: UUID
    project_code: str
    activity: ActivityOut
    assessment: AssessmentOut | None


def _change_out(change: Change) -> ImportChangeOut:
    return ImportChangeOut(
        kind=change.kind,
        what=change.what,
        code=change.code,
        step=change.step,
        revisable=change.revisable,
        th=change.words.th,
        en=change.words.en,
    )

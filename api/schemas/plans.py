"""Plans: summaries, imports, one activity in detail."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel

from projections.resources import ActivityOut, AssessmentOut


class PlanSummaryOut(BaseModel):
    id: UUID
    organisation: str
    fiscal_year: int
    strategy: str
    title: str


class ImportOut(BaseModel):
    plan_id: UUID
    dry_run: bool
    plan_created: bool
    projects_added: list[str]
    activities_added: list[str]
    events: int
    position: int | None


class ActivityDetailOut(BaseModel):
    """One activity: its place in the plan, how it stands, and its version (the ETag)."""

    plan_id: UUID
    project_code: str
    activity: ActivityOut
    assessment: AssessmentOut | None

"""The audit trail and the global event feed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class EventOut(BaseModel):
    position: int = Field(description="Notification position: a stable cursor")
    event_type: str
    kind: str = Field(description="plan, project or activity")
    aggregate_id: UUID
    aggregate_version: int
    plan_id: UUID | None
    project_id: UUID | None = Field(description="The project, or an activity's project")
    activity_id: UUID | None
    code: str | None
    unit_key: str | None
    actor: str
    occurred_on: date = Field(description="Business date")
    recorded_at: datetime = Field(description="When it was recorded (UTC)")
    late_entry: bool = Field(description="Business date in an earlier month than the recording")
    payload: dict[str, Any]


class EventsPage(BaseModel):
    items: list[EventOut]
    next: int | None = Field(description="Pass as `after` for the next page; null at the end")

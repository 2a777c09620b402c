"""Projects: revise a project's budget, or cancel the project (managers)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api.deps import CurrentUser, ServicesDep
from api.schemas.commands import Amount, CommandIn
from domain.money import parse_baht
from domain.policy import Action

router = APIRouter(prefix="/api/v1/plans/{plan_id}/projects", tags=["plans"])
PlanId = Annotated[UUID, Path(description="The plan's id")]
Code = Annotated[str, Path(max_length=20, description="The project's code, e.g. 3")]


class ProjectBudgetIn(CommandIn):
    amount: Amount
    reason: str = Field(max_length=2000)


class ProjectCancelIn(CommandIn):
    reason: str = Field(max_length=2000)


class PositionOut(BaseModel):
    position: int = Field(description="Pass as min_position to read your own write")


@router.post("/{code}/budget", response_model=PositionOut)
def revise_budget(
    plan_id: PlanId, code: Code, body: ProjectBudgetIn, svc: ServicesDep, who: CurrentUser
) -> PositionOut:
    """Change a project's budget; it must still cover its activities' allocations."""
    who.require(Action.MANAGE)
    position = svc.runtime.tracker.revise_project_budget(
        plan_id, code, parse_baht(body.amount), actor=who.username, reason=body.reason,
        occurred_on=body.occurred_on,
    )  # fmt: skip
    svc.runtime.projections.nudge()
    return PositionOut(position=position)


@router.post("/{code}/cancel", response_model=PositionOut)
def cancel(
    plan_id: PlanId, code: Code, body: ProjectCancelIn, svc: ServicesDep, who: CurrentUser
) -> PositionOut:
    """Call a project off: its activities raise no more alerts."""
    who.require(Action.MANAGE)
    position = svc.runtime.tracker.cancel_project(
        plan_id, code, actor=who.username, reason=body.reason, occurred_on=body.occurred_on
    )
    svc.runtime.projections.nudge()
    return PositionOut(position=position)

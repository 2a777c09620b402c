"""Projects: revise a project's budget, name its funding source, or cancel it (managers).

Like an activity's, a project's commands take ``If-Match: "<version>"`` (the
``version`` of the project in the plan resource) and answer a stale one with a
409; each returns the project's new version and the notification position.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Response
from pydantic import Field

from api.deps import Manager, ServicesDep
from api.routes.common import IfMatch, Section, expected_version, run_command
from api.schemas.commands import Amount, CommandIn, ProjectCommandOut
from domain.parsing import parse_baht

router = APIRouter(prefix="/api/v1/plans/{plan_id}/projects", tags=["plans"])
PlanId = Annotated[UUID, Path(description="The plan's id")]
Code = Annotated[str, Path(max_length=20, description="The project's code, e.g. 3")]


class ProjectBudgetIn(CommandIn):
    amount: Amount
    reason: str = Field(max_length=2000)


class ProjectCancelIn(CommandIn):
    reason: str = Field(max_length=2000)


@router.post("/{code}/budget", response_model=ProjectCommandOut)
def revise_budget(
    plan_id: PlanId, code: Code, body: ProjectBudgetIn, svc: ServicesDep, who: Manager,
    response: Response, if_match: IfMatch = None, section: Section = None,
) -> ProjectCommandOut:  # fmt: skip
    """Change a project's budget; it must still cover its activities' allocations."""
    return ProjectCommandOut.of(
        run_command(
            svc, "project_budget", lambda: svc.runtime.tracker.revise_project_budget(
                plan_id, code, parse_baht(body.amount), actor=who.username, reason=body.reason,
                section=section, occurred_on=body.occurred_on,
                expected_version=expected_version(if_match),
            ), response,
        )
    )  # fmt: skip


@router.post("/{code}/cancel", response_model=ProjectCommandOut)
def cancel(
    plan_id: PlanId, code: Code, body: ProjectCancelIn, svc: ServicesDep, who: Manager,
    response: Response, if_match: IfMatch = None, section: Section = None,
) -> ProjectCommandOut:  # fmt: skip
    """Call a project off: its activities raise no more alerts."""
    return ProjectCommandOut.of(
        run_command(
            svc, "project_cancel", lambda: svc.runtime.tracker.cancel_project(
                plan_id, code, actor=who.username, reason=body.reason, section=section,
                occurred_on=body.occurred_on, expected_version=expected_version(if_match),
            ), response,
        )
    )  # fmt: skip


class FundingSourceIn(CommandIn):
    source: str = Field(max_length=200, description="เงินสะสม, งบประมาณรายจ่าย, …")
    reason: str | None = Field(None, max_length=2000)


@router.post("/{code}/funding-source", response_model=ProjectCommandOut)
def funding_source(
    plan_id: PlanId, code: Code, body: FundingSourceIn, svc: ServicesDep, who: Manager,
    response: Response, if_match: IfMatch = None, section: Section = None,
) -> ProjectCommandOut:  # fmt: skip
    """Name where the project's money comes from (แหล่งงบประมาณ); a change needs a reason."""
    return ProjectCommandOut.of(
        run_command(
            svc, "funding_source", lambda: svc.runtime.tracker.set_funding_source(
                plan_id, code, body.source, reason=body.reason, actor=who.username,
                section=section, occurred_on=body.occurred_on,
                expected_version=expected_version(if_match),
            ), response,
        )
    )  # fmt: skip

"""A plan's public page: an admin publishes it or withdraws it.

The page itself (``/public/plans/{id}``) is drawn by :mod:`api.web.routes.public`; this
is the API's write about it (the pages' form is :mod:`api.web.routes.publishing`).
Admins decide (``Action.PUBLISH``): the same people who bring plans into Tidtam decide
which of them the public may follow, and nobody who records or judges the work the page
shows.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Response
from pydantic import Field

from api.deps import ServicesDep, allowed
from api.routes.common import IfMatch, expected_version, run_command
from api.schemas.commands import CommandIn, PlanCommandOut, Text
from domain.policy import Action, Principal

router = APIRouter(prefix="/api/v1/plans", tags=["plans"])
PlanId = Annotated[UUID, Path(description="The plan's id")]
Publisher = Annotated[Principal, Depends(allowed(Action.PUBLISH))]


class PublicationIn(CommandIn):
    published: bool = Field(description="true: publish the public page; false: withdraw it")
    reason: Text | None = Field(None, description="Why; required to withdraw")


@router.post("/{plan_id}/publication", response_model=PlanCommandOut)
def set_publication(
    plan_id: PlanId, body: PublicationIn, svc: ServicesDep, who: Publisher, response: Response,
    if_match: IfMatch = None,
) -> PlanCommandOut:  # fmt: skip
    """Publish the plan's public page (``/public/plans/{id}``, no sign-in) or withdraw it
    (a reason is required); admins. Until published, and after it is withdrawn, the
    page answers 404 as for a plan that does not exist."""
    tracker, version = svc.runtime.tracker, expected_version(if_match)
    return PlanCommandOut.of(
        run_command(
            svc, "publication", lambda: tracker.set_publication(
                plan_id, body.published, reason=body.reason, actor=who.username,
                occurred_on=body.occurred_on, expected_version=version,
            ), response,
        )
    )  # fmt: skip

"""The global event feed for auditors and integrations, and its live stream (SSE).

Both read the audit view, ordered by notification position: a position is a
stable cursor (``after``), and the stream's event ids are positions, so a client
that reconnects with ``Last-Event-ID`` misses nothing and sees nothing twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.deps import CurrentUser, ServicesDep
from api.freshness import read_your_writes
from api.routes.common import AsOf, MinPosition, instant
from api.schemas.events import EventOut, EventsPage
from api.services import Services
from domain.policy import Action
from projections.audit_feed import AuditFeed, AuditFilter
from projections.tenancy import Reach

router = APIRouter(prefix="/api/v1/events", tags=["events"])

Limit = Annotated[int, Query(ge=1, le=500, description="At most this many events (1–500)")]
After = Annotated[int, Query(ge=0, le=2**62, description="Events after this position")]


@router.get("", response_model=EventsPage)
def events(
    svc: ServicesDep,
    who: CurrentUser,
    after: After = 0,
    limit: Limit = 100,
    plan: Annotated[UUID | None, Query()] = None,
    project: Annotated[
        UUID | None, Query(description="A project's own events and its activities'")
    ] = None,
    activity: Annotated[UUID | None, Query()] = None,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    event_type: Annotated[list[str] | None, Query(alias="type", max_length=20)] = None,
    recorded_from: Annotated[datetime | None, Query(alias="from")] = None,
    recorded_to: Annotated[datetime | None, Query(alias="to")] = None,
    late_only: bool = False,
    as_of: AsOf = None,
    min_position: MinPosition = None,
) -> EventsPage:
    """Every event of the principal's organisations' plans, oldest first, filtered like
    the audit view."""
    who.require(Action.AUDIT)
    read_your_writes(svc, min_position)
    return event_page(
        svc, reach=who.organisations, after=after, limit=limit, plan=plan, project=project,
        activity=activity, unit=unit, actor=actor,
        types=event_type, recorded_from=instant(recorded_from, "from"),
        recorded_to=instant(recorded_to, "to"), late_only=late_only, as_of=instant(as_of),
    )  # fmt: skip


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def stream(
    request: Request,
    svc: ServicesDep,
    who: CurrentUser,
    after: After = 0,
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """Server-Sent Events: one per new event of the principal's organisations' plans;
    resume with ``Last-Event-ID``."""
    who.require(Action.AUDIT)
    start = int(last_event_id) if last_event_id and last_event_id.isdigit() else after
    return StreamingResponse(
        _sse(request, svc, start, who.organisations),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _sse(request: Request, svc: Services, position: int, reach: Reach) -> AsyncIterator[str]:
    yield "retry: 2000\n\n"
    quiet = 0.0
    while not await request.is_disconnected():
        page = await run_in_threadpool(event_page, svc, reach=reach, after=position, limit=100)
        for item in page.items:
            data = item.model_dump_json()
            yield f"id: {item.position}\nevent: {item.event_type}\ndata: {data}\n\n"
            position = item.position
        if page.items:
            quiet = 0.0
            continue
        await asyncio.sleep(0.25)
        quiet += 0.25
        if quiet >= 15:
            yield ": keep-alive\n\n"
            quiet = 0.0


def event_page(
    svc: Services,
    *,
    reach: Reach,
    after: int = 0,
    limit: int = 100,
    plan: UUID | None = None,
    project: UUID | None = None,
    activity: UUID | None = None,
    unit: str | None = None,
    actor: str | None = None,
    types: list[str] | None = None,
    recorded_from: datetime | None = None,
    recorded_to: datetime | None = None,
    late_only: bool = False,
    as_of: datetime | None = None,
) -> EventsPage:
    """A page of the audit view after ``after``, with the cursor of the next page: of the
    plans of the organisations ``reach`` names (None: every one), which every caller must
    say, so no feed forgets a tenant."""
    only = AuditFilter(
        plan=plan, project=project, activity=activity, unit=unit, actor=actor, types=types,
        recorded_from=recorded_from, recorded_to=recorded_to, late_only=late_only, as_of=as_of,
        reach=reach,
    )  # fmt: skip
    found = AuditFeed(svc.runtime.projections.db).page(after=after, limit=limit, only=only)
    items = [EventOut.model_validate(entry, from_attributes=True) for entry in found.entries]
    return EventsPage(items=items, next=found.next)

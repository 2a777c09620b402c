"""Is it up, and how far behind are the views: ``/healthz`` (anyone) and ``/metrics``
(Prometheus with its token, or people who may audit)."""

from __future__ import annotations

import hmac
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel

from api.deps import ServicesDep, optional_principal
from domain.errors import ForbiddenError, NotSignedInError, register_messages
from domain.policy import Action

router = APIRouter(tags=["health"])


class ViewHealth(BaseModel):
    name: str
    position: int
    head: int
    lag_events: int
    lag_seconds: float


class HealthOut(BaseModel):
    status: str
    store: str
    views: list[ViewHealth]


@router.get("/healthz", response_model=HealthOut, responses={503: {"model": HealthOut}})
def healthz(svc: ServicesDep) -> Any:
    """The store answers and the views' lag; 503 when the store cannot be reached."""
    try:
        views = [ViewHealth(**asdict(s)) for s in svc.runtime.projections.status()]
    except Exception as error:  # the store is down: say so, do not crash the probe
        body = HealthOut(status="unavailable", store=type(error).__name__, views=[])
        return JSONResponse(body.model_dump(), status_code=503)
    return HealthOut(status="ok", store=svc.runtime.store.describe(), views=views)


async def scraper(request: Request, svc: ServicesDep) -> None:
    """Let through Prometheus with ``TIDTAM_METRICS_TOKEN``, or a person who may audit
    whose grants hold in every organisation.

    The figures say who is busy and what is refused; they are not for anyone who can
    reach the port (they were, before). They are counts of the whole installation, no
    tenant's names or ids, but not one organisation's either: an organisation's auditor
    is refused."""
    expected = svc.settings.metrics_token
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if expected and bearer and hmac.compare_digest(bearer.encode(), expected.encode()):
        return
    who = await optional_principal(request, svc)
    if who is None:
        raise NotSignedInError("not_signed_in")
    who.require(Action.AUDIT)
    if who.organisations is not None:  # the installation's figures: no one tenant's to read
        raise ForbiddenError("installation_only", username=who.username)


@router.get("/metrics", response_class=Response, dependencies=[Depends(scraper)])
def metrics(svc: ServicesDep) -> Response:
    """Prometheus text format: request latency, commands by outcome, events, view lag."""
    return Response(svc.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


register_messages(
    {
        "installation_only": (
            "{username} อ่านตัวเลขของทั้งระบบไม่ได้: ต้องมีสิทธิ์ในทุกองค์กร",
            "{username} may not read the whole installation's figures: only people of every"
            " organisation may",
        ),
    }
)

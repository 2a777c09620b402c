"""Is it up, and how far behind are the views: ``/healthz`` and ``/metrics``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel

from api.deps import ServicesDep

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


@router.get("/metrics", response_class=Response)
def metrics(svc: ServicesDep) -> Response:
    """Prometheus text format: request latency, commands by outcome, events, view lag."""
    return Response(svc.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

"""The HTTP app: assembled from its routers, its runtime opened in the lifespan.

``create_app()`` builds nothing at import time (``tidtam serve --workers N`` has each
worker call it). In its lifespan the runtime is opened on the store the environment
names, the projections thread is started (folding the views, or following the
positions ``tidtam projector`` writes), and everything is closed again at shutdown.
"""

from __future__ import annotations

import gc
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from api import errors, reference
from api.deps import document_credentials
from api.metrics import RequestTimer
from api.process_memory import Trimmer, limit_arenas
from api.reports import routes as reports
from api.routes import (
    activities,
    alerts,
    events,
    health,
    organisations,
    plans,
    projects,
    publication,
    users,
)
from api.runtime import Runtime
from api.services import Services
from api.settings import Settings
from projections.service import Projections
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings

DESCRIPTION = """\
Tidtam (ติดตาม) follows up municipal action plans. Commands record what happened
to an activity; reads answer from views built from the events, now (`on` a
business date) or as known at an instant (`as_of`).

Authenticate with `Authorization: Bearer <token>` (see `tidtam users token`) or
the session cookie set by `POST /api/v1/session`. Errors are RFC 9457
problem+json naming the rule and the field. Amounts are decimal strings; dates
and months are ISO, Common Era.
"""


DEFAULT_GC_THRESHOLDS = gc.get_threshold()
SERVER_GC_THRESHOLDS = (50_000, 20, 20)


def settle_garbage_collector() -> None:
    """Tune the cyclic collector for a long-running server (one that owns its runtime).

    Full collections walk every live container, and a server keeps many: parsed
    sheets, remembered rows. At Python's default thresholds one fell every few hundred
    requests and held the interpreter for tens of milliseconds, doubling plan versus
    actual's p99 under load. What startup built is frozen (never walked again) and
    the youngest generation is collected after 50,000 allocations instead of 700;
    most garbage here is acyclic and freed by reference counting anyway.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVER_GC_THRESHOLDS)


def settle_process(settings: Settings, own: bool) -> Trimmer | None:
    """Requests served at once bounded; a server that owns its runtime also tunes the
    collector and malloc (``api.process_memory``); returns the trimmer to stop."""
    to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
    if not own:
        return None
    settle_garbage_collector()
    limit_arenas()
    return Trimmer().start()


def own_runtime(settings: Settings) -> Runtime:
    """The runtime a server opens from the environment, folding its views or not."""
    return Runtime.open(poll_interval=settings.poll_interval, folding=settings.folding)


async def views_ready(projections: Projections) -> None:
    """The views current before the first request: folded here, or, in a process that
    reads them only, made by ``tidtam projector`` (waited for as long as that takes, saying
    so in the log; this process then follows the projector's positions)."""
    if projections.folding:
        projections.catch_up()
    else:
        await to_thread.run_sync(projections.wait_until_ready, math.inf)


ROUTERS = (
    health, plans, publication, reports, projects, activities, events, users, alerts,
    organisations,
)  # fmt: skip
"""The API's routers, in the order their routes are matched."""


def create_app(
    settings: Settings | None = None,
    runtime: Runtime | None = None,
    scheduler: SchedulerSettings | None = None,
) -> FastAPI:
    """The app; ``runtime`` may be given (tests), else it is opened from the environment.
    The scheduler runs embedded (``TIDTAM_SCHEDULER=embedded``, the default) when the
    app opens its own runtime, or when ``scheduler`` settings are passed explicitly."""
    settings = settings or Settings()
    scheduling = scheduler or SchedulerSettings()
    embedded = scheduling.scheduler == "embedded" and (runtime is None or scheduler is not None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = runtime is None
        active = runtime or own_runtime(settings)
        app.state.services = Services.build(settings, active)
        await views_ready(active.projections)
        trimmer = settle_process(settings, own)
        active.projections.start()
        alerts_job = (
            AlertScheduler(active.tracker, active.projections, scheduling) if embedded else None
        )
        if alerts_job is not None:
            alerts_job.start()
        try:
            yield
        finally:
            if alerts_job is not None:
                alerts_job.stop()
            active.projections.stop()
            if trimmer is not None:
                trimmer.stop()
            if own:
                active.close()
                gc.unfreeze()
                gc.set_threshold(*DEFAULT_GC_THRESHOLDS)

    app = FastAPI(
        title="Tidtam API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from local assets below: no CDN on a closed network
        redoc_url=None,
    )
    reference.install(app)
    errors.install(app)
    document_credentials(app)

    app.add_middleware(RequestTimer)

    for module in ROUTERS:
        app.include_router(module.router)
    from api.web import install as install_pages  # the pages (api/web/) and their static files

    install_pages(app)
    return app

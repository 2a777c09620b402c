"""The HTTP app: assembled from its routers, its runtime opened in the lifespan.

``create_app()`` builds nothing at import time. In its lifespan the runtime is
opened on the store the environment names, the projections thread is started,
and everything is closed again at shutdown.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api import errors
from api.routes import activities, events, health, plans, users
from api.runtime import Runtime
from api.services import Services
from api.settings import Settings

DESCRIPTION = """\
Tidtam (ติดตาม) follows up municipal action plans. Commands record what happened
to an activity; reads answer from views built from the events, now (`on` a
business date) or as known at an instant (`as_of`).

Authenticate with `Authorization: Bearer <token>` (see `tidtam users token`) or
the session cookie set by `POST /api/v1/session`. Errors are RFC 9457
problem+json naming the rule and the field. Amounts are decimal strings; dates
and months are ISO, Common Era.
"""


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """The app; ``runtime`` may be given (tests), else it is opened from the environment."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = runtime is None
        active = runtime or Runtime.open(poll_interval=settings.poll_interval)
        services = Services.build(settings, active)
        app.state.services = services
        active.projections.catch_up()
        active.projections.start()
        try:
            yield
        finally:
            active.projections.stop()
            if own:
                active.close()

    app = FastAPI(
        title="Tidtam API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    errors.install(app)

    @app.middleware("http")
    async def time_requests(request, call_next):  # type: ignore[no-untyped-def]
        services: Services | None = getattr(request.app.state, "services", None)
        if services is None:
            return await call_next(request)
        return await services.metrics.middleware(request, call_next)

    for module in (health, plans, activities, events, users):
        app.include_router(module.router)
    return app

"""The web pages for staff, managers and auditors, served by the same app as the API.

Server-rendered HTML (Jinja2) over the same services the JSON API uses: the
tracker for commands, the reader (live or as of an instant) for reads, ``event_page``
for the audit feed. Pages work without JavaScript; a few lines of our own
script only smooth the edges. ``install(app)`` mounts the routers and the
static files; ``api.main`` calls it once.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from api.web.render import STATIC
from api.web.routes import (
    activity,
    alerts,
    finding,
    guide,
    history,
    imports,
    my_work,
    overview,
    people,
    plans,
    projects,
    public,
    publishing,
    reports,
    session,
)


def install(app: FastAPI) -> None:
    """Mount the pages and their static files on ``app``."""
    modules = (
        session,
        plans,
        projects,
        activity,
        history,
        alerts,
        imports,
        reports,
        guide,
        finding,
        my_work,
        public,
        publishing,
        people,
        overview,
    )
    routers = [module.router for module in modules]
    for router in routers:
        app.include_router(router)
    # The pages' own routes by name, so links find them (and tell path from query) without
    # ever resolving to an API route of the same name (Page.url).
    app.state.page_routes = {
        route.name: route
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
    }
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

"""``tidtam serve``: the HTTP API, the pages and the embedded scheduler, on uvicorn.

uvicorn picks its C HTTP parser (httptools) and event loop (uvloop) when installed,
as they are with Tidtam: a request costs about a third less of the server's time.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
import uvicorn
from fastapi import FastAPI

from api.main import create_app
from api.settings import Settings


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on")] = None,
) -> None:
    """Serve the API on http://127.0.0.1:8000 (TIDTAM_HOST, TIDTAM_PORT)."""
    settings = Settings()
    if host:
        settings.host = host
    if port:
        settings.port = port
    uvicorn.Server(server_config(create_app(settings), settings)).run()


def server_config(app: FastAPI, settings: Settings, **overrides: Any) -> uvicorn.Config:
    """How uvicorn serves Tidtam, here and in the tests' real servers.

    Proxy headers are believed only from ``TIDTAM_TRUSTED_PROXIES`` (uvicorn believes
    any loopback client by default); a shutdown waits a bounded time for requests in
    flight, so a slow one never keeps the server from stopping.
    """
    options: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "access_log": False,  # request lines could carry tokens in query strings
        "proxy_headers": bool(settings.trusted_proxies.strip()),
        "forwarded_allow_ips": settings.trusted_proxies.strip() or None,
        "timeout_graceful_shutdown": 10,
        **overrides,
    }
    return uvicorn.Config(app, **options)

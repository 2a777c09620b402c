"""``tidtam serve``: the HTTP API, the pages and the embedded scheduler, on uvicorn.

uvicorn picks its C HTTP parser (httptools) and event loop (uvloop) when installed,
as they are with Tidtam: a request costs about a third less of the server's time.

``--workers N`` above 1 is the multi-process shape: N worker processes share the
port (uvicorn's own supervisor, which starts a worker again if one dies), each one
an app made by ``create_app()`` that reads the views only and runs no scheduler;
``tidtam projector`` and ``tidtam scheduler`` run as processes of their own. It
needs PostgreSQL: SQLite is one file with one writer on one host, and its views
file is healed (moved aside and rebuilt) by the process that opens it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from fastapi import FastAPI

from api.cli.common import console, fail, lang
from api.main import create_app
from api.services import secret_key
from api.settings import Settings
from domain.errors import RuleViolation, register_messages
from storage.store import Store

APP_FACTORY = "api.main:create_app"
"""What each worker imports and calls when there are several (their settings are the
environment's, so ``--host`` and ``--port`` only tell the supervisor where to listen)."""
SHAPE = {"TIDTAM_PROJECTIONS": "external", "TIDTAM_SCHEDULER": "off"}
"""What several workers are: readers of views folded by ``tidtam projector``, with
``tidtam scheduler`` apart."""


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="API worker processes (above 1: PostgreSQL, tidtam projector)"
        ),
    ] = 1,
) -> None:
    """Serve the API on http://127.0.0.1:8000 (TIDTAM_HOST, TIDTAM_PORT)."""
    settings = Settings()
    if host:
        settings.host = host
    if port:
        settings.port = port
    if workers == 1:
        uvicorn.Server(server_config(create_app(settings), settings)).run()
        return
    backend = Store.from_environ().backend
    if backend != "postgres":
        refused = RuleViolation("serve_workers_need_postgres", workers=workers, backend=backend)
        raise fail(refused.message(lang()), refused.rule)
    os.environ.update(SHAPE)  # the workers are spawned with this environment
    secret_key(Path(settings.secret_file))  # made once here, not raced for by the workers
    console.print(
        f"{workers} API workers on {settings.host}:{settings.port}: views folded by"
        " `tidtam projector`, alerts by `tidtam scheduler`"
    )
    uvicorn.run(APP_FACTORY, **server_options(settings, factory=True, workers=workers))


def server_config(app: FastAPI, settings: Settings, **overrides: Any) -> uvicorn.Config:
    """How uvicorn serves Tidtam, here and in the tests' real servers."""
    return uvicorn.Config(app, **server_options(settings, **overrides))


def server_options(settings: Settings, **overrides: Any) -> dict[str, Any]:
    """uvicorn's options for Tidtam, one worker or several.

    Proxy headers are believed only from ``TIDTAM_TRUSTED_PROXIES`` (uvicorn believes
    any loopback client by default); a shutdown waits a bounded time for requests in
    flight, so a slow one never keeps the server from stopping.
    """
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "access_log": False,  # request lines could carry tokens in query strings
        "proxy_headers": bool(settings.trusted_proxies.strip()),
        "forwarded_allow_ips": settings.trusted_proxies.strip() or None,
        "timeout_graceful_shutdown": 10,
        **overrides,
    }


register_messages(
    {
        "serve_workers_need_postgres": (
            "--workers {workers}: หลายกระบวนการต้องใช้ PostgreSQL (TIDTAM_DATABASE=postgresql://…)"
            " แต่ที่เก็บข้อมูลคือ {backend}; SQLite ให้บริการได้กระบวนการเดียว (--workers 1)",
            "--workers {workers}: several processes need PostgreSQL"
            " (TIDTAM_DATABASE=postgresql://…), the store is {backend}; SQLite serves from one"
            " process (--workers 1)",
        ),
    }
)

"""The API reference (``/docs``), served with its own assets: no CDN, no internet.

FastAPI's ``/docs`` loads Swagger UI from a CDN, so on a town hall's closed network
the reference stayed blank. The page is the same, its script and style come from the
``swagger-ui-py`` package (which ships Swagger UI's own distribution files) under
``/docs/assets``. ReDoc has no such package, so ``/redoc`` is not offered.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"


def swagger_ui_files() -> Path:
    """Where ``swagger-ui-py`` keeps Swagger UI's files (found without importing it)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("swagger-ui-py is not installed: run make run or make test again")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def install(app: FastAPI) -> None:
    """Serve ``/docs`` from local assets (create the app with ``docs_url=None``)."""
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_files()), name="docs_assets")

    @app.get("/docs", include_in_schema=False)
    async def reference() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} — reference",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )

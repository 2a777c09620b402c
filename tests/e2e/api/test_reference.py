"""The API reference works on a closed network: every asset of /docs is served here
(hardening, finding 8: it loaded Swagger UI from a CDN and stayed blank offline)."""

from __future__ import annotations

import re

from tests.e2e.api.conftest import Api


def test_the_reference_page_names_no_other_host(api: Api) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "cdn" not in page.text.lower()


def test_every_asset_the_reference_names_is_served(api: Api) -> None:
    page = api.get("/docs").text
    for source in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', page):
        asset = api.get(source)
        assert asset.status_code == 200, source
        assert len(asset.content) > 1000, source
    assert api.get("/openapi.json").json()["info"]["title"] == "Tidtam API"


def test_redoc_which_only_loads_from_a_cdn_is_not_offered(api: Api) -> None:
    assert api.get("/redoc").status_code == 404

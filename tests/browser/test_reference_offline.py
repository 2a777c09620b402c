"""The API reference renders in Chromium with every host but Tidtam's own unreachable,
as on a town hall's closed network (hardening, finding 8)."""

from __future__ import annotations

from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import Route, expect

from tests.browser.conftest import shoot


def test_the_reference_renders_with_no_other_host_reachable(tab: BrowserPage) -> None:
    asked_elsewhere: list[str] = []

    def only_own(route: Route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost")):
            route.continue_()
        else:
            asked_elsewhere.append(url)
            route.abort()

    tab.context.route("**/*", only_own)
    tab.goto("/docs")
    expect(tab.locator(".swagger-ui .info .title")).to_contain_text("Tidtam API")
    expect(tab.locator(".opblock-tag").first).to_be_visible()
    shoot(tab, "api-reference-offline")
    assert asked_elsewhere == []

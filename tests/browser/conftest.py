"""Fixtures of the page tests: the example world, an in-process client, a real browser.

Two kinds of tests live here. ``test_pages_http.py`` drives the pages through
Starlette's TestClient (fast: forms, CSRF, permissions, the CSV). The
``test_in_browser*.py`` tests run Debian's chromium through Playwright against a
real uvicorn server on a loopback port, one browser for the whole session; they
skip when ``/usr/bin/chromium`` is missing, unless ``TIDTAM_REQUIRE_BROWSER=1``.
Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright
from playwright.sync_api import Page as BrowserPage
from starlette.exceptions import StarletteDeprecationWarning

from api.main import create_app
from api.runtime import REPOSITORY
from tests.browser.world import PASSWORD, World, build
from tests.serving import serving

with warnings.catch_warnings():
    # Starlette would rather drive its test client with httpx2; the project pins httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient as TestClient

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = REPOSITORY / "test-artifacts" / "screenshots"


# ----------------------------------------------------------------- in process


@dataclass
class Pages:
    """A TestClient of the app with the example world behind it."""

    http: TestClient
    world: World

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.http.cookies.clear()  # whoever was signed in before
        form = self.http.get("/sign-in")
        response = self.http.post(
            "/sign-in",
            data={"username": username, "password": password, "csrf": csrf_of(form.text)},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text

    def csrf(self, path: str) -> str:
        """The CSRF token in the forms of the page at ``path``."""
        return csrf_of(self.http.get(path).text)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF field"
    return found.group(1)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    built = build(tmp_path)
    yield built
    built.close()


@pytest.fixture
def pages(world: World) -> Iterator[Pages]:
    with TestClient(create_app(world.settings, world.runtime)) as http:
        yield Pages(http, world)


# ----------------------------------------------------------------- a real browser


@dataclass
class Site:
    url: str
    world: World


@contextmanager
def served_world(directory: Path) -> Iterator[Site]:
    """The example world built in ``directory``, flags raised, served on loopback."""
    built = build(directory)
    built.scan()
    try:
        with serving(create_app(built.settings, built.runtime)) as url:
            yield Site(url, built)
    finally:
        built.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The example world served for the whole browser session (tests that record more
    than the others read take a world of their own: :func:`served_world`)."""
    with served_world(tmp_path_factory.mktemp("site")) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, once per session."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (make browser installs it with apt)"
        if os.environ.get("TIDTAM_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_tab(browser: Browser, site: Site, *, width: int = 1280, height: int = 900) -> BrowserPage:
    """A fresh browser context (no cookies) with one tab on ``site``."""
    context = browser.new_context(
        base_url=site.url, viewport={"width": width, "height": height}, locale="th-TH",
        timezone_id="Asia/Bangkok", accept_downloads=True,
    )  # fmt: skip
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def tab(browser: Browser, site: Site) -> Iterator[BrowserPage]:
    """A desktop-sized tab, signed in as nobody yet."""
    page = open_tab(browser, site)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser, site: Site) -> Iterator[BrowserPage]:
    """A 360-px-wide tab, as on a small phone."""
    page = open_tab(browser, site, width=360, height=740)
    yield page
    page.context.close()


def sign_in(page: BrowserPage, username: str, password: str = PASSWORD) -> None:
    """Sign in with the keyboard only: the name field has focus, Tab to the password, Enter."""
    page.goto("/sign-in")
    # expect() polls from Playwright's own script; wait_for_function would eval a string,
    # which the pages' CSP (script-src 'self') refuses once it has to poll.
    expect(page.locator("#username")).to_be_focused()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    problem = page.locator(".form-problem")
    assert problem.count() == 0, problem.inner_text()
    page.wait_for_url(re.compile(r"/plans/"))


def shoot(page: BrowserPage, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

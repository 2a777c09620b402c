"""The overseer's page in Chromium: signing in leads to the overview, each organisation
a link away from its plan; on a phone every figure is on screen beside its name.

The province is :mod:`tests.overview_world`, served on loopback for this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from api.main import create_app
from api.settings import Settings
from tests.browser.conftest import Site, open_tab, shoot
from tests.browser.test_phone_layout import FIGURES
from tests.browser.world import PASSWORD
from tests.overview_world import build
from tests.serving import serving


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    directory: Path = tmp_path_factory.mktemp("province")
    world = build(directory)
    settings = Settings(secret_file=str(directory / "secret.key"), poll_interval=0.1)
    try:
        with serving(create_app(settings, world.runtime)) as url:
            yield Site(url, world)  # type: ignore[arg-type]
    finally:
        world.close()


@pytest.fixture
def desk(browser: Browser, province: Site) -> Iterator[BrowserPage]:
    page = open_tab(browser, province)
    yield page
    page.context.close()


@pytest.fixture
def handset(browser: Browser, province: Site) -> Iterator[BrowserPage]:
    page = open_tab(browser, province, width=360, height=740)
    yield page
    page.context.close()


WIDER_THAN_SCREEN = """Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > 360)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 12)"""


def sign_in_as_overseer(page: BrowserPage) -> None:
    """Sign in with the keyboard; an overseer's home is the overview."""
    page.goto("/sign-in")
    expect(page.locator("#username")).to_be_focused()
    page.keyboard.type("nakhon")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/overview$"))


def test_an_overseer_signs_in_sees_the_overview_and_opens_an_organisation_s_plan(
    desk: BrowserPage,
) -> None:
    sign_in_as_overseer(desk)
    expect(desk.locator("h1")).to_have_text("ภาพรวมการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น")
    expect(desk.locator('nav.mainnav a[aria-current="page"]')).to_have_text("ภาพรวมหลายองค์กร")
    summary = desk.locator("#overview-summary")
    expect(summary.locator("tbody tr")).to_have_count(3)
    expect(summary.locator("#sum-khn")).to_contain_text("ยังไม่มีแผนดำเนินงาน")
    # The business date from the calendar beside the field, as a clerk would pick it.
    desk.fill("#f-on", "15/04/2552")
    desk.get_by_role("button", name="แสดง").click()
    desk.wait_for_url(re.compile(r"on=15%2F04%2F2552"))
    expect(summary.locator("#sum-tsg .o-progress")).to_contain_text("53/100")
    expect(desk.locator(".as-at")).to_contain_text("15 เม.ย. 2552")
    shoot(desk, "overview-desktop")
    desk.locator("#org-tsg a.to-plan").click()
    desk.wait_for_url(re.compile(r"/plans/[0-9a-f-]+\?on=2009-04-15"))
    expect(desk.locator(".doc-org").first).to_contain_text("เทศบาลเมืองทุ่งสง")
    expect(desk.locator("#main")).to_contain_text("1.2")


def test_the_overview_as_known_earlier_from_its_own_form(desk: BrowserPage) -> None:
    sign_in_as_overseer(desk)
    desk.fill("#f-on", "15/04/2552")
    desk.fill("#f-known_day", "20/03/2552")
    desk.fill("#f-known_at", "12:00")
    desk.get_by_role("button", name="แสดง").click()
    desk.wait_for_url(re.compile(r"as_of=2009-03-20T12%3A00%2B07%3A00"))
    expect(desk.locator(".as-of-banner")).to_be_visible()
    expect(desk.locator("#sum-tsg .o-progress")).to_contain_text("40/100")
    expect(desk.locator("#sum-tsg .rounds-count")).to_contain_text("ยื่นแล้ว 0 · ค้าง 1")


def test_on_a_phone_every_figure_of_the_overview_is_on_screen_beside_its_name(
    handset: BrowserPage,
) -> None:
    sign_in_as_overseer(handset)
    handset.goto("/overview?on=2009-04-15")
    figures = handset.eval_on_selector_all("table.cards td", FIGURES)
    assert len(figures) > 30, "the overview's tables are not laid out as cards"
    off = [f["text"] for f in figures if f["left"] < 0 or f["right"] > 360]
    assert not off, off
    assert all(f["label"] for f in figures)
    wide = handset.evaluate(WIDER_THAN_SCREEN)
    assert handset.evaluate("document.documentElement.scrollWidth") <= 360, wide
    shoot(handset, "overview-phone")

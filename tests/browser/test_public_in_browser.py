"""A plan's public page in Chromium (issue 18): an admin publishes it from the plan page,
anyone reads it without signing in on a phone and on a desktop, in Thai and English, it
prints on landscape A4, and once withdrawn it is gone. Screenshots go to
``test-artifacts/screenshots/``."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Browser
from playwright.sync_api import Page as BrowserPage
from pypdf import PdfReader

from domain.money import format_baht
from tests.browser.conftest import Site, open_tab, shoot, sign_in


def set_publication(tab: BrowserPage, site: Site, button: str, reason: str) -> None:
    """The admin's form under the plan's heading, filled in and sent."""
    tab.goto(f"/plans/{site.world.plan_id}")
    tab.locator("#f-publication-reason").fill(reason)
    tab.get_by_role("button", name=button).click()
    tab.wait_for_url(re.compile(r"#publication$"))


def test_anyone_reads_a_published_plan_on_a_phone_and_a_desktop(
    browser: Browser, site: Site
) -> None:
    admin = open_tab(browser, site)
    sign_in(admin, "prasit")
    set_publication(admin, site, "เผยแพร่ต่อสาธารณะ", "มติคณะผู้บริหาร")
    state = admin.locator(".publication-state")
    assert "แผนนี้เผยแพร่ต่อสาธารณะอยู่" in state.inner_text()
    public = state.get_by_role("link", name="หน้าสาธารณะ").get_attribute("href")
    assert public == f"/public/plans/{site.world.plan_id}"
    shoot(admin, "publication-form-th-desktop")
    total = format_baht(site.world.runtime.reader.snapshot(site.world.plan_id).versus_actual(
        site.world.runtime.tracker.clock.today()).total.allocated)  # fmt: skip
    try:
        for device, width, height in (("desktop", 1280, 900), ("phone", 360, 740)):
            tab = open_tab(browser, site, width=width, height=height)  # nobody signed in
            tab.goto(public)
            assert tab.locator("h1").inner_text() == "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552"
            assert tab.locator("#total-budget").inner_text() == total
            assert "ข้อมูล ณ วันที่ 30 ก.ย. 2552" in tab.locator("#as-of").inner_text()
            assert tab.locator("nav, form, .mainnav").count() == 0
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            shoot(tab, f"public-plan-th-{device}")
            tab.get_by_role("link", name="English").click()
            assert tab.locator("h1").inner_text() == "Action plan, fiscal year 2552 BE"
            shoot(tab, f"public-plan-en-{device}")
            if device == "phone":  # each project a card of labelled figures
                row = tab.locator(".pub-project").first
                assert row.evaluate("el => getComputedStyle(el).display") == "block"
            tab.context.close()
        printed = open_tab(browser, site)
        printed.goto(public)
        page = PdfReader(io.BytesIO(printed.pdf(prefer_css_page_size=True))).pages[0].mediabox
        assert (round(float(page.width)), round(float(page.height))) == (842, 595)
        printed.emulate_media(media="print")
        assert not printed.locator(".pub-lang").is_visible()  # a link is no use on paper
        printed.context.close()
    finally:
        set_publication(admin, site, "ถอนการเผยแพร่", "ตรวจทานตัวเลขอีกครั้ง")
    assert "แผนนี้ยังไม่เผยแพร่ต่อสาธารณะ" in admin.locator(".publication-state").inner_text()
    admin.context.close()
    gone = open_tab(browser, site, width=360, height=740)
    response = gone.goto(public)
    assert response is not None and response.status == 404
    assert gone.locator("h1").inner_text() == "ไม่พบหน้านี้"
    shoot(gone, "public-plan-missing-th-phone")
    gone.context.close()

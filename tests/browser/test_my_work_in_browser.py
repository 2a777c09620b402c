"""One's own work in a real browser: staff on a 360-px phone find their overdue work from
the navigation and record progress with one tap; a manager reads every unit on a desktop.

The page records, so it runs on a world of its own (served once for this module), not
on the session's shared site whose other tests read 2.1's and 1.2's progress.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Site, open_tab, served_world, shoot, sign_in
from tests.browser.test_in_browser import UNLABELLED
from tests.browser.world import PR_UNIT


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with served_world(tmp_path_factory.mktemp("my-work")) as served:
        yield served


def test_staff_on_a_phone_record_overdue_work_with_one_tap(
    browser: Browser, own_site: Site
) -> None:
    tab = open_tab(browser, own_site, width=360, height=740)
    try:
        sign_in(tab, "somsak")
        tab.get_by_role("link", name="งานของฉัน").click()
        tab.wait_for_url(re.compile(r"/my-work$"))
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert tab.evaluate(UNLABELLED) == []
        item = tab.locator(f'[id="work-{own_site.world.activity_id("1.2")}"]')
        assert "ล่าช้า 183 วัน" in item.inner_text()
        assert "บันทึกล่าสุด 20 มี.ค. 2552" in item.inner_text()
        shoot(tab, "my-work-th-phone")

        item.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").fill("40")
        item.get_by_label("หมายเหตุ").fill("อบรมรุ่นที่สองแล้ว")
        item.get_by_role("button", name="บันทึกความก้าวหน้า").click()
        tab.wait_for_selector(".flash")
        assert "บันทึกความก้าวหน้าของกิจกรรม 1.2 แล้ว" in tab.locator(".flash").inner_text()
        assert tab.url.endswith("/my-work")
        after = tab.locator(f'[id="work-{own_site.world.activity_id("1.2")}"]').inner_text()
        assert "ความก้าวหน้า 40%" in after and "บันทึกล่าสุด 30 ก.ย. 2552" in after
        assert "ไม่ได้บันทึกผลมา" not in after
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        shoot(tab, "my-work-recorded-th-phone")
    finally:
        tab.context.close()


def test_a_manager_reads_every_units_work_on_a_desktop(browser: Browser, own_site: Site) -> None:
    tab = open_tab(browser, own_site)
    try:
        sign_in(tab, "manee")
        tab.get_by_role("link", name="งานของฉัน").click()
        tab.wait_for_url(re.compile(r"/my-work$"))
        assert "งานที่ต้องติดตาม ทุกหน่วยงาน" in tab.locator("h1").inner_text()
        assert PR_UNIT in tab.locator("main h2").first.inner_text()
        assert tab.locator(".work-item").count() == 2
        assert tab.locator(".alert-list .alert").count() == 2
        assert tab.evaluate(UNLABELLED) == []
        path: Path = shoot(tab, "my-work-th-desktop")
        assert path.stat().st_size > 10_000
        tab.get_by_role("link", name="English").click()
        assert "Work to follow up, every unit" in tab.locator("h1").inner_text()
        assert "days late" in tab.locator(".work-item").first.inner_text()
        shoot(tab, "my-work-en-desktop")
    finally:
        tab.context.close()

"""Importing from the browser in Chromium (issue 15): an admin uploads the action plan,
checks the preview and confirms it; a manager then uploads the revision, sees how it
differs, names it and records it. Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from api.main import create_app
from tests.browser.conftest import shoot
from tests.browser.import_world import EmptyWorld, empty_world
from tests.browser.world import PASSWORD
from tests.example_table import example_revision_upload, example_upload
from tests.serving import serving


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, EmptyWorld]]:
    with empty_world(tmp_path) as world, serving(create_app(world.settings, world.runtime)) as url:
        yield url, world


def tab_on(browser: Browser, url: str, width: int = 1280) -> BrowserPage:
    context = browser.new_context(
        base_url=url, viewport={"width": width, "height": 900}, locale="th-TH",
        timezone_id="Asia/Bangkok",
    )  # fmt: skip
    context.set_default_timeout(10_000)
    return context.new_page()


def sign_in(tab: BrowserPage, username: str) -> None:
    tab.goto("/sign-in")
    tab.get_by_label("ชื่อผู้ใช้").fill(username)
    tab.get_by_label("รหัสผ่าน").fill(PASSWORD)
    tab.get_by_label("รหัสผ่าน").press("Enter")
    tab.wait_for_url(re.compile(r"/plans"))


def upload(tab: BrowserPage, directory: Path, file: tuple[str, bytes, str]) -> None:
    path = directory / file[0]
    path.write_bytes(file[1])
    tab.get_by_role("link", name="นำเข้าแผน").click()
    tab.wait_for_url(re.compile(r"/admin/import$"))
    tab.get_by_label("ไฟล์แผนดำเนินงาน").set_input_files(str(path))


def test_an_admin_imports_the_plan_and_a_manager_records_its_revision(
    browser: Browser, served: tuple[str, EmptyWorld], tmp_path: Path
) -> None:
    url, world = served
    admin = tab_on(browser, url)
    sign_in(admin, "admin")
    upload(admin, tmp_path, example_upload())
    admin.get_by_role("button", name="ตรวจสอบไฟล์").click()
    expect(admin.locator("#dry-run")).to_contain_text("โครงการที่เพิ่ม 3")
    expect(admin.locator("#import-sections")).to_contain_text("458,000")
    assert admin.locator(".plan-grid .row-activity").count() == 5
    assert admin.locator(".plan-grid th.c-status").count() == 0  # nothing done yet to show
    assert world.head() == 0
    shoot(admin, "import-preview-th")
    admin.get_by_role("button", name="ยืนยันการนำเข้า").click()
    admin.wait_for_url(re.compile(r"/plans/[0-9a-f-]{36}$"))
    expect(admin.locator(".flash")).to_contain_text("นำเข้าแผนของเทศบาลเมืองทุ่งสงแล้ว")
    assert world.head() == 19
    shoot(admin, "import-imported-plan-th")
    admin.context.close()

    manager = tab_on(browser, url)
    sign_in(manager, "manee")
    upload(manager, tmp_path, example_revision_upload())
    manager.get_by_role("button", name="ตรวจสอบไฟล์").click()
    expect(manager.locator("#import-changes")).to_contain_text("ถอนโครงการ 3 ออกจากแผน")
    expect(manager.locator("#needs-revision")).to_be_visible()
    assert manager.locator("#import-confirm").count() == 0
    shoot(manager, "import-revision-differences-th")
    naming = manager.locator("#import-name-revision")  # no second upload: the file is kept
    naming.get_by_label("ชื่อการแก้ไข").fill("แก้ไขครั้งที่ 1/2552")
    naming.get_by_label("วันที่อนุมัติการแก้ไข").fill("2/3/2552")
    naming.get_by_role("button", name="ตรวจสอบเป็นการแก้ไขแผน").click()
    expect(manager.locator("#dry-run")).to_contain_text("การแก้ไขครั้งที่ 1: แก้ไขครั้งที่ 1/2552")
    shoot(manager, "import-revision-confirm-th")
    manager.get_by_role("button", name="ยืนยันการแก้ไขแผนครั้งที่ 1").click()
    manager.wait_for_url(re.compile(r"/plans/[0-9a-f-]{36}$"))
    expect(manager.locator(".flash")).to_contain_text("บันทึกการแก้ไขแผนครั้งที่ 1 แล้ว")
    assert manager.locator('[id="a-3"]').count() == 0  # project 3 withdrawn
    shoot(manager, "import-revised-plan-th")

    editions = manager.locator("#editions")
    editions.get_by_role("link", name="แผนตามที่อนุมัติ").click()
    expect(manager.locator('[id="a-3"]')).to_be_visible()  # as adopted, project 3 stands
    expect(manager.locator("#editions a[aria-current=page]")).to_have_text("แผนตามที่อนุมัติ")
    manager.locator("#editions").get_by_role("link", name="เทียบสองฉบับ").click()
    expect(manager.locator('[id="e-3"]')).to_contain_text("ถอนออก")
    expect(manager.locator('[id="e-1.2"]')).to_contain_text("มี.ค. 2552")
    expect(manager.locator('[id="e-1.2"]')).to_contain_text("เม.ย. 2552")
    shoot(manager, "editions-adopted-vs-current-th")
    manager.context.close()

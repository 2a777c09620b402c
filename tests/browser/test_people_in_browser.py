"""The admin pages about people in a real browser, on a desktop and on a phone.

An admin (prasit) adds a person (a refusal first: the password too short, what was
typed kept), issues them a token (shown on that answer, and not after a reload),
and disables them. Each device adds a person of its own, since the site is shared
by the session's tests; the people of the world are left as they are.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import Page as BrowserPage

from tests.browser.conftest import Site, open_tab, shoot, sign_in
from tests.browser.world import PR_UNIT

DEVICES = {"desktop": (1280, 900, "somchai"), "phone": (360, 740, "somying")}


@pytest.mark.parametrize("device", list(DEVICES))
def test_an_admin_adds_a_person_issues_a_token_once_and_disables_them(
    browser: Browser, site: Site, device: str
) -> None:
    width, height, username = DEVICES[device]
    tab = open_tab(browser, site, width=width, height=height)
    try:
        sign_in(tab, "prasit")
        tab.get_by_role("link", name="ผู้ใช้งาน", exact=True).first.click()
        tab.wait_for_url(re.compile(r"/admin/people$"))
        add = tab.locator("#form-add")
        add.get_by_label("ชื่อผู้ใช้").fill(username)
        add.get_by_label("ชื่อที่แสดง").fill("ผู้ใช้ทดลอง " + device)
        add.get_by_label("อีเมล").fill(f"{username}@thungsong.go.th")
        add.get_by_label("เจ้าหน้าที่").check()
        add.get_by_label(PR_UNIT).check()
        add.get_by_label("รหัสผ่านเริ่มต้น").fill("สั้นไป")
        add.get_by_role("button", name="เพิ่มผู้ใช้").click()
        problem = tab.locator("#add-password-err")
        problem.wait_for()
        assert "รหัสผ่านต้องยาว 10–200 ตัวอักษร" in problem.inner_text()
        add = tab.locator("#form-add")
        assert add.get_by_label("ชื่อผู้ใช้").input_value() == username  # kept
        assert add.get_by_label(PR_UNIT).is_checked()
        shoot(tab, f"flow-people-refused-th-{device}")
        add.get_by_label("รหัสผ่านเริ่มต้น").fill("ทุ่งสง-ใหม่-2552")
        add.get_by_role("button", name="เพิ่มผู้ใช้").click()
        tab.wait_for_url(re.compile(rf"/admin/people/{username}$"))
        assert f"เพิ่มผู้ใช้ {username} แล้ว" in tab.locator(".flash").inner_text()
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        shoot(tab, f"flow-people-added-th-{device}")

        token = issue_once(tab, username, device, width)
        disable = tab.locator("#form-disable")
        disable.get_by_label("เหตุผล").fill("ทดลองระบบเสร็จแล้ว")
        tab.once("dialog", lambda dialog: dialog.accept())  # a danger form asks once more
        disable.get_by_role("button", name="ปิดการใช้งาน").click()
        expect(tab.locator(".flash")).to_contain_text(f"ปิดการใช้งาน {username} แล้ว")
        assert "ปิดการใช้งาน" in tab.locator("#state").inner_text()
        assert tab.locator("#form-enable").is_visible()
        refused = tab.request.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert refused.status == 401  # a disabled person's token works no more
        shoot(tab, f"flow-people-disabled-th-{device}")
        tab.get_by_role("link", name="ผู้ใช้งานทั้งหมด").click()
        assert "ปิดการใช้งาน" in tab.locator(f"#person-{username}").inner_text()
    finally:
        tab.context.close()


def issue_once(tab: BrowserPage, username: str, device: str, width: int) -> str:
    """Issue a token on the person's page: its secret is on that answer, working, and
    neither a reload (the form sent again) nor the page opened again shows it."""
    tab.locator("#form-token").get_by_label("ชื่อเรียก").fill("ระบบสารบรรณ")
    tab.locator("#form-token").get_by_role("button", name="ออกโทเคนใหม่").click()
    secret = tab.locator("#token-secret")
    secret.wait_for()
    token = secret.inner_text().strip()
    assert token.startswith("tt_")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    shoot(tab, f"flow-people-token-th-{device}")
    me = tab.request.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == username
    tab.reload()  # the same form sent again: refused, and the secret is not shown
    expect(tab.locator("#form-token .form-problem")).to_contain_text("แสดงได้ครั้งเดียว")
    assert tab.locator("#token-secret").count() == 0 and token not in tab.content()
    tab.goto(f"/admin/people/{username}")
    assert tab.locator("#token-secret").count() == 0 and token not in tab.content()
    assert "ระบบสารบรรณ" in tab.locator("#tokens").inner_text()
    return token

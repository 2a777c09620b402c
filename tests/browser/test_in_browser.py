"""The pages in a real browser: Debian's chromium driven by Playwright, a real server.

One browser and one server for the session (see ``conftest.py``); each test
opens a fresh browser context, so cookies never leak between people. The flows
are done the way a person does them: sign in with the keyboard, follow links,
fill forms by their labels, press Enter. Screenshots of every page, in Thai and
English, on a desktop and on a 360-px phone, go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser
from playwright.sync_api import Page as BrowserPage

from projections.alerts_view import AlertReader
from tests.browser.conftest import Site, open_tab, shoot, sign_in

THAI_FONTS = {"Garuda", "Loma", "Tlwg Typo", "Waree", "Kinnari", "Norasi", "Laksaman", "Sawasdee"}
UNLABELLED = """() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter(el => el.type !== "hidden")
  .filter(el => !Array.from(el.labels || []).some(l => l.offsetWidth > 0 && l.textContent.trim()))
  .map(el => el.name || el.id || el.outerHTML.slice(0, 60))"""


def plan_path(site: Site) -> str:
    return f"/plans/{site.world.plan_id}"


def activity_path(site: Site, code: str) -> str:
    return f"/activities/{site.world.activity_id(code)}"


def row(tab: BrowserPage, code: str) -> str:
    return tab.locator(f'[id="a-{code}"]').inner_text()


def test_staff_record_progress_and_see_it_on_the_grid_and_in_plan_versus_actual(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, "somsak")  # keyboard only: type, Tab, type, Enter
    assert "ผล 66%" in row(tab, "2.1")
    tab.locator('[id="a-2.1"] .c-name a').click()
    tab.wait_for_url(re.compile(r"/activities/"))
    tab.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").focus()
    tab.keyboard.type("90")
    tab.keyboard.press("Tab")  # to the note
    tab.keyboard.type("จัดงานแถลงข่าวครั้งที่ 3 เพิ่มเติมแล้ว")
    tab.keyboard.press("Tab")  # to the evidence
    tab.keyboard.type("ภาพถ่าย IMG_0930.jpg")
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".flash")
    assert "บันทึกความก้าวหน้าของกิจกรรม 2.1 แล้ว" in tab.locator(".flash").inner_text()
    timeline = tab.locator(".events li").first.inner_text()
    assert "ความก้าวหน้า 90%" in timeline and "somsak" in timeline and "30 ก.ย. 2552" in timeline
    shoot(tab, "flow-staff-recorded-th")

    tab.get_by_role("link", name="แผน", exact=True).click()
    assert "ผล 90%" in row(tab, "2.1")
    september = tab.locator('[id="a-2.1"] td.cell').nth(11)
    assert "cell-worked" in (september.get_attribute("class") or "")  # worked, not planned
    tab.get_by_role("link", name="แผนเทียบผล").click()
    activity_row = tab.locator("section", has=tab.locator("#rows-title")).locator(
        "tr", has_text="2.1"
    )
    assert "90/100" in activity_row.inner_text()
    shoot(tab, "flow-staff-plan-vs-actual-th")


def test_staff_of_another_unit_see_no_forms_and_a_direct_post_is_refused(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, "wichai")
    tab.goto(activity_path(site, "2.1"))
    assert tab.locator("form.command").count() == 0
    assert "บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง" in tab.locator("main").inner_text()
    token = tab.locator('input[name="csrf"]').first.get_attribute("value") or ""
    version = site.world.runtime.tracker.get_activity(site.world.activity_id("2.1")).version
    refused = tab.request.post(
        f"{activity_path(site, '2.1')}/progress",
        form={"csrf": token, "version": str(version), "percent": "95"},
    )
    assert refused.status == 403
    assert "บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง" in refused.text()
    after = site.world.runtime.tracker.get_activity(site.world.activity_id("2.1")).version
    assert after == version


def test_a_stale_form_shows_the_conflict_and_the_newer_state(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "somsak")
    tab.goto(activity_path(site, "1.2"))
    site.world.runtime.tracker.record_progress(
        site.world.activity_id("1.2"), 80, actor="manee", note="อบรมรุ่นสุดท้ายเสร็จแล้ว"
    )  # someone else records while the form is open
    tab.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").fill("70")
    tab.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").press("Enter")
    conflict = tab.locator("#conflict")
    conflict.wait_for()
    assert "มีผู้อื่นบันทึกกิจกรรมนี้ก่อนคุณ" in conflict.inner_text()
    newer = tab.locator(".events li.is-new").first.inner_text()
    assert "ความก้าวหน้า 80%" in newer and "อบรมรุ่นสุดท้ายเสร็จแล้ว" in newer
    assert tab.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").input_value() == "70"
    facts = site.world.runtime.tracker.get_activity(site.world.activity_id("1.2"))
    assert facts.progress == 80  # nothing was overwritten
    shoot(tab, "flow-conflict-th")


def test_an_auditor_sees_the_plan_as_it_was_known_then(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "kanya")
    tab.get_by_role("link", name="ประวัติ").click()
    travel = tab.locator("#travel")
    travel.get_by_label("วันที่").fill("1/2/2552")
    travel.get_by_label("เวลา (น.)").fill("12:00")
    travel.get_by_label("เวลา (น.)").press("Enter")
    tab.wait_for_url(re.compile(r"as_of=2009-02-01T12%3A00%2B07%3A00"))
    banner = tab.locator(".as-of-banner").inner_text()
    assert "1 ก.พ. 2552 12:00 น." in banner
    assert "ผล 60%" in row(tab, "1.1")  # before the correction recorded on 2 February
    shoot(tab, "flow-auditor-as-of-th")
    tab.get_by_role("link", name="แผนเทียบผล").click()
    assert "as_of=" in tab.url and tab.locator(".as-of-banner").is_visible()
    tab.get_by_role("link", name="กลับสู่ข้อมูลปัจจุบัน").click()
    assert "as_of" not in tab.url and tab.locator(".as-of-banner").count() == 0


def test_a_manager_acknowledges_one_alert_and_snoozes_another(tab: BrowserPage, site: Site) -> None:
    flags = {r.code: r for r in AlertReader(site.world.runtime.projections.db).flags()}
    sign_in(tab, "manee")
    tab.get_by_role("link", name="การแจ้งเตือน").click()
    tab.wait_for_url(re.compile(r"/alerts$"))
    late = tab.locator(f'[id="flag-{flags["1.2"].flag_id}"]')
    assert "ควรเสร็จภายใน 31 มี.ค. 2552" in late.inner_text()
    shoot(tab, "flow-alerts-th")
    late.get_by_label("หมายเหตุ").fill("โทรตามหัวหน้างานแล้ว")
    late.get_by_role("button", name="รับทราบ").click()
    tab.wait_for_selector(".flash")
    assert "รับทราบการแจ้งเตือนของกิจกรรม 1.2 แล้ว" in tab.locator(".flash").inner_text()
    assert "รับทราบแล้วโดย manee" in late.inner_text()

    other = tab.locator(f'[id="flag-{flags["2.1"].flag_id}"]')
    other.get_by_label("เลื่อนถึงวันที่").fill("29/09/2552")
    other.get_by_label("เลื่อนถึงวันที่").press("Enter")
    problem = tab.locator(f'[id="until-{flags["2.1"].flag_id}-err"]')
    problem.wait_for()
    assert "เลื่อนการแจ้งเตือนได้ถึงวันหลังจากวันนี้" in problem.inner_text()
    assert tab.evaluate("document.activeElement.name") == "until"  # back at the field
    tab.keyboard.press("Control+A")
    tab.keyboard.type("15/10/2552")
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".flash")
    assert "เลื่อนการแจ้งเตือนถึง 15 ต.ค. 2552" in other.inner_text()
    shoot(tab, "flow-alerts-handled-th")


def test_a_manager_revises_a_project_budget_from_the_plan(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "manee")
    tab.goto(plan_path(site))
    tab.get_by_role("link", name="โครงการ 3", exact=True).click()  # a one-activity project
    tab.wait_for_url(re.compile(r"/projects/3$"))
    assert "ยังไม่ได้จัดสรร" in tab.locator("main").inner_text()
    tab.get_by_label("งบประมาณโครงการใหม่ (บาท)").fill("180,000")
    tab.locator("#form-project_budget").get_by_label("เหตุผล").fill("ค่าติดตั้งป้ายเพิ่ม")
    tab.locator("#form-project_budget button[type=submit]").click()
    tab.wait_for_selector(".flash")
    assert "ปรับงบประมาณโครงการ 3 แล้ว" in tab.locator(".flash").inner_text()
    assert "ค่าติดตั้งป้ายเพิ่ม" in tab.locator("main").inner_text()
    shoot(tab, "flow-manager-project-budget-th")


def test_the_feed_filters_and_downloads_as_csv(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "kanya")
    tab.get_by_role("link", name="บันทึกเหตุการณ์").click()
    tab.get_by_label("รหัสกิจกรรม").fill("2.1")
    tab.get_by_label("ประเภท").select_option("ExpenditureRecorded")
    tab.get_by_role("button", name="ค้นหา").click()
    tab.wait_for_url(re.compile(r"code=2.1"))
    rows = tab.locator(".events-table tbody tr")
    assert rows.count() == 3
    assert "ฎ.31/52" in rows.first.inner_text()
    shoot(tab, "flow-feed-filtered-th")
    with tab.expect_download() as download:
        tab.get_by_role("link", name="ดาวน์โหลด CSV").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.count("\n") == 1 + 3 and "งานแถลงข่าวครั้งที่ 1" in text and "ฎ.102/52" in text


def test_thai_renders_in_a_thai_font(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "manee")
    heading = tab.locator("h1")
    assert "แผนดำเนินงาน" in heading.inner_text()
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    used = {
        f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    }
    assert used & THAI_FONTS, f"Thai text drawn with {used}"
    assert tab.evaluate("document.fonts.check('16px Garuda')")
    shoot(tab, "font-thai-heading")


def page_paths(site: Site) -> dict[str, str]:
    plan = plan_path(site)
    return {
        "plan": plan,
        "vs-actual": f"{plan}/vs-actual",
        "reports": f"{plan}/reports",
        "summary": f"{plan}/reports/summary",
        "monitoring": f"{plan}/reports/monitoring?period=half",
        "activity-2.1": activity_path(site, "2.1"),
        "activity-1.1": activity_path(site, "1.1"),
        "project-1": f"{plan}/projects/1",
        "history": "/history",
        "events": "/events",
        "compare": f"{plan}/compare?from=2009-02-01T12:00&to=2009-07-01T12:00",
        "plans": "/plans",
        "alerts": "/alerts",
        "as-of": f"{plan}?as_of=2009-02-01T12:00",
        "help": "/help",
        "search": "/search?q=พัฒนา",
        "plan-on-a-day": f"{plan}?on=2009-03-31",
        "my-work": "/my-work",
    }


def admin_page_paths(site: Site) -> dict[str, str]:
    """The pages only an admin opens (the others see the refusal)."""
    return {"people": "/admin/people", "person-somsak": "/admin/people/somsak"}


def tour(
    tab: BrowserPage, site: Site, device: str, lang: str, *, width: int,
    paths: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """Visit every page: it fits ``width``, labels every input, and is photographed."""
    problems: dict[str, object] = {}
    for name, path in (paths or page_paths(site)).items():
        tab.goto(path)
        assert tab.locator("main h1, main h2").first.is_visible(), name
        overflow = tab.evaluate("document.documentElement.scrollWidth")
        if overflow > width:
            problems[f"{name} overflows"] = overflow
        if unlabelled := tab.evaluate(UNLABELLED):
            problems[f"{name} unlabelled"] = unlabelled
        shoot(tab, f"{name}-{lang}-{device}")
    assert not problems, problems


def test_every_page_on_a_phone_fits_and_labels_its_inputs(browser: Browser, site: Site) -> None:
    tab = open_tab(browser, site, width=360, height=740)
    try:
        tab.goto("/sign-in")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert tab.evaluate(UNLABELLED) == []
        shoot(tab, "sign-in-th-phone")
        sign_in(tab, "manee")
        tour(tab, site, "phone", "th", width=360)
        tab.get_by_role("link", name="English").click()
        tour(tab, site, "phone", "en", width=360)
    finally:
        tab.context.close()


def test_the_admin_pages_fit_a_phone_and_a_desktop_in_thai_and_english(
    browser: Browser, site: Site
) -> None:
    for device, width, height in (("phone", 360, 740), ("desktop", 1280, 900)):
        tab = open_tab(browser, site, width=width, height=height)
        try:
            sign_in(tab, "prasit")
            tour(tab, site, device, "th", width=width, paths=admin_page_paths(site))
            tab.get_by_role("link", name="English").click()
            tour(tab, site, device, "en", width=width, paths=admin_page_paths(site))
        finally:
            tab.context.close()


def test_every_page_on_a_desktop_in_thai_and_english(tab: BrowserPage, site: Site) -> None:
    tab.goto("/sign-in")
    shoot(tab, "sign-in-th-desktop")
    sign_in(tab, "manee")
    tour(tab, site, "desktop", "th", width=1280)
    tab.goto(f"{plan_path(site)}?as_of=2009-02-01T12:00")
    tab.get_by_role("link", name="English").click()
    assert tab.locator("html").get_attribute("lang") == "en"
    assert "Action plan, fiscal year 2552 (BE)" in tab.locator("h1").inner_text()
    tour(tab, site, "desktop", "en", width=1280)
    tab.goto(f"/activities/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    shoot(tab, "error-not-found-en-desktop")
    tab.get_by_role("button", name="Sign out").click()
    tab.wait_for_url(re.compile(r"/sign-in"))
    assert "You have signed out" in tab.locator(".flash").inner_text()
    shoot(tab, "sign-in-en-desktop")


def test_on_a_phone_the_activity_name_stays_beside_the_months(browser: Browser, site: Site) -> None:
    """Scrolled to the months, the grid still shows which activity a row is."""
    tab = open_tab(browser, site, width=360, height=740)
    try:
        sign_in(tab, "somsak")
        tab.goto(plan_path(site))
        region = tab.locator(".table-scroll")
        region.evaluate("el => { el.scrollLeft = 600; }")
        box = region.bounding_box()
        name = tab.locator('[id="a-2.1"] td.c-name').bounding_box()
        cells = tab.locator('[id="a-2.1"] td.cell')
        months = [cells.nth(i).bounding_box() for i in range(cells.count())]
        assert box and name and all(months)
        assert region.evaluate("el => el.scrollLeft") > 0
        assert box["x"] <= name["x"] < box["x"] + 120  # the name is in view, at the left
        beside = [m for m in months if m and name["x"] + name["width"] - 1 <= m["x"] < 360]
        assert beside  # and months are in view beside it
        shoot(tab, "plan-scrolled-th-phone")
    finally:
        tab.context.close()

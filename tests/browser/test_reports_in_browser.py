"""The reports' pages in Chromium (issue 16): the summary by strategy (ผด.01) reached
from the plan's navigation, its figures on the page, and its workbook downloaded
through the browser holding the same figures."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import load_workbook
from playwright.sync_api import Page as BrowserPage
from pypdf import PdfReader

from domain.money import format_baht
from tests.browser.conftest import Site, shoot, sign_in


def test_a_manager_opens_the_summary_and_downloads_it_as_a_workbook(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, "manee")
    tab.goto(f"/plans/{site.world.plan_id}")
    tab.get_by_role("link", name="รายงาน").click()
    tab.wait_for_url(re.compile(r"/reports$"))
    tab.locator("#to-summary").click()
    tab.wait_for_url(re.compile(r"/reports/summary"))
    assert tab.locator("h1").inner_text() == "บัญชีสรุปจำนวนโครงการและงบประมาณ"
    # Other tests of the session revise budgets in this world: the figures are the plan's now.
    budget = format_baht(_plan_budget(site))
    strategy = tab.locator("#summary-table tbody tr").first.locator("td")
    assert strategy.all_inner_texts()[:4] == ["3", "100.00", budget, "100.00"]
    assert "ห่วงโซ่บันทึก ลำดับที่" in tab.locator(".imprint").inner_text()
    shoot(tab, "summary-th-desktop")

    with tab.expect_download() as download:
        tab.locator("#download-xlsx").click()
    assert re.fullmatch(r"pd01-2552-\d{4}-\d\d-\d\d\.xlsx", download.value.suggested_filename)
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet is not None
    cells = list(next(sheet.iter_rows(min_row=7, max_row=7, values_only=True)))
    assert cells[1:5] == [3, 100, _plan_budget(site), 100]


def _plan_budget(site: Site) -> Decimal:
    """The plan's budget today, summed from the projects' own streams (not the views)."""
    tracker = site.world.runtime.tracker
    return sum(
        (tracker.find_project(site.world.plan_id, code).budget for code in ("1", "2", "3")),
        Decimal(0),
    )


def test_a_manager_reads_the_six_month_round_and_writes_the_findings(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, "manee")
    tab.goto(f"/plans/{site.world.plan_id}/reports/summary")
    tab.locator("#to-monitoring").click()
    tab.wait_for_url(re.compile(r"/reports/monitoring"))
    assert "รอบ 6 เดือน (ต.ค.–มี.ค.) ปีงบประมาณ พ.ศ. 2552" in tab.locator(".as-at").inner_text()
    assert tab.locator("#monitoring-counts tfoot td").first.inner_text() == "3"
    tab.get_by_role("textbox", name="ผลการติดตาม", exact=True).fill("ดำเนินการแล้วเสร็จ 1 โครงการ")
    tab.get_by_role("textbox", name="ข้อเสนอแนะ", exact=True).fill("เร่งรัดการอบรม")
    tab.get_by_role("button", name="บันทึก").click()
    tab.wait_for_url(re.compile(r"period=half"))
    assert "บันทึกผลการติดตามและข้อเสนอแนะแล้ว" in tab.locator(".flash").inner_text()
    findings = tab.locator("#monitoring-findings").inner_text()
    assert "ดำเนินการแล้วเสร็จ 1 โครงการ" in findings and "บันทึกโดย manee" in findings
    tab.get_by_role("textbox", name="ผลการติดตาม", exact=True).fill("แก้ไขข้อความ")
    tab.get_by_role("button", name="บันทึก").click()
    assert "ต้องระบุเหตุผล" in tab.locator(".form-problem").inner_text()
    assert (
        tab.get_by_role("textbox", name="ผลการติดตาม", exact=True).input_value() == "แก้ไขข้อความ"
    )  # kept as typed
    shoot(tab, "monitoring-th-desktop")


def test_staff_read_the_round_but_see_no_findings_form(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "somsak")
    tab.goto(f"/plans/{site.world.plan_id}/reports/monitoring?period=year")
    assert "ทั้งปีงบประมาณ" in tab.locator(".as-at").inner_text()
    assert tab.locator("#findings-form").count() == 0


def test_a_manager_files_the_round_and_the_calendar_shows_it_filed(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, "manee")
    tab.goto(f"/plans/{site.world.plan_id}")
    tab.get_by_role("link", name="รายงาน").click()
    tab.wait_for_url(re.compile(r"/reports$"))
    half = tab.locator("#round-half")
    assert "รอบ 6 เดือน" in half.inner_text()
    half.get_by_role("link", name="ดูรายงาน").click()
    tab.wait_for_url(re.compile(r"/reports/monitoring"))
    tab.get_by_role("button", name="ยื่นรายงานรอบนี้").click()
    tab.wait_for_url(re.compile(r"/reports/filings/\d+$"))
    assert re.search(r"ยื่นรายงานฉบับที่ \d+ แล้ว", tab.locator(".flash").inner_text())
    facts = tab.locator("#filing-facts").inner_text()
    assert "31 มี.ค. 2552" in facts and "manee" in facts
    assert tab.locator("#filing-files a").all_inner_texts()[:3] == ["JSON", "HTML", "XLSX"]
    shoot(tab, "filing-th-desktop")
    tab.get_by_role("link", name="รายงาน").first.click()
    assert "ยื่นแล้วเมื่อ" in tab.locator("#round-half").inner_text()
    shoot(tab, "reports-calendar-th-desktop")


def test_the_monitoring_page_prints_on_landscape_a4(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, "manee")
    tab.goto(f"/plans/{site.world.plan_id}/reports/monitoring?period=half")
    printed = PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True))).pages[0].mediabox
    assert (round(float(printed.width)), round(float(printed.height))) == (842, 595)
    tab.goto(f"/plans/{site.world.plan_id}/reports/summary")
    portrait = PdfReader(io.BytesIO(tab.pdf(prefer_css_page_size=True))).pages[0].mediabox
    assert (round(float(portrait.width)), round(float(portrait.height))) == (595, 842)

"""The reports' pages in Chromium (issue 16): the summary by strategy (ผด.01) reached
from the plan's navigation, its figures on the page, and its workbook downloaded
through the browser holding the same figures."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import Page as BrowserPage

from tests.browser.conftest import Site, shoot, sign_in


def test_a_manager_opens_the_summary_and_downloads_it_as_a_workbook(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, "manee")
    tab.goto(f"/plans/{site.world.plan_id}")
    tab.get_by_role("link", name="รายงาน").click()
    tab.wait_for_url(re.compile(r"/reports/summary"))
    assert tab.locator("h1").inner_text() == "บัญชีสรุปจำนวนโครงการและงบประมาณ"
    strategy = tab.locator("#summary-table tbody tr").first.locator("td")
    assert strategy.all_inner_texts()[:4] == ["3", "100.00", "458,000", "100.00"]
    assert "ห่วงโซ่บันทึก ลำดับที่" in tab.locator(".imprint").inner_text()
    shoot(tab, "summary-th-desktop")

    with tab.expect_download() as download:
        tab.locator("#download-xlsx").click()
    assert re.fullmatch(r"pd01-2552-\d{4}-\d\d-\d\d\.xlsx", download.value.suggested_filename)
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet is not None
    cells = list(next(sheet.iter_rows(min_row=7, max_row=7, values_only=True)))
    assert cells[1:5] == [3, 100, 458000, 100]

"""The calendar beside every date field, in Chromium: Buddhist-era years on Thai pages.

A date field is text and stays so (the pages work without script, and a clerk types
fastest); the calendar is for the person on a phone who does not know the date's
number. It opens on the field's day or on today, steps between months, and writes the
day the way the server reads it: the filter it fills is answered without a refusal.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import expect

from api.web.date_picker import written_as
from tests.browser.conftest import Site, shoot, sign_in
from tests.browser.test_pages_http import MANAGER, STAFF


def test_a_date_field_writes_the_day_as_its_page_reads_it() -> None:
    assert written_as("th") == ("dmy", 543)
    assert written_as("en") == ("iso", 0)


def test_the_calendar_picks_a_day_in_buddhist_era_and_the_filter_takes_it(
    tab: BrowserPage, site: Site
) -> None:
    sign_in(tab, MANAGER)
    tab.goto(f"/events?plan={site.world.plan_id}")
    field = tab.get_by_label("บันทึกตั้งแต่วันที่")
    field.locator("xpath=..").get_by_role("button", name="เลือกวันจากปฏิทิน").click()
    panel = tab.get_by_role("dialog", name="เลือกวันจากปฏิทิน")
    expect(panel.locator(".date-title")).to_have_text("กันยายน 2552")  # today: 30 Sep 2009
    assert panel.locator(".date-weekday").all_inner_texts() == ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"]
    expect(panel.locator(".is-today")).to_have_text("30")
    expect(panel.get_by_role("button", name="30/09/2552")).to_be_focused()
    panel.get_by_role("button", name="เดือนก่อนหน้า").click()
    expect(panel.locator(".date-title")).to_have_text("สิงหาคม 2552")
    # 1 August 2009 was a Saturday: six blanks before it under Sunday to Friday.
    first = panel.get_by_role("button", name="01/08/2552").bounding_box()
    saturday = panel.locator(".date-weekday").nth(6).bounding_box()
    assert first and saturday and abs(first["x"] - saturday["x"]) < 2
    shoot(tab, "date-picker-th")
    panel.get_by_role("button", name="15/08/2552").click()
    expect(panel).to_have_count(0)
    expect(field).to_have_value("15/08/2552")
    expect(field).to_be_focused()
    field.press("Enter")
    tab.wait_for_url(re.compile(r"from=2009-08-15"))  # read as BE 2552, kept as the CE day
    assert tab.locator(".field-error").count() == 0
    expect(tab.get_by_label("บันทึกตั้งแต่วันที่")).to_have_value("15/08/2552")


def test_the_calendar_opens_on_the_fields_day_and_fits_a_phone(
    phone: BrowserPage, site: Site
) -> None:
    sign_in(phone, STAFF)
    phone.goto(f"/activities/{site.world.activity_id('1.2')}")
    field = phone.locator("input[name=occurred_on]").first
    field.fill("03/02/2552")
    field.locator("xpath=..").get_by_role("button", name="เลือกวันจากปฏิทิน").click()
    panel = phone.get_by_role("dialog")
    expect(panel.locator(".date-title")).to_have_text("กุมภาพันธ์ 2552")
    expect(panel.get_by_role("button", name="03/02/2552")).to_have_attribute("aria-pressed", "true")
    days = (panel.get_by_role("button", name=f"{d}/02/2552") for d in ("03", "10"))
    one, two = (day.bounding_box() for day in days)
    assert one and two and two["height"] <= one["height"] + 1, "a two-digit day wrapped"
    box = panel.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    shoot(phone, "date-picker-phone")
    phone.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(field).to_be_focused()
    expect(field).to_have_value("03/02/2552")


def test_english_pages_pick_iso_days_in_the_common_era(tab: BrowserPage, site: Site) -> None:
    sign_in(tab, MANAGER)
    tab.goto(f"/lang/en?next=/events?plan={site.world.plan_id}")
    field = tab.locator("input[name=to]")
    field.locator("xpath=..").get_by_role("button", name="Pick the day from a calendar").click()
    panel = tab.get_by_role("dialog")
    expect(panel.locator(".date-title")).to_have_text("September 2009")
    panel.get_by_role("button", name="2009-09-15").click()
    expect(field).to_have_value("2009-09-15")

"""Any business date on the pages (``?on=``), and forms that ask for the date when today
lies outside the plan's fiscal year (issue 18).

The world's clock stands at 30 September 2009 (FY 2552); a page on 31 March 2009 must
show each activity as :func:`projections.assess.assess` judges it on that day, the
same judgement the API's ``?on=`` gives.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape

import pytest

from domain.clock import BANGKOK
from projections.assess import assess
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import MANAGER, STAFF, activity_path, plan_path, post_form

MARCH = date(2009, 3, 31)


def status_of(html: str, code: str) -> str:
    row = html.split(f'id="a-{code}"')[1].split("</tr>")[0]
    found = re.search(r'class="status status-([a-z_]+)"', row)
    assert found, row
    return found.group(1)


def test_the_plan_on_another_day_judges_each_activity_on_that_day(pages: Pages) -> None:
    pages.sign_in(STAFF)
    reader = pages.world.runtime.reader
    codes = [a.code for a in reader.snapshot(pages.world.plan_id).activities]
    then = {c: assess(reader.activity(pages.world.activity_id(c)), MARCH) for c in codes}
    today = pages.http.get(plan_path(pages)).text
    on_march = pages.http.get(plan_path(pages), params={"on": "2009-03-31"}).text
    shown = {c: status_of(on_march, c) for c in codes if then[c] is not None}
    assert shown == {c: a.status.value for c, a in then.items() if a is not None}
    assert any(status_of(today, c) != s for c, s in shown.items())  # the day matters here
    assert "แสดงสถานะตามแผน ณ วันที่ 31 มี.ค. 2552 (ไม่ใช่วันนี้)" in on_march
    assert "ไม่ใช่วันนี้" not in today


def test_a_be_date_reads_as_the_same_day(pages: Pages) -> None:
    pages.sign_in(STAFF)
    iso = pages.http.get(f"{plan_path(pages)}/vs-actual", params={"on": "2009-03-31"}).text
    thai = pages.http.get(f"{plan_path(pages)}/vs-actual", params={"on": "31/03/2552"}).text
    assert "ข้อมูล ณ วันที่ 31 มี.ค. 2552" in iso
    main = re.compile(r"<main.*</main>", re.S)
    assert main.search(iso).group(0) == main.search(thai).group(0)  # type: ignore[union-attr]


def test_plan_versus_actual_on_a_day_counts_the_late_as_the_api_does(pages: Pages) -> None:
    pages.sign_in(STAFF)
    plan = plan_path(pages)
    html = pages.http.get(f"{plan}/vs-actual", params={"on": "2009-03-31"}).text
    shown = int(re.search(r'id="late-title">.*?class="count">(\d+)<', html, re.S).group(1))  # type: ignore[union-attr]
    api = pages.http.get(f"/api/v1{plan}/plan-vs-actual", params={"on": "2009-03-31"}).json()
    assert api["on"] == "2009-03-31" and shown == len(api["late"])


def test_links_between_the_plans_pages_keep_the_day_and_the_banner_leads_back(
    pages: Pages,
) -> None:
    pages.sign_in(STAFF)
    plan = plan_path(pages)
    html = unescape(pages.http.get(plan, params={"on": "2009-03-31"}).text)
    links = set(re.findall(r'href="([^"]+)"', html))
    assert f"{plan}/vs-actual?on=2009-03-31" in links
    assert activity_path(pages, "2.1") in links  # an activity's page opens on today
    banner = html.split('class="on-banner"')[1].split("</div>")[0]
    assert f'href="{plan}"' in banner


def test_an_activity_on_another_day_is_read_only(pages: Pages) -> None:
    pages.sign_in(STAFF)
    html = pages.http.get(activity_path(pages, "2.1"), params={"on": "2009-03-31"}).text
    assert 'id="form-progress"' not in html
    assert "แบบฟอร์มบันทึกแสดงเฉพาะเมื่อดูข้อมูล ณ วันนี้" in html
    assert 'id="form-progress"' in pages.http.get(activity_path(pages, "2.1")).text


@pytest.mark.parametrize("typed", ["31/02/2552", "tomorrow", "1/1/1500"])
def test_an_unreadable_day_is_refused_naming_the_field(pages: Pages, typed: str) -> None:
    pages.sign_in(STAFF)
    response = pages.http.get(plan_path(pages), params={"on": typed})
    assert response.status_code == 422
    assert "วันที่" in response.text and "<form" not in response.text.split("<main")[1]


def test_a_form_fills_in_today_inside_the_plans_year(pages: Pages) -> None:
    pages.sign_in(STAFF)
    html = pages.http.get(activity_path(pages, "2.1")).text
    field = html.split('id="progress-occurred_on"')[1].split(">")[0]
    assert 'value="30/09/2552"' in field


def move_clock(pages: Pages, day: date) -> None:
    pages.world.runtime.tracker.clock.set(datetime(day.year, day.month, day.day, 9, tzinfo=BANGKOK))  # type: ignore[attr-defined]


def test_outside_the_plans_year_the_form_asks_for_the_date_and_says_why(pages: Pages) -> None:
    pages.sign_in(STAFF)
    move_clock(pages, date(2026, 12, 4))
    html = pages.http.get(activity_path(pages, "2.1")).text
    field = html.split('id="progress-occurred_on"')[1].split(">")[0]
    assert 'value=""' in field
    assert "วันนี้ (4 ธ.ค. 2569) อยู่นอกปีงบประมาณ พ.ศ. 2552 ของแผนนี้" in html
    version = pages.world.runtime.tracker.get_activity(pages.world.activity_id("2.1")).version
    blank = post_form(pages, "2.1", "progress", percent="95", occurred_on="")
    assert blank.status_code == 422  # type: ignore[attr-defined]
    assert "กรุณาระบุวันที่ดำเนินการ" in blank.text  # type: ignore[attr-defined]
    assert 'value="95"' in blank.text  # type: ignore[attr-defined]  # what was typed stays
    assert (
        pages.world.runtime.tracker.get_activity(pages.world.activity_id("2.1")).version == version
    )
    dated = post_form(pages, "2.1", "progress", percent="95", occurred_on="29/09/2552")
    assert dated.status_code == 303  # type: ignore[attr-defined]


def test_a_project_form_outside_the_plans_year_asks_for_the_date_too(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    move_clock(pages, date(2026, 12, 4))
    project = f"{plan_path(pages)}/projects/1"
    html = pages.http.get(project).text
    assert "อยู่นอกปีงบประมาณ พ.ศ. 2552 ของแผนนี้" in html
    version = re.search(r'name="version" value="(\d+)"', html).group(1)  # type: ignore[union-attr]
    response = pages.http.post(
        f"{project}/project_budget",
        data={"csrf": pages.csrf(project), "version": version, "amount": "1",
              "reason": "ทดสอบ", "occurred_on": ""},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 422
    assert "กรุณาระบุวันที่ดำเนินการ" in response.text

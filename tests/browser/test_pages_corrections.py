"""The pages' corrections and project pages: start and completion dates put right, a
spending entry corrected, a project's budget revised or the project cancelled — each
with the reason why, and each told in the timeline."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlsplit

from domain.calendar import thai_date
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import (
    AUDITOR,
    MANAGER,
    STAFF,
    activity_path,
    csrf,
    post_form,
)


def test_staff_correct_the_start_date_and_the_timeline_says_what_it_was(pages: Pages) -> None:
    pages.sign_in(STAFF)
    tracker = pages.world.runtime.tracker
    began = tracker.get_activity(pages.world.activity_id("2.1")).started_on
    assert began is not None
    html = pages.http.get(activity_path(pages, "2.1")).text
    form = html.split('id="form-correct_start"')[1].split("</form>")[0]
    assert "วันที่เริ่มดำเนินการจริง" in form and 'name="reason"' in form
    truly = began - timedelta(days=1)
    response = post_form(
        pages, "2.1", "correct_start", occurred_on=truly.isoformat(), reason="ลงวันที่ผิด"
    )
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    assert tracker.get_activity(pages.world.activity_id("2.1")).started_on == truly
    page = pages.http.get(activity_path(pages, "2.1")).text
    assert f"แก้ไขวันเริ่มดำเนินการ (เดิม {thai_date(began)})" in unescape(page)
    pages.sign_in(MANAGER)  # the metrics are for those who may audit
    assert 'tidtam_commands_total{command="start_correction",outcome="ok"}' in (
        pages.http.get("/metrics").text
    )


def test_staff_correct_the_completion_date_and_the_timeline_says_what_it_was(
    pages: Pages,
) -> None:
    pages.sign_in(STAFF)
    tracker = pages.world.runtime.tracker
    finished = tracker.get_activity(pages.world.activity_id("1.1")).completed_on
    assert finished is not None, "the example year completes 1.1"
    html = pages.http.get(activity_path(pages, "1.1")).text
    form = html.split('id="form-correct_completion"')[1].split("</form>")[0]
    assert "วันที่เสร็จสิ้นจริง" in form and 'name="reason"' in form
    truly = finished + timedelta(days=2)
    response = post_form(
        pages, "1.1", "correct_completion", occurred_on=truly.isoformat(), reason="ส่งมอบงานช้า"
    )
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    assert tracker.get_activity(pages.world.activity_id("1.1")).completed_on == truly
    page = pages.http.get(activity_path(pages, "1.1")).text
    assert "แก้ไขวันที่เสร็จสิ้นของกิจกรรม 1.1 แล้ว" in page  # the flash after the redirect
    assert f"แก้ไขวันที่เสร็จสิ้น (เดิม {thai_date(finished)})" in unescape(page)
    assert 'id="form-correct_completion"' not in pages.http.get(activity_path(pages, "2.1")).text


# ----------------------------------------------------------------- a project's page


def project_path(pages: Pages, code: str, command: str = "") -> str:
    path = f"/plans/{pages.world.plan_id}/projects/{code}"
    return f"{path}/{command}" if command else path


def post_project_form(pages: Pages, code: str, command: str, **fields: str) -> object:
    """Post a project's form as its page draws it: CSRF and the version from the page."""
    html = pages.http.get(project_path(pages, code)).text
    version = re.search(r'name="version" value="(\d+)"', html)
    assert version, "the page draws no project form"
    data = {"csrf": csrf(html), "version": version.group(1), **fields}
    return pages.http.post(project_path(pages, code, command), data=data, follow_redirects=False)


def test_a_manager_revises_a_project_budget_on_its_page(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    plan = pages.http.get(f"/plans/{pages.world.plan_id}").text
    assert f'href="{project_path(pages, "1")}"' in plan  # the plan grid links each project
    page = pages.http.get(project_path(pages, "1")).text
    assert "กิจกรรมในโครงการ" in page and "ยังไม่ได้จัดสรร" in page
    assert 'id="form-project_budget"' in page and 'id="form-project_cancel"' in page

    response = post_project_form(
        pages, "1", "project_budget", amount="150,000", reason="โอนงบจากโครงการที่ 2"
    )

    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    page = pages.http.get(project_path(pages, "1")).text
    assert "ปรับงบประมาณโครงการ 1 แล้ว" in page  # the flash
    revisions = page.split('id="revisions-title"')[1].split("</section>")[0]
    assert "150,000" in revisions and "โอนงบจากโครงการที่ 2" in revisions
    assert "manee" in revisions and "เดิม 130,000" in revisions  # who, and the budget before
    tracker = pages.world.runtime.tracker
    project = tracker.get_project(tracker.find_activity(pages.world.plan_id, "1.1").project_id)
    assert project.budget == 150_000


def test_a_project_form_drawn_before_another_change_is_refused_with_the_newer_figures(
    pages: Pages,
) -> None:
    pages.sign_in(MANAGER)
    html = pages.http.get(project_path(pages, "1")).text
    drawn_at = re.search(r'name="version" value="(\d+)"', html)
    assert drawn_at
    pages.world.runtime.tracker.revise_project_budget(
        pages.world.plan_id, "1", Decimal("140000"), actor="boss", reason="อีกคนปรับก่อน"
    )
    response = pages.http.post(
        project_path(pages, "1", "project_budget"),
        data={"csrf": csrf(html), "version": drawn_at.group(1), "amount": "160000", "reason": "x"},
    )
    assert response.status_code == 409
    assert "มีผู้อื่นบันทึกโครงการนี้ก่อนคุณ" in response.text
    assert "140,000" in response.text and "อีกคนปรับก่อน" in response.text  # newer figures
    assert 'value="160000"' in response.text  # what was typed is kept


def test_a_refused_project_budget_says_why_at_its_field(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    response = post_project_form(pages, "1", "project_budget", amount="1000", reason="ตัดงบ")
    assert response.status_code == 422  # type: ignore[attr-defined]
    text = unescape(response.text)  # type: ignore[attr-defined]
    assert 'id="project_budget-amount-err"' in text and 'aria-invalid="true"' in text


def test_staff_read_a_project_but_may_not_change_it(pages: Pages) -> None:
    pages.sign_in(STAFF)
    page = pages.http.get(project_path(pages, "1")).text
    assert "หัวหน้าเป็นผู้ปรับงบประมาณหรือยกเลิกโครงการ" in page
    assert 'id="form-project_budget"' not in page
    refused = pages.http.post(
        project_path(pages, "1", "project_cancel"), data={"csrf": csrf(page), "reason": "x"}
    )
    assert refused.status_code == 403
    assert pages.http.get("/plans/" + str(pages.world.plan_id) + "/projects/99").status_code == 404


def test_a_cancelled_project_says_since_when_and_offers_no_forms(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    response = post_project_form(pages, "2", "project_cancel", reason="งบประมาณถูกตัด")
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    page = pages.http.get(project_path(pages, "2")).text
    assert "ยกเลิกโครงการ 2 แล้ว" in page and "ยกเลิกโครงการเมื่อ 30 ก.ย. 2552" in page
    assert 'id="form-project_budget"' not in page


def test_a_manager_corrects_a_spending_entry_on_the_activity_page(pages: Pages) -> None:
    pages.sign_in(STAFF)
    assert 'id="form-correct_spending"' not in pages.http.get(activity_path(pages, "1.1")).text
    pages.sign_in(MANAGER)
    assert 'id="form-correct_spending"' not in pages.http.get(activity_path(pages, "2.2")).text
    html = pages.http.get(activity_path(pages, "1.1")).text
    form = html.split('id="form-correct_spending"')[1].split("</form>")[0]
    assert "ฎ.47/52" in form and "28,500" in form  # the entries to choose from

    response = post_form(
        pages, "1.1", "correct_spending", entry="1", amount="28,000", reason="ใบเสร็จจริง 28,000"
    )

    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    page = pages.http.get(activity_path(pages, "1.1")).text
    assert "แก้ไขรายการเบิกจ่ายของกิจกรรม 1.1 แล้ว" in page
    activity = pages.world.runtime.tracker.get_activity(pages.world.activity_id("1.1"))
    assert activity.spent == Decimal("28000")
    refused = post_form(pages, "1.1", "correct_spending", entry="1", amount="28000", reason="x")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert 'id="correct_spending-amount-err"' in refused.text  # type: ignore[attr-defined]
    counted = pages.http.get("/metrics").text  # under the API's name for the command
    for outcome in ("ok", "refused"):
        assert f'{{command="expenditure_correction",outcome="{outcome}"}}' in counted
    assert 'command="correct_spending"' not in counted


def test_a_project_as_it_was_known_then_is_read_only(pages: Pages) -> None:
    tracker = pages.world.runtime.tracker
    tracker.revise_project_budget(
        pages.world.plan_id, "1", Decimal("150000"), actor="manee", reason="โอนงบ"
    )
    pages.world.runtime.projections.catch_up()
    pages.sign_in(MANAGER)
    then = pages.http.get(project_path(pages, "1"), params={"as_of": "2009-02-01T12:00"})
    assert then.status_code == 200
    assert "ยังไม่เคยปรับงบประมาณ" in then.text and 'id="form-project_budget"' not in then.text
    now = pages.http.get(project_path(pages, "1")).text
    assert "โอนงบ" in now and 'id="form-project_budget"' in now


def test_a_projects_page_leads_auditors_to_its_events_and_its_activities(pages: Pages) -> None:
    pages.sign_in(STAFF)
    assert "/events?" not in pages.http.get(project_path(pages, "2")).text  # staff: no feed
    pages.sign_in(AUDITOR)
    html = pages.http.get(project_path(pages, "2")).text
    link = re.search(r'href="([^"]*/events\?[^"]*)"', html)
    assert link and "ประวัติการบันทึกทั้งหมดของโครงการและกิจกรรม" in html
    assert parse_qs(urlsplit(unescape(link.group(1))).query)["project"] == ["2"]
    feed = pages.http.get(unescape(link.group(1))).text
    body = feed.split("<tbody>")[1].split("</tbody>")[0]
    codes = re.findall(r"<td>(?:<a [^>]*>)?([0-9.]+)(?:</a>)?</td>", body)
    assert "2" in codes and "2.1" in codes  # the project's own events and its activities'
    assert all(code == "2" or code.startswith("2.") for code in codes), codes
    unknown = pages.http.get("/events", params={"project": "99"}).text
    assert "ไม่พบโครงการรหัส 99" in unknown

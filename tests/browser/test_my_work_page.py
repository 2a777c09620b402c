"""The page of one's own work (``/my-work``) without a browser: whose work each person
sees, why each item is owed, and recording through its one-tap form.

In the example world on 30 Sep 2552 activities 2.1 and 1.2, both of the PR unit, are
reopened and overdue: 2.1's last month was August (30 days late; last recorded 21 Aug,
40 days ago), 1.2's was March (183 days late; last recorded 20 Mar). A second plan,
of another municipality and of กองช่าง (wichai's unit), is imported where a test needs
a second unit: its four activities were never started and their months are over.
"""

from __future__ import annotations

import dataclasses
import re
from html import unescape
from uuid import UUID

import pytest

from domain.draft import PlanDraft
from tests.browser.conftest import Pages
from tests.browser.world import OTHER_UNIT, PR_UNIT
from tests.builders import small_plan


def other_units_plan() -> PlanDraft:
    """The small plan, of another municipality, every activity of กองช่าง."""
    draft = small_plan()
    section = draft.sections[0]
    projects = tuple(
        dataclasses.replace(
            p, activities=tuple(dataclasses.replace(a, unit=OTHER_UNIT) for a in p.activities)
        )
        for p in section.projects
    )
    return dataclasses.replace(
        draft,
        organisation="เทศบาลตำบลทดสอบ",
        sections=(dataclasses.replace(section, projects=projects),),
    )


@pytest.fixture
def two_units(pages: Pages) -> UUID:
    """The second plan imported and folded; its plan id."""
    runtime = pages.world.runtime
    plan_id = runtime.tracker.import_plan(other_units_plan(), actor="admin").plan_id
    runtime.projections.catch_up()
    return plan_id


def item(html: str, activity_id: UUID) -> str:
    """The text of one owed activity's entry (up to the end of its form)."""
    start = html.index(f'id="work-{activity_id}"')
    return unescape(html[start : html.index("</form>", start)])


def words(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def form_fields(html: str, activity_id: UUID) -> tuple[str, dict[str, str]]:
    """The one-tap form of an item as drawn: its action and every field's value."""
    part = item(html, activity_id)
    action = re.search(r'<form method="post" action="([^"]+)"', part)
    assert action is not None
    fields = dict(re.findall(r'<input [^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', part))
    fields.setdefault("note", "")
    return action.group(1), fields


def test_staff_see_their_units_late_work_with_why_in_thai(pages: Pages, two_units: UUID) -> None:
    pages.world.scan()
    pages.sign_in("somsak")
    html = pages.http.get("/my-work").text
    late, later = pages.world.activity_id("2.1"), pages.world.activity_id("1.2")
    first = words(item(html, late))
    assert "ล่าช้า 30 วัน" in first and "ไม่ได้บันทึกผลมา 40 วัน" in first
    assert "กำหนด 31 ส.ค. 2552" in first and "บันทึกล่าสุด 21 ส.ค. 2552" in first
    assert "ความก้าวหน้า 66%" in first and "เกินกำหนด" in first
    second = words(item(html, later))
    assert "ล่าช้า 183 วัน" in second and "บันทึกล่าสุด 20 มี.ค. 2552" in second
    assert html.index(f'id="work-{later}"') < html.index(f'id="work-{late}"')  # latest first
    assert words(html).count("บันทึกความก้าวหน้า") == 2
    assert OTHER_UNIT not in html  # nothing of another unit
    alerts = words(html.split("การแจ้งเตือนที่ยังไม่ปิด")[1])
    assert "ควรเสร็จภายใน 31 ส.ค. 2552" in alerts and "ควรเสร็จภายใน 31 มี.ค. 2552" in alerts
    assert re.search(r'href="/my-work" aria-current="page">งานของฉัน<', html)


def test_staff_of_another_unit_see_only_theirs(pages: Pages, two_units: UUID) -> None:
    pages.sign_in("wichai")
    html = pages.http.get("/my-work").text
    assert str(pages.world.activity_id("2.1")) not in html and PR_UNIT not in html
    ids = re.findall(r'id="work-([0-9a-f-]+)"', html)
    tracker = pages.world.runtime.tracker
    assert sorted(tracker.get_activity(UUID(i)).code for i in ids) == ["1.1", "1.2", "2.1", "2.2"]
    assert all(tracker.get_activity(UUID(i)).plan_id == two_units for i in ids)
    assert "ไม่เคยบันทึกผล" in words(html)  # never started: never recorded


def test_staff_whose_units_owe_nothing_are_told_so(pages: Pages) -> None:
    pages.sign_in("wichai")
    html = pages.http.get("/my-work").text
    assert "ไม่มีงานค้าง" in words(html) and 'id="work-' not in html


def test_a_manager_sees_every_unit_grouped_by_unit(pages: Pages, two_units: UUID) -> None:
    pages.sign_in("manee")
    html = pages.http.get("/my-work").text
    assert "งานที่ต้องติดตาม ทุกหน่วยงาน" in html
    headings = [words(h).strip() for h in re.findall(r'<h2 id="unit-\d+">(.*?)</h2>', html)]
    assert headings == [f"{OTHER_UNIT} · 4 กิจกรรม", f"{PR_UNIT} · 2 กิจกรรม"]
    assert html.count('id="work-') == 6
    assert str(pages.world.activity_id("2.1")) in html.split(PR_UNIT)[1]


@pytest.mark.parametrize("who", ["kanya", "prasit"])
def test_auditors_and_admins_own_no_work(pages: Pages, who: str) -> None:
    pages.sign_in(who)
    response = pages.http.get("/my-work")
    assert response.status_code == 403 and "ไม่มีสิทธิ์บันทึกผลการดำเนินงาน" in response.text
    assert ">งานของฉัน<" not in pages.http.get("/help").text  # and no link to it


def test_one_tap_records_progress_and_the_item_updates(pages: Pages) -> None:
    pages.sign_in("somsak")
    late = pages.world.activity_id("2.1")
    before = pages.world.runtime.tracker.get_activity(late).version
    action, fields = form_fields(pages.http.get("/my-work").text, late)
    assert action == f"/activities/{late}/progress"
    assert fields["version"] == str(before) and fields["next"] == "/my-work"
    assert (fields["percent"], fields["occurred_on"]) == ("66", "30/09/2552")  # as it stands
    response = pages.http.post(action, data=fields, follow_redirects=False)  # the one tap
    assert (response.status_code, response.headers["location"]) == (303, "/my-work")
    html = pages.http.get("/my-work").text
    assert "บันทึกความก้าวหน้าของกิจกรรม 2.1 แล้ว" in html
    now = words(item(html, late))
    assert "บันทึกล่าสุด 30 ก.ย. 2552" in now and "ไม่ได้บันทึกผลมา" not in now
    assert "ล่าช้า 30 วัน" in now  # still overdue: recording progress does not close it
    assert form_fields(html, late)[1]["version"] == str(before + 1)
    recorded = pages.world.runtime.reader.activity(late).progress[-1]
    assert (recorded.percent, recorded.on.isoformat()) == (66, "2009-09-30")


def test_a_new_figure_typed_in_is_recorded(pages: Pages) -> None:
    pages.sign_in("somsak")
    activity = pages.world.activity_id("1.2")
    action, fields = form_fields(pages.http.get("/my-work").text, activity)
    fields.update(percent="๘๕", note="อบรมรุ่นเพิ่มเติมแล้ว")
    pages.http.post(action, data=fields)
    now = words(item(pages.http.get("/my-work").text, activity))
    assert "ความก้าวหน้า 85%" in now and "บันทึกล่าสุด 30 ก.ย. 2552" in now


def test_a_form_drawn_before_another_record_is_refused_with_the_newer_state(
    pages: Pages,
) -> None:
    pages.sign_in("somsak")
    late = pages.world.activity_id("2.1")
    action, fields = form_fields(pages.http.get("/my-work").text, late)
    pages.world.runtime.tracker.record_progress(late, 80, actor="manee", note="ครั้งที่ 4 แล้ว")
    response = pages.http.post(action, data={**fields, "percent": "70"}, follow_redirects=False)
    assert response.status_code == 409
    assert "มีผู้อื่นบันทึกกิจกรรมนี้ก่อนคุณ" in response.text and "ครั้งที่ 4 แล้ว" in response.text
    assert 'name="next" value="/my-work"' in response.text  # the way back stays with the form
    assert pages.world.runtime.reader.activity(late).progress[-1].percent == 80


def test_a_refused_figure_is_named_at_its_field_on_the_activity_page(pages: Pages) -> None:
    pages.sign_in("somsak")
    late = pages.world.activity_id("2.1")
    action, fields = form_fields(pages.http.get("/my-work").text, late)
    response = pages.http.post(action, data={**fields, "percent": "150"})
    assert response.status_code == 422
    field = unescape(response.text.split('id="progress-percent"')[1].split("</div>")[0])
    assert "0" in field and "100" in field and 'value="150"' in field
    assert 'name="next" value="/my-work"' in response.text


def test_the_way_back_leads_only_to_this_site(pages: Pages) -> None:
    pages.sign_in("somsak")
    late = pages.world.activity_id("2.1")
    action, fields = form_fields(pages.http.get("/my-work").text, late)
    fields["next"] = "//evil.example/steal"
    response = pages.http.post(action, data=fields, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/activities/{late}")


def test_staff_may_not_record_on_another_units_work_through_the_form(pages: Pages) -> None:
    pages.sign_in("somsak")
    late = pages.world.activity_id("2.1")
    action, fields = form_fields(pages.http.get("/my-work").text, late)
    pages.sign_in("wichai")
    fields["csrf"] = pages.csrf("/my-work")
    response = pages.http.post(action, data=fields)
    assert response.status_code == 403 and "บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง" in response.text

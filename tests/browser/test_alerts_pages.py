"""The alerts page without a browser: who sees it, acknowledging, snoozing, bad dates.

The world is the example year on 30 September 2009 with 2.1 and 1.2 reopened;
the overdue scan of that day flags both (their planned months have ended).
"""

from __future__ import annotations

import re
from html import unescape
from uuid import UUID

import pytest

from domain.activity import Activity
from projections.alerts_view import AlertReader, AlertRow
from tests.browser.conftest import Pages
from tests.browser.world import PR_UNIT

STAFF, MANAGER, AUDITOR = "somsak", "manee", "kanya"


@pytest.fixture
def flagged(pages: Pages) -> Pages:
    pages.world.scan()
    return pages


def flag_of(pages: Pages, code: str) -> AlertRow:
    rows = AlertReader(pages.world.runtime.projections.db).flags()
    (row,) = [r for r in rows if r.code == code]
    return row


def activity(pages: Pages, code: str) -> Activity:
    return pages.world.runtime.tracker.get_activity(pages.world.activity_id(code))


def item(html: str, flag_id: UUID) -> str:
    """The text of one flag's list item on the page."""
    found = re.search(rf'<li class="alert[^"]*" id="flag-{flag_id}">(.*?)</li>', html, re.S)
    assert found, f"flag {flag_id} is not on the page"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def post(pages: Pages, flag_id: UUID, action: str, **fields: str) -> object:
    data = {"csrf": pages.csrf("/alerts"), **fields}
    return pages.http.post(f"/alerts/{flag_id}/{action}", data=data, follow_redirects=False)


def test_managers_see_the_flags_by_unit_in_thai(flagged: Pages) -> None:
    flagged.sign_in(MANAGER)
    html = flagged.http.get("/alerts").text
    assert 'aria-current="page">การแจ้งเตือน</a>' in html
    assert f">{PR_UNIT}</h2>" in unescape(html)
    late = item(html, flag_of(flagged, "1.2").flag_id)
    assert "เกินกำหนด" in late and "ควรเสร็จภายใน 31 มี.ค. 2552" in late
    assert "ตรวจพบ 30 ก.ย. 2552" in late
    assert "ยังไม่ได้รับทราบ 2 รายการ" in html


def test_a_manager_acknowledges_with_a_note_as_an_event_of_their_own(flagged: Pages) -> None:
    flagged.sign_in(MANAGER)
    flag = flag_of(flagged, "1.2")
    version = activity(flagged, "1.2").version
    response = post(flagged, flag.flag_id, "ack", note="โทรตามแล้ว")
    assert (response.status_code, response.headers["location"]) == (303, "/alerts")  # type: ignore[attr-defined]
    html = flagged.http.get("/alerts").text
    assert "รับทราบการแจ้งเตือนของกิจกรรม 1.2 แล้ว" in html
    assert "รับทราบแล้วโดย manee" in item(html, flag.flag_id)
    assert "manee รับทราบ: โทรตามแล้ว" in item(html, flag.flag_id)  # the note, on the page
    assert "ยังไม่ได้รับทราบ 1 รายการ" in html
    *_, last = flagged.world.runtime.tracker.history(flagged.world.activity_id("1.2"))
    seen = (type(last).__name__, last.actor, last.note)  # type: ignore[attr-defined]
    assert seen == ("FlagAcknowledged", MANAGER, "โทรตามแล้ว")
    assert activity(flagged, "1.2").version == version + 1


def test_snoozing_to_a_thai_date_quiets_the_flag_until_then(flagged: Pages) -> None:
    flagged.sign_in(MANAGER)
    flag = flag_of(flagged, "2.1")
    response = post(flagged, flag.flag_id, "snooze", until="15/10/2552", note="รอผู้รับจ้าง")
    assert response.status_code == 303  # type: ignore[attr-defined]
    html = flagged.http.get("/alerts").text
    assert "เลื่อนการแจ้งเตือนถึง 15 ต.ค. 2552" in item(html, flag.flag_id)
    assert "manee เลื่อนถึง 15 ต.ค. 2552: รอผู้รับจ้าง" in item(html, flag.flag_id)
    assert flag_of(flagged, "2.1").snoozed_until.isoformat() == "2009-10-15"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("until", "words"),
    [("30/09/2552", "ได้ถึงวันหลังจากวันนี้"), ("พรุ่งนี้", "ไม่ใช่วันที่")],
)
def test_a_bad_snooze_date_is_named_at_its_field_and_records_nothing(
    flagged: Pages, until: str, words: str
) -> None:
    flagged.sign_in(MANAGER)
    flag = flag_of(flagged, "2.1")
    version = activity(flagged, "2.1").version
    response = post(flagged, flag.flag_id, "snooze", until=until)
    assert response.status_code == 422  # type: ignore[attr-defined]
    problem = re.search(
        rf'id="until-{flag.flag_id}-err">([^<]+)<',
        response.text,  # type: ignore[attr-defined]
    )
    assert problem and words in unescape(problem.group(1)), problem
    assert f'id="until-{flag.flag_id}" name="until"' in response.text  # type: ignore[attr-defined]
    assert activity(flagged, "2.1").version == version


def test_acknowledging_a_flag_resolved_meanwhile_says_so(flagged: Pages) -> None:
    flagged.sign_in(MANAGER)
    flag = flag_of(flagged, "1.2")
    tracker = flagged.world.runtime.tracker
    form_token = flagged.csrf("/alerts")  # the page as drawn, before the activity is completed
    tracker.complete(flagged.world.activity_id("1.2"), actor=STAFF)
    flagged.world.runtime.projections.catch_up()
    response = flagged.http.post(
        f"/alerts/{flag.flag_id}/ack", data={"csrf": form_token}, follow_redirects=False
    )
    assert response.status_code == 422
    assert 'class="form-problem"' in response.text
    assert "กิจกรรมเสร็จสิ้น" in response.text  # listed among the resolved, with its reason


def test_auditors_read_the_page_without_forms(flagged: Pages) -> None:
    flagged.sign_in(AUDITOR)
    html = flagged.http.get("/alerts").text
    assert item(html, flag_of(flagged, "1.2").flag_id)
    assert "/ack" not in html and "/snooze" not in html
    response = post(flagged, flag_of(flagged, "1.2").flag_id, "ack")
    assert response.status_code == 403  # type: ignore[attr-defined]


def test_staff_have_no_alerts_page_and_their_posts_are_refused(flagged: Pages) -> None:
    flagged.sign_in(STAFF)
    plan = flagged.http.get(f"/plans/{flagged.world.plan_id}").text
    assert 'href="/alerts"' not in plan
    assert flagged.http.get("/alerts").status_code == 403
    flag = flag_of(flagged, "1.2")
    version = activity(flagged, "1.2").version
    csrf = re.search(r'name="csrf" value="([^"]+)"', plan)
    assert csrf
    response = flagged.http.post(
        f"/alerts/{flag.flag_id}/ack", data={"csrf": csrf.group(1)}, follow_redirects=False
    )
    assert response.status_code == 403
    assert activity(flagged, "1.2").version == version


def test_the_page_switches_to_english(flagged: Pages) -> None:
    flagged.sign_in(MANAGER)
    flagged.http.get("/lang/en", params={"next": "/alerts"})
    html = flagged.http.get("/alerts").text
    late = item(html, flag_of(flagged, "1.2").flag_id)
    assert "overdue" in late and "Acknowledge" in late and "Snooze until" in late


def test_the_notes_come_back_when_the_view_is_rebuilt_from_the_events(flagged: Pages) -> None:
    flagged.sign_in(MANAGER)
    flag = flag_of(flagged, "1.2")
    post(flagged, flag.flag_id, "ack", note="<b>โทรตามแล้ว</b>")
    before = flag_of(flagged, "1.2")
    flagged.world.runtime.projections.rebuild()
    after = flag_of(flagged, "1.2")
    assert after == before and after.acknowledged_note == "<b>โทรตามแล้ว</b>"
    html = flagged.http.get("/alerts").text
    assert "&lt;b&gt;โทรตามแล้ว&lt;/b&gt;" in html  # shown as typed, never as markup

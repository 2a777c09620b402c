"""The pages without a browser: forms, CSRF, permissions, conflicts, time travel, the CSV.

Each test opens the app in-process (Starlette's TestClient, lifespan running)
on a fresh copy of the example world: the clock at 30 September 2009 10:00 in
Bangkok, activities 2.1 and 1.2 reopened, one person per role.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import pytest

from api.main import create_app
from tests.browser.conftest import Pages, TestClient
from tests.browser.world import World

STAFF, OUTSIDER, MANAGER, AUDITOR = "somsak", "wichai", "manee", "kanya"
ADMIN, OVERSEER = "prasit", "thongchai"


def activity_path(pages: Pages, code: str, command: str = "") -> str:
    path = f"/activities/{pages.world.activity_id(code)}"
    return f"{path}/{command}" if command else path


def version_of(pages: Pages, code: str) -> int:
    return pages.world.runtime.tracker.get_activity(pages.world.activity_id(code)).version


def post_form(pages: Pages, code: str, command: str, **fields: str) -> object:
    """Post an activity form the way the page draws it: CSRF and version from the page."""
    html = pages.http.get(activity_path(pages, code)).text
    data = {"csrf": csrf(html), "version": str(version_of(pages, code)), **fields}
    return pages.http.post(activity_path(pages, code, command), data=data, follow_redirects=False)


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


def plan_path(pages: Pages) -> str:
    return f"/plans/{pages.world.plan_id}"


# ----------------------------------------------------------------- signing in


def test_anonymous_people_are_sent_to_sign_in(pages: Pages) -> None:
    response = pages.http.get("/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/sign-in")
    page = pages.http.get(plan_path(pages), follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"].startswith("/sign-in?next=%2Fplans%2F")


def test_signed_in_people_land_on_the_only_plan(pages: Pages) -> None:
    pages.sign_in(STAFF)
    response = pages.http.get("/", follow_redirects=False)
    assert response.headers["location"] == plan_path(pages)
    page = pages.http.get(plan_path(pages))
    assert page.status_code == 200
    assert "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552" in page.text
    assert "สมศักดิ์ ใจดี" in page.text


def test_sign_in_without_the_form_token_is_refused(pages: Pages) -> None:
    response = pages.http.post(
        "/sign-in", data={"username": STAFF, "password": "x", "csrf": "forged"}
    )
    assert response.status_code == 403
    assert "แบบฟอร์มหมดอายุ" in response.text
    assert pages.http.get("/", follow_redirects=False).headers["location"] == "/sign-in"


def test_failed_sign_ins_say_why_and_then_are_throttled(world: World) -> None:
    settings = world.settings.model_copy(update={"sign_in_failures": 2})
    with TestClient(create_app(settings, world.runtime)) as http:
        token = csrf(http.get("/sign-in").text)
        attempts = [
            http.post("/sign-in", data={"username": STAFF, "password": "wrong", "csrf": token})
            for _ in range(3)
        ]
    assert attempts[0].status_code == 403
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in attempts[0].text
    assert 'value="somsak"' in attempts[0].text  # the name stays typed
    assert attempts[-1].status_code == 429
    assert "เข้าสู่ระบบผิดหลายครั้งเกินไป" in attempts[-1].text


def test_sign_in_never_redirects_to_another_site(pages: Pages) -> None:
    from tests.browser.world import PASSWORD

    token = pages.csrf("/sign-in")
    response = pages.http.post(
        "/sign-in",
        data={"username": STAFF, "password": PASSWORD, "csrf": token, "next": "//evil.example"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_signing_out_needs_the_token_and_forgets_the_session(pages: Pages) -> None:
    pages.sign_in(STAFF)
    refused = pages.http.post("/sign-out", data={"csrf": "forged"})
    assert refused.status_code == 403
    token = pages.csrf(plan_path(pages))
    done = pages.http.post("/sign-out", data={"csrf": token})
    assert done.status_code == 200 and "ออกจากระบบแล้ว" in done.text
    assert pages.http.get("/", follow_redirects=False).headers["location"] == "/sign-in"


def test_pages_carry_a_strict_content_security_policy(pages: Pages) -> None:
    response = pages.http.get("/sign-in")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    assert "style=" not in response.text  # inline styles would break the policy


# ----------------------------------------------------------------- recording


def test_staff_records_progress_and_is_redirected_with_a_flash(pages: Pages) -> None:
    pages.sign_in(STAFF)
    before = version_of(pages, "2.1")
    response = post_form(
        pages, "2.1", "progress", percent="90", note="จัดงานครั้งที่ 3 แล้ว",
        evidence="ภาพ IMG_0930", occurred_on="29/09/2552",
    )  # fmt: skip
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert version_of(pages, "2.1") == before + 1
    page = pages.http.get(response.headers["location"])  # type: ignore[attr-defined]
    assert "บันทึกความก้าวหน้าของกิจกรรม 2.1 แล้ว" in page.text
    assert "ความก้าวหน้า 90%" in page.text and "ภาพ IMG_0930" in page.text
    assert "29 ก.ย. 2552" in page.text  # the business date, in BE
    again = pages.http.get(response.headers["location"])  # type: ignore[attr-defined]
    assert "บันทึกความก้าวหน้าของกิจกรรม 2.1 แล้ว" not in again.text  # shown once
    plan = pages.http.get(plan_path(pages)).text
    assert "ผล 90%" in plan


def test_a_form_without_the_session_token_is_refused(pages: Pages) -> None:
    pages.sign_in(STAFF)
    before = version_of(pages, "2.1")
    response = pages.http.post(
        activity_path(pages, "2.1", "progress"),
        data={"percent": "90", "version": str(before), "csrf": "forged"},
    )
    assert response.status_code == 403
    assert version_of(pages, "2.1") == before


def test_staff_of_another_unit_see_no_forms_and_their_posts_are_refused(pages: Pages) -> None:
    pages.sign_in(OUTSIDER)
    html = pages.http.get(activity_path(pages, "2.1")).text
    assert 'action="/activities/' not in html
    assert "บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง" in html
    before = version_of(pages, "2.1")
    response = pages.http.post(
        activity_path(pages, "2.1", "progress"),
        data={"percent": "90", "version": str(before), "csrf": csrf(html)},
    )
    assert response.status_code == 403
    assert "บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง" in response.text
    assert version_of(pages, "2.1") == before


def test_auditors_record_nothing(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    html = pages.http.get(activity_path(pages, "2.1")).text
    assert 'action="/activities/' not in html
    response = post_form(pages, "2.1", "progress", percent="90")
    assert response.status_code == 403  # type: ignore[attr-defined]


def test_staff_get_recording_forms_and_managers_also_managing_forms(pages: Pages) -> None:
    pages.sign_in(STAFF)
    staff = pages.http.get(activity_path(pages, "2.1")).text
    assert 'id="form-progress"' in staff and 'id="form-expenditure"' in staff
    assert 'id="form-cancel"' not in staff and 'id="form-reschedule"' not in staff
    pages.sign_in(MANAGER)
    manager = pages.http.get(activity_path(pages, "2.1")).text
    for name in ("progress", "expenditure", "complete", "reschedule", "budget", "cancel"):
        assert f'id="form-{name}"' in manager
    assert 'id="form-start"' not in manager  # 2.1 was started in February


def test_a_broken_rule_redraws_the_form_with_the_message_by_the_field(pages: Pages) -> None:
    pages.sign_in(STAFF)
    response = post_form(pages, "2.1", "expenditure", amount="10,000", reference="ฎ.120/52")
    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    field = html.split('id="expenditure-amount"')[1].split("</div>")[0]
    assert "เกินงบประมาณที่จัดสรร 100,000 บาท" in field and "คงเหลือ 6,500 บาท" in field
    assert 'value="10,000"' in html and 'value="ฎ.120/52"' in html  # what was typed stays


def test_an_unreadable_business_date_is_named_at_its_field(pages: Pages) -> None:
    pages.sign_in(STAFF)
    response = post_form(pages, "2.1", "progress", percent="80", occurred_on="31/02/2552")
    assert response.status_code == 422  # type: ignore[attr-defined]
    field = response.text.split('id="progress-occurred_on"')[1].split("</div>")[0]  # type: ignore[attr-defined]
    assert "'31/02/2552' ไม่ใช่วันที่" in unescape(field)


def test_a_stale_form_shows_the_conflict_and_the_newer_state(pages: Pages) -> None:
    pages.sign_in(STAFF)
    html = pages.http.get(activity_path(pages, "1.2")).text
    stale = version_of(pages, "1.2")
    pages.world.runtime.tracker.record_progress(
        pages.world.activity_id("1.2"), 80, actor="manee", note="อบรมรุ่นสุดท้ายแล้ว"
    )
    response = pages.http.post(
        activity_path(pages, "1.2", "progress"),
        data={"csrf": csrf(html), "version": str(stale), "percent": "70", "note": "ของฉัน"},
    )
    assert response.status_code == 409
    assert "มีผู้อื่นบันทึกกิจกรรมนี้ก่อนคุณ" in response.text
    assert "อบรมรุ่นสุดท้ายแล้ว" in response.text  # the newer state is shown
    assert "ความก้าวหน้า 80%" in response.text
    assert 'value="70"' in response.text and ">ของฉัน</textarea>" in response.text
    assert f'name="version" value="{stale + 1}"' in response.text
    assert (
        pages.world.runtime.reader.activity(pages.world.activity_id("1.2")).progress[-1].percent
        == 80
    )


def test_a_manager_reschedules_by_ticking_months(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    response = post_form(
        pages, "2.1", "reschedule", reason="เลื่อนครั้งที่ 3 อีกครั้ง",
    )  # fmt: skip
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "ไม่มีเดือนที่วางแผนไว้" in response.text  # type: ignore[attr-defined]
    html = pages.http.get(activity_path(pages, "2.1")).text
    data = [
        ("csrf", csrf(html)), ("version", str(version_of(pages, "2.1"))),
        ("months", "2009-02"), ("months", "2009-04"), ("months", "2009-09"),
        ("reason", "ครั้งที่ 3 ย้ายไปกันยายน"),
    ]  # fmt: skip
    done = pages.http.post(
        activity_path(pages, "2.1", "reschedule"),
        content="&".join(f"{k}={v}" for k, v in data).encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    page = pages.http.get(activity_path(pages, "2.1")).text
    assert "ก.พ. 2552, เม.ย. 2552, ก.ย. 2552" in page


# ----------------------------------------------------------------- reading


def test_the_plan_filters_by_unit_and_status(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    overdue = pages.http.get(plan_path(pages), params={"status": "overdue"}).text
    assert 'id="a-2.1"' in overdue and 'id="a-1.2"' in overdue and 'id="a-1.1"' not in overdue
    other = pages.http.get(plan_path(pages), params={"unit": "กองช่าง"}).text
    assert "ไม่มีกิจกรรมตามตัวกรองนี้" in other
    same = pages.http.get(plan_path(pages), params={"unit": "งานประชาสัมพันธ์กองวิชาการฯ"}).text
    assert 'id="a-3"' in same  # units compare ignoring spacing


def test_plan_versus_actual_lists_the_late_first_and_draws_its_charts(pages: Pages) -> None:
    pages.sign_in(STAFF)
    html = pages.http.get(f"{plan_path(pages)}/vs-actual").text
    late = html.split('id="late-title"')[1].split("</section>")[0]
    assert late.index("1.2") < late.index("2.1")  # most days late first
    assert html.count('class="s-curve"') == 2 and 'class="bars"' in html
    assert "458,000" in html and "367,000" in html


def test_staff_may_not_travel_in_time(pages: Pages) -> None:
    pages.sign_in(STAFF)
    response = pages.http.get(plan_path(pages), params={"as_of": "2009-02-01T12:00"})
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์ดูประวัติการบันทึก" in response.text


def test_the_past_is_shown_with_a_banner_and_every_link_stays_in_it(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    chosen = pages.http.get(
        "/history",
        params={"go": "travel", "day": "1/2/2552", "at": "12:00", "plan": str(pages.world.plan_id)},
        follow_redirects=False,
    )
    assert chosen.status_code == 303
    target = chosen.headers["location"]
    assert parse_qs(urlsplit(target).query)["as_of"] == ["2009-02-01T12:00+07:00"]
    html = pages.http.get(target).text
    assert "กำลังแสดงข้อมูลตามที่บันทึกไว้ ณ 1 ก.พ. 2552 12:00 น." in html
    assert "ผล 60%" in html  # 1.1 before the correction of 2 February
    links = set(re.findall(r'href="(/(?:plans|activities|events|history)[^"]*)"', html))
    back = plan_path(pages)  # the banner's way back to the present
    assert back in links
    assert all("as_of=2009-02-01T12%3A00%2B07%3A00" in link for link in links - {back})


def test_an_unreadable_instant_is_named_on_the_history_page(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    html = pages.http.get("/history", params={"go": "travel", "day": "เมื่อวาน"}).text
    assert "'เมื่อวาน' ไม่ใช่วันที่" in unescape(html)


def test_comparing_two_instants_lists_what_changed(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    html = pages.http.get(
        f"{plan_path(pages)}/compare",
        params={"from": "2009-02-01T12:00", "to": "2009-07-01T12:00"},
    ).text
    assert "เลื่อนกำหนดการ" in html and "ก.พ. 2552, เม.ย. 2552, ส.ค. 2552" in html
    assert "ยกเลิก" in html


def test_the_feed_filters_by_code_type_and_time(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    response = pages.http.get(
        "/events", params={"code": "2.1", "type": "ExpenditureRecorded", "from": "1/4/2552"}
    )
    assert "from=2009-04-01" in str(response.url)  # people type BE dates; URLs carry ISO
    html = response.text
    assert 'value="01/04/2552"' in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].count("<tr")
    assert rows == 2  # the 2nd and 3rd press events' spending
    assert "32,000" in html and "31,500" in html and "30,000 บาท" not in html
    unknown = pages.http.get("/events", params={"code": "9.9"}).text
    assert "ไม่พบกิจกรรมรหัส 9.9" in unknown


def test_the_feed_pages_by_position(pages: Pages) -> None:
    tracker, activity = pages.world.runtime.tracker, pages.world.activity_id("2.1")
    # the example's 49 events, the world's two reopenings and this make two pages of 50
    tracker.record_progress(activity, 80, actor="somsak")
    pages.world.runtime.projections.catch_up()
    pages.sign_in(AUDITOR)
    first = pages.http.get("/events").text
    following = re.search(r'href="(/events\?after=\d+)" rel="next"', first)
    assert following
    second = pages.http.get(following.group(1).replace("&amp;", "&")).text
    assert second.count("<tr") == 1 + 2 and "ความก้าวหน้า 80%" in second and "หน้าแรก" in second


def test_the_feed_downloads_as_csv_with_a_bom_and_thai_intact(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    response = pages.http.get("/events.csv", params={"late": "1"})
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["บันทึกย้อนหลัง"] for r in rows} == {"ใช่"}
    assert any("นับรวมขั้นตอนที่ 3 ที่ยังไม่เสร็จ" in r["รายละเอียด"] for r in rows)
    assert {r["หน่วยดำเนินการ"] for r in rows} == {"งานประชาสัมพันธ์ กองวิชาการ ฯ"}
    tracker = pages.world.runtime.tracker
    plan_id = pages.world.plan_id
    for row in rows:
        project = tracker.find_project(plan_id, row["โครงการ"])
        assert row["รหัสโครงการในระบบ"] == str(project.id)
        assert tracker.get_activity(UUID(row["รหัสกิจกรรมในระบบ"])).project_id == project.id


def test_the_csv_names_the_project_of_every_event_under_one(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    response = pages.http.get("/events.csv", params={"project": "2"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and {r["โครงการ"] for r in rows} == {"2"}
    kinds = {r["ชนิดเหตุการณ์"] for r in rows}
    assert "ProjectPlanned" in kinds and "ActivityPlanned" in kinds
    everything = pages.http.get("/events.csv").content.decode("utf-8-sig")
    plan_rows = [
        r for r in csv.DictReader(io.StringIO(everything)) if r["ชนิดเหตุการณ์"] == "PlanCreated"
    ]
    assert plan_rows and {(r["โครงการ"], r["รหัสโครงการในระบบ"]) for r in plan_rows} == {("", "")}


def test_staff_have_no_feed(pages: Pages) -> None:
    pages.sign_in(STAFF)
    assert pages.http.get("/events").status_code == 403
    assert pages.http.get("/events.csv").status_code == 403


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/plans", "Action plans"),
        ("PLAN", "Action plan, fiscal year 2552 (BE)"),
        ("PLAN/vs-actual", "Plan versus actual"),
    ],
)
def test_pages_switch_to_english(pages: Pages, path: str, words: str) -> None:
    pages.sign_in(MANAGER)
    target = path.replace("PLAN", plan_path(pages))
    switched = pages.http.get("/lang/en", params={"next": target}, follow_redirects=False)
    assert switched.headers["location"] == target
    html = pages.http.get(target).text
    assert words in html and '<html lang="en">' in html


def test_unknown_things_are_pages_not_json(pages: Pages) -> None:
    pages.sign_in(STAFF)
    response = pages.http.get("/activities/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    bad = pages.http.get("/activities/not-an-id")
    assert bad.status_code == 422 and "ที่อยู่หน้านี้ไม่ถูกต้อง" in bad.text

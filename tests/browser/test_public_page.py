"""A plan's public page (issue 18), without a browser: opted into by an admin, 404 for
everyone otherwise (the same page as for a plan that does not exist), figures that are
plan versus actual's roll-ups, and nothing about people: no names, no notes, no links
into the signed-in app. Each test opens the example world at 30 September 2009.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from typing import cast
from uuid import uuid4

from api.web import i18n
from domain.recorded import Recorded
from projections.assess import Rollup
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import ADMIN, AUDITOR, MANAGER, STAFF, csrf, plan_path
from tests.browser.world import PEOPLE

NOTE_FIELDS = ("note", "reason", "evidence", "reference", "findings", "suggestions", "details")
"""What people write in the log beside the figures: none of it is the public's."""


def public_path(pages: Pages) -> str:
    return f"/public/plans/{pages.world.plan_id}"


def publish(pages: Pages, published: bool, reason: str = "") -> None:
    """The admin's form on the plan page, as a browser posts it."""
    pages.sign_in(ADMIN)
    html = pages.http.get(plan_path(pages)).text
    assert 'id="publication-form"' in html
    data = {"csrf": csrf(html), "published": "1" if published else "0", "reason": reason}
    response = pages.http.post(f"{plan_path(pages)}/publication", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    pages.http.cookies.clear()  # the public page is read by nobody in particular


def logged(pages: Pages) -> Iterator[Recorded]:
    tracker = pages.world.runtime.tracker
    for notification in tracker.recorder.select_notifications(1, 100_000):
        yield cast(Recorded, tracker.mapper.to_domain_event(notification))


def head(pages: Pages) -> int:
    return pages.world.runtime.tracker.recorder.max_notification_id() or 0


def test_the_page_is_404_until_published_and_again_once_withdrawn(pages: Pages) -> None:
    missing = pages.http.get(f"/public/plans/{uuid4()}")
    malformed = pages.http.get("/public/plans/not-a-plan")
    assert (missing.status_code, malformed.status_code) == (404, 404)

    private = pages.http.get(public_path(pages))
    assert private.status_code == 404
    assert private.text == missing.text == malformed.text  # nobody can tell a private plan exists
    assert "ไม่พบหน้านี้" in private.text

    publish(pages, True)
    public = pages.http.get(public_path(pages))
    assert public.status_code == 200
    assert "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552" in public.text

    publish(pages, False, reason="ตรวจทานตัวเลขก่อนเผยแพร่อีกครั้ง")
    withdrawn = pages.http.get(public_path(pages))
    assert withdrawn.status_code == 404 and withdrawn.text == missing.text


def test_the_page_names_nobody_and_carries_no_note(pages: Pages) -> None:
    publish(pages, True, reason="มติคณะผู้บริหาร ครั้งที่ 9/2552")
    bodies = [
        pages.http.get(public_path(pages) + query).text
        for query in ("", "?lang=en", "?on=2009-03-31", "?on=2009-03-31&lang=en")
    ]
    events = list(logged(pages))
    names = {name for username, (_, _, display) in PEOPLE.items() for name in (username, display)}
    names |= {event.actor for event in events}
    notes = {
        text
        for event in events
        for field in NOTE_FIELDS
        if isinstance(text := getattr(event, field, None), str) and text.strip()
    }
    assert "มติคณะผู้บริหาร ครั้งที่ 9/2552" in notes and "prasit" in names  # read from the log
    assert len(notes) > 20
    for body in bodies:
        text = unescape(body)
        assert [n for n in names if n in text] == []
        assert [n for n in notes if n in text] == []
        links = re.findall(r'(?:href|src|action)="([^"]*)"', body)
        assert links and all(link.startswith(("/static/", "?")) for link in links), links
        assert "<form" not in body and "<script" not in body


def rows(body: str) -> dict[str, dict[str, str]]:
    """Each project row of the page: its code → the figure under each column's label."""
    found = {}
    for code, cells in re.findall(r'<tr class="pub-project"[^>]*data-code="([^"]+)">(.*?)</tr>',
                                  body, re.S):  # fmt: skip
        found[code] = dict(re.findall(r'data-label="([^"]+)">([^<]*)<', cells))
    return found


def shown(r: Rollup) -> dict[str, str]:
    """The figures a roll-up has, as the page writes them (its Thai column labels)."""
    completed = r.by_status.get("completed_on_time", 0) + r.by_status.get("completed_late", 0)
    return {
        "งบประมาณ (บาท)": i18n.baht(r.allocated),
        "เบิกจ่ายแล้ว (บาท)": i18n.baht(r.spent),
        "ร้อยละการเบิกจ่าย": str(r.disbursed_percent),
        "ความก้าวหน้า (%)": str(r.progress),
        "ตามแผน ณ วันที่ข้อมูล (%)": str(r.expected_progress),
        "กิจกรรม": str(r.activities),
        "แล้วเสร็จ": str(completed),
        "ล่าช้า": str(r.late),
    }


def test_the_figures_are_plan_versus_actuals_rollups(pages: Pages) -> None:
    publish(pages, True)
    snapshot = pages.world.runtime.reader.snapshot(pages.world.plan_id)
    for query, day, words in (
        ("", date(2009, 9, 30), "ข้อมูล ณ วันที่ 30 ก.ย. 2552"),
        ("?on=2009-03-31", date(2009, 3, 31), "ข้อมูล ณ วันที่ 31 มี.ค. 2552"),
        ("?on=31/03/2552", date(2009, 3, 31), "ข้อมูล ณ วันที่ 31 มี.ค. 2552"),
    ):
        body = pages.http.get(public_path(pages) + query).text
        report = snapshot.versus_actual(day)
        page_rows = rows(body)
        assert set(page_rows) == {p.key for p in report.projects}
        for project in report.projects:
            cells = page_rows[project.key]
            assert {k: v for k, v in cells.items() if k in shown(project)} == shown(project)
        assert f'id="total-budget">{i18n.baht(report.total.allocated)}<' in body
        assert f'id="total-spent">{i18n.baht(report.total.spent)}<' in body
        assert f'id="total-progress">{report.total.progress}<' in body
        assert f'id="total-expected">{report.total.expected_progress}<' in body
        assert words in body and "1 ต.ค. 2551 – 30 ก.ย. 2552" in body
    march, september = (
        snapshot.versus_actual(d).total.spent for d in (date(2009, 3, 31), date(2009, 9, 30))
    )
    assert march != september  # the day asked for is the day assessed


def test_the_page_is_built_once_per_view_position_and_revalidated(pages: Pages) -> None:
    publish(pages, True)
    first = pages.http.get(public_path(pages))
    assert first.headers["cache-control"] == "public, max-age=60"
    assert "no-store" not in first.headers["cache-control"] and "set-cookie" not in first.headers
    again = pages.http.get(public_path(pages), headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    assert pages.http.get(public_path(pages)).headers["etag"] == first.headers["etag"]

    tracker = pages.world.runtime.tracker
    tracker.record_progress(pages.world.activity_id("2.1"), 90, actor="somsak", note="เกือบเสร็จ")
    pages.world.runtime.projections.catch_up()
    moved = pages.http.get(public_path(pages), headers={"If-None-Match": first.headers["etag"]})
    assert moved.status_code == 200 and moved.headers["etag"] != first.headers["etag"]
    assert "เกือบเสร็จ" not in moved.text
    english = pages.http.get(public_path(pages) + "?lang=en")
    assert english.headers["etag"] != moved.headers["etag"]
    assert "Action plan, fiscal year 2552 BE" in english.text and 'lang="en"' in english.text


def test_a_day_outside_the_plan_or_not_a_day_is_refused_in_the_public_layout(
    pages: Pages,
) -> None:
    publish(pages, True)
    for query, words in (
        ("?on=2009-10-01", "แสดงข้อมูลได้ตั้งแต่ 1 ต.ค. 2551 ถึง 30 ก.ย. 2552"),  # tomorrow
        ("?on=2008-09-30", "แสดงข้อมูลได้ตั้งแต่ 1 ต.ค. 2551"),  # before the fiscal year
        ("?on=พรุ่งนี้", "'พรุ่งนี้'"),
    ):
        response = pages.http.get(public_path(pages) + query)
        assert response.status_code == 422, query
        assert words in unescape(response.text)
        assert "/sign-in" not in response.text and "mainnav" not in response.text
    # a private plan is 404 whatever is asked of it
    publish(pages, False, reason="ถอนไว้ก่อน")
    assert pages.http.get(public_path(pages) + "?on=พรุ่งนี้").status_code == 404


def test_only_admins_publish_from_the_pages(pages: Pages) -> None:
    for who in (STAFF, MANAGER, AUDITOR):
        pages.sign_in(who)
        html = pages.http.get(plan_path(pages)).text
        assert 'id="publication-form"' not in html
        assert "แผนนี้ยังไม่เผยแพร่ต่อสาธารณะ" in html
        before = head(pages)
        posted = pages.http.post(
            f"{plan_path(pages)}/publication",
            data={"csrf": csrf(html), "published": "1", "reason": ""},
            follow_redirects=False,
        )
        assert posted.status_code == 403 and "ไม่มีสิทธิ์เผยแพร่แผนต่อสาธารณะ" in posted.text
        assert pages.http.get(f"{plan_path(pages)}/publication").status_code == 403
        assert head(pages) == before
    assert pages.http.get(public_path(pages)).status_code == 404
    publish(pages, True, reason="ประกาศต่อประชาชน")
    pages.sign_in(MANAGER)
    assert "แผนนี้เผยแพร่ต่อสาธารณะอยู่ ตั้งแต่ 30 ก.ย. 2552" in pages.http.get(plan_path(pages)).text


def test_a_withdrawal_without_a_reason_is_drawn_again_naming_the_rule(pages: Pages) -> None:
    publish(pages, True)
    pages.sign_in(ADMIN)
    before = head(pages)
    html = pages.http.get(plan_path(pages)).text
    refused = pages.http.post(
        f"{plan_path(pages)}/publication",
        data={"csrf": csrf(html), "published": "0", "reason": "  "},
        follow_redirects=False,
    )
    assert refused.status_code == 422
    assert "การถอนการเผยแพร่ต้องระบุเหตุผล" in refused.text
    assert head(pages) == before
    history = pages.http.get(f"{plan_path(pages)}/publication").text
    assert "30 ก.ย. 2552 เผยแพร่โดย prasit" in history

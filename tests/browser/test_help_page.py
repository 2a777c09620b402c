"""The help page: open to all, every status and rule explained, linked from every form."""

from __future__ import annotations

import re

import pytest

from api.web.help_texts import RULE_MEANING, STATUS_MEANING
from domain.words import RULES, STATUSES
from scheduler.settings import SchedulerSettings
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import (
    ADMIN,
    AUDITOR,
    MANAGER,
    OVERSEER,
    STAFF,
    activity_path,
    plan_path,
)

SIGN_OUT = 'action="/sign-out"'


def anchors(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_the_help_page_is_open_to_anyone_and_explains_every_status_and_rule(
    pages: Pages,
) -> None:
    page = pages.http.get("/help")
    assert page.status_code == 200
    html = page.text
    assert "คู่มือการใช้งาน" in html
    for key, words in STATUSES.items():
        assert words.th in html and STATUS_MEANING[key].th in html, key
    for key, words in RULES.items():
        assert words.th in html and RULE_MEANING[key].th in html, key
    assert "30/09/2552" in html  # dates as people write them, BE


def test_the_help_page_states_the_reminders_as_the_scheduler_keeps_them(pages: Pages) -> None:
    html = pages.http.get("/help").text
    settings = SchedulerSettings()
    assert f"ทุก {settings.remind_every_days} วัน" in html
    assert f"ตั้งแต่ {settings.remind_hour:02d}:00 น." in html
    assert f"เมื่อเตือนครบ {settings.remind_escalate_after} ครั้ง" in html
    assert f"ไม่ได้บันทึกผลมา {settings.stale_days} วันขึ้นไป" in html


def test_the_help_page_speaks_english_on_request(pages: Pages) -> None:
    pages.http.get("/lang/en", params={"next": "/help"})
    html = pages.http.get("/help").text
    assert "What each status means" in html and "How corrections work" in html


def forms_of(html: str) -> list[str]:
    return [f for f in re.findall(r"<form\b.*?</form>", html, re.S) if SIGN_OUT not in f]


def help_targets(form: str) -> list[str]:
    return re.findall(r'href="/help(#[^"]*)?"', form)


@pytest.mark.parametrize(
    ("who", "paths"),
    [
        (STAFF, ["ACT:2.1", "/my-work"]),
        (MANAGER, ["ACT:2.1", "PLAN/projects/1", "/alerts", "PLAN", "PLAN/vs-actual",
                   "PLAN/editions", "PLAN/reports/monitoring", "/admin/import"]),
        (AUDITOR, ["/events", "/history"]),
        (ADMIN, ["PLAN/publication", "/admin/people", "/admin/people/somsak"]),
        (OVERSEER, ["/overview"]),
    ],
)  # fmt: skip
def test_every_form_links_to_the_help_topic_it_needs(
    pages: Pages, who: str, paths: list[str]
) -> None:
    topics = anchors(pages.http.get("/help").text)
    pages.world.scan()
    pages.sign_in(who)
    for path in paths:
        url = path.replace("PLAN", plan_path(pages))
        if path.startswith("ACT:"):
            url = activity_path(pages, path[4:])
        response = pages.http.get(url)
        assert response.status_code == 200, (url, response.status_code)
        forms = forms_of(response.text)
        assert forms, url
        for form in forms:
            targets = help_targets(form)
            assert targets, (url, form[:200])
            assert all(t.lstrip("#") in topics for t in targets if t), (url, targets)


def test_the_sign_in_form_links_to_help(pages: Pages) -> None:
    (form,) = forms_of(pages.http.get("/sign-in").text)
    assert help_targets(form)


def test_a_correction_form_links_to_corrections_and_a_record_form_to_recording(
    pages: Pages,
) -> None:
    pages.sign_in(MANAGER)
    html = pages.http.get(activity_path(pages, "2.1")).text
    progress = html.split('id="form-progress"')[1].split("</form>")[0]
    reopen_or_correct = [
        f for f in forms_of(html) if 'id="form-correct_' in f or 'id="form-reopen"' in f
    ]
    assert "#record" in " ".join(help_targets(progress))
    assert reopen_or_correct and all(help_targets(f) == ["#corrections"] for f in reopen_or_correct)

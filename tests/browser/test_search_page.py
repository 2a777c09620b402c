"""The search page: by code, by Thai words without spaces, every term, as known then."""

from __future__ import annotations

import re
from html import unescape

from domain.thai import name_key
from projections.search import terms_of
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import AUDITOR, STAFF, activity_path
from tests.browser.world import PR_UNIT


def hits(html: str) -> list[str]:
    """The link texts of the results, in order."""
    section = html.split('id="results-title"')[1]
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", t)).split())
        for t in re.findall(r'<li class="card">.*?<a href="[^"]+">(.*?)</a>', section, re.S)
    ]


def test_a_code_finds_its_activity_first(pages: Pages) -> None:
    pages.sign_in(STAFF)
    html = pages.http.get("/search", params={"q": "2.1"}).text
    found = hits(html)
    name = pages.world.runtime.tracker.find_activity(pages.world.plan_id, "2.1").name
    assert found[0] == f"กิจกรรม 2.1 {name}"
    assert activity_path(pages, "2.1") in html


def test_thai_words_match_inside_text_written_without_spaces(pages: Pages) -> None:
    pages.sign_in(STAFF)
    reader = pages.world.runtime.reader
    activities = reader.snapshot(pages.world.plan_id).activities
    word = "พัฒนา"  # inside "กิจกรรมพัฒนาศักยภาพ…", with no space either side
    expected = {a.code for a in activities if word in name_key(f"{a.name}{a.unit}{a.area}")}
    assert expected and len(expected) < len(activities)  # the word picks some, not all
    found = hits(pages.http.get("/search", params={"q": word}).text)
    assert {h.split()[1] for h in found if h.startswith("กิจกรรม")} == expected


def test_every_term_must_match(pages: Pages) -> None:
    pages.sign_in(STAFF)
    one = hits(pages.http.get("/search", params={"q": "ประชาสัมพันธ์"}).text)
    both = hits(pages.http.get("/search", params={"q": "ประชาสัมพันธ์ ไม่มีคำนี้ในแผน"}).text)
    assert one and both == []
    assert (
        "ไม่พบโครงการหรือกิจกรรมที่ตรงกับคำค้น"
        in pages.http.get("/search", params={"q": "ไม่มีคำนี้ในแผน"}).text
    )


def test_spacing_and_thai_digits_do_not_count() -> None:
    assert terms_of("  กอง วิชาการ ฯ ") == ["กอง", "วิชาการ", "ฯ"]
    assert terms_of("๒.๑") == ["2.1"]


def test_a_unit_name_finds_its_activities(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    html = pages.http.get("/search", params={"q": PR_UNIT.replace(" ", "")}).text
    assert hits(html)


def test_the_search_needs_signing_in_and_shows_the_form_empty(pages: Pages) -> None:
    assert pages.http.get("/search", follow_redirects=False).status_code == 303
    pages.sign_in(STAFF)
    html = pages.http.get("/search").text
    assert 'id="q"' in html and 'id="results-title"' not in html

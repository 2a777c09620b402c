"""The rough edges a new municipality tripped on (issue 18), each held by a test.

The navigation keeps the plan on pages of no plan, the past's banner draws its
clock from the site (no emoji font on a town-hall PC), every symbol a page draws is
in a font the machine has, the feed's CSV reads in Thai with BE dates, and a
percentage out of range is named as the range whatever its sign.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from html import unescape

import pytest

from tests.browser.conftest import Pages
from tests.browser.test_pages_http import AUDITOR, MANAGER, STAFF, plan_path, post_form


def nav_links(html: str) -> set[str]:
    nav = html.split('class="mainnav"')[1].split("</nav>")[0]
    return set(re.findall(r'href="([^"]+)"', nav))


@pytest.mark.parametrize(("who", "path"), [(MANAGER, "/alerts"), (AUDITOR, "/events")])
def test_the_navigation_keeps_the_plan_on_pages_of_no_plan(
    pages: Pages, who: str, path: str
) -> None:
    pages.sign_in(who)
    links = nav_links(pages.http.get(path).text)
    plan = plan_path(pages)
    assert {plan, f"{plan}/vs-actual", f"{plan}/reports"} <= links


def test_the_navigation_links_the_plan_as_it_stood_in_the_past(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    html = pages.http.get("/events", params={"as_of": "2009-02-01T12:00+07:00"}).text
    assert unescape(f"{plan_path(pages)}?as_of=2009-02-01T12%3A00%2B07%3A00") in {
        unescape(link) for link in nav_links(html)
    }


def test_the_banner_of_the_past_draws_its_clock_from_the_site(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    html = pages.http.get(plan_path(pages), params={"as_of": "2009-02-01T12:00"}).text
    banner = html.split('class="as-of-banner"')[1].split("</div>")[0]
    assert "\u23f1" not in html
    icon = re.search(r'<img class="as-of-icon" src="([^"]+)"', banner)
    assert icon
    served = pages.http.get(icon.group(1))
    assert served.status_code == 200 and served.headers["content-type"].startswith("image/svg")


def symbols_drawn(html: str) -> set[str]:
    """The characters of a page's text that are neither ASCII nor Thai."""
    text = unescape(re.sub(r"<[^>]+>", " ", html.split("<body")[1]))
    return {c for c in text if ord(c) > 0x7F and not 0x0E00 <= ord(c) <= 0x0E7F}


def test_every_symbol_a_page_draws_is_in_a_font_the_machine_has(pages: Pages) -> None:
    """Debian's fonts stand in for a town-hall PC's: no emoji font. A symbol no font has
    draws as an empty box (the history banner's ⏱ did)."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not installed here (make browser installs it)")
    pages.sign_in(MANAGER)
    pages.world.scan()
    plan = plan_path(pages)
    drawn: set[str] = set()
    for path, query in [
        (plan, {}), (f"{plan}/vs-actual", {}), (plan, {"as_of": "2009-02-01T12:00"}),
        ("/alerts", {}), ("/events", {}), ("/history", {}),
        (f"/activities/{pages.world.activity_id('2.1')}", {}),
    ]:  # fmt: skip
        drawn |= symbols_drawn(pages.http.get(path, params=query).text)
    assert drawn  # the pages do draw symbols (✓, ↔, …): the check below checks something
    missing = sorted(
        f"U+{ord(c):04X} {c}"
        for c in drawn
        if not subprocess.run(
            ["fc-list", f":charset={ord(c):x}", "file"], capture_output=True, text=True
        ).stdout.strip()
    )
    assert missing == []


def feed_csv(pages: Pages, **query: str) -> list[list[str]]:
    response = pages.http.get("/events.csv", params=query)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_feed_csv_reads_in_thai_with_be_dates_and_no_json(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    rows = feed_csv(pages, late="1")
    header, body = rows[0], rows[1:]
    assert header[:4] == ["ลำดับที่บันทึก", "บันทึกเมื่อ", "วันที่ตามเรื่อง", "บันทึกย้อนหลัง"]
    assert "payload" not in header and len(header) == 12 and body
    for row in body:
        assert re.fullmatch(r"\d\d/\d\d/25\d\d \d\d:\d\d:\d\d", row[1]), row[1]
        assert re.fullmatch(r"\d\d/\d\d/25\d\d", row[2]), row[2]
        assert row[3] == "ใช่"
        assert not any(cell.lstrip().startswith("{") for cell in row)


def test_the_feed_csv_follows_the_readers_language(pages: Pages) -> None:
    pages.sign_in(AUDITOR)
    pages.http.get("/lang/en", params={"next": "/events"})
    header, first = feed_csv(pages)[:2]
    assert header[:3] == ["Position", "Recorded at", "Business date"]
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", first[2])


@pytest.mark.parametrize("typed", ["-5", "150"])
def test_a_percentage_out_of_range_names_the_range_whatever_its_sign(
    pages: Pages, typed: str
) -> None:
    pages.sign_in(STAFF)
    response = post_form(pages, "2.1", "progress", percent=typed, occurred_on="29/09/2552")
    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert f"ความก้าวหน้าต้องเป็นร้อยละ 0 ถึง 100 แต่ได้ {typed}" in html
    assert "ไม่ใช่จำนวนเต็ม" not in html


def test_a_percentage_that_is_not_a_number_is_still_named_as_such(pages: Pages) -> None:
    pages.sign_in(STAFF)
    response = post_form(pages, "2.1", "progress", percent="ห้าสิบ", occurred_on="29/09/2552")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "ไม่ใช่จำนวนเต็ม" in response.text  # type: ignore[attr-defined]

"""Evidence in Chromium (issue 18): staff attach a photo to progress through the form's
file field, on a phone and on a desktop, and see it drawn as a thumbnail in the
timeline; a renamed executable comes back refused at the field. Each test serves a
world of its own, so the shared site's activities stay as the other tests expect.
Screenshots go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Site, open_tab, served_world, shoot, sign_in
from tests.browser.test_pages_http import STAFF
from tests.evidence_files import elf, jpeg


@pytest.fixture
def own_site(tmp_path: Path) -> Iterator[Site]:
    with served_world(tmp_path / "world") as served:
        yield served


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 360, 740), ("desktop", 1280, 900)]
)
def test_staff_attach_a_photo_from_the_form_and_see_its_thumbnail(
    browser: Browser, own_site: Site, tmp_path: Path, device: str, width: int, height: int
) -> None:
    photo = tmp_path / "ป้ายประชาสัมพันธ์.jpg"
    photo.write_bytes(jpeg(320, 240))
    tab = open_tab(browser, own_site, width=width, height=height)
    sign_in(tab, STAFF)
    tab.goto(f"/activities/{own_site.world.activity_id('2.1')}")

    form = tab.locator("#form-progress")
    form.locator("#progress-percent").fill("75")
    form.locator("input[type=file]").set_input_files(str(photo))
    form.get_by_role("button").last.click()
    tab.wait_for_load_state()

    thumb = tab.locator("#timeline img.thumb").first
    thumb.scroll_into_view_if_needed()  # drawn lazily: loaded once it comes into view
    expect(thumb).to_be_visible()
    expect(thumb).to_have_js_property("naturalWidth", 320)
    assert thumb.get_attribute("alt") == "ป้ายประชาสัมพันธ์.jpg"
    loaded = thumb.evaluate("img => [img.complete, img.naturalWidth, img.naturalHeight]")
    assert loaded == [True, 320, 240]  # the browser decoded the photo it was served
    box = thumb.bounding_box()
    assert box is not None and round(box["width"]) == 96 and round(box["height"]) == 96
    assert hashlib.sha256(jpeg(320, 240)).hexdigest() in (thumb.get_attribute("src") or "")
    assert tab.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows
    shoot(tab, f"evidence-thumbnail-{device}")
    tab.context.close()


def test_a_renamed_executable_comes_back_refused_at_the_file_field(
    browser: Browser, own_site: Site, tmp_path: Path
) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(elf())
    tab = open_tab(browser, own_site, width=360, height=740)
    sign_in(tab, STAFF)
    tab.goto(f"/activities/{own_site.world.activity_id('2.1')}")
    before = own_site.world.runtime.tracker.recorder.max_notification_id()

    form = tab.locator("#form-progress")
    form.locator("#progress-percent").fill("75")
    form.locator("input[type=file]").set_input_files(str(fake))
    form.get_by_role("button").last.click()
    tab.wait_for_load_state()

    error = tab.locator("#progress-files-err")
    expect(error).to_contain_text("photo.jpg")
    expect(error).to_contain_text("ไม่ใช่รูปภาพ")
    assert tab.locator("#timeline img.thumb").count() == 0
    assert own_site.world.runtime.tracker.recorder.max_notification_id() == before
    error.scroll_into_view_if_needed()
    shoot(tab, "evidence-refused-phone")
    tab.context.close()

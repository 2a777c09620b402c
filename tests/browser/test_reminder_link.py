"""From a reminder in the inbox to work recorded: the links a staff member receives by
e-mail open, in Chromium, the pages where they record (the activity's page on a desktop,
their own work, ``/my-work``, on a phone), and recording there works.

A world of its own (the session's ``site`` is shared, and this test records on it): the
example year on 30 September 2009 with 2.1 and 1.2 reopened, somsak (PR unit) with an
e-mail. The scheduler's own path sends the reminder to a real SMTP server; the link is
read from the message as received.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from api.main import create_app
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from tests.browser.conftest import Site, open_tab, shoot, sign_in
from tests.browser.world import build
from tests.integration.sinks import Mailbox, http_receiver, smtp_server
from tests.serving import serving


@dataclass
class Inbox:
    site: Site
    mailbox: Mailbox
    scheduler: AlertScheduler


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Inbox]:
    directory = tmp_path_factory.mktemp("reminded")
    world = build(directory)
    people = world.runtime.directory
    people.change_email("somsak", "somsak@thungsong.go.th", actor="prasit")
    people.change_email("manee", "manee@thungsong.go.th", actor="prasit")
    try:
        with (
            smtp_server() as (mailbox, port),
            http_receiver() as (_, hook),
            serving(create_app(world.settings, world.runtime)) as url,
        ):
            settings = SchedulerSettings(
                smtp_host="127.0.0.1", smtp_port=port, webhook_urls=[hook], public_url=url,
                lock_file=str(Path(directory) / "lock"),
            )  # fmt: skip
            scheduler = AlertScheduler(world.runtime.tracker, world.runtime.projections, settings)
            yield Inbox(Site(url, world), mailbox, scheduler)
            scheduler.stop()
    finally:
        world.close()


def test_the_link_in_a_reminder_opens_the_page_where_the_staff_member_records(
    browser: Browser, inbox: Inbox
) -> None:
    assert inbox.scheduler.lead()  # 30 Sep 2009, 10:00: after the reminder hour
    received = [
        (s, b)
        for m, s, b in zip(
            inbox.mailbox.messages, inbox.mailbox.subjects(), inbox.mailbox.bodies(), strict=True
        )
        if m["To"] == "somsak@thungsong.go.th" and " 2.1 " in s
    ]
    ((subject, body),) = received
    assert subject.startswith("[ติดตาม] กรุณาบันทึกผล 2.1 ")
    assert "ประจำวันที่ 30 ก.ย. 2552" in body
    found = re.search(r"หน้ากิจกรรม: (\S+)", body)
    assert found and found.group(1).startswith(inbox.site.url)
    link = found.group(1)

    tab = open_tab(browser, inbox.site)
    sign_in(tab, "somsak")
    tab.goto(link)
    assert "2.1" in tab.locator("h1").inner_text()
    tab.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").fill("95")
    tab.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").press("Enter")
    tab.wait_for_selector(".flash")
    assert "บันทึกความก้าวหน้าของกิจกรรม 2.1 แล้ว" in tab.locator(".flash").inner_text()
    timeline = tab.locator(".events li").first.inner_text()
    assert "ความก้าวหน้า 95%" in timeline and "somsak" in timeline
    assert tab.url.split("?")[0] == link
    shoot(tab, "reminder-link-recorded-desktop-th")
    tab.context.close()

    phone = open_tab(browser, inbox.site, width=360, height=740)
    sign_in(phone, "somsak")
    mine = re.search(r"งานของฉัน: (\S+)", body)
    assert mine and mine.group(1) == f"{inbox.site.url}/my-work"
    phone.goto(mine.group(1))
    item = phone.locator(f'[id="work-{inbox.site.world.activity_id("1.2")}"]')
    item.get_by_label("ความก้าวหน้า (ร้อยละ 0–100)").fill("45")
    item.get_by_role("button", name="บันทึกความก้าวหน้า").click()
    phone.wait_for_selector(".flash")
    assert "บันทึกความก้าวหน้าของกิจกรรม 1.2 แล้ว" in phone.locator(".flash").inner_text()
    after = phone.locator(f'[id="work-{inbox.site.world.activity_id("1.2")}"]').inner_text()
    assert "ความก้าวหน้า 45%" in after
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width}px wide on a 360-px phone"
    shoot(phone, "reminder-my-work-recorded-phone-th")
    phone.goto(link)
    assert "ความก้าวหน้า 95%" in phone.locator(".events li").first.inner_text()
    shoot(phone, "reminder-link-phone-th")
    phone.context.close()

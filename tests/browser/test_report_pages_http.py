"""The reports' pages through HTTP (issue 16): a round filed from its page, then a late
entry about its period; the filing's page lists that entry as recorded since it was
filed, and the filed files still hash to what the filing recorded."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from decimal import Decimal

from domain.clock import FixedClock
from tests.browser.conftest import Pages


def test_a_late_entry_after_filing_shows_on_the_filing_page(pages: Pages) -> None:
    world = pages.world
    pages.sign_in("manee")
    monitoring = f"/plans/{world.plan_id}/reports/monitoring?period=half"
    filed = pages.http.post(
        f"/plans/{world.plan_id}/reports/monitoring/filings",
        data={"period": "half", "on": "", "csrf": pages.csrf(monitoring)},
        follow_redirects=False,
    )
    assert filed.status_code == 303, filed.text
    filing_path = filed.headers["location"]
    assert re.fullmatch(rf"/plans/{world.plan_id}/reports/filings/1", filing_path)
    assert "ไม่มีการบันทึกย้อนหลังเกี่ยวกับรอบนี้หลังยื่น" in pages.http.get(filing_path).text

    clock = world.runtime.tracker.clock
    world.runtime.tracker.clock = FixedClock(clock.now() + timedelta(hours=2))
    activity = world.activity_id("2.1")
    world.runtime.tracker.record_expenditure(
        activity, Decimal("1000"), actor="somsak", reference="ฎ.77/52",
        occurred_on=datetime(2009, 3, 2).date(),
    )  # fmt: skip
    world.runtime.projections.catch_up()
    page = pages.http.get(filing_path).text
    assert "เบิกจ่าย 1,000 บาท" in page and "ฎ.77/52" in page and "2 มี.ค. 2552" in page

    facts = world.runtime.reader.plans()[0].filings[0]
    for name, digest in facts.files.items():
        body = pages.http.get(f"/api/v1/plans/{world.plan_id}/reports/filings/1/{name}").content
        assert hashlib.sha256(body).hexdigest() == digest, name

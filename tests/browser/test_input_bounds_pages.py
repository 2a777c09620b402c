"""No input makes a 500 on the pages; the refusal names the bound (hardening, finding 1).

Before: ``as_of=9999-12-31T23:59`` on the plan page, ``compare`` from year 1 to 9999 and
``/events?from=0001-01-01`` (page and CSV) were 500s; so were 30-digit amounts and
5,000-digit percents typed into the forms.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Pages

AUDITOR, STAFF = "kanya", "somsak"


@pytest.mark.parametrize(
    "path",
    [
        "/plans/{plan}?as_of=9999-12-31T23:59",
        "/plans/{plan}/vs-actual?as_of=0001-01-01T00:00",
        "/plans/{plan}/compare?from=0001-01-01T00:00&to=9999-12-31T23:59",
        "/events?from=0001-01-01",
        "/events.csv?from=0001-01-01",
        "/events?to=31/12/9999",
    ],
)
def test_instants_outside_the_represented_years_are_refused_on_the_pages(
    pages: Pages, path: str
) -> None:
    pages.sign_in(AUDITOR)
    answer = pages.http.get(path.format(plan=pages.world.plan_id))
    assert answer.status_code in (400, 422), answer.text[:300]
    assert "อยู่นอกช่วงที่ระบบรองรับ" in answer.text  # the bound, named in Thai


@pytest.mark.parametrize(
    ("form", "fields", "field"),
    [
        ("expenditure", {"amount": "9" * 30}, "amount"),
        ("progress", {"percent": "9" * 5000}, "percent"),
        ("step", {"step": "9" * 5000}, "step"),
    ],
)
def test_a_form_value_beyond_its_bound_is_refused_at_its_field(
    pages: Pages, form: str, fields: dict[str, str], field: str
) -> None:
    pages.sign_in(STAFF)
    activity = pages.world.activity_id("2.1")
    page = pages.http.get(f"/activities/{activity}").text
    token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    version = pages.world.runtime.tracker.get_activity(activity).version
    answer = pages.http.post(
        f"/activities/{activity}/{form}",
        data={"csrf": token, "version": str(version), **fields},
        follow_redirects=False,
    )
    assert answer.status_code == 422, answer.text[:300]
    shown = f'id="{form}-{field}-err"' in answer.text  # at its field, where the form is drawn
    assert shown or "ไม่ใช่จำนวนเต็มตั้งแต่ 0 ถึง 1000" in answer.text  # 2.1 has no steps to show


def test_a_form_version_of_five_thousand_digits_is_no_500(pages: Pages) -> None:
    pages.sign_in(STAFF)
    activity = pages.world.activity_id("2.1")
    page = pages.http.get(f"/activities/{activity}").text
    token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    answer = pages.http.post(
        f"/activities/{activity}/progress",
        data={"csrf": token, "version": "9" * 5000, "percent": "50"},
        follow_redirects=False,
    )
    assert answer.status_code in (409, 422), answer.text[:300]

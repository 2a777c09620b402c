"""Importing from the browser, through the pages (issue 15): upload, preview, confirm.

Nothing is appended before the confirmation; the preview shows the document as the
plan page will show it, or the refusal with its row and column in Thai; a document
for a plan already imported shows its differences first and needs a revision's name
and date. Admins import, admins and managers record revisions, staff see no import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.main import create_app
from tests.browser.conftest import Pages, csrf_of
from tests.browser.import_world import EmptyWorld, empty_world
from tests.browser.world import PASSWORD
from tests.example_table import example_revision_upload, example_upload

REVISION = "แก้ไขครั้งที่ 1/2552"


@pytest.fixture
def blank(tmp_path: Path) -> Iterator[EmptyWorld]:
    with empty_world(tmp_path) as world:
        yield world


@pytest.fixture
def pages(blank: EmptyWorld) -> Iterator[Pages]:
    from tests.browser.conftest import TestClient

    with TestClient(create_app(blank.settings, blank.runtime)) as http:
        yield Pages(http, None)  # type: ignore[arg-type]


def sign_in(pages: Pages, username: str) -> None:
    pages.http.cookies.clear()
    form = pages.http.get("/sign-in")
    signed = pages.http.post(
        "/sign-in",
        data={"username": username, "password": PASSWORD, "csrf": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert signed.status_code == 303, signed.text


def preview(pages: Pages, upload: tuple[str, bytes, str], **fields: str):  # type: ignore[no-untyped-def]
    token = pages.csrf("/admin/import")
    return pages.http.post("/admin/import", data={"csrf": token, **fields}, files={"file": upload})


def confirm_fields(html: str) -> dict[str, str]:
    form = re.search(r'<form method="post" action="[^"]*confirm"[^>]*>(.*?)</form>', html, re.S)
    assert form, "the preview offers no confirmation"
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(1)))


def test_a_new_plan_is_previewed_then_imported_once_confirmed(
    pages: Pages, blank: EmptyWorld
) -> None:
    sign_in(pages, "admin")
    shown = preview(pages, example_upload())
    assert shown.status_code == 200, shown.text
    assert blank.head() == 0  # a preview appends nothing
    html = shown.text
    assert "เทศบาลเมืองทุ่งสง" in html and "458,000" in html
    assert re.search(r'<td class="num">3</td>\s*<td class="num">5</td>', html)
    assert html.count('class="row-activity') == 5 and "/activities/" not in html  # unlinked
    assert 'id="needs-revision"' not in html and "แผนใหม่" in html
    fields = confirm_fields(html)
    done = pages.http.post("/admin/import/confirm", data=fields, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert re.fullmatch(r"/plans/[0-9a-f-]{36}", done.headers["location"])
    assert blank.head() == 19
    again = pages.http.post("/admin/import/confirm", data=fields)
    assert again.status_code == 422 and "import_upload_expired" in again.text
    assert blank.head() == 19


def test_an_unreadable_document_is_refused_with_its_row_and_column(
    pages: Pages, blank: EmptyWorld
) -> None:
    sign_in(pages, "admin")
    name, data, kind = example_upload()
    broken = data.decode().replace("\t130,000 30,000\t", "\t130,000 สามหมื่น\t", 1)
    shown = preview(pages, (name, broken.encode(), kind))
    assert shown.status_code == 422
    problem = re.search(r'id="import-problem">(.*?)</div>', shown.text, re.S)
    assert problem and "แถวที่ 15" in problem.group(1) and "คอลัมน์ D" in problem.group(1)
    assert 'id="import-preview"' not in shown.text and blank.head() == 0


def test_a_revision_shows_its_differences_and_needs_a_name_and_date(
    pages: Pages, blank: EmptyWorld
) -> None:
    sign_in(pages, "admin")
    preview_page = preview(pages, example_upload())
    pages.http.post("/admin/import/confirm", data=confirm_fields(preview_page.text))
    head = blank.head()

    sign_in(pages, "manee")
    unnamed = preview(pages, example_revision_upload())
    assert unnamed.status_code == 200
    changes = re.findall(r'<tr class="change-(\w+)"><td>([^<]*)</td>', unnamed.text)
    assert changes == [
        ("months", "เดือนที่วางแผนของกิจกรรม 1.2 มี.ค. 2552 → เม.ย. 2552"),
        ("budget", "งบประมาณโครงการ 2 150,000 → 120,000 บาท"),
        ("budget", "งบประมาณกิจกรรม 2.2 50,000 → 20,000 บาท"),
        ("withdrawn", "ถอนโครงการ 3 ออกจากแผน"),
    ]
    assert 'id="needs-revision"' in unnamed.text and "import-confirm" not in unnamed.text

    named = preview(pages, example_revision_upload(), revision=REVISION, on="2/3/2552")
    assert "การแก้ไขครั้งที่ 1: แก้ไขครั้งที่ 1/2552" in named.text
    assert blank.head() == head
    done = pages.http.post(
        "/admin/import/confirm", data=confirm_fields(named.text), follow_redirects=True
    )
    assert done.status_code == 200 and "บันทึกการแก้ไขแผนครั้งที่ 1 แล้ว" in done.text
    assert blank.head() > head
    plan = blank.runtime.tracker.get_plan(blank.runtime.tracker.plan_ids()[0])
    assert plan.revisions == [REVISION]


def test_who_may_import_and_who_may_revise(pages: Pages, blank: EmptyWorld) -> None:
    sign_in(pages, "somsak")
    assert pages.http.get("/admin/import").status_code == 403
    assert "/admin/import" not in pages.http.get("/plans").text

    sign_in(pages, "manee")
    shown = preview(pages, example_upload())  # a new plan: admins import
    assert 'id="dry-run-problem"' in shown.text and "role_forbidden" in shown.text
    assert "import-confirm" not in shown.text and blank.head() == 0


def test_in_a_store_of_organisations_the_import_names_one_and_refuses_another_s_document(
    pages: Pages, blank: EmptyWorld
) -> None:
    directory = blank.runtime.directory
    directory.register_organisation("thungsong", name="เทศบาลเมืองทุ่งสง", actor="setup")
    directory.register_organisation("banmai", name="เทศบาลตำบลบ้านใหม่", actor="setup")
    blank.runtime.projections.catch_up()
    sign_in(pages, "admin")  # the store's own admin: must choose
    page = pages.http.get("/admin/import").text
    assert 'name="org"' in page and 'value="banmai"' in page and 'value="thungsong"' in page
    unplaced = preview(pages, example_upload())
    assert "import_organisation_required" in unplaced.text and blank.head() == 0
    wrong = preview(pages, example_upload(), org="banmai")
    assert "plan_organisation_mismatch" in wrong.text and blank.head() == 0
    shown = preview(pages, example_upload(), org="thungsong")
    fields = confirm_fields(shown.text)
    assert fields["org"] == "thungsong"
    done = pages.http.post("/admin/import/confirm", data=fields, follow_redirects=False)
    assert done.status_code == 303, done.text
    blank.runtime.projections.catch_up()
    assert [p.organisation_code for p in blank.runtime.reader.plans()] == ["thungsong"]

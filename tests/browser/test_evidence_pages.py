"""Evidence files on the activity page (issue 18), through Starlette's TestClient.

The forms that record progress, a step, spending, a delivery or the completion take
photos and PDFs (multipart); what is not a photo or PDF by its content, or is larger
than the bound, is refused at the form's file field, and nothing is kept: no event
(the log's head stands still) and no file in the file store's directory.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.main import create_app
from api.web.forms import FORMS
from tests.browser.conftest import Pages, TestClient
from tests.browser.test_pages_http import (
    AUDITOR,
    MANAGER,
    OUTSIDER,
    STAFF,
    activity_path,
    csrf,
    version_of,
)
from tests.browser.world import build
from tests.evidence_files import elf, jpeg, oversized, pdf, pe, png

LIMIT = 64 * 1024


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Pages]:
    """The page world with evidence bounded at 64 KiB (``TIDTAM_EVIDENCE_LIMIT_BYTES``)."""
    world = build(tmp_path, evidence_limit_bytes=LIMIT)
    try:
        with TestClient(create_app(world.settings, world.runtime)) as http:
            yield Pages(http, world)
    finally:
        world.close()


def files_kept(pages: Pages) -> list[str]:
    directory = pages.world.runtime.files.directory
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def head(pages: Pages) -> int:
    return pages.world.runtime.tracker.recorder.max_notification_id() or 0


def attach(pages: Pages, code: str, form: str, files: list[tuple[str, bytes]], **fields: str):  # type: ignore[no-untyped-def]
    """Post ``form`` with ``files`` as the page's file field sends them."""
    html = pages.http.get(activity_path(pages, code)).text
    data = {"csrf": csrf(html), "version": str(version_of(pages, code)), **fields}
    parts = [("files", (name, body, "image/jpeg")) for name, body in files]
    return pages.http.post(
        activity_path(pages, code, form), data=data, files=parts, follow_redirects=False
    )


def evidence_links(html: str) -> list[str]:
    return re.findall(r'<p class="evidence[^"]*" id="evidence-\d+">.*?</p>', html, re.S)


def test_photos_and_a_pdf_are_attached_to_progress_and_shown_in_the_timeline(
    pages: Pages,
) -> None:
    pages.sign_in(STAFF)
    page = pages.http.get(activity_path(pages, "2.1")).text
    form = page.split('id="form-progress"')[0].rsplit("<form", 1)[1]
    assert 'enctype="multipart/form-data"' in form
    field = (
        page.split('id="progress-files"')[0].rsplit("<input", 1)[1]
        + page.split('id="progress-files"')[1].split(">")[0]
    )
    assert 'type="file"' in field and 'accept="image/*,application/pdf"' in field
    assert "capture" in field and "multiple" in field

    sent = [("sign.jpg", jpeg()), ("board.png", png()), ("minutes.pdf", pdf())]
    response = attach(pages, "2.1", "progress", sent, percent="70")

    assert response.status_code == 303, response.text
    html = pages.http.get(activity_path(pages, "2.1")).text
    shown = evidence_links(html)
    assert len(shown) == 3
    by_name = {name: next(s for s in shown if name in s) for name, _ in sent}
    assert '<img class="thumb"' in by_name["sign.jpg"] and 'width="96"' in by_name["sign.jpg"]
    assert '<img class="thumb"' in by_name["board.png"]
    assert "<img" not in by_name["minutes.pdf"] and "file-icon" in by_name["minutes.pdf"]
    assert "แนบหลักฐานไฟล์ที่ 1 (ความก้าวหน้า): sign.jpg" in html
    for name, body in sent:
        digest = hashlib.sha256(body).hexdigest()
        assert digest in by_name[name] and digest in files_kept(pages)


def test_an_evidence_file_is_served_as_what_it_is_and_cannot_run_script(pages: Pages) -> None:
    pages.sign_in(STAFF)
    attach(pages, "2.1", "progress", [("sign.jpg", jpeg()), ("m.pdf", pdf())], percent="70")
    base = activity_path(pages, "2.1")

    photo = pages.http.get(f"{base}/evidence/{hashlib.sha256(jpeg()).hexdigest()}")
    document = pages.http.get(f"{base}/evidence/{hashlib.sha256(pdf()).hexdigest()}")

    assert photo.status_code == 200 and photo.content == jpeg()
    assert photo.headers["content-type"] == "image/jpeg"
    assert photo.headers["content-disposition"].startswith("inline;")
    assert document.headers["content-type"] == "application/pdf"
    assert document.headers["content-disposition"].startswith("attachment;")
    for served in (photo, document):
        assert served.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in served.headers["content-security-policy"]
        assert "default-src 'none'" in served.headers["content-security-policy"]


def test_a_file_is_served_only_as_evidence_of_its_own_activity(pages: Pages) -> None:
    pages.sign_in(STAFF)
    attach(pages, "2.1", "progress", [("sign.jpg", jpeg())], percent="70")
    digest = hashlib.sha256(jpeg()).hexdigest()

    elsewhere = pages.http.get(f"{activity_path(pages, '1.2')}/evidence/{digest}")
    unknown = pages.http.get(f"{activity_path(pages, '2.1')}/evidence/{'0' * 64}")
    malformed = pages.http.get(f"{activity_path(pages, '2.1')}/evidence/..%2F..%2Fsecret.key")

    assert (elsewhere.status_code, unknown.status_code) == (404, 404)
    assert "evidence_not_found" in elsewhere.text or "ไม่มีหลักฐาน" in elsewhere.text
    assert malformed.status_code in (404, 422)


@pytest.mark.parametrize(("name", "executable"), [("photo.jpg", elf()), ("ภาพ.jpg", pe())])
def test_a_renamed_executable_is_refused_by_content_and_nothing_is_stored(
    pages: Pages, name: str, executable: bytes
) -> None:
    pages.sign_in(STAFF)
    before = head(pages)

    response = attach(pages, "2.1", "progress", [("sign.jpg", jpeg()), (name, executable)],
                      percent="70")  # fmt: skip

    assert response.status_code == 422
    error = response.text.split('id="progress-files-err">')[1].split("</p>")[0]
    assert name in error and "ไม่ใช่รูปภาพ" in error and "PDF" in error
    assert head(pages) == before  # no event: neither the progress nor an attachment
    assert files_kept(pages) == []  # not the executable, nor the photo sent beside it


def test_an_oversized_photo_is_refused_and_nothing_is_stored(small: Pages) -> None:
    small.sign_in(STAFF)
    before = head(small)

    response = attach(small, "2.1", "expenditure", [("big.jpg", oversized(LIMIT))],
                      amount="500")  # fmt: skip

    assert response.status_code == 422
    error = response.text.split('id="expenditure-files-err">')[1].split("</p>")[0]
    assert "big.jpg" in error and "ใหญ่เกิน" in error and "0.1 MB" in error
    assert head(small) == before and files_kept(small) == []
    assert (
        attach(small, "2.1", "expenditure", [("ok.jpg", jpeg())], amount="500").status_code == 303
    )


@pytest.mark.parametrize(
    ("form", "fields", "subject"),
    [
        ("expenditure", {"amount": "1,000"}, "การเบิกจ่าย"),
        ("complete", {"note": "ครบถ้วน"}, "การปิดงาน"),
    ],
)
def test_spending_and_the_completion_take_photos_from_their_forms(
    pages: Pages, form: str, fields: dict[str, str], subject: str
) -> None:
    pages.sign_in(STAFF)
    response = attach(pages, "2.1", form, [("receipt.jpg", jpeg())], **fields)
    assert response.status_code == 303, response.text
    html = pages.http.get(activity_path(pages, "2.1")).text
    assert f"({subject}): receipt.jpg" in html and len(evidence_links(html)) == 1


def test_the_forms_of_records_and_only_they_take_files() -> None:
    """The step form too (the page world has no open step to post it on; the tracker's
    test attaches to a step): the same field, so the same route and checks."""
    taking = {f.name for f in FORMS if any(field.kind == "files" for field in f.fields)}
    assert taking == {"progress", "expenditure", "step", "complete", "delivery"}
    assert all(f.multipart == (f.name in taking) for f in FORMS)


def test_a_removal_is_a_correction_shown_struck_through_with_its_reason(pages: Pages) -> None:
    pages.sign_in(STAFF)
    attach(pages, "2.1", "progress", [("wrong.jpg", jpeg())], percent="70")
    html = pages.http.get(activity_path(pages, "2.1")).text
    assert 'id="form-remove_evidence"' in html

    response = attach(pages, "2.1", "remove_evidence", [], entry="1",
                      reason="ภาพของกิจกรรมอื่น")  # fmt: skip

    assert response.status_code == 303, response.text
    html = pages.http.get(activity_path(pages, "2.1")).text
    (shown,) = evidence_links(html)
    assert "is-removed" in shown and "<del>wrong.jpg</del>" in shown
    assert "ถอนแล้ว: ภาพของกิจกรรมอื่น" in shown
    assert "ถอนหลักฐานไฟล์ที่ 1" in html
    assert 'id="form-remove_evidence"' not in html  # nothing left to remove
    digest = hashlib.sha256(jpeg()).hexdigest()
    assert digest in files_kept(pages)  # the file stays: the audit can still open it
    assert pages.http.get(f"{activity_path(pages, '2.1')}/evidence/{digest}").status_code == 200
    history = list(pages.world.runtime.tracker.history(pages.world.activity_id("2.1")))
    assert type(history[-1]).__name__ == "EvidenceRemoved"


def test_staff_of_another_unit_may_not_attach_and_nothing_is_stored(pages: Pages) -> None:
    pages.sign_in(OUTSIDER)
    before = head(pages)

    response = attach(pages, "2.1", "progress", [("sign.jpg", jpeg())], percent="70")

    assert response.status_code == 403
    assert head(pages) == before and files_kept(pages) == []


def test_auditors_see_the_evidence_but_no_form(pages: Pages) -> None:
    pages.sign_in(MANAGER)
    assert attach(pages, "2.1", "progress", [("sign.jpg", jpeg())], percent="70").status_code == 303
    pages.sign_in(AUDITOR)

    html = pages.http.get(activity_path(pages, "2.1")).text
    digest = hashlib.sha256(jpeg()).hexdigest()

    assert len(evidence_links(html)) == 1 and 'type="file"' not in html
    served = pages.http.get(f"{activity_path(pages, '2.1')}/evidence/{digest}")
    assert served.status_code == 200 and served.content == jpeg()
    pages.http.cookies.clear()
    anonymous = pages.http.get(f"{activity_path(pages, '2.1')}/evidence/{digest}",
                               follow_redirects=False)  # fmt: skip
    assert anonymous.status_code == 303 and "/sign-in" in anonymous.headers["location"]

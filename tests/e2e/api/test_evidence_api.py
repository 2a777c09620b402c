"""Evidence files through the JSON API (issue 18): upload, then name the digest in a command.

``POST /activities/{id}/evidence`` (multipart ``file``) checks the file by content and
size and keeps it a day; a record's ``evidence_files`` names it by digest, and the
command attaches it in the record's transaction. Refusals are problems naming the rule
and the field, and leave nothing behind: no event, no file kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from storage.file_store import FileStore
from tests.e2e.api.conftest import Api, OpenApi, problem
from tests.evidence_files import elf, jpeg, oversized, pdf, pe, png

LIMIT = 64 * 1024


@pytest.fixture
def files(tmp_path: Path) -> FileStore:
    """The test's own file store (on PostgreSQL it would be ``var/files``, shared)."""
    return FileStore(tmp_path / "evidence-files")


def opened(open_api: OpenApi, files: FileStore, **settings: object) -> Api:
    """The example year with activity 1.2 open again, so staff may record on it; the
    evidence kept in ``files``."""
    api = open_api(**settings)
    api.runtime.files = api.runtime.tracker.files = files
    api.runtime.tracker.reopen(api.activity_id("1.2"), actor="manager", reason="ยังมีงานค้าง")
    return api


def upload(api: Api, code: str, name: str, data: bytes, *, who: str = "staff"):  # type: ignore[no-untyped-def]
    return api.post(
        f"{api.activity_path(code)}/evidence", who=who, files={"file": (name, data, "image/jpeg")}
    )


def kept(api: Api) -> list[str]:
    """Every file the evidence might be in: the file store and the upload staging."""
    directory = api.runtime.files.directory
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def staged(files: FileStore) -> list[str]:
    """The uploads kept a day (``Settings.secret_file``'s directory, ``imports/``)."""
    return sorted(p.name for p in files.directory.parent.glob("imports/*"))


def test_an_uploaded_photo_named_in_a_command_is_attached_and_served(
    open_api: OpenApi, files: FileStore
) -> None:
    api = opened(open_api, files)
    uploaded = upload(api, "1.2", "sign.jpg", jpeg())
    assert uploaded.status_code == 201, uploaded.text
    body = uploaded.json()
    assert body == {
        "sha256": hashlib.sha256(jpeg()).hexdigest(), "media_type": "image/jpeg",
        "size": len(jpeg()), "name": "sign.jpg",
    }  # fmt: skip
    assert kept(api) == []  # staged only: nothing is evidence until a record names it
    assert staged(files) == [body["sha256"]]

    recorded = api.post(
        api.activity_path("1.2", "progress"), who="staff",
        json={"percent": 90, "evidence_files": [{"sha256": body["sha256"], "name": "ป้าย.jpg"}]},
    )  # fmt: skip

    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["events"][-2:] == ["ProgressRecorded", "EvidenceAttached"]
    assert kept(api) == [body["sha256"]]
    served = api.get(f"{api.activity_path('1.2')}/evidence/{body['sha256']}", who="auditor")
    assert served.status_code == 200 and served.content == jpeg()
    assert served.headers["x-content-type-options"] == "nosniff"
    api.settle()
    page = api.get(f"{api.activity_path('1.2')}/events?limit=500", who="auditor").json()
    attached = page["items"][-1]
    assert attached["event_type"] == "EvidenceAttached"
    assert attached["payload"]["sha256"] == body["sha256"]
    assert attached["payload"]["name"] == "ป้าย.jpg" and attached["payload"]["subject"] == "progress"


@pytest.mark.parametrize(("name", "data"), [("photo.jpg", elf()), ("photo.jpg", pe())])
def test_a_renamed_executable_is_refused_at_upload_and_nothing_is_kept(
    open_api: OpenApi, files: FileStore, name: str, data: bytes
) -> None:
    api = opened(open_api, files)
    before = api.head()

    body = problem(upload(api, "1.2", name, data), 422, "evidence_type")

    assert body["field"] == "file" and "photo.jpg" in body["detail"]
    assert api.head() == before and kept(api) == []
    assert staged(files) == []


def test_an_oversized_photo_is_refused_and_nothing_is_kept(
    open_api: OpenApi, files: FileStore
) -> None:
    api = opened(open_api, files, evidence_limit_bytes=LIMIT)
    before = api.head()

    body = problem(upload(api, "1.2", "big.jpg", oversized(LIMIT)), 422, "evidence_too_large")

    assert body["field"] == "file"
    assert api.head() == before and kept(api) == []


def test_a_pdf_and_a_png_go_with_spending(open_api: OpenApi, files: FileStore) -> None:
    api = opened(open_api, files)
    digests = [
        upload(api, "1.2", n, d).json()["sha256"] for n, d in (("r.pdf", pdf()), ("r.png", png()))
    ]

    spent = api.post(
        api.activity_path("1.2", "expenditures"), who="staff",
        json={"amount": "100", "evidence_files": [{"sha256": d} for d in digests]},
    )  # fmt: skip

    assert spent.status_code == 200, spent.text
    assert spent.json()["events"][-2:] == ["EvidenceAttached", "EvidenceAttached"]
    assert kept(api) == sorted(digests)


def test_a_digest_never_uploaded_is_refused_and_nothing_is_recorded(
    open_api: OpenApi, files: FileStore
) -> None:
    api = opened(open_api, files)
    before = api.head()

    response = api.post(
        api.activity_path("1.2", "progress"), who="staff",
        json={"percent": 90, "evidence_files": [{"sha256": "a" * 64}]},
    )  # fmt: skip

    assert problem(response, 422, "evidence_not_uploaded")["field"] == "evidence_files"
    assert api.head() == before and kept(api) == []


def test_a_removal_is_a_correction_and_the_file_stays(open_api: OpenApi, files: FileStore) -> None:
    api = opened(open_api, files)
    digest = upload(api, "1.2", "x.png", png()).json()["sha256"]
    api.post(api.activity_path("1.2", "progress"), who="staff",
             json={"percent": 90, "evidence_files": [{"sha256": digest}]})  # fmt: skip

    removal = api.activity_path("1.2", "evidence/1/removal")
    problem(api.post(removal, who="staff", json={"reason": " "}), 422, "reason_required")
    removed = api.post(
        api.activity_path("1.2", "evidence/1/removal"), who="staff", json={"reason": "ผิดภาพ"}
    )

    assert removed.status_code == 200 and removed.json()["events"] == ["EvidenceRemoved"]
    assert kept(api) == [digest]
    assert (
        api.get(f"{api.activity_path('1.2')}/evidence/{digest}", who="auditor").status_code == 200
    )
    again = api.post(
        api.activity_path("1.2", "evidence/1/removal"), who="staff", json={"reason": "อีก"}
    )
    problem(again, 422, "evidence_already_removed")


def test_staff_of_another_unit_may_not_upload(open_api: OpenApi, files: FileStore) -> None:
    api = opened(open_api, files)
    problem(upload(api, "1.2", "sign.jpg", jpeg(), who="outsider"), 403, "unit_forbidden")
    assert staged(files) == []

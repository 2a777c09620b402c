"""Evidence files (issue 18): judged by content, kept by digest, attached in the record's
transaction, withdrawn only by a correction.

The rule tests run on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.errors import RuleViolation
from domain.evidence import LIMIT_BYTES, EvidenceFile, clean_name, sniff
from storage.file_store import FileStore
from tests.evidence_files import elf, jpeg, pdf, pe, png
from tests.unit.activity_helpers import MANAGER, STAFF, code, events_of, refused

ON = date(2009, 1, 20)


def heic(major: bytes, *compatible: bytes) -> bytes:
    """The start of an ISO media file: its ``ftyp`` box with the brands given."""
    brands = b"".join(compatible)
    box = (16 + len(brands)).to_bytes(4, "big") + b"ftyp" + major + b"\x00\x00\x00\x00" + brands
    return box + b"\x00\x00\x00\x08meta"


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (jpeg(), "image/jpeg"),
        (png(), "image/png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24, "image/webp"),
        (pdf(), "application/pdf"),
        (heic(b"heic", b"mif1", b"heic"), "image/heic"),
        (heic(b"mif1", b"mif1", b"heic"), "image/heic"),  # as iPhones write them
        (heic(b"avif", b"mif1", b"avif"), None),  # AVIF shares the box: not HEIC
        (heic(b"mif1", b"mif1", b"avif"), None),
        (heic(b"isom", b"isom", b"mp41"), None),  # a video
        (elf(), None),
        (pe(), None),
        (b"<html><script>alert(1)</script>", None),
        (b"GIF89a\x01\x00\x01\x00", None),
        (b"", None),
    ],
)
def test_a_file_is_what_its_first_bytes_say(data: bytes, media_type: str | None) -> None:
    assert sniff(data) == media_type


def test_a_renamed_executable_is_refused_by_content_naming_its_field() -> None:
    for executable in (elf(), pe()):
        with pytest.raises(RuleViolation) as caught:
            EvidenceFile.of(executable, "photo.jpg", field="files")
        error = caught.value
        assert (error.rule, error.field) == ("evidence_type", "files")
        assert "photo.jpg" in error.message("th") and "ไม่ใช่รูปภาพ" in error.message("th")


def test_a_file_over_the_bound_is_refused_for_its_size() -> None:
    photo = jpeg()
    assert EvidenceFile.of(photo, "a.jpg", limit=len(photo), field="files").size == len(photo)
    with pytest.raises(RuleViolation) as caught:
        EvidenceFile.of(photo + b"\x00", "a.jpg", limit=len(photo), field="files")
    assert (caught.value.rule, caught.value.field) == ("evidence_too_large", "files")
    assert LIMIT_BYTES == 10 * 1024 * 1024


def test_a_checked_file_knows_its_digest_and_its_name_is_only_a_name() -> None:
    checked = EvidenceFile.of(png(), "C:\\Users\\x\\ป้าย\x00 1.png", field="files")
    assert checked.sha256 == hashlib.sha256(png()).hexdigest()
    assert (checked.name, checked.media_type) == ("ป้าย 1.png", "image/png")
    assert clean_name("../../etc/passwd") == "passwd"
    assert "data" not in repr(checked)


@pytest.fixture
def kept(tracker: Tracker, tmp_path: Path) -> FileStore:
    tracker.files = FileStore(tmp_path / "evidence")
    return tracker.files


def test_evidence_is_attached_to_its_record_in_the_same_command(
    tracker: Tracker, plan_id: UUID, kept: FileStore
) -> None:
    a = code(tracker, plan_id, "2.1")
    photo, minutes = (
        EvidenceFile.of(jpeg(), "sign.jpg", field="f"),
        EvidenceFile.of(pdf(), "m.pdf", field="f"),
    )

    outcome = tracker.record_progress(
        a, 40, actor=STAFF, occurred_on=ON, attached=(photo, minutes, photo)
    )

    history: list[Any] = list(tracker.history(a))
    record, *attachments = history[-3:]
    assert outcome.events[-3:] == ("ProgressRecorded", "EvidenceAttached", "EvidenceAttached")
    assert [
        (e.number, e.subject, e.record, e.entry, e.sha256, e.media_type, e.name)
        for e in attachments
    ] == [
        (1, "progress", record.originator_version, 0, photo.sha256, "image/jpeg", "sign.jpg"),
        (2, "progress", record.originator_version, 0, minutes.sha256, "application/pdf", "m.pdf"),
    ]
    assert kept.get(photo.sha256) == jpeg() and kept.get(minutes.sha256) == pdf()


@pytest.mark.parametrize(
    ("command", "subject", "entry"),
    [
        (lambda t, a, f: t.complete_step(a, 1, attached=f, actor=STAFF, occurred_on=ON), "step", 1),
        (lambda t, a, f: t.record_expenditure(a, "500", attached=f, actor=STAFF, occurred_on=ON),
         "expenditure", 1),
        (lambda t, a, f: t.complete(a, note="ครบ", attached=f, actor=STAFF, occurred_on=ON),
         "completion", 0),
    ],
)  # fmt: skip
def test_steps_spending_and_the_completion_take_evidence(
    tracker: Tracker, plan_id: UUID, kept: FileStore, command: object, subject: str, entry: int
) -> None:
    a = code(tracker, plan_id, "1.1")
    photo = EvidenceFile.of(png(), "receipt.png", field="files")
    assert callable(command)
    command(tracker, a, (photo,))
    last = list(tracker.history(a))[-1]
    assert type(last).__name__ == "EvidenceAttached"
    assert (last.subject, last.entry, last.sha256) == (subject, entry, photo.sha256)  # type: ignore[attr-defined]


def test_a_refused_record_keeps_neither_its_event_nor_its_file(
    tracker: Tracker, plan_id: UUID, kept: FileStore
) -> None:
    a = code(tracker, plan_id, "2.1")
    photo = EvidenceFile.of(png(colour=(1, 2, 3)), "x.png", field="files")
    before = events_of(tracker, a)
    refused("percent_in_range", tracker.record_progress, a, 140, actor=STAFF, occurred_on=ON,
            attached=(photo,))  # fmt: skip
    refused("evidence_not_attachable", tracker.start, a, actor=STAFF, occurred_on=ON,
            attached=(photo,))  # fmt: skip
    assert events_of(tracker, a) == before
    assert kept.get(photo.sha256) is None and not list(kept.directory.glob("*"))


def test_evidence_is_removed_by_a_correction_and_the_file_stays(
    tracker: Tracker, plan_id: UUID, kept: FileStore
) -> None:
    a = code(tracker, plan_id, "2.1")
    photo = EvidenceFile.of(png(), "wrong.png", field="files")
    tracker.record_progress(a, 30, actor=STAFF, occurred_on=ON, attached=(photo,))
    refused("reason_required", tracker.remove_evidence, a, 1, reason=" ", actor=STAFF)
    refused("evidence_unknown", tracker.remove_evidence, a, 2, reason="ผิด", actor=STAFF)

    tracker.remove_evidence(a, 1, reason="ภาพของกิจกรรมอื่น", actor=STAFF)

    last = list(tracker.history(a))[-1]
    assert (type(last).__name__, last.number, last.sha256, last.reason) == (  # type: ignore[attr-defined]
        "EvidenceRemoved", 1, photo.sha256, "ภาพของกิจกรรมอื่น",
    )  # fmt: skip
    assert tracker.get_activity(a).evidence[0].removed
    assert kept.get(photo.sha256) == png()  # never a silent delete
    refused("evidence_already_removed", tracker.remove_evidence, a, 1, reason="อีก", actor=MANAGER)

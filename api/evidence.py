"""Evidence files on the way in and out: read from an upload, found in staging, served.

In: an uploaded part is read up to the service's bound plus one byte (so a larger
file is refused without being read whole) and checked by content
(:class:`domain.evidence.EvidenceFile`). Through the API, a file is uploaded first
(``POST /api/v1/activities/{id}/evidence``, kept in the upload staging a day) and a
command names it by digest; it is read back and checked again when the command runs.

Out: a file is served only as evidence of the activity named (an ``EvidenceAttached``
of its stream names the digest), with the type its content says, never sniffed by the
browser (``X-Content-Type-Options: nosniff``), in a sandbox without script
(``Content-Security-Policy``), inline only where it is a photo a browser draws; a PDF or
HEIC is a download. No image is decoded here: the timeline's thumbnails are the files
themselves, drawn by the browser in a box of fixed width and height, so no
decompression bomb reaches a decoder on the server (and no imaging library is needed).
"""

from __future__ import annotations

from typing import BinaryIO
from uuid import UUID

from fastapi import Response

from api.schemas.commands import CommandIn, EvidenceRef
from api.services import Services
from domain.errors import NotFoundError, RuleViolation, register_messages
from domain.evidence import IMAGE_TYPES, EvidenceFile, check_count, sniff

_EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic",
    "application/pdf": "pdf",
}  # fmt: skip


def read_upload(file: BinaryIO, name: str, limit: int, *, field: str) -> EvidenceFile:
    """An uploaded part as evidence: at most ``limit`` bytes, a photo or PDF by content."""
    data = file.read(limit + 1)
    return EvidenceFile.of(data, name, limit=limit, field=field)


def staged(svc: Services, body: CommandIn) -> tuple[EvidenceFile, ...]:
    """The uploads a command's ``evidence_files`` name, checked again as they are read."""
    refs: list[EvidenceRef] = getattr(body, "evidence_files", [])
    files = []
    for ref in refs:
        data = svc.uploads.read(ref.sha256)
        if data is None:
            raise RuleViolation("evidence_not_uploaded", field="evidence_files", sha256=ref.sha256)
        limit = svc.settings.evidence_limit_bytes
        files.append(EvidenceFile.of(data, ref.name, limit=limit, field="evidence_files"))
    found = tuple(files)
    check_count(found, field="evidence_files")
    return found


def served(svc: Services, activity_id: UUID, sha256: str) -> Response:
    """Evidence file ``sha256`` of the activity, as the module docstring says it is served."""
    activity = svc.runtime.tracker.get_activity(activity_id)
    data = None
    if any(a.sha256 == sha256 for a in activity.evidence):
        data = svc.runtime.files.get(sha256)
    media_type = sniff(data) if data is not None else None
    if data is None or media_type is None:
        raise NotFoundError("evidence_not_found", code=activity.code, sha256=sha256)
    how = "inline" if media_type in IMAGE_TYPES else "attachment"
    name = f"evidence-{sha256[:16]}.{_EXTENSIONS[media_type]}"  # ASCII: a header
    return Response(
        data,
        media_type=media_type,
        headers={
            "X-Content-Type-Options": "nosniff",
            "Content-Disposition": f'{how}; filename="{name}"',
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, max-age=3600",
        },
    )


register_messages(
    {
        "evidence_not_uploaded": (
            "ไม่พบไฟล์หลักฐาน {sha256} ที่อัปโหลดไว้ (เก็บไว้ 1 วัน) กรุณาอัปโหลดใหม่",
            "no uploaded evidence file {sha256} (uploads are kept a day): upload it again",
        ),
        "evidence_not_found": (
            "กิจกรรม {code} ไม่มีหลักฐานไฟล์ {sha256}",
            "activity {code} has no evidence file {sha256}",
        ),
    }
)

"""Evidence files: the photo of the meeting, the sign, the receipt, and the scanned PDF.

A file is judged by what it is, never by what it is called: its first bytes must be
those of a JPEG, PNG, WebP or HEIC photo or of a PDF, else it is refused, so an
executable renamed ``photo.jpg`` is refused as what it is. Its size is bounded by the
service's setting (``TIDTAM_EVIDENCE_LIMIT_BYTES``). The file is then known by its
SHA-256, which the events carry: the log proves which file was meant even if the file
itself is lost. Pure: bytes in, a checked value or a refusal out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from domain.errors import RuleViolation, register_messages

LIMIT_BYTES = 10 * 1024 * 1024
"""The default bound on one file (10 MiB): a phone's photo at full size fits."""
FILES_PER_RECORD = 10
"""At most this many files come with one record."""
NAME_LIMIT = 200

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
"""The types a browser draws inline, as thumbnails; the others are shown by name."""
MEDIA_TYPES = (*IMAGE_TYPES, "image/heic", "application/pdf")

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"}
_HEIF_GENERAL = {b"mif1", b"msf1"}


def sniff(data: bytes) -> str | None:
    """The media type ``data``'s leading bytes (its magic number) say, or None.

    HEIC is an ISO media file (``ftyp`` box) whose major brand is one of HEVC-coded
    HEIF's, or the general HEIF brand with a HEVC brand among the compatible ones
    (as iPhones write them); AVIF and video files share the box and are refused."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if len(data) >= 16 and data[4:8] == b"ftyp":
        box = int.from_bytes(data[:4], "big")
        brands = [data[i : i + 4] for i in range(16, min(box, len(data), 256), 4)]
        major = data[8:12]
        if major in _HEIF_BRANDS or (major in _HEIF_GENERAL and _HEIF_BRANDS & set(brands)):
            return "image/heic"
    return None


def clean_name(name: str) -> str:
    """The file's name as sent, for people to read: its last path part, no control
    characters, at most ``NAME_LIMIT`` characters (never used as a path)."""
    last = re.split(r"[\\/]", name or "")[-1]
    kept = "".join(c for c in last if unicodedata.category(c)[0] != "C").strip()
    return kept[:NAME_LIMIT]


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file checked as evidence: its bytes, what they are, their digest and size."""

    name: str
    media_type: str
    size: int
    sha256: str
    data: bytes = field(repr=False)

    @classmethod
    def of(cls, data: bytes, name: str, *, limit: int = LIMIT_BYTES, field: str) -> EvidenceFile:
        """``data`` as evidence, or refused naming ``field``: larger than ``limit``
        (``evidence_too_large``), or not a photo or PDF by its content (``evidence_type``)."""
        shown = clean_name(name) or "-"
        if len(data) > limit:
            raise RuleViolation(
                "evidence_too_large",
                field=field,
                name=shown,
                size=megabytes(len(data)),
                limit=megabytes(limit),
            )
        media_type = sniff(data)
        if media_type is None:
            raise RuleViolation("evidence_type", field=field, name=shown)
        digest = hashlib.sha256(data).hexdigest()
        return cls(clean_name(name), media_type, len(data), digest, data)


def check_count(files: tuple[EvidenceFile, ...], *, field: str) -> None:
    if len(files) > FILES_PER_RECORD:
        raise RuleViolation("evidence_too_many", field=field, most=FILES_PER_RECORD)


def megabytes(size: int) -> str:
    """A size as people read it (``9.5 MB``)."""
    return f"{size / (1024 * 1024):.1f} MB"


register_messages(
    {
        "evidence_type": (
            "ไฟล์ '{name}' ไม่ใช่รูปภาพ (JPEG, PNG, WebP, HEIC) หรือ PDF ตามเนื้อหาของไฟล์ จึงไม่ได้บันทึก",
            "file '{name}' is not a photo (JPEG, PNG, WebP, HEIC) or a PDF by its content:"
            " nothing was recorded",
        ),
        "evidence_too_large": (
            "ไฟล์ '{name}' ขนาด {size} ใหญ่เกิน {limit} จึงไม่ได้บันทึก",
            "file '{name}' of {size} is larger than {limit}: nothing was recorded",
        ),
        "evidence_too_many": (
            "แนบหลักฐานได้ไม่เกิน {most} ไฟล์ต่อรายการ",
            "at most {most} evidence files go with one record",
        ),
    }
)

"""Words about evidence files on the activity page: the forms' file field, the removal
form and the timeline's thumbnails. Kept apart from :mod:`api.web.i18n` as the import,
report and money texts are: one idea each. Pairs are (Thai, English).
"""

from __future__ import annotations

EVIDENCE_TEXT: dict[str, tuple[str, str]] = {
    "form.files": ("ภาพถ่ายหรือไฟล์ PDF หลักฐาน", "Photos or PDFs as evidence"),
    "form.files_hint": (
        "ถ่ายภาพหรือเลือกไฟล์ JPEG, PNG, WebP, HEIC หรือ PDF ไม่เกินไฟล์ละ {limit}",
        "Take a photo or choose JPEG, PNG, WebP, HEIC or PDF files, at most {limit} each",
    ),
    "form.remove_evidence": ("ถอนหลักฐานที่แนบผิด", "Remove evidence attached in error"),
    "form.evidence_entry": ("หลักฐานไฟล์ที่", "Evidence file"),
    "done.remove_evidence": (
        "ถอนหลักฐานของกิจกรรม {code} แล้ว (ไฟล์ยังเก็บไว้ในประวัติ)",
        "Activity {code}: evidence removed (the file stays in the history)",
    ),
    "ev.evidence_removed": ("ถอนแล้ว: {reason}", "removed: {reason}"),
    "ev.evidence_open": ("เปิดไฟล์ {name}", "Open file {name}"),
}

"""Evidence attached to an activity's records, and evidence withdrawn by a correction.

A photo or PDF comes with the record it proves (a progress entry, a step done, a
spending entry, an output delivered, the completion): ``EvidenceAttached`` is triggered
right after that record, in the same command and so in the same transaction, naming
the record (its event's version, and its step or entry number) and the file's SHA-256,
type, size and name as sent. Events of their own, rather than a new version of each
record's event: one shape for five kinds of record, no upcasters, and the records'
modules unchanged. A file attached in error is withdrawn by ``EvidenceRemoved`` with
the reason why: a correction, never a delete (the file stays kept and the timeline
shows it struck through).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.activity_lifecycle import ActivityCompleted
from domain.activity_outputs import OutputDelivered
from domain.activity_progress import ProgressCorrected, ProgressRecorded, StepCompleted
from domain.activity_spending import ExpenditureRecorded
from domain.activity_state import ActivityState
from domain.errors import RuleViolation, register_messages
from domain.evidence import EvidenceFile, check_count
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.values import shared_in_copies
from domain.words import Words

SUBJECTS: dict[type, tuple[str, str | None]] = {
    ProgressRecorded: ("progress", None),
    ProgressCorrected: ("progress", None),
    StepCompleted: ("step", "step"),
    ExpenditureRecorded: ("expenditure", "entry"),
    OutputDelivered: ("delivery", "entry"),
    ActivityCompleted: ("completion", None),
}
"""The records evidence may come with: what each is called, and its field that numbers it."""


@shared_in_copies
@dataclass(frozen=True, slots=True)
class Attachment:
    """One file attached: its number on the activity, the record it proves, the file."""

    number: int
    record: int
    sha256: str
    removed: bool = False


class EvidenceAttached(Recorded):
    """A photo or PDF was attached to a record as its evidence."""

    TOPIC = "tidtam.EvidenceAttached"
    number: int
    """1, 2, … on the activity: what a removal names."""
    subject: str
    """``progress``, ``step``, ``expenditure``, ``delivery`` or ``completion``."""
    record: int
    """The version of the record's event on the activity's stream."""
    entry: int
    """The step's or entry's number; 0 for progress and completion."""
    sha256: str
    media_type: str
    size: int
    name: str

    def apply(self, activity: ActivityState) -> None:
        activity.evidence.append(Attachment(self.number, self.record, self.sha256))


class EvidenceRemoved(Recorded):
    """An attached file was withdrawn as evidence, with the reason why (it stays kept)."""

    TOPIC = "tidtam.EvidenceRemoved"
    number: int
    sha256: str
    reason: str

    def apply(self, activity: ActivityState) -> None:
        activity.evidence[self.number - 1] = replace(
            activity.evidence[self.number - 1], removed=True
        )


def attach_evidence(
    activity: ActivityState, files: tuple[EvidenceFile, ...], *, by: Byline
) -> None:
    """Attach ``files`` to the record the command being decided has just triggered;
    refused when it triggered none that takes evidence (a start, a cancellation)."""
    if not files:
        return
    check_count(files, field="files")
    record = next(
        (e for e in reversed(activity.pending_events) if type(e) in SUBJECTS), None
    )  # fmt: skip
    if record is None:
        raise RuleViolation("evidence_not_attachable", field="files")
    subject, numbered_by = SUBJECTS[type(record)]
    entry = int(getattr(record, numbered_by)) if numbered_by else 0
    unique: dict[str, EvidenceFile] = {}
    for file in files:
        unique.setdefault(file.sha256, file)  # the same file twice is attached once
    for file in unique.values():
        fields = {
            "number": len(activity.evidence) + 1, "subject": subject,
            "record": record.originator_version, "entry": entry, "sha256": file.sha256,
            "media_type": file.media_type, "size": file.size, "name": file.name,
        }  # fmt: skip
        trigger(activity, EvidenceAttached, by, **fields)


def remove_evidence(
    activity: ActivityState, number: int, *, reason: str | None, by: Byline
) -> None:
    """Withdraw attached file ``number`` as evidence, with the reason why."""
    check_business_date(by, activity.fiscal_year)
    why = require_text(reason, what=Words("การถอนหลักฐาน", "a removal of evidence"),
                       field="reason")  # fmt: skip
    if not 1 <= number <= len(activity.evidence):
        raise RuleViolation("evidence_unknown", field="entry", code=activity.code,
                            entry=number, count=len(activity.evidence))  # fmt: skip
    attached = activity.evidence[number - 1]
    if attached.removed:
        raise RuleViolation("evidence_already_removed", field="entry", entry=number)
    trigger(activity, EvidenceRemoved, by, number=number, sha256=attached.sha256, reason=why)


register_messages(
    {
        "evidence_not_attachable": (
            "แนบหลักฐานได้กับความก้าวหน้า ขั้นตอน การเบิกจ่าย ผลผลิต และการปิดงานเท่านั้น",
            "evidence goes with progress, a step, spending, a delivery or the completion only",
        ),
        "evidence_unknown": (
            "{code} ไม่มีหลักฐานไฟล์ที่ {entry} (มี {count} ไฟล์)",
            "{code} has no evidence file {entry} (it has {count})",
        ),
        "evidence_already_removed": (
            "หลักฐานไฟล์ที่ {entry} ถูกถอนไปแล้ว",
            "evidence file {entry} was already removed",
        ),
    }
)

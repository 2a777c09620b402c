"""What a staff member is told when their work is owed, and what their manager is told
when the reminders go unanswered: e-mails in Thai and the webhook's JSON.

Pure functions of the work owed, so the exact words can be tested. Each message names
the activity by code and name, says why (due, late, nothing recorded for too long) with
Buddhist-era dates, and links to where the work is recorded: the activity's own page,
and the person's list of work (``/my-work``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.calendar import thai_date
from domain.reminders import REASON_LINES, REASONS
from projections.work_owed import OwedWork

SIGNATURE = ["", "--", "ระบบติดตามแผนดำเนินงาน (Tidtam) · ข้อความนี้ส่งโดยอัตโนมัติ"]


def links(public_url: str, work: OwedWork) -> tuple[str, str]:
    """Where the work is recorded: the activity's page, and the person's list of work."""
    return f"{public_url}/activities/{work.activity_id}", f"{public_url}/my-work"


def why(work: OwedWork, day: date) -> list[str]:
    """One line per reason, in Thai, with its dates, as on the page of one's own work."""
    due = f" (กำหนด {thai_date(work.due_on)})" if work.due_on else ""
    lines = []
    for reason in work.reasons:
        last = work.last_recorded_on
        if reason == "due":
            lines.append(REASON_LINES["due"].th + due)
        elif reason == "late" and work.days_late:
            lines.append(REASON_LINES["late"].th.format(days=work.days_late) + due)
        elif reason == "late":  # behind plan, nothing yet past its due day
            lines.append(REASON_LINES["behind"].th + due)
        elif last is None:
            lines.append(REASON_LINES["never"].th)
        else:
            stale = REASON_LINES["stale"].th.format(days=(day - last).days)
            lines.append(f"{stale} (บันทึกล่าสุด {thai_date(last)})")
    return lines


def reminder_mail(
    display_name: str,
    work: OwedWork,
    day: date,
    public_url: str,
    *,
    number: int,
    escalate_after: int,
) -> tuple[str, str]:
    """Subject and body of the reminder ``display_name`` gets about ``work`` on ``day``."""
    activity, my_work = links(public_url, work)
    reasons = ", ".join(REASONS[r].th for r in work.reasons)
    subject = f"[ติดตาม] กรุณาบันทึกผล {work.code} {work.name} ({reasons})"
    lines = [
        f"เรียน {display_name}",
        "",
        f"การเตือนบันทึกผลการดำเนินงาน ประจำวันที่ {thai_date(day)} (ครั้งที่ {number})",
        "",
        f"กิจกรรม {work.code} {work.name}",
        f"หน่วยงาน: {work.unit}",
        "เหตุที่เตือน:",
        *(f"  - {line}" for line in why(work, day)),
        "",
        "บันทึกความก้าวหน้า ขั้นตอนที่เสร็จ การเบิกจ่าย หรือการเสร็จสิ้นได้ที่",
        f"  หน้ากิจกรรม: {activity}",
        f"  งานของฉัน: {my_work}",
    ]
    if escalate_after:
        lines += [
            "",
            f"หากไม่มีการบันทึกผลหลังการเตือน {escalate_after} ครั้ง ระบบจะแจ้งผู้บริหารของหน่วยงานทราบ",
        ]
    return subject, "\n".join(lines + SIGNATURE) + "\n"


def escalation_mail(
    display_name: str, work: OwedWork, day: date, public_url: str, *, staff: Sequence[str],
    ignored: int,
) -> tuple[str, str]:  # fmt: skip
    """Subject and body of what a unit's manager is told when ``staff`` left ``ignored``
    reminders about ``work`` unanswered."""
    activity, _ = links(public_url, work)
    names = ", ".join(staff)
    subject = f"[ติดตาม] ยังไม่บันทึกผลหลังเตือน {ignored} ครั้ง: {work.code} {work.name} ({names})"
    lines = [
        f"เรียน {display_name}",
        "",
        f"ผู้รับผิดชอบยังไม่บันทึกผลการดำเนินงาน หลังได้รับการเตือน {ignored} ครั้ง (ณ วันที่ {thai_date(day)})",
        "",
        f"กิจกรรม {work.code} {work.name}",
        f"หน่วยงาน: {work.unit}",
        f"ผู้รับผิดชอบที่ได้รับการเตือน: {names}",
        "เหตุที่เตือน:",
        *(f"  - {line}" for line in why(work, day)),
        "",
        f"ดูกิจกรรม: {activity}",
    ]
    return subject, "\n".join(lines + SIGNATURE) + "\n"


def reminder_webhook(
    kind: str, work: OwedWork, day: date, delivery: UUID, *, people: Sequence[tuple[str, str]],
    text: str, ignored: int = 0,
) -> str:  # fmt: skip
    """The JSON a webhook receives for a reminder (``staff_reminded``: ``people`` is the
    person reminded) or an escalation (``reminder_escalated``: the staff who were)."""
    payload: dict[str, Any] = {
        "delivery_id": str(delivery),
        "kind": kind,
        "text": text,
        "day": day.isoformat(),
        "people": [{"username": u, "display_name": n} for u, n in people],
        "reasons": list(work.reasons),
        "ignored": ignored,
        "activity": {
            "id": str(work.activity_id),
            "code": work.code,
            "name": work.name,
            "unit": work.unit,
            "due_on": work.due_on.isoformat() if work.due_on else None,
            "days_late": work.days_late,
        },
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)

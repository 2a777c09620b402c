"""The words Tidtam says to people, in Thai and English, and how values read to them.

One home for the words that name things: where an activity stands (its lifecycle,
and its schedule status on a business date), the late-work rules a flag is raised
under, and why a flag was resolved. The CLI, the pages, the e-mails and the
refusals all take them from here, so a status reads the same everywhere.

Every pair is (Thai, English) — here, in the refusals' catalogue
(:mod:`domain.errors`) and in the pages' (``api.web.i18n``). Values read as a
reader of the language expects: BE dates and ``ม.ค. 2552`` months in Thai,
amounts of baht as plans print them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from domain.calendar import Month, thai_date
from domain.money import format_baht


class Words(NamedTuple):
    """A word or phrase in both languages, for values that are words (a status, a field)."""

    th: str
    en: str

    def in_(self, lang: str) -> str:
        """The words in ``lang`` ("th" or "en")."""
        return self.th if lang == "th" else self.en


STATUSES: dict[str, Words] = {
    # An activity's lifecycle: where it stands, whatever the date.
    "planned": Words("ยังไม่เริ่ม", "not started"),
    "started": Words("กำลังดำเนินการ", "in progress"),
    "completed": Words("เสร็จสิ้น", "completed"),
    "cancelled": Words("ยกเลิก", "cancelled"),
    "withdrawn": Words("ถอนออกจากแผน", "withdrawn from the plan"),
    # Its schedule status on a business date (plan versus actual).
    "not_due": Words("ยังไม่ถึงกำหนด", "not due yet"),
    "on_track": Words("ตามแผน", "on track"),
    "late_start": Words("เริ่มล่าช้า", "late start"),
    "behind": Words("ช้ากว่าแผน", "behind"),
    "overdue": Words("เกินกำหนด", "overdue"),
    "completed_on_time": Words("เสร็จตามกำหนด", "completed on time"),
    "completed_late": Words("เสร็จล่าช้า", "completed late"),
}
"""Lifecycles and schedule statuses by their stored names."""

RULES: dict[str, Words] = {
    "late_start": Words("เริ่มล่าช้า", "late start"),
    "step_overdue": Words("ขั้นตอนเกินกำหนด", "step overdue"),
    "overdue": Words("เกินกำหนด", "overdue"),
    "stalled": Words("ไม่มีความคืบหน้า", "stalled"),
    "over_budget_risk": Words("ใช้งบประมาณเร็วกว่าผลงาน", "spending ahead of progress"),
}
"""The late-work rules a flag is raised under, by their stored names."""


def flag_period(rule: str, period: str) -> Words:
    """A flag's period as people read it: the planned month that ended (``มี.ค. 2552``),
    the day progress was last heard of, or the allocation spending ran ahead of."""
    if rule == "stalled":
        day = date.fromisoformat(period)
        return Words(f"ล่าสุด {thai_date(day)}", f"last heard {day.isoformat()}")
    if rule == "over_budget_risk":
        amount = format_baht(Decimal(period))
        return Words(f"งบ {amount} บาท", f"allocation {amount}")
    month = Month.from_iso(period)
    return Words(month.thai(), month.english())


EVIDENCE_SUBJECTS: dict[str, Words] = {
    "progress": Words("ความก้าวหน้า", "progress"),
    "step": Words("ขั้นตอน", "step"),
    "expenditure": Words("การเบิกจ่าย", "spending"),
    "delivery": Words("ผลผลิต", "delivery"),
    "completion": Words("การปิดงาน", "completion"),
}
"""What evidence was attached to (``domain.activity_evidence``)."""

RESOLUTIONS: dict[str, Words] = {
    "started": Words("เริ่มดำเนินการแล้ว", "work started"),
    "step_completed": Words("ขั้นตอนเสร็จแล้ว", "step completed"),
    "completed": Words("กิจกรรมเสร็จสิ้น", "activity completed"),
    "cancelled": Words("ยกเลิกกิจกรรม", "activity cancelled"),
    "rescheduled": Words("เลื่อนกำหนดการ", "rescheduled"),
    "progress": Words("มีความคืบหน้า", "progress recorded"),
    "budget_revised": Words("ปรับงบประมาณ", "allocation revised"),
    "project_cancelled": Words("ยกเลิกโครงการ", "project cancelled"),
    "withdrawn": Words("ถอนออกจากแผน", "withdrawn from the plan"),
    "cleared": Words("ไม่เข้าเงื่อนไขแล้ว", "no longer late"),
}
"""Why a flag was resolved (the ``reason`` of ``FlagResolved``)."""


TAMPERING: dict[str, Words] = {
    "changed": Words("ถูกแก้ไข", "changed"),
    "removed": Words("ถูกลบ", "removed"),
    "inserted": Words("ถูกแทรกเพิ่ม", "inserted"),
    "reordered": Words("ถูกสลับลำดับ", "reordered"),
}
"""What ``tidtam verify`` found done to a stored event, by its name."""

LOGS: dict[str, Words] = {
    "tracker": Words("แผนและผลการดำเนินงาน", "plans and progress"),
    "people": Words("ผู้ใช้และสิทธิ์", "people and roles"),
    "alerts": Words("การแจ้งเตือนที่ส่ง", "alerts sent"),
}
"""The event logs, by their names: what each holds."""


def display(value: Any, lang: str) -> str:
    """``value`` as a reader of ``lang`` expects it (BE dates and months in Thai)."""
    if isinstance(value, Words):
        return value.in_(lang)
    if isinstance(value, list | tuple):
        return ", ".join(display(v, lang) for v in value)
    if isinstance(value, Decimal):
        return format_baht(value)
    if isinstance(value, Month):
        return value.thai() if lang == "th" else value.english()
    if isinstance(value, date):
        return thai_date(value) if lang == "th" else value.isoformat()
    return str(value)

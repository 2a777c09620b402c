"""Flags: late work, raised on an activity once per rule, step and period.

A flag is identified by its natural key — (activity, rule, step, period) — and
its id is the uuid5 of that key, so however often or however many schedulers
scan, a flag can only be raised once: the activity's stream refuses a second
``ActivityFlagged`` with the same key, and concurrent writers collide on the
stream's version.

The period says which occurrence of the lateness a flag is about: the planned
month that ended (for ``late_start``, ``overdue`` and ``step_overdue``), the
day progress was last heard of (``stalled``), the allocation it is measured
against (``over_budget_risk``). Rescheduling changes the month, so a flag raised
under the old months stays in history and a new one may be raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID, uuid5

from domain.errors import Words, register_messages
from domain.ids import NAMESPACE


class Rule(StrEnum):
    LATE_START = "late_start"
    STEP_OVERDUE = "step_overdue"
    OVERDUE = "overdue"
    STALLED = "stalled"
    OVER_BUDGET_RISK = "over_budget_risk"


RULE_WORDS = {
    Rule.LATE_START: Words("late start", "เริ่มล่าช้า"),
    Rule.STEP_OVERDUE: Words("step overdue", "ขั้นตอนเกินกำหนด"),
    Rule.OVERDUE: Words("overdue", "เกินกำหนด"),
    Rule.STALLED: Words("stalled", "ไม่มีความคืบหน้า"),
    Rule.OVER_BUDGET_RISK: Words("spending ahead of progress", "ใช้งบประมาณเร็วกว่าผลงาน"),
}
RESOLUTION_WORDS = {
    "started": Words("work started", "เริ่มดำเนินการแล้ว"),
    "step_completed": Words("step completed", "ขั้นตอนเสร็จแล้ว"),
    "completed": Words("activity completed", "กิจกรรมเสร็จสิ้น"),
    "cancelled": Words("activity cancelled", "ยกเลิกกิจกรรม"),
    "rescheduled": Words("rescheduled", "เลื่อนกำหนดการ"),
    "progress": Words("progress recorded", "มีความคืบหน้า"),
    "budget_revised": Words("allocation revised", "ปรับงบประมาณ"),
    "project_cancelled": Words("project cancelled", "ยกเลิกโครงการ"),
    "cleared": Words("no longer late", "ไม่เข้าเงื่อนไขแล้ว"),
}
"""Why a flag was resolved (the ``reason`` of FlagResolved), in both languages."""


@dataclass(frozen=True, slots=True, order=True)
class FlagKey:
    """What a flag is about: the rule, the step (0 for the activity itself), the period."""

    rule: str
    step: int
    period: str

    def flag_id(self, activity_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"flag|{activity_id}|{self.rule}|{self.step}|{self.period}")


@dataclass(slots=True)
class Flag:
    """A flag's life on its activity."""

    key: FlagKey
    flag_id: UUID
    detected_on: date
    details: str
    resolved_on: date | None = None
    resolved_reason: str = ""
    acknowledged_by: str = ""
    snoozed_until: date | None = None

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None


register_messages(
    {
        "flag_unknown": (
            "activity {code} has no flag {flag}",
            "กิจกรรม {code} ไม่มีการแจ้งเตือน {flag}",
        ),
        "flag_resolved": (
            "the flag {flag} on activity {code} is already resolved",
            "การแจ้งเตือน {flag} ของกิจกรรม {code} ได้รับการแก้ไขแล้ว",
        ),
        "snooze_in_future": (
            "snooze until a day after today ({today}), got {until}",
            "เลื่อนการแจ้งเตือนได้ถึงวันหลังจากวันนี้ ({today}) แต่ได้ {until}",
        ),
    }
)

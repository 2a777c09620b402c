"""What each kind of event says, in Thai and English: the timeline's and the feed's sentences.

An event's text is a template filled with its payload (``ความก้าวหน้า {percent}%``);
:mod:`api.web.timeline` fills it with amounts, months and dates as people read
them. The texts live apart from the pages' catalogue (:mod:`api.web.i18n`)
because they are keyed by event class, not by a place on a page, and the feed
offers every one of them as a filter. Pairs are (Thai, English), as everywhere.
"""

from __future__ import annotations

EVENT_TEXT: dict[str, tuple[str, str]] = {
    "PlanCreated": ("นำเข้าแผน", "plan imported"),
    "SectionAdded": ("เพิ่มหมวดในแผน", "section added to the plan"),
    "PlanRevised": ("แก้ไขแผนครั้งที่ {number}: {name}", "plan revision {number}: {name}"),
    "FindingsRecorded": ("บันทึกผลการติดตามและข้อเสนอแนะ", "findings and suggestions recorded"),
    "ReportFiled": ("ยื่นรายงานฉบับที่ {number}", "report filing {number}"),
    "PlanPublished": ("เผยแพร่แผนต่อสาธารณะ", "plan published to the public"),
    "PlanUnpublished": (
        "ถอนแผนจากการเผยแพร่ ({reason})",
        "plan withdrawn from the public ({reason})",
    ),
    "ProjectWithdrawn": ("ถอนโครงการออกจากแผน ({reason})", "project withdrawn ({reason})"),
    "ProjectPlanned": ("โครงการเข้าสู่แผน งบประมาณ {budget} บาท", "project planned, budget {budget}"),
    "ProjectBudgetRevised": (
        "ปรับงบประมาณโครงการเป็น {amount} บาท (เดิม {previous})",
        "project budget revised to {amount} (was {previous})",
    ),
    "AllocationReserved": (
        "โครงการกันงบให้กิจกรรม {activity_code} {amount} บาท",
        "project reserved {amount} for {activity_code}",
    ),
    "ActivityPlanned": ("กิจกรรมเข้าสู่แผน เดือน {planned_months}", "planned for {planned_months}"),
    "BudgetAllocated": ("จัดสรรงบประมาณ {amount} บาท", "allocated {amount}"),
    "BudgetRevised": (
        "ปรับงบประมาณเป็น {amount} บาท (เดิม {previous})",
        "allocation revised to {amount} (was {previous})",
    ),
    "ActivityRescheduled": (
        "เลื่อนกำหนดการเป็น {planned_months} (เดิม {previous})",
        "rescheduled to {planned_months} (was {previous})",
    ),
    "StepRescheduled": (
        "เลื่อนขั้นตอนที่ {step} เป็น {planned_months} (เดิม {previous})",
        "step {step} rescheduled to {planned_months} (was {previous})",
    ),
    "ActivityStarted": ("เริ่มดำเนินการ", "started"),
    "StartCorrected": (
        "แก้ไขวันเริ่มดำเนินการ (เดิม {previous_start})",
        "start corrected (was {previous_start})",
    ),
    "ProgressRecorded": ("ความก้าวหน้า {percent}%", "progress {percent}%"),
    "ProgressCorrected": ("แก้ไขความก้าวหน้าเป็น {percent}%", "progress corrected to {percent}%"),
    "StepCompleted": ("ขั้นตอนที่ {step} เสร็จ", "step {step} done"),
    "ExpenditureRecorded": (
        "เบิกจ่าย {amount} บาท (รายการที่ {entry})",
        "spent {amount} (entry {entry})",
    ),
    "ExpenditureCorrected": (
        "แก้ไขรายการเบิกจ่ายที่ {entry} เป็น {amount} บาท (เดิม {previous})",
        "entry {entry} corrected to {amount} (was {previous})",
    ),
    "CommitmentRecorded": (
        "ก่อหนี้ผูกพัน {amount} บาท ตามสัญญา/ใบสั่งซื้อ {number} (รายการที่ {entry})",
        "committed {amount} by contract or order {number} (commitment {entry})",
    ),
    "CommitmentCorrected": (
        "แก้ไขการก่อหนี้ผูกพันรายการที่ {entry} เป็น {amount} บาท (เดิม {previous})",
        "commitment {entry} corrected to {amount} (was {previous})",
    ),
    "FundingSourceSet": ("กำหนดแหล่งงบประมาณ: {source}", "funding source set: {source}"),
    "BudgetTransferred": (
        "โอนงบประมาณครั้งที่ {number}: {amount} บาท จาก {source} ไป {target}",
        "budget transfer {number}: {amount} from {source} to {target}",
    ),
    "OutputPlanned": (
        "กำหนดผลผลิตตามแผน {quantity} {unit}",
        "planned output set: {quantity} {unit}",
    ),
    "OutputDelivered": (
        "ส่งมอบผลผลิต {quantity} (รายการที่ {entry})",
        "delivered {quantity} (entry {entry})",
    ),
    "DeliveryCorrected": (
        "แก้ไขผลผลิตรายการที่ {entry} เป็น {quantity} (เดิม {previous})",
        "delivery {entry} corrected to {quantity} (was {previous})",
    ),
    "ActivityCompleted": ("ปิดงาน เสร็จสิ้น", "completed"),
    "CompletionCorrected": (
        "แก้ไขวันที่เสร็จสิ้น (เดิม {previous_completion})",
        "completion date corrected (was {previous_completion})",
    ),
    "ActivityCancelled": ("ยกเลิกกิจกรรม", "cancelled"),
    "ActivityReopened": ("เปิดกิจกรรมใหม่", "reopened"),
    "ActivityWithdrawn": ("ถอนกิจกรรมออกจากแผน ({reason})", "withdrawn from the plan ({reason})"),
    "ActivityFlagged": ("แจ้งเตือน: {rule} {period}", "flagged: {rule} {period}"),
    "FlagResolved": ("การแจ้งเตือน {rule} แก้ไขแล้ว ({reason})", "alert {rule} resolved ({reason})"),
    "FlagAcknowledged": ("รับทราบการแจ้งเตือน", "alert acknowledged"),
    "FlagSnoozed": ("เลื่อนการแจ้งเตือนถึง {until}", "alert snoozed until {until}"),
    "EvidenceAttached": (
        "แนบหลักฐานไฟล์ที่ {number} ({subject}): {name}",
        "evidence file {number} attached ({subject}): {name}",
    ),
    "EvidenceRemoved": ("ถอนหลักฐานไฟล์ที่ {number}", "evidence file {number} removed"),
}


def event_name(event_type: str, lang: str) -> str:
    """A short name of an event type, for filters (the template without its values)."""
    thai, english = EVENT_TEXT.get(event_type, (event_type, event_type))
    return (thai if lang == "th" else english).split(" {")[0].split(" (")[0]

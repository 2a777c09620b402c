"""The help page's words: what each status means, how to record, how corrections work.

Written for the people who use the pages (a unit's staff on a phone, a manager, an
auditor), Thai first. Numbers that the product decides elsewhere are read from their
one home, never retyped: the margin before an activity counts as behind
(:data:`projections.assess.BEHIND_MARGIN`), the scheduler's defaults for the alert
rules (:class:`scheduler.settings.SchedulerSettings`), the names of statuses and
rules (:mod:`domain.words`). Each topic has an anchor the forms link to
(``/help#record``).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.evidence import FILES_PER_RECORD, LIMIT_BYTES, megabytes
from domain.words import Words
from projections.assess import BEHIND_MARGIN
from projections.work_owed import STALE_DAYS
from scheduler.settings import SchedulerSettings

HELP_TEXT: dict[str, tuple[str, str]] = {
    "nav.help": ("คู่มือ", "Help"),
    "help.title": ("คู่มือการใช้งาน", "Help"),
    "help.contents": ("หัวข้อ", "Contents"),
    "help.statuses": ("สถานะของกิจกรรม", "What each status means"),
    "help.statuses_intro": (
        "แต่ละกิจกรรมมีสถานะของงาน (เริ่มแล้ว เสร็จแล้ว) และสถานะเทียบกับแผน ณ วันที่ดู",
        "Each activity has where its work stands and how it stands against the plan "
        "on the day shown.",
    ),
    "help.status": ("สถานะ", "Status"),
    "help.rule": ("กฎ", "Rule"),
    "help.rules": ("กฎการแจ้งเตือน", "Alert rules"),
    "help.meaning": ("ความหมาย", "Meaning"),
    "help.link": ("วิธีใช้แบบฟอร์มนี้", "How this form works"),
}
"""The help page's own headings and the link every form carries (``api.web.i18n`` keys)."""

_DEFAULTS = SchedulerSettings.model_fields
STALLED_DAYS: int = _DEFAULTS["stalled_days"].default
BUDGET_MARGIN: int = _DEFAULTS["budget_margin"].default
REMIND_EVERY_DAYS: int = _DEFAULTS["remind_every_days"].default
REMIND_HOUR: int = _DEFAULTS["remind_hour"].default
REMIND_ESCALATE_AFTER: int = _DEFAULTS["remind_escalate_after"].default


@dataclass(frozen=True, slots=True)
class Topic:
    anchor: str
    title: Words
    paragraphs: tuple[Words, ...]


STATUS_MEANING: dict[str, Words] = {
    "planned": Words("ยังไม่มีการบันทึกว่าเริ่มดำเนินการ", "nobody has recorded that work began"),
    "started": Words(
        "บันทึกเริ่มดำเนินการหรือความก้าวหน้าแล้ว แต่ยังไม่ปิดงาน",
        "work began (a start or progress was recorded) and is not finished",
    ),
    "completed": Words("ปิดงานแล้ว", "the activity was completed"),
    "cancelled": Words(
        "ยกเลิกพร้อมเหตุผล งบประมาณยังนับในตัวเงิน แต่ไม่นับในความก้าวหน้า",
        "cancelled with a reason; its money still counts, its progress does not",
    ),
    "withdrawn": Words(
        "ถอนออกจากแผนโดยเอกสารแก้ไขแผน", "taken out of the plan by a revision document"
    ),
    "not_due": Words("ยังไม่ถึงเดือนแรกที่วางแผนไว้", "the first planned month has not come yet"),
    "on_track": Words(
        f"ความก้าวหน้าไม่ต่ำกว่าที่ควรเป็น ณ วันนั้นเกิน {BEHIND_MARGIN} จุด",
        f"progress is no more than {BEHIND_MARGIN} points below what the day expects",
    ),
    "late_start": Words(
        "สิ้นเดือนแรกที่วางแผนไว้แล้วแต่ยังไม่บันทึกเริ่มดำเนินการ",
        "the first planned month has ended and no start was recorded",
    ),
    "behind": Words(
        f"ความก้าวหน้าต่ำกว่าที่ควรเป็นเกิน {BEHIND_MARGIN} จุด (ที่ควรเป็นคิดตามสัดส่วนวันของเดือนที่วางแผนไว้)",
        f"progress is more than {BEHIND_MARGIN} points below expected "
        "(expected grows day by day over the planned months)",
    ),
    "overdue": Words(
        "สิ้นเดือนสุดท้ายที่วางแผนไว้แล้วแต่ยังไม่ปิดงาน",
        "the last planned month has ended and the activity is not completed",
    ),
    "completed_on_time": Words(
        "ปิดงานภายในเดือนสุดท้ายที่วางแผนไว้", "completed by the end of its last planned month"
    ),
    "completed_late": Words(
        "ปิดงานหลังสิ้นเดือนสุดท้ายที่วางแผนไว้", "completed after its last planned month"
    ),
}
"""What each status of :data:`domain.words.STATUSES` means, in a sentence."""

RULE_MEANING: dict[str, Words] = {
    "late_start": STATUS_MEANING["late_start"],
    "step_overdue": Words(
        "สิ้นเดือนสุดท้ายของขั้นตอนแล้วแต่ยังไม่บันทึกว่าขั้นตอนเสร็จ",
        "a step's last planned month has ended and the step is not recorded done",
    ),
    "overdue": STATUS_MEANING["overdue"],
    "stalled": Words(
        f"อยู่ในช่วงเดือนที่วางแผนไว้ เริ่มแล้ว แต่ไม่มีการบันทึกความก้าวหน้าเกิน {STALLED_DAYS} วัน",
        f"within its planned months, started, and no progress recorded for over "
        f"{STALLED_DAYS} days",
    ),
    "over_budget_risk": Words(
        f"เบิกจ่ายเร็วกว่าที่ควรเป็นตามเดือนที่วางแผนไว้เกิน {BUDGET_MARGIN} จุด",
        f"spending runs more than {BUDGET_MARGIN} points ahead of the planned months' share",
    ),
}
"""What each alert rule of :data:`domain.words.RULES` means (the office may tune the
numbers: ``TIDTAM_STALLED_DAYS``, ``TIDTAM_BUDGET_MARGIN``)."""

TOPICS: tuple[Topic, ...] = (
    Topic(
        "record",
        Words("วิธีบันทึกผลการดำเนินงาน", "How to record work"),
        (
            Words(
                "เจ้าหน้าที่ของหน่วยดำเนินการบันทึกได้เฉพาะกิจกรรมของหน่วยตน "
                "ผู้บริหารบันทึกได้ทุกกิจกรรม เปิดกิจกรรมจากแผน แล้วเลือกแบบฟอร์มที่ต้องการ",
                "A unit's staff record the activities of their own units, managers any "
                "activity: open the activity from the plan and pick the form.",
            ),
            Words(
                "ความก้าวหน้าเป็นร้อยละของงานทั้งกิจกรรม (0 ถึง 100) ไม่ใช่ของเดือนนั้น "
                "การเบิกจ่ายบันทึกพร้อมเลขที่ฎีกาหรือใบสำคัญ และรวมกันเกินงบที่จัดสรรไม่ได้ "
                "สัญญาหรือใบสั่งซื้อบันทึกเป็นการก่อหนี้ผูกพัน แล้วจึงเบิกจ่ายตามสัญญานั้น",
                "Progress is a percentage of the whole activity (0 to 100), not of the "
                "month. Spending is recorded with its voucher number and may not exceed "
                "the allocation; a contract or order is a commitment, paid against later.",
            ),
            Words(
                "วันที่ดำเนินการคือวันที่งานเกิดขึ้นจริง ไม่ใช่วันที่บันทึก เขียนเป็น วัน/เดือน/ปี พ.ศ. "
                "เช่น 30/09/2552 บันทึกย้อนหลังได้ ระบบเก็บทั้งสองวันและทำเครื่องหมายว่าบันทึกย้อนหลัง "
                "แบบฟอร์มใส่วันนี้ให้เมื่อวันนี้อยู่ในปีงบประมาณของแผน (1 ต.ค. ถึง 30 ก.ย.) "
                "ถ้าไม่อยู่ แบบฟอร์มจะเว้นว่างและขอให้ระบุวันที่เอง",
                "The business date is the day the work happened, not the day you record "
                "it: write day/month/BE year, e.g. 30/09/2552. Late entries are welcome; "
                "both dates are kept and the entry is marked late. The form fills in "
                "today only when today lies in the plan's fiscal year (1 Oct to 30 Sep); "
                "otherwise it is left blank and you are asked for the date.",
            ),
            Words(
                "หลักฐานอ้างอิงคือเลขที่เอกสารหรือที่อยู่ของรูปภาพที่ยืนยันผลงาน "
                "ทุกการบันทึกมีชื่อผู้บันทึกและเวลาที่บันทึกกำกับไว้เสมอ",
                "Evidence is the number of a document or where a photo is kept. Every "
                "entry carries who recorded it and when.",
            ),
            Words(
                "แนบภาพถ่ายหรือไฟล์ PDF (JPEG, PNG, WebP, HEIC, PDF) ไปกับความก้าวหน้า ขั้นตอน "
                f"การเบิกจ่าย ผลผลิต หรือการปิดงานได้ ไม่เกิน {FILES_PER_RECORD} ไฟล์ "
                f"ไฟล์ละไม่เกิน {megabytes(LIMIT_BYTES)} (ค่าเริ่มต้น) ระบบตรวจชนิดไฟล์จากเนื้อหา "
                "ไม่ใช่จากชื่อ ไฟล์ที่แนบผิดให้ถอนพร้อมเหตุผล ไฟล์ยังอยู่ในประวัติ",
                "Photos or PDFs (JPEG, PNG, WebP, HEIC, PDF) go with progress, a step, "
                f"spending, a delivery or the completion: up to {FILES_PER_RECORD}, each at "
                f"most {megabytes(LIMIT_BYTES)} (by default), judged by their content, not "
                "their names. A file attached in error is removed with a reason; it stays "
                "in the history.",
            ),
        ),
    ),
    Topic(
        "corrections",
        Words("การแก้ไขข้อมูล", "How corrections work"),
        (
            Words(
                "ไม่มีการลบหรือเขียนทับสิ่งที่บันทึกไว้ การแก้ไขคือการบันทึกใหม่พร้อมเหตุผล "
                "ค่าเดิมยังอยู่ในประวัติของกิจกรรม ผู้ตรวจสอบจึงเห็นได้ว่าใครแก้อะไร เมื่อใด และเพราะอะไร",
                "Nothing recorded is deleted or overwritten: a correction is a new entry "
                "with a reason, and the old value stays in the activity's history, so an "
                "auditor sees who changed what, when and why.",
            ),
            Words(
                "บันทึกความก้าวหน้าต่ำกว่าครั้งล่าสุดได้เมื่อระบุเหตุผล "
                "วันเริ่มหรือวันเสร็จที่ผิดแก้ได้ด้วยแบบฟอร์มแก้ไขวันที่ "
                "รายการเบิกจ่ายหรือการก่อหนี้ที่ผิดแก้เป็นจำนวนที่ถูกต้องได้ (0 คือยกเลิกรายการ) "
                "ผลผลิตที่ส่งมอบแก้เป็นจำนวนที่ถูกต้องได้เช่นกัน "
                "กิจกรรมที่ปิดหรือยกเลิกโดยไม่ถูกต้อง ผู้บริหารเปิดใหม่ได้พร้อมเหตุผล",
                "Progress lower than the last entry needs a reason. A wrong start or "
                "completion date has its own correction form. A wrong spending or "
                "commitment entry is corrected to the right amount (0 voids it), a "
                "delivery to the right quantity. An activity closed or cancelled by "
                "mistake is reopened by a manager, with a reason.",
            ),
            Words(
                "ถ้ามีผู้อื่นบันทึกกิจกรรมเดียวกันหลังจากที่ท่านเปิดแบบฟอร์ม ระบบจะไม่บันทึก "
                "แต่จะแสดงข้อมูลล่าสุดให้ดูก่อน โดยเก็บสิ่งที่ท่านพิมพ์ไว้ให้ส่งใหม่ได้",
                "If someone else recorded the same activity after you opened the form, "
                "your entry is refused and the newer facts are shown, with what you typed "
                "kept so you can send it again.",
            ),
        ),
    ),
    Topic(
        "manage",
        Words("งานของผู้บริหาร", "For managers"),
        (
            Words(
                "ผู้บริหารเลื่อนกำหนดการ (เลือกเดือนใหม่) ปรับงบประมาณที่จัดสรร ยกเลิกกิจกรรมหรือโครงการ "
                "และกำหนดผลผลิตที่วางแผนไว้ ทุกครั้งต้องระบุเหตุผล ซึ่งแสดงในประวัติและรายงาน "
                "การเปลี่ยนแผนทั้งฉบับใช้เอกสารแก้ไขแผน (แก้ไขครั้งที่ …) ที่หน้านำเข้าแผน",
                "Managers reschedule (pick the new months), revise allocations, cancel "
                "activities or projects and set the planned output, each with a reason "
                "that shows in the history and the reports. Changing the plan as a whole "
                "is a revision document (แก้ไขครั้งที่ …), recorded on the import page.",
            ),
        ),
    ),
    Topic(
        "import",
        Words("การนำเข้าแผนและเอกสารแก้ไขแผน", "Importing a plan and its revisions"),
        (
            Words(
                "ผู้ดูแลระบบนำเข้าแผนดำเนินงานจากไฟล์ข้อความ CSV หรือ Excel ระบบแสดงสิ่งที่จะบันทึก "
                "(หมวด โครงการ กิจกรรม งบประมาณ และแผนตามที่หน้าแผนจะแสดง) ให้ตรวจก่อน "
                "และไม่บันทึกสิ่งใดจนกว่าจะกดยืนยัน ไฟล์ที่อ่านไม่ได้แน่ชัดจะถูกปฏิเสธทั้งไฟล์ "
                "พร้อมบอกกฎ แถว และคอลัมน์ที่ผิด เอกสารแก้ไขแผนบันทึกเป็นการแก้ไขครั้งที่ … ของแผนเดิม",
                "An admin imports the action plan from a text, CSV or Excel file. What it "
                "would record (sections, projects, activities, budgets, the plan as its page "
                "will draw it) is shown first, and nothing is recorded until you confirm. "
                "A file that cannot be read with certainty is refused whole, naming the "
                "rule, the row and the column. A revision document is recorded as "
                "revision number … of the plan it revises.",
            ),
        ),
    ),
    Topic(
        "alerts",
        Words("การแจ้งเตือนงานล่าช้า", "Alerts of late work"),
        (
            Words(
                "ระบบตรวจงานล่าช้าทุกคืนตามกฎในตารางด้านล่าง และส่งสรุปให้ผู้บริหารทุกเช้า "
                "ผู้บริหารกดรับทราบ (พร้อมหมายเหตุ) หรือเลื่อนการแจ้งเตือนไปถึงวันที่กำหนด "
                "การแจ้งเตือนหายไปเองเมื่องานคืบหน้าตามกฎแล้ว เช่น เริ่มงานหรือปิดงาน",
                "Every night late work is looked for under the rules below, and managers "
                "get a digest each morning. A manager acknowledges a flag (with a note) or "
                "snoozes it to a date; a flag resolves itself once the work catches up "
                "(started, step done, completed).",
            ),
        ),
    ),
    Topic(
        "my-work",
        Words("งานของฉันและการเตือน", "My work and reminders"),
        (
            Words(
                "หน้างานของฉันแสดงกิจกรรมของหน่วยงานตนที่ถึงกำหนดในเดือนนี้ ล่าช้า "
                f"หรือไม่ได้บันทึกผลมา {STALE_DAYS} วันขึ้นไป พร้อมแบบฟอร์มบันทึกความก้าวหน้าในตัว "
                "ความก้าวหน้าที่ใส่ไว้ให้คือค่าล่าสุด กดบันทึกได้ทันทีเพื่อยืนยันว่างานยังอยู่ที่เดิม "
                "ผู้บริหารเห็นงานของทุกหน่วยงาน",
                "My work lists your units' activities that fall due this month, are late, "
                f"or have had nothing recorded for {STALE_DAYS} days or more, each with a "
                "progress form at hand, filled in with the latest figure so one tap confirms "
                "the work still stands there; managers see every unit's.",
            ),
            Words(
                f"ตั้งแต่ {REMIND_HOUR:02d}:00 น. ระบบส่งอีเมลเตือนเจ้าหน้าที่ของหน่วยงานเรื่องกิจกรรมนั้น "
                f"ทุก {REMIND_EVERY_DAYS} วันจนกว่าจะมีการบันทึกผล "
                f"เมื่อเตือนครบ {REMIND_ESCALATE_AFTER} ครั้งโดยยังไม่มีการบันทึก "
                "ระบบแจ้งผู้บริหารของหน่วยงานด้วย ทุกการเตือนถูกบันทึกไว้ให้ผู้ตรวจสอบดูได้",
                f"From {REMIND_HOUR:02d}:00 the unit's staff are e-mailed about such an "
                f"activity every {REMIND_EVERY_DAYS} days until something is recorded; "
                f"after {REMIND_ESCALATE_AFTER} reminders with nothing recorded the unit's "
                "managers are told too. Every reminder is recorded for the auditors.",
            ),
        ),
    ),
    Topic(
        "people",
        Words("ผู้ใช้งานและสิทธิ์", "People and what they may do"),
        (
            Words(
                "ผู้ดูแลระบบเพิ่มผู้ใช้ กำหนดบทบาท (เจ้าหน้าที่ ผู้บริหาร ผู้ตรวจสอบ ผู้ดูแลระบบ) "
                "และหน่วยงานของเจ้าหน้าที่ ตั้งรหัสผ่าน ออกและยกเลิกโทเคนสำหรับระบบอื่น "
                "โทเคนแสดงเพียงครั้งเดียวเมื่อออก ระบบเก็บไว้เพียงค่าแฮช จึงเรียกดูซ้ำไม่ได้ "
                "การปิดการใช้งานต้องระบุเหตุผล และทุกการเปลี่ยนแปลงบันทึกไว้ว่าใครทำเมื่อใด "
                "ผู้ดูแลระบบปิดการใช้งานตนเองหรือถอนบทบาทผู้ดูแลของตนเองไม่ได้",
                "An admin adds people, gives them roles (staff, manager, auditor, admin) "
                "and staff their units, sets passwords, and issues and revokes tokens for "
                "other systems. A token is shown once, when issued: only its hash is kept, "
                "so it cannot be shown again. Disabling someone takes a reason, and every "
                "change records who made it and when. Admins cannot disable themselves or "
                "withdraw their own admin role.",
            ),
        ),
    ),
    Topic(
        "public",
        Words("หน้าเผยแพร่ต่อสาธารณะ", "The public page"),
        (
            Words(
                "ผู้ดูแลระบบเลือกเผยแพร่แผนได้จากหน้าแผน ประชาชนเปิดดูความก้าวหน้าและการเบิกจ่าย "
                "รายยุทธศาสตร์และรายโครงการได้โดยไม่ต้องเข้าสู่ระบบ "
                "หน้านี้ไม่แสดงชื่อบุคคลและหมายเหตุใด ๆ การยกเลิกการเผยแพร่ต้องระบุเหตุผล",
                "An admin publishes a plan from its page: anyone can then read its "
                "progress and money by strategy and project without signing in. The page "
                "shows no one's name and no notes; withdrawing it takes a reason.",
            ),
        ),
    ),
    Topic(
        "history",
        Words("ย้อนดูข้อมูลและบันทึกเหตุการณ์", "The past and the event feed"),
        (
            Words(
                "ผู้บริหารและผู้ตรวจสอบเลือกวันและเวลาในอดีต แล้วดูทุกหน้าตามที่ระบบรู้ ณ เวลานั้น "
                "หรือเปรียบเทียบสองช่วงเวลาว่าอะไรเปลี่ยนไป บันทึกเหตุการณ์แสดงทุกการบันทึกตามลำดับ "
                "ค้นตามหน่วยงาน รหัส ผู้บันทึก ช่วงวันที่ และดาวน์โหลดเป็น CSV เปิดด้วย Excel ได้",
                "Managers and auditors pick a past instant and see every page as it was "
                "known then, or compare two instants. The event feed lists every entry in "
                "order, filtered by unit, code, who and dates, and downloads as CSV for Excel.",
            ),
        ),
    ),
    Topic(
        "overview",
        Words("ภาพรวมหลายองค์กรสำหรับผู้กำกับดูแล", "The overview across organisations"),
        (
            Words(
                "ผู้กำกับดูแล (เช่น จังหวัด) เห็นทุกองค์กรที่ตนกำกับดูแลในตารางเดียว: จำนวนโครงการตามสถานะ "
                "จำนวนกิจกรรมและกิจกรรมที่ล่าช้า ความก้าวหน้าเทียบกับที่ควรเป็น งบตามแผน งบที่จัดสรร "
                "และการเบิกจ่าย พร้อมรอบรายงานที่ยื่นแล้วและที่ยังค้าง แยกรายยุทธศาสตร์ของแต่ละองค์กร "
                "และรวมทั้งจังหวัด ความก้าวหน้ารวมถ่วงน้ำหนักด้วยงบที่จัดสรร เช่นเดียวกับหน้าแผนเทียบผล "
                "องค์กรที่ยังไม่มีแผนของปีงบประมาณนั้นแสดงไว้ด้วยเสมอ",
                "An overseer (a province, say) sees every organisation they oversee in one "
                "table: projects by where they stand, activities and those late, progress "
                "against expected, money planned, allocated and disbursed, and the reporting "
                "rounds filed and still owed; each organisation by strategy, and the province "
                "in total. Progress in total is weighted by allocation, as on the plan "
                "versus actual page. An organisation with no plan for the year is listed "
                "all the same.",
            ),
            Words(
                "เลือกปีงบประมาณและวันที่ที่ต้องการดูสถานะ (วัน/เดือน/ปี พ.ศ.) "
                "หรือระบุวันและเวลาในอดีตเพื่อดูตามที่ระบบรู้ ณ ขณะนั้น เช่น ก่อนมีการบันทึกย้อนหลัง "
                "จากตารางเปิดแผนของแต่ละองค์กรเพื่อดูรายละเอียดได้ ผู้กำกับดูแลดูได้อย่างเดียว ไม่บันทึกสิ่งใด",
                "Pick the fiscal year and the day to assess on (day/month/BE year), or a "
                "past date and time to see what was known then, before a late entry say. "
                "Each organisation's plan opens from the table for the detail. Overseers "
                "read; they record nothing.",
            ),
        ),
    ),
    Topic(
        "reports",
        Words("รายงานผลการติดตาม", "Monitoring reports"),
        (
            Words(
                "ตามระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น "
                "ผลการติดตามต้องรายงานต่อผู้บริหารท้องถิ่นและสภาท้องถิ่นอย่างน้อยปีละครั้ง "
                "(โดยทั่วไปรอบหกเดือนในเดือนเมษายน และรอบปีในเดือนตุลาคม) และประกาศให้ประชาชนทราบ "
                "รายงานที่ยื่นแล้วสร้างซ้ำได้ตรงตามที่ยื่นทุกตัวอักษร และตรวจสอบได้ว่าไม่มีการแก้ไขภายหลัง",
                "Under the Ministry of Interior's regulation on local development plans, "
                "monitoring results go to the executive and the council at least once a "
                "year (usually a six-month round in April and the year in October) and "
                "are published. A filed report is drawn again exactly as filed, and can "
                "be checked never to have been edited.",
            ),
        ),
    ),
)


def topic_anchors() -> frozenset[str]:
    return frozenset(t.anchor for t in TOPICS) | {"statuses"}

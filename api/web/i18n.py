"""Words on the pages, in Thai and English, and how people read dates, months and money.

Pages are Thai by default: staff read Buddhist-era dates (``31 ม.ค. 2552``) and
Thai month abbreviations, as in the published plan. English is a switch, for
advisers and auditors from outside. Messages about rules come from the domain's
own catalogue (``error.message(lang)``), so a refusal reads the same in the CLI,
the API and here; this catalogue holds only what pages add around them. What
each kind of event says on a timeline is in :mod:`api.web.event_texts`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from api.web.day_texts import DAY_TEXT
from api.web.evidence_texts import EVIDENCE_TEXT
from api.web.help_texts import HELP_TEXT
from api.web.import_texts import IMPORT_TEXT
from api.web.money_texts import MONEY_TEXT
from api.web.overview_texts import OVERVIEW_TEXT
from api.web.people_texts import PEOPLE_TEXT
from api.web.public_texts import PUBLIC_TEXT
from api.web.report_texts import REPORT_TEXT
from api.web.search_texts import SEARCH_TEXT
from api.web.work_texts import WORK_TEXT
from domain.calendar import (
    ENGLISH_MONTH_ABBREVIATIONS,
    THAI_MONTH_ABBREVIATIONS,
    Month,
    be_year,
    thai_date,
)
from domain.clock import BANGKOK
from domain.money import format_baht
from domain.words import STATUSES

LANGUAGES = ("th", "en")

# key → (Thai, English); values are filled with str.format.
TEXT: dict[str, tuple[str, str]] = {
    "app.name": ("ติดตาม", "Tidtam"),
    "app.tagline": ("ติดตามผลการดำเนินงานตามแผน", "Action plan follow-up"),
    "nav.plans": ("แผนดำเนินงาน", "Plans"),
    "nav.plan": ("แผน", "Plan"),
    "nav.vs_actual": ("แผนเทียบผล", "Plan vs actual"),
    "nav.history": ("ประวัติ", "History"),
    "nav.events": ("บันทึกเหตุการณ์", "Event feed"),
    "nav.alerts": ("การแจ้งเตือน", "Alerts"),
    "nav.import": ("นำเข้าแผน", "Import a plan"),
    "nav.skip": ("ข้ามไปยังเนื้อหา", "Skip to content"),
    "nav.main": ("เมนูหลัก", "Main menu"),
    "lang.switch": ("English", "ภาษาไทย"),
    "lang.switch_label": ("Switch to English", "เปลี่ยนเป็นภาษาไทย"),
    "who.signed_in_as": ("ผู้ใช้: {name}", "Signed in as {name}"),
    "role.staff": ("เจ้าหน้าที่", "staff"),
    "role.manager": ("ผู้บริหาร/หัวหน้า", "manager"),
    "role.auditor": ("ผู้ตรวจสอบ", "auditor"),
    "role.admin": ("ผู้ดูแลระบบ", "admin"),
    "role.overseer": ("ผู้กำกับดูแล (จังหวัด)", "overseer (province)"),
    # signing in
    "sign_in.title": ("เข้าสู่ระบบ", "Sign in"),
    "sign_in.username": ("ชื่อผู้ใช้", "User name"),
    "sign_in.password": ("รหัสผ่าน", "Password"),
    "sign_in.submit": ("เข้าสู่ระบบ", "Sign in"),
    "sign_in.intro": (
        "สำหรับเจ้าหน้าที่ ผู้บริหาร และผู้ตรวจสอบของเทศบาล",
        "For the municipality's staff, managers and auditors",
    ),
    "sign_out": ("ออกจากระบบ", "Sign out"),
    "signed_out": ("ออกจากระบบแล้ว", "You have signed out"),
    # time travel
    "as_of.banner": (
        "กำลังแสดงข้อมูลตามที่บันทึกไว้ ณ {instant} — ไม่รวมสิ่งที่บันทึกหลังจากนั้น",
        "Showing the record as it was known at {instant} — nothing recorded later is included",
    ),
    "as_of.back": ("กลับสู่ข้อมูลปัจจุบัน", "Back to the present"),
    "as_of.change": ("เปลี่ยนเวลา", "Change the instant"),
    "as_of.read_only": (
        "ข้อมูลย้อนหลังอ่านได้อย่างเดียว บันทึกได้เฉพาะข้อมูลปัจจุบัน",
        "The past is read-only: record on the present page",
    ),
    "data_on": ("ข้อมูล ณ วันที่ {day}", "As of {day}"),
    # plans
    "plans.title": ("แผนดำเนินงาน", "Action plans"),
    "plans.none": ("ยังไม่มีแผนในระบบ", "No plan has been imported yet"),
    "plan.heading": (
        "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. {year}",
        "Action plan, fiscal year {year} (BE)",
    ),
    "plan.objective": ("วัตถุประสงค์", "Objective"),
    "plan.filters": ("กรองรายการ", "Filter"),
    "plan.filter_unit": ("หน่วยดำเนินการ", "Responsible unit"),
    "plan.filter_status": ("สถานะ", "Status"),
    "plan.filter_scope": ("ยุทธศาสตร์/หมวด", "Strategy or section"),
    "plan.all": ("ทั้งหมด", "All"),
    "plan.apply": ("แสดง", "Show"),
    "plan.clear": ("ล้างตัวกรอง", "Clear filters"),
    "plan.filtered": ("แสดงเฉพาะรายการตามตัวกรอง", "Showing only what matches the filters"),
    "plan.nothing": ("ไม่มีกิจกรรมตามตัวกรองนี้", "No activity matches these filters"),
    "plan.scroll_hint": (
        "ตารางกว้าง เลื่อนไปทางขวาเพื่อดูเดือนทั้งหมด",
        "The table is wide: scroll sideways to see every month",
    ),
    "plan.caption": (
        "แผนดำเนินงาน: โครงการ กิจกรรม ขั้นตอน งบประมาณ และเดือนที่วางแผนไว้",
        "The plan: projects, activities, steps, budgets and planned months",
    ),
    "col.no": ("ลำดับที่", "No."),
    "col.activity": ("โครงการ/กิจกรรม", "Project / activity"),
    "col.details": ("รายละเอียดของกิจกรรม (ผลผลิต)", "Details (outputs)"),
    "col.budget": ("งบประมาณ (บาท)", "Budget (baht)"),
    "col.area": ("พื้นที่", "Area"),
    "col.unit": ("หน่วยดำเนินการ", "Responsible unit"),
    "col.spent": ("ใช้ไป (บาท)", "Spent (baht)"),
    "col.status": ("สถานะ", "Status"),
    "col.year": ("พ.ศ. {be}", "{ce} (BE {be})"),
    "total": ("รวม", "Total"),
    "unit.baht": ("บาท", "baht"),
    "total.filtered": ("รวม (ตามตัวกรอง)", "Total (filtered)"),
    "budget.original": ("เดิม {amount}", "was {amount}"),
    "progress.of_expected": (
        "ผล {progress}% · แผน {expected}%",
        "{progress}% done · {expected}% due",
    ),
    "step.done_on": ("เสร็จ {day}", "done {day}"),
    "legend.title": ("คำอธิบายสัญลักษณ์", "Legend"),
    "legend.planned": ("วางแผนไว้", "planned"),
    "legend.both": ("วางแผนไว้และมีการดำเนินงาน", "planned, work recorded"),
    "legend.worked": ("ดำเนินงานนอกเดือนที่วางแผน", "work outside the planned months"),
    "legend.current": ("เดือนปัจจุบัน", "current month"),
    "legend.statuses": ("สถานะ", "Statuses"),
    "cell.planned": ("วางแผนไว้", "planned"),
    "cell.both": ("วางแผนไว้ มีการดำเนินงาน", "planned, worked"),
    "cell.worked": ("มีการดำเนินงาน (นอกแผน)", "worked (not planned)"),
    "cell.done": ("ขั้นตอนเสร็จ", "step done"),
    # plan versus actual
    "pva.title": ("แผนเทียบผลการดำเนินงาน", "Plan versus actual"),
    "pva.late": ("ล่าช้าและเกินกำหนด", "Late and overdue"),
    "pva.no_late": ("ไม่มีกิจกรรมที่ล่าช้าหรือเกินกำหนด", "Nothing is late or overdue"),
    "pva.days_late": ("ช้า (วัน)", "Days late"),
    "pva.summary": ("ภาพรวมทั้งแผน", "The whole plan"),
    "pva.progress": ("ความก้าวหน้า", "Progress"),
    "pva.expected": ("ตามแผน", "Expected"),
    "pva.actual": ("ผลจริง", "Actual"),
    "pva.allocated": ("งบประมาณจัดสรร", "Allocated"),
    "pva.spent": ("เบิกจ่ายแล้ว", "Spent"),
    "pva.remaining": ("คงเหลือ", "Remaining"),
    "pva.disbursed": ("ร้อยละการเบิกจ่าย", "Disbursed"),
    "pva.activities": ("กิจกรรม", "Activities"),
    "pva.by_project": ("รายโครงการ", "By project"),
    "pva.by_unit": ("รายหน่วยดำเนินการ", "By responsible unit"),
    "pva.rows": ("ทุกกิจกรรม", "Every activity"),
    "pva.project": ("โครงการ", "Project"),
    "pva.progress_vs": ("ผล/แผน (%)", "Done/due (%)"),
    "pva.late_count": ("ล่าช้า", "Late"),
    "chart.bars": (
        "ความก้าวหน้าและการเบิกจ่ายรายโครงการ",
        "Progress and disbursement by project",
    ),
    "chart.bars_desc": (
        "แท่งสีเข้ม: ความก้าวหน้าจริง เส้นตั้ง: ความก้าวหน้าตามแผน แท่งล่าง: ร้อยละการเบิกจ่าย",
        "Dark bar: progress done; tick: progress due; lower bar: share of allocation spent",
    ),
    "chart.scurve_progress": ("ความก้าวหน้าสะสม (S-curve)", "Cumulative progress (S-curve)"),
    "chart.scurve_spending": ("การเบิกจ่ายสะสม", "Cumulative spending"),
    "chart.scurve_desc": (
        "เส้นประ: ตามแผน เส้นทึบ: ผลจริง ณ สิ้นแต่ละเดือน (ร้อยละ)",
        "Dashed: planned; solid: actual, at each month end (percent)",
    ),
    "chart.planned": ("ตามแผน", "Planned"),
    "chart.actual": ("ผลจริง", "Actual"),
    "chart.today": ("วันนี้", "Today"),
    "chart.data": ("ตัวเลขของกราฟ", "The figures behind the chart"),
    "chart.month": ("สิ้นเดือน", "Month end"),
    "chart.spending_planned": ("เบิกจ่ายตามแผน", "Planned spending"),
    "chart.spending_actual": ("เบิกจ่ายจริง", "Actual spending"),
    # activity
    "act.project": ("โครงการ", "Project"),
    "act.area": ("พื้นที่", "Area"),
    "act.unit": ("หน่วยดำเนินการ", "Responsible unit"),
    "act.details": ("รายละเอียด", "Details"),
    "act.months": ("เดือนที่วางแผน", "Planned months"),
    "act.original_months": ("แผนเดิม", "Originally"),
    "act.started": ("เริ่มดำเนินการ", "Started"),
    "act.ended": ("ปิดงาน", "Closed"),
    "act.not_yet": ("ยังไม่มี", "not yet"),
    "act.allocation": ("งบประมาณจัดสรร", "Allocation"),
    "act.original_allocation": ("งบประมาณเดิม", "Original allocation"),
    "act.version": ("ฉบับที่", "Version"),
    "act.steps": ("ขั้นตอนการดำเนินงาน", "Steps"),
    "act.step_open": ("ยังไม่เสร็จ", "open"),
    "act.timeline": ("ลำดับเหตุการณ์", "Timeline"),
    "act.timeline_none": ("ยังไม่มีเหตุการณ์", "No events yet"),
    "act.record": ("บันทึกผลการดำเนินงาน", "Record work"),
    "act.manage": ("การจัดการ (หัวหน้า)", "Manage (managers)"),
    "act.no_forms": (
        "คุณดูกิจกรรมนี้ได้ แต่ไม่มีสิทธิ์บันทึก (บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง)",
        "You may read this activity but not record on it (staff record on their own units only)",
    ),
    "act.closed": (
        "กิจกรรมนี้ปิดงานแล้ว (เสร็จสิ้นหรือยกเลิก) หากบันทึกผิด หัวหน้าเปิดกิจกรรมใหม่ได้",
        "This activity is closed (completed or cancelled); if that was a mistake, "
        "a manager may reopen it",
    ),
    "act.read_only": (
        "บทบาทของคุณดูข้อมูลได้ แต่ไม่บันทึกผลการดำเนินงาน",
        "Your role reads the record; it does not record work",
    ),
    "act.month_grid": ("เดือนตามแผนและเดือนที่ดำเนินงาน", "Planned and worked months"),
    "ev.who": ("ผู้บันทึก", "Recorded by"),
    "ev.on": ("วันที่ดำเนินการ", "Business date"),
    "ev.recorded": ("เวลาบันทึก", "Recorded at"),
    "ev.late": ("บันทึกย้อนหลัง", "late entry"),
    "ev.late_title": (
        "วันที่ดำเนินการอยู่ในเดือนก่อนวันที่บันทึก",
        "The business date falls in an earlier month than the recording",
    ),
    "ev.new": ("ใหม่", "new"),
    # forms
    "form.occurred_on": ("วันที่ดำเนินการ", "Business date"),
    "form.occurred_on_hint": (
        "วว/ดด/ปปปป (พ.ศ.) เช่น {example}",
        "YYYY-MM-DD or DD/MM/YYYY (BE), e.g. {example}",
    ),
    "form.note": ("หมายเหตุ", "Note"),
    "form.reason": ("เหตุผล", "Reason"),
    "form.percent": ("ความก้าวหน้า (ร้อยละ 0–100)", "Progress (percent, 0–100)"),
    "form.evidence": ("หลักฐานอ้างอิง (เลขที่เอกสาร/ลิงก์รูปภาพ)", "Evidence (document no., photo link)"),
    "form.correction": (
        "เหตุผลการแก้ไข (กรอกเมื่อตัวเลขต่ำกว่าเดิม)",
        "Reason for a correction (only when the figure is lower than before)",
    ),
    "form.amount": ("จำนวนเงิน (บาท)", "Amount (baht)"),
    "form.reference": ("เลขที่ฎีกา/ใบสำคัญ", "Voucher reference"),
    "form.step": ("ขั้นตอนที่", "Step"),
    "form.months": ("เดือนที่วางแผนใหม่", "New planned months"),
    "form.new_amount": ("งบประมาณใหม่ (บาท)", "New allocation (baht)"),
    "form.required": ("(จำเป็น)", "(required)"),
    "form.start": ("เริ่มดำเนินการ", "Start"),
    "form.correct_start": ("แก้ไขวันเริ่มดำเนินการ", "Correct the start date"),
    "form.true_start": ("วันที่เริ่มดำเนินการจริง", "The day work truly began"),
    "form.correct_completion": ("แก้ไขวันที่เสร็จสิ้น", "Correct the completion date"),
    "form.true_completion": ("วันที่เสร็จสิ้นจริง", "The day it was truly finished"),
    "form.progress": ("บันทึกความก้าวหน้า", "Record progress"),
    "form.spend": ("บันทึกการเบิกจ่าย", "Record spending"),
    "form.step_done": ("บันทึกขั้นตอนที่เสร็จ", "Complete a step"),
    "form.complete": ("ปิดงาน (เสร็จสิ้น)", "Complete the activity"),
    "form.cancel": ("ยกเลิกกิจกรรม", "Cancel the activity"),
    "form.reopen": ("เปิดกิจกรรมใหม่", "Reopen the activity"),
    "form.correct_spending": ("แก้ไขรายการเบิกจ่าย", "Correct a spending entry"),
    "form.entry": ("รายการเบิกจ่าย", "Spending entry"),
    "form.corrected_amount": (
        "จำนวนเงินที่ถูกต้อง (บาท, 0 = ยกเลิกรายการ)",
        "Correct amount (baht; 0 voids it)",
    ),
    "form.reschedule": ("เลื่อนกำหนดการ", "Reschedule"),
    "form.budget": ("ปรับงบประมาณ", "Revise the allocation"),
    "form.save": ("บันทึก", "Save"),
    "form.problem": ("บันทึกไม่สำเร็จ", "Not recorded"),
    "proj.heading": ("โครงการ {code}", "Project {code}"),
    "proj.budget": ("งบประมาณโครงการ", "Project budget"),
    "proj.held": ("จัดสรรให้กิจกรรมแล้ว", "Allocated to activities"),
    "proj.free": ("ยังไม่ได้จัดสรร", "Not yet allocated"),
    "proj.activities": ("กิจกรรมในโครงการ", "The project's activities"),
    "proj.revisions": ("การปรับงบประมาณโครงการ", "Budget revisions"),
    "proj.no_revisions": ("ยังไม่เคยปรับงบประมาณ", "The budget has not been revised"),
    "proj.all_events": (
        "ประวัติการบันทึกทั้งหมดของโครงการและกิจกรรม",
        "Every event of the project and its activities",
    ),
    "proj.day": ("วันที่", "Date"),
    "proj.by": ("ผู้บันทึก", "Recorded by"),
    "proj.cancelled": (
        "ยกเลิกโครงการเมื่อ {day} กิจกรรมในโครงการจะไม่มีการแจ้งเตือนอีก",
        "Cancelled on {day}: its activities raise no more alerts",
    ),
    "proj.manage": ("การจัดการโครงการ (หัวหน้า)", "Manage the project (managers)"),
    "proj.read_only": (
        "หัวหน้าเป็นผู้ปรับงบประมาณหรือยกเลิกโครงการ",
        "Managers revise a project's budget or cancel it",
    ),
    "proj.conflict_title": ("มีผู้อื่นบันทึกโครงการนี้ก่อนคุณ", "Someone changed this project first"),
    "proj.conflict_body": (
        "แบบฟอร์มนี้สร้างจากข้อมูลโครงการฉบับที่ {expected} แต่ขณะนี้เป็นฉบับที่ {current} "
        "(มีการปรับงบประมาณโครงการ หรือจัดสรรงบให้กิจกรรม) หน้านี้แสดงตัวเลขล่าสุดแล้ว "
        "สิ่งที่คุณกรอกยังอยู่ในแบบฟอร์ม ตรวจสอบแล้วกดบันทึกอีกครั้งหากยังต้องการ",
        "This form was made from version {expected} of the project; it is now at version"
        " {current} (its budget was revised, or an activity's allocation changed). The page"
        " shows the newer figures. What you typed is still in the form: check it, and save"
        " again if it still holds.",
    ),
    "form.project_budget": ("ปรับงบประมาณโครงการ", "Revise the project budget"),
    "form.new_project_budget": ("งบประมาณโครงการใหม่ (บาท)", "New project budget (baht)"),
    "form.project_cancel": ("ยกเลิกโครงการ", "Cancel the project"),
    "done.project_budget": ("ปรับงบประมาณโครงการ {code} แล้ว", "Project {code}: budget revised"),
    "done.project_cancel": ("ยกเลิกโครงการ {code} แล้ว", "Project {code} cancelled"),
    "done.import": ("นำเข้าแผนของ{code}แล้ว", "Plan of {code} imported"),
    "done.import_revision": ("บันทึกการแก้ไขแผนครั้งที่ {code} แล้ว", "Plan revision {code} recorded"),
    "conflict.title": ("มีผู้อื่นบันทึกกิจกรรมนี้ก่อนคุณ", "Someone recorded on this activity first"),
    "conflict.body": (
        "แบบฟอร์มนี้สร้างจากข้อมูลฉบับที่ {expected} แต่ขณะนี้เป็นฉบับที่ {current} "
        "หน้านี้แสดงข้อมูลล่าสุดแล้ว (รายการที่ทำเครื่องหมาย “ใหม่”) "
        "สิ่งที่คุณกรอกยังอยู่ในแบบฟอร์ม ตรวจสอบแล้วกดบันทึกอีกครั้งหากยังต้องการ",
        "This form was made from version {expected}; the activity is now at version {current}. "
        "The page shows the newer state (entries marked “new”). What you typed is still in "
        "the form: check it, and save again if it still holds.",
    ),
    # flash messages after a command
    "done.start": ("บันทึกการเริ่มดำเนินการของกิจกรรม {code} แล้ว", "Activity {code}: start recorded"),
    "done.progress": ("บันทึกความก้าวหน้าของกิจกรรม {code} แล้ว", "Activity {code}: progress recorded"),
    "done.expenditure": ("บันทึกการเบิกจ่ายของกิจกรรม {code} แล้ว", "Activity {code}: spending recorded"),
    "done.step": ("บันทึกขั้นตอนที่เสร็จของกิจกรรม {code} แล้ว", "Activity {code}: step recorded"),
    "done.complete": ("ปิดงานกิจกรรม {code} แล้ว", "Activity {code} completed"),
    "done.correct_spending": (
        "แก้ไขรายการเบิกจ่ายของกิจกรรม {code} แล้ว",
        "Activity {code}: spending entry corrected",
    ),
    "done.correct_start": (
        "แก้ไขวันเริ่มดำเนินการของกิจกรรม {code} แล้ว",
        "Activity {code}: start date corrected",
    ),
    "done.correct_completion": (
        "แก้ไขวันที่เสร็จสิ้นของกิจกรรม {code} แล้ว",
        "Activity {code}: completion date corrected",
    ),
    "done.cancel": ("ยกเลิกกิจกรรม {code} แล้ว", "Activity {code} cancelled"),
    "done.reopen": ("เปิดกิจกรรม {code} ใหม่แล้ว", "Activity {code} reopened"),
    "done.reschedule": ("เลื่อนกำหนดการกิจกรรม {code} แล้ว", "Activity {code} rescheduled"),
    "done.budget": ("ปรับงบประมาณกิจกรรม {code} แล้ว", "Activity {code}: allocation revised"),
    "done.ack": ("รับทราบการแจ้งเตือนของกิจกรรม {code} แล้ว", "Alert on {code} acknowledged"),
    "done.snooze": ("เลื่อนการแจ้งเตือนของกิจกรรม {code} แล้ว", "Alert on {code} snoozed"),
    "alerts.title": ("การแจ้งเตือน", "Alerts"),
    "alerts.intro": (
        "กิจกรรมที่ล่าช้าตามแผน ยังไม่ได้รับทราบ {count} รายการ",
        "Late work flagged by the scheduler; {count} not yet acknowledged",
    ),
    "alerts.none": ("ไม่มีการแจ้งเตือนที่ค้างอยู่", "No open alerts"),
    "alerts.step": ("ขั้นตอนที่ {step}", "step {step}"),
    "alerts.detected": ("ตรวจพบ {day}", "Found {day}"),
    "alerts.acknowledged_by": ("รับทราบแล้วโดย {name}", "acknowledged by {name}"),
    "alerts.snoozed_until": ("เลื่อนการแจ้งเตือนถึง {day}", "snoozed until {day}"),
    "alerts.note": ("หมายเหตุ", "Note"),
    "alerts.ack_note": ("{name} รับทราบ:", "{name} acknowledged:"),
    "alerts.snooze_note": ("{name} เลื่อนถึง {day}:", "{name} snoozed until {day}:"),
    "alerts.ack": ("รับทราบ", "Acknowledge"),
    "alerts.until": ("เลื่อนถึงวันที่", "Snooze until"),
    "alerts.snooze": ("เลื่อนการแจ้งเตือน", "Snooze"),
    "alerts.resolved": ("แก้ไขแล้วล่าสุด {count} รายการ", "Latest {count} resolved"),
    # history
    "history.title": ("ประวัติและข้อมูลย้อนหลัง", "History and the past"),
    "history.travel": ("ดูข้อมูลตามที่รู้ ณ เวลาหนึ่ง", "See the record as known at an instant"),
    "history.travel_help": (
        "ทุกหน้าจะแสดงข้อมูลตามที่บันทึกไว้จนถึงเวลานั้น จนกว่าจะกด “กลับสู่ข้อมูลปัจจุบัน”",
        "Every page then shows what had been recorded by that instant, until you go back to "
        "the present",
    ),
    "history.day": ("วันที่", "Date"),
    "history.time": ("เวลา (น.)", "Time (Bangkok)"),
    "history.go": ("ดูข้อมูล ณ เวลานั้น", "Show the record then"),
    "history.compare": ("เปรียบเทียบสองช่วงเวลา", "Compare two instants"),
    "history.from": ("ตั้งแต่", "From"),
    "history.to": ("ถึง", "To"),
    "history.compare_go": ("เปรียบเทียบ", "Compare"),
    "history.plan": ("แผน", "Plan"),
    "history.feed": (
        "บันทึกเหตุการณ์ทั้งหมด พร้อมตัวกรองและดาวน์โหลด CSV",
        "Every event, with filters and a CSV download",
    ),
    "history.chain_title": ("หลักฐานว่าบันทึกไม่ถูกแก้ไข", "Proof the record was not edited"),
    "history.chain_head": (
        "หัวห่วงโซ่ของบันทึกแผนและผลการดำเนินงาน ณ เหตุการณ์ลำดับที่ {position}:",
        "The head of the plan's record chain, at event {position}:",
    ),
    "history.chain_help": (
        "จดค่านี้ไว้ในรายงานการประชุมหรือรายงานผล ภายหลังผู้ดูแลระบบตรวจได้ด้วยคำสั่ง"
        " tidtam verify --against ว่าไม่มีบันทึกใดถึงลำดับนี้ถูกแก้ไข",
        "Write it into the minutes or the report; later an administrator proves with"
        " tidtam verify --against that nothing up to this event was edited",
    ),
    "compare.title": ("สิ่งที่เปลี่ยนแปลงระหว่างสองช่วงเวลา", "What changed between two instants"),
    "compare.between": ("ระหว่าง {start} ถึง {end}", "Between {start} and {end}"),
    "compare.none": ("ไม่มีการเปลี่ยนแปลง", "Nothing changed"),
    "compare.plan_then": ("ดูแผน ณ {instant}", "The plan at {instant}"),
    "compare.what": ("การเปลี่ยนแปลง", "Change"),
    "compare.before": ("ก่อน", "Before"),
    "compare.after": ("หลัง", "After"),
    "compare.summary": ("สรุป", "Summary"),
    "change.added": ("เพิ่มเข้าแผน", "added"),
    "change.rescheduled": ("เลื่อนกำหนดการ", "rescheduled"),
    "change.budget": ("งบประมาณ", "allocation"),
    "change.progress": ("ความก้าวหน้า", "progress"),
    "change.spending": ("การเบิกจ่าย", "spending"),
    "change.status": ("สถานะ", "status"),
    # event feed
    "events.title": ("บันทึกเหตุการณ์ทั้งหมด", "Every recorded event"),
    "events.unit": ("หน่วยดำเนินการ", "Unit"),
    "events.code": ("รหัสกิจกรรม", "Activity code"),
    "events.project": ("รหัสโครงการ", "Project code"),
    "events.actor": ("ผู้บันทึก", "Recorded by"),
    "events.type": ("ประเภท", "Type"),
    "events.from": ("บันทึกตั้งแต่วันที่", "Recorded from"),
    "events.to": ("ถึงวันที่", "Recorded to"),
    "events.late_only": ("เฉพาะที่บันทึกย้อนหลัง", "Late entries only"),
    "events.apply": ("ค้นหา", "Search"),
    "events.csv": ("ดาวน์โหลด CSV", "Download CSV"),
    "events.none": ("ไม่พบเหตุการณ์ตามเงื่อนไข", "No event matches"),
    "events.next": ("หน้าถัดไป →", "Next page →"),
    "events.first": ("← หน้าแรก", "← First page"),
    "events.position": ("ลำดับ", "Position"),
    "events.what": ("รายการ", "What"),
    "events.caption": ("เหตุการณ์ เรียงตามลำดับการบันทึก", "Events in the order they were recorded"),
    "events.code_unknown": ("ไม่พบกิจกรรมรหัส {code}", "No activity with code {code}"),
    "events.project_unknown": ("ไม่พบโครงการรหัส {code}", "No project with code {code}"),
    # errors
    "error.title": ("ทำรายการไม่ได้", "That did not work"),
    "error.404": ("ไม่พบหน้าที่ต้องการ", "Not found"),
    "error.403": ("ไม่มีสิทธิ์", "Not allowed"),
    "error.back": ("กลับหน้าแผน", "Back to the plan"),
    "error.invalid": ("ข้อมูลในลิงก์ไม่ถูกต้อง: {detail}", "The link is not valid: {detail}"),
}
TEXT.update(IMPORT_TEXT)
TEXT.update(REPORT_TEXT)
TEXT.update(MONEY_TEXT)
TEXT.update(EVIDENCE_TEXT)
TEXT.update(HELP_TEXT)
TEXT.update(DAY_TEXT)
TEXT.update(SEARCH_TEXT)
TEXT.update(WORK_TEXT)
TEXT.update(PUBLIC_TEXT)
TEXT.update(PEOPLE_TEXT)
TEXT.update(OVERVIEW_TEXT)


def text(key: str, lang: str, **values: object) -> str:
    """The page text ``key`` in ``lang``, with ``values`` filled in."""
    thai, english = TEXT[key]
    template = thai if lang == "th" else english
    return template.format(**values) if values else template


def status_name(status: str, lang: str) -> str:
    """A schedule status or lifecycle as a label: ``ตามแผน``, ``On track``."""
    words = STATUSES[status].in_(lang)
    return words[:1].upper() + words[1:]


def day(value: date | None, lang: str) -> str:
    """``31 ม.ค. 2552`` in Thai, ``31 Jan 2009`` in English."""
    if value is None:
        return ""
    if lang == "th":
        return thai_date(value)
    return f"{value.day} {ENGLISH_MONTH_ABBREVIATIONS[value.month - 1]} {value.year}"


def instant(value: datetime | None, lang: str) -> str:
    """An instant in Bangkok time: ``31 ม.ค. 2552 16:45 น.``."""
    if value is None:
        return ""
    local = value.astimezone(BANGKOK)
    clock = local.strftime("%H:%M")
    return (
        f"{day(local.date(), lang)} {clock} น."
        if lang == "th"
        else f"{day(local.date(), lang)} {clock}"
    )


def month(value: Month, lang: str) -> str:
    """``ม.ค. 2552`` or ``Jan 2009``."""
    return value.thai() if lang == "th" else value.english()


def month_short(value: Month, lang: str) -> str:
    """The column label: ``ม.ค.`` or ``Jan``."""
    if lang == "th":
        return THAI_MONTH_ABBREVIATIONS[value.month - 1]
    return ENGLISH_MONTH_ABBREVIATIONS[value.month - 1]


def months(values: tuple[Month, ...] | list[Month], lang: str) -> str:
    return ", ".join(month(m, lang) for m in values)


def baht(amount: Decimal | None) -> str:
    return "" if amount is None else format_baht(amount)


def date_input(value: date, lang: str) -> str:
    """What a date field shows: ``30/09/2552`` (BE) in Thai, ISO in English."""
    if lang == "th":
        return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"
    return value.isoformat()

"""The words of the reports, in Thai and English.

Kept apart from :mod:`api.web.i18n` only for size; ``i18n.TEXT`` takes them in. The
Thai headings are the printed forms' own, so a council member finds the columns where
the Ministry's forms put them.
"""

from __future__ import annotations

REPORT_TEXT: dict[str, tuple[str, str]] = {
    "nav.reports": ("รายงาน", "Reports"),
    "report.downloads": ("ดาวน์โหลด", "Download"),
    "report.as_html": ("เอกสารสำหรับพิมพ์ (HTML)", "Printable document (HTML)"),
    "report.as_xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "report.as_pdf": ("PDF", "PDF"),
    "report.plan_table": (
        "ตารางแผนดำเนินงาน แบบ ผด.02 (Excel) พร้อมผลการดำเนินงาน",
        "The plan table, form ผด.02 (Excel), with the actual work",
    ),
    "report.fiscal_year": ("ปีงบประมาณ พ.ศ. {year}", "Fiscal year {year} BE"),
    "report.cut_off": ("ข้อมูล ณ วันที่ {day}", "Figures on {day}"),
    "report.known_at": ("ตามที่บันทึกไว้ ณ {instant}", "As recorded by {instant}"),
    "report.chain": (
        "ห่วงโซ่บันทึก ลำดับที่ {position}: {link}",
        "Log chain at position {position}: {link}",
    ),
    "report.chain_unknown": (
        "ยังบอกห่วงโซ่บันทึก ณ เวลานั้นไม่ได้ (มุมมองยังประมวลไม่ถึง)",
        "The log chain at that instant cannot be said yet (the views have not caught up)",
    ),
    # the plan summary (ผด.01)
    "summary.form": ("แบบ ผด.01", "Form ผด.01"),
    "summary.title": (
        "บัญชีสรุปจำนวนโครงการและงบประมาณ",
        "Summary of projects and budget",
    ),
    "summary.subtitle": (
        "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. {year}",
        "Action plan, fiscal year {year} BE",
    ),
    "summary.strategy": ("ยุทธศาสตร์/แนวทางการพัฒนา", "Strategy / guideline"),
    "summary.projects": ("จำนวนโครงการที่ดำเนินการ", "Projects"),
    "summary.project_share": (
        "คิดเป็นร้อยละของโครงการทั้งหมด",
        "Per cent of all projects",
    ),
    "summary.budget": ("จำนวนงบประมาณ (บาท)", "Budget (baht)"),
    "summary.budget_share": ("คิดเป็นร้อยละของงบประมาณทั้งหมด", "Per cent of the budget"),
    "summary.units": ("หน่วยดำเนินการ", "Responsible units"),
    "summary.total": ("รวม", "Total"),
    "summary.empty": (
        "ไม่มีโครงการในแผน ณ วันที่นี้",
        "The plan holds no project on this day",
    ),
    # the monitoring report
    "monitoring.title": ("รายงานผลการติดตามและประเมินผลแผนดำเนินงาน", "Monitoring report"),
    "monitoring.subtitle": (
        "{period} ปีงบประมาณ พ.ศ. {year} (ข้อมูลตั้งแต่ {start} ถึง {end})",
        "{period}, fiscal year {year} BE (from {start} to {end})",
    ),
    "monitoring.period": ("รอบรายงาน", "Period"),
    "monitoring.cut_off": ("ข้อมูล ณ วันที่", "Figures on"),
    "monitoring.projects_heading": ("1. ผลการดำเนินงานตามโครงการ", "1. Projects by status"),
    "monitoring.money_heading": ("2. การใช้จ่ายงบประมาณ", "2. Money"),
    "monitoring.lines_heading": ("3. รายละเอียดรายโครงการ", "3. Each project"),
    "monitoring.late_heading": ("4. งานที่ล่าช้าและเหตุผล", "4. Late work and the reasons given"),
    "monitoring.findings_heading": (
        "5. ผลการติดตามและข้อเสนอแนะของคณะกรรมการ",
        "5. The committee's findings and suggestions",
    ),
    "monitoring.strategy": ("ยุทธศาสตร์", "Strategy"),
    "monitoring.planned": ("โครงการตามแผน", "Planned"),
    "monitoring.completed": ("ดำเนินการแล้วเสร็จ", "Completed"),
    "monitoring.in_progress": ("อยู่ระหว่างดำเนินการ", "In progress"),
    "monitoring.not_started": ("ยังไม่ได้ดำเนินการ", "Not started"),
    "monitoring.cancelled": ("ยกเลิก", "Cancelled"),
    "monitoring.added": ("เพิ่มเติมโดยการแก้ไขแผน", "Added by revision"),
    "monitoring.count": ("จำนวน", "No."),
    "monitoring.percent": ("ร้อยละ", "%"),
    "monitoring.money_planned": ("งบประมาณตามแผน", "Planned"),
    "monitoring.money_allocated": ("งบประมาณหลังแก้ไข/โอน", "After revisions"),
    "monitoring.disbursed": ("เบิกจ่ายสะสม", "Disbursed to date"),
    "monitoring.disbursed_in_period": ("เบิกจ่ายในรอบ", "Disbursed in the period"),
    "monitoring.remaining": ("คงเหลือ", "Remaining"),
    "monitoring.disbursed_percent": ("ร้อยละการเบิกจ่าย", "% disbursed"),
    "monitoring.not_recorded": (
        "ยอดก่อหนี้ผูกพันและแหล่งงบประมาณยังไม่ได้บันทึกในระบบ จึงไม่แสดงในรายงานนี้",
        "Commitments and funding sources are not recorded yet, so this report does not show them",
    ),
    "monitoring.code": ("ที่", "No."),
    "monitoring.project": ("โครงการ", "Project"),
    "monitoring.status": ("สถานะ", "Status"),
    "monitoring.progress": ("ผลการดำเนินงาน (ร้อยละ)", "Progress (%)"),
    "monitoring.started": ("เริ่ม", "Started"),
    "monitoring.finished": ("แล้วเสร็จ", "Completed"),
    "monitoring.budget": ("งบประมาณ", "Budget"),
    "monitoring.spent": ("เบิกจ่าย", "Disbursed"),
    "monitoring.activity": ("กิจกรรม", "Activity"),
    "monitoring.unit": ("หน่วยดำเนินการ", "Unit"),
    "monitoring.days_late": ("ล่าช้า (วัน)", "Days late"),
    "monitoring.expected": ("ผล/ตามแผน (ร้อยละ)", "Progress/expected (%)"),
    "monitoring.reasons": ("เหตุผลที่บันทึกไว้", "Reasons recorded"),
    "monitoring.no_late": ("ไม่มีงานที่ล่าช้า", "No late work"),
    "monitoring.no_reason": ("ยังไม่มีผู้บันทึกเหตุผล", "No reason recorded yet"),
    "monitoring.findings": ("ผลการติดตาม", "Findings"),
    "monitoring.suggestions": ("ข้อเสนอแนะ", "Suggestions"),
    "monitoring.findings_by": (
        "บันทึกโดย {actor} เมื่อ {day}",
        "Written by {actor} on {day}",
    ),
    "monitoring.no_findings": (
        "คณะกรรมการยังไม่ได้บันทึกผลการติดตามของรอบนี้",
        "The committee has not written its findings for this period",
    ),
    "monitoring.write_findings": ("บันทึกผลการติดตามและข้อเสนอแนะ", "Write the findings"),
    "monitoring.reason": ("เหตุผลที่แก้ไข (เมื่อแทนข้อความเดิม)", "Why (when replacing earlier text)"),
    "monitoring.save": ("บันทึก", "Save"),
    "done.findings": ("บันทึกผลการติดตามและข้อเสนอแนะแล้ว", "Findings and suggestions saved"),
    "project_status.completed": ("แล้วเสร็จ", "completed"),
    "project_status.in_progress": ("อยู่ระหว่างดำเนินการ", "in progress"),
    "project_status.not_started": ("ยังไม่ได้ดำเนินการ", "not started"),
    "project_status.cancelled": ("ยกเลิก", "cancelled"),
}

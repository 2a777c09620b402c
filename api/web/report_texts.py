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
}

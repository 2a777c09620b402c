"""Words of the overseer's page (``/overview``): the roll-up across organisations.

Kept apart from :mod:`api.web.i18n` as the other pages' texts are. Pairs are
(Thai, English).
"""

from __future__ import annotations

OVERVIEW_TEXT: dict[str, tuple[str, str]] = {
    "nav.overview": ("ภาพรวมหลายองค์กร", "Overview"),
    "overview.title": ("ภาพรวมการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น", "Local governments at a glance"),
    "overview.year": ("ปีงบประมาณ พ.ศ. {year}", "Fiscal year {year} (BE)"),
    "overview.year_field": ("ปีงบประมาณ (พ.ศ.)", "Fiscal year (BE)"),
    "overview.known_day": ("ข้อมูลตามที่บันทึกไว้ถึงวันที่", "As recorded by (date)"),
    "overview.known_hint": (
        "เว้นว่างเพื่อดูข้อมูลล่าสุด หรือระบุวันและเวลาในอดีตเพื่อดูตามที่ระบบรู้ ณ ขณะนั้น",
        "Leave blank for the latest, or give a past date and time to see what was known then",
    ),
    "overview.show": ("แสดง", "Show"),
    "overview.summary": ("สรุปรายองค์กร", "Each organisation"),
    "overview.organisation": ("องค์กร", "Organisation"),
    "overview.projects": ("โครงการ", "Projects"),
    "overview.project_states": (
        "เสร็จ {completed} · ดำเนินการ {in_progress} · ยังไม่เริ่ม {not_started} · ยกเลิก {cancelled}",
        "done {completed} · under way {in_progress} · not started {not_started} · "
        "cancelled {cancelled}",
    ),
    "overview.planned_money": ("งบตามแผน", "Planned"),
    "overview.rounds": ("รายงาน", "Reports"),
    "overview.rounds_count": ("ยื่นแล้ว {filed} · ค้าง {owed}", "filed {filed} · owed {owed}"),
    "overview.no_plan": (
        "ยังไม่มีแผนดำเนินงานประจำปีงบประมาณ พ.ศ. {year}",
        "No action plan for fiscal year {year} (BE)",
    ),
    "overview.own": ("แผนของหน่วยงานนี้ (ก่อนแยกองค์กร)", "This store's own plans"),
    "overview.province_total": ("รวม {province}", "Total, {province}"),
    "overview.no_province": ("รวม (ไม่ระบุจังหวัด)", "Total (no province)"),
    "overview.grand_total": ("รวมทั้งหมด", "Total"),
    "overview.by_strategy": ("รายยุทธศาสตร์", "By strategy"),
    "overview.plan_total": ("รวมทั้งแผน", "Whole plan"),
    "overview.open_plan": ("แผน", "Plan"),
    "overview.open_vs_actual": ("แผนเทียบผล", "Plan vs actual"),
    "overview.open_reports": ("รายงาน", "Reports"),
    "overview.round_states": ("รอบรายงาน", "Reporting rounds"),
    "overview.none": (
        "ยังไม่มีองค์กรที่ท่านกำกับดูแล",
        "There is no organisation you oversee yet",
    ),
}

"""Words of a plan's public page (``/public/plans/{id}``) and of the admins' form that
publishes it. Pairs are (Thai, English)."""

from __future__ import annotations

PUBLIC_TEXT: dict[str, tuple[str, str]] = {
    # the public page
    "public.kind": ("รายงานความก้าวหน้าแผนดำเนินงาน", "Action plan progress report"),
    "public.heading": (
        "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. {year}",
        "Action plan, fiscal year {year} BE",
    ),
    "public.fiscal_year": ("ปีงบประมาณ {start} – {end}", "Fiscal year {start} – {end}"),
    "public.as_of": ("ข้อมูล ณ วันที่ {day}", "Figures as of {day}"),
    "public.summary": ("ภาพรวมทั้งแผน", "The whole plan"),
    "public.budget": ("งบประมาณ (บาท)", "Budget (baht)"),
    "public.spent": ("เบิกจ่ายแล้ว (บาท)", "Disbursed (baht)"),
    "public.disbursed": ("ร้อยละการเบิกจ่าย", "Disbursed (%)"),
    "public.progress": ("ความก้าวหน้า (%)", "Progress (%)"),
    "public.expected": ("ตามแผน ณ วันที่ข้อมูล (%)", "Planned by then (%)"),
    "public.activities": ("กิจกรรม", "Activities"),
    "public.completed": ("แล้วเสร็จ", "Completed"),
    "public.late": ("ล่าช้า", "Behind"),
    "public.cancelled": ("ยกเลิก", "Cancelled"),
    "public.projects": ("โครงการ", "Projects"),
    "public.project": ("โครงการ", "Project"),
    "public.code": ("ลำดับ", "No."),
    "public.table_total": ("รวม", "Total"),
    "public.how": (
        "ความก้าวหน้าเป็นค่าเฉลี่ยของกิจกรรมถ่วงน้ำหนักตามงบประมาณที่จัดสรร"
        " ส่วน “ตามแผน” คือความก้าวหน้าที่ควรถึง ณ วันที่ข้อมูลตามเดือนที่วางแผนไว้"
        " กิจกรรมที่ยกเลิกนับเฉพาะในยอดเงิน ตัวเลขทั้งหมดคำนวณจากบันทึกการดำเนินงานของหน่วยงาน",
        "Progress is the activities' average weighted by their allocated budget; “planned by"
        " then” is the progress the planned months call for on that day. Cancelled activities"
        " count in the money only. Every figure is computed from the units' records of their"
        " work.",
    ),
    "public.footer": (
        "หน้านี้เผยแพร่โดย{organisation} ผ่านระบบติดตามแผน (ติดตาม)",
        "Published by {organisation} through Tidtam, the action plan follow-up",
    ),
    "public.other_lang": ("English", "ภาษาไทย"),
    "public.missing_title": ("ไม่พบหน้านี้", "Page not found"),
    "public.missing": (
        "ไม่มีหน้าที่ต้องการ หรือหน้านี้ไม่ได้เผยแพร่ต่อสาธารณะ",
        "There is no such page, or it is not public.",
    ),
    "public.refused_title": ("ไม่สามารถแสดงหน้านี้", "This page cannot be shown"),
    # the admins' form on the plan page
    "publication.heading": ("การเผยแพร่ต่อสาธารณะ", "Public page"),
    "publication.is_public": (
        "แผนนี้เผยแพร่ต่อสาธารณะอยู่ ตั้งแต่ {day}",
        "This plan is public since {day}",
    ),
    "publication.is_private": ("แผนนี้ยังไม่เผยแพร่ต่อสาธารณะ", "This plan is not public"),
    "publication.link": ("หน้าสาธารณะ", "The public page"),
    "publication.explain": (
        "หน้าสาธารณะแสดงความก้าวหน้าและการเบิกจ่ายตามยุทธศาสตร์และโครงการ โดยไม่ต้องเข้าสู่ระบบ"
        " ไม่แสดงชื่อบุคคล บันทึก หรือหลักฐานใด ๆ",
        "The public page shows progress and money by strategy and project to anyone, without"
        " signing in; it shows no person's name, note or evidence.",
    ),
    "publication.reason": ("เหตุผล", "Reason"),
    "publication.reason_hint": (
        "ไม่บังคับเมื่อเผยแพร่ ต้องระบุเมื่อถอนการเผยแพร่",
        "Optional to publish; required to withdraw",
    ),
    "publication.publish": ("เผยแพร่ต่อสาธารณะ", "Publish"),
    "publication.withdraw": ("ถอนการเผยแพร่", "Withdraw"),
    "publication.history": ("ประวัติการเผยแพร่", "Publication history"),
    "publication.published_by": ("{day} เผยแพร่โดย {actor}", "{day} published by {actor}"),
    "publication.withdrawn_by": (
        "{day} ถอนการเผยแพร่โดย {actor}: {reason}",
        "{day} withdrawn by {actor}: {reason}",
    ),
    "done.publication": ("บันทึกการเผยแพร่แล้ว", "Publication saved"),
}

"""The words of the import page and of the plan's editions, in Thai and English.

Kept apart from :mod:`api.web.i18n` only for size; ``i18n.TEXT`` takes them in, so a
template asks for them like any other text.
"""

from __future__ import annotations

IMPORT_TEXT: dict[str, tuple[str, str]] = {
    # editions of a plan
    "editions.label": ("ฉบับของแผน", "Edition"),
    "editions.compare": ("เทียบสองฉบับ", "Compare two editions"),
    "editions.title": ("เทียบฉบับของแผน", "Two editions of the plan"),
    "editions.choose": ("เลือกฉบับที่จะเทียบ", "Choose the editions"),
    "editions.from": ("ฉบับแรก", "First"),
    "editions.to": ("ฉบับที่สอง", "Second"),
    "editions.differences": ("ต่างกัน", "Differs in"),
    "editions.months": ("เดือนที่วางแผน", "Planned months"),
    "editions.actual": ("ผลจริง", "Actual"),
    "editions.progress": ("ผล", "Progress"),
    "editions.difference.added": ("เพิ่ม", "added"),
    "editions.difference.withdrawn": ("ถอนออก", "withdrawn"),
    "editions.difference.budget": ("งบประมาณ", "budget"),
    "editions.difference.months": ("เดือน", "months"),
    # importing a document
    "import.title": ("นำเข้าแผนดำเนินงาน", "Import an action plan"),
    "import.help": (
        "อัปโหลดแผนดำเนินงานทั้งฉบับหรือบางหมวด ระบบจะแสดงสิ่งที่จะบันทึกให้ตรวจก่อน"
        " และจะไม่บันทึกสิ่งใดจนกว่าจะกดยืนยัน",
        "Upload the whole action plan or some of its sections: you see what it would record"
        " first, and nothing is recorded until you confirm",
    ),
    "import.step_upload": ("1. เลือกไฟล์", "1. Choose the document"),
    "import.step_check": ("2. ตรวจสอบก่อนบันทึก", "2. Check before recording"),
    "import.file": ("ไฟล์แผนดำเนินงาน", "Action-plan document"),
    "import.file_help": (
        "Excel (.xlsx .xls) LibreOffice (.ods) หรือข้อความ (.csv .txt) ที่คัดลอกจากเอกสาร",
        "Excel (.xlsx .xls), LibreOffice (.ods), or text (.csv .txt) copied from the document",
    ),
    "import.tenant": ("นำเข้าเป็นแผนขององค์กร", "Import as the plan of"),
    "import.tenant_help": (
        "เอกสารต้องเป็นแผนขององค์กรที่เลือก ไม่เช่นนั้นจะไม่นำเข้า",
        "The document must be the chosen organisation's plan, or it is not imported",
    ),
    "import.organisation": ("ชื่อองค์กรปกครองส่วนท้องถิ่น", "Local government"),
    "import.organisation_help": (
        "เว้นว่างได้ถ้าระบุไว้ในเอกสาร (คอลัมน์พื้นที่)",
        "Leave empty when the document names it (the area column)",
    ),
    "import.revision_legend": ("การแก้ไขแผน", "A revision of the plan"),
    "import.revision_help": (
        "หากเอกสารนี้แก้ไขแผนที่นำเข้าแล้ว ให้ระบุชื่อการแก้ไขและวันที่อนุมัติ",
        "When this document revises a plan already imported, give the revision's name and date",
    ),
    "import.revision": ("ชื่อการแก้ไข", "Revision name"),
    "import.on": ("วันที่อนุมัติการแก้ไข", "Date the revision was approved"),
    "import.preview": ("ตรวจสอบไฟล์", "Check the document"),
    "import.refused": ("นำเข้าไม่ได้", "Cannot import"),
    "import.would_refuse": ("หากยืนยัน จะนำเข้าไม่ได้ เพราะ", "Confirming would be refused:"),
    "import.sections": ("หมวดในเอกสาร", "Sections in the document"),
    "import.section": ("หมวด (ยุทธศาสตร์ › แนวทาง/แผนงาน)", "Section (strategy › guideline)"),
    "import.projects": ("โครงการ", "Projects"),
    "import.activities": ("กิจกรรม", "Activities"),
    "import.changes": ("แตกต่างจากแผนที่มีอยู่ {count} รายการ", "{count} differences from the plan"),
    "import.change": ("รายการ", "Difference"),
    "import.recordable": ("บันทึกเป็นการแก้ไขได้", "A revision records it"),
    "import.yes": ("ได้", "yes"),
    "import.no": ("ไม่ได้", "no"),
    "import.needs_revision": (
        "เอกสารนี้แตกต่างจากแผนที่นำเข้าแล้ว หากเป็นการแก้ไขแผน ให้ระบุชื่อการแก้ไขและวันที่ด้านบน แล้วตรวจสอบอีกครั้ง",
        "This document differs from the plan already imported: if it is a revision, give its"
        " name and date above and check again",
    ),
    "import.needs_revision_role": (
        "เอกสารนี้แตกต่างจากแผนที่นำเข้าแล้ว การบันทึกการแก้ไขแผนต้องเป็นผู้บริหารหรือผู้ดูแลระบบ",
        "This document differs from the plan already imported: a manager or an admin records"
        " revisions",
    ),
    "import.unchanged": (
        "แผนนี้นำเข้าไว้แล้วตรงตามเอกสาร ไม่มีอะไรต้องบันทึก",
        "This plan is already imported exactly as the document says: nothing to record",
    ),
    "import.new_plan": ("แผนใหม่", "a new plan"),
    "import.as_revision": ("การแก้ไขครั้งที่ {number}: {name}", "revision {number}: {name}"),
    "import.sections_added": ("หมวดที่เพิ่ม", "sections added"),
    "import.projects_added": ("โครงการที่เพิ่ม", "projects added"),
    "import.activities_added": ("กิจกรรมที่เพิ่ม", "activities added"),
    "import.events": ("เหตุการณ์ที่จะบันทึก", "events to record"),
    "import.confirm": ("ยืนยันการนำเข้า", "Confirm the import"),
    "import.check_revision": ("ตรวจสอบเป็นการแก้ไขแผน", "Check it as a revision"),
    "import.confirm_revision": ("ยืนยันการแก้ไขแผนครั้งที่ {number}", "Record revision {number}"),
    "import.document": ("แผนตามเอกสาร", "The plan as the document gives it"),
}

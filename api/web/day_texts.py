"""Words about the business date a page reads on and the date a form records.

Kept apart from :mod:`api.web.i18n` as the import, report and money texts are: one
idea each. Pairs are (Thai, English).
"""

from __future__ import annotations

DAY_TEXT: dict[str, tuple[str, str]] = {
    "on.field": ("ณ วันที่", "On"),
    "on.hint": ("วัน/เดือน/ปี พ.ศ. เช่น {example}", "e.g. {example}"),
    "on.banner": (
        "แสดงสถานะตามแผน ณ วันที่ {day} (ไม่ใช่วันนี้)",
        "Showing the plan as it stands on {day} (not today)",
    ),
    "on.back": ("กลับสู่วันนี้", "Back to today"),
    "on.no_forms": (
        "แบบฟอร์มบันทึกแสดงเฉพาะเมื่อดูข้อมูล ณ วันนี้ เพราะการบันทึกมีผลต่อข้อมูลปัจจุบัน",
        "The recording forms are shown on today's date only: what you record acts on the present",
    ),
    "form.occurred_on_outside": (
        "วันนี้ ({today}) อยู่นอกปีงบประมาณ พ.ศ. {year} ของแผนนี้ ({start} ถึง {end}) "
        "จึงไม่ได้ใส่วันที่ให้ กรุณาระบุวันที่ดำเนินการจริง",
        "Today ({today}) lies outside this plan's fiscal year {year} BE ({start} to {end}), "
        "so no date is filled in: give the day the work happened",
    ),
    "picker.open": ("เลือกวันจากปฏิทิน", "Pick the day from a calendar"),
    "picker.previous": ("เดือนก่อนหน้า", "Previous month"),
    "picker.next": ("เดือนถัดไป", "Next month"),
    "picker.close": ("ปิดปฏิทิน", "Close the calendar"),
}

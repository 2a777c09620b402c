"""Words of the page of one's own work (``/my-work``). Pairs are (Thai, English)."""

from __future__ import annotations

from domain.reminders import REASON_LINES

WORK_TEXT: dict[str, tuple[str, str]] = {
    "nav.my_work": ("งานของฉัน", "My work"),
    "work.title": ("งานของฉัน", "My work"),
    "work.title_all": ("งานที่ต้องติดตาม ทุกหน่วยงาน", "Work to follow up, every unit"),
    "work.intro": (
        "กิจกรรมที่ยังไม่ปิดของหน่วยงาน ที่ถึงกำหนดในเดือนนี้ ล่าช้า หรือไม่มีการบันทึกผลมา {days} วันขึ้นไป ณ วันที่ {day}",
        "Open activities of the units that fall due this month, are late,"
        " or have had nothing recorded for {days} days or more, on {day}",
    ),
    "work.no_units": (
        "บัญชีของท่านยังไม่ได้ระบุหน่วยงาน กรุณาติดต่อผู้ดูแลระบบ",
        "Your account names no unit yet: ask an administrator",
    ),
    "work.none": ("ไม่มีงานค้าง ทุกกิจกรรมเป็นไปตามแผน", "Nothing owed: every activity is on plan"),
    "work.count": ("{count} กิจกรรม", "{count} activities"),
    **{f"work.reason.{reason}": words for reason, words in REASON_LINES.items()},
    "work.due_on": ("กำหนด {day}", "Due {day}"),
    "work.last": ("บันทึกล่าสุด {day}", "Last recorded {day}"),
    "work.last_never": ("ยังไม่มีการบันทึก", "Nothing recorded yet"),
    "work.progress": ("ความก้าวหน้า {percent}%", "Progress {percent}%"),
    "work.other_forms": (
        "บันทึกอื่น (ขั้นตอน เบิกจ่าย ปิดงาน)",
        "Other records (steps, spending, completion)",
    ),
    "work.alerts": ("การแจ้งเตือนที่ยังไม่ปิด", "Open alerts"),
}

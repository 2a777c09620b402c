"""Words of the admin pages about people (``/admin/people``). Pairs are (Thai, English).

Kept apart from :mod:`api.web.i18n` as the import, search and day texts are. The
refusals themselves come from the domain's catalogue (``domain.people``, ``api.auth``).
"""

from __future__ import annotations

PEOPLE_TEXT: dict[str, tuple[str, str]] = {
    "nav.people": ("ผู้ใช้งาน", "People"),
    "admin.area": ("งานผู้ดูแลระบบ", "Administration"),
    "people.title": ("ผู้ใช้งาน", "People"),
    "people.intro": (
        "ผู้ที่เข้าใช้ระบบ บทบาท หน่วยงานที่สังกัด และโทเคนสำหรับเชื่อมต่อ API"
        " ทุกการเปลี่ยนแปลงบันทึกเป็นเหตุการณ์ พร้อมชื่อผู้ดูแลที่ทำ",
        "Who uses Tidtam, their roles, their units and their API tokens; every change is"
        " recorded as an event with the admin who made it",
    ),
    "people.count": ("ทั้งหมด {count} คน", "{count} people"),
    "people.username": ("ชื่อผู้ใช้", "User name"),
    "people.username_hint": (
        "อักษรภาษาอังกฤษตัวเล็ก ตัวเลข . _ หรือ - ยาว 2–32 ตัว เช่น somchai",
        "2–32 lower-case letters, digits, '.', '_' or '-', e.g. somchai",
    ),
    "people.display_name": ("ชื่อที่แสดง", "Display name"),
    "people.display_name_hint": (
        "ชื่อ-นามสกุลที่แสดงบนหน้าเว็บ เว้นว่างได้ (ใช้ชื่อผู้ใช้แทน)",
        "The name pages show; blank: the user name",
    ),
    "people.email": ("อีเมล", "E-mail"),
    "people.email_hint": (
        "สำหรับส่งสรุปการแจ้งเตือน (ผู้บริหาร/หัวหน้า) เว้นว่างได้",
        "Where alert digests go (managers); may be blank",
    ),
    "people.roles": ("บทบาท", "Roles"),
    "people.organisations": ("องค์กร", "Organisations"),
    "people.organisations_hint": (
        "บทบาทมีผลเฉพาะในองค์กรที่เลือก ไม่เลือกเลย: ทุกองค์กร (เฉพาะผู้ดูแลระบบกลาง)",
        "The roles hold only in the organisations ticked; none ticked: every organisation"
        " (the store's own admins only)",
    ),
    "people.units": ("หน่วยงาน", "Units"),
    "people.units_hint": (
        "หน่วยงานที่มีในแผน เจ้าหน้าที่บันทึกได้เฉพาะกิจกรรมของหน่วยงานตนเอง",
        "The units the plans name; staff record only on their own units' activities",
    ),
    "people.other_units": ("หน่วยงานอื่น (บรรทัดละหนึ่งหน่วย)", "Other units (one a line)"),
    "people.other_units_hint": (
        "หน่วยงานที่ยังไม่มีในแผนใด พิมพ์ชื่อตามที่เขียนในแผน",
        "A unit no plan names yet, spelt as the plan will write it",
    ),
    "people.not_in_plans": ("ไม่มีในแผนใด", "in no plan"),
    "people.password": ("รหัสผ่านเริ่มต้น", "Initial password"),
    "people.password_hint": (
        "ยาว 10 ตัวอักษรขึ้นไป แจ้งให้ผู้ใช้ทราบและเปลี่ยนเอง",
        "At least 10 characters; tell the person, who should change it",
    ),
    "people.new_password": ("รหัสผ่านใหม่", "New password"),
    "people.state": ("สถานะ", "State"),
    "people.enabled": ("ใช้งานได้", "enabled"),
    "people.disabled": ("ปิดการใช้งาน", "disabled"),
    "people.tokens": ("โทเคน", "Tokens"),
    "people.no_password": ("ยังไม่มีรหัสผ่าน", "no password yet"),
    "people.add": ("เพิ่มผู้ใช้", "Add a person"),
    "people.none": ("ยังไม่มีผู้ใช้", "No one yet"),
    "people.import_link": (
        "นำเข้าแผนหรือบันทึกการแก้ไขแผนจากไฟล์",
        "Import a plan, or record a revision, from a document",
    ),
    "person.title": ("ผู้ใช้ {username}", "User {username}"),
    "person.back": ("ผู้ใช้งานทั้งหมด", "All people"),
    "person.yourself": (
        "นี่คือบัญชีของคุณ: ปิดการใช้งานหรือถอนบทบาทผู้ดูแลระบบของตนเองไม่ได้",
        "This is your own account: you may not disable it or withdraw its admin role",
    ),
    "person.changes": ("แก้ไขสิทธิ์และบัญชี", "Change access and the account"),
    "person.access": ("บทบาทและหน่วยงาน", "Roles and units"),
    "person.access_submit": ("บันทึกบทบาทและหน่วยงาน", "Save roles and units"),
    "person.email": ("เปลี่ยนอีเมล", "Change the e-mail address"),
    "person.password": ("ตั้งรหัสผ่านใหม่", "Set a new password"),
    "person.password_note": (
        "เมื่อตั้งรหัสผ่านใหม่ ผู้ใช้จะออกจากระบบทุกอุปกรณ์",
        "A new password ends every session the person has",
    ),
    "person.disable": ("ปิดการใช้งาน", "Disable"),
    "person.disable_note": (
        "ผู้ใช้ที่ปิดการใช้งานเข้าระบบไม่ได้และโทเคนใช้ไม่ได้ จนกว่าจะเปิดอีกครั้ง",
        "A disabled person cannot sign in nor use tokens until enabled again",
    ),
    "person.enable": ("เปิดการใช้งานอีกครั้ง", "Enable again"),
    "person.tokens": ("โทเคนสำหรับ API", "API tokens"),
    "person.no_tokens": ("ยังไม่มีโทเคน", "No tokens"),
    "person.token_id": ("รหัสโทเคน", "Token id"),
    "person.token_label": ("ชื่อเรียก", "Label"),
    "person.token_label_hint": (
        "บอกว่าใช้ที่ไหน เช่น ระบบสารบรรณ",
        "Where it is used, e.g. the records system",
    ),
    "person.issued": ("ออกเมื่อ", "Issued"),
    "person.issued_by": ("ออกโดย", "By"),
    "person.token_live": ("ใช้งานได้", "works"),
    "person.token_revoked": ("ยกเลิกแล้ว", "revoked"),
    "person.issue": ("ออกโทเคนใหม่", "Issue a token"),
    "person.revoke": ("ยกเลิกโทเคน {token_id}", "Revoke token {token_id}"),
    "person.new_token": ("โทเคนใหม่ (แสดงครั้งเดียว)", "New token (shown once)"),
    "person.new_token_note": (
        "คัดลอกเก็บไว้เดี๋ยวนี้ ระบบเก็บเพียงค่าแฮช จะไม่แสดงโทเคนนี้อีก หากทำหาย ให้ยกเลิกแล้วออกใหม่",
        "Copy it now: only its hash is kept and it is never shown again;"
        " if it is lost, revoke it and issue another",
    ),
    "done.person_add": ("เพิ่มผู้ใช้ {code} แล้ว", "{code} added"),
    "done.person_access": ("บันทึกบทบาทและหน่วยงานของ {code} แล้ว", "{code}: roles and units saved"),
    "done.person_email": ("เปลี่ยนอีเมลของ {code} แล้ว", "{code}: e-mail address changed"),
    "done.person_password": ("ตั้งรหัสผ่านใหม่ของ {code} แล้ว", "{code}: new password set"),
    "done.person_disable": ("ปิดการใช้งาน {code} แล้ว", "{code} disabled"),
    "done.person_enable": ("เปิดการใช้งาน {code} อีกครั้งแล้ว", "{code} enabled again"),
    "done.person_revoke": ("ยกเลิกโทเคนของ {code} แล้ว", "{code}: token revoked"),
}

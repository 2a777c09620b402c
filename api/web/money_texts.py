"""The words of an activity's money bound before it is paid, its funding source and its
outputs, in Thai and English.

Kept apart from :mod:`api.web.i18n` only for size; ``i18n.TEXT`` takes them in.
"""

from __future__ import annotations

MONEY_TEXT: dict[str, tuple[str, str]] = {
    "form.commitment": ("บันทึกการก่อหนี้ผูกพัน (สัญญา/ใบสั่งซื้อ)", "Record a commitment (contract or order)"),
    "form.contract_number": ("เลขที่สัญญาหรือใบสั่งซื้อ", "Contract or order number"),
    "form.against_commitment": (
        "เบิกตามสัญญารายการที่ (ถ้ามี)",
        "Against commitment number (if any)",
    ),
    "form.correct_commitment": ("แก้ไขการก่อหนี้ผูกพัน", "Correct a commitment"),
    "form.commitment_entry": ("รายการก่อหนี้ผูกพัน", "Commitment"),
    "form.project_source": ("แหล่งงบประมาณของโครงการ", "The project's funding source"),
    "form.funding_source": (
        "แหล่งงบประมาณ (งบประมาณรายจ่าย, เงินสะสม, เงินอุดหนุนเฉพาะกิจ, …)",
        "Funding source (annual budget, accumulated funds, specific subsidy, …)",
    ),
    "done.commitment": (
        "บันทึกการก่อหนี้ผูกพันของกิจกรรม {code} แล้ว",
        "Activity {code}: commitment recorded",
    ),
    "done.correct_commitment": (
        "แก้ไขการก่อหนี้ผูกพันของกิจกรรม {code} แล้ว",
        "Activity {code}: commitment corrected",
    ),
    "done.project_source": ("กำหนดแหล่งงบประมาณของโครงการ {code} แล้ว", "Project {code}: source set"),
    "form.delivery": ("บันทึกผลผลิตที่ส่งมอบ", "Record an output delivered"),
    "form.quantity": ("จำนวน", "Quantity"),
    "form.output": ("กำหนดผลผลิตตามแผน", "Set the planned output"),
    "form.unit": ("หน่วย (ครั้ง ป้าย แห่ง …)", "Unit (ครั้ง, ป้าย, แห่ง, …)"),
    "form.output_reason": ("เหตุผล (เมื่อเปลี่ยนผลผลิตที่กำหนดแล้ว)", "Why (when changing a set output)"),
    "form.correct_delivery": ("แก้ไขผลผลิตที่ส่งมอบ", "Correct a delivery"),
    "form.delivery_entry": ("รายการผลผลิต", "Delivery"),
    "act.output": ("ผลผลิต", "Output"),
    "act.output_set": (
        "ตามแผน {planned} · ส่งมอบแล้ว {delivered}",
        "Planned {planned} · delivered {delivered}",
    ),
    "act.output_proposed": (
        "รายละเอียดในแผนระบุ {planned} (ยังไม่ได้ยืนยัน)",
        "The plan's text says {planned} (not yet confirmed)",
    ),
    "done.delivery": ("บันทึกผลผลิตของกิจกรรม {code} แล้ว", "Activity {code}: output recorded"),
    "done.output": ("กำหนดผลผลิตของกิจกรรม {code} แล้ว", "Activity {code}: output set"),
    "done.correct_delivery": (
        "แก้ไขผลผลิตของกิจกรรม {code} แล้ว",
        "Activity {code}: delivery corrected",
    ),
}

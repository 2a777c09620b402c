"""What an activity's own text promises to deliver (ผลผลิต), read where it says so plainly.

The plan's details column says it: ``จำนวน 1 ครั้ง/1 วัน``, ``จำนวน 2 ป้าย``, ``อย่างน้อย
ปีละ 3 ครั้ง``. A proposal is read only from ``จำนวน N <unit>`` or ``ปีละ N <unit>`` with a
unit this module knows, in the details or, when they say nothing, the steps; when the
text names more than one different output, or an unknown unit, nothing is proposed
(a manager sets it). A proposal is never an event: a manager confirms or sets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.thai import to_arabic_digits

UNITS = (
    "ตารางเมตร", "กิโลเมตร", "หมู่บ้าน", "โครงการ", "กิจกรรม", "เครื่อง", "ครั้ง", "ป้าย",
    "แห่ง", "ราย", "เล่ม", "จุด", "ชุมชน", "วัน", "รุ่น", "เส้น", "สาย", "ชุด", "หลัง", "ตัว",
    "เรื่อง", "ฉบับ", "แผ่น", "ต้น", "ไร่", "เมตร", "คน",
)  # fmt: skip
"""Units of output a plan names; the longer first, so ``ตารางเมตร`` is not ``เมตร``."""
_AMOUNT = re.compile(r"(?:จำนวน|ปีละ)\s*(\d[\d,]*(?:\.\d+)?)\s*")


@dataclass(frozen=True, slots=True)
class Output:
    quantity: Decimal
    unit: str


def propose_output(details: str, steps: Iterable[str] = ()) -> Output | None:
    """The one output the text names plainly, or None."""
    for texts in ([details], list(steps)):
        found = {o for text in texts for o in _outputs(text)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None  # several different outputs: not plain
    return None


def _outputs(text: str) -> list[Output]:
    plain = to_arabic_digits(text)
    found = []
    for match in _AMOUNT.finditer(plain):
        rest = plain[match.end() :]
        unit = next((u for u in UNITS if rest.startswith(u)), None)
        if unit is not None:
            found.append(Output(Decimal(match.group(1).replace(",", "")), unit))
    return found

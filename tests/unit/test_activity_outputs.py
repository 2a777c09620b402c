"""Outputs (ผลผลิต, issue 16): proposed by the plan's own text where it says so plainly,
set by a manager, delivered by staff.

Every test runs on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.errors import InputError
from domain.outputs import Output, propose_output
from tests.unit.activity_helpers import MANAGER, STAFF, code, events_of, refused

ON = date(2009, 1, 20)


@pytest.mark.parametrize(
    ("details", "steps", "proposed"),
    [
        ("จัดทำแผน ... จำนวน 1 ครั้ง/1 วัน โดยมีการดำเนินการดังนี้", (), Output(Decimal(1), "ครั้ง")),
        ("ให้ประชาชนรู้ อย่างน้อยปีละ 3 ครั้ง", (), Output(Decimal(3), "ครั้ง")),
        ("", ("ก่อสร้างป้ายประชาสัมพันธ์จำนวน 2 ป้าย บริเวณ…", "ตรวจรับ"), Output(Decimal(2), "ป้าย")),
        ("ปรับปรุงถนน จำนวน ๑,๒๐๐ ตารางเมตร", (), Output(Decimal(1200), "ตารางเมตร")),
        ("1.ฝึกอบรมเชิงปฏิบัติการศักยภาพบุคลากร", (), None),  # a number, but no output named
        ("จำนวน 2 ครั้ง และจำนวน 3 ป้าย", (), None),  # two outputs: not plain
        ("จำนวน 5 ถัง", (), None),  # a unit this reader does not know: a manager sets it
    ],
)
def test_the_plan_text_proposes_an_output_only_when_it_says_so_plainly(
    details: str, steps: tuple[str, ...], proposed: Output | None
) -> None:
    assert propose_output(details, steps) == proposed


def test_a_manager_sets_the_output_and_staff_deliver_it(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "2.1")
    refused("output_not_planned", tracker.deliver_output, a, 1, actor=STAFF, occurred_on=ON)
    tracker.plan_output(a, 3, "ครั้ง", actor=MANAGER, occurred_on=ON)
    tracker.deliver_output(a, "1", note="แถลงข่าวครั้งที่ 1", actor=STAFF, occurred_on=ON)
    tracker.deliver_output(a, 1, actor=STAFF, occurred_on=ON)
    refused("reason_required", tracker.plan_output, a, 4, "ครั้ง", actor=MANAGER, occurred_on=ON)
    refused("no_change", tracker.plan_output, a, 3, "ครั้ง", reason="x", actor=MANAGER,
            occurred_on=ON)  # fmt: skip
    tracker.correct_delivery(a, 2, 0, reason="บันทึกซ้ำ", actor=MANAGER)
    refused("delivery_unknown", tracker.correct_delivery, a, 3, 1, reason="x", actor=MANAGER)
    refused("output_quantity", tracker.deliver_output, a, 0, actor=STAFF, occurred_on=ON)
    with pytest.raises(InputError):
        tracker.deliver_output(a, "สาม", actor=STAFF, occurred_on=ON)
    activity = tracker.get_activity(a)
    assert activity.output == (Decimal(3), "ครั้ง")
    assert [d.quantity for d in activity.deliveries] == [Decimal(1), Decimal(0)]
    assert events_of(tracker, a)[-4:] == [
        "OutputPlanned", "OutputDelivered", "OutputDelivered", "DeliveryCorrected",
    ]  # fmt: skip

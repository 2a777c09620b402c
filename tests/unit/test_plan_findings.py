"""The monitoring committee's findings and suggestions (issue 16): events of the plan,
written after the period began, replaced only with a reason and a change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from application.tracker import Tracker
from domain.errors import RuleViolation
from domain.periods import Period
from projections.fold import Fold
from storage.store import Store
from tests.builders import small_plan


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    opened = Tracker(Store.memory())
    yield opened
    opened.close()


def test_findings_are_kept_per_period_and_replaced_with_a_reason(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    tracker.record_findings(
        plan_id, "half", findings="  ดำเนินการแล้ว 1 โครงการ\n\n\n\nล่าช้า 1 กิจกรรม  ",
        suggestions="เร่งรัดการเบิกจ่าย", actor="manee", occurred_on=date(2009, 4, 20),
    )  # fmt: skip
    with pytest.raises(RuleViolation) as no_reason:
        tracker.record_findings(plan_id, "half", findings="แก้ไข", actor="manee",
                                occurred_on=date(2009, 4, 21))  # fmt: skip
    assert (no_reason.value.rule, no_reason.value.field) == ("reason_required", "reason")
    tracker.record_findings(
        plan_id, "half", findings="ดำเนินการแล้ว 2 โครงการ", reason="นับโครงการที่ 3 ตกไป",
        actor="manee", occurred_on=date(2009, 4, 21),
    )  # fmt: skip
    plan = tracker.get_plan(plan_id)
    assert plan.findings[Period.HALF].findings == "ดำเนินการแล้ว 2 โครงการ"
    fold = Fold()
    for position, event in enumerate(tracker.history(plan_id), 1):
        fold.apply(position, event)
    facts = fold.plans[plan_id]
    assert [(f.findings, f.reason) for f in facts.findings] == [
        ("ดำเนินการแล้ว 1 โครงการ\n\nล่าช้า 1 กิจกรรม", ""),
        ("ดำเนินการแล้ว 2 โครงการ", "นับโครงการที่ 3 ตกไป"),
    ]
    latest = facts.findings_of("half")
    assert latest is not None and (latest.actor, latest.on) == ("manee", date(2009, 4, 21))
    assert facts.findings_of("year") is None


@pytest.mark.parametrize(
    ("period", "findings", "on", "rule", "field"),
    [
        ("half", "", date(2009, 4, 20), "reason_required", "findings"),
        ("q5", "ผล", date(2009, 4, 20), "period_unknown", "period"),
        ("q3", "ผล", date(2009, 3, 31), "findings_before_period", "occurred_on"),
        ("half", "ผ" * 20_001, date(2009, 4, 20), "text_too_long", "findings"),
    ],
)
def test_refusals_name_the_rule_and_record_nothing(
    tracker: Tracker, period: str, findings: str, on: date, rule: str, field: str
) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    version = tracker.get_plan(plan_id).version
    with pytest.raises(RuleViolation) as refused:
        tracker.record_findings(plan_id, period, findings=findings, actor="manee", occurred_on=on)
    assert (refused.value.rule, refused.value.field) == (rule, field)
    assert tracker.get_plan(plan_id).version == version


def test_the_same_text_again_is_no_change(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    tracker.record_findings(plan_id, "year", findings="ครบ", actor="manee")
    with pytest.raises(RuleViolation) as same:
        tracker.record_findings(plan_id, "year", findings="ครบ", reason="ซ้ำ", actor="manee")
    assert same.value.rule == "no_change"

"""A funding source named by a plan's document: seeded at adoption, changed by a revision
that names another (listed as a difference, never silently dropped), and a manager's
change between revisions not read as the document's."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from application.tracker import Tracker
from domain.draft import PlanDraft
from domain.errors import RuleViolation
from tests.builders import small_plan

FIRST = "แก้ไขครั้งที่ 1/2552"
ON = date(2009, 1, 15)


def sourced(plan: PlanDraft, **sources: str) -> PlanDraft:
    """The plan with the funding sources given by project code (``p1="เงินสะสม"``)."""
    return plan.with_projects(
        tuple(replace(p, funding_source=sources.get(f"p{p.code}", "")) for p in plan.projects)
    )


def test_a_document_naming_another_source_differs_and_a_revision_carries_it(
    tracker: Tracker,
) -> None:
    plan_id = tracker.import_plan(sourced(small_plan(), p1="งบประมาณรายจ่าย"), actor="admin").plan_id
    changed = sourced(small_plan(), p1="เงินสะสม")
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(changed, actor="admin")
    assert caught.value.rule == "plan_differs"
    assert "แหล่งงบประมาณของโครงการ 1 'งบประมาณรายจ่าย' → 'เงินสะสม'" in caught.value.message("th")
    report = tracker.import_plan(changed, actor="manee", revision=FIRST, occurred_on=ON)
    assert [c.words.en for c in report.changes] == [
        "project 1 funding source 'งบประมาณรายจ่าย' → 'เงินสะสม'"
    ]
    project = tracker.find_project(plan_id, "1")
    assert (project.funding_source, project.documented_source) == ("เงินสะสม", "เงินสะสม")
    assert tracker.import_plan(changed, actor="admin").unchanged


def test_a_managers_change_is_not_the_documents_and_a_document_without_one_says_nothing(
    tracker: Tracker,
) -> None:
    adopted = sourced(small_plan(), p1="งบประมาณรายจ่าย")
    plan_id = tracker.import_plan(adopted, actor="admin").plan_id
    tracker.set_funding_source(plan_id, "1", "เงินอุดหนุนเฉพาะกิจ", reason="ได้รับเงินอุดหนุน",
                               actor="manee", occurred_on=ON)  # fmt: skip
    assert tracker.import_plan(adopted, actor="admin").unchanged
    assert tracker.import_plan(small_plan(), actor="admin").unchanged  # no column, no claim
    project = tracker.find_project(plan_id, "1")
    assert (project.funding_source, project.documented_source) == (
        "เงินอุดหนุนเฉพาะกิจ", "งบประมาณรายจ่าย",
    )  # fmt: skip


def test_a_revision_may_name_the_source_a_manager_had_already_set(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    tracker.set_funding_source(plan_id, "2", "เงินสะสม", actor="manee", occurred_on=ON)
    revised = sourced(small_plan(), p2="เงินสะสม")
    report = tracker.import_plan(revised, actor="manee", revision=FIRST, occurred_on=ON)
    assert [c.words.en for c in report.changes] == ["project 2 funding source '-' → 'เงินสะสม'"]
    project = tracker.find_project(plan_id, "2")
    assert (project.funding_source, project.documented_source) == ("เงินสะสม", "เงินสะสม")
    assert tracker.import_plan(revised, actor="admin").unchanged

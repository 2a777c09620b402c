"""Revisions of the plan: a document that differs is recorded, named and dated, or refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from application.tracker import Tracker
from domain.calendar import Month
from domain.draft import PlanDraft, ProjectDraft
from domain.errors import RuleViolation
from tests.builders import activity, small_plan

FIRST = "แก้ไขครั้งที่ 1/2552"
ON = date(2009, 1, 15)


def topics(tracker: Tracker, after: int = 0) -> list[str]:
    return [
        n.topic.removeprefix("tidtam.")
        for n in tracker.recorder.select_notifications(after + 1, 10_000)
    ]


def revised_plan() -> PlanDraft:
    """small_plan after a revision: project 1 loses 1.2 and its budget shrinks, 1.1 moves
    and costs more, project 2 is withdrawn, project 3 comes in."""
    plan = small_plan()
    one = plan.projects[0]
    return plan.with_projects(
        (
            replace(
                one,
                budget=Decimal("40000.00"),
                activities=(
                    activity(
                        "1.1",
                        "40000",
                        ("2009-03", "2009-04"),
                        steps=((1, ("2009-03",)), (2, ("2009-03",)), (3, ("2009-04",))),
                    ),
                ),
            ),
            ProjectDraft(
                "3",
                "โครงการเสียงตามสาย",
                Decimal("20000.00"),
                (activity("3.1", "20000", ("2009-05",)),),
            ),
        )
    )


def test_a_revision_records_each_change_as_an_event_carrying_its_number(
    tracker: Tracker,
) -> None:
    adopted = tracker.import_plan(small_plan(), actor="admin")
    before = tracker.recorder.max_notification_id() or 0
    report = tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    assert (report.revision, report.revision_number, report.plan_id) == (
        FIRST,
        1,
        adopted.plan_id,
    )
    assert [c.words.en for c in report.changes] == [
        "project 1 budget 130,000 → 40,000 baht",
        "activity 1.1 budget 30,000 → 40,000 baht",
        "activity 1.1 months Jan 2009, Mar 2009 → Mar 2009, Apr 2009",
        "activity 1.1 step 1 months Jan 2009 → Mar 2009",
        "activity 1.1 step 2 months Jan 2009 → Mar 2009",
        "activity 1.1 step 3 months Mar 2009 → Apr 2009",
        "activity 1.2 withdrawn",
        "project 3 added (20,000 baht)",
        "project 2 withdrawn",
    ]
    assert report.projects_added == ("3",) and report.activities_added == ("3.1",)
    assert sorted(topics(tracker, before)) == sorted(
        ["PlanRevised"]
        + ["ActivityWithdrawn", "AllocationReserved"]  # 1.2 gives its 100,000 back
        + ["BudgetRevised", "AllocationReserved", "ActivityRescheduled"]  # 1.1
        + ["StepRescheduled"] * 3
        + ["ProjectBudgetRevised"]  # project 1 shrinks last
        + ["ProjectPlanned", "ActivityPlanned", "BudgetAllocated", "AllocationReserved"]  # 3
        + ["ActivityWithdrawn", "AllocationReserved"] * 2  # 2.1 and 2.2
        + ["ProjectWithdrawn"]
    )
    assert topics(tracker, before)[0] == "PlanRevised"
    plan_id = adopted.plan_id
    one_one = tracker.find_activity(plan_id, "1.1")
    assert one_one.planned_months == (Month(2009, 3), Month(2009, 4))
    assert one_one.documented_months == one_one.planned_months
    assert (one_one.allocation, one_one.original_allocation) == (Decimal("40000"), Decimal("30000"))
    assert tracker.find_activity(plan_id, "1.2").withdrawn_on == ON
    assert tracker.find_project(plan_id, "2").withdrawn_on == ON
    assert tracker.find_project(plan_id, "1").allocated == Decimal("40000")
    added = tracker.find_project(plan_id, "3")
    assert (added.revision, added.budget) == (1, Decimal("20000"))
    assert tracker.get_plan(plan_id).revisions == [FIRST]


def test_the_same_revision_imported_again_appends_nothing(tracker: Tracker) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    head = tracker.recorder.max_notification_id()
    again = tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    plain = tracker.import_plan(revised_plan(), actor="manee")
    assert again.unchanged and plain.unchanged and again.revision_number is None
    assert tracker.recorder.max_notification_id() == head


def test_the_plan_as_adopted_imported_after_a_revision_differs_from_it(tracker: Tracker) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(small_plan(), actor="admin")
    assert caught.value.rule == "plan_differs"
    assert caught.value.values["differences"].en.startswith(
        "project 1 budget 40,000 → 130,000 baht; activity 1.1 budget 40,000 → 30,000 baht;"
    )
    assert "project 2 was withdrawn and cannot come back" in caught.value.values["differences"].en


def test_a_second_revision_under_a_name_already_used_is_refused(tracker: Tracker) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    plan = revised_plan()
    cheaper = plan.with_projects(
        (plan.projects[0], replace(plan.projects[1], budget=Decimal("25000.00")))
    )
    head = tracker.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(cheaper, actor="manee", revision=" แก้ไขครั้งที่ 1/2552 ", occurred_on=ON)
    assert (caught.value.rule, caught.value.field) == ("revision_name_taken", "revision")
    second = tracker.import_plan(
        cheaper, actor="manee", revision="แก้ไขครั้งที่ 2/2552", occurred_on=date(2009, 1, 20)
    )
    assert second.revision_number == 2
    assert [c.words.en for c in second.changes] == ["project 3 budget 20,000 → 25,000 baht"]
    assert tracker.recorder.max_notification_id() == (head or 0) + 2


def test_what_a_revision_cannot_record_is_refused_by_name_and_nothing_is_appended(
    tracker: Tracker,
) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    plan = small_plan()
    renamed = plan.with_projects(
        (
            replace(plan.projects[0], name="โครงการสื่อสารองค์กร", budget=Decimal("140000.00")),
            plan.projects[1],
        )
    )
    head = tracker.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(renamed, actor="manee", revision=FIRST, occurred_on=ON)
    assert caught.value.rule == "revision_change_unsupported"
    assert caught.value.values["differences"].en == (
        "project 1 name 'โครงการพัฒนาการสื่อสาร' → 'โครงการสื่อสารองค์กร'"
    )
    assert tracker.recorder.max_notification_id() == head


def test_an_activity_with_work_on_record_is_not_withdrawn(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin")
    two_one = tracker.find_activity(report.plan_id, "2.1").id
    tracker.record_progress(two_one, 10, actor="somchai", occurred_on=date(2009, 1, 10))
    head = tracker.recorder.max_notification_id()
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    assert (caught.value.rule, caught.value.values["code"]) == ("withdraw_after_work", "2.1")
    assert tracker.recorder.max_notification_id() == head
    assert tracker.get_plan(report.plan_id).revisions == []


def test_a_withdrawn_activity_takes_no_more_work(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin")
    tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    withdrawn = tracker.find_activity(report.plan_id, "1.2").id
    commands: tuple[Callable[[], object], ...] = (
        lambda: tracker.start(withdrawn, actor="somchai"),
        lambda: tracker.revise_budget(withdrawn, Decimal("1"), actor="manee", reason="x"),
        lambda: tracker.cancel(withdrawn, actor="manee", reason="x"),
    )
    for command in commands:
        with pytest.raises(RuleViolation) as caught:
            command()
        assert caught.value.rule == "activity_withdrawn"
    with pytest.raises(RuleViolation) as project:
        tracker.cancel_project(report.plan_id, "2", actor="manee", reason="x")
    assert project.value.rule == "project_withdrawn"


def test_a_revision_may_confirm_what_a_manager_already_moved(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin")
    two_two = tracker.find_activity(report.plan_id, "2.2").id
    tracker.reschedule(two_two, (Month(2009, 6),), actor="manee", reason="รอผู้รับจ้าง")
    plan = small_plan()
    two = plan.projects[1]
    moved = plan.with_projects(
        (
            plan.projects[0],
            replace(
                two,
                activities=(two.activities[0], activity("2.2", "50000", ("2009-06",))),
            ),
        )
    )
    head = tracker.recorder.max_notification_id() or 0
    confirmed = tracker.import_plan(moved, actor="manee", revision=FIRST, occurred_on=ON)
    assert [c.words.en for c in confirmed.changes] == ["activity 2.2 months Feb 2009 → Jun 2009"]
    assert topics(tracker, head) == ["PlanRevised", "ActivityRescheduled"]
    assert tracker.get_activity(two_two).documented_months == (Month(2009, 6),)


def test_a_revision_dry_run_says_its_number_and_appends_nothing(tracker: Tracker) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    head = tracker.recorder.max_notification_id()
    report = tracker.import_plan(
        revised_plan(), actor="manee", revision=FIRST, occurred_on=ON, dry_run=True
    )
    assert (report.dry_run, report.revision_number, report.position) == (True, 1, None)
    assert tracker.recorder.max_notification_id() == head
    done = tracker.import_plan(revised_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    assert (report.events, report.changes) == (done.events, done.changes) == (19, done.changes)
    assert len(topics(tracker, head or 0)) == 19


def test_a_revision_needs_a_plan_to_revise(tracker: Tracker) -> None:
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(small_plan(), actor="manee", revision=FIRST, occurred_on=ON)
    assert (caught.value.rule, caught.value.field) == ("revision_of_no_plan", "revision")
    assert topics(tracker) == []


def test_a_new_section_in_a_revision_carries_its_number(tracker: Tracker) -> None:
    adopted = tracker.import_plan(small_plan(), actor="admin")
    other = small_plan(strategy="3.6")
    both = PlanDraft(
        organisation=other.organisation,
        fiscal_year=other.fiscal_year,
        title=other.title,
        source="both",
        sections=(*small_plan().sections, *other.sections),
    )
    report = tracker.import_plan(both, actor="manee", revision=FIRST, occurred_on=ON)
    assert report.revision_number == 1 and report.changes == ()
    assert report.sections_added == ("ยุทธศาสตร์ที่ 5 › 3.6",)
    added = tracker.find_project(adopted.plan_id, "1", "3.6")
    assert added.revision == 1

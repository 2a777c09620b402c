"""Importing a plan: atomic, idempotent, and honest about what changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from application.tracker import Tracker
from domain.errors import RuleViolation
from tests.builders import activity, small_plan


def all_events(tracker: Tracker) -> list[str]:
    return [n.topic for n in tracker.recorder.select_notifications(1, 10_000)]


def test_import_appends_plan_projects_activities_and_allocations(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin")
    assert report.plan_created
    assert report.projects_added == ("1", "2")
    assert report.activities_added == ("1.1", "1.2", "2.1", "2.2")
    topics = all_events(tracker)
    assert (
        len(topics) == report.events == 1 + 2 + 4 * 2 + 4
    )  # plan, projects, activity+budget, ledger
    assert topics[0] == "tidtam.PlanCreated"
    assert report.position == tracker.recorder.max_notification_id()
    project = tracker.find_project(report.plan_id, "1")
    assert project.allocated == Decimal("130000.00")


def test_import_takes_effect_when_the_fiscal_year_starts(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin")
    first = next(tracker.history(report.plan_id))
    assert first.occurred_on == date(2008, 10, 1)  # type: ignore[attr-defined]


def test_importing_the_same_plan_twice_appends_nothing(tracker: Tracker) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    before = all_events(tracker)
    again = tracker.import_plan(small_plan(), actor="someone else")
    assert again.unchanged and again.position is None
    assert all_events(tracker) == before


def test_a_later_edition_that_changes_what_was_imported_is_refused(tracker: Tracker) -> None:
    tracker.import_plan(small_plan(), actor="admin")
    plan = small_plan()
    grown = plan.with_projects(
        (
            plan.projects[0],
            replace(
                plan.projects[1],
                budget=Decimal("150000.00"),
                activities=(
                    *plan.projects[1].activities[:1],
                    activity("2.2", "30000", ("2009-02",)),
                    activity("2.3", "20000", ("2009-05",)),
                ),
            ),
        ),
    )
    before = all_events(tracker)
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(grown, actor="admin")
    assert caught.value.rule == "plan_differs"
    assert caught.value.values["differences"].en == (
        "activity 2.2 budget 50,000 → 30,000 baht; activity 2.3 added (20,000 baht)"
    )
    assert caught.value.values["differences"].th == (
        "งบประมาณกิจกรรม 2.2 50,000 → 30,000 บาท; เพิ่มกิจกรรม 2.3 (20,000 บาท)"
    )
    assert all_events(tracker) == before


def test_a_new_activity_in_a_later_edition_is_a_difference_until_confirmed(
    tracker: Tracker,
) -> None:
    plan = small_plan()
    smaller = plan.with_projects(
        (
            plan.projects[0],
            replace(plan.projects[1], activities=plan.projects[1].activities[:1]),
        ),
    )
    tracker.import_plan(smaller, actor="admin")
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(plan, actor="admin")
    assert caught.value.values["differences"].en == "activity 2.2 added (50,000 baht)"
    report = tracker.import_plan(
        plan, actor="admin", revision="เพิ่มเติมครั้งที่ 1/2552", occurred_on=date(2009, 1, 5)
    )
    assert report.activities_added == ("2.2",) and not report.plan_created
    assert (report.revision, report.revision_number) == ("เพิ่มเติมครั้งที่ 1/2552", 1)
    added = tracker.find_activity(report.plan_id, "2.2")
    assert (added.allocation, added.revision) == (Decimal("50000.00"), 1)


def test_a_rescheduled_activity_does_not_make_the_same_file_differ(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin")
    a = tracker.find_activity(report.plan_id, "2.2").id
    tracker.reschedule(a, (small_plan().activities[0].planned_months[0],), actor="m", reason="เลื่อน")
    assert tracker.import_plan(small_plan(), actor="admin").unchanged


def test_a_plan_over_its_project_budget_appends_nothing(tracker: Tracker) -> None:
    plan = small_plan()
    over = plan.with_projects(
        (replace(plan.projects[0], budget=Decimal("129999.99")), plan.projects[1])
    )
    with pytest.raises(RuleViolation) as caught:
        tracker.import_plan(over, actor="admin")
    assert caught.value.rule == "allocation_within_project_budget"
    assert all_events(tracker) == []


def test_dry_run_reports_without_appending(tracker: Tracker) -> None:
    report = tracker.import_plan(small_plan(), actor="admin", dry_run=True)
    assert report.dry_run and report.events == 15 and report.position is None
    assert all_events(tracker) == []


def test_the_same_codes_in_another_guideline_are_another_section_of_the_plan(
    tracker: Tracker,
) -> None:
    first = tracker.import_plan(small_plan(strategy="3.5"), actor="admin")
    second = tracker.import_plan(small_plan(strategy="3.6"), actor="admin")
    assert first.plan_id == second.plan_id and tracker.plan_ids() == [first.plan_id]
    assert (first.sections_added, second.sections_added) == (
        ("ยุทธศาสตร์ที่ 5 › 3.5",),
        ("ยุทธศาสตร์ที่ 5 › 3.6",),
    )
    in_35 = tracker.find_activity(first.plan_id, "1.1", "3.5")
    in_36 = tracker.find_activity(first.plan_id, "1.1", "ยุทธศาสตร์ที่ 5 › 3.6")
    assert in_35.id != in_36.id and (in_35.section, in_36.section) == (
        "ยุทธศาสตร์ที่5›3.5",
        "ยุทธศาสตร์ที่5›3.6",
    )
    with pytest.raises(RuleViolation) as ambiguous:
        tracker.find_activity(first.plan_id, "1.1")
    assert ambiguous.value.rule == "code_in_several_sections"

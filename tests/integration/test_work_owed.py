"""What work a person owes on a day (:mod:`projections.work_owed`), worked out by hand on
the small plan, on each backend.

The plan (``tests.builders.small_plan``), with 2.2 handed to another unit:

* 1.1 — January and March, three steps (January, January, March); started 10 Jan,
  step 1 done 20 Jan, 40 % on 10 Feb. On 15 Feb step 2 (due 31 Jan) is 15 days late,
  and by steps 67 % is expected: late, not stale (5 days), nothing due in February.
* 1.2 — March only: on 15 Feb not begun, nothing owed.
* 2.1 — February, April, July; started with 15 % on 1 Feb, then nothing. On 15 Feb
  17 % is expected (15 of 89 days): on track, but 14 days without a word: stale.
* 2.2 — February only, of กองช่าง; 50 % on 10 Feb (54 % expected: on track). Its
  finish falls due 28 Feb: due this month.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.clock import FixedClock
from domain.draft import PlanDraft
from projections.service import Projections
from projections.work_owed import STALE_DAYS, OwedWork, WorkOwedReader
from storage.store import Store
from tests.builders import UNIT, small_plan

OTHER_UNIT = "กองช่าง"
DAY = date(2009, 2, 15)


def plan_with_two_units() -> PlanDraft:
    draft = small_plan()
    section = draft.sections[0]
    second = section.projects[1]
    moved = (second.activities[0], dataclasses.replace(second.activities[1], unit=OTHER_UNIT))
    projects = (section.projects[0], dataclasses.replace(second, activities=moved))
    return dataclasses.replace(draft, sections=(dataclasses.replace(section, projects=projects),))


@dataclass
class Office:
    tracker: Tracker
    projections: Projections
    plan_id: UUID

    def activity(self, code: str) -> UUID:
        return self.tracker.find_activity(self.plan_id, code).id

    def owed(
        self, units: list[str] | None, day: date = DAY, stale_days: int = STALE_DAYS
    ) -> dict[str, OwedWork]:
        self.projections.catch_up()
        reader = WorkOwedReader(self.projections.db)
        return {w.code: w for w in reader.owed(day, units=units, stale_days=stale_days)}


@pytest.fixture
def office(store: Store) -> Iterator[Office]:
    tracker = Tracker(store, clock=FixedClock.at_bangkok(DAY))
    plan_id = tracker.import_plan(plan_with_two_units(), actor="admin").plan_id
    office = Office(tracker, Projections(tracker), plan_id)
    t, a = tracker, office.activity
    t.start(a("1.1"), actor="somsak", occurred_on=date(2009, 1, 10))
    t.complete_step(a("1.1"), 1, actor="somsak", occurred_on=date(2009, 1, 20))
    t.record_progress(a("1.1"), 40, actor="somsak", occurred_on=date(2009, 2, 10))
    t.record_progress(a("2.1"), 15, actor="somsak", occurred_on=date(2009, 2, 1))
    t.record_progress(a("2.2"), 50, actor="wichai", occurred_on=date(2009, 2, 10))
    yield office
    office.projections.close()
    tracker.close()


def test_each_reason_worked_out_by_hand(office: Office) -> None:
    owed = office.owed(None)
    assert list(owed) == ["2.2", "1.1", "2.1"]  # by unit (กองช่าง first), the latest first
    late, stale, due = owed["1.1"], owed["2.1"], owed["2.2"]
    assert (late.reasons, late.days_late, late.due_on) == (("late",), 15, date(2009, 1, 31))
    assert (late.last_recorded_on, late.status, late.progress) == (date(2009, 2, 10), "behind", 40)
    assert (stale.reasons, stale.days_late, stale.due_on) == (("stale",), 0, date(2009, 7, 31))
    assert stale.last_recorded_on == date(2009, 2, 1)
    assert (due.reasons, due.days_late, due.due_on) == (("due",), 0, date(2009, 2, 28))
    assert (due.unit, due.status) == (OTHER_UNIT, "on_track")


def test_work_not_begun_nor_due_is_not_owed(office: Office) -> None:
    assert "1.2" not in office.owed(None)
    assert "1.2" in office.owed(None, day=date(2009, 3, 20))  # its month has come: due


def test_a_unit_sees_only_its_own_work_names_compared_as_keys(office: Office) -> None:
    assert set(office.owed([UNIT])) == {"1.1", "2.1"}
    assert set(office.owed(["งานประชาสัมพันธ์กองวิชาการฯ"])) == {"1.1", "2.1"}
    assert set(office.owed([" กอง ช่าง "])) == {"2.2"}
    assert office.owed([]) == {}
    assert set(office.owed([UNIT, OTHER_UNIT])) == set(office.owed(None))


def test_stale_counts_whole_days_from_the_last_recorded_work(office: Office) -> None:
    assert "2.1" in office.owed(None, stale_days=14)  # 1 Feb to 15 Feb: 14 days
    assert "2.1" not in office.owed(None, stale_days=15)
    office.tracker.record_progress(
        office.activity("2.1"), 18, actor="somsak", occurred_on=date(2009, 2, 14)
    )
    assert "2.1" not in office.owed(None)


def test_the_item_carries_the_version_a_form_expects(office: Office) -> None:
    before = office.owed(None)["1.1"]
    assert before.version == office.tracker.get_activity(office.activity("1.1")).version
    office.tracker.complete_step(
        office.activity("1.1"), 2, actor="somsak", occurred_on=DAY,
        expected_version=before.version,
    )  # fmt: skip
    after = office.owed(None)["1.1"]
    assert after.version == before.version + 1
    assert (after.last_recorded_on, after.due_on) == (DAY, date(2009, 3, 31))


def test_closed_work_and_work_of_a_cancelled_project_are_not_owed(office: Office) -> None:
    office.tracker.complete(office.activity("1.1"), actor="somsak", note="ยุบขั้นตอน", occurred_on=DAY)
    office.tracker.cancel(office.activity("2.2"), actor="manee", reason="ไม่มีงบ")
    assert set(office.owed(None)) == {"2.1"}
    office.tracker.cancel_project(office.plan_id, "2", actor="manee", reason="ยุบโครงการ")
    assert office.owed(None) == {}
    office.tracker.reopen(office.activity("1.1"), actor="manee", reason="ปิดงานก่อนกำหนด")
    assert set(office.owed(None)) == {"1.1"}


def test_a_day_before_a_closing_still_owes_the_work(office: Office) -> None:
    office.tracker.complete(office.activity("2.2"), actor="wichai", occurred_on=DAY)
    assert "2.2" not in office.owed(None)
    assert office.owed(None, day=date(2009, 2, 14))["2.2"].reasons == ("due",)

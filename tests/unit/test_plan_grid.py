"""The plan grid (``projections.plan_grid``): the rows, marks and totals that the
terminal and the plan page both draw.

The fact sheets are folded from real events: a small plan is imported into an
in-memory store, some work is recorded on it, and the log is folded as the views
fold it. The grid is then read on 15 March 2009.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest
from rich.console import Console

from api.cli.render import plan_grid_table
from application.tracker import Tracker
from domain.clock import FixedClock
from domain.draft import PlanDraft, ProjectDraft
from projections.assess import assess, rollup
from projections.plan_grid import ActivityRow, PlanGrid, ProjectRow, StepRow, plan_grid
from projections.queries import PlanSnapshot, fold_as_of
from storage.store import Store
from tests.builders import FY2552, activity, month, small_plan

DAY = date(2009, 3, 15)
OTHER_UNIT = "กองช่าง"


def plan() -> PlanDraft:
    """Project 1 with 1.10 listed before 1.2 and 1.1 (and 1.10 of another unit), project 2,
    and project 3 that is its own single activity, as in the Thung Song plan."""
    first = ProjectDraft(
        "1",
        "โครงการพัฒนาการสื่อสาร",
        Decimal("130000.00"),
        (
            replace(activity("1.10", "40000", ("2009-01",)), unit=OTHER_UNIT),
            activity("1.2", "50000", ("2009-03",)),
            activity(
                "1.1", "30000", ("2009-01", "2009-03"), steps=((1, ("2009-01",)), (2, ("2009-03",)))
            ),
        ),
    )
    second = ProjectDraft(
        "2",
        "โครงการประชาสัมพันธ์องค์กร",
        Decimal("150000.00"),
        (activity("2.1", "100000", ("2009-02", "2009-04")),),
    )
    third = ProjectDraft(
        "3",
        "โครงการก่อสร้างป้ายประชาสัมพันธ์",
        Decimal("178000.00"),
        (
            activity(
                "3", "178000", ("2008-11", "2009-01"), steps=((1, ("2008-11",)), (2, ("2009-01",)))
            ),
        ),
    )
    return small_plan().with_projects((first, second, third))


@pytest.fixture(scope="module")
def snapshot() -> PlanSnapshot:
    """The plan with work recorded: 1.1's first step done in its month (January), 1.2's
    spending in February (before its month), 3's first step done in January (planned
    in November); 1.10 and 2.1 never started."""
    tracker = Tracker(Store.memory(), clock=FixedClock.at_bangkok(DAY))
    plan_id = tracker.import_plan(plan(), actor="admin").plan_id

    def ident(code: str) -> UUID:
        return tracker.find_activity(plan_id, code).id

    tracker.complete_step(ident("1.1"), 1, actor="somchai", occurred_on=date(2009, 1, 20))
    tracker.record_expenditure(
        ident("1.2"), "12000", actor="somchai", occurred_on=date(2009, 2, 10)
    )
    tracker.complete_step(ident("3"), 1, actor="somchai", occurred_on=date(2009, 1, 5))
    found = PlanSnapshot.from_fold(fold_as_of(tracker), plan_id)
    tracker.close()
    assert found is not None
    return found


def layout(grid: PlanGrid) -> list[str]:
    """Each row as ``kind code`` (a step: ``step N``), top to bottom."""
    shown = []
    for row in grid.rows:
        match row:
            case ProjectRow():
                shown.append(f"project {row.code}")
            case ActivityRow():
                shown.append(f"activity {row.assessment.code}")
            case StepRow():
                shown.append(f"step {row.step.number}")
    return shown


def activity_row(grid: PlanGrid, code: str) -> ActivityRow:
    return next(r for r in grid.rows if isinstance(r, ActivityRow) and r.assessment.code == code)


def steps_of(grid: PlanGrid, code: str) -> list[StepRow]:
    ident = activity_row(grid, code).assessment.id
    return [r for r in grid.rows if isinstance(r, StepRow) and r.activity_id == ident]


def marks(row: ActivityRow | StepRow) -> dict[str, str]:
    """The marked months of a row, ``{"2009-01": "both", …}``."""
    return {c.month.iso: c.state for c in row.cells if c.state != "none"}


def test_rows_follow_the_paper_projects_then_activities_by_code_then_their_steps(
    snapshot: PlanSnapshot,
) -> None:
    assert layout(plan_grid(snapshot, DAY)) == [
        "project 1",
        "activity 1.1",
        "step 1",
        "step 2",
        "activity 1.2",
        "activity 1.10",
        "project 2",
        "activity 2.1",
        "activity 3",
        "step 1",
        "step 2",
    ]


def test_a_project_that_is_its_own_single_activity_is_one_row(snapshot: PlanSnapshot) -> None:
    grid = plan_grid(snapshot, DAY)
    assert [r.code for r in grid.rows if isinstance(r, ProjectRow)] == ["1", "2"]
    single = {r.assessment.code for r in grid.rows if isinstance(r, ActivityRow) and r.is_project}
    assert single == {"3"}


def test_cells_mark_planned_worked_and_both_and_the_current_month(
    snapshot: PlanSnapshot,
) -> None:
    grid = plan_grid(snapshot, DAY)
    assert len(activity_row(grid, "1.1").cells) == 12
    assert marks(activity_row(grid, "1.1")) == {"2009-01": "both", "2009-03": "planned"}
    assert marks(activity_row(grid, "1.2")) == {"2009-02": "worked", "2009-03": "planned"}
    assert marks(activity_row(grid, "2.1")) == {"2009-02": "planned", "2009-04": "planned"}
    assert {c.month for c in activity_row(grid, "2.1").cells if c.current} == {month("2009-03")}
    assert [c.month for c in activity_row(grid, "2.1").cells] == list(FY2552.months)


def test_a_step_is_marked_in_the_month_it_was_done_from_that_day_on(
    snapshot: PlanSnapshot,
) -> None:
    first, second = steps_of(plan_grid(snapshot, DAY), "1.1")
    assert (marks(first), first.done_on) == ({"2009-01": "both"}, date(2009, 1, 20))
    assert (marks(second), second.done_on) == ({"2009-03": "planned"}, None)
    assert first.details == "1. ขั้นตอน 1"
    late, _ = steps_of(plan_grid(snapshot, DAY), "3")
    assert marks(late) == {"2008-11": "planned", "2009-01": "worked"}
    before, _ = steps_of(plan_grid(snapshot, date(2009, 1, 19)), "1.1")
    assert (marks(before), before.done_on) == ({"2009-01": "planned"}, None)


def test_the_totals_are_the_roll_up_of_plan_versus_actual(snapshot: PlanSnapshot) -> None:
    grid = plan_grid(snapshot, DAY)
    report = snapshot.versus_actual(DAY)
    assert grid.total == report.total
    assert (grid.budget, grid.total.allocated, grid.spent) == (
        Decimal("458000.00"),
        Decimal("398000.00"),
        Decimal("12000.00"),
    )
    projects = {r.code: r for r in grid.rows if isinstance(r, ProjectRow)}
    assert projects["1"].rollup == next(p for p in report.projects if p.key == "1")
    assert (projects["1"].budget, projects["1"].rollup.spent) == (
        Decimal("130000.00"),
        Decimal("12000.00"),
    )


def test_a_unit_filter_keeps_its_activities_under_their_projects(
    snapshot: PlanSnapshot,
) -> None:
    grid = plan_grid(snapshot, DAY, unit=f" {OTHER_UNIT} ")
    assert layout(grid) == ["project 1", "activity 1.10"]
    assert grid.filtered and set(grid.units) == {OTHER_UNIT, activity("1.1", "1", ()).unit}
    assert grid.budget == Decimal("40000.00")  # the allocations shown, not project 1's budget
    only = [a for f in snapshot.activities if f.code == "1.10" if (a := assess(f, DAY))]
    assert grid.total == rollup("total", "", only)


def test_a_status_filter_keeps_the_activities_of_that_status(snapshot: PlanSnapshot) -> None:
    status = "overdue"
    expected = {
        f.code for f in snapshot.activities if (a := assess(f, DAY)) and a.status.value == status
    }
    assert expected and len(expected) < len(snapshot.activities)
    grid = plan_grid(snapshot, DAY, status=status)
    assert {r.assessment.code for r in grid.rows if isinstance(r, ActivityRow)} == expected
    assert not [r for r in grid.rows if isinstance(r, ProjectRow) and not r.rollup.activities]
    assert plan_grid(snapshot, DAY, status="no_such_status").rows == ()


def test_nothing_shows_before_the_plan_took_effect(snapshot: PlanSnapshot) -> None:
    grid = plan_grid(snapshot, date(2008, 9, 30))
    assert (grid.rows, grid.budget, grid.units) == ((), Decimal(0), ())


def test_the_terminal_draws_the_grid_it_is_given(snapshot: PlanSnapshot) -> None:
    """``tidtam plan`` draws the model: a step done outside its month shows • there."""
    console = Console(width=240, record=True, color_system=None)
    console.print(plan_grid_table(plan_grid(snapshot, DAY)))
    lines = console.export_text().splitlines()
    done = [line for line in lines if "1. ขั้นตอน 1" in line and "✓ เสร็จ" in line]
    assert [(line.count("↔"), line.count("•")) for line in done] == [(1, 0), (1, 1)]  # 1.1, 3
    total = next(line for line in lines if "รวม" in line)
    assert "458,000" in total and "12,000" in total

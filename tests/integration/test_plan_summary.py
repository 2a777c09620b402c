"""The plan summary by strategy (ผด.01), worked out by hand (issue 16).

Three sections under two strategies: ยุทธศาสตร์ที่ 5 holds guidelines 3.5 (projects of
130,000 and 150,000 baht) and 3.6 (one of 130,000); ยุทธศาสตร์ที่ 6 holds the housing
แผนงาน (one of 150,000, run by กองช่าง). Four projects, 560,000 baht. On 1 March 2009 a
manager raises the housing project to 200,000: 610,000 in all from that day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from domain.draft import PlanDraft, ProjectDraft, SectionDraft, StrategyLevel
from projections.plan_summary import SummaryRow, plan_summary
from storage.store import Store
from tests.builders import UNIT, small_plan

STRATEGY_5 = StrategyLevel("ยุทธศาสตร์ที่ 5", "เมืองก้าวหน้าสู่สากล")
STRATEGY_6 = StrategyLevel("ยุทธศาสตร์ที่ 6", "เมืองน่าอยู่")
WORKS = "กองช่าง"


def _section(levels: tuple[StrategyLevel, ...], projects: tuple[ProjectDraft, ...]) -> SectionDraft:
    (only,) = small_plan().sections
    return replace(only, strategy=levels, projects=projects)


def _document() -> PlanDraft:
    first, second = small_plan().sections[0].projects
    housing = replace(
        second,
        code="1",
        activities=tuple(replace(a, code=f"1.{a.code[-1]}", unit=WORKS) for a in second.activities),
    )
    sections = (
        _section((STRATEGY_5, StrategyLevel("3.5", "ประชาสัมพันธ์")), (first, second)),
        _section((STRATEGY_5, StrategyLevel("3.6", "บริการประชาชน")), (first,)),
        _section((STRATEGY_6, StrategyLevel("แผนงานเคหะและชุมชน", "")), (housing,)),
    )
    base = small_plan()
    return PlanDraft(base.organisation, base.fiscal_year, sections, "แผนดำเนินงาน พ.ศ. 2552")


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    opened = Runtime.open(Store.memory())
    yield opened
    opened.close()


def _row(
    level: str, code: str, projects: int, p_share: str, budget: str, b_share: str
) -> tuple[object, ...]:
    return (level, code, projects, Decimal(p_share), Decimal(budget), Decimal(b_share))


def _shape(row: SummaryRow) -> tuple[object, ...]:
    return (row.level, row.code, row.projects, row.project_share, row.budget, row.budget_share)


def test_counts_budgets_and_shares_per_strategy_and_section_at_two_cut_offs(
    runtime: Runtime,
) -> None:
    plan_id = runtime.tracker.import_plan(_document(), actor="admin").plan_id
    housing_key = runtime.tracker.find_project(plan_id, "1", "ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน")
    runtime.tracker.revise_project_budget(
        plan_id, "1", "200000", reason="ราคาวัสดุ", section=housing_key.section,
        actor="manee", occurred_on=date(2009, 3, 1),
    )  # fmt: skip
    runtime.projections.catch_up()
    snapshot = runtime.reader.snapshot(plan_id)

    before = plan_summary(snapshot, date(2009, 2, 1))
    assert [_shape(r) for r in before.rows] == [
        _row("strategy", "ยุทธศาสตร์ที่ 5", 3, "75.00", "410000.00", "73.21"),
        _row("section", "3.5", 2, "50.00", "280000.00", "50.00"),
        _row("section", "3.6", 1, "25.00", "130000.00", "23.21"),
        _row("strategy", "ยุทธศาสตร์ที่ 6", 1, "25.00", "150000.00", "26.79"),
        _row("section", "แผนงานเคหะและชุมชน", 1, "25.00", "150000.00", "26.79"),
    ]
    assert _shape(before.total) == _row("plan", "", 4, "100.00", "560000.00", "100.00")
    assert before.rows[0].units == (UNIT,)
    assert before.rows[3].units == (WORKS,)
    assert before.total.units == (UNIT, WORKS)

    after = plan_summary(snapshot, date(2009, 3, 1))
    assert [(r.code, r.budget, r.budget_share) for r in after.rows] == [
        ("ยุทธศาสตร์ที่ 5", Decimal("410000.00"), Decimal("67.21")),
        ("3.5", Decimal("280000.00"), Decimal("45.90")),
        ("3.6", Decimal("130000.00"), Decimal("21.31")),
        ("ยุทธศาสตร์ที่ 6", Decimal("200000.00"), Decimal("32.79")),
        ("แผนงานเคหะและชุมชน", Decimal("200000.00"), Decimal("32.79")),
    ]
    assert after.total.budget == Decimal("610000.00")


def test_a_day_before_the_plan_counts_nothing_and_shares_nothing(runtime: Runtime) -> None:
    plan_id = runtime.tracker.import_plan(
        _document(), actor="admin", occurred_on=date(2008, 10, 1)
    ).plan_id
    runtime.projections.catch_up()
    summary = plan_summary(runtime.reader.snapshot(plan_id), date(2008, 9, 30))
    assert summary.rows == ()
    assert _shape(summary.total) == _row("plan", "", 0, "0.00", "0", "0.00")


def test_the_example_year_is_one_strategy_of_three_projects(runtime: Runtime) -> None:
    played = play(runtime.tracker, EXAMPLES / "thungsong-2552-year.tsv")
    runtime.projections.catch_up()
    summary = plan_summary(runtime.reader.snapshot(played.plan_id), date(2009, 9, 30))
    assert [_shape(r) for r in summary.rows] == [
        _row("strategy", "ยุทธศาสตร์ที่ 5", 3, "100.00", "458000.00", "100.00"),
        _row("section", "5.1 › แนวทางที่ 3 › 3.5", 3, "100.00", "458000.00", "100.00"),
    ]
    assert summary.rows[1].name.startswith("เพิ่มประสิทธิภาพในการให้ข้อมูลข่าวสาร")
    assert summary.total.units == ("งานประชาสัมพันธ์ กองวิชาการ ฯ",)

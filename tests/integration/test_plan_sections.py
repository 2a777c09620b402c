"""One document, one plan for the organisation's year, holding its sections (issue 15).

Each section (a strategy's guideline or แผนงาน) numbers its projects from 1; project and
activity identity includes the section, so importing the document again appends
nothing, and a later document holding only some sections adds or revises those and
withdraws none. The views gain the section level: the grid heads each section, plan
versus actual rolls up per section and per strategy, the plan resource lists them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from api.runtime import Runtime
from application.tracker import Tracker
from domain.draft import PlanDraft, SectionDraft, StrategyLevel
from domain.plan_table import read_plan
from projections.plan_grid import SectionRow, plan_grid
from projections.resources import plan_resource, plan_vs_actual_resource
from storage.store import Store
from tests.builders import small_plan
from tests.plan_documents import (
    ORGANISATION,
    document_rows,
    sized_plan,
    tsv_text,
    without_rows,
)

STRATEGY_5 = StrategyLevel("ยุทธศาสตร์ที่ 5", "เมืองก้าวหน้าสู่สากล")
STRATEGY_6 = StrategyLevel("ยุทธศาสตร์ที่ 6", "เมืองน่าอยู่")
ON = date(2009, 9, 30)


def section(*levels: StrategyLevel) -> SectionDraft:
    """A section holding the small plan's two projects (codes 1 and 2, as every section)."""
    (only,) = small_plan().sections
    return replace(only, strategy=levels)


def document(*sections: SectionDraft) -> PlanDraft:
    base = small_plan()
    return PlanDraft(base.organisation, base.fiscal_year, sections, "แผนดำเนินงาน พ.ศ. 2552")


GUIDELINE_35 = section(STRATEGY_5, StrategyLevel("3.5", "ประชาสัมพันธ์"))
GUIDELINE_36 = section(STRATEGY_5, StrategyLevel("3.6", "บริการประชาชน"))
HOUSING = section(STRATEGY_6, StrategyLevel("แผนงานเคหะและชุมชน", ""))


def test_a_document_of_three_sections_is_one_plan_and_imports_once() -> None:
    runtime = Runtime.open(Store.memory())
    try:
        first = runtime.tracker.import_plan(
            document(GUIDELINE_35, GUIDELINE_36, HOUSING), actor="admin"
        )
        again = runtime.tracker.import_plan(
            document(GUIDELINE_35, GUIDELINE_36, HOUSING), actor="admin"
        )
        assert first.plan_id == again.plan_id and again.unchanged
        assert first.projects_added[:2] == (
            "ยุทธศาสตร์ที่ 5 › 3.5 › 1",
            "ยุทธศาสตร์ที่ 5 › 3.5 › 2",
        )
        assert len(first.activities_added) == 12  # four in each of three sections
        runtime.projections.catch_up()
        snapshot = runtime.reader.snapshot(first.plan_id)
        assert [s.path for s in snapshot.plan.sections] == [
            "ยุทธศาสตร์ที่ 5 › 3.5",
            "ยุทธศาสตร์ที่ 5 › 3.6",
            "ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน",
        ]
        assert len({a.id for a in snapshot.activities}) == 12
    finally:
        runtime.close()


def test_a_later_document_of_some_sections_adds_and_withdraws_nothing() -> None:
    runtime = Runtime.open(Store.memory())
    try:
        plan_id = runtime.tracker.import_plan(document(GUIDELINE_35), actor="admin").plan_id
        later = runtime.tracker.import_plan(document(GUIDELINE_36, HOUSING), actor="admin")
        assert later.plan_id == plan_id and not later.plan_created
        assert later.sections_added == ("ยุทธศาสตร์ที่ 5 › 3.6", "ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน")
        alone = runtime.tracker.import_plan(document(GUIDELINE_35), actor="admin")
        assert alone.unchanged  # the others are not withdrawn by a document that omits them
        runtime.projections.catch_up()
        assert len(runtime.reader.snapshot(plan_id).plan.sections) == 3
    finally:
        runtime.close()


def test_the_views_head_each_section_and_roll_up_per_section_and_strategy() -> None:
    runtime = Runtime.open(Store.memory())
    try:
        plan_id = runtime.tracker.import_plan(
            document(GUIDELINE_35, GUIDELINE_36, HOUSING), actor="admin"
        ).plan_id
        runtime.projections.catch_up()
        snapshot = runtime.reader.snapshot(plan_id)
        grid = plan_grid(snapshot, ON)
        headings = [r for r in grid.rows if isinstance(r, SectionRow)]
        assert [h.section.path for h in headings] == [s.path for s in snapshot.plan.sections]
        assert all(h.rollup.allocated == Decimal("280000.00") for h in headings)
        assert grid.total.allocated == Decimal("840000.00") and grid.sectioned
        report = plan_vs_actual_resource(snapshot, ON)
        assert [(s.label, s.allocated) for s in report.sections] == [
            ("ยุทธศาสตร์ที่ 5 › 3.5", "280000.00"),
            ("ยุทธศาสตร์ที่ 5 › 3.6", "280000.00"),
            ("ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน", "280000.00"),
        ]
        assert [(s.key, s.activities) for s in report.strategies] == [
            ("ยุทธศาสตร์ที่ 5", 8),
            ("ยุทธศาสตร์ที่ 6", 4),
        ]
        assert [(p.key, p.section) for p in report.projects][:3] == [
            ("1", snapshot.plan.sections[0].key),
            ("2", snapshot.plan.sections[0].key),
            ("1", snapshot.plan.sections[1].key),
        ]
        resource = plan_resource(snapshot, ON)
        assert [s.path for s in resource.sections] == [s.path for s in snapshot.plan.sections]
        assert {p.section for p in resource.projects} == {s.key for s in snapshot.plan.sections}
    finally:
        runtime.close()


def test_the_grid_narrows_to_a_strategy_or_to_one_section() -> None:
    runtime = Runtime.open(Store.memory())
    try:
        plan_id = runtime.tracker.import_plan(
            document(GUIDELINE_35, GUIDELINE_36, HOUSING), actor="admin"
        ).plan_id
        runtime.projections.catch_up()
        snapshot = runtime.reader.snapshot(plan_id)
        whole = plan_grid(snapshot, ON)
        assert [value for value, _ in whole.scopes] == [
            "ยุทธศาสตร์ที่ 5",  # holds two sections, so it is offered on its own
            "ยุทธศาสตร์ที่ 5 › 3.5",
            "ยุทธศาสตร์ที่ 5 › 3.6",
            "ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน",
        ]
        strategy = plan_grid(snapshot, ON, scope="ยุทธศาสตร์ที่ 5")
        headed = [r.section.path for r in strategy.rows if isinstance(r, SectionRow)]
        assert headed == ["ยุทธศาสตร์ที่ 5 › 3.5", "ยุทธศาสตร์ที่ 5 › 3.6"]
        assert strategy.total.allocated == Decimal("560000.00") and strategy.filtered
        one = plan_grid(snapshot, ON, scope="ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน")
        assert [r.section.path for r in one.rows if isinstance(r, SectionRow)] == [
            "ยุทธศาสตร์ที่ 6 › แผนงานเคหะและชุมชน"
        ]
        assert one.total.allocated == one.budget == Decimal("280000.00")
        nothing = plan_grid(snapshot, ON, scope="ยุทธศาสตร์ที่ 9")
        assert nothing.rows == () and nothing.total.allocated == Decimal("0.00")
    finally:
        runtime.close()


def test_a_whole_year_document_imports_into_sqlite_once_and_again_appends_nothing(
    tmp_path: Path,
) -> None:
    """The document as text, read by the importer: ten sections, projects from 1 in each,
    page breaks repeating the header and headings, totals checked."""
    written = sized_plan(60, 10)
    text = tsv_text(document_rows(written, page_every=4)).encode("utf-8")
    draft = read_plan(text, "year.tsv", organisation=ORGANISATION)
    assert without_rows(draft) == written
    assert [len(s.projects) for s in draft.sections] == [6] * 10
    # The plan; each project; each activity planned, allocated and reserved in its project.
    events = 1 + len(draft.projects) + 3 * len(draft.activities)
    with Tracker(Store.sqlite(tmp_path / "tidtam.db")) as tracker:
        first = tracker.import_plan(draft, actor="admin")
        assert first.events == tracker.recorder.max_notification_id() == events
        assert len(first.sections_added) == 10
        assert first.projects_added[:2] == (
            "ยุทธศาสตร์ที่ 1 › แนวทางที่ 1.1 › 1",
            "ยุทธศาสตร์ที่ 1 › แนวทางที่ 1.1 › 2",
        )
    with Tracker(Store.sqlite(tmp_path / "tidtam.db")) as tracker:
        again = tracker.import_plan(
            read_plan(text, "year.tsv", organisation=ORGANISATION), actor="admin"
        )
        assert again.unchanged and again.plan_id == first.plan_id
        assert tracker.recorder.max_notification_id() == events

"""A plan table with a funding-source column (แหล่งงบประมาณ, issue 16): each project's
source is read from it and seeds the project's funding source at import; importing the
same table again appends nothing; a table without the column is read as before."""

from __future__ import annotations

import pytest

from application.tracker import Tracker
from domain.plan_table import PlanTableError, read_plan
from storage.store import Store
from tests.unit.plan_table_helpers import body_row, table, tsv_bytes

SOURCE = 6
"""Where the column is put: after หน่วยดำเนินการ, before ต.ค."""


def _with_source(rows: list[list[str]], heading: str, sources: dict[int, str]) -> list[list[str]]:
    """``rows`` with a column inserted at ``SOURCE``: the heading in the header row, the
    given sources on their (0-based) rows."""
    out = []
    for index, cells in enumerate(rows):
        text = heading if index == 0 else sources.get(index, "")
        out.append([*cells[:SOURCE], text, *cells[SOURCE:]])
    return out


def _rows() -> list[list[str]]:
    return table(
        [
            body_row("1", "โครงการซ่อมถนน", "ถนน 1 สาย", "5,000", marks={3: "↔"}),
            body_row("2", "โครงการอบรม", "อบรม 1 ครั้ง", "2,000", marks={4: "↔"}),
        ]
    )


def test_the_source_column_is_read_for_each_project() -> None:
    rows = _with_source(_rows(), "แหล่งงบประมาณ", {2: "เงินสะสม", 3: "งบประมาณรายจ่าย"})
    plan = read_plan(tsv_bytes(rows), "plan.tsv")
    assert [(p.code, p.funding_source) for p in plan.projects] == [
        ("1", "เงินสะสม"),
        ("2", "งบประมาณรายจ่าย"),
    ]
    assert [a.planned_months[0].iso for a in plan.activities] == ["2009-01", "2009-02"]


def test_a_table_without_the_column_reads_as_before() -> None:
    plan = read_plan(tsv_bytes(_rows()), "plan.tsv")
    assert [p.funding_source for p in plan.projects] == ["", ""]


def test_two_source_columns_are_refused_by_name() -> None:
    rows = _with_source(_with_source(_rows(), "แหล่งเงิน", {}), "แหล่งงบประมาณ", {})
    with pytest.raises(PlanTableError) as refused:
        read_plan(tsv_bytes(rows), "plan.tsv")
    assert (refused.value.rule, refused.value.row, refused.value.column) == (
        "table_column_duplicate",
        1,
        "H",
    )


def test_import_seeds_the_source_and_a_second_import_appends_nothing() -> None:
    rows = _with_source(_rows(), "แหล่งงบประมาณ", {2: "เงินสะสม"})
    tracker = Tracker(Store.memory())
    try:
        plan = read_plan(tsv_bytes(rows), "plan.tsv", organisation="เทศบาลเมืองทุ่งสง")
        first = tracker.import_plan(plan, actor="admin")
        assert tracker.find_project(first.plan_id, "1").funding_source == "เงินสะสม"
        assert tracker.find_project(first.plan_id, "2").funding_source == ""
        assert tracker.import_plan(plan, actor="admin").unchanged
    finally:
        tracker.close()

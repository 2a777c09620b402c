"""The plan table in Excel (issue 16): written by Tidtam and imported back, the same
plan, exactly — for the example as imported and as revised by a manager, and for
generated whole-year plans with sections."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from api.runtime import EXAMPLES, Runtime
from api.web.reports.plan_table import plan_table_workbook
from domain.draft import PlanDraft
from domain.plan_table import read_plan
from projections.imprint import Imprint
from projections.plan_draft import draft_of
from storage.store import Store
from tests.plan_documents import plans, without_rows

IMPRINT = Imprint("เทศบาลเมืองทุ่งสง", 2552, date(2009, 9, 30), datetime(2009, 9, 30, tzinfo=UTC),
                  "", 49, "ab" * 32)  # fmt: skip


def _round_trip(plan: PlanDraft) -> PlanDraft:
    data = plan_table_workbook(plan, IMPRINT)
    return read_plan(data, "plan.xlsx", organisation=plan.organisation)


def _comparable(plan: PlanDraft) -> PlanDraft:
    return without_rows(plan.__class__(plan.organisation, plan.fiscal_year, plan.sections))


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    opened = Runtime.open(Store.memory())
    yield opened
    opened.close()


def test_the_example_plan_comes_back_as_it_was_imported(runtime: Runtime) -> None:
    seed = read_plan((EXAMPLES / "thungsong-2552-strategy5.txt").read_bytes(), "seed.txt")
    plan_id = runtime.tracker.import_plan(seed, actor="admin").plan_id
    runtime.projections.catch_up()
    written = draft_of(runtime.reader.snapshot(plan_id), date(2009, 9, 30))
    assert _comparable(_round_trip(written)) == _comparable(seed)
    assert _comparable(written) == _comparable(seed)


def test_a_revised_budget_and_month_come_back_as_they_stand(runtime: Runtime) -> None:
    seed = read_plan((EXAMPLES / "thungsong-2552-strategy5.txt").read_bytes(), "seed.txt")
    plan_id = runtime.tracker.import_plan(seed, actor="admin").plan_id
    activity = runtime.tracker.find_activity(plan_id, "2.1").id
    runtime.tracker.revise_budget(activity, Decimal("90000"), actor="manee", reason="ลดงบ",
                                  occurred_on=date(2009, 6, 1))  # fmt: skip
    runtime.projections.catch_up()
    on = date(2009, 9, 30)
    back = _round_trip(draft_of(runtime.reader.snapshot(plan_id), on))
    two_one = next(a for a in back.activities if a.code == "2.1")
    assert two_one.budget == Decimal("90000.00")
    before = _round_trip(draft_of(runtime.reader.snapshot(plan_id), date(2009, 5, 31)))
    assert next(a for a in before.activities if a.code == "2.1").budget == Decimal("100000.00")


def test_the_workbook_reads_as_the_printed_form() -> None:
    seed = read_plan((EXAMPLES / "thungsong-2552-strategy5.txt").read_bytes(), "seed.txt")
    sheet = load_workbook(io.BytesIO(plan_table_workbook(seed, IMPRINT))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552"
    assert rows[1][:7] == ("ลำดับที่", "โครงการ/กิจกรรม", "รายละเอียดของกิจกรรม (ผลผลิต)",
                           "งบประมาณ", "พื้นที่", "หน่วยดำเนินการ", "พ.ศ.2551")  # fmt: skip
    assert rows[1][9] == "พ.ศ.2552"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["G2:I2", "J2:R2"]
    assert rows[2][6:18] == ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.",
                             "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.")  # fmt: skip
    first_project = next(r for r in rows if r[0] == "1")
    assert first_project[3] == 130000


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_generated_plan_comes_back_the_same(plan: PlanDraft) -> None:
    assert _comparable(_round_trip(plan)) == _comparable(plan)


def test_a_funding_source_is_written_in_its_own_column_and_read_back(runtime: Runtime) -> None:
    seed = read_plan((EXAMPLES / "thungsong-2552-strategy5.txt").read_bytes(), "seed.txt")
    plan_id = runtime.tracker.import_plan(seed, actor="admin").plan_id
    runtime.tracker.set_funding_source(plan_id, "2", "เงินสะสม", actor="manee",
                                       occurred_on=date(2008, 10, 1))  # fmt: skip
    runtime.projections.catch_up()
    data = plan_table_workbook(
        draft_of(runtime.reader.snapshot(plan_id), date(2009, 9, 30)), IMPRINT
    )
    rows = list(load_workbook(io.BytesIO(data))["ผด.02"].iter_rows(values_only=True))
    assert rows[1][18] == "แหล่งงบประมาณ"
    assert next(r for r in rows if r[0] == "2")[18] == "เงินสะสม"
    back = read_plan(data, "plan.xlsx", organisation=seed.organisation)
    assert {p.code: p.funding_source for p in back.projects} == {
        p.code: ("เงินสะสม" if p.code == "2" else "") for p in seed.projects
    }

"""The importer reads the Thung Song plan exactly, in every format it arrives in."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.calendar import FiscalYear, Month
from domain.draft import PlanDraft, StrategyLevel
from domain.money import format_baht
from domain.plan_table import parse_plan, read_grid, read_plan
from domain.plan_table.cells import MARKS
from domain.thai import name_key, to_thai_digits
from tests.unit.plan_table_helpers import (
    EXAMPLE,
    FIXTURES,
    body_row,
    csv_bytes,
    example_bytes,
    example_rows,
    set_cell,
    table,
    thai_code,
    tsv_bytes,
    variant_rows,
    without_source,
    write,
    xlsx_bytes,
)

UNIT_KEY = name_key("งานประชาสัมพันธ์ กองวิชาการ ฯ")
FY2552 = FiscalYear(2552)


def months(*isos: str) -> tuple[Month, ...]:
    return tuple(Month.from_iso(iso) for iso in isos)


def parse_rows(rows: list[list[str]], name: str = "plan.txt", **kwargs: str) -> PlanDraft:
    return parse_plan(read_grid(tsv_bytes(rows), name), **kwargs)


@pytest.fixture(scope="module")
def draft() -> PlanDraft:
    return read_plan(example_bytes(), EXAMPLE.name)


# The example, item by item


def test_example_belongs_to_thung_song_in_fiscal_year_2552(draft: PlanDraft) -> None:
    assert draft.organisation == "เทศบาลเมืองทุ่งสง"
    assert draft.fiscal_year == FY2552
    assert draft.source == EXAMPLE.name


def test_example_strategy_path_title_and_objective(draft: PlanDraft) -> None:
    (section,) = draft.sections
    assert section.path == "ยุทธศาสตร์ที่ 5 › 5.1 › แนวทางที่ 3 › 3.5"
    assert section.strategy[0] == StrategyLevel(
        "ยุทธศาสตร์ที่ 5",
        "พัฒนาการบริหารจัดการเมืองทุ่งสงให้ก้าวหน้าสู่สากล ตามหลักการบริหารจัดการที่ดี (เมืองก้าวหน้าสู่สากล)",
    )
    assert section.strategy[1] == StrategyLevel("5.1", "บริหารจัดการที่ระดับเทศบาล")
    assert section.strategy[2] == StrategyLevel("แนวทางที่ 3", "เพิ่มประสิทธิภาพการบริหารงานและการบริการ")
    assert draft.title == section.title == section.strategy[3].name
    assert draft.title.startswith("เพิ่มประสิทธิภาพในการให้ข้อมูลข่าวสารแก่ประชาชน")
    assert section.objective.startswith("เพื่อบริหารจัดการเทศบาล")
    assert section.objective.endswith("มาตรฐานเป็นตัวกำหนดคุณภาพ")


def test_example_projects_and_budgets(draft: PlanDraft) -> None:
    assert [(p.code, p.budget) for p in draft.projects] == [
        ("1", Decimal("130000.00")),
        ("2", Decimal("150000.00")),
        ("3", Decimal("178000.00")),
    ]
    assert draft.total_budget == Decimal("458000.00")
    assert draft.projects[0].name == "โครงการพัฒนาเพื่อเสริมสร้างระบบการสื่อสารที่มีประสิทธิภาพ"
    assert [p.source_row for p in draft.projects] == [15, 24, 30]


@pytest.mark.parametrize(
    ("code", "budget", "planned"),
    [
        ("1.1", "30000", ("2009-01", "2009-03")),
        ("1.2", "100000", ("2009-03",)),
        ("2.1", "100000", ("2009-02", "2009-04", "2009-07")),
        ("2.2", "50000", ("2009-02",)),
        ("3", "178000", ("2008-11", "2009-01")),
    ],
)
def test_example_activity_budget_and_months(
    draft: PlanDraft, code: str, budget: str, planned: tuple[str, ...]
) -> None:
    activity = next(a for a in draft.activities if a.code == code)
    assert activity.budget == Decimal(budget).quantize(Decimal("0.01"))
    assert activity.planned_months == months(*planned)


def test_activity_sharing_the_project_row_has_four_steps_across_a_page_break(
    draft: PlanDraft,
) -> None:
    activity = draft.projects[0].activities[0]
    assert activity.name == "กิจกรรมจัดทำแผนกลยุทธ์การสื่อสารและประชาสัมพันธ์ขององค์กรประจำปี"
    assert activity.details.endswith("จำนวน 1 ครั้ง/1 วัน โดยมีการดำเนินการดังนี้")
    steps = [(s.number, s.planned_months, s.source_row) for s in activity.steps]
    jan, mar = months("2009-01", "2009-03")
    assert steps == [(1, (jan,), 16), (2, (jan,), 17), (3, (jan,), 18), (4, (mar,), 22)]
    assert activity.steps[2].text == "จัดทำแผนกลยุทธ์การสื่อสารและประชาสัมพันธ์ของเทศบาลแบบมีส่วนร่วม"


def test_numbered_details_without_a_second_step_are_details(draft: PlanDraft) -> None:
    activity = draft.projects[0].activities[1]
    assert activity.details.startswith("1.ฝึกอบรมเชิงปฏิบัติการ")
    assert activity.steps == ()


def test_project_without_activities_is_one_activity_whose_row_text_is_step_1(
    draft: PlanDraft,
) -> None:
    (activity,) = draft.projects[2].activities
    assert (activity.code, activity.name) == ("3", "โครงการก่อสร้างป้าย ประชาสัมพันธ์โครงการหลัก")
    assert activity.details == ""
    assert [(s.number, s.planned_months) for s in activity.steps] == [
        (1, months("2008-11")),
        (2, months("2009-01")),
    ]
    assert activity.steps[0].text.startswith("ดำเนินการเปิดเรื่องไปยังกองช่าง")


def test_every_area_is_the_municipality_and_every_unit_the_pr_section(draft: PlanDraft) -> None:
    assert {a.area for a in draft.activities} == {"เทศบาลเมืองทุ่งสง"}
    assert {name_key(a.unit) for a in draft.activities} == {UNIT_KEY}
    assert len(draft.activities) == 5


# The same plan in other formats and layouts


def test_csv_rendering_reads_the_same(tmp_path: Path, draft: PlanDraft) -> None:
    path = write(tmp_path, "thungsong.csv", csv_bytes(example_rows()))
    from_csv = read_plan(path.read_bytes(), path.name)
    assert without_source(from_csv) == without_source(draft)
    assert from_csv.source == "thungsong.csv"


def test_csv_with_semicolons_and_a_bom_reads_the_same(tmp_path: Path, draft: PlanDraft) -> None:
    data = csv_bytes(example_rows(), delimiter=";", encoding="utf-8-sig")
    path = write(tmp_path, "thungsong.csv", data)
    assert without_source(read_plan(path.read_bytes(), path.name)) == without_source(draft)


def test_csv_without_year_cells_takes_the_fiscal_year_from_the_title(
    tmp_path: Path, draft: PlanDraft
) -> None:
    rows = example_rows()
    for row in (13, 20, 28):
        set_cell(rows, row, "G", "")
        set_cell(rows, row, "J", "")
    set_cell(rows, 1, "A", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๕๒")
    path = write(tmp_path, "thungsong.csv", csv_bytes(rows))
    assert without_source(read_plan(path.read_bytes(), path.name)) == without_source(draft)


def test_xlsx_rendering_reads_the_same(tmp_path: Path, draft: PlanDraft) -> None:
    path = write(tmp_path, "thungsong.xlsx", xlsx_bytes(example_rows(), sheets_before=1))
    assert without_source(read_plan(path.read_bytes(), path.name)) == without_source(draft)


def _as_variant(draft: PlanDraft) -> PlanDraft:
    """The example as `variant_rows` changes it: two satang budgets, and 1.2's details
    (text, so kept as written) starting with a Thai digit."""
    budgets = {"2.2": "49999.50", "3": "238613.38"}
    projects = []
    for project in draft.projects:
        activities = tuple(
            dataclasses.replace(
                a,
                budget=Decimal(budgets.get(a.code, a.budget)),
                details=thai_code(a.details) if a.code == "1.2" else a.details,
            )
            for a in project.activities
        )
        budget = Decimal(budgets.get(project.code, project.budget))
        projects.append(dataclasses.replace(project, budget=budget, activities=activities))
    return dataclasses.replace(draft.with_projects(tuple(projects)), source="")


@pytest.mark.parametrize("name", ["other.csv", "other.txt"])
def test_reordered_renamed_thai_digit_variant_reads_the_same(
    tmp_path: Path, draft: PlanDraft, name: str
) -> None:
    rows = variant_rows()
    data = csv_bytes(rows) if name.endswith(".csv") else tsv_bytes(rows)
    path = write(tmp_path, name, data)
    assert without_source(read_plan(path.read_bytes(), path.name)) == _as_variant(draft)


@pytest.mark.parametrize(
    "labels",
    [
        ("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน",
         "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"),
        ("Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"),
        ("October", "November", "December", "January", "February", "March", "April", "May",
         "June", "July", "August", "September"),
    ],
)  # fmt: skip
def test_month_labels_may_be_full_thai_or_english_names(
    draft: PlanDraft, labels: tuple[str, ...]
) -> None:
    rows = example_rows()
    for row in (14, 21, 29):
        rows[row - 1][6:18] = labels
    assert without_source(parse_rows(rows)) == without_source(draft)


# Another municipality's file, as its Thai Windows Excel saved it

BAN_MAI = FIXTURES / "banmai-2553-tis620.csv"


def test_tis620_csv_of_a_subdistrict_plan_with_months_in_the_header_row() -> None:
    plan = read_plan(BAN_MAI.read_bytes(), BAN_MAI.name)
    assert plan.organisation == "องค์การบริหารส่วนตำบลบ้านใหม่"
    assert plan.fiscal_year == FiscalYear(2553)  # from the title: no year cells
    assert plan.sections[0].path == "ยุทธศาสตร์ที่ 2 › แนวทางที่ 1"
    assert plan.title == "ก่อสร้างและปรับปรุงถนน"
    assert [(p.code, p.budget) for p in plan.projects] == [
        ("1", Decimal("238613.38")),
        ("2", Decimal("150000.00")),
    ]
    assert plan.total_budget == Decimal("388613.38")  # the "รวม" row is not a project
    only, repair, drains = plan.activities
    assert only.area == "องค์การบริหารส่วนตำบลบ้านใหม่"  # wrapped over two rows
    assert [(s.number, s.planned_months) for s in only.steps] == [
        (1, months("2009-11")),
        (2, months("2010-01", "2010-02")),
        (3, months("2010-03")),
    ]
    assert (repair.code, repair.planned_months) == ("2.1", months("2009-12"))
    assert (drains.code, drains.budget, drains.planned_months) == (
        "2.2",
        Decimal("49999.50"),
        months("2010-04"),
    )
    assert (drains.area, drains.unit) == ("", "กองช่าง")  # the unit comes from project 2


# Tolerance


def test_titles_may_be_missing() -> None:
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks={0: "↔"})]
    (section,) = parse_rows(table(body)).sections
    assert (section.strategy, section.title, section.objective) == ((), "", "")


def test_titles_without_the_word_under_with_thai_digits_and_fewer_levels() -> None:
    titles = ["ยุทธศาสตร์ที่ ๕ การบริหาร", "", "๕.๑ บริหารจัดการ", "วัตถุประสงค์ เพื่อบริหาร"]
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks={0: "↔"})]
    (section,) = parse_rows(table(body, titles=titles)).sections
    assert section.path == "ยุทธศาสตร์ที่ 5 › 5.1"
    assert (section.title, section.objective) == ("บริหารจัดการ", "เพื่อบริหาร")


def test_a_wrapped_title_line_continues_its_level() -> None:
    titles = ["แนวทางการพัฒนาที่ 3. เพิ่มประสิทธิภาพ", "การบริหารงาน"]
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks={0: "↔"})]
    (section,) = parse_rows(table(body, titles=titles)).sections
    assert section.strategy == (StrategyLevel("แนวทางที่ 3", "เพิ่มประสิทธิภาพ การบริหารงาน"),)


def test_organisation_given_wins_and_is_cleaned() -> None:
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", area="ชุมชนบ้านใหม่", marks={0: "x"})]
    plan = parse_rows(table(body), organisation=" เทศบาลเมือง ทุ่งสง ")
    assert plan.organisation == "เทศบาลเมืองทุ่งสง"
    assert plan.activities[0].area == "ชุมชนบ้านใหม่"


def test_activity_without_area_or_unit_takes_its_projects(draft: PlanDraft) -> None:
    rows = example_rows()
    set_cell(rows, 24, "E", "เทศบาลเมือง ทุ่งสง")
    for letter in "EF":
        set_cell(rows, 25, letter, "")
    assert without_source(parse_rows(rows)) == without_source(draft)


def test_wrapped_cells_continue_the_text_above() -> None:
    body = [
        body_row("1", "โครงการหนึ่ง", "รายละเอียด", "1,000", area="เทศบาลเมือง", unit="กอง"),
        body_row(details="ต่อบรรทัด", area="ทุ่งสง", unit="วิชาการ"),
        body_row(details="1.ขั้นแรก", marks={1: "↔"}),
        body_row(details="ต่อขั้นแรก", marks={2: "↔"}),
        body_row(details="2.ขั้นสอง", marks={3: "↔"}),
    ]
    (activity,) = parse_rows(table(body)).activities
    assert activity.details == "รายละเอียด ต่อบรรทัด"
    assert (activity.area, activity.unit) == ("เทศบาลเมืองทุ่งสง", "กอง วิชาการ")
    assert [(s.number, s.text, len(s.planned_months)) for s in activity.steps] == [
        (1, "ขั้นแรก ต่อขั้นแรก", 2),
        (2, "ขั้นสอง", 1),
    ]


def test_activity_row_text_is_step_1_when_the_next_row_goes_on_with_2() -> None:
    body = [
        body_row("1", "โครงการหนึ่ง", "", "1,000"),
        body_row("", "1.1 กิจกรรมแรก", "1.ประชุม", "400", marks={0: "↔"}),
        body_row(details="2.จัดงาน", marks={3: "↔"}),
        body_row("", "1.2 กิจกรรมสอง", "มกราคม", "400", marks={3: "↔"}),
    ]
    first, second = parse_rows(table(body)).activities
    assert first.details == ""
    assert [(s.number, s.text, s.source_row) for s in first.steps] == [
        (1, "ประชุม", 4),
        (2, "จัดงาน", 5),
    ]
    assert first.planned_months == months("2008-10", "2009-01")
    assert (second.details, second.steps) == ("มกราคม", ())


def test_a_wrapped_details_line_that_names_a_month_is_kept() -> None:
    body = [
        body_row("1", "โครงการหนึ่ง", "จัดงานในเดือน", "1,000", marks={3: "↔"}),
        body_row(details="มกราคม"),
    ]
    assert parse_rows(table(body)).activities[0].details == "จัดงานในเดือน มกราคม"


def test_page_numbers_are_skipped_and_a_strategy_line_in_the_body_starts_a_section() -> None:
    """A strategy line inside the table is a heading (issue 15), not a repeated title:
    the table's own titles name no strategy, so project 2 is under a section of its own,
    and the closing total sums the whole plan."""
    body = [
        body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks={0: "↔"}),
        ["- 2 -"],
        ["ยุทธศาสตร์ที่ 5 การบริหาร"],
        body_row("2", "โครงการสอง", "ทำงาน", "2,000", marks={1: "↔"}),
        body_row("", "รวม", "", "3,000"),
    ]
    plan = parse_rows(table(body))
    assert [(s.path, [p.code for p in s.projects]) for s in plan.sections] == [
        ("", ["1"]),
        ("ยุทธศาสตร์ที่ 5", ["2"]),
    ]
    assert plan.total_budget == Decimal("3000.00")


def test_a_repeated_title_line_after_a_page_break_continues_the_section() -> None:
    body = [
        body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks={0: "↔"}),
        ["- 2 -"],
        ["ยุทธศาสตร์ที่ 5 การบริหาร"],
        body_row("2", "โครงการสอง", "ทำงาน", "2,000", marks={1: "↔"}),
        body_row("", "รวม", "", "3,000"),
    ]
    plan = parse_rows(table(body, titles=["ยุทธศาสตร์ที่ 5 การบริหาร"]))
    (section,) = plan.sections
    assert section.path == "ยุทธศาสตร์ที่ 5"
    assert [p.code for p in section.projects] == ["1", "2"]


def test_activity_code_may_stand_in_the_number_column() -> None:
    body = [
        body_row("1", "โครงการหนึ่ง", "", "1,000"),
        body_row("1.1", "กิจกรรมแรก", "ทำงาน", "400", marks={0: "↔"}),
    ]
    (project,) = parse_rows(table(body)).projects
    assert [(a.code, a.name, a.budget) for a in project.activities] == [
        ("1.1", "กิจกรรมแรก", Decimal("400.00"))
    ]


def test_project_without_budget_gets_the_sum_of_its_activities() -> None:
    body = [
        body_row("1", "โครงการหนึ่ง"),
        body_row("", "1.1 กิจกรรมแรก", "ทำงาน", "400", marks={0: "↔"}),
        body_row("", "1.2 กิจกรรมสอง", "ทำงาน", "-", marks={1: "↔"}),
    ]
    (project,) = parse_rows(table(body)).projects
    assert project.budget == Decimal("400.00")
    assert project.activities[1].budget == Decimal("0.00")


@pytest.mark.parametrize("mark", sorted(MARKS | {"<-->", "←-→", " X "}))
def test_every_month_mark_is_accepted(mark: str) -> None:
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks={5: mark})]
    assert parse_rows(table(body)).activities[0].planned_months == months("2009-03")


# Properties

mark_texts = st.sampled_from(sorted(MARKS))


@settings(max_examples=60, deadline=None)
@given(st.sets(st.integers(0, 11), min_size=1), mark_texts)
def test_marked_months_become_the_planned_months(indexes: set[int], mark: str) -> None:
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks=dict.fromkeys(indexes, mark))]
    activity = parse_rows(table(body)).activities[0]
    assert activity.planned_months == tuple(FY2552.months[i] for i in sorted(indexes))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sets(st.integers(0, 11), min_size=1), min_size=1, max_size=4))
def test_planned_months_are_the_union_of_the_steps_months(steps: list[set[int]]) -> None:
    body = [body_row("1", "โครงการหนึ่ง", "ทำดังนี้", "1,000")]
    body += [
        body_row(details=f"{n}.ขั้นที่ {n}", marks=dict.fromkeys(indexes, "↔"))
        for n, indexes in enumerate(steps, start=1)
    ]
    activity = parse_rows(table(body)).activities[0]
    union = set().union(*steps)
    assert activity.planned_months == tuple(FY2552.months[i] for i in sorted(union))
    assert [len(s.planned_months) for s in activity.steps] == [len(s) for s in steps]


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10**11), st.booleans())
def test_amounts_with_satang_read_exactly(satang: int, thai: bool) -> None:
    amount = Decimal(satang) / 100
    text = f"{amount:,.2f}" if satang % 100 else format_baht(amount)
    text = to_thai_digits(text) if thai else text
    body = [body_row("1", "โครงการหนึ่ง", "ทำงาน", text, marks={0: "↔"})]
    plan = parse_rows(table(body))
    assert plan.projects[0].budget == plan.activities[0].budget == amount.quantize(Decimal("0.01"))

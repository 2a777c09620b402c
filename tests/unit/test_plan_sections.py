"""A whole year's plan in one document (issue 15): headings in the table start sections,
each numbering its projects from 1; totals are checked; what cannot be placed is refused.

Each document is written out here as the text a municipality's export gives (CSV, or
tab-separated), so a reader sees the rows and the numbers the assertions name: the
title is row 1, the header row 2, the months row 3, the body from row 4.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal

import pytest

from domain.calendar import Month
from domain.draft import PlanDraft, StrategyLevel
from domain.plan_table import PlanTableError, parse_plan, read_grid

HEAD = """\
แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552
ลำดับที่,โครงการ/กิจกรรม,รายละเอียด,งบประมาณ,พื้นที่,หน่วยดำเนินการ,พ.ศ.2551,,,พ.ศ.2552
,,,,,,ต.ค.,พ.ย.,ธ.ค.,ม.ค.,ก.พ.,มี.ค.,เม.ย.,พ.ค.,มิ.ย.,ก.ค.,ส.ค.,ก.ย.
"""
ORGANISATION = "เทศบาลเมืองทุ่งสง"


def read(body: str) -> PlanDraft:
    text = HEAD + body
    return parse_plan(read_grid(text.encode("utf-8"), "plan.csv"), organisation=ORGANISATION)


def refusal(body: str) -> tuple[str, int | None, str | None]:
    with pytest.raises(PlanTableError) as caught:
        read(body)
    return caught.value.rule, caught.value.row, caught.value.column


def month(iso: str) -> Month:
    return Month.from_iso(iso)


def outline(plan: PlanDraft) -> list[tuple[str, list[tuple[str, Decimal]]]]:
    """Each section's path with its projects' codes and budgets."""
    return [(s.path, [(p.code, p.budget) for p in s.projects]) for s in plan.sections]


S1 = StrategyLevel("ยุทธศาสตร์ที่ 1", "การพัฒนาโครงสร้างพื้นฐาน")
S2 = StrategyLevel("ยุทธศาสตร์ที่ 2", "การพัฒนาคุณภาพชีวิต")
G11 = StrategyLevel("แนวทางที่ 1.1", "ก่อสร้างและปรับปรุงถนน")
G12 = StrategyLevel("แนวทางที่ 1.2", "ระบบระบายน้ำ")
G21 = StrategyLevel("แนวทางที่ 2.1", "สาธารณสุข")

YEAR = """\
ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน
แนวทางที่ 1.1 ก่อสร้างและปรับปรุงถนน
1,ถนนซอยท่าแพ,ก่อสร้างถนน คสล.,"400,000",ชุมชนท่าแพ,กองช่าง,,,↔,↔
2,ถนนซอยหนองบัว,ก่อสร้างถนน คสล.,"250,000.50",ชุมชนหนองบัว,กองช่าง,,,,,↔
,รวม 2 โครงการ,,"650,000.50"
แนวทางที่ 1.2 ระบบระบายน้ำ
1,ขุดลอกคูระบายน้ำ,,"120,000",ชุมชนบ้านใหม่,กองช่าง
,1.1 กิจกรรมสำรวจ,สำรวจเส้นทางน้ำ,"20,000",ชุมชนบ้านใหม่,กองช่าง,↔
,1.2 กิจกรรมขุดลอก,,"100,000",ชุมชนบ้านใหม่,กองช่าง
,,1.จัดจ้าง,,,,,↔
,,2.ขุดลอก,,,,,,,,↔,↔
,รวม 1 โครงการ 120000 บาท
ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต
แนวทางที่ 2.1 สาธารณสุข
1,ป้องกันโรคไข้เลือดออก,พ่นหมอกควัน,"80,000",ชุมชนท่าแพ,กองสาธารณสุข,,,,,,,,↔,↔
,รวม,1 โครงการ,"80,000"
,"รวมทั้งสิ้น 4 โครงการ 850,000.50 บาท"
"""


def test_a_year_of_two_strategies_reads_as_three_sections_with_their_totals() -> None:
    plan = read(YEAR)

    assert [s.strategy for s in plan.sections] == [(S1, G11), (S1, G12), (S2, G21)]
    assert [s.source_row for s in plan.sections] == [5, 9, 17]
    assert outline(plan) == [
        (
            "ยุทธศาสตร์ที่ 1 › แนวทางที่ 1.1",
            [("1", Decimal("400000.00")), ("2", Decimal("250000.50"))],
        ),
        ("ยุทธศาสตร์ที่ 1 › แนวทางที่ 1.2", [("1", Decimal("120000.00"))]),
        ("ยุทธศาสตร์ที่ 2 › แนวทางที่ 2.1", [("1", Decimal("80000.00"))]),
    ]
    assert plan.title == "ก่อสร้างและปรับปรุงถนน"
    road, drain = plan.sections[0].projects[0], plan.sections[1].projects[0]
    assert road.activities[0].planned_months == (month("2008-12"), month("2009-01"))
    assert [(a.code, a.budget, a.planned_months) for a in drain.activities] == [
        ("1.1", Decimal("20000.00"), (month("2008-10"),)),
        ("1.2", Decimal("100000.00"), (month("2008-11"), month("2009-02"), month("2009-03"))),
    ]
    assert [(s.number, s.text) for s in drain.activities[1].steps] == [
        (1, "จัดจ้าง"),
        (2, "ขุดลอก"),
    ]
    health = plan.sections[2].projects[0].activities[0]
    assert health.planned_months == (month("2009-05"), month("2009-06"))


def test_the_same_year_as_tab_separated_text_reads_the_same() -> None:
    cells = list(csv.reader(io.StringIO(HEAD + YEAR)))
    tab_separated = "\n".join("\t".join(row) for row in cells)  # amounts keep their commas

    plan = parse_plan(
        read_grid(tab_separated.encode("utf-8"), "plan.tsv"), organisation=ORGANISATION
    )

    assert dataclasses.replace(plan, source="") == dataclasses.replace(read(YEAR), source="")


FIRST_TOTAL = ',รวม 2 โครงการ,,"650,000.50"'
GRAND_TOTAL = ',"รวมทั้งสิ้น 4 โครงการ 850,000.50 บาท"'


@pytest.mark.parametrize(
    ("written", "instead", "row", "column"),
    [
        (FIRST_TOTAL, ',รวม 3 โครงการ,,"650,000.50"', 8, "B"),  # three stated, two listed
        (FIRST_TOTAL, ',รวม 2 โครงการ,,"650,000"', 8, "D"),  # 50 satang short
        (FIRST_TOTAL, ",รวม 2 โครงการ 650000 บาท", 8, "B"),  # the amount in the words
        (FIRST_TOTAL, ",รวม,2 โครงการ,650100.50", 8, "D"),
        (GRAND_TOTAL, ',รวมทั้งสิ้น,,"650,000.50"', 20, "D"),  # the first section's, not all
        (GRAND_TOTAL, ",รวมทั้งสิ้น 5 โครงการ", 20, "B"),
    ],
)
def test_a_total_that_does_not_add_up_is_refused_naming_its_cell(
    written: str, instead: str, row: int, column: str
) -> None:
    assert refusal(YEAR.replace(written, instead)) == ("section_total_mismatch", row, column)


def test_a_grand_total_sums_every_section_above_it() -> None:
    body = YEAR.replace(FIRST_TOTAL, ',รวมทั้งสิ้น 2 โครงการ,,"650,000.50"')
    assert [len(s.projects) for s in read(body).sections] == [2, 1, 1]


def test_a_mismatch_says_what_was_stated_and_what_the_rows_add_up_to() -> None:
    with pytest.raises(PlanTableError) as caught:
        read(YEAR.replace("รวม 1 โครงการ 120000 บาท", "รวม 1 โครงการ 120001 บาท"))
    assert caught.value.message("en") == (
        "plan.csv, row 15, column B (โครงการ/กิจกรรม): the total row states 120,001 baht but "
        "the section ยุทธศาสตร์ที่ 1 › แนวทางที่ 1.2 has 120,000 baht"
    )


def test_a_total_stating_nothing_is_skipped_and_one_after_the_last_section_may_sum_all() -> None:
    body = YEAR.replace(',รวม 2 โครงการ,,"650,000.50"', ",รวม").replace(
        '"รวมทั้งสิ้น 4 โครงการ 850,000.50 บาท"', 'รวม,,"850,000.50"'
    )
    assert [len(s.projects) for s in read(body).sections] == [2, 1, 1]


THREE_PROGRAMMES = """\
ยุทธศาสตร์ที่ 6 การพัฒนาเมืองน่าอยู่
แผนงานเคหะและชุมชน
1,ไฟฟ้าส่องสว่าง,,"500,000",ชุมชนท่าแพ,กองช่าง,↔
2,ประปาหมู่บ้าน,,"300,000",ชุมชนท่าแพ,กองช่าง,,↔
แผนงานสาธารณสุข
1,รณรงค์ลดขยะ,,"50,000",ชุมชนท่าแพ,กองสาธารณสุข,,,↔
แผนงานการศึกษา
1,อาหารกลางวัน,,"900,000",ชุมชนท่าแพ,กองการศึกษา,,,,↔
2,อาหารเสริมนม,,"700,000",ชุมชนท่าแพ,กองการศึกษา,,,,,↔
3,ห้องสมุดชุมชน,,"60,000",ชุมชนท่าแพ,กองการศึกษา,,,,,,↔
"""


def test_three_sections_each_numbering_projects_from_1_are_three_sections() -> None:
    plan = read(THREE_PROGRAMMES)

    s6 = StrategyLevel("ยุทธศาสตร์ที่ 6", "การพัฒนาเมืองน่าอยู่")
    assert [s.strategy for s in plan.sections] == [
        (s6, StrategyLevel("แผนงานเคหะและชุมชน", "เคหะและชุมชน")),
        (s6, StrategyLevel("แผนงานสาธารณสุข", "สาธารณสุข")),
        (s6, StrategyLevel("แผนงานการศึกษา", "การศึกษา")),
    ]
    assert [[p.code for p in s.projects] for s in plan.sections] == [
        ["1", "2"],
        ["1"],
        ["1", "2", "3"],
    ]
    assert plan.total_budget == Decimal("2510000.00")


def test_a_new_strategy_resets_the_guideline_and_a_programme_nests_under_a_strategy() -> None:
    body = """\
ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน
แนวทางที่ 1.1 ก่อสร้างและปรับปรุงถนน
1,ถนนซอยท่าแพ,,"1,000",ชุมชนท่าแพ,กองช่าง,↔
ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต
แผนงานสาธารณสุข
1,รณรงค์ลดขยะ,,"2,000",ชุมชนท่าแพ,กองช่าง,↔
ยุทธศาสตร์ที่ 3 การบริหารจัดการที่ดี
1,อบรมบุคลากร,,"3,000",ชุมชนท่าแพ,สำนักปลัดเทศบาล,↔
แผนงานบริหารงานทั่วไป
1,จัดซื้อครุภัณฑ์,,"4,000",ชุมชนท่าแพ,สำนักปลัดเทศบาล,↔
"""
    assert outline(read(body)) == [
        ("ยุทธศาสตร์ที่ 1 › แนวทางที่ 1.1", [("1", Decimal("1000.00"))]),
        ("ยุทธศาสตร์ที่ 2 › แผนงานสาธารณสุข", [("1", Decimal("2000.00"))]),
        ("ยุทธศาสตร์ที่ 3", [("1", Decimal("3000.00"))]),
        ("ยุทธศาสตร์ที่ 3 › แผนงานบริหารงานทั่วไป", [("1", Decimal("4000.00"))]),
    ]


def test_a_programme_after_a_guideline_with_projects_cannot_be_placed() -> None:
    body = """\
ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน
แนวทางที่ 1.1 ก่อสร้างและปรับปรุงถนน
1,ถนนซอยท่าแพ,,"1,000",ชุมชนท่าแพ,กองช่าง,↔
แผนงานเคหะและชุมชน
1,ไฟฟ้าส่องสว่าง,,"2,000",ชุมชนท่าแพ,กองช่าง,↔
"""
    assert refusal(body) == ("section_heading_unplaced", 7, "A")


def test_a_numbered_heading_with_nothing_of_its_number_above_is_refused() -> None:
    body = """\
ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต
3.1 สาธารณสุข
1,รณรงค์ลดขยะ,,"2,000",ชุมชนท่าแพ,กองช่าง,↔
"""
    assert refusal(body) == ("section_heading_unplaced", 5, "A")


PAGE_BREAK = """\
ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน
แนวทางที่ 1.1 ก่อสร้างและปรับปรุงถนน
1,ถนนซอยท่าแพ,,"1,000",ชุมชนท่าแพ,กองช่าง
,1.1 กิจกรรมสำรวจ,,500,ชุมชนท่าแพ,กองช่าง,↔
,,1.สำรวจ,,,,↔
- 2 -
ลำดับที่,โครงการ/กิจกรรม,รายละเอียด,งบประมาณ,พื้นที่,หน่วยดำเนินการ,พ.ศ.2551,,,พ.ศ.2552
,,,,,,ต.ค.,พ.ย.,ธ.ค.,ม.ค.,ก.พ.,มี.ค.,เม.ย.,พ.ค.,มิ.ย.,ก.ค.,ส.ค.,ก.ย.
ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน
แนวทางที่ 1.1 ก่อสร้างและปรับปรุงถนน
,,2.รายงานผล,,,,,↔
2,ถนนซอยหนองบัว,,"2,000",ชุมชนหนองบัว,กองช่าง,,↔
,รวม 2 โครงการ,,"3,000"
"""


def test_a_heading_repeated_after_a_page_break_continues_its_section() -> None:
    (section,) = read(PAGE_BREAK).sections

    assert section.strategy == (S1, G11)
    assert [(p.code, p.budget) for p in section.projects] == [
        ("1", Decimal("1000.00")),
        ("2", Decimal("2000.00")),
    ]
    (survey,) = section.projects[0].activities
    assert [(s.number, s.text, s.planned_months) for s in survey.steps] == [
        (1, "สำรวจ", (month("2008-10"),)),
        (2, "รายงานผล", (month("2008-11"),)),
    ]


def test_a_heading_repeated_without_a_page_break_is_a_duplicate_section() -> None:
    body = PAGE_BREAK.replace("- 2 -\n", "").replace(
        "ลำดับที่,โครงการ/กิจกรรม,รายละเอียด,งบประมาณ,พื้นที่,หน่วยดำเนินการ,พ.ศ.2551,,,พ.ศ.2552\n"
        ",,,,,,ต.ค.,พ.ย.,ธ.ค.,ม.ค.,ก.พ.,มี.ค.,เม.ย.,พ.ค.,มิ.ย.,ก.ค.,ส.ค.,ก.ย.\n",
        "",
    )
    # Row 9 repeats the strategy (a new section of it, as yet without projects);
    # row 10 then names the guideline of rows 4-5 again.
    with pytest.raises(PlanTableError) as caught:
        read(body)
    error = caught.value
    assert (error.rule, error.row, error.column) == ("section_duplicate", 10, "A")
    assert error.values["first_row"] == 5


def test_a_section_heading_seen_again_later_is_a_duplicate_naming_both_rows() -> None:
    body = THREE_PROGRAMMES + "แผนงานสาธารณสุข\n1,รณรงค์อีกครั้ง,,100,ชุมชนท่าแพ,กองช่าง,↔\n"
    with pytest.raises(PlanTableError) as caught:
        read(body)
    error = caught.value
    assert (error.rule, error.row, error.column) == ("section_duplicate", 14, "A")
    assert error.values["first_row"] == 8
    assert error.values["path"] == "ยุทธศาสตร์ที่ 6 › แผนงานสาธารณสุข"


def test_a_heading_with_no_project_before_the_next_is_an_empty_section() -> None:
    body = THREE_PROGRAMMES.replace(
        'แผนงานสาธารณสุข\n1,รณรงค์ลดขยะ,,"50,000",ชุมชนท่าแพ,กองสาธารณสุข,,,↔\n',
        "แผนงานสาธารณสุข\n",
    )
    assert refusal(body) == ("section_empty", 8, "A")


def test_a_last_heading_with_no_project_is_an_empty_section() -> None:
    assert refusal(THREE_PROGRAMMES + "แผนงานสังคมสงเคราะห์\n") == ("section_empty", 14, "A")


def test_a_repeated_header_naming_another_fiscal_year_is_refused() -> None:
    body = PAGE_BREAK.replace(
        "พ.ศ.2551,,,พ.ศ.2552\n,,,,,,ต.ค.", "พ.ศ.2552,,,พ.ศ.2553\n,,,,,,ต.ค.", 1
    )
    assert refusal(body) == ("fiscal_year_repeated_differently", 10, "G")


def test_a_title_line_in_the_table_naming_another_fiscal_year_is_refused() -> None:
    body = PAGE_BREAK.replace("- 2 -\n", "- 2 -\nแผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2553\n")
    assert refusal(body) == ("fiscal_year_repeated_differently", 10, "A")


def test_a_section_of_1200_projects_numbers_them_past_999() -> None:
    rows = [f'{n},โครงการที่ {n},,"1,000",ชุมชนท่าแพ,กองช่าง,↔' for n in range(1, 1201)]
    body = "แนวทางที่ 1.1 ก่อสร้างและปรับปรุงถนน\n" + "\n".join(rows)
    body += '\n,"รวม 1,200 โครงการ 1,200,000 บาท"\n'

    (section,) = read(body).sections

    assert [p.code for p in section.projects] == [str(n) for n in range(1, 1201)]
    assert section.projects[-1].name == "โครงการที่ 1200"
    assert section.projects[-1].activities[0].code == "1200"
    assert sum(p.budget for p in section.projects) == Decimal("1200000.00")


def test_project_and_activity_numbers_may_have_five_digits() -> None:
    body = """\
12345,โครงการใหญ่,,"2,000",ชุมชนท่าแพ,กองช่าง
,12345.1 กิจกรรมแรก,,"2,000",ชุมชนท่าแพ,กองช่าง,↔
"""
    (project,) = read(body).projects
    assert (project.code, [a.code for a in project.activities]) == ("12345", ["12345.1"])


@pytest.mark.parametrize("words", ["รวม 3 กิจกรรม", "รวม 2 โครงการ ครึ่งปี"])
def test_a_total_row_that_cannot_be_read_is_refused_rather_than_taken_as_text(
    words: str,
) -> None:
    body = YEAR.replace(FIRST_TOTAL, f",{words}")
    assert refusal(body) == ("section_total_unreadable", 8, "B")

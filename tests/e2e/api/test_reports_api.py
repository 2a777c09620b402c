"""The reports through HTTP (issue 16): the plan summary by strategy (ผด.01) as JSON, as a
printable document and as a workbook, each holding the same figures, worked by hand
for the example plan (three projects, 458,000 baht, one guideline of ยุทธศาสตร์ที่ 5)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.e2e.api.conftest import Api, OpenApi, problem
from tests.pdf_reading import first_page_picture, needs_pdf, pdf_text, readable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _summary(api: Api) -> str:
    return f"/api/v1/plans/{api.plan_id}/reports/summary"


def test_the_summary_as_json_counts_the_example_plan(open_api: OpenApi) -> None:
    api = open_api()
    api.settle()
    body = api.get(_summary(api), params={"on": "2009-03-31"}, who="staff").json()
    assert (body["organisation"], body["fiscal_year"], body["on"]) == (
        "เทศบาลเมืองทุ่งสง",
        2552,
        "2009-03-31",
    )
    assert [(r["level"], r["code"], r["projects"], r["budget"]) for r in body["rows"]] == [
        ("strategy", "ยุทธศาสตร์ที่ 5", 3, "458000.00"),
        ("section", "5.1 › แนวทางที่ 3 › 3.5", 3, "458000.00"),
    ]
    total = body["total"]
    assert (total["projects"], total["project_share"], total["budget_share"]) == (
        3,
        "100.00",
        "100.00",
    )
    assert total["units"] == ["งานประชาสัมพันธ์ กองวิชาการ ฯ"]


def test_the_workbook_and_the_document_hold_the_same_figures(open_api: OpenApi) -> None:
    api = open_api()
    api.settle()
    sheet_response = api.get(_summary(api), headers={"Accept": XLSX}, who="auditor")
    assert sheet_response.status_code == 200, sheet_response.text
    assert sheet_response.headers["content-type"] == XLSX
    assert "attachment" in sheet_response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(sheet_response.content)).active
    assert sheet is not None
    rows = [tuple(c for c in row if c is not None) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("แบบ ผด.01",)
    assert rows[1] == ("บัญชีสรุปจำนวนโครงการและงบประมาณ",)
    assert rows[2] == ("แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552",)
    assert rows[4] == ("ข้อมูล ณ วันที่ 30 ก.ย. 2552",)
    assert rows[7][1:5] == (3, 100, 458000, 100)
    assert rows[8][0] == "รวม" and rows[8][1:5] == (3, 100, 458000, 100)
    assert rows[-1][0].startswith("ห่วงโซ่บันทึก ลำดับที่ ")

    document = api.get(_summary(api), params={"format": "html"}, who="auditor")
    assert document.headers["content-type"].startswith("text/html")
    assert document.headers["content-security-policy"].startswith("default-src 'none'")
    html = document.text
    assert "บัญชีสรุปจำนวนโครงการและงบประมาณ" in html and '<td class="num">458,000</td>' in html
    assert "<script" not in html and "http" not in html.split("<body>")[1]


def test_a_summary_as_known_before_the_plan_was_imported_is_not_found(open_api: OpenApi) -> None:
    api = open_api()
    api.settle()
    response = api.get(_summary(api), params={"as_of": "2008-10-01T00:00:00+07:00"}, who="staff")
    assert response.status_code == 404


def test_an_unknown_format_is_refused_by_name(open_api: OpenApi) -> None:
    api = open_api()
    refused = api.get(_summary(api), params={"format": "doc"}, who="staff")
    problem(refused, 406, "report_format_unknown")


def test_the_pdf_says_in_thai_what_the_document_says(open_api: OpenApi) -> None:
    needs_pdf()
    api = open_api()
    api.settle()
    response = api.get(
        _summary(api), params={"on": "2009-03-31"}, headers={"Accept": "application/pdf"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in (
        "แบบ ผด.01",
        "บัญชีสรุปจำนวนโครงการและงบประมาณ",
        "แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552",
        "เทศบาลเมืองทุ่งสง",
        "รวม 3 100.00 458,000 100.00",
        "ข้อมูล ณ วันที่ 31 มี.ค. 2552",
        "ห่วงโซ่บันทึก ลำดับที่ ",
    ):
        assert readable(expected) in text, expected
    assert first_page_picture(response.content, f"summary-{api.runtime.store.backend}").exists()

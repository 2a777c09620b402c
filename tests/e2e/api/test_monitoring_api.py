"""The monitoring report through HTTP (issue 16), on the example year: the six-month
round's figures (worked by hand in tests/integration/test_monitoring_report.py), the
committee's findings written by a manager, the workbook and the PDF; and the round as
known before a late entry differs from the one after it by exactly that entry."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from tests.e2e.api.conftest import Api, OpenApi, problem
from tests.pdf_reading import first_page_picture, needs_pdf, pdf_text, readable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(api: Api) -> str:
    return f"/api/v1/plans/{api.plan_id}/reports/monitoring"


def _differences(before: Any, after: Any, path: str = "") -> dict[str, tuple[Any, Any]]:
    """Every leaf that differs between two JSON documents, by its path."""
    if isinstance(before, dict) and isinstance(after, dict):
        found: dict[str, tuple[Any, Any]] = {}
        for key in before.keys() | after.keys():
            found |= _differences(before.get(key), after.get(key), f"{path}/{key}")
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = {}
        for index, (x, y) in enumerate(zip(before, after, strict=True)):
            found |= _differences(x, y, f"{path}/{index}")
        return found
    return {} if before == after else {path: (before, after)}


def test_the_six_month_round_as_json(open_api: OpenApi) -> None:
    api = open_api()
    api.settle()
    body = api.get(_report(api), params={"period": "half"}, who="auditor").json()
    assert (body["start"], body["on"], body["period"]) == ("2008-10-01", "2009-03-31", "half")
    counts = body["total"]["counts"]
    assert (counts["planned"], counts["completed"], counts["in_progress"]) == (
        3,
        {"number": 1, "percent": "33.33"},
        {"number": 2, "percent": "66.67"},
    )
    money = body["total"]["money"]
    assert (money["disbursed"], money["remaining"], money["disbursed_percent"]) == (
        "303500.00",
        "154500.00",
        "66.27",
    )
    assert [(r["code"], r["status"]) for r in body["late"]] == [("1.2", "behind")]
    assert body["findings"] is None


def test_a_late_entry_changes_the_round_by_exactly_itself(open_api: OpenApi) -> None:
    api = open_api()
    api.settle()
    before_entry = "2009-09-29T12:00:00+07:00"
    earlier = api.get(_report(api), params={"period": "half", "as_of": before_entry}).json()
    late = api.post(
        api.activity_path("1.2", "expenditures"),
        json={"amount": "5000", "reference": "ฎ.9/52", "occurred_on": "2009-03-30"},
        who="staff",
    )
    assert late.status_code == 200, late.text
    api.settle()
    now = api.get(_report(api), params={"period": "half"}).json()
    again = api.get(_report(api), params={"period": "half", "as_of": before_entry}).json()
    assert again == earlier  # the round as known then is what it was
    plus = {
        path: (Decimal(old), Decimal(new))
        for path, (old, new) in _differences(earlier, now).items()
    }
    assert plus == {
        "/total/money/disbursed": (Decimal("303500.00"), Decimal("308500.00")),
        "/total/money/disbursed_in_period": (Decimal("303500.00"), Decimal("308500.00")),
        "/total/money/remaining": (Decimal("154500.00"), Decimal("149500.00")),
        "/total/money/disbursed_percent": (Decimal("66.27"), Decimal("67.36")),
        "/strategies/0/money/disbursed": (Decimal("303500.00"), Decimal("308500.00")),
        "/strategies/0/money/disbursed_in_period": (Decimal("303500.00"), Decimal("308500.00")),
        "/strategies/0/money/remaining": (Decimal("154500.00"), Decimal("149500.00")),
        "/strategies/0/money/disbursed_percent": (Decimal("66.27"), Decimal("67.36")),
        "/projects/0/money/disbursed": (Decimal("123500.00"), Decimal("128500.00")),
        "/projects/0/money/disbursed_in_period": (Decimal("123500.00"), Decimal("128500.00")),
        "/projects/0/money/remaining": (Decimal("6500.00"), Decimal("1500.00")),
        "/projects/0/money/disbursed_percent": (Decimal("95.00"), Decimal("98.85")),
        # one funding source (none named) holds every project
        "/sources/0/money/disbursed": (Decimal("303500.00"), Decimal("308500.00")),
        "/sources/0/money/disbursed_in_period": (Decimal("303500.00"), Decimal("308500.00")),
        "/sources/0/money/remaining": (Decimal("154500.00"), Decimal("149500.00")),
        "/sources/0/money/disbursed_percent": (Decimal("66.27"), Decimal("67.36")),
    }


def test_managers_write_the_findings_and_the_files_carry_them(open_api: OpenApi) -> None:
    api = open_api()
    findings = {
        "period": "half",
        "findings": "ดำเนินการแล้วเสร็จ 1 โครงการ อยู่ระหว่างดำเนินการ 2 โครงการ",
        "suggestions": "เร่งรัดการอบรมให้แล้วเสร็จตามแผน",
        "occurred_on": "2009-04-20",
    }
    path = f"{_report(api)}/findings"
    problem(api.post(path, json=findings, who="staff"), 403, "role_forbidden")
    written = api.post(path, json=findings, who="manager")
    assert written.status_code == 200, written.text
    api.settle()
    body = api.get(_report(api), params={"period": "half"}).json()
    assert body["findings"] == {
        "findings": findings["findings"],
        "suggestions": findings["suggestions"],
        "actor": "manager",
        "on": "2009-04-20",
    }
    again = api.post(path, json={**findings, "findings": "แก้ไข"}, who="manager")
    problem(again, 422, "reason_required")

    sheet = api.get(_report(api), params={"period": "half", "format": "xlsx"})
    assert sheet.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(sheet.content))
    assert book.sheetnames == ["สรุป", "โครงการ", "ล่าช้า", "ผลผลิต", "ข้อเสนอแนะ"]
    projects = list(book["โครงการ"].iter_rows(values_only=True))
    assert projects[1][:4] == ("1", projects[1][1], "อยู่ระหว่างดำเนินการ", projects[1][3])
    assert [row[0] for row in book["ข้อเสนอแนะ"].iter_rows(values_only=True)][:2] == [
        "ผลการติดตาม",
        findings["findings"],
    ]
    assert date(2009, 3, 31) == date.fromisoformat(body["on"])


def test_the_pdf_of_the_round_reads_in_thai(open_api: OpenApi) -> None:
    needs_pdf()
    api = open_api()
    api.settle()
    response = api.get(_report(api), params={"period": "half", "format": "pdf"})
    assert response.status_code == 200, response.text
    text = pdf_text(response.content)
    for expected in (
        "รายงานผลการติดตามและประเมินผลแผนดำเนินงาน",
        "รอบ 6 เดือน (ต.ค.–มี.ค.) ปีงบประมาณ พ.ศ. 2552",
        "1.2 กิจกรรมพัฒนาศักยภาพบุคลากร",
        "303,500",
        "66.27",
        "คณะกรรมการยังไม่ได้บันทึกผลการติดตามของรอบนี้",
    ):
        assert readable(expected) in text, expected
    assert first_page_picture(response.content, f"monitoring-{api.runtime.store.backend}").exists()


def test_a_manager_files_the_round_and_anyone_signed_in_reads_the_files(
    open_api: OpenApi,
) -> None:
    api = open_api()
    api.settle()
    filings = f"/api/v1/plans/{api.plan_id}/reports/monitoring/filings"
    problem(api.post(filings, json={"period": "half"}, who="staff"), 403, "role_forbidden")
    filed = api.post(filings, json={"period": "half"}, who="manager")
    assert filed.status_code == 200, filed.text
    body = filed.json()
    assert (body["number"], body["period"], body["cut_off"], body["actor"]) == (
        1,
        "half",
        "2009-03-31",
        "manager",
    )
    listed = api.get(
        f"/api/v1/plans/{api.plan_id}/reports/filings",
        params={"min_position": body["position"]},
        who="staff",
    ).json()
    assert [(f["number"], f["data_digest"]) for f in listed] == [(1, body["data_digest"])]
    kept = api.get(f"/api/v1/plans/{api.plan_id}/reports/filings/1/xlsx", who="auditor")
    assert kept.status_code == 200
    assert hashlib.sha256(kept.content).hexdigest() == body["files"]["xlsx"]
    data = api.get(f"/api/v1/plans/{api.plan_id}/reports/filings/1/json").content
    assert hashlib.sha256(data).hexdigest() == body["data_digest"]
    missing = api.get(f"/api/v1/plans/{api.plan_id}/reports/filings/2/pdf")
    problem(missing, 404, "filing_not_found")

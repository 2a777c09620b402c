"""Every refusal is RFC 9457 problem+json naming its rule and field; never a 500.

The language of ``detail`` follows ``Accept-Language`` (Thai unless English is
preferred); the rule, the field and the values stay the same in both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import ConnectionUnavailableError

from storage.store import Store
from tests.e2e.api.conftest import Api, OpenApi, in_process, problem
from tests.example_table import EXAMPLE_TABLE, example_upload
from tests.spreadsheet_files import Drawing, ods_file

MISSING = "/api/v1/activities/00000000-0000-4000-8000-000000000000"


@pytest.fixture(scope="module")
def planned(module_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The example table imported, nothing recorded yet: shared, since refusals change nothing."""
    with in_process(module_store, tmp_path_factory.mktemp("app"), example=False) as api:
        imported = api.post(
            "/api/v1/plans/import",
            who="admin",
            files={"file": example_upload()},
        )
        api.plan_id = UUID(imported.json()["plan_id"])
        api.settle()
        yield api


@pytest.mark.parametrize(
    ("path", "body", "status", "rule", "field"),
    [
        ("progress", {"percent": 101}, 422, "percent_in_range", "percent"),
        ("progress", {"percent": "lots"}, 422, "request_invalid", "percent"),
        ("progress", {"percent": 5, "pct": 5}, 422, "request_invalid", "pct"),
        ("progress", {}, 422, "request_invalid", "percent"),
        ("progress", {"percent": 5, "occurred_on": "2009-10-01"}, 422,
         "business_date_not_in_future", "occurred_on"),
        ("progress", {"percent": 5, "occurred_on": "2008-09-30"}, 422,
         "business_date_in_fiscal_year", "occurred_on"),
        ("progress", {"percent": 5, "occurred_on": "30/09/2552"}, 422,
         "request_invalid", "occurred_on"),
        ("expenditures", {"amount": "1,0.5"}, 422, "money_format", None),
        ("expenditures", {"amount": "-5"}, 422, "money_format", None),
        ("expenditures", {"amount": "60000"}, 422, "spent_within_allocation", "amount"),
        ("expenditures/9/correction", {"amount": "1", "reason": "x"}, 422,
         "expenditure_entry_unknown", "entry"),
        ("steps/9/complete", {}, 422, "step_unknown", "step"),
        ("steps/0/complete", {}, 422, "request_invalid", "path.step"),
        ("cancel", {"reason": " "}, 422, "reason_required", "reason"),
        ("reschedule", {"months": ["2009-13"], "reason": "x"}, 422, "month_format", "months"),
        ("reschedule", {"months": ["2009-10"], "reason": "x"}, 422,
         "planned_month_in_fiscal_year", None),
        ("budget", {"amount": "60000", "reason": "x"}, 422,
         "allocation_within_project_budget", None),
    ],
)  # fmt: skip
def test_a_refused_command_names_its_rule_and_field_and_appends_nothing(
    planned: Api,
    path: str,
    body: dict[str, Any],
    status: int,
    rule: str,
    field: str | None,
) -> None:
    api = planned
    before = api.head()

    refused = problem(api.post(api.activity_path("2.2", path), json=body), status, rule)

    if field is not None:
        assert refused["field"] == field, refused
    assert api.head() == before


def test_detail_is_thai_unless_english_is_preferred(planned: Api) -> None:
    api = planned
    path = api.activity_path("2.2", "reopen")

    def detail(language: str | None) -> dict[str, Any]:
        headers = {"Accept-Language": language} if language else {}
        return problem(api.post(path, json={"reason": "x"}, who="staff", headers=headers), 403,
                       "role_forbidden")  # fmt: skip

    thai, english = detail(None), detail("en-GB,en;q=0.9")
    assert "ไม่มีสิทธิ์" in thai["detail"]
    assert english["detail"] == ("staff (staff) may not reschedule, revise, cancel or correct"), (
        english
    )
    assert detail("th-TH,en;q=0.5")["detail"] == thai["detail"]
    assert thai["rule"] == english["rule"] and thai["values"] == english["values"]


def test_the_values_that_broke_a_rule_come_back_as_json(planned: Api) -> None:
    body = problem(
        planned.post(planned.activity_path("2.2", "expenditures"), json={"amount": "50000.01"},
                     headers={"Accept-Language": "en"}),
        422, "spent_within_allocation",
    )  # fmt: skip

    assert body["values"]["amount"] == "50000.01" and body["values"]["remaining"] == "50000.00"
    assert "50,000.01" in body["detail"]


def test_a_malformed_if_match_is_refused_naming_the_header(planned: Api) -> None:
    api = planned
    bad = api.post(
        api.activity_path("2.2", "reopen"), json={"reason": "x"}, headers={"If-Match": "seven"}
    )

    assert problem(bad, 422, "if_match_format")["field"] == "If-Match"


@pytest.mark.parametrize(
    ("method", "path", "rule"),
    [
        ("GET", MISSING, "activity_not_found"),
        ("POST", f"{MISSING}/start", "activity_not_found"),
        ("GET", f"{MISSING}/events", "activity_not_found"),
        ("GET", "/api/v1/plans/00000000-0000-4000-8000-000000000000", "plan_not_found"),
        ("GET", "/api/v1/users/nobody/history", "user_not_found"),
        ("GET", "/api/v1/nothing-here", "not_found"),
    ],
)
def test_unknown_things_are_404_problems(planned: Api, method: str, path: str, rule: str) -> None:
    problem(planned.request(method, path, who="admin", json={}), 404, rule)


def test_a_path_that_is_not_an_id_is_a_422_naming_the_parameter(planned: Api) -> None:
    api = planned
    body = problem(api.get("/api/v1/activities/not-a-uuid"), 422, "request_invalid")

    assert body["field"] == "path.activity_id"


def test_a_wrong_method_is_a_405_problem(planned: Api) -> None:
    api = planned
    problem(api.request("DELETE", api.activity_path("3")), 405, "method_not_allowed")


def test_no_or_a_bad_token_is_a_401_asking_for_a_bearer_token(planned: Api) -> None:
    api = planned
    anonymous = api.get("/api/v1/me", who=None)
    forged = api.get("/api/v1/me", who=None, headers={"Authorization": "Bearer tt_forged_x"})
    not_ours = api.get("/api/v1/me", who=None, headers={"Authorization": "Bearer abc"})

    for response in (anonymous, forged, not_ours):
        problem(response, 401, "not_signed_in")
        assert response.headers["www-authenticate"] == "Bearer"


def test_an_upload_over_the_limit_is_a_413(open_api: OpenApi) -> None:
    api = open_api(example=False, upload_limit_bytes=1000)
    assert len(EXAMPLE_TABLE.read_bytes()) > 1000

    too_big = api.post(
        "/api/v1/plans/import",
        who="admin",
        files={"file": example_upload()},
    )

    body = problem(too_big, 413, "upload_too_large")
    assert body["field"] == "file" and body["values"]["limit"] == 1000
    assert api.head() == 0


@pytest.mark.parametrize(
    ("filename", "data", "rule"),
    [
        ("plan.csv", "ลำดับที่,โครงการ\n1,ถนน\n".encode(), "table_header_missing"),
        ("plan.pdf", b"%PDF-1.4", "table_file_type"),
        ("plan.xlsx", b"not a zip", "table_xlsx_unreadable"),
        ("plan.xls", b"\xd0\xcf\x11\xe0 cut short", "table_xls_unreadable"),
        ("plan.ods", b"not a zip", "table_ods_unreadable"),
    ],
)
def test_a_malformed_table_is_refused_naming_the_file_and_appends_nothing(
    planned: Api, filename: str, data: bytes, rule: str
) -> None:
    before = planned.head()

    response = planned.post(
        "/api/v1/plans/import", who="admin", files={"file": (filename, data, "text/plain")}
    )

    assert problem(response, 422, rule)["detail"].startswith(f"{filename}: ")
    assert planned.head() == before


def test_a_mark_outside_the_fiscal_year_is_refused_with_its_month_as_data(planned: Api) -> None:
    header = ["ลำดับที่", "โครงการ/กิจกรรม", "รายละเอียด", "งบประมาณ", "พื้นที่", "หน่วยดำเนินการ"]
    calendar = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย."]
    calendar += ["ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
    rows = [
        [*header, "พ.ศ. 2567", *[""] * 11],
        [""] * 6 + calendar,
        ["1", "โครงการหนึ่ง", "ทำงาน", "1000", "เทศบาลเมืองทุ่งสง", "กอง", *[""] * 11, "↔"],
    ]
    data = ods_file(Drawing(rows, merges=[(1, 6, 1, 17)]))
    response = planned.post(
        "/api/v1/plans/import", who="admin", files={"file": ("plan.ods", data, "text/plain")}
    )

    body = problem(response, 422, "month_outside_fiscal_year")
    assert body["values"]["month"] == "2024-12"
    assert body["detail"].startswith("plan.ods แถวที่ 3 คอลัมน์ R (ธ.ค.): ")


def test_an_import_without_a_file_names_the_field(planned: Api) -> None:
    api = planned
    body = problem(api.post("/api/v1/plans/import", who="admin"), 422, "request_invalid")

    assert body["field"] == "file"


def test_a_store_too_busy_to_answer_is_a_503_to_retry_not_a_500(
    planned: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*args: object, **kwargs: object) -> None:
        raise ConnectionUnavailableError("Timed out waiting for return of writer")

    monkeypatch.setattr(planned.runtime.tracker, "record_progress", busy)

    response = planned.post(planned.activity_path("2.2", "progress"), json={"percent": 1})

    problem(response, 503, "store_unavailable")
    assert response.headers["retry-after"] == "1"
    metrics = planned.get("/metrics", who="auditor").text
    assert 'tidtam_commands_total{command="progress",outcome="error"} 1.0' in metrics


@pytest.mark.parametrize(
    ("content", "status", "rule", "detail"),
    [
        (b'{"percent": ', 422, "request_invalid", "the body is not valid JSON: Expecting value"),
        (b"[1, 2]", 422, "request_invalid", "Input should be a valid dictionary"),
        (b"\xff\xfe\x00", 400, "body_unreadable", "There was an error parsing the body"),
    ],
)
def test_a_body_that_is_not_a_command_is_refused_without_naming_a_field(
    planned: Api, content: bytes, status: int, rule: str, detail: str
) -> None:
    response = planned.post(
        planned.activity_path("2.2", "progress"),
        content=content,
        headers={"Content-Type": "application/json"},
    )

    body = problem(response, status, rule)
    assert body["field"] is None and body["detail"].startswith(detail), body

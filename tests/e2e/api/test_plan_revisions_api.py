"""Revisions through HTTP: a document that differs is refused with its differences, shown
on a dry run, recorded when named and dated; the plan reads as adopted, as of the
revision and as it stands, and any two side by side beside the actual (issue 15).

The revision is the example table edited as an office would
(``tests.example_table.example_revision_upload``).
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.api.conftest import Api, OpenApi, problem
from tests.e2e.api.example_plan import PLANS, imported
from tests.example_table import example_revision_upload

FIRST = "แก้ไขครั้งที่ 1/2552"


def upload_revision(api: Api, **params: Any) -> httpx.Response:
    return api.post(
        f"{PLANS}/import", who="admin", params=params, files={"file": example_revision_upload()}
    )


def test_a_revision_is_refused_unnamed_previewed_then_recorded(open_api: OpenApi) -> None:
    api = open_api(example=False)
    plan_id = imported(api)
    head = api.head()

    refused = problem(upload_revision(api), 422, "plan_differs")
    assert "งบประมาณโครงการ 2 150,000 → 120,000 บาท" in refused["detail"]
    assert "ถอนโครงการ 3 ออกจากแผน" in refused["detail"]
    assert api.head() == head

    preview = upload_revision(api, dry_run="true", revision=FIRST, on="2009-03-02")
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["dry_run"], body["revision"], body["revision_number"]) == (True, FIRST, 1)
    assert [(c["kind"], c["what"], c["code"]) for c in body["changes"]] == [
        ("months", "activity", "1.2"),
        ("budget", "project", "2"),
        ("budget", "activity", "2.2"),
        ("withdrawn", "project", "3"),
    ]
    assert body["changes"][0]["th"] == "เดือนที่วางแผนของกิจกรรม 1.2 มี.ค. 2552 → เม.ย. 2552"
    assert api.head() == head

    done = upload_revision(api, revision=FIRST, on="2009-03-02").json()
    assert (done["revision_number"], done["events"]) == (1, body["events"])
    api.settle()

    adopted = api.get(f"{PLANS}/{plan_id}", params={"as_adopted": 1}).json()
    revised = api.get(f"{PLANS}/{plan_id}", params={"revision": 1}).json()
    current = api.get(f"{PLANS}/{plan_id}").json()
    assert (adopted["edition"], revised["edition"], current["edition"]) == (
        "adopted",
        "revision-1",
        "current",
    )
    assert [p["code"] for p in adopted["projects"]] == ["1", "2", "3"]
    assert [p["code"] for p in revised["projects"]] == ["1", "2"]
    assert (adopted["total_budget"], revised["total_budget"]) == ("458000.00", "250000.00")
    assert [r["name"] for r in revised["revisions"]] == [FIRST] and adopted["revisions"] == []
    assert _activity(adopted, "1.2")["planned_months"] == ["2009-03"]
    assert _activity(revised, "1.2")["planned_months"] == ["2009-04"]
    assert _activity(revised, "2.2")["budget"] == "20000.00"


def test_two_editions_side_by_side_beside_the_actual(open_api: OpenApi) -> None:
    api = open_api(example=False)
    plan_id = imported(api)
    upload_revision(api, revision=FIRST, on="2009-03-02")
    api.post(api.activity_path("2.1", "expenditures"), who="staff", json={"amount": "12500"})
    moved = api.post(
        api.activity_path("1.1", "reschedule"),
        who="manager",
        json={"months": ["2009-05"], "reason": "รอวิทยากร"},
    )
    assert moved.status_code == 200, moved.text
    api.settle()

    both = api.get(
        f"{PLANS}/{plan_id}/editions", params={"from": "adopted", "to": "current"}
    ).json()
    rows = {r["code"]: r for r in both["rows"]}
    assert [r["code"] for r in both["rows"]] == ["1.1", "1.2", "2.1", "2.2", "3"]
    assert rows["1.1"]["differences"] == ["months"]  # a manager's move shows as it stands
    assert rows["1.2"]["differences"] == ["months"]
    assert rows["2.2"]["differences"] == ["budget"]
    assert rows["3"]["differences"] == ["withdrawn"] and rows["3"]["after"] is None
    assert rows["2.1"]["differences"] == [] and rows["2.1"]["spent"] == "12500.00"
    assert rows["3"]["lifecycle"] == "withdrawn"
    assert (both["budget_before"], both["budget_after"], both["spent"]) == (
        "458000.00",
        "250000.00",
        "12500.00",
    )

    documents = api.get(
        f"{PLANS}/{plan_id}/editions", params={"from": "adopted", "to": "revision-1"}
    ).json()
    assert {r["code"]: r["differences"] for r in documents["rows"]}["1.1"] == []

    versus = api.get(f"{PLANS}/{plan_id}/plan-vs-actual", params={"as_adopted": 1}).json()
    assert [r["code"] for r in versus["rows"]] == ["1.1", "1.2", "2.1", "2.2", "3"]
    assert versus["edition"] == "adopted"
    assert {r["code"]: r["planned_months"] for r in versus["rows"]}["1.1"] == [
        "2009-01",
        "2009-03",
    ]


def test_editions_that_do_not_exist_or_are_chosen_twice_are_refused(open_api: OpenApi) -> None:
    api = open_api(example=False)
    plan_id = imported(api)
    problem(api.get(f"{PLANS}/{plan_id}", params={"revision": 1}), 404, "revision_not_found")
    problem(
        api.get(f"{PLANS}/{plan_id}", params={"revision": 1, "as_adopted": 1}),
        422,
        "edition_chosen_twice",
    )
    wrong = api.get(f"{PLANS}/{plan_id}/editions", params={"from": "first", "to": "current"})
    assert wrong.status_code == 422, wrong.text


def _activity(plan: dict[str, Any], code: str) -> dict[str, Any]:
    return next(a for p in plan["projects"] for a in p["activities"] if a["code"] == code)

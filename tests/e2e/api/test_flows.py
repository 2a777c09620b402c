"""Activities and projects through HTTP: record every command, read it back.

Each test runs on SQLite and on PostgreSQL through the real app with its
lifespan, signed in with bearer tokens of the people in ``conftest.PEOPLE``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.e2e.api.conftest import Api, OpenApi, problem
from tests.e2e.api.example_plan import imported

# ----------------------------------------------------------------- commands

COMMANDS: list[tuple[str, str, dict[str, Any], list[str]]] = [
    # (who, command path, body, events appended)
    ("staff", "start", {"occurred_on": "2009-01-12", "note": "ประชุมทีม"}, ["ActivityStarted"]),
    ("staff", "steps/1/complete", {"occurred_on": "2009-01-14"}, ["StepCompleted"]),
    (
        "staff",
        "start/correction",
        {"occurred_on": "2009-01-08", "reason": "ลงวันที่ผิด"},
        ["StartCorrected"],
    ),
    ("staff", "progress", {"percent": 40, "occurred_on": "2009-01-20"}, ["ProgressRecorded"]),
    (
        "staff",
        "expenditures",
        {"amount": "12500.50", "reference": "ฎ.3/52", "occurred_on": "2009-01-21"},
        ["ExpenditureRecorded"],
    ),
    (
        "manager",
        "expenditures/1/correction",
        {"amount": "12000.00", "reason": "ใบสำคัญพิมพ์ผิด"},
        ["ExpenditureCorrected"],
    ),
    (
        "manager",
        "progress",
        {"percent": 30, "reason": "นับขั้นตอนที่ยังไม่เสร็จ"},
        ["ProgressCorrected"],
    ),
    (
        "staff",
        "progress/correction",
        {"percent": 25, "reason": "ภาพถ่ายยังไม่ครบ", "evidence": "IMG_0120"},
        ["ProgressCorrected"],
    ),
    (
        "manager",
        "reschedule",
        {"months": ["2009-02", "2009-04"], "reason": "รอวิทยากร"},
        ["ActivityRescheduled"],
    ),
    (
        "manager",
        "reschedule",
        {"months": ["2009-04"], "step": 4, "reason": "รอวิทยากร"},
        ["StepRescheduled"],
    ),
    ("manager", "budget", {"amount": "25000.00", "reason": "ประหยัดได้"}, ["BudgetRevised"]),
    ("staff", "complete", {"note": "ขั้นตอนที่เหลือไม่จำเป็น"}, ["ActivityCompleted"]),
    ("manager", "reopen", {"reason": "ปิดงานผิดกิจกรรม"}, ["ActivityReopened"]),
    ("manager", "cancel", {"reason": "ไม่ได้รับงบ"}, ["ActivityCancelled"]),
]


def test_every_command_is_recorded_with_if_match_and_read_back_with_its_history(
    open_api: OpenApi,
) -> None:
    api = open_api(example=False)
    imported(api)
    read = api.get(api.activity_path("1.1"))
    version = int(read.headers["etag"].strip('"'))
    assert version == read.json()["activity"]["version"] == 2

    position = 0
    for who, command, body, events in COMMANDS:
        response = api.post(
            api.activity_path("1.1", command),
            who=who,
            json=body,
            headers={"If-Match": f'"{version}"'},
        )
        assert response.status_code == 200, (command, response.text)
        out = response.json()
        assert out["events"] == events, command
        assert out["version"] == version + len(events)
        assert out["position"] > position
        assert response.headers["etag"] == f'"{out["version"]}"'
        version, position = out["version"], out["position"]

    after = api.get(api.activity_path("1.1"), params={"min_position": position})
    assert after.headers["etag"] == f'"{version}"'
    activity = after.json()["activity"]
    assert (activity["status"], activity["budget"], activity["original_budget"]) == (
        "cancelled",
        "25000.00",
        "30000.00",
    )
    assert (activity["spent"], activity["progress"]) == ("12000.00", 25)
    assert activity["planned_months"] == ["2009-02", "2009-04"]
    assert activity["started_on"] == "2009-01-08"  # as corrected
    assert after.json()["assessment"]["status"] == "cancelled"

    history = api.get(api.activity_path("1.1", "events"), who="staff").json()
    assert [e["event_type"] for e in history["items"]] == [
        "ActivityPlanned",
        "BudgetAllocated",
        *(name for *_, events in COMMANDS for name in events),
    ]
    assert [e["actor"] for e in history["items"][2:]] == [who for who, *_ in COMMANDS]
    assert history["items"][2]["occurred_on"] == "2009-01-12"
    assert history["items"][-1]["payload"]["reason"] == "ไม่ได้รับงบ"
    assert history["next"] is None


def test_a_corrected_completion_moves_the_actual_end_and_the_status(open_api: OpenApi) -> None:
    """1.2 is planned for March. Closed on 27 March (on time) by mistake, truly finished
    on 10 April: after the correction it is late, and on 1 April it was not yet done
    (the corrected completion replaces the first, it is not added beside it)."""
    api = open_api(example=False)
    imported(api)
    for command, body in (
        ("start", {"occurred_on": "2009-03-02"}),
        ("complete", {"occurred_on": "2009-03-27", "note": "ไม่มีขั้นตอน"}),
    ):
        assert api.post(api.activity_path("1.2", command), who="staff", json=body).is_success

    fixed = api.post(
        api.activity_path("1.2", "complete/correction"),
        who="staff",
        json={"occurred_on": "2009-04-10", "reason": "ปิดงานก่อนส่งมอบจริง"},
    )

    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["events"] == ["CompletionCorrected"]
    settled = {"min_position": fixed.json()["position"]}
    now = api.get(api.activity_path("1.2"), params=settled).json()["assessment"]
    assert (now["status"], now["actual_end"], now["days_late"]) == (
        "completed_late",
        "2009-04-10",
        10,
    )
    between = api.get(api.activity_path("1.2"), params={"on": "2009-04-01"}).json()
    assert between["assessment"]["status"] not in ("completed_on_time", "completed_late")
    assert between["assessment"]["actual_end"] is None
    history = api.get(api.activity_path("1.2", "events"), params=settled).json()["items"]
    assert history[-1]["payload"] == {
        "previous_completion": "2009-03-27",
        "reason": "ปิดงานก่อนส่งมอบจริง",
    }
    assert history[-1]["occurred_on"] == "2009-04-10"


def test_progress_is_corrected_on_its_own_route_or_with_a_reason_as_before(
    open_api: OpenApi,
) -> None:
    api = open_api(example=False)
    imported(api)
    path = api.activity_path("3", "progress")
    assert api.post(path, who="staff", json={"percent": 60, "occurred_on": "2009-01-20"}).is_success
    problem(api.post(path, who="staff", json={"percent": 40}), 422, "lower_percent_needs_reason")
    blank = api.post(path, who="staff", json={"percent": 70, "reason": " "})  # no reason given
    old_way = api.post(path, who="staff", json={"percent": 40, "reason": "นับซ้ำ"})

    corrected = {"percent": 35, "reason": "ตรวจใหม่", "evidence": "บันทึก 5/52"}
    own_route = api.post(
        f"{path}/correction", who="staff", json={**corrected, "occurred_on": "2009-01-25"}
    )

    assert (blank.json()["events"], old_way.json()["events"]) == (
        ["ProgressRecorded"],
        ["ProgressCorrected"],
    )
    assert own_route.status_code == 200, own_route.text
    assert own_route.json()["events"] == ["ProgressCorrected"]
    no_reason = api.post(f"{path}/correction", who="staff", json={"percent": 30, "reason": " "})
    problem(no_reason, 422, "reason_required")
    assert api.post(f"{path}/correction", who="staff", json={"percent": 30}).status_code == 422
    settled = {"min_position": own_route.json()["position"]}
    history = api.get(api.activity_path("3", "events"), params=settled).json()["items"]
    assert (history[-1]["payload"], history[-1]["occurred_on"]) == (corrected, "2009-01-25")
    counted = set(api.get("/metrics", who="auditor").text.splitlines())
    for name, outcome, times in (
        ("progress", "ok", 3),
        ("progress", "refused", 1),
        ("progress_correction", "ok", 1),
        ("progress_correction", "refused", 1),
    ):
        assert f'tidtam_commands_total{{command="{name}",outcome="{outcome}"}} {times}.0' in counted


def test_project_commands_take_if_match_and_return_the_new_version(api: Api) -> None:
    """Two managers revising one project: the second, decided on the version the first
    replaced, is a 409 naming the current version, and nothing is written for it."""

    def project(code: str, **params: Any) -> dict[str, Any]:
        plan = api.get(f"/api/v1/plans/{api.plan_id}", params=params).json()
        found: dict[str, Any] = next(p for p in plan["projects"] if p["code"] == code)
        return found

    first_seen = project("1")
    stored = api.runtime.tracker.get_project(UUID(first_seen["id"])).version
    assert first_seen["version"] == stored > 1  # planned, then one reservation per activity
    path = f"/api/v1/plans/{api.plan_id}/projects/1/budget"
    body = {"amount": "500000", "reason": "โอนงบเพิ่ม"}
    first = api.post(path, json=body, headers={"If-Match": f'"{stored}"'})
    assert first.status_code == 200, first.text
    assert (first.json()["version"], first.json()["events"]) == (
        stored + 1,
        ["ProjectBudgetRevised"],
    )
    assert first.headers["ETag"] == f'"{stored + 1}"'
    head = api.head()
    second = api.post(path, json={**body, "amount": "450000"}, headers={"If-Match": f'"{stored}"'})
    stale = problem(second, 409, "version_conflict")
    assert (stale["expected_version"], stale["current_version"]) == (stored, stored + 1)
    assert api.head() == head
    now = project("1", min_position=first.json()["position"])
    assert (now["version"], now["budget"]) == (stored + 1, "500000.00")
    cancel = api.post(
        f"/api/v1/plans/{api.plan_id}/projects/1/cancel", json={"reason": "ยกเลิก"},
        headers={"If-Match": f'"{now["version"]}"'},
    )  # fmt: skip
    assert (cancel.status_code, cancel.json()["version"]) == (200, stored + 2), cancel.text
    bad = api.post(
        f"/api/v1/plans/{api.plan_id}/projects/2/cancel", json={"reason": "x"},
        headers={"If-Match": "seven"},
    )  # fmt: skip
    problem(bad, 422, "if_match_format")
    counted = set(api.get("/metrics", who="auditor").text.splitlines())
    for name, outcome in (("project_budget", "ok"), ("project_budget", "conflict")):
        assert f'tidtam_commands_total{{command="{name}",outcome="{outcome}"}} 1.0' in counted


def test_a_command_without_if_match_is_decided_on_the_latest_version(api: Api) -> None:
    response = api.post(
        api.activity_path("2.2", "reopen"), json={"reason": "อาสาสมัครมาครบแล้ว"}
    )  # cancelled in the example year

    assert response.status_code == 200, response.text
    assert response.json()["events"] == ["ActivityReopened"]
    got = api.get(api.activity_path("2.2"), params={"min_position": response.json()["position"]})
    assert got.json()["activity"]["status"] == "planned"


def test_a_stale_if_match_is_a_409_with_the_current_version(api: Api) -> None:
    current = api.get(api.activity_path("2.2")).json()["activity"]["version"]

    stale = api.post(
        api.activity_path("2.2", "reopen"),
        json={"reason": "x"},
        headers={"If-Match": f'"{current - 1}"'},
    )

    body = problem(stale, 409, "version_conflict")
    assert (body["current_version"], body["expected_version"]) == (current, current - 1)
    assert api.head() == api.runtime.tracker.recorder.max_notification_id()
    weak = api.post(
        api.activity_path("2.2", "reopen"),
        json={"reason": "x"},
        headers={"If-Match": f'W/"{current}"'},
    )
    assert weak.status_code == 200, weak.text


def test_metrics_count_commands_by_outcome(api: Api) -> None:
    path = api.activity_path("2.2", "reopen")
    missing = "/api/v1/activities/00000000-0000-4000-8000-000000000000/reopen"

    assert api.post(path, json={"reason": "x"}, headers={"If-Match": '"1"'}).status_code == 409
    assert api.post(path, json={"reason": "x"}, who="staff").status_code == 403
    assert api.post(missing, json={"reason": "x"}).status_code == 404
    assert api.post(path, json={"reason": "x"}).status_code == 200
    assert api.post(path, json={"reason": "x"}).status_code == 422  # not closed any more

    metrics = api.get("/metrics", who="auditor")
    assert metrics.headers["content-type"].startswith("text/plain")
    lines = set(metrics.text.splitlines())
    for outcome in ("ok", "refused", "conflict", "forbidden", "not_found"):
        assert f'tidtam_commands_total{{command="reopen",outcome="{outcome}"}} 1.0' in lines
    assert "tidtam_events_appended_total 1.0" in lines
    route = 'route="/api/v1/activities/{activity_id}/reopen"'
    assert any(line.startswith("tidtam_http_request_duration_seconds_count") and route in line
               for line in lines)  # fmt: skip
    assert any(line.startswith('tidtam_projection_lag_events{view="audit"}') for line in lines)

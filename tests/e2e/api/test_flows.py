"""Plans and activities through HTTP: import, read, record every command, read it back.

Each test runs on SQLite and on PostgreSQL through the real app with its
lifespan, signed in with bearer tokens of the people in ``conftest.PEOPLE``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import httpx

from domain import ids
from tests.e2e.api.conftest import EXAMPLE_TABLE, Api, OpenApi, problem

PLANS = "/api/v1/plans"


def upload(api: Api, *, dry_run: bool = False, who: str = "admin") -> httpx.Response:
    return api.post(
        f"{PLANS}/import",
        who=who,
        params={"dry_run": str(dry_run).lower()},
        files={"file": (EXAMPLE_TABLE.name, EXAMPLE_TABLE.read_bytes(), "text/plain")},
    )


def imported(api: Api) -> UUID:
    """Import the example table (no history) and wait for the views; the plan's id."""
    response = upload(api)
    assert response.status_code == 200, response.text
    api.plan_id = UUID(response.json()["plan_id"])
    api.settle()
    return api.plan_id


def activities_of(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["code"]: a for p in plan["projects"] for a in p["activities"]}


# ----------------------------------------------------------------- importing


def test_a_dry_run_appends_nothing_and_an_import_appends_the_plan_once(open_api: OpenApi) -> None:
    api = open_api(example=False)

    dry = upload(api, dry_run=True)
    assert dry.status_code == 200, dry.text
    assert dry.json()["dry_run"] is True and dry.json()["plan_created"] is True
    assert dry.json()["events"] == 19 and dry.json()["position"] is None
    assert api.head() == 0
    assert api.get(PLANS).json() == []

    real = upload(api).json()
    assert (real["dry_run"], real["plan_created"], real["events"]) == (False, True, 19)
    assert real["projects_added"] == ["1", "2", "3"]
    assert real["activities_added"] == ["1.1", "1.2", "2.1", "2.2", "3"]
    plans = api.get(PLANS, params={"min_position": real["position"]}, who="staff").json()
    assert [(p["id"], p["fiscal_year"]) for p in plans] == [(real["plan_id"], 2552)]

    again = upload(api).json()
    assert (again["plan_created"], again["events"], again["activities_added"]) == (False, 0, [])
    assert api.head() == real["position"] == 19


def test_the_imported_plan_reads_back_as_the_table_says(open_api: OpenApi) -> None:
    api = open_api(example=False)
    plan_id = imported(api)

    plan = api.get(f"{PLANS}/{plan_id}", who="auditor").json()

    assert (plan["organisation"], plan["fiscal_year"], plan["total_budget"]) == (
        "เทศบาลเมืองทุ่งสง",
        2552,
        "458000.00",
    )
    assert plan["on"] == "2009-09-30"  # the runtime's today, not the machine's
    activities = activities_of(plan)
    assert {c: (a["budget"], a["planned_months"]) for c, a in activities.items()} == {
        "1.1": ("30000.00", ["2009-01", "2009-03"]),
        "1.2": ("100000.00", ["2009-03"]),
        "2.1": ("100000.00", ["2009-02", "2009-04", "2009-07"]),
        "2.2": ("50000.00", ["2009-02"]),
        "3": ("178000.00", ["2008-11", "2009-01"]),
    }
    assert {a["status"] for a in activities.values()} == {"planned"}
    assert {a["version"] for a in activities.values()} == {2}


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
    counted = set(api.get("/metrics", who=None).text.splitlines())
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
    counted = set(api.get("/metrics", who=None).text.splitlines())
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


def test_reads_with_min_position_see_every_write(open_api: OpenApi) -> None:
    api = open_api(example=False)
    imported(api)
    api.post(api.activity_path("3", "start"), who="staff", json={})

    for percent in range(10, 60, 10):
        wrote = api.post(api.activity_path("3", "progress"), who="staff", json={"percent": percent})
        position = wrote.json()["position"]
        read = api.get(api.activity_path("3"), who="staff", params={"min_position": position})
        assert read.json()["activity"]["progress"] == percent
        pva = api.get(
            f"{PLANS}/{api.plan_id}/plan-vs-actual", params={"min_position": position}
        ).json()
        assert {r["code"]: r["progress"] for r in pva["rows"]}["3"] == percent


def test_plan_versus_actual_is_built_once_per_state_and_revalidates(api: Api) -> None:
    pva = f"{PLANS}/{api.plan_id}/plan-vs-actual"
    first = api.get(pva)
    tag = first.headers["ETag"]
    again = api.get(pva)
    unchanged = api.get(pva, headers={"If-None-Match": tag})

    assert again.content == first.content and again.headers["ETag"] == tag
    assert {r["code"]: r["lifecycle"] for r in first.json()["rows"]}["2.2"] == "cancelled"
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    other_day = api.get(pva, params={"on": "2009-03-31"})
    assert other_day.headers["ETag"] != tag and other_day.json()["on"] == "2009-03-31"

    wrote = api.post(api.activity_path("2.2", "reopen"), json={"reason": "ได้รับงบประมาณเพิ่ม"}).json()
    moved = api.get(pva, headers={"If-None-Match": tag}, params={"min_position": wrote["position"]})
    assert moved.status_code == 200 and moved.headers["ETag"] != tag
    assert {r["code"]: r["lifecycle"] for r in moved.json()["rows"]}["2.2"] != "cancelled"


def test_a_position_never_written_is_refused_at_once(api: Api) -> None:
    beyond = api.get(api.activity_path("3"), params={"min_position": api.head() + 1})

    body = problem(beyond, 422, "position_unknown")
    assert body["field"] == "min_position" and body["values"]["head"] == api.head()


def test_a_read_waiting_for_views_that_do_not_move_is_a_503(open_api: OpenApi) -> None:
    api = open_api(read_your_writes_timeout=0.2)
    projections = api.runtime.projections
    projections.stop()
    projections.catch_up = lambda: 0  # type: ignore[method-assign]  # the views stall
    written = api.runtime.tracker.reopen(api.activity_id("2.2"), actor="setup", reason="x")

    behind = api.get(api.activity_path("2.2"), params={"min_position": written.position})

    assert problem(behind, 503, "view_behind")["values"]["position"] == written.position


# ----------------------------------------------------------------- reading the example year


def test_plan_versus_actual_on_a_business_date_and_filtered(shared_api: Api) -> None:
    api = shared_api
    pva = f"{PLANS}/{api.plan_id}/plan-vs-actual"

    year_end = api.get(pva, who="auditor").json()
    february = api.get(pva, params={"on": "2009-02-28"}, who="auditor").json()
    cancelled = api.get(pva, params={"status": "cancelled"}).json()
    by_unit = api.get(pva, params={"unit": "งานประชาสัมพันธ์กองวิชาการฯ"}).json()
    other_unit = api.get(pva, params={"unit": "กองช่าง"}).json()

    statuses = {r["code"]: r["status"] for r in year_end["rows"]}
    assert year_end["on"] == "2009-09-30"
    assert statuses == {
        "1.1": "completed_on_time",
        "1.2": "completed_late",
        "2.1": "completed_on_time",  # rescheduled to August, done in August
        "2.2": "cancelled",
        "3": "completed_on_time",
    }
    assert february["on"] == "2009-02-28"
    assert {r["code"]: r["progress"] for r in february["rows"]}["2.1"] == 33
    assert [r["code"] for r in cancelled["rows"]] == ["2.2"]
    assert len(by_unit["rows"]) == 5 and other_unit["rows"] == []
    assert year_end["total"]["spent"] == "367000.00"


def test_time_travel_answers_as_the_store_knew_it_then(shared_api: Api) -> None:
    api = shared_api
    code3 = api.activity_path("3")
    now = api.get(code3)
    then = api.get(code3, params={"as_of": "2009-02-01T00:00:00+07:00"})
    on_new_year = api.get(code3, params={"on": "2009-01-01"})

    assert now.json()["activity"]["status"] == "completed"
    assert then.json()["activity"]["status"] == "started"
    assert then.json()["activity"]["progress"] == 70
    assert then.headers["etag"] == f'"{then.json()["activity"]["version"]}"'
    assert then.json()["activity"]["version"] < now.json()["activity"]["version"]
    assert on_new_year.json()["activity"]["progress"] == 40
    assert on_new_year.headers["etag"] == now.headers["etag"]  # the live version

    plan = f"{PLANS}/{api.plan_id}"
    adopted = api.get(plan, params={"as_of": "2008-10-20T00:00:00+07:00"}).json()
    assert {a["status"] for a in activities_of(adopted).values()} == {"planned"}
    assert adopted["on"] == "2008-10-20"
    problem(api.get(plan, params={"as_of": "2008-10-01T00:00:00+07:00"}), 404, "plan_not_found")


def test_compare_lists_what_changed_between_two_instants(shared_api: Api) -> None:
    api = shared_api
    compared = api.get(
        f"{PLANS}/{api.plan_id}/compare",
        params={"from": "2009-01-01T00:00:00+07:00", "to": "2009-06-01T00:00:00+07:00"},
    )

    assert compared.status_code == 200, compared.text
    changes = {
        (c["code"], c["what"]): (c["before"], c["after"]) for c in compared.json()["changes"]
    }
    assert changes[("2.2", "status")] == ("not_due", "cancelled")
    assert changes[("3", "progress")] == (40, 100)
    assert changes[("1.1", "spending")] == ("0.00", "28500.00")
    before_the_plan = api.get(
        f"{PLANS}/{api.plan_id}/compare",
        params={"from": "2008-01-01T00:00:00Z", "to": "2008-12-01T00:00:00Z"},
    )
    assert before_the_plan.status_code == 200, before_the_plan.text


# ----------------------------------------------------------------- the audit feed


def test_the_feed_pages_through_every_event_once_in_order(shared_api: Api) -> None:
    api = shared_api
    seen: list[int] = []
    after = 0
    while True:
        page = api.get("/api/v1/events", who="auditor", params={"after": after, "limit": 7}).json()
        seen.extend(e["position"] for e in page["items"])
        if page["next"] is None:
            break
        assert page["next"] == page["items"][-1]["position"]
        after = page["next"]

    assert seen == list(range(1, api.head() + 1))


def test_the_feed_filters_like_the_audit_view(shared_api: Api) -> None:
    api = shared_api

    def feed(**params: Any) -> list[dict[str, Any]]:
        response = api.get("/api/v1/events", who="auditor", params={"limit": 500, **params})
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    three = str(api.activity_id("3"))
    by_activity = feed(activity=three)
    assert [e["event_type"] for e in by_activity][:2] == ["ActivityPlanned", "BudgetAllocated"]
    assert {e["activity_id"] for e in by_activity} == {three}
    own = api.get(f"/api/v1/activities/{three}/events", who="staff", params={"limit": 500})
    assert [e["position"] for e in own.json()["items"]] == [e["position"] for e in by_activity]

    assert [e["event_type"] for e in feed(actor="manee")] == [
        "ProgressCorrected",
        "ActivityCancelled",
        "ActivityRescheduled",
    ]
    assert [e["code"] for e in feed(type="ProgressCorrected")] == ["1.1"]
    assert len(feed(type=["ActivityCompleted", "ActivityCancelled"])) == 5
    late = feed(late_only="true")
    assert late and all(e["late_entry"] for e in late)
    assert ("3", "StepCompleted") in {(e["code"], e["event_type"]) for e in late}
    march = feed(**{"from": "2009-03-01T00:00:00+07:00", "to": "2009-03-31T23:59:59+07:00"})
    assert {e["recorded_at"][:7] for e in march} == {"2009-03"}
    assert len(march) == 6  # seven rows in March; the refused spending left no event
    assert feed(plan=str(api.plan_id), unit="งานประชาสัมพันธ์ กองวิชาการฯ")
    assert len(feed(as_of="2008-10-15T02:00:00Z")) == 19  # the import, and nothing after


def test_the_feed_filters_by_project_its_own_events_and_its_activities(
    shared_api: Api,
) -> None:
    api = shared_api
    assert api.plan_id is not None

    def feed(**params: Any) -> list[dict[str, Any]]:
        found, after = [], 0
        while True:
            response = api.get(
                "/api/v1/events", who="auditor", params={"limit": 500, "after": after, **params}
            )
            assert response.status_code == 200, response.text
            found.extend(response.json()["items"])
            if response.json()["next"] is None:
                return found
            after = response.json()["next"]

    project_of: dict[str, str] = {}
    for e in feed():
        if e["kind"] == "activity" and e["aggregate_id"] not in project_of:
            detail = api.get(f"/api/v1/activities/{e['aggregate_id']}", who="auditor").json()
            project_of[e["aggregate_id"]] = detail["project_code"]
    everything = feed()
    for code in ("1", "2"):
        wanted = [
            e["position"]
            for e in everything
            if (e["kind"] == "project" and e["code"] == code)
            or (e["kind"] == "activity" and project_of[e["aggregate_id"]] == code)
        ]
        project = ids.project_id(api.plan_id, code)
        found = feed(project=str(project))
        assert [e["position"] for e in found] == wanted and wanted
        assert {e["project_id"] for e in found} == {str(project)}
        assert {e["kind"] for e in found} == {"project", "activity"}
    assert feed(project=str(ids.project_id(api.plan_id, "99"))) == []
    refused = api.get("/api/v1/events", who="auditor", params={"project": "1"})
    assert refused.status_code == 422


def test_the_feed_is_for_auditors_managers_and_admins(shared_api: Api) -> None:
    api = shared_api
    for who in ("auditor", "manager", "admin"):
        assert api.get("/api/v1/events", who=who).status_code == 200
    problem(api.get("/api/v1/events", who="staff"), 403, "role_forbidden")
    problem(api.get("/api/v1/events", who=None), 401, "not_signed_in")


# ----------------------------------------------------------------- health and metrics


def test_health_names_the_store_and_each_views_lag(shared_api: Api) -> None:
    api = shared_api
    api.settle()

    health = api.get("/healthz", who=None).json()

    assert health["status"] == "ok"
    assert health["store"] == api.runtime.store.describe()
    views = {v["name"]: v for v in health["views"]}
    assert {"plan", "audit", "people"} <= set(views)
    assert views["plan"]["head"] == views["plan"]["position"] == api.head()
    assert all(v["lag_events"] == 0 for v in views.values())


def test_metrics_count_commands_by_outcome(api: Api) -> None:
    path = api.activity_path("2.2", "reopen")
    missing = "/api/v1/activities/00000000-0000-4000-8000-000000000000/reopen"

    assert api.post(path, json={"reason": "x"}, headers={"If-Match": '"1"'}).status_code == 409
    assert api.post(path, json={"reason": "x"}, who="staff").status_code == 403
    assert api.post(missing, json={"reason": "x"}).status_code == 404
    assert api.post(path, json={"reason": "x"}).status_code == 200
    assert api.post(path, json={"reason": "x"}).status_code == 422  # not closed any more

    metrics = api.get("/metrics", who=None)
    assert metrics.headers["content-type"].startswith("text/plain")
    lines = set(metrics.text.splitlines())
    for outcome in ("ok", "refused", "conflict", "forbidden", "not_found"):
        assert f'tidtam_commands_total{{command="reopen",outcome="{outcome}"}} 1.0' in lines
    assert "tidtam_events_appended_total 1.0" in lines
    route = 'route="/api/v1/activities/{activity_id}/reopen"'
    assert any(line.startswith("tidtam_http_request_duration_seconds_count") and route in line
               for line in lines)  # fmt: skip
    assert any(line.startswith('tidtam_projection_lag_events{view="audit"}') for line in lines)

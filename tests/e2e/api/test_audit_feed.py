"""The audit feed through HTTP, and the health and lag the service reports.

Each test runs on SQLite and on PostgreSQL through the real app with its
lifespan, signed in with bearer tokens of the people in ``conftest.PEOPLE``.
"""

from __future__ import annotations

from typing import Any

from domain import ids
from tests.e2e.api.conftest import Api, problem

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
        project = api.runtime.tracker.find_project(api.plan_id, code).id
        found = feed(project=str(project))
        assert [e["position"] for e in found] == wanted and wanted
        assert {e["project_id"] for e in found} == {str(project)}
        assert {e["kind"] for e in found} == {"project", "activity"}
    nowhere = ids.project_id(api.plan_id, "99", ids.section_key("ยุทธศาสตร์ที่ 5"))
    assert feed(project=str(nowhere)) == []
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

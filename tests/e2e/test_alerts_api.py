"""Alerts over HTTP: managers list, acknowledge and snooze flags; staff see their units';
cancelling a project (managers) silences its activities."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.auth import new_token
from api.main import create_app
from api.runtime import Runtime
from api.settings import Settings
from domain.clock import FixedClock
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.example_table import example_draft


@pytest.fixture
def api(
    sqlite_store: Store, tmp_path: Path
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], Any]]:
    clock = FixedClock.at_bangkok(date(2009, 2, 1), hour=9)
    runtime = Runtime.open(sqlite_store, clock=clock)
    plan_id = runtime.tracker.import_plan(example_draft(), actor="admin").plan_id
    headers = {}
    for name, roles, units in (
        ("manee", ("manager",), ()),
        ("somsak", ("staff",), ("งานประชาสัมพันธ์ กองวิชาการฯ",)),
        ("other", ("staff",), ("กองช่าง",)),
        ("nok", ("auditor",), ()),
    ):
        runtime.directory.register(name, roles=roles, units=units, actor="admin")
        token = new_token()
        runtime.directory.issue_token(name, token.token_id, token.digest, label="t", actor="admin")
        headers[name] = {"Authorization": f"Bearer {token.secret}"}
    scheduler = AlertScheduler(
        runtime.tracker, runtime.projections, SchedulerSettings(), clock=clock
    )
    scheduler.scan(date(2009, 2, 1))
    app = create_app(Settings(secret_file=str(tmp_path / "key")), runtime=runtime)
    with TestClient(app) as client:
        yield client, headers, plan_id
    scheduler.stop()
    runtime.close()


def test_managers_list_acknowledge_and_snooze(api: Any) -> None:
    client, headers, _ = api
    alerts = client.get("/api/v1/alerts", headers=headers["manee"]).json()
    assert len(alerts) == 8
    assert {a["state"] for a in alerts} == {"open"}
    overdue = next(a for a in alerts if a["rule"] == "overdue")
    assert overdue["rule_th"] == "เกินกำหนด" and overdue["due_on"] == "2009-01-31"
    ack = client.post(
        f"/api/v1/alerts/{overdue['flag_id']}/ack",
        json={"note": "กำลังเร่ง"},
        headers=headers["manee"],
    )
    assert ack.status_code == 200 and ack.json()["events"] == ["FlagAcknowledged"]
    snooze = client.post(
        f"/api/v1/alerts/{overdue['flag_id']}/snooze",
        json={"until": "2009-02-10"},
        headers=headers["manee"],
    )
    assert snooze.status_code == 200
    states = client.get(
        "/api/v1/alerts",
        params={"min_position": snooze.json()["position"]},
        headers=headers["manee"],
    ).json()
    assert next(a for a in states if a["flag_id"] == overdue["flag_id"])["state"] == "snoozed"
    past = client.post(
        f"/api/v1/alerts/{overdue['flag_id']}/snooze",
        json={"until": "2009-02-01"},
        headers=headers["manee"],
    )
    assert (past.status_code, past.json()["rule"]) == (422, "snooze_in_future")


def test_staff_see_their_units_alerts_and_may_not_acknowledge(api: Any) -> None:
    client, headers, _ = api
    assert len(client.get("/api/v1/alerts", headers=headers["somsak"]).json()) == 8
    assert client.get("/api/v1/alerts", headers=headers["other"]).json() == []
    assert len(client.get("/api/v1/alerts", headers=headers["nok"]).json()) == 8
    flag = client.get("/api/v1/alerts", headers=headers["somsak"]).json()[0]["flag_id"]
    refused = client.post(f"/api/v1/alerts/{flag}/ack", json={}, headers=headers["somsak"])
    assert (refused.status_code, refused.json()["rule"]) == (403, "role_forbidden")
    assert client.get("/api/v1/alerts").status_code == 401


def test_cancelling_a_project_is_for_managers(api: Any) -> None:
    client, headers, plan_id = api
    body = {"reason": "ไม่ได้รับอนุมัติ"}
    assert (
        client.post(
            f"/api/v1/plans/{plan_id}/projects/3/cancel", json=body, headers=headers["somsak"]
        ).status_code
        == 403
    )
    done = client.post(
        f"/api/v1/plans/{plan_id}/projects/3/cancel", json=body, headers=headers["manee"]
    )
    assert done.status_code == 200
    again = client.post(
        f"/api/v1/plans/{plan_id}/projects/3/cancel", json=body, headers=headers["manee"]
    )
    assert (again.status_code, again.json()["rule"]) == (422, "no_change")
    budget = client.post(
        f"/api/v1/plans/{plan_id}/projects/1/budget", json={"amount": "120000", "reason": "ตัดงบ"},
        headers=headers["manee"],
    )  # fmt: skip
    assert (budget.status_code, budget.json()["rule"]) == (422, "project_budget_covers_allocations")


def test_acknowledging_with_a_stale_activity_version_is_a_409(api: Any) -> None:
    client, headers, _ = api
    alert = client.get("/api/v1/alerts", headers=headers["manee"]).json()[0]
    read = client.get(f"/api/v1/activities/{alert['activity_id']}", headers=headers["manee"])
    version = int(read.headers["ETag"].strip('"'))
    stale = client.post(
        f"/api/v1/alerts/{alert['flag_id']}/ack", json={"note": "รับทราบ"},
        headers={**headers["manee"], "If-Match": f'"{version - 1}"'},
    )  # fmt: skip
    assert (stale.status_code, stale.json()["current_version"]) == (409, version)
    fresh = client.post(
        f"/api/v1/alerts/{alert['flag_id']}/ack", json={"note": "รับทราบ"},
        headers={**headers["manee"], "If-Match": read.headers["ETag"]},
    )  # fmt: skip
    assert (fresh.status_code, fresh.json()["version"]) == (200, version + 1), fresh.text
    assert fresh.headers["ETag"] == f'"{version + 1}"'

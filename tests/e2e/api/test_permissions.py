"""Who may do what, endpoint by endpoint: a role × endpoint matrix generated from a table.

Every write endpoint (activity and project commands, alerts, the import, users)
and the role-gated reads are tried by six callers: nobody signed in, staff of
the activity's unit, staff of another unit, a manager, an auditor and an admin.
Each cell has an activity (or a user) of its own, prepared so the command is
valid, so an allowed caller must get a 2xx; everyone else gets 401 (not signed
in) or 403, and a refused request appends nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from api.auth import new_token
from application.tracker import Tracker
from domain.draft import PlanDraft, ProjectDraft
from domain.evidence import EvidenceFile
from domain.flags import FlagKey, Rule
from storage.file_store import FileStore
from storage.store import Store
from tests.builders import activity, small_plan
from tests.e2e.api.conftest import TODAY, Api, in_process
from tests.evidence_files import png
from tests.example_table import example_upload

CALLERS = {
    "anonymous": None,
    "own_staff": "staff",
    "other_staff": "outsider",
    "manager": "manager",
    "auditor": "auditor",
    "admin": "admin",
}
"""Who calls (a matrix column) → the user whose token they send (conftest.PEOPLE)."""

SIGNED_IN = frozenset(CALLERS) - {"anonymous"}
RECORDERS = frozenset({"own_staff", "manager"})
MANAGERS = frozenset({"manager"})
AUDITORS = frozenset({"manager", "auditor", "admin"})
ADMINS = frozenset({"admin"})

Given = Callable[[Tracker, UUID], None]
"""Prepares a cell's activity (tracker, activity id) before the call."""

FLAG = FlagKey(Rule.OVERDUE.value, 0, "2009-03")
"""The flag raised on the activity of each alert cell."""


def spent(tracker: Tracker, activity_id: UUID) -> None:
    tracker.record_expenditure(activity_id, Decimal("100.00"), actor="setup")


def started(tracker: Tracker, activity_id: UUID) -> None:
    tracker.start(activity_id, actor="setup", occurred_on=date(2009, 3, 2))


def committed(tracker: Tracker, activity_id: UUID) -> None:
    tracker.record_commitment(activity_id, "100", number="สัญญา 9/2552", actor="setup")


def planned(tracker: Tracker, activity_id: UUID) -> None:
    tracker.plan_output(activity_id, 3, "ครั้ง", actor="setup")


def delivered(tracker: Tracker, activity_id: UUID) -> None:
    planned(tracker, activity_id)
    tracker.deliver_output(activity_id, 1, actor="setup")


def completed(tracker: Tracker, activity_id: UUID) -> None:
    tracker.complete(activity_id, actor="setup", note="ปิดไว้ก่อน")


def finished(tracker: Tracker, activity_id: UUID) -> None:
    started(tracker, activity_id)
    completed(tracker, activity_id)


def evidenced(tracker: Tracker, activity_id: UUID) -> None:
    photo = EvidenceFile.of(png(), "sign.png", field="files")
    tracker.record_progress(activity_id, 10, actor="setup", attached=(photo,))


def flagged(tracker: Tracker, activity_id: UUID) -> None:
    tracker.record_flags(activity_id, raise_flags=[(FLAG, "เกินกำหนด")], on=TODAY)


@dataclass(frozen=True)
class Endpoint:
    """One row of the table: a request, who may make it, what its target needs first."""

    name: str
    method: str
    path: str
    """The OpenAPI path; its parameters are filled with the cell's own activity, flag, user."""
    allowed: frozenset[str]
    body: dict[str, Any] | None = None
    given: Given | None = None
    user: str = ""
    """What the cell's user must be first: "" (not needed), "absent", "active", "disabled"."""

    @property
    def on_activity(self) -> bool:
        return "{activity_id}" in self.path or "{flag_id}" in self.path

    @property
    def on_project(self) -> bool:
        return "{code}" in self.path


ACTIVITY = "/api/v1/activities/{activity_id}"
USER = "/api/v1/users/{username}"
ALERT = "/api/v1/alerts/{flag_id}"
PROJECT = "/api/v1/plans/{plan_id}/projects/{code}"
REPORTS = "/api/v1/plans/{plan_id}/reports"
REASON = "ทดสอบสิทธิ์"

ENDPOINTS = [
    Endpoint("start", "POST", f"{ACTIVITY}/start", RECORDERS, {}),
    Endpoint(
        "correct_start",
        "POST",
        f"{ACTIVITY}/start/correction",
        RECORDERS,
        {"occurred_on": "2009-02-16", "reason": REASON},
        given=started,
    ),
    Endpoint("progress", "POST", f"{ACTIVITY}/progress", RECORDERS, {"percent": 10}),
    Endpoint(
        "correct_progress",
        "POST",
        f"{ACTIVITY}/progress/correction",
        RECORDERS,
        {"percent": 5, "reason": REASON},
    ),
    Endpoint("spend", "POST", f"{ACTIVITY}/expenditures", RECORDERS, {"amount": "100.00"}),
    Endpoint(
        "correct_spending",
        "POST",
        f"{ACTIVITY}/expenditures/{{entry}}/correction",
        MANAGERS,
        {"amount": "50.00", "reason": REASON},
        given=spent,
    ),
    Endpoint(
        "commit",
        "POST",
        f"{ACTIVITY}/commitments",
        RECORDERS,
        {"amount": "100.00", "number": "สัญญา 1/2552"},
    ),
    Endpoint(
        "correct_commitment",
        "POST",
        f"{ACTIVITY}/commitments/{{entry}}/correction",
        MANAGERS,
        {"amount": "50.00", "reason": REASON},
        given=committed,
    ),
    Endpoint("output", "POST", f"{ACTIVITY}/output", MANAGERS, {"quantity": "2", "unit": "ครั้ง"}),
    Endpoint("deliver", "POST", f"{ACTIVITY}/outputs", RECORDERS, {"quantity": "1"}, planned),
    Endpoint(
        "correct_delivery",
        "POST",
        f"{ACTIVITY}/outputs/{{entry}}/correction",
        MANAGERS,
        {"quantity": "0", "reason": REASON},
        given=delivered,
    ),
    Endpoint("step", "POST", f"{ACTIVITY}/steps/{{step}}/complete", RECORDERS, {}),
    Endpoint("complete", "POST", f"{ACTIVITY}/complete", RECORDERS, {"note": "ครบแล้ว"}),
    Endpoint(
        "correct_completion",
        "POST",
        f"{ACTIVITY}/complete/correction",
        RECORDERS,
        {"occurred_on": "2009-03-16", "reason": REASON},
        given=finished,
    ),
    Endpoint("cancel", "POST", f"{ACTIVITY}/cancel", MANAGERS, {"reason": REASON}),
    Endpoint("reopen", "POST", f"{ACTIVITY}/reopen", MANAGERS, {"reason": REASON}, completed),
    Endpoint(
        "reschedule",
        "POST",
        f"{ACTIVITY}/reschedule",
        MANAGERS,
        {"months": ["2009-01", "2009-09"], "reason": REASON},
    ),
    Endpoint("budget", "POST", f"{ACTIVITY}/budget", MANAGERS, {"amount": "900", "reason": REASON}),
    Endpoint("upload_evidence", "POST", f"{ACTIVITY}/evidence", RECORDERS),
    Endpoint(
        "remove_evidence",
        "POST",
        f"{ACTIVITY}/evidence/{{entry}}/removal",
        RECORDERS,
        {"reason": REASON},
        given=evidenced,
    ),
    Endpoint("ack", "POST", f"{ALERT}/ack", MANAGERS, {"note": "รับทราบ"}, flagged),
    Endpoint("snooze", "POST", f"{ALERT}/snooze", MANAGERS, {"until": "2009-10-15"}, flagged),
    Endpoint(
        "project_budget",
        "POST",
        f"{PROJECT}/budget",
        MANAGERS,
        {"amount": "20000", "reason": REASON},
    ),
    Endpoint("project_cancel", "POST", f"{PROJECT}/cancel", MANAGERS, {"reason": REASON}),
    Endpoint(
        "funding_source", "POST", f"{PROJECT}/funding-source", MANAGERS, {"source": "เงินสะสม"}
    ),
    Endpoint(
        "transfer",
        "POST",
        "/api/v1/plans/{plan_id}/transfers",
        MANAGERS,
        {"source": "{giving}", "target": "{taking}", "amount": "1", "reason": REASON},
    ),
    Endpoint(
        "findings",
        "POST",
        f"{REPORTS}/monitoring/findings",
        MANAGERS,
        {"period": "half", "findings": "ดำเนินการตามแผน"},
    ),
    Endpoint("file_report", "POST", f"{REPORTS}/monitoring/filings", MANAGERS, {"period": "half"}),
    Endpoint("import", "POST", "/api/v1/plans/import", ADMINS),
    Endpoint(
        "publication", "POST", "/api/v1/plans/{plan_id}/publication", ADMINS, {"published": True}
    ),
    Endpoint(
        "register",
        "POST",
        "/api/v1/users",
        ADMINS,
        {"username": "{username}", "roles": ["auditor"]},
        user="absent",
    ),
    Endpoint("access", "PUT", f"{USER}/access", ADMINS, {"roles": ["manager"]}, user="active"),
    Endpoint(
        "password", "PUT", f"{USER}/password", ADMINS, {"password": "ยาวพอแล้วนะ-1"}, user="active"
    ),
    Endpoint("issue_token", "POST", f"{USER}/tokens", ADMINS, {"label": "x"}, user="active"),
    Endpoint("revoke_token", "DELETE", f"{USER}/tokens/{{token_id}}", ADMINS, user="active"),
    Endpoint("disable", "POST", f"{USER}/disable", ADMINS, {"reason": REASON}, user="active"),
    Endpoint("enable", "POST", f"{USER}/enable", ADMINS, {"reason": REASON}, user="disabled"),
    # Reads that not everyone may make
    Endpoint("feed", "GET", "/api/v1/events", AUDITORS),
    Endpoint("users", "GET", "/api/v1/users", AUDITORS),
    Endpoint("user_history", "GET", f"{USER}/history", AUDITORS, user="active"),
    Endpoint("plans", "GET", "/api/v1/plans", SIGNED_IN),
    Endpoint("activity", "GET", ACTIVITY, SIGNED_IN),
    Endpoint("activity_events", "GET", f"{ACTIVITY}/events", SIGNED_IN),
    Endpoint("evidence_file", "GET", f"{ACTIVITY}/evidence/{{sha256}}", SIGNED_IN, given=evidenced),
    Endpoint("alerts", "GET", "/api/v1/alerts", SIGNED_IN),
    Endpoint("me", "GET", "/api/v1/me", SIGNED_IN),
    Endpoint("summary", "GET", f"{REPORTS}/summary", SIGNED_IN),
    Endpoint("filings", "GET", f"{REPORTS}/filings", SIGNED_IN),
    Endpoint("monitoring", "GET", f"{REPORTS}/monitoring?period=half", SIGNED_IN),
]
ON_ACTIVITIES = [e for e in ENDPOINTS if e.on_activity]
ON_PROJECTS = [e for e in ENDPOINTS if e.on_project]
CELLS = [(endpoint, caller) for endpoint in ENDPOINTS for caller in CALLERS]
ANYONE = {("POST", "/api/v1/session"), ("DELETE", "/api/v1/session")}
"""Writes open to everyone: signing in and out."""


def code_of(endpoint: Endpoint, caller: str) -> str:
    """The cell's own activity: one project per endpoint, one activity per caller."""
    return f"{ON_ACTIVITIES.index(endpoint) + 1}.{list(CALLERS).index(caller) + 1}"


def project_of(endpoint: Endpoint, caller: str) -> str:
    """The cell's own project (with one activity), for the project endpoints."""
    return str(100 + 10 * ON_PROJECTS.index(endpoint) + list(CALLERS).index(caller))


def username_of(endpoint: Endpoint, caller: str) -> str:
    return f"{endpoint.name.replace('_', '-')}.{caller.replace('_', '-')}"


def matrix_plan() -> PlanDraft:
    """The small plan's header, with a project of six activities per activity endpoint
    and a project per caller for each project endpoint."""
    projects = []
    for number, endpoint in enumerate(ON_ACTIVITIES, start=1):
        drafts = tuple(
            activity(
                code_of(endpoint, caller),
                "10000",
                ("2009-01", "2009-03"),
                steps=((1, ("2009-01",)), (2, ("2009-03",))),
            )
            for caller in CALLERS
        )
        projects.append(ProjectDraft(str(number), endpoint.name, Decimal("60000.00"), drafts))
    for endpoint in ON_PROJECTS:
        for caller in CALLERS:
            code = project_of(endpoint, caller)
            only = activity(f"{code}.1", "10000", ("2009-01",))
            projects.append(ProjectDraft(code, endpoint.name, Decimal("10000.00"), (only,)))
    header = small_plan(strategy="matrix")
    # An organisation of its own: the import cell brings in the example year, whose plan
    # would otherwise be this one, and its codes (2.1 …) would stand in two sections.
    return replace(
        header.with_projects(tuple(projects)),
        organisation="เทศบาลตำบลตารางสิทธิ์",
        title="สิทธิ์ตามบทบาท",
        source="matrix",
    )


@pytest.fixture(scope="module")
def matrix(module_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One app for the whole matrix, every cell's activity and user prepared up front."""
    with in_process(module_store, tmp_path_factory.mktemp("app"), example=False) as api:
        tracker, directory = api.runtime.tracker, api.runtime.directory
        api.runtime.files = tracker.files = FileStore(tmp_path_factory.mktemp("files"))
        api.plan_id = tracker.import_plan(matrix_plan(), actor="setup").plan_id
        for endpoint, caller in CELLS:
            if endpoint.given is not None:
                endpoint.given(tracker, api.activity_id(code_of(endpoint, caller)))
            if endpoint.user in ("active", "disabled"):
                username = username_of(endpoint, caller)
                directory.register(username, roles=("auditor",), actor="setup")
                token = new_token()
                directory.issue_token(username, "first", token.digest, label="", actor="setup")
                if endpoint.user == "disabled":
                    directory.disable(username, reason=REASON, actor="setup")
        api.settle()
        yield api


@pytest.mark.parametrize(
    ("endpoint", "caller"), CELLS, ids=[f"{e.name}-{caller}" for e, caller in CELLS]
)
def test_only_the_allowed_may(matrix: Api, endpoint: Endpoint, caller: str) -> None:
    api = matrix
    values = {"username": username_of(endpoint, caller), "entry": 1, "step": 1}
    values["plan_id"] = api.plan_id
    # a transfer moves one baht between two activities only reads are made on
    reading = next(e for e in ENDPOINTS if e.name == "activity")
    values["giving"], values["taking"] = (code_of(reading, c) for c in list(CALLERS)[:2])
    if endpoint.on_activity:
        activity_id = api.activity_id(code_of(endpoint, caller))
        values |= {"activity_id": activity_id, "flag_id": FLAG.flag_id(activity_id)}
    if endpoint.on_project:
        values |= {"plan_id": api.plan_id, "code": project_of(endpoint, caller)}
    values["token_id"] = "first"
    values["sha256"] = hashlib.sha256(png()).hexdigest()
    request: dict[str, Any] = {"who": CALLERS[caller]}
    if endpoint.body is not None:
        request["json"] = {
            k: v.format(**values) if isinstance(v, str) else v for k, v in endpoint.body.items()
        }
    if endpoint.name == "import":
        request["files"] = {"file": example_upload()}
    if endpoint.name == "upload_evidence":
        request["files"] = {"file": ("sign.png", png(), "image/png")}
    heads = (api.head(), api.runtime.directory.recorder.max_notification_id())

    response = api.request(endpoint.method, endpoint.path.format(**values), **request)

    if caller in endpoint.allowed:
        assert 200 <= response.status_code < 300, response.text
        return
    expected = 401 if caller == "anonymous" else 403
    assert response.status_code == expected, response.text
    assert response.json()["rule"] in {"not_signed_in", "role_forbidden", "unit_forbidden"}
    assert (api.head(), api.runtime.directory.recorder.max_notification_id()) == heads


def test_the_table_has_every_write_of_the_api(matrix: Api) -> None:
    paths = matrix.http.get("/openapi.json").json()["paths"]
    writes = {
        (method.upper(), path)
        for path, operations in paths.items()
        for method in operations
        if method != "get"
    }

    assert writes - ANYONE <= {(e.method, e.path) for e in ENDPOINTS}

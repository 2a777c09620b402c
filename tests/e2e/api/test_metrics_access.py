"""/metrics answers Prometheus with its token and people who may audit, nobody else
(hardening, finding 7: it answered anyone who could reach the port)."""

from __future__ import annotations

from pathlib import Path

from storage.store import Store
from tests.e2e.api.conftest import Api, in_process, problem

TOKEN = "prometheus-" + "x" * 40


def test_nobody_anonymous_reads_the_metrics(api: Api) -> None:
    problem(api.get("/metrics", who=None), 401, "not_signed_in")


def test_people_who_may_audit_read_them_and_staff_do_not(api: Api) -> None:
    for who in ("auditor", "manager", "admin"):
        assert api.get("/metrics", who=who).status_code == 200, who
    problem(api.get("/metrics", who="staff"), 403, "role_forbidden")


def test_prometheus_reads_them_with_its_own_token(tmp_path: Path) -> None:
    store = Store.sqlite(tmp_path / "tidtam.db")
    with in_process(store, tmp_path, example=False, metrics_token=TOKEN) as api:
        answer = api.http.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200 and "tidtam_commands_total" in answer.text
        wrong = api.http.get("/metrics", headers={"Authorization": "Bearer prometheus-guess"})
        assert wrong.status_code == 401

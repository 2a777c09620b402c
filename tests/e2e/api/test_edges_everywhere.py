"""The hardening's edge values, sent to every operation that takes them, on a real server:
no answer is a 5xx and the keep-alive connection survives every refusal.

Read off the app's own OpenAPI document, so an operation added later is swept too: each
query parameter named below gets its extreme values, each body field its extreme value,
and each command an ``If-Match`` of 5,000 digits.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from api.main import create_app
from tests.e2e.api.conftest import Api

QUERY_EDGES = {
    "as_of": ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"],
    "on": ["9999-12-31", "0001-01-01"],
    "from": ["0001-01-01T00:00:00Z"],
    "to": ["9999-12-31T23:59:59Z"],
    "min_position": [str(2**62)],
    "after": [str(2**62)],
}
BODY_EDGES: dict[str, Any] = {
    "amount": "9" * 30,
    "percent": 10**30,
    "step": 10**30,
    "months": ["9999-12"],
    "occurred_on": "9999-12-31",
    "until": "9999-12-31",
    "reason": "x" * 100_000,
    "note": "x" * 100_000,
}
HUGE_VERSION = '"' + "9" * 5000 + '"'


@cache
def document() -> dict[str, Any]:
    """The app's OpenAPI document, built once: building it is most of a second."""
    return create_app().openapi()


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    """Every API operation that takes at least one of the edge values."""
    return [
        (path, method, operation)
        for path, methods in document()["paths"].items()
        if path.startswith("/api/") and not path.endswith("/stream")
        for method, operation in methods.items()
        if _query_names(operation) & set(QUERY_EDGES) or bodies(operation)
    ]


def _query_names(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


def concrete(api: Api, path: str) -> str:
    path = path.replace("{plan_id}", str(api.plan_id))
    path = path.replace("{activity_id}", str(api.activity_id("2.1")))
    path = re.sub(r"\{(step|entry)\}", "1", path)
    path = path.replace("{code}", "1").replace("{username}", "staff")
    return re.sub(r"\{[a-z_]+\}", "00000000-0000-0000-0000-000000000000", path)


def bodies(operation: dict[str, Any]) -> list[dict[str, Any]]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = schema.get("$ref", "")
    if not ref:
        return []
    name = ref.rsplit("/", 1)[-1]
    fields = document()["components"]["schemas"][name].get("properties", {})
    return [{field: BODY_EDGES[field]} for field in fields if field in BODY_EDGES]


@pytest.mark.parametrize(
    ("path", "method", "operation"), operations(), ids=[f"{m} {p}" for p, m, _ in operations()]
)
def test_no_edge_value_makes_a_server_error(
    served: Api, path: str, method: str, operation: dict[str, Any]
) -> None:
    url = concrete(served, path)
    for name in _query_names(operation) & set(QUERY_EDGES):
        for value in QUERY_EDGES[name]:
            answer = served.http.request(
                method.upper(), url, params={name: value}, headers=served.headers("manager")
            )
            assert answer.status_code < 500, (name, value, answer.text[:300])
    for body in bodies(operation):
        headers = served.headers("manager", {"If-Match": HUGE_VERSION})
        answer = served.http.request(method.upper(), url, json=body, headers=headers)
        assert answer.status_code < 500, (body.keys(), answer.text[:300])
    assert served.http.get("/healthz").status_code == 200  # the connection is still there

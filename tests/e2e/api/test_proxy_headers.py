"""Proxy headers are believed only from configured proxies (hardening, finding 5).

uvicorn believes ``X-Forwarded-For`` from any loopback client by default, so anyone on
the machine could claim a new address with every attempt and never meet the sign-in
throttle's per-address limit. Served as ``tidtam serve`` serves, on a real server.
"""

from __future__ import annotations

from pathlib import Path

from storage.store import Store
from tests.e2e.api.conftest import on_a_server, problem

LIMIT = 3


def failed_sign_ins(api: object, count: int) -> list[int]:
    """``count`` wrong passwords for different names, each claiming another address."""
    statuses = []
    for n in range(count):
        response = api.post(  # type: ignore[attr-defined]
            "/api/v1/session",
            who=None,
            json={"username": f"nobody{n}", "password": "wrong"},
            headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
        )
        statuses.append(response.status_code)
    return statuses


def test_forwarded_addresses_from_an_untrusted_client_do_not_reset_the_throttle(
    tmp_path: Path,
) -> None:
    with on_a_server(
        Store.sqlite(tmp_path / "tidtam.db"), tmp_path, example=False,
        sign_in_client_failures=LIMIT, sign_in_failures=100,
    ) as api:  # fmt: skip
        statuses = failed_sign_ins(api, LIMIT + 1)
        assert statuses == [403] * LIMIT + [429]
        again = api.post(
            "/api/v1/session", who=None, json={"username": "x", "password": "y"},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )  # fmt: skip
        problem(again, 429, "sign_in_throttled")


def test_a_configured_proxy_is_believed(tmp_path: Path) -> None:
    with on_a_server(
        Store.sqlite(tmp_path / "tidtam.db"), tmp_path, example=False,
        sign_in_client_failures=LIMIT, sign_in_failures=100, trusted_proxies="127.0.0.1",
    ) as api:  # fmt: skip
        assert failed_sign_ins(api, LIMIT + 1) == [403] * (LIMIT + 1)  # each its own client

"""A session is a server-side fact (hardening, finding 3): signing out, a new password,
other roles or units and disabling end every session of the user at once — a copied
session cookie included. Before, a copied cookie read ``/api/v1/me`` for 12 hours."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from api.auth import hash_password
from api.deps import SESSION_COOKIE
from tests.e2e.api.conftest import UNIT, Api, OpenApi, problem

PASSWORD = "ทุ่งสง-2552-password"


def signed_in(api: Api, username: str = "staff") -> str:
    """Sign ``username`` in; the session cookie's value (a copy an attacker could hold)."""
    login = {"username": username, "password": PASSWORD}
    answer = api.post("/api/v1/session", who=None, json=login)
    assert answer.status_code == 200, answer.text
    cookie = answer.cookies[SESSION_COOKIE]
    api.http.cookies.clear()
    return cookie


def with_cookie(api: Api, cookie: str, method: str, path: str) -> httpx.Response:
    """A request carrying only ``cookie``, as a browser holding a copy of it would."""
    api.http.cookies.clear()
    api.http.cookies.set(SESSION_COOKIE, cookie)
    try:
        return api.http.request(method, path)
    finally:
        api.http.cookies.clear()


def me_with(api: Api, cookie: str) -> httpx.Response:
    return with_cookie(api, cookie, "GET", "/api/v1/me")


def sign_out(api: Api, cookie: str) -> httpx.Response:
    return with_cookie(api, cookie, "DELETE", "/api/v1/session")


def new_password(api: Api, _: str) -> httpx.Response:
    return api.put("/api/v1/users/staff/password", who="admin", json={"password": "other-2552"})


def other_units(api: Api, _: str) -> httpx.Response:
    access = {"roles": ["staff"], "units": [UNIT, "กองช่าง"]}
    return api.put("/api/v1/users/staff/access", who="admin", json=access)


def disabled(api: Api, _: str) -> httpx.Response:
    return api.post("/api/v1/users/staff/disable", who="admin", json={"reason": "ย้ายหน่วยงาน"})


ENDINGS: dict[str, Callable[[Api, str], httpx.Response]] = {
    "sign-out through the API": sign_out,
    "an admin sets a new password": new_password,
    "an admin changes the units": other_units,
    "an admin disables the user": disabled,
}


@pytest.fixture
def api(open_api: OpenApi) -> Api:
    opened = open_api(example=False)
    for username in ("staff", "manager"):
        opened.runtime.directory.set_password(username, hash_password(PASSWORD), actor="setup")
    opened.settle()
    return opened


@pytest.mark.parametrize("ending", ENDINGS, ids=list(ENDINGS))
def test_a_copied_cookie_stops_working_when_the_session_ends(api: Api, ending: str) -> None:
    copied = signed_in(api)
    assert me_with(api, copied).json()["username"] == "staff"
    answer = ENDINGS[ending](api, copied)
    assert answer.status_code in (200, 204), answer.text
    problem(me_with(api, copied), 401, "not_signed_in")


def test_signing_in_again_after_signing_out_opens_a_new_session(api: Api) -> None:
    first = signed_in(api)
    sign_out(api, first)
    second = signed_in(api)
    assert me_with(api, second).json()["username"] == "staff"
    problem(me_with(api, first), 401, "not_signed_in")


def test_one_persons_sign_out_ends_nobody_elses_session(api: Api) -> None:
    staff, manager = signed_in(api, "staff"), signed_in(api, "manager")
    sign_out(api, staff)
    assert me_with(api, manager).json()["username"] == "manager"


def test_the_sign_out_is_recorded_with_who_and_when(api: Api) -> None:
    sign_out(api, signed_in(api))
    directory = api.runtime.directory
    last = directory.history_of(directory.get("staff").id)[-1]
    assert type(last).__name__ == "SignedOut" and getattr(last, "actor") == "staff"  # noqa: B009


def test_signing_out_without_a_session_ends_nothing(api: Api) -> None:
    before = api.runtime.directory.recorder.max_notification_id()
    assert api.http.delete("/api/v1/session").status_code == 204
    assert sign_out(api, "staff|1|9999999999|csrf|forged").status_code == 204
    assert api.runtime.directory.recorder.max_notification_id() == before

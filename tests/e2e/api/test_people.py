"""People through HTTP: who is signed in, user administration, tokens, sessions, throttling.

Credentials are real: tokens are issued through the API and shown once,
passwords are argon2id-hashed, sessions are signed cookies that need the CSRF
token for writes.
"""

from __future__ import annotations

from api.auth import hash_password
from api.deps import SESSION_COOKIE
from tests.e2e.api.conftest import PEOPLE, UNIT, Api, OpenApi, problem

USERS = "/api/v1/users"
PASSWORD = "ทุ่งสง-2552-password"


def test_me_says_who_and_what_they_may_do(shared_api: Api) -> None:
    api = shared_api
    actions = {
        who: api.get("/api/v1/me", who=who).json()["actions"] for who in ("staff", "manager")
    }
    me = api.get("/api/v1/me", who="staff").json()

    assert (me["username"], me["roles"]) == ("staff", ["staff"])
    assert me["unit_keys"] == ["งานประชาสัมพันธ์กองวิชาการฯ"]
    assert actions == {
        "staff": ["read", "record"],
        "manager": ["alerts", "audit", "manage", "read", "record", "report", "revise"],
    }


def test_those_who_run_or_audit_user_administration_list_users(shared_api: Api) -> None:
    api = shared_api
    listed = api.get(USERS, who="auditor").json()

    assert [u["username"] for u in listed] == list(PEOPLE)
    assert {u["username"]: u["units"] for u in listed}["staff"] == [UNIT]
    for who in ("admin", "manager"):  # managers audit too (domain.policy)
        assert api.get(USERS, who=who).status_code == 200
    for who in ("staff", "outsider"):
        problem(api.get(USERS, who=who), 403, "role_forbidden")


def test_an_admin_registers_a_user_and_a_token_issued_for_them_works_until_revoked(
    api: Api,
) -> None:
    registered = api.post(
        USERS,
        who="admin",
        json={"username": "somchai", "roles": ["staff"], "units": ["กองช่าง"],
              "display_name": "สมชาย"},
    )  # fmt: skip
    assert registered.status_code == 201, registered.text
    assert registered.json() == {
        "username": "somchai",
        "display_name": "สมชาย",
        "roles": ["staff"],
        "units": ["กองช่าง"],
        "disabled": False,
        "organisations": [],
    }
    problem(
        api.post(USERS, who="admin", json={"username": "somchai", "roles": ["auditor"]}),
        422,
        "user_exists",
    )

    issued = api.post(f"{USERS}/somchai/tokens", who="admin", json={"label": "มือถือ"})
    assert issued.status_code == 201, issued.text
    token = issued.json()["token"]
    assert token.startswith("tt_") and issued.json()["label"] == "มือถือ"
    api.settle()
    bearer = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/me", who=None, headers=bearer).json()["username"] == "somchai"

    revoked = api.delete(f"{USERS}/somchai/tokens/{issued.json()['token_id']}", who="admin")
    assert revoked.status_code == 204
    api.settle()
    problem(api.get("/api/v1/me", who=None, headers=bearer), 401, "not_signed_in")
    history = api.get(f"{USERS}/somchai/history", who="auditor").json()
    assert [e["event_type"] for e in history] == ["UserRegistered", "TokenIssued", "TokenRevoked"]
    assert all("token_digest" not in e["details"] for e in history)
    assert {e["actor"] for e in history} == {"admin"}


def test_people_issue_and_revoke_their_own_tokens_but_nobody_elses(api: Api) -> None:
    own = api.post(f"{USERS}/staff/tokens", who="staff", json={"label": "script"})
    assert own.status_code == 201, own.text
    assert api.delete(
        f"{USERS}/staff/tokens/{own.json()['token_id']}", who="staff"
    ).status_code == (204)

    problem(api.post(f"{USERS}/manager/tokens", who="staff", json={}), 403, "role_forbidden")
    problem(api.delete(f"{USERS}/staff/tokens/nope", who="staff"), 422, "token_unknown")


def test_changing_access_takes_effect_on_the_next_request(api: Api) -> None:
    path = api.activity_path("2.2", "reopen")
    problem(api.post(path, who="staff", json={"reason": "x"}), 403, "role_forbidden")

    changed = api.put(
        f"{USERS}/staff/access", who="admin", json={"roles": ["staff", "manager"], "units": [UNIT]}
    )
    assert changed.status_code == 200, changed.text
    api.settle()

    assert api.post(path, who="staff", json={"reason": "x"}).status_code == 200


def test_a_disabled_user_is_refused_everywhere_until_enabled(open_api: OpenApi) -> None:
    api = open_api()
    api.runtime.directory.set_password("staff", hash_password(PASSWORD), actor="setup")
    api.settle()

    disabled = api.post(f"{USERS}/staff/disable", who="admin", json={"reason": "ย้ายหน่วยงาน"})
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    api.settle()
    problem(api.get("/api/v1/me", who="staff"), 401, "not_signed_in")
    problem(
        api.post("/api/v1/session", who=None, json={"username": "staff", "password": PASSWORD}),
        403,
        "sign_in_failed",
    )
    problem(
        api.post(f"{USERS}/staff/disable", who="admin", json={"reason": "again"}), 422, "no_change"
    )

    enabled = api.post(f"{USERS}/staff/enable", who="admin", json={"reason": "กลับมาแล้ว"})
    assert enabled.status_code == 200 and enabled.json()["disabled"] is False
    api.settle()
    assert api.get("/api/v1/me", who="staff").status_code == 200


def test_a_session_cookie_signs_in_and_writes_need_the_csrf_token(open_api: OpenApi) -> None:
    api = open_api()
    api.runtime.directory.set_password("manager", hash_password(PASSWORD), actor="setup")
    api.settle()

    signed_in = api.post(
        "/api/v1/session", who=None, json={"username": "manager", "password": PASSWORD}
    )
    assert signed_in.status_code == 200, signed_in.text
    csrf = signed_in.json()["csrf"]
    cookie = signed_in.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert api.get("/api/v1/me", who=None).json()["username"] == "manager"

    path = api.activity_path("2.2", "reopen")
    forged = api.post(path, who=None, json={"reason": "x"})
    wrong = api.post(path, who=None, json={"reason": "x"}, headers={"X-CSRF-Token": "guess"})
    problem(forged, 403, "csrf_failed")
    problem(wrong, 403, "csrf_failed")
    assert api.head() == api.runtime.tracker.recorder.max_notification_id()
    written = api.post(path, who=None, json={"reason": "x"}, headers={"X-CSRF-Token": csrf})
    assert written.status_code == 200, written.text
    position = written.json()["position"]
    history = api.get(
        api.activity_path("2.2", "events"), who="auditor", params={"min_position": position}
    ).json()["items"]
    assert history[-1]["actor"] == "manager"

    signed_out = api.delete("/api/v1/session", who=None)
    assert signed_out.status_code == 204
    problem(api.get("/api/v1/me", who=None), 401, "not_signed_in")


def test_a_tampered_session_cookie_is_no_session(api: Api) -> None:
    api.http.cookies.set(SESSION_COOKIE, "manager|9999999999|csrf|forged")

    problem(api.get("/api/v1/me", who=None), 401, "not_signed_in")


def test_sign_in_is_throttled_after_five_failures(open_api: OpenApi) -> None:
    api = open_api(example=False)
    api.runtime.directory.set_password("auditor", hash_password(PASSWORD), actor="setup")
    api.settle()
    attempt = {"username": "auditor", "password": "wrong-password-1"}

    for _ in range(5):
        problem(api.post("/api/v1/session", who=None, json=attempt), 403, "sign_in_failed")
    throttled = api.post(
        "/api/v1/session",
        who=None,
        json={"username": "auditor", "password": PASSWORD},  # even the right one
        headers={"Accept-Language": "en"},
    )

    body = problem(throttled, 429, "sign_in_throttled")
    seconds = int(throttled.headers["retry-after"])
    assert 0 < seconds <= 901 and body["values"]["seconds"] == seconds
    assert f"try again in {seconds} seconds" in body["detail"]
    assert SESSION_COOKIE not in throttled.headers.get("set-cookie", "")


def test_colleagues_typos_from_one_address_do_not_lock_the_office_out(
    open_api: OpenApi,
) -> None:
    """The TestClient is one address for everyone, as a town hall behind one NAT is:
    more failures than one name's limit (5), spread over several names, leave the
    address open; the address has its own, higher limit (10 here, 50 by default)."""
    api = open_api(example=False, sign_in_client_failures=10)
    for username in PEOPLE:
        api.runtime.directory.set_password(username, hash_password(PASSWORD), actor="setup")
    api.settle()

    for username in ("admin", "manager", "staff", "outsider"):
        for _ in range(2):
            attempt = {"username": username, "password": "typo"}
            problem(api.post("/api/v1/session", who=None, json=attempt), 403, "sign_in_failed")
    signed_in = api.post(
        "/api/v1/session", who=None, json={"username": "auditor", "password": PASSWORD}
    )
    assert signed_in.status_code == 200, signed_in.text

    spray = {"username": "auditor", "password": "typo"}  # the address's ninth and tenth
    for _ in range(2):
        problem(api.post("/api/v1/session", who=None, json=spray), 403, "sign_in_failed")
    problem(
        api.post("/api/v1/session", who=None, json={"username": "staff", "password": PASSWORD}),
        429,
        "sign_in_throttled",
    )


def test_a_credential_change_holds_from_the_moment_it_is_answered(open_api: OpenApi) -> None:
    """Requests are authenticated against the people view. With its thread stopped the
    view moves only when someone waits for it: the user routes must, or a revoked token
    would still work after its 204, and a new one fail when first used."""
    api = open_api(example=False)
    api.runtime.projections.stop()

    issued = api.post(f"{USERS}/staff/tokens", who="admin", json={"label": "phone"})
    assert issued.status_code == 201, issued.text
    phone = {"Authorization": f"Bearer {issued.json()['token']}"}
    assert api.http.get("/api/v1/me", headers=phone).json()["username"] == "staff"

    revoked = api.delete(f"{USERS}/staff/tokens/{issued.json()['token_id']}", who="admin")
    assert revoked.status_code == 204
    problem(api.http.get("/api/v1/me", headers=phone), 401, "not_signed_in")

    assert api.get("/api/v1/me", who="outsider").status_code == 200
    disabled = api.post(f"{USERS}/outsider/disable", who="admin", json={"reason": "ย้ายงาน"})
    assert (disabled.status_code, disabled.json()["disabled"]) == (200, True)
    problem(api.get("/api/v1/me", who="outsider"), 401, "not_signed_in")

    narrowed = api.put(
        f"{USERS}/manager/access", who="admin", json={"roles": ["auditor"], "units": []}
    )
    assert narrowed.status_code == 200, narrowed.text
    assert api.get("/api/v1/me", who="manager").json()["roles"] == ["auditor"]


def test_set_password_admins_for_anyone_people_for_themselves(api: Api) -> None:
    own = api.put(f"{USERS}/staff/password", who="staff", json={"password": PASSWORD})
    short = api.put(f"{USERS}/staff/password", who="staff", json={"password": "short"})
    others = api.put(f"{USERS}/manager/password", who="staff", json={"password": PASSWORD})

    assert own.status_code == 204
    assert problem(short, 422, "request_invalid")["field"] == "password"
    problem(others, 403, "role_forbidden")
    api.settle()
    signed_in = api.post(
        "/api/v1/session", who=None, json={"username": "staff", "password": PASSWORD}
    )
    assert signed_in.json()["username"] == "staff"


def test_an_admin_may_not_lock_themself_out_through_the_api_either(api: Api) -> None:
    problem(
        api.post(f"{USERS}/admin/disable", who="admin", json={"reason": "ทดลอง"}),
        422,
        "own_account_kept",
    )
    problem(
        api.put(f"{USERS}/admin/access", who="admin", json={"roles": ["auditor"]}),
        422,
        "own_admin_role_kept",
    )
    assert api.get("/api/v1/me", who="admin").json()["roles"] == ["admin"]

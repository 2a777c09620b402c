"""Organisations through HTTP: who may grant where, and where a plan is imported.

Two organisations, each with its own admin: an admin grants only in their own
organisation and imports only their organisation's documents; a document naming
another organisation, or a store of several with no organisation named, is refused
rather than placed by a guess. The people and plan of the store's own example year
stay with the store's own (unscoped) people.
"""

from __future__ import annotations

from uuid import UUID

from api.auth import new_token
from tests.e2e.api.conftest import Api, problem
from tests.example_table import EXAMPLE_TABLE

BANMAI = "เทศบาลตำบลบ้านใหม่"
USERS = "/api/v1/users"
IMPORT = "/api/v1/plans/import"


def banmai_upload() -> tuple[str, bytes, str]:
    text = EXAMPLE_TABLE.read_text(encoding="utf-8")
    renamed = text.replace("เทศบาลเมือง ทุ่งสง", BANMAI)
    assert renamed != text
    return ("banmai.txt", renamed.encode(), "text/plain")


def thungsong_upload() -> tuple[str, bytes, str]:
    return (EXAMPLE_TABLE.name, EXAMPLE_TABLE.read_bytes(), "text/plain")


def tenants(api: Api) -> None:
    """Two organisations, and an admin, a manager and staff of each, with tokens."""
    directory = api.runtime.directory
    directory.register_organisation("thungsong", name="เทศบาลเมืองทุ่งสง", actor="setup")
    directory.register_organisation("banmai", name=BANMAI, actor="setup")
    for org in ("thungsong", "banmai"):
        for role, units in (("admin", ()), ("manager", ()), ("staff", ("กองช่าง",))):
            name = f"{role}-{org}"
            directory.register(name, roles=(role,), units=units, organisations=(org,),
                               actor="setup")  # fmt: skip
            token = new_token()
            directory.issue_token(name, token.token_id, token.digest, label="e2e", actor="setup")
            api.tokens[name] = token.secret
    api.settle()


def test_an_organisations_admin_grants_only_in_their_organisation(api: Api) -> None:
    tenants(api)
    mine = {"username": "somsri", "roles": ["staff"], "units": ["กองช่าง"],
            "organisations": ["banmai"]}  # fmt: skip
    created = api.post(USERS, who="admin-banmai", json=mine)
    assert created.status_code == 201, created.text
    assert created.json()["organisations"] == ["banmai"]

    elsewhere = {**mine, "username": "somsak", "organisations": ["thungsong"]}
    problem(api.post(USERS, who="admin-banmai", json=elsewhere), 403, "organisation_forbidden")
    everywhere = {**mine, "username": "somsak", "organisations": []}
    problem(api.post(USERS, who="admin-banmai", json=everywhere), 403, "organisation_forbidden")
    unknown = {**mine, "username": "somsak", "organisations": ["banmia"]}
    problem(api.post(USERS, who="admin", json=unknown), 404, "organisation_unknown")
    overseer = {**mine, "username": "somsak", "roles": ["overseer", "staff"]}
    problem(api.post(USERS, who="admin", json=overseer), 422, "overseer_alone")

    # another organisation's people, and the store's own, are not there for them
    access = {"roles": ["manager"], "units": []}
    problem(api.put(f"{USERS}/staff-thungsong/access", who="admin-banmai", json=access),
            404, "user_not_found")  # fmt: skip
    problem(api.put(f"{USERS}/staff/access", who="admin-banmai", json=access),
            404, "user_not_found")  # fmt: skip
    moved = api.put(f"{USERS}/somsri/access", who="admin-banmai",
                    json={**access, "organisations": ["banmai", "thungsong"]})  # fmt: skip
    problem(moved, 403, "organisation_forbidden")
    # the store's own admin grants anywhere; then Ban Mai's admin may not narrow it
    both = api.put(f"{USERS}/somsri/access", who="admin",
                   json={**access, "organisations": ["banmai", "thungsong"]})  # fmt: skip
    assert both.status_code == 200 and both.json()["organisations"] == ["banmai", "thungsong"]
    narrowed = api.put(f"{USERS}/somsri/access", who="admin-banmai",
                       json={**access, "organisations": ["banmai"]})  # fmt: skip
    problem(narrowed, 403, "organisation_forbidden")

    me = api.get("/api/v1/me", who="manager-banmai").json()
    assert me["organisations"] == ["banmai"]
    assert api.get("/api/v1/me", who="manager").json()["organisations"] is None


def test_a_plan_is_imported_into_the_organisation_it_names_and_read_only_there(api: Api) -> None:
    tenants(api)
    problem(api.post(IMPORT, who="admin-banmai", files={"file": thungsong_upload()}),
            422, "plan_organisation_mismatch")  # fmt: skip
    problem(api.post(IMPORT, who="admin", files={"file": banmai_upload()}),
            422, "import_organisation_required")  # fmt: skip
    problem(api.post(IMPORT, who="admin-banmai", params={"org": "thungsong"},
                     files={"file": thungsong_upload()}), 404, "organisation_unknown")  # fmt: skip
    head = api.head()

    banmai = api.post(IMPORT, who="admin-banmai", files={"file": banmai_upload()})
    assert banmai.status_code == 200, banmai.text
    assert api.head() > head  # nothing of the refusals, then the whole plan
    thungsong = api.post(IMPORT, who="admin", params={"org": "thungsong"},
                         files={"file": thungsong_upload()})  # fmt: skip
    assert thungsong.status_code == 200, thungsong.text
    banmai_plan, thungsong_plan = (UUID(r.json()["plan_id"]) for r in (banmai, thungsong))
    assert banmai_plan != thungsong_plan != api.plan_id  # the store's own example year apart
    api.settle()

    path = f"/api/v1/plans/{banmai_plan}"
    assert api.get(path, who="staff-banmai").status_code == 200
    assert api.get(path, who="manager").status_code == 200  # the store's own see everything
    for outsider in ("staff-thungsong", "manager-thungsong", "admin-thungsong"):
        problem(api.get(path, who=outsider), 404, "not_within_reach")
    never = "/api/v1/plans/00000000-0000-4000-8000-000000000000"
    same = problem(api.get(never, who="manager-thungsong"), 404, "not_within_reach")
    other = problem(api.get(path, who="manager-thungsong"), 404, "not_within_reach")
    assert other["detail"].replace(str(banmai_plan), "X") == same["detail"].replace(
        never.rsplit("/", 1)[1], "X"
    )  # another's plan reads exactly as one that does not exist
    problem(api.get(f"/api/v1/plans/{api.plan_id}", who="manager-banmai"), 404,
            "not_within_reach")  # fmt: skip

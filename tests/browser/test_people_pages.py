"""The admin pages about people without a browser: every form, its success and its refusals.

The world is the example year with five people (``world.py``); prasit is its admin.
A success is an event of the directory with prasit as actor and a redirect with a
flash; a refusal draws the page again (422) with the Thai message at its field and
what was typed (never a password), and appends nothing to the people log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape

import pytest

from api.auth import digest
from domain.people import User
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import ADMIN, AUDITOR, MANAGER, OUTSIDER, STAFF
from tests.browser.world import OTHER_UNIT, PASSWORD, PR_UNIT

NEW_PASSWORD = "ทุ่งสง-ใหม่-2552"
ADD = {
    "username": "somchai",
    "display_name": "สมชาย รักงาน",
    "email": "somchai@thungsong.go.th",
    "roles": ["staff"],
    "units": [PR_UNIT],
    "password": NEW_PASSWORD,
}


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def form_of(html: str, form_id: str) -> str:
    found = re.search(rf'<form[^>]*id="{form_id}".*?</form>', html, re.S)
    assert found, f"no form {form_id}"
    return found.group(0)


def field_error(html: str, field_id: str) -> str:
    found = re.search(rf'<p class="field-error" id="{field_id}-err">(.*?)</p>', html, re.S)
    assert found, f"no error at {field_id}"
    return unescape(found.group(1))


def head(pages: Pages) -> int:
    """The people log's last position: a refusal leaves it where it was."""
    return pages.world.runtime.directory.recorder.max_notification_id() or 0


@contextmanager
def nothing_stored(pages: Pages) -> Iterator[None]:
    before = head(pages)
    yield
    assert head(pages) == before, "a refused form appended an event"


def last_event(pages: Pages, username: str) -> object:
    directory = pages.world.runtime.directory
    return directory.history_of(directory.get(username).id)[-1]


def post(pages: Pages, path: str, **data: object) -> object:
    payload = {"csrf": pages.csrf("/admin/people"), **data}
    return pages.http.post(path, data=payload, follow_redirects=False)


@pytest.fixture
def admin(pages: Pages) -> Pages:
    pages.sign_in(ADMIN)
    return pages


# ----------------------------------------------------------------- the list


def test_the_list_shows_everyone_with_roles_units_email_state_and_tokens(admin: Pages) -> None:
    directory = admin.world.runtime.directory
    directory.issue_token("somsak", "aaaaaaaaaaaa", digest("x"), label="", actor=ADMIN)
    directory.issue_token("somsak", "bbbbbbbbbbbb", digest("y"), label="", actor=ADMIN)
    directory.revoke_token("somsak", "bbbbbbbbbbbb", actor=ADMIN)
    directory.change_email("manee", "manee@thungsong.go.th", actor=ADMIN)
    directory.disable("kanya", reason="ย้ายไปสำนักงานอื่น", actor=ADMIN)
    admin.world.runtime.projections.catch_up()
    html = admin.http.get("/admin/people").text
    rows = {
        name: text_of(m.group(1))
        for name, m in ((n, re.search(rf'id="person-{n}"[^>]*>(.*?)</tr>', html, re.S))
                        for n in ("somsak", "wichai", "manee", "kanya", "prasit"))
        if m
    }  # fmt: skip
    assert rows["somsak"] == f"somsak สมศักดิ์ ใจดี เจ้าหน้าที่ {PR_UNIT} ใช้งานได้ 1"
    assert rows["wichai"] == f"wichai วิชัย ช่างดี เจ้าหน้าที่ {OTHER_UNIT} ไม่มีในแผนใด ใช้งานได้ 0"
    assert "manee@thungsong.go.th" in rows["manee"]
    assert "ปิดการใช้งาน" in rows["kanya"]
    assert "ผู้ดูแลระบบ" in rows["prasit"]
    assert 'aria-current="page">ผู้ใช้งาน</a>' in html  # the navigation's link, here
    assert 'href="/admin/import"' in html  # the admin area links the plan import


def test_only_admins_have_the_people_link(pages: Pages) -> None:
    for who, shown in ((ADMIN, True), (MANAGER, False), (AUDITOR, False), (STAFF, False)):
        pages.sign_in(who)
        assert ('href="/admin/people"' in pages.http.get("/plans").text) is shown, who


@pytest.mark.parametrize("who", [STAFF, OUTSIDER, MANAGER, AUDITOR])
def test_others_are_refused_every_form_and_nothing_is_stored(pages: Pages, who: str) -> None:
    pages.sign_in(who)
    token = pages.csrf("/plans")
    with nothing_stored(pages):
        for path, data in (
            ("/admin/people", ADD),
            ("/admin/people/somsak/access", {"roles": ["admin"]}),
            ("/admin/people/somsak/email", {"email": "x@y.co"}),
            ("/admin/people/somsak/password", {"password": NEW_PASSWORD}),
            ("/admin/people/somsak/disable", {"reason": "ลาออก"}),
            ("/admin/people/somsak/token", {"token_id": "cccccccccccc"}),
            ("/admin/people/somsak/revoke", {"token_id": "cccccccccccc"}),
        ):
            refused = pages.http.post(path, data={"csrf": token, **data}, follow_redirects=False)
            assert refused.status_code == 403, path
            assert "ไม่มีสิทธิ์จัดการผู้ใช้" in text_of(refused.text), path


def test_a_form_without_the_session_token_is_refused(admin: Pages) -> None:
    with nothing_stored(admin):
        refused = admin.http.post("/admin/people", data={**ADD, "csrf": "forged"})
    assert refused.status_code == 403 and "csrf_failed" in refused.text


def test_the_pages_read_in_english(admin: Pages) -> None:
    admin.http.cookies.set("tidtam_lang", "en")
    assert "Add a person" in admin.http.get("/admin/people").text
    assert "Issue a token" in admin.http.get("/admin/people/somsak").text


def test_an_unknown_person_is_a_page_saying_so(admin: Pages) -> None:
    response = admin.http.get("/admin/people/nobody")
    assert response.status_code == 404 and "ไม่พบผู้ใช้ nobody" in text_of(response.text)


# ----------------------------------------------------------------- adding


def test_an_admin_adds_a_person_who_can_then_sign_in(admin: Pages) -> None:
    response = post(admin, "/admin/people", **ADD)
    assert response.headers["location"] == "/admin/people/somchai"  # type: ignore[attr-defined]
    page = admin.http.get("/admin/people/somchai").text
    assert "เพิ่มผู้ใช้ somchai แล้ว" in text_of(page)
    registered, password = admin.world.runtime.directory.history_of(
        admin.world.runtime.directory.get("somchai").id
    )
    assert isinstance(registered, User.UserRegistered) and isinstance(password, User.PasswordSet)
    assert (registered.actor, password.actor) == (ADMIN, ADMIN)
    assert (registered.display_name, registered.email) == (ADD["display_name"], ADD["email"])
    assert (registered.roles, registered.units) == (("staff",), (PR_UNIT,))
    assert NEW_PASSWORD not in password.password_hash  # argon2id, never the password
    admin.sign_in("somchai", NEW_PASSWORD)


@pytest.mark.parametrize(
    ("changed", "field", "message"),
    [
        ({"username": "Somchai"}, "add-username", "ใช้เป็นชื่อผู้ใช้ไม่ได้"),
        ({"username": "somsak"}, "add-username", "มีผู้ใช้ somsak อยู่แล้ว"),
        ({"roles": []}, "add-roles", "ผู้ใช้ต้องมีอย่างน้อยหนึ่งบทบาท"),
        ({"units": []}, "add-units", "เจ้าหน้าที่ต้องสังกัดหน่วยดำเนินการอย่างน้อยหนึ่งหน่วย"),
        ({"email": "somchai.thungsong"}, "add-email", "ไม่ใช่ที่อยู่อีเมล"),
        ({"password": "สั้นไป"}, "add-password", "รหัสผ่านต้องยาว 10–200 ตัวอักษร"),
        ({"display_name": "ก" * 201}, "add-display_name", "ข้อความยาวเกิน 200 ตัวอักษร"),
        ({"other_units": "ข" * 201}, "add-other_units", "ข้อความยาวเกิน 200 ตัวอักษร"),
    ],
)
def test_a_refused_person_is_named_at_the_field_and_what_was_typed_kept(
    admin: Pages, changed: dict[str, object], field: str, message: str
) -> None:
    with nothing_stored(admin):
        response = post(admin, "/admin/people", **{**ADD, **changed})
    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert message in field_error(html, field)
    form = unescape(form_of(html, "form-add"))
    if "display_name" not in changed:
        assert f'value="{ADD["display_name"]}"' in form
    assert 'value="somchai@thungsong.go.th"' in form or "email" in changed
    assert NEW_PASSWORD not in html  # a password is never written back


def test_a_unit_no_plan_names_is_taken_and_marked(admin: Pages) -> None:
    added = {**ADD, "units": [], "other_units": f"กองสาธารณสุข\n\n{PR_UNIT}"}
    post(admin, "/admin/people", **added)
    assert admin.world.runtime.directory.get("somchai").units == ("กองสาธารณสุข", PR_UNIT)
    page = admin.http.get("/admin/people/somchai").text
    ticked = re.findall(r'name="units" value="([^"]+)" checked', unescape(page))
    assert ticked == [PR_UNIT, "กองสาธารณสุข"]  # the unit of no plan is offered, ticked
    assert "กองสาธารณสุข ไม่มีในแผนใด" in text_of(form_of(page, "form-access"))


# ----------------------------------------------------------------- roles and units


def test_an_admin_changes_roles_and_units(admin: Pages) -> None:
    response = post(
        admin, "/admin/people/wichai/access", roles=["staff", "manager"],
        units=[OTHER_UNIT, PR_UNIT],
    )  # fmt: skip
    assert response.headers["location"] == "/admin/people/wichai"  # type: ignore[attr-defined]
    assert "บันทึกบทบาทและหน่วยงานของ wichai แล้ว" in admin.http.get("/admin/people/wichai").text
    changed = last_event(admin, "wichai")
    assert isinstance(changed, User.AccessChanged) and changed.actor == ADMIN
    assert changed.roles == ("manager", "staff") and changed.units == (OTHER_UNIT, PR_UNIT)
    assert changed.previous_units == (OTHER_UNIT,)


@pytest.mark.parametrize(
    ("who", "data", "field", "message"),
    [
        ("wichai", {"roles": ["staff"], "units": [OTHER_UNIT]}, "", "อยู่แล้ว ไม่มีอะไรต้องบันทึก"),
        ("wichai", {"roles": [], "units": [OTHER_UNIT]}, "access-roles", "อย่างน้อยหนึ่งบทบาท"),
        ("wichai", {"roles": ["staff"], "units": []}, "access-units", "อย่างน้อยหนึ่งหน่วย"),
        ("wichai", {"roles": ["boss"], "units": []}, "access-roles", "ไม่รู้จักบทบาท"),
        (ADMIN, {"roles": ["manager"]}, "access-roles", "ถอนบทบาทผู้ดูแลระบบของตนเอง (prasit) ไม่ได้"),
    ],
)
def test_refused_access_changes_say_why_and_keep_the_boxes_ticked(
    admin: Pages, who: str, data: dict[str, object], field: str, message: str
) -> None:
    with nothing_stored(admin):
        response = post(admin, f"/admin/people/{who}/access", **data)
    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    form = form_of(html, "form-access")
    shown = field_error(html, field) if field else text_of(form)
    assert message in shown
    ticked = re.findall(r'name="roles" value="([^"]+)" checked', form)
    assert ticked == [r for r in data.get("roles", []) if r != "boss"]  # type: ignore[attr-defined]


def test_an_admin_may_give_themself_more_roles(admin: Pages) -> None:
    post(admin, f"/admin/people/{ADMIN}/access", roles=["admin", "auditor"])
    assert last_event(admin, ADMIN).roles == ("admin", "auditor")  # type: ignore[attr-defined]


# ----------------------------------------------------------------- e-mail and password


def test_an_admin_changes_an_email_and_a_bad_one_is_refused(admin: Pages) -> None:
    with nothing_stored(admin):
        refused = post(admin, "/admin/people/manee/email", email="manee at thungsong")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    html = refused.text  # type: ignore[attr-defined]
    assert "ไม่ใช่ที่อยู่อีเมล" in field_error(html, "email-email")
    assert 'value="manee at thungsong"' in form_of(html, "form-email")
    post(admin, "/admin/people/manee/email", email=" manee@thungsong.go.th ")
    changed = last_event(admin, "manee")
    assert isinstance(changed, User.EmailChanged) and changed.actor == ADMIN
    assert changed.email == "manee@thungsong.go.th"
    with nothing_stored(admin):
        again = post(admin, "/admin/people/manee/email", email="manee@thungsong.go.th")
    assert "อีเมลเป็น manee@thungsong.go.th อยู่แล้ว" in field_error(again.text, "email-email")  # type: ignore[attr-defined]


def test_an_admin_sets_a_password_and_the_old_one_stops_working(admin: Pages) -> None:
    with nothing_stored(admin):
        refused = post(admin, "/admin/people/somsak/password", password="short")
    assert "รหัสผ่านต้องยาว 10–200 ตัวอักษร" in field_error(refused.text, "password-password")  # type: ignore[attr-defined]
    response = post(admin, "/admin/people/somsak/password", password=NEW_PASSWORD)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert isinstance(last_event(admin, "somsak"), User.PasswordSet)
    admin.sign_in("somsak", NEW_PASSWORD)
    admin.http.cookies.clear()
    old = admin.http.post(
        "/sign-in",
        data={"username": "somsak", "password": PASSWORD, "csrf": admin.csrf("/sign-in")},
        follow_redirects=False,
    )
    assert old.status_code != 303


# ----------------------------------------------------------------- disabling


def test_an_admin_disables_with_a_reason_and_enables_again(admin: Pages) -> None:
    with nothing_stored(admin):
        refused = post(admin, "/admin/people/somsak/disable", reason="  ")
    assert "การปิดการใช้งานบัญชีต้องระบุเหตุผล" in field_error(refused.text, "disable-reason")  # type: ignore[attr-defined]
    post(admin, "/admin/people/somsak/disable", reason="ย้ายไปกองคลัง")
    disabled = last_event(admin, "somsak")
    assert isinstance(disabled, User.UserDisabled)
    assert (disabled.actor, disabled.reason) == (ADMIN, "ย้ายไปกองคลัง")
    page = admin.http.get("/admin/people/somsak").text
    assert "ปิดการใช้งาน somsak แล้ว" in text_of(page)
    assert 'id="form-enable"' in page and 'id="form-disable"' not in page
    with nothing_stored(admin):
        stale = post(admin, "/admin/people/somsak/disable", reason="อีกครั้ง")
    assert "อยู่แล้ว" in text_of(form_of(stale.text, "form-disable"))  # type: ignore[attr-defined]
    with nothing_stored(admin):
        refused = post(admin, "/admin/people/somsak/enable", reason="")
    assert "การเปิดการใช้งานบัญชีต้องระบุเหตุผล" in field_error(refused.text, "enable-reason")  # type: ignore[attr-defined]
    post(admin, "/admin/people/somsak/enable", reason="กลับมาประจำงานประชาสัมพันธ์")
    assert isinstance(last_event(admin, "somsak"), User.UserEnabled)
    admin.sign_in("somsak")


def test_a_disabled_person_can_no_longer_sign_in(admin: Pages) -> None:
    post(admin, "/admin/people/wichai/disable", reason="ลาออก")
    admin.http.cookies.clear()
    refused = admin.http.post(
        "/sign-in",
        data={"username": "wichai", "password": PASSWORD, "csrf": admin.csrf("/sign-in")},
        follow_redirects=False,
    )
    assert refused.status_code != 303


def test_an_admin_may_not_disable_themself(admin: Pages) -> None:
    with nothing_stored(admin):
        refused = post(admin, f"/admin/people/{ADMIN}/disable", reason="ทดลอง")
    assert refused.status_code == 422  # type: ignore[attr-defined]
    form = text_of(form_of(refused.text, "form-disable"))  # type: ignore[attr-defined]
    assert "ปิดการใช้งานบัญชีของตนเอง (prasit) ไม่ได้" in form
    assert "ทดลอง" in form  # the reason typed, kept
    assert "นี่คือบัญชีของคุณ" in text_of(admin.http.get(f"/admin/people/{ADMIN}").text)


# ----------------------------------------------------------------- tokens


def token_form_id(html: str) -> str:
    found = re.search(r'name="token_id" value="([0-9a-f]{12})"', form_of(html, "form-token"))
    assert found
    return found.group(1)


def test_a_token_is_shown_once_works_and_only_its_digest_is_kept(admin: Pages) -> None:
    drawn = admin.http.get("/admin/people/somsak").text
    form = {
        "csrf": admin.csrf("/admin/people"),
        "token_id": token_form_id(drawn),
        "label": "สารบรรณ",
    }
    answer = admin.http.post("/admin/people/somsak/token", data=form, follow_redirects=False)
    assert answer.status_code == 200
    secret = re.search(r'id="token-secret">(tt_[^<]+)<', answer.text)
    assert secret, "the token is on the answer"
    issued = last_event(admin, "somsak")
    assert isinstance(issued, User.TokenIssued) and issued.actor == ADMIN
    assert issued.token_digest == digest(secret.group(1)) and secret.group(1) not in str(
        vars(issued)
    )
    me = admin.http.get("/api/v1/me", headers={"Authorization": f"Bearer {secret.group(1)}"})
    assert me.json()["username"] == "somsak"  # it works from the answer that showed it
    again = admin.http.get("/admin/people/somsak").text
    assert secret.group(1) not in again and "token-secret" not in again
    assert "สารบรรณ" in text_of(again)
    with nothing_stored(admin):  # the same form sent again (a reload): refused, no secret
        resent = admin.http.post("/admin/people/somsak/token", data=form)
    assert resent.status_code == 422 and "token-secret" not in resent.text
    assert "ออกไปแล้วและแสดงได้ครั้งเดียว" in text_of(form_of(resent.text, "form-token"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"label": "ป" * 201}, "ข้อความยาวเกิน 200 ตัวอักษร"),
        ({"token_id": "not-a-token-id"}, "ไม่ใช่รหัสโทเคน"),
    ],
)
def test_a_refused_token_says_why(admin: Pages, data: dict[str, str], message: str) -> None:
    drawn = admin.http.get("/admin/people/somsak").text
    form = {"csrf": admin.csrf("/admin/people"), "token_id": token_form_id(drawn), **data}
    with nothing_stored(admin):
        refused = admin.http.post("/admin/people/somsak/token", data=form)
    assert refused.status_code == 422 and "token-secret" not in refused.text
    assert message in text_of(form_of(refused.text, "form-token"))


def test_a_revoked_token_stops_working_from_the_answer(admin: Pages) -> None:
    drawn = admin.http.get("/admin/people/somsak").text
    token_id = token_form_id(drawn)
    answer = admin.http.post(
        "/admin/people/somsak/token",
        data={"csrf": admin.csrf("/admin/people"), "token_id": token_id},
    )
    secret = re.search(r'id="token-secret">(tt_[^<]+)<', answer.text)
    assert secret
    bearer = {"Authorization": f"Bearer {secret.group(1)}"}
    response = post(admin, "/admin/people/somsak/revoke", token_id=token_id)
    assert response.status_code == 303  # type: ignore[attr-defined]
    revoked = last_event(admin, "somsak")
    assert isinstance(revoked, User.TokenRevoked) and revoked.actor == ADMIN
    assert admin.http.get("/api/v1/me", headers=bearer).status_code == 401
    page = admin.http.get("/admin/people/somsak").text
    assert "ยกเลิกโทเคนของ somsak แล้ว" in text_of(page)
    assert "ยกเลิกแล้ว" in text_of(re.search(rf'id="token-{token_id}".*?</tr>', page, re.S).group(0))  # type: ignore[union-attr]
    for again, message in ((token_id, "อยู่แล้ว"), ("ffffffffffff", "ไม่พบโทเคน ffffffffffff")):
        with nothing_stored(admin):
            refused = post(admin, "/admin/people/somsak/revoke", token_id=again)
        assert refused.status_code == 422  # type: ignore[attr-defined]
        assert message in text_of(refused.text)  # type: ignore[attr-defined]

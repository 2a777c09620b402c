"""Signing out on the pages ends the session on the server (hardening, finding 3): a copy
of the cookie taken before the sign-out no longer opens a page."""

from __future__ import annotations

from api.deps import SESSION_COOKIE
from tests.browser.conftest import Pages


def test_a_copied_cookie_opens_no_page_after_signing_out(pages: Pages) -> None:
    pages.sign_in("manee")
    copied = pages.http.cookies[SESSION_COOKIE]
    token = pages.csrf(f"/plans/{pages.world.plan_id}")
    signed_out = pages.http.post("/sign-out", data={"csrf": token}, follow_redirects=False)
    assert signed_out.status_code == 303
    pages.http.cookies.clear()
    pages.http.cookies.set(SESSION_COOKIE, copied)
    page = pages.http.get(f"/plans/{pages.world.plan_id}", follow_redirects=False)
    assert page.status_code in (303, 401)
    assert "/sign-in" in page.headers.get("location", "/sign-in")

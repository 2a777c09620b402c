"""Coming in and going out: the landing page, signing in and out, the language switch.

The session cookie is the one the JSON API issues (``tidtam_session``, signed,
HTTP-only, SameSite=Lax). The sign-in form is protected against login CSRF by a
double-submit token: a random cookie scoped to ``/sign-in`` that the form must
echo. Failed and throttled sign-ins re-show the form with the reason.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import RedirectResponse

from api.deps import SESSION_COOKIE
from api.sessions import end_sessions
from api.web import reading
from api.web.context import (
    ANON_CSRF_COOKIE,
    LANG_COOKIE,
    FormDep,
    Page,
    PageDep,
    Posted,
    SignedIn,
    csrf_matches,
    local_path,
    new_csrf,
    set_flash,
)
from api.web.render import PageRoute, render
from domain.errors import ForbiddenError, ThrottledError, TidtamError
from domain.policy import Action

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Next = Annotated[str, Query(alias="next", max_length=2000)]


@router.get("/", name="home")
def home(page: PageDep) -> Response:
    """Signed-in people go to the plan (or the list of plans), overseers to their
    roll-up across organisations; others to sign in."""
    if page.who is None:
        return RedirectResponse(page.url("sign_in_page"), status_code=303)
    if page.who.can(Action.OVERSEE):
        return RedirectResponse(page.url("overview_page"), status_code=303)
    found = reading.plans(page)
    if len(found) == 1:
        return RedirectResponse(page.url("plan_page", plan_id=found[0].id), status_code=303)
    return RedirectResponse(page.url("plans_page"), status_code=303)


@router.get("/sign-in", name="sign_in_page")
def sign_in_page(page: PageDep, next_: Next = "/") -> Response:
    if page.who is not None:
        return RedirectResponse(local_path(next_), status_code=303)
    return _form(page, local_path(next_))


@router.post("/sign-in", name="sign_in_submit")
def sign_in(page: PageDep, form: FormDep) -> Response:
    target = local_path(str(form.get("next") or "/"))
    username = str(form.get("username") or "").strip()
    if not csrf_matches(form.get("csrf"), page.request.cookies.get(ANON_CSRF_COOKIE, "")):
        return _form(page, target, username, ForbiddenError("csrf_failed"))
    client = page.request.client.host if page.request.client else "unknown"
    try:
        signed_in = page.svc.auth.by_password(username, str(form.get("password") or ""), client)
    except (ForbiddenError, ThrottledError) as error:
        return _form(page, target, username, error)
    cookie, _ = page.svc.sessions.issue(signed_in)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, cookie, httponly=True, samesite="lax", secure=page.secure,
        max_age=page.svc.settings.session_hours * 3600,
    )  # fmt: skip
    response.delete_cookie(ANON_CSRF_COOKIE, path="/sign-in")
    return response


def _form(
    page: Page, target: str, username: str = "", error: TidtamError | None = None
) -> Response:
    token = page.request.cookies.get(ANON_CSRF_COOKIE) or new_csrf()
    page.csrf = token
    response = render(
        page, "sign_in.html", status_code=error.http_status if error else 200,
        target=target, username=username, error=error.message(page.lang) if error else "",
    )  # fmt: skip
    response.set_cookie(
        ANON_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=page.secure,
        max_age=3600, path="/sign-in",
    )  # fmt: skip
    return response


@router.post("/sign-out", name="sign_out_submit")
def sign_out(page: Posted) -> Response:
    """Sign out: every session of the user ends, on every device."""
    end_sessions(page.svc, page.request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(page.url("sign_in_page", as_of=None), status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    set_flash(response, "signed_out")
    return response


@router.get("/lang/{code}", name="set_language")
def set_language(code: Literal["th", "en"], next_: Next = "/") -> Response:
    """Switch the pages' language (a preference, kept in a cookie for a year)."""
    response = RedirectResponse(local_path(next_), status_code=303)
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/plans", name="plans_page")
def plans_page(page: SignedIn) -> Response:
    """Every plan in the store, newest fiscal year first, each with its totals on the day."""
    found = reading.plans(page)
    totals = {}
    for plan in found:
        snapshot = reading.snapshot(page, plan.id)
        totals[plan.id] = snapshot.versus_actual(page.day).total
    return render(page, "plans.html", plans=found, totals=totals)

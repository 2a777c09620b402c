"""Providers the routes declare by type: services, the signed-in principal, language.

A request is authenticated by a bearer token (scripts, integrations) or by the
session cookie the web pages set. Cookie-authenticated requests that change
something must also carry the session's CSRF token (header ``X-CSRF-Token`` or
form field ``csrf``), so another site cannot make a signed-in browser record.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from api.errors import language
from api.services import Services
from domain.errors import ForbiddenError, NotSignedInError
from domain.policy import Principal

SESSION_COOKIE = "tidtam_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# The providers are ``async``: each plain ``def`` provider costs a hop to the thread pool,
# and a command paid four before its own. Only a principal not yet remembered is looked
# up in the views, on a worker thread.


async def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


async def optional_principal(request: Request, svc: ServicesDep) -> Principal | None:
    """The principal behind the request, or None when it carries no credentials."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = await _principal_of(svc, "token", header[7:].strip())
        if found is None:
            raise NotSignedInError("not_signed_in")
        return found
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    session = svc.sessions.read(cookie)
    if session is None:
        return None
    username, csrf = session
    request.state.csrf = csrf
    if request.method not in SAFE_METHODS and not _csrf_ok(request, csrf):
        raise ForbiddenError("csrf_failed")
    return await _principal_of(svc, "user", username)


async def _principal_of(svc: Services, kind: str, key: str) -> Principal | None:
    known = svc.auth.remembered(kind, key)
    if known is not False:
        return known
    return await run_in_threadpool(svc.auth.lookup, kind, key)


async def principal(who: Annotated[Principal | None, Depends(optional_principal)]) -> Principal:
    if who is None:
        raise NotSignedInError("not_signed_in")
    return who


def _csrf_ok(request: Request, expected: str) -> bool:
    sent = request.headers.get("x-csrf-token") or getattr(request.state, "form_csrf", None)
    return sent == expected


async def lang(request: Request) -> str:
    return language(request)


CurrentUser = Annotated[Principal, Depends(principal)]
MaybeUser = Annotated[Principal | None, Depends(optional_principal)]
Lang = Annotated[str, Depends(lang)]

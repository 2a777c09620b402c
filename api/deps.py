"""Providers the routes declare by type: services, the signed-in principal, language.

A request is authenticated by a bearer token (scripts, integrations) or by the
session cookie the web pages set. Cookie-authenticated requests that change
something must also carry the session's CSRF token (header ``X-CSRF-Token`` or
form field ``csrf``), so another site cannot make a signed-in browser record.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.errors import language
from api.services import Services
from domain.errors import ForbiddenError, NotSignedInError
from domain.policy import Principal

SESSION_COOKIE = "tidtam_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def optional_principal(request: Request, svc: ServicesDep) -> Principal | None:
    """The principal behind the request, or None when it carries no credentials."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        found = svc.auth.by_token(header[7:].strip())
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
    return svc.auth.by_username(username)


def principal(who: Annotated[Principal | None, Depends(optional_principal)]) -> Principal:
    if who is None:
        raise NotSignedInError("not_signed_in")
    return who


def _csrf_ok(request: Request, expected: str) -> bool:
    sent = request.headers.get("x-csrf-token") or getattr(request.state, "form_csrf", None)
    return sent == expected


def lang(request: Request) -> str:
    return language(request)


CurrentUser = Annotated[Principal, Depends(principal)]
MaybeUser = Annotated[Principal | None, Depends(optional_principal)]
Lang = Annotated[str, Depends(lang)]

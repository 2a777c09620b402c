"""Providers the routes declare by type: services, the signed-in principal, language.

A request is authenticated by a bearer token (scripts, integrations) or by the
session cookie the web pages set. Cookie-authenticated requests that change
something must also carry the session's CSRF token (header ``X-CSRF-Token`` or
form field ``csrf``), so another site cannot make a signed-in browser record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from starlette.concurrency import run_in_threadpool

from api.errors import language
from api.freshness import read_your_writes
from api.services import Services
from api.tenancy import check_reach, needs_check
from domain.errors import ForbiddenError, NotSignedInError
from domain.policy import Action, Principal

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
    """The principal behind the request, or None when it carries no credentials; a
    request naming what lies outside the principal's organisations goes no further
    (``api.tenancy``)."""
    who = await _authenticated(request, svc)
    path, query = request.path_params, request.query_params
    if needs_check(who, path, query):
        assert who is not None  # needs_check says so

        def check() -> None:
            read_your_writes(svc, _position(query.get("min_position")))
            check_reach(svc.tenancy, who, path, query)

        await run_in_threadpool(check)
    return who


def _position(text: str | None) -> int | None:
    """``min_position`` as the route will read it; a malformed one is the route's to refuse."""
    return int(text) if text is not None and text.isdigit() else None


async def _authenticated(request: Request, svc: Services) -> Principal | None:
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
    request.state.csrf = session.csrf
    if request.method not in SAFE_METHODS and not _csrf_ok(request, session.csrf):
        raise ForbiddenError("csrf_failed")
    return await _principal_of(svc, "session", f"{session.username}|{session.began_at}")


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


def allowed(action: Action) -> Callable[[Principal], Awaitable[Principal]]:
    """A provider of the signed-in principal that refuses (403, naming the rule) unless
    they may take ``action``: a route declares what it needs once, in its signature.
    A command on an activity checks its unit inside its count instead
    (``ActivityCommand.permit``), so a refusal is counted as "forbidden"."""

    async def may(who: CurrentUser) -> Principal:
        who.require(action)
        return who

    return may


Reader = Annotated[Principal, Depends(allowed(Action.READ))]
Manager = Annotated[Principal, Depends(allowed(Action.MANAGE))]
AlertHandler = Annotated[Principal, Depends(allowed(Action.ALERTS))]
UserAdmin = Annotated[Principal, Depends(allowed(Action.USERS))]
Reporter = Annotated[Principal, Depends(allowed(Action.REPORT))]
Overseer = Annotated[Principal, Depends(allowed(Action.OVERSEE))]


PUBLIC_OPERATIONS = frozenset({("/api/v1/session", "post"), ("/api/v1/session", "delete")})
"""The API operations that need no credentials: signing in and out. Every other
``/api/`` operation answers 401 to an anonymous caller (tests/e2e/api)."""

CREDENTIALS: dict[str, dict[str, Any]] = {
    "token": {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "An API token, sent as `Authorization: Bearer tt_…`: printed once by the first"
            " `make run` (admin) or by `tidtam users token NAME`; stored hashed, revocable."
        ),
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": SESSION_COOKIE,
        "description": (
            "The session cookie the web pages (and `POST /api/v1/session`) set; a request"
            " that changes something must also send its CSRF token as `X-CSRF-Token`."
        ),
    },
}


def document_credentials(app: FastAPI) -> None:
    """Declare in the OpenAPI document how API calls are signed in, so `/docs` offers
    an *Authorize* button and generated clients send the token. Only the document
    changes: requests are authenticated by `optional_principal` as before, at no cost
    of extra providers per request."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        if schemes:
            return schema
        schemes.update(CREDENTIALS)
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                if path.startswith("/api/") and (path, method) not in PUBLIC_OPERATIONS:
                    operation["security"] = [{name: []} for name in CREDENTIALS]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

"""People: who is signed in, sessions for the pages, and user administration (admins)."""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Path, Request, Response, status

from api.auth import hash_password, new_token
from api.deps import SESSION_COOKIE, CurrentUser, ServicesDep, UserAdmin
from api.schemas.users import (
    AccessIn,
    MeOut,
    PasswordIn,
    ReasonIn,
    SessionOut,
    SignInIn,
    TokenIn,
    TokenOut,
    UserEventOut,
    UserIn,
    UserOut,
)
from api.sessions import end_sessions, settled
from domain.people import User
from domain.policy import Action, Principal
from domain.recorded import Recorded
from projections.audit_view import event_payload
from projections.tenancy import shares

router = APIRouter(prefix="/api/v1", tags=["people"])
Username = Annotated[str, Path(max_length=64)]
_SECRET_FIELDS = {"password_hash", "token_digest"}


@router.get("/me", response_model=MeOut)
def me(who: CurrentUser) -> MeOut:
    """Who the credentials belong to, and what they may do."""
    return MeOut(
        username=who.username,
        display_name=who.display_name,
        roles=sorted(who.roles),
        unit_keys=sorted(who.unit_keys),
        actions=sorted(a.value for a in who.actions),
        organisations=None if who.organisations is None else sorted(who.organisations),
    )


@router.post("/session", response_model=SessionOut)
def sign_in(body: SignInIn, request: Request, response: Response, svc: ServicesDep) -> SessionOut:
    """Sign in with a name and password; sets the session cookie the pages use."""
    client = request.client.host if request.client else "unknown"
    signed_in = svc.auth.by_password(body.username, body.password, client)
    cookie, csrf = svc.sessions.issue(signed_in)
    response.set_cookie(
        SESSION_COOKIE, cookie, httponly=True, samesite="lax", secure=request.url.scheme == "https",
        max_age=svc.settings.session_hours * 3600,
    )  # fmt: skip
    return SessionOut(username=signed_in.principal.username, csrf=csrf)


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT)
def sign_out(request: Request, response: Response, svc: ServicesDep) -> None:
    """Sign out: every session of the user ends, on every device (a copied cookie too)."""
    end_sessions(svc, request.cookies.get(SESSION_COOKIE))
    response.delete_cookie(SESSION_COOKIE)


@router.get("/users", response_model=list[UserOut])
def users(svc: ServicesDep, who: CurrentUser) -> list[UserOut]:
    """Every user with roles and units (admins and auditors); for those of some
    organisations, the people sharing one of them."""
    _admin_or_auditor(who)
    return [
        _user_out(user)
        for user in svc.runtime.directory.users()
        if shares(who.organisations, user.organisations)
    ]


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def register(body: UserIn, svc: ServicesDep, who: UserAdmin) -> UserOut:
    """Register a user with roles, units and optionally a password (admins)."""
    saved = svc.runtime.directory.register(
        body.username,
        roles=tuple(r.value for r in body.roles),
        units=tuple(body.units),
        organisations=tuple(body.organisations),
        display_name=body.display_name,
        password_hash=hash_password(body.password) if body.password else None,
        actor=who.username,
        grantor=who,
    )
    return _user_out(settled(svc, saved))


@router.put("/users/{username}/access", response_model=UserOut)
def change_access(username: Username, body: AccessIn, svc: ServicesDep, who: UserAdmin) -> UserOut:
    """Grant or withdraw roles and units (admins)."""
    saved = svc.runtime.directory.change_access(
        username, roles=tuple(r.value for r in body.roles), units=tuple(body.units),
        organisations=None if body.organisations is None else tuple(body.organisations),
        actor=who.username, grantor=who,
    )  # fmt: skip
    return _user_out(settled(svc, saved))


@router.put("/users/{username}/password", status_code=status.HTTP_204_NO_CONTENT)
def set_password(username: Username, body: PasswordIn, svc: ServicesDep, who: CurrentUser) -> None:
    """Set a password: admins for anyone, everyone for themselves."""
    if who.username != username:
        who.require(Action.USERS)
    settled(
        svc,
        svc.runtime.directory.set_password(
            username, hash_password(body.password), actor=who.username
        ),
    )


@router.post(
    "/users/{username}/tokens", response_model=TokenOut, status_code=status.HTTP_201_CREATED
)
def issue_token(username: Username, body: TokenIn, svc: ServicesDep, who: CurrentUser) -> TokenOut:
    """Issue an API token, shown once (admins, or users for themselves)."""
    if who.username != username:
        who.require(Action.USERS)
    token = new_token()
    saved = svc.runtime.directory.issue_token(
        username, token.token_id, token.digest, label=body.label, actor=who.username
    )
    settled(svc, saved)  # the token works as soon as it is shown
    return TokenOut(token_id=token.token_id, token=token.secret, label=body.label)


@router.delete("/users/{username}/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_token(
    username: Username, token_id: Annotated[str, Path(max_length=64)], svc: ServicesDep,
    who: CurrentUser,
) -> None:  # fmt: skip
    """Revoke a token (admins, or users their own)."""
    if who.username != username:
        who.require(Action.USERS)
    settled(svc, svc.runtime.directory.revoke_token(username, token_id, actor=who.username))


@router.post("/users/{username}/disable", response_model=UserOut)
def disable(username: Username, body: ReasonIn, svc: ServicesDep, who: UserAdmin) -> UserOut:
    """Stop a user signing in and using tokens (admins)."""
    saved = svc.runtime.directory.disable(username, reason=body.reason, actor=who.username)
    return _user_out(settled(svc, saved))


@router.post("/users/{username}/enable", response_model=UserOut)
def enable(username: Username, body: ReasonIn, svc: ServicesDep, who: UserAdmin) -> UserOut:
    """Let a disabled user sign in again (admins)."""
    saved = svc.runtime.directory.enable(username, reason=body.reason, actor=who.username)
    return _user_out(settled(svc, saved))


@router.get("/users/{username}/history", response_model=list[UserEventOut])
def history(username: Username, svc: ServicesDep, who: CurrentUser) -> list[UserEventOut]:
    """Who granted what, when: the user's events, secrets left out (admins, auditors)."""
    _admin_or_auditor(who)
    directory = svc.runtime.directory
    user = directory.get(username)
    out = []
    for event in directory.history_of(user.id):
        recorded = cast(Recorded, event)
        details: dict[str, Any] = {
            k: v for k, v in event_payload(event).items() if k not in _SECRET_FIELDS
        }
        out.append(
            UserEventOut(
                version=recorded.originator_version,
                event_type=type(event).__name__,
                actor=recorded.actor,
                occurred_on=recorded.occurred_on.isoformat(),
                recorded_at=recorded.timestamp,
                details=details,
            )
        )
    return out


def _admin_or_auditor(who: Principal) -> None:
    """User administration is readable by those who run it and those who audit it."""
    if Action.USERS not in who.actions:
        who.require(Action.AUDIT)


def _user_out(user: User) -> UserOut:
    return UserOut(
        username=user.username,
        display_name=user.display_name,
        roles=list(user.roles),
        units=list(user.units),
        disabled=user.disabled,
        organisations=list(user.organisations),
    )

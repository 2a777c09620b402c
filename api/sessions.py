"""Signing out, and waiting for the people view: changes to people hold from their answer.

Every request is authenticated against the people view, so a change to a person (a
token revoked, a user disabled, roles withdrawn, a sign-out) is not true until the
view has folded it. The routes that make such changes wait for that (bounded) before
they answer, so a revoked token fails from the revocation's 204 on, and a copied
session cookie fails from the sign-out's.
"""

from __future__ import annotations

from api.errors import ViewBehindError
from api.services import Services
from application.directory import Saved
from domain.people import User


def settled(svc: Services, saved: Saved) -> User:
    """Wait (bounded) until the people view has folded ``saved``; 503 if it does not."""
    settled_at(svc, saved.position)
    return saved.user


def settled_at(svc: Services, position: int) -> None:
    """Wait (bounded) until the people view has folded ``position`` of the people log."""
    if not svc.runtime.projections.wait_for(
        position, timeout=svc.settings.read_your_writes_timeout, app=svc.runtime.directory
    ):
        raise ViewBehindError("view_behind", position=position)


def end_sessions(svc: Services, cookie: str | None) -> None:
    """End every session of the user a still-valid session ``cookie`` belongs to.

    Asks no CSRF token: ending sessions can only take access away, and a page whose
    form went stale must still be able to sign out. A cookie that is forged, expired
    or already ended ends nothing.
    """
    session = svc.sessions.read(cookie) if cookie else None
    if session is None or svc.auth.by_session(session.username, session.began_at) is None:
        return
    saved = svc.runtime.directory.sign_out(session.username, actor=session.username)
    settled(svc, saved)

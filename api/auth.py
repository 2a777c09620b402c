"""Credentials: argon2id password hashes, bearer tokens, sign-in throttling.

Secrets are hashed here, before anything reaches the directory's events:
passwords with argon2id (slow on purpose), tokens with SHA-256 (they are long
random strings, so a fast digest is enough and keeps every request cheap). A
token is shown once, when issued, and never stored or logged in the clear.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import ForbiddenError, ThrottledError
from domain.policy import Principal
from projections.people_view import PeopleReader
from storage.view_database import ViewDatabase

_HASHER = PasswordHasher()
TOKEN_PREFIX = "tt_"


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class NewToken:
    """A freshly issued token: ``secret`` is shown once, only ``digest`` is kept."""

    token_id: str
    secret: str

    @property
    def digest(self) -> str:
        return digest(self.secret)


def new_token() -> NewToken:
    token_id = secrets.token_hex(6)
    return NewToken(token_id, f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}")


def new_password() -> str:
    return secrets.token_urlsafe(12)


class Throttle:
    """Refuses sign-in attempts after too many failures within a window.

    Counted per user name (``user:…``) and per client address (``client:…``), each
    with its own limit: a few for a name, so guessing one account's password is slow;
    many more for an address, so spraying one password across accounts is slowed too,
    while a town hall whose staff all reach the service from one address (its NAT, or
    a proxy) is not locked out by a few colleagues' typos. Kept in the process's
    memory: a restart forgets, which is acceptable for a throttle.
    """

    def __init__(
        self, failures: int, window_seconds: int, client_failures: int | None = None
    ) -> None:
        self.limits = {"user": failures, "client": client_failures or failures}
        self.window = window_seconds
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                recent = self._recent(key, now)
                if len(recent) >= self.limits[key.partition(":")[0]]:
                    wait = int(self.window - (now - recent[0])) + 1
                    raise ThrottledError("sign_in_throttled", seconds=wait)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._seen.pop(f"user:{username}", None)

    def _recent(self, key: str, now: float) -> deque[float]:
        recent = self._seen.setdefault(key, deque())
        while recent and now - recent[0] > self.window:
            recent.popleft()
        return recent


class Authenticator:
    """Finds the principal behind a token, a password or a session.

    Token and session lookups are remembered while the people view stands still:
    ``people_at`` says where it stands (the people projector's last seen position, in
    memory), and any change to it (a token revoked, a user disabled, a role granted)
    forgets every remembered answer. So a request is authenticated without a query or
    a thread hop, and never by an answer older than the view it would have read.
    """

    MEMO_SIZE = 4096

    def __init__(
        self, db: ViewDatabase, throttle: Throttle, people_at: Callable[[], int] | None = None
    ) -> None:
        self.people = PeopleReader(db)
        self.throttle = throttle
        self.people_at = people_at
        self._memo: dict[tuple[str, str], Principal | None] = {}
        self._memo_at = -1
        self._memo_lock = threading.Lock()

    def remembered(self, kind: str, key: str) -> Principal | Literal[False] | None:
        """The answer ``by_token``/``by_username`` gave for ``key`` while the view stood
        where it stands now, or False when there is none to trust."""
        if self.people_at is None:
            return False
        at = self.people_at()
        with self._memo_lock:
            if at != self._memo_at:
                self._memo.clear()
                self._memo_at = at
            return self._memo.get(_memo_key(kind, key), False)

    def lookup(self, kind: str, key: str) -> Principal | None:
        """``by_token`` or ``by_username``, remembered (see the class)."""
        at = self.people_at() if self.people_at is not None else None  # before reading
        found = self.by_token(key) if kind == "token" else self.by_username(key)
        if at is not None:
            with self._memo_lock:
                if at == self._memo_at:
                    if len(self._memo) >= self.MEMO_SIZE:
                        self._memo.clear()
                    self._memo[_memo_key(kind, key)] = found
        return found

    def by_token(self, token: str) -> Principal | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        return self.people.by_token_digest(digest(token))

    def by_username(self, username: str) -> Principal | None:
        """The principal of an active user (sessions name their user)."""
        return self.people.active(username)

    def by_password(self, username: str, password: str, client: str) -> Principal:
        """Check a password; refuse (throttled after repeated failures) otherwise."""
        keys = (f"user:{username}", f"client:{client}")
        self.throttle.check(*keys)
        found = self.people.credentials(username)
        known = found.password_hash if found else None
        # an unknown name costs the same work as a wrong password: checked against a dummy
        if not verify_password(known or _DUMMY_HASH, password) or found is None or not known:
            self.throttle.failed(*keys)
            raise ForbiddenError("sign_in_failed")
        self.throttle.succeeded(username)
        return found.principal


_DUMMY_HASH = hash_password(secrets.token_hex(16))


def _memo_key(kind: str, key: str) -> tuple[str, str]:
    """Tokens are remembered by digest, never as the secret itself."""
    return (kind, digest(key) if kind == "token" else key)


class SessionSigner:
    """Signed, expiring session cookies: ``username|expiry|csrf|signature``.

    Stateless on purpose: nothing to store, and a disabled user's sessions stop
    working because every request looks the user up again.
    """

    def __init__(self, key: bytes, hours: int) -> None:
        self.key = key
        self.seconds = hours * 3600

    def issue(self, username: str) -> tuple[str, str]:
        """A cookie value and the CSRF token bound to it."""
        expiry = str(int(time.time()) + self.seconds)
        csrf = secrets.token_urlsafe(16)
        body = f"{username}|{expiry}|{csrf}"
        return f"{body}|{self._sign(body)}", csrf

    def read(self, cookie: str) -> tuple[str, str] | None:
        """(username, csrf token) of a valid, unexpired cookie; None otherwise."""
        parts = cookie.split("|")
        if len(parts) != 4:
            return None
        username, expiry, csrf, signature = parts
        body = f"{username}|{expiry}|{csrf}"
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        if not expiry.isdigit() or int(expiry) < time.time():
            return None
        return username, csrf

    def _sign(self, body: str) -> str:
        return hmac.new(self.key, body.encode("utf-8"), hashlib.sha256).hexdigest()

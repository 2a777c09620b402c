"""Credentials: argon2id password hashes, bearer tokens, sign-in throttling.

Secrets are hashed here, before anything reaches the directory's events:
passwords with argon2id (slow on purpose), tokens with SHA-256 (they are long
random strings, so a fast digest is enough and keeps every request cheap). A
token is shown once, when issued, and never stored or logged in the clear.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import (
    ForbiddenError,
    InputError,
    RuleViolation,
    ThrottledError,
    register_messages,
)
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


TOKEN_ID = re.compile(r"[0-9a-f]{12}")
"""What ``new_token_id`` makes: a form may name the id beforehand (see the admin pages)."""


def new_token_id() -> str:
    return secrets.token_hex(6)


def new_token(token_id: str | None = None) -> NewToken:
    """A new token, under ``token_id`` when the caller drew one beforehand: a page's form
    carries its id, so the same form sent twice names the same token and is refused
    (``token_issued_once``) instead of showing a second secret."""
    chosen = token_id or new_token_id()
    if not TOKEN_ID.fullmatch(chosen):
        raise InputError("token_id_format", field="token_id", token_id=chosen[:40])
    return NewToken(chosen, f"{TOKEN_PREFIX}{chosen}_{secrets.token_urlsafe(32)}")


def new_password() -> str:
    return secrets.token_urlsafe(12)


PASSWORD_LENGTH = (10, 200)
"""The shortest and longest password taken, the API's schema and the pages alike."""


def checked_password(password: str, field: str = "password") -> str:
    """A password as typed, refused (``password_length``) outside :data:`PASSWORD_LENGTH`."""
    shortest, longest = PASSWORD_LENGTH
    if not shortest <= len(password) <= longest:
        raise RuleViolation("password_length", field=field, shortest=shortest, longest=longest)
    return password


class Throttle:
    """Slows password guessing, without letting anyone lock a person out.

    Failures are counted three ways within a window:

    * per name *from one address* (``pair:``): a few (``TIDTAM_SIGN_IN_FAILURES``), so
      guessing one account's password from one place is slow — and someone at another
      address cannot use up the owner's attempts, which a count per name alone allowed;
    * per address (``client:``): many more, so spraying one password across accounts is
      slowed too, while a town hall whose staff all reach the service from one address
      (its NAT, or a proxy) is not locked out by a few colleagues' typos;
    * per name from anywhere (``user:``): past a higher count, attempts on the name are
      *spaced* rather than refused for the window: one every ``name_spacing`` seconds.
      A guesser spread over many addresses gets one guess a minute; the owner, typing
      the right password, gets in within a minute however long the attack goes on.

    Kept in the process's memory (a restart forgets, acceptable for a throttle), and
    bounded: past ``MAX_KEYS`` keys, the ones with nothing recent are forgotten.
    """

    MAX_KEYS = 100_000

    def __init__(
        self,
        failures: int,
        window_seconds: int,
        client_failures: int | None = None,
        *,
        name_failures: int = 30,
        name_spacing: int = 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = {"pair": failures, "client": client_failures or failures}
        self._now = clock
        self.name_failures = name_failures
        self.name_spacing = name_spacing
        self.window = window_seconds
        self._seen: dict[str, deque[float]] = {}
        self._tried: dict[str, float] = {}
        self._lock = threading.Lock()

    def check(self, username: str, client: str) -> None:
        """Refuse (``sign_in_throttled``, saying how long to wait) an attempt on
        ``username`` from ``client``, or let it through."""
        now = self._now()
        with self._lock:
            for key in (f"pair:{username}@{client}", f"client:{client}"):
                recent = self._recent(key, now)
                if len(recent) >= self.limits[key.partition(":")[0]]:
                    raise _throttled(self.window - (now - recent[0]))
            name = f"user:{username}"
            if len(self._recent(name, now)) >= self.name_failures:
                since = now - self._tried.get(name, -self.name_spacing)
                if since < self.name_spacing:
                    raise _throttled(self.name_spacing - since)
                self._tried[name] = now

    def failed(self, username: str, client: str) -> None:
        now = self._now()
        with self._lock:
            if len(self._seen) >= self.MAX_KEYS:
                self._forget_quiet(now)
            for key in (f"pair:{username}@{client}", f"client:{client}", f"user:{username}"):
                self._recent(key, now).append(now)

    def succeeded(self, username: str, client: str) -> None:
        with self._lock:
            for key in (f"pair:{username}@{client}", f"user:{username}"):
                self._seen.pop(key, None)
            self._tried.pop(f"user:{username}", None)

    def _recent(self, key: str, now: float) -> deque[float]:
        recent = self._seen.setdefault(key, deque())
        while recent and now - recent[0] > self.window:
            recent.popleft()
        return recent

    def _forget_quiet(self, now: float) -> None:
        """Forget keys with nothing recent; under a flood of fresh keys, the oldest ones
        too (a count lost is a few more guesses; memory lost is the server)."""
        for key in list(self._seen):
            if not self._recent(key, now):
                del self._seen[key]
        for key in list(self._seen)[: max(0, len(self._seen) - self.MAX_KEYS // 2)]:
            del self._seen[key]
        for key, at in list(self._tried.items()):
            if now - at > self.name_spacing:
                del self._tried[key]


def _throttled(seconds: float) -> ThrottledError:
    return ThrottledError("sign_in_throttled", seconds=int(seconds) + 1)


class Session(NamedTuple):
    """What a valid session cookie says: whose it is, the user's version when it began
    (a later sign-out, password or access change ends it), and its CSRF token."""

    username: str
    began_at: int
    csrf: str


class SignedIn(NamedTuple):
    """Who signed in with a password, and their version: the session's beginning."""

    principal: Principal
    version: int


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
        """``by_token``, or ``by_session`` for a key ``username|began_at``, remembered
        (see the class)."""
        at = self.people_at() if self.people_at is not None else None  # before reading
        if kind == "token":
            found = self.by_token(key)
        else:
            username, _, began_at = key.rpartition("|")
            found = self.by_session(username, int(began_at)) if began_at.isdigit() else None
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

    def by_session(self, username: str, began_at: int) -> Principal | None:
        """The principal of an active user whose session, begun at their version
        ``began_at``, has not ended since (sign-out, new password, other access)."""
        return self.people.in_session(username, began_at)

    def by_password(self, username: str, password: str, client: str) -> SignedIn:
        """Check a password; refuse (throttled after repeated failures) otherwise."""
        self.throttle.check(username, client)
        found = self.people.credentials(username)
        known = found.password_hash if found else None
        # an unknown name costs the same work as a wrong password: checked against a dummy
        if not verify_password(known or _DUMMY_HASH, password) or found is None or not known:
            self.throttle.failed(username, client)
            raise ForbiddenError("sign_in_failed")
        self.throttle.succeeded(username, client)
        return SignedIn(found.principal, found.version)


_DUMMY_HASH = hash_password(secrets.token_hex(16))


def _memo_key(kind: str, key: str) -> tuple[str, str]:
    """Tokens are remembered by digest, never as the secret itself."""
    return (kind, digest(key) if kind == "token" else key)


class SessionSigner:
    """Signed, expiring session cookies: ``username|began_at|expiry|csrf|signature``.

    Whether a session still stands is a fact of the people view, not of the cookie:
    every request looks the user up with the version the session began at, and a
    sign-out, a new password, a change of access or disabling moves the user's
    ``sessions_from`` past it — a copied cookie stops working at once, on every
    server process, as soon as the view has folded that event.
    """

    def __init__(self, key: bytes, hours: int) -> None:
        self.key = key
        self.seconds = hours * 3600

    def issue(self, signed_in: SignedIn) -> tuple[str, str]:
        """A cookie value for a session beginning now, and the CSRF token bound to it."""
        expiry = str(int(time.time()) + self.seconds)
        csrf = secrets.token_urlsafe(16)
        body = f"{signed_in.principal.username}|{signed_in.version}|{expiry}|{csrf}"
        return f"{body}|{self._sign(body)}", csrf

    def read(self, cookie: str) -> Session | None:
        """What a valid, unexpired cookie says; None otherwise (forged, old, expired)."""
        parts = cookie.split("|")
        if len(parts) != 5 or len(cookie) > 512:
            return None
        username, began_at, expiry, csrf, signature = parts
        body = f"{username}|{began_at}|{expiry}|{csrf}"
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        if not (began_at.isdigit() and expiry.isdigit()) or int(expiry) < time.time():
            return None
        return Session(username, int(began_at), csrf)

    def _sign(self, body: str) -> str:
        return hmac.new(self.key, body.encode("utf-8"), hashlib.sha256).hexdigest()


register_messages(
    {
        "password_length": (
            "รหัสผ่านต้องยาว {shortest}–{longest} ตัวอักษร",
            "a password is {shortest}–{longest} characters long",
        ),
        "token_id_format": (
            "'{token_id}' ไม่ใช่รหัสโทเคน (เลขฐานสิบหก 12 หลัก) กรุณาโหลดหน้าใหม่",
            "'{token_id}' is not a token id (12 hexadecimal digits): reload the page",
        ),
    }
)

"""The people view: who may sign in, with which roles and units in which organisations,
which tokens work, and the organisations (tenants) themselves.

Built from the directory's own event log (``people_events``). Requests are
authenticated against these tables (`PeopleReader`): a token is found by its
SHA-256 digest, a password checked against the stored argon2id hash.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from domain.organisations import Organisation
from domain.people import SESSIONS_END, Role, User
from domain.policy import Principal
from domain.thai import name_key
from projections.view import View
from storage.view_database import Cursor, ViewDatabase


class PeopleView(View):
    """Users and their tokens; organisations."""

    name = "people"
    tables = ("view_users", "view_tokens", "view_organisations")
    schema_version = 4  # 3: sessions_from; 4: organisations

    def create(self, cur: Cursor, suffix: str = "") -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_users{suffix} ("
            "user_id TEXT PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL,"
            " email TEXT NOT NULL, roles TEXT NOT NULL, units TEXT NOT NULL,"
            " unit_keys TEXT NOT NULL, password_hash TEXT, disabled INTEGER NOT NULL,"
            " version INTEGER NOT NULL, sessions_from INTEGER NOT NULL,"
            " organisations TEXT NOT NULL)"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_organisations{suffix} ("
            "code TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, name TEXT NOT NULL,"
            " province TEXT NOT NULL, registered_on TEXT NOT NULL)"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_tokens{suffix} ("
            "token_digest TEXT PRIMARY KEY, token_id TEXT NOT NULL, user_id TEXT NOT NULL,"
            " label TEXT NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL,"
            " revoked INTEGER NOT NULL)"
        )

    def create_indexes(self, cur: Cursor) -> None:
        cur.execute("CREATE UNIQUE INDEX IF NOT EXISTS ix_users_name ON view_users (username)")
        cur.execute("CREATE INDEX IF NOT EXISTS ix_tokens_user ON view_tokens (user_id)")

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> None:
        users, tokens = f"view_users{suffix}", f"view_tokens{suffix}"
        for _, event in batch:
            e: Any = event
            uid = str(e.originator_id)
            match event:
                case Organisation.OrganisationRegistered():
                    cur.execute(
                        f"INSERT INTO view_organisations{suffix} VALUES (?,?,?,?,?)",
                        (e.code, uid, e.name, e.province, e.occurred_on.isoformat()),
                    )
                    continue
                case User.UserRegistered():
                    cur.execute(
                        f"INSERT INTO {users} VALUES (?,?,?,?,?,?,?,NULL,0,?,0,?)",
                        (uid, e.username, e.display_name, e.email, ",".join(e.roles),
                         *_units(e.units), e.originator_version, ",".join(e.organisations)),
                    )  # fmt: skip
                    continue
                case User.AccessChanged():
                    cur.execute(
                        f"UPDATE {users} SET roles = ?, units = ?, unit_keys = ?,"
                        " organisations = ? WHERE user_id = ?",
                        (",".join(e.roles), *_units(e.units), ",".join(e.organisations), uid),
                    )
                case User.EmailChanged():
                    cur.execute(f"UPDATE {users} SET email = ? WHERE user_id = ?", (e.email, uid))
                case User.PasswordSet():
                    cur.execute(
                        f"UPDATE {users} SET password_hash = ? WHERE user_id = ?",
                        (e.password_hash, uid),
                    )
                case User.TokenIssued():
                    cur.execute(
                        f"INSERT INTO {tokens} VALUES (?,?,?,?,?,?,0)",
                        (e.token_digest, e.token_id, uid, e.label, e.timestamp.isoformat(),
                         e.actor),
                    )  # fmt: skip
                case User.TokenRevoked():
                    cur.execute(
                        f"UPDATE {tokens} SET revoked = 1 WHERE token_id = ? AND user_id = ?",
                        (e.token_id, uid),
                    )
                case User.UserDisabled() | User.UserEnabled():
                    disabled = int(isinstance(event, User.UserDisabled))
                    cur.execute(
                        f"UPDATE {users} SET disabled = ? WHERE user_id = ?", (disabled, uid)
                    )
            version = e.originator_version
            if isinstance(event, SESSIONS_END):  # sessions begun before this one end
                cur.execute(
                    f"UPDATE {users} SET version = ?, sessions_from = ? WHERE user_id = ?",
                    (version, version, uid),
                )
            else:
                cur.execute(f"UPDATE {users} SET version = ? WHERE user_id = ?", (version, uid))


def _units(units: Sequence[str]) -> tuple[str, str]:
    return (
        json.dumps(list(units), ensure_ascii=False),
        json.dumps(sorted(name_key(u) for u in units), ensure_ascii=False),
    )


@dataclass(frozen=True, slots=True)
class Credentials:
    """An active user and the hash their password is checked against (None: no password),
    and the user's version: a session begun now names it."""

    principal: Principal
    password_hash: str | None
    version: int


class Member(NamedTuple):
    """An active user holding a role: who, where mail reaches them (may be empty), and the
    units they answer for (their ``name_key``; none for a manager of every unit), in the
    organisations their roles hold in (None: every one)."""

    username: str
    display_name: str
    email: str
    unit_keys: frozenset[str]
    organisations: frozenset[str] | None = None

    def reaches(self, organisation: str) -> bool:
        return self.organisations is None or organisation in self.organisations


@dataclass(frozen=True, slots=True)
class Person:
    """A user as the admin pages list them: what they may do, and how many tokens work."""

    username: str
    display_name: str
    email: str
    roles: tuple[str, ...]
    units: tuple[str, ...]
    disabled: bool
    has_password: bool
    tokens: int
    """Tokens that still work (issued and not revoked)."""
    organisations: tuple[str, ...] = ()
    """Codes of the organisations the roles hold in; none: every organisation."""


@dataclass(frozen=True, slots=True)
class OrganisationRow:
    """An organisation as the lists show it."""

    code: str
    name: str
    province: str
    registered_on: str


@dataclass(frozen=True, slots=True)
class Token:
    """One API token of a user, by its id: never its secret, nor here even its digest."""

    token_id: str
    label: str
    issued_at: datetime
    issued_by: str
    revoked: bool


_PERSON = (
    "SELECT u.username, u.display_name, u.email, u.roles, u.units, u.disabled,"
    " u.password_hash IS NOT NULL,"
    " (SELECT COUNT(*) FROM view_tokens t WHERE t.user_id = u.user_id AND t.revoked = 0),"
    " u.organisations FROM view_users u"
)
_PRINCIPAL = "username, display_name, roles, unit_keys, organisations"
_ACTIVE = "FROM view_users WHERE username = ? AND disabled = 0"
_IN_SESSION = f"SELECT {_PRINCIPAL} {_ACTIVE} AND sessions_from <= ?"
_CREDENTIALS = f"SELECT {_PRINCIPAL}, password_hash, version {_ACTIVE}"


class PeopleReader:
    """Queries over the people view: who is behind a token or a name, who gets digests.

    A token lookup runs for each request the authenticator has not remembered, so
    each question is one indexed query, and a disabled user or a revoked token is
    never found.
    """

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def by_token_digest(self, token_digest: str) -> Principal | None:
        """The active user holding the unrevoked token with this SHA-256 digest."""
        row = self._one(
            "SELECT u.username, u.display_name, u.roles, u.unit_keys, u.organisations"
            " FROM view_tokens t"
            " JOIN view_users u ON u.user_id = t.user_id"
            " WHERE t.token_digest = ? AND t.revoked = 0 AND u.disabled = 0",
            token_digest,
        )
        return _principal(row) if row else None

    def in_session(self, username: str, began_at: int) -> Principal | None:
        """The principal of an active user whose session began at their version
        ``began_at``, unless they signed out, had their password set or their access
        changed since (each such event moves ``sessions_from`` past it)."""
        row = self._one(_IN_SESSION, username, began_at)
        return _principal(row) if row else None

    def credentials(self, username: str) -> Credentials | None:
        """An active user with their password hash, for signing in."""
        row = self._one(_CREDENTIALS, username)
        return Credentials(_principal(row[:5]), row[5] or None, int(row[6])) if row else None

    def in_role(self, role: Role) -> list[Member]:
        """Active users holding ``role``, by user name: whom digests and reminders go to."""
        with self.db.reading() as cur:
            rows = cur.execute(
                "SELECT username, display_name, email, unit_keys, organisations FROM view_users"
                " WHERE disabled = 0 AND (',' || roles || ',') LIKE ? ORDER BY username",
                (f"%,{role.value},%",),
            ).fetchall()
        return [Member(u, n, e, frozenset(json.loads(k)), _codes(o)) for u, n, e, k, o in rows]

    def organisations(self, codes: frozenset[str] | None = None) -> list[OrganisationRow]:
        """The organisations, by code: all of them, or those ``codes`` names."""
        with self.db.reading() as cur:
            rows = cur.execute(
                "SELECT code, name, province, registered_on FROM view_organisations ORDER BY code"
            ).fetchall()
        found = [OrganisationRow(*map(str, row)) for row in rows]
        return [o for o in found if codes is None or o.code in codes]

    def people(self) -> list[Person]:
        """Every user, enabled or not, by user name."""
        with self.db.reading() as cur:
            rows = cur.execute(f"{_PERSON} ORDER BY u.username").fetchall()
        return [_person(row) for row in rows]

    def person(self, username: str) -> Person | None:
        row = self._one(f"{_PERSON} WHERE u.username = ?", username)
        return _person(row) if row else None

    def tokens(self, username: str) -> list[Token]:
        """The user's tokens, oldest first, revoked ones too (an admin sees what was)."""
        with self.db.reading() as cur:
            rows = cur.execute(
                "SELECT t.token_id, t.label, t.issued_at, t.issued_by, t.revoked"
                " FROM view_tokens t JOIN view_users u ON u.user_id = t.user_id"
                " WHERE u.username = ? ORDER BY t.issued_at, t.token_id",
                (username,),
            ).fetchall()
        return [
            Token(str(i), str(label), datetime.fromisoformat(str(at)), str(by), bool(revoked))
            for i, label, at, by, revoked in rows
        ]

    def _one(self, sql: str, *keys: object) -> tuple[Any, ...] | None:
        with self.db.reading() as cur:
            return cur.execute(sql, keys).fetchone()


def _person(row: Sequence[Any]) -> Person:
    username, display_name, email, roles, units, disabled, has_password, tokens, orgs = row
    return Person(
        username=str(username),
        display_name=str(display_name),
        email=str(email),
        roles=tuple(r for r in str(roles).split(",") if r),
        units=tuple(json.loads(str(units))),
        disabled=bool(disabled),
        has_password=bool(has_password),
        tokens=int(tokens),
        organisations=tuple(sorted(_codes(orgs) or ())),
    )


def _principal(row: Sequence[object]) -> Principal:
    username, display_name, roles, unit_keys, organisations = row
    return Principal(
        username=str(username),
        display_name=str(display_name),
        roles=frozenset(Role(r) for r in str(roles).split(",") if r),
        unit_keys=frozenset(json.loads(str(unit_keys))),
        organisations=_codes(organisations),
    )


def _codes(stored: object) -> frozenset[str] | None:
    """Organisation codes as the view keeps them (comma-separated); none: every one."""
    codes = frozenset(c for c in str(stored).split(",") if c)
    return codes or None

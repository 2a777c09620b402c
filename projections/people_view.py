"""The people view: who may sign in, with which roles and units, and which tokens work.

Built from the directory's own event log (``people_events``). Requests are
authenticated against these tables: a token is found by its SHA-256 digest, a
password checked against the stored argon2id hash.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from domain.people import User
from domain.thai import name_key
from projections.view import View
from storage.view_database import Cursor


class PeopleView(View):
    """Users and their tokens."""

    name = "people"
    tables = ("view_users", "view_tokens")
    schema_version = 2

    def create(self, cur: Cursor, suffix: str = "") -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_users{suffix} ("
            "user_id TEXT PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL,"
            " email TEXT NOT NULL, roles TEXT NOT NULL, units TEXT NOT NULL,"
            " unit_keys TEXT NOT NULL, password_hash TEXT, disabled INTEGER NOT NULL,"
            " version INTEGER NOT NULL)"
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
                case User.UserRegistered():
                    cur.execute(
                        f"INSERT INTO {users} VALUES (?,?,?,?,?,?,?,NULL,0,?)",
                        (uid, e.username, e.display_name, e.email, ",".join(e.roles),
                         *_units(e.units), e.originator_version),
                    )  # fmt: skip
                    continue
                case User.AccessChanged():
                    cur.execute(
                        f"UPDATE {users} SET roles = ?, units = ?, unit_keys = ? WHERE user_id = ?",
                        (",".join(e.roles), *_units(e.units), uid),
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
            cur.execute(
                f"UPDATE {users} SET version = ? WHERE user_id = ?", (e.originator_version, uid)
            )


def _units(units: Sequence[str]) -> tuple[str, str]:
    return (
        json.dumps(list(units), ensure_ascii=False),
        json.dumps(sorted(name_key(u) for u in units), ensure_ascii=False),
    )

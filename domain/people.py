"""People who use Tidtam: their roles, their units, their credentials — as events.

Granting a role or a unit, setting a password, issuing or revoking a token are
events like any other, with the actor who did it and when, so an auditor can
see who could do what at any instant. Secrets never enter an event in the
clear: passwords arrive as argon2id hashes, tokens as SHA-256 digests (the
`api` layer hashes; this module only keeps what it is given).

Roles:
* ``staff`` records work on the activities of their own units;
* ``manager`` records and manages (reschedules, revises, cancels) on every unit,
  and receives and acknowledges alerts;
* ``auditor`` reads everything, history and time travel included, and writes nothing;
* ``admin`` manages users and imports plans;
* ``overseer`` (a province) reads the plans and roll-ups of several organisations and
  writes nothing.

Roles hold in the organisations a grant names (``domain.organisations``); a grant that
names none holds in every organisation: the one-municipality store, and every grant
recorded before organisations existed.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import RuleViolation, register_messages
from domain.ids import NAMESPACE
from domain.organisations import check_codes
from domain.recorded import Byline, Recorded, RecordedCreation, require_text, trigger
from domain.thai import clean_text, name_key
from domain.words import Words

USERNAME = re.compile(r"[a-z][a-z0-9._-]{1,31}")


class Role(StrEnum):
    STAFF = "staff"
    MANAGER = "manager"
    AUDITOR = "auditor"
    ADMIN = "admin"
    OVERSEER = "overseer"


def user_id(username: str) -> UUID:
    return uuid5(NAMESPACE, f"user|{username.lower()}")


def check_username(username: str) -> str:
    if not USERNAME.fullmatch(username):
        raise RuleViolation("username_format", field="username", username=username)
    return username


EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def check_email(email: str) -> str:
    """An address alerts can be sent to, or "" for none."""
    address = email.strip()
    if address and not EMAIL.fullmatch(address):
        raise RuleViolation("email_format", field="email", email=email)
    return address


def check_roles(roles: tuple[str, ...], units: tuple[str, ...]) -> tuple[Role, ...]:
    try:
        parsed = tuple(sorted({Role(r) for r in roles}))
    except ValueError:
        raise RuleViolation(
            "role_unknown", field="roles", roles=roles, known=[r.value for r in Role]
        ) from None
    if not parsed:
        raise RuleViolation("role_required", field="roles")
    if Role.STAFF in parsed and not units:
        raise RuleViolation("staff_needs_unit", field="units")
    if Role.OVERSEER in parsed and len(parsed) > 1:
        raise RuleViolation("overseer_alone", field="roles", roles=[r.value for r in parsed])
    return parsed


class User(Aggregate):
    """A person (or a system account) who signs in and records."""

    TOPIC = "tidtam.User"
    WHAT: ClassVar[Words] = Words("ผู้ใช้", "user")

    if TYPE_CHECKING:  # state, set by the events' apply(); not dataclass fields
        username: str
        display_name: str
        email: str
        roles: tuple[Role, ...]
        units: tuple[str, ...]
        organisations: tuple[str, ...]
        password_hash: str | None
        tokens: dict[str, tuple[str, str, bool]]
        disabled: bool

    Event = Recorded

    class UserRegistered(RecordedCreation):
        """A user was created with roles and (for staff) units."""

        TOPIC = "tidtam.UserRegistered"
        class_version = 2
        username: str
        display_name: str
        email: str
        roles: tuple[str, ...]
        units: tuple[str, ...]
        organisations: tuple[str, ...]
        """Codes of the organisations the roles hold in; none: every organisation."""

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Registered before organisations: the grant holds in every one."""
            state["organisations"] = ()

        def apply(self, user: User) -> None:
            user.username = self.username
            user.display_name = self.display_name
            user.email = self.email
            user.roles = tuple(Role(r) for r in self.roles)
            user.units = tuple(self.units)
            user.organisations = tuple(self.organisations)
            user.password_hash = None
            user.tokens = {}
            user.disabled = False

    Created = UserRegistered

    class AccessChanged(Recorded):
        """Roles or units were granted or withdrawn."""

        TOPIC = "tidtam.AccessChanged"
        class_version = 2
        roles: tuple[str, ...]
        units: tuple[str, ...]
        previous_roles: tuple[str, ...]
        previous_units: tuple[str, ...]
        organisations: tuple[str, ...]
        previous_organisations: tuple[str, ...]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Changed before organisations: every organisation, before and after."""
            state["organisations"] = ()
            state["previous_organisations"] = ()

        def apply(self, user: User) -> None:
            user.roles = tuple(Role(r) for r in self.roles)
            user.units = tuple(self.units)
            user.organisations = tuple(self.organisations)

    class EmailChanged(Recorded):
        """Where the user's alerts are sent changed."""

        TOPIC = "tidtam.EmailChanged"
        email: str

        def apply(self, user: User) -> None:
            user.email = self.email

    class PasswordSet(Recorded):
        """A new password (its argon2id hash) was set."""

        TOPIC = "tidtam.PasswordSet"
        password_hash: str

        def apply(self, user: User) -> None:
            user.password_hash = self.password_hash

    class TokenIssued(Recorded):
        """An API token was issued; only its SHA-256 digest is kept."""

        TOPIC = "tidtam.TokenIssued"
        token_id: str
        token_digest: str
        label: str

        def apply(self, user: User) -> None:
            user.tokens[self.token_id] = (self.token_digest, self.label, False)

    class TokenRevoked(Recorded):
        """An API token stopped working."""

        TOPIC = "tidtam.TokenRevoked"
        token_id: str

        def apply(self, user: User) -> None:
            digest, label, _ = user.tokens[self.token_id]
            user.tokens[self.token_id] = (digest, label, True)

    class SignedOut(Recorded):
        """The user signed out: every session of theirs ended, on every device."""

        TOPIC = "tidtam.SignedOut"

        def apply(self, user: User) -> None:
            """Nothing the aggregate decides on changes: the sessions are the view's."""

    class UserDisabled(Recorded):
        """The user can no longer sign in or use tokens."""

        TOPIC = "tidtam.UserDisabled"
        reason: str

        def apply(self, user: User) -> None:
            user.disabled = True

    class UserEnabled(Recorded):
        """A disabled user may sign in again."""

        TOPIC = "tidtam.UserEnabled"
        reason: str

        def apply(self, user: User) -> None:
            user.disabled = False

    @classmethod
    def register(
        cls,
        username: str,
        *,
        display_name: str,
        roles: tuple[str, ...],
        units: tuple[str, ...],
        organisations: tuple[str, ...] = (),
        email: str = "",
        by: Byline,
    ) -> User:
        name = check_username(username)
        parsed = check_roles(roles, units)
        return cls._create(
            cls.UserRegistered,
            id=user_id(name),
            username=name,
            display_name=clean_text(display_name) or name,
            email=check_email(email),
            roles=tuple(r.value for r in parsed),
            units=_units(units),
            organisations=check_codes(organisations),
            **by.event_fields(),
        )

    def change_access(
        self,
        roles: tuple[str, ...],
        units: tuple[str, ...],
        *,
        organisations: tuple[str, ...] | None = None,
        by: Byline,
    ) -> None:
        """``organisations`` None keeps the ones the user has."""
        parsed = tuple(r.value for r in check_roles(roles, units))
        new_units = _units(units)
        codes = self.organisations if organisations is None else check_codes(organisations)
        if by.actor == self.username and Role.ADMIN in self.roles and Role.ADMIN not in parsed:
            raise RuleViolation("own_admin_role_kept", field="roles", username=self.username)
        if (
            parsed == tuple(r.value for r in self.roles)
            and new_units == self.units
            and codes == self.organisations
        ):
            raise RuleViolation(
                "no_change", field="roles", what=Words("สิทธิ์", "access"), value=parsed
            )
        trigger(
            self,
            self.AccessChanged,
            by,
            roles=parsed,
            units=new_units,
            previous_roles=tuple(r.value for r in self.roles),
            previous_units=self.units,
            organisations=codes,
            previous_organisations=self.organisations,
        )

    def change_email(self, email: str, *, by: Byline) -> None:
        address = check_email(email)
        if address == self.email:
            raise RuleViolation(
                "no_change", field="email", what=Words("อีเมล", "the e-mail address"), value=address
            )
        trigger(self, self.EmailChanged, by, email=address)

    def set_password(self, password_hash: str, *, by: Byline) -> None:
        trigger(self, self.PasswordSet, by, password_hash=password_hash)

    def issue_token(self, token_id: str, token_digest: str, label: str, *, by: Byline) -> None:
        """A token id names one token for good: a second issue under it (a form sent
        twice) is refused, never a silent second secret under the same name."""
        if token_id in self.tokens:
            raise RuleViolation("token_issued_once", field="token_id", token_id=token_id)
        trigger(
            self, self.TokenIssued, by, token_id=token_id, token_digest=token_digest, label=label
        )

    def revoke_token(self, token_id: str, *, by: Byline) -> None:
        if token_id not in self.tokens:
            raise RuleViolation("token_unknown", field="token_id", token_id=token_id)
        if self.tokens[token_id][2]:
            raise RuleViolation(
                "no_change", field="token_id", what=Words("โทเคน", "the token"), value="revoked"
            )
        trigger(self, self.TokenRevoked, by, token_id=token_id)

    def sign_out(self, *, by: Byline) -> None:
        """End every session of the user (their own sign-out, or an admin's on their behalf)."""
        trigger(self, self.SignedOut, by)

    def disable(self, *, reason: str, by: Byline) -> None:
        """Refused for oneself: the one admin of an office would lock everyone out of
        user administration by a slip of the hand; another admin may do it."""
        if by.actor == self.username:
            raise RuleViolation("own_account_kept", field="disabled", username=self.username)
        if self.disabled:
            raise RuleViolation(
                "no_change", field="disabled", what=Words("ผู้ใช้", "the user"), value="disabled"
            )
        reason = require_text(reason, what=_DISABLING, field="reason")
        trigger(self, self.UserDisabled, by, reason=reason)

    def enable(self, *, reason: str, by: Byline) -> None:
        if not self.disabled:
            raise RuleViolation(
                "no_change", field="disabled", what=Words("ผู้ใช้", "the user"), value="enabled"
            )
        reason = require_text(reason, what=_ENABLING, field="reason")
        trigger(self, self.UserEnabled, by, reason=reason)

    @property
    def unit_keys(self) -> frozenset[str]:
        return frozenset(name_key(u) for u in self.units)


_DISABLING = Words("การปิดการใช้งานบัญชี", "disabling a user")
_ENABLING = Words("การเปิดการใช้งานบัญชี", "enabling a user")

SESSIONS_END: tuple[type[Recorded], ...] = (
    User.SignedOut,
    User.PasswordSet,
    User.AccessChanged,
    User.UserDisabled,
)
"""Events after which no session begun before them is honoured: signing out, a new
password (someone may have learnt the old one), other roles or units (a session must
not keep rights that were withdrawn) and disabling."""


def _units(units: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for unit in units:
        text = clean_text(unit)
        if text:
            seen.setdefault(name_key(text), text)
    return tuple(sorted(seen.values()))


register_messages(
    {
        "username_format": (
            "'{username}' ใช้เป็นชื่อผู้ใช้ไม่ได้ ต้องเป็นอักษรภาษาอังกฤษตัวเล็ก ตัวเลข . _ หรือ - ยาว 2–32 ตัว",
            "'{username}' is not a user name: 2–32 lower-case letters, digits, '.', '_' or '-'",
        ),
        "role_unknown": (
            "ไม่รู้จักบทบาท {roles} (มี {known})",
            "unknown role(s) {roles}; roles are {known}",
        ),
        "role_required": ("ผู้ใช้ต้องมีอย่างน้อยหนึ่งบทบาท", "a user needs at least one role"),
        "staff_needs_unit": (
            "เจ้าหน้าที่ต้องสังกัดหน่วยดำเนินการอย่างน้อยหนึ่งหน่วย",
            "a staff user needs at least one responsible unit",
        ),
        "overseer_alone": (
            "ผู้กำกับดูแลอ่านได้อย่างเดียว จึงถือบทบาทอื่นร่วมด้วยไม่ได้ ({roles})",
            "an overseer reads only, so holds no other role ({roles})",
        ),
        "token_unknown": ("ไม่พบโทเคน {token_id}", "no token {token_id}"),
        "email_format": ("'{email}' ไม่ใช่ที่อยู่อีเมล", "'{email}' is not an e-mail address"),
        "user_exists": ("มีผู้ใช้ {username} อยู่แล้ว", "user {username} already exists"),
        "user_not_found": ("ไม่พบผู้ใช้ {username}", "no user {username}"),
        "own_account_kept": (
            "ปิดการใช้งานบัญชีของตนเอง ({username}) ไม่ได้ เพราะจะเข้าระบบไม่ได้อีก ให้ผู้ดูแลระบบคนอื่นเป็นผู้ปิด",
            "you may not disable your own account ({username}): you would be locked out;"
            " another admin may do it",
        ),
        "own_admin_role_kept": (
            "ถอนบทบาทผู้ดูแลระบบของตนเอง ({username}) ไม่ได้ เพราะจะจัดการผู้ใช้ไม่ได้อีก"
            " ให้ผู้ดูแลระบบคนอื่นเป็นผู้ถอน",
            "you may not withdraw your own admin role ({username}): you would be locked out"
            " of user administration; another admin may do it",
        ),
        "token_issued_once": (
            "โทเคน {token_id} ออกไปแล้วและแสดงได้ครั้งเดียว (อาจส่งแบบฟอร์มซ้ำ)"
            " หากต้องการโทเคนใหม่ ให้ออกโทเคนอีกครั้ง",
            "token {token_id} was already issued and is shown only once (was the form sent"
            " twice?); issue another token if one is needed",
        ),
    }
)

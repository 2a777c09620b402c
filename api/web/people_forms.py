"""The admin pages' forms about people: what each reads, and the directory call it makes.

Each form is one use case of :class:`application.directory.Directory`, as the JSON API
(``api.routes.users``) and the CLI make them, with the signed-in admin as actor; the
domain decides (roles, units, e-mail, the lock-out rules) and its refusals come back
to the form. What the page adds is reading what was typed: the units ticked from those
the plans name plus any typed one a line, and bounds on every text, so nothing typed
is dropped or cut without a word. Passwords are hashed here, before the directory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import FormData

from api.auth import checked_password, hash_password
from application.directory import Directory, Saved
from domain.errors import RuleViolation, register_messages
from domain.policy import Principal

Values = dict[str, str | list[str]]
REPEATED = frozenset({"roles", "units", "organisations"})
"""The fields ticked as several boxes of one name; every other field is one text."""
TEXT_LIMIT = 200
"""The longest display name, e-mail address, unit name or token label (as the API's)."""
REASON_LIMIT = 2000
UNITS_LIMIT = 50
SECRET = frozenset({"password", "csrf"})
"""Fields never written back into a form drawn again."""


def typed(form: FormData) -> Values:
    """The form as posted: ``roles`` and ``units`` as the boxes ticked, the rest as typed."""
    ticked: dict[str, list[str]] = {name: [] for name in REPEATED}
    found: Values = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            if key in REPEATED:
                ticked[key].append(value)
            else:
                found[key] = value
    return {**found, **ticked}


def kept(values: Values) -> Values:
    """What a form drawn again shows of what was typed: all but the secrets."""
    return {k: v for k, v in values.items() if k not in SECRET}


def text(values: Values, name: str, limit: int = TEXT_LIMIT) -> str:
    value = values.get(name, "")
    found = value.strip() if isinstance(value, str) else ""
    if len(found) > limit:
        raise RuleViolation("text_too_long", field=name, limit=limit)
    return found


def chosen(values: Values, name: str) -> list[str]:
    value = values.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def roles_of(values: Values) -> tuple[str, ...]:
    return tuple(chosen(values, "roles"))


def units_of(values: Values) -> tuple[str, ...]:
    """The units ticked, then those typed one a line, each within its bound; the domain
    puts names that differ only in spacing together."""
    typed_lines = str(values.get("other_units", "")).splitlines()
    ticked = chosen(values, "units")
    every = [u.strip() for u in [*ticked, *typed_lines] if u.strip()]
    for unit in every:
        if len(unit) > TEXT_LIMIT:
            field = "units" if unit in ticked else "other_units"
            raise RuleViolation("text_too_long", field=field, limit=TEXT_LIMIT)
    if len(every) > UNITS_LIMIT:
        raise RuleViolation("units_too_many", field="other_units", limit=UNITS_LIMIT)
    return tuple(every)


def organisations_of(values: Values) -> tuple[str, ...] | None:
    """The organisations ticked, where the form offered any (None: it offered none, the
    store has no organisations, and the person's stay as they are)."""
    if not values.get("organisations_offered"):
        return None
    return tuple(chosen(values, "organisations"))


def password_hash_of(values: Values) -> str:
    return hash_password(checked_password(str(values.get("password", ""))))


@dataclass(frozen=True, slots=True)
class Asked:
    """One person form sent: the directory, whose it is, who sends it, what was typed."""

    directory: Directory
    username: str
    grantor: Principal
    values: Values

    @property
    def actor(self) -> str:
        return self.grantor.username

    def reason(self) -> str:
        return text(self.values, "reason", REASON_LIMIT)


def register(directory: Directory, values: Values, grantor: Principal) -> Saved:
    """The add form: a new person with roles, units, organisations, e-mail and a first
    password, granted by ``grantor`` (within their organisations)."""
    username = text(values, "username", 64)
    return directory.register(
        username,
        roles=roles_of(values),
        units=units_of(values),
        organisations=organisations_of(values) or (),
        display_name=text(values, "display_name"),
        email=text(values, "email"),
        password_hash=password_hash_of(values),
        actor=grantor.username,
        grantor=grantor,
    )


@dataclass(frozen=True, slots=True)
class PersonForm:
    """A form on a person's page: the fields a refusal may name, and its directory call."""

    name: str
    fields: frozenset[str]
    run: Callable[[Asked], Saved]


PERSON_FORMS = {
    form.name: form
    for form in (
        PersonForm(
            "access",
            frozenset({"roles", "units", "other_units", "organisations"}),
            lambda a: a.directory.change_access(
                a.username,
                roles=roles_of(a.values),
                units=units_of(a.values),
                organisations=organisations_of(a.values),
                actor=a.actor,
                grantor=a.grantor,
            ),
        ),
        PersonForm(
            "email",
            frozenset({"email"}),
            lambda a: a.directory.change_email(a.username, text(a.values, "email"), actor=a.actor),
        ),
        PersonForm(
            "password",
            frozenset({"password"}),
            lambda a: a.directory.set_password(
                a.username, password_hash_of(a.values), actor=a.actor
            ),
        ),
        PersonForm(
            "disable",
            frozenset({"reason"}),
            lambda a: a.directory.disable(a.username, reason=a.reason(), actor=a.actor),
        ),
        PersonForm(
            "enable",
            frozenset({"reason"}),
            lambda a: a.directory.enable(a.username, reason=a.reason(), actor=a.actor),
        ),
        PersonForm(
            "revoke",
            frozenset({"token_id"}),
            lambda a: a.directory.revoke_token(
                a.username, text(a.values, "token_id", 64), actor=a.actor
            ),
        ),
    )
}
"""The person page's forms but one: issuing a token answers with its secret instead
of a redirect (``api.web.routes.people``)."""


register_messages(
    {
        "units_too_many": (
            "ระบุหน่วยงานได้ไม่เกิน {limit} หน่วย",
            "at most {limit} units",
        ),
    }
)

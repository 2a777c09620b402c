"""The directory: the application service for people, their roles and credentials,
and the organisations (tenants) their roles hold in.

A bounded context of its own, with its own event stream table (``people_events``),
so user administration never contends with the plan's streams. Callers pass
hashes, never secrets (see `domain.people`). Every command returns what it saved
and its notification position: credentials are checked against the people view,
so a caller that revokes a token waits for that position before saying it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.utils import get_topic

from application.base import TidtamApplication
from application.outcome import Outcome
from domain.errors import NotFoundError, RuleViolation
from domain.organisations import Organisation, check_code, organisation_id
from domain.people import User, check_username, user_id
from domain.policy import Principal


@dataclass(frozen=True, slots=True)
class Saved:
    """What a directory command wrote: the user as saved, and the position of its last
    event in the people log."""

    user: User
    position: int
    events: tuple[str, ...] = ()
    """Names of the events appended, in order (what the commands metric counts)."""


class Directory(TidtamApplication):
    """Users: registering, granting, passwords, tokens, disabling; organisations."""

    name = "People"

    def register_organisation(
        self, code: str, *, name: str, province: str = "", actor: str
    ) -> Organisation:
        check_code(code)
        if organisation_id(code) in self.repository:
            raise RuleViolation("organisation_exists", field="organisation", code=code)
        organisation = Organisation.register(
            code, name=name, province=province, by=self.byline(actor)
        )
        self.save(organisation)
        return organisation

    def organisation(self, code: str) -> Organisation:
        """The organisation ``code`` names, or a refusal naming the code."""
        check_code(code)
        return self._get(organisation_id(code), Organisation, "organisation_unknown", code=code)

    def organisations(self) -> list[Organisation]:
        """Every organisation, by code."""
        topic = get_topic(Organisation.OrganisationRegistered)
        found = [
            self.organisation_by_id(UUID(str(n.originator_id)))
            for n in self.recorder.select_notifications(1, 100_000, topics=[topic])
        ]
        return sorted(found, key=lambda o: o.code)

    def organisation_by_id(self, organisation: UUID) -> Organisation:
        return self._get(organisation, Organisation, "organisation_unknown", code=str(organisation))

    def import_tenant(self, code: str | None, reach: frozenset[str] | None) -> Organisation | None:
        """The organisation a document is imported into: the one named (if ``reach``, the
        importer's organisations, holds it), else the importer's only one; none only in a
        store with no organisations (the one-municipality store). An import that cannot
        be placed with certainty is refused, never given to the store."""
        if code:
            if reach is not None and code not in reach:
                raise NotFoundError("organisation_unknown", code=code)
            return self.organisation(code)
        if reach is not None and len(reach) == 1:
            return self.organisation(next(iter(reach)))
        topic = get_topic(Organisation.OrganisationRegistered)
        if reach is None and not self.recorder.select_notifications(1, 1, topics=[topic]):
            return None
        raise RuleViolation(
            "import_organisation_required",
            field="org",
            codes=", ".join(sorted(reach)) if reach else "tidtam orgs list",
        )

    def _check_known(self, codes: tuple[str, ...]) -> None:
        """A grant names only organisations that exist: a typo must not grant nothing."""
        for code in codes:
            self.organisation(code.strip())

    def get(self, username: str) -> User:
        return self._get(user_id(username), User, "user_not_found", username=username)

    def exists(self, username: str) -> bool:
        return user_id(username) in self.repository

    def register(
        self,
        username: str,
        *,
        roles: tuple[str, ...],
        units: tuple[str, ...] = (),
        organisations: tuple[str, ...] = (),
        display_name: str = "",
        email: str = "",
        password_hash: str | None = None,
        actor: str,
        grantor: Principal | None = None,
    ) -> Saved:
        """``grantor``: the person granting, who may grant only in their organisations."""
        check_username(username)
        if grantor is not None:
            grantor.require_grantable(organisations)
        if self.exists(username):
            raise RuleViolation("user_exists", field="username", username=username)
        self._check_known(organisations)
        by = self.byline(actor)
        user = User.register(
            username, display_name=display_name, roles=roles, units=units,
            organisations=organisations, email=email, by=by,
        )  # fmt: skip
        if password_hash:
            user.set_password(password_hash, by=by)
        return self._saved(user)

    def change_access(
        self,
        username: str,
        *,
        roles: tuple[str, ...],
        units: tuple[str, ...],
        organisations: tuple[str, ...] | None = None,
        actor: str,
        grantor: Principal | None = None,
    ) -> Saved:
        """``organisations`` None keeps the user's. ``grantor`` (the person granting) may
        change only a user all of whose organisations are theirs, and grant only in them."""
        user = self.get(username)
        if grantor is not None:
            grantor.require_grantable(user.organisations)
            grantor.require_grantable(
                user.organisations if organisations is None else organisations
            )
        if organisations is not None:
            self._check_known(organisations)
        user.change_access(roles, units, organisations=organisations, by=self.byline(actor))
        return self._saved(user)

    def change_email(self, username: str, email: str, *, actor: str) -> Saved:
        user = self.get(username)
        user.change_email(email, by=self.byline(actor))
        return self._saved(user)

    def set_password(self, username: str, password_hash: str, *, actor: str) -> Saved:
        user = self.get(username)
        user.set_password(password_hash, by=self.byline(actor))
        return self._saved(user)

    def issue_token(
        self, username: str, token_id: str, token_digest: str, *, label: str, actor: str
    ) -> Saved:
        user = self.get(username)
        user.issue_token(token_id, token_digest, label, by=self.byline(actor))
        return self._saved(user)

    def revoke_token(self, username: str, token_id: str, *, actor: str) -> Saved:
        user = self.get(username)
        user.revoke_token(token_id, by=self.byline(actor))
        return self._saved(user)

    def sign_out(self, username: str, *, actor: str) -> Saved:
        """End every session ``username`` has, on every device."""
        user = self.get(username)
        user.sign_out(by=self.byline(actor))
        return self._saved(user)

    def disable(self, username: str, *, reason: str, actor: str) -> Saved:
        user = self.get(username)
        user.disable(reason=reason, by=self.byline(actor))
        return self._saved(user)

    def enable(self, username: str, *, reason: str, actor: str) -> Saved:
        user = self.get(username)
        user.enable(reason=reason, by=self.byline(actor))
        return self._saved(user)

    def _saved(self, user: User) -> Saved:
        outcome = Outcome.of(user, self.save(user))
        return Saved(user, outcome.position, outcome.events)

    def history_of(self, aggregate_id: UUID) -> list[object]:
        """Every event of one user, oldest first."""
        return list(self.events.get(aggregate_id))

    def users(self) -> list[User]:
        """Every user, in the order they were registered."""
        return [self._get(i, User, "user_not_found", username=str(i)) for i in self.user_ids()]

    def user_ids(self) -> list[UUID]:
        topic = get_topic(User.UserRegistered)
        return [
            UUID(str(n.originator_id))
            for n in self.recorder.select_notifications(1, 100_000, topics=[topic])
        ]

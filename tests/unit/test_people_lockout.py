"""The people rules an admin's slip would break, pure: no one disables themself or
withdraws their own admin role, a token id names one token, and disabling or enabling
says why. Another admin may do what one may not do to oneself."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.errors import RuleViolation
from domain.people import User
from domain.recorded import Byline

NOW = datetime(2009, 9, 30, 3, 0, tzinfo=UTC)


def by(actor: str) -> Byline:
    return Byline(actor, date(2009, 9, 30), NOW)


def admin(username: str = "prasit") -> User:
    return User.register(username, display_name="", roles=("admin",), units=(), by=by("setup"))


def refused(rule: str, command: object, *args: object, **kwargs: object) -> None:
    with pytest.raises(RuleViolation) as caught:
        command(*args, **kwargs)  # type: ignore[operator]
    assert caught.value.rule == rule


def test_an_admin_may_not_disable_themself_but_another_admin_may() -> None:
    user = admin()
    refused("own_account_kept", user.disable, reason="ลาออก", by=by("prasit"))
    assert not user.disabled and user.version == 1
    user.disable(reason="ลาออก", by=by("somporn"))
    assert user.disabled


def test_an_admin_may_not_withdraw_their_own_admin_role() -> None:
    user = admin()
    refused("own_admin_role_kept", user.change_access, ("manager",), (), by=by("prasit"))
    user.change_access(("admin", "auditor"), (), by=by("prasit"))  # adding is no lock-out
    user.change_access(("auditor",), (), by=by("somporn"))
    assert [r.value for r in user.roles] == ["auditor"]


def test_disabling_and_enabling_need_a_reason() -> None:
    user = admin()
    refused("reason_required", user.disable, reason=" ", by=by("somporn"))
    user.disable(reason=" ย้ายงาน ", by=by("somporn"))
    refused("reason_required", user.enable, reason="", by=by("somporn"))
    user.enable(reason="กลับมา", by=by("somporn"))
    reasons = [getattr(e, "reason", None) for e in user.collect_events()[-2:]]
    assert reasons == ["ย้ายงาน", "กลับมา"]


def test_a_token_id_names_one_token_for_good() -> None:
    user = admin()
    user.issue_token("0123456789ab", "a" * 64, "", by=by("prasit"))
    refused("token_issued_once", user.issue_token, "0123456789ab", "b" * 64, "", by=by("prasit"))
    user.revoke_token("0123456789ab", by=by("prasit"))
    refused("token_issued_once", user.issue_token, "0123456789ab", "c" * 64, "", by=by("prasit"))
    assert user.tokens["0123456789ab"] == ("a" * 64, "", True)

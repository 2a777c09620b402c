"""Nothing of one organisation reaches another's people: the check every route passes.

The API's principal (``api.deps.optional_principal``) and the pages' (``api.web.context``)
both come through :func:`check_reach`, so a route cannot forget it: whatever a request
names by id — in its path (``plan_id``, ``activity_id``, ``flag_id``, ``username``) or
as a filter (``plan``, ``project``, ``activity``) — must belong to one of the
principal's organisations. What does not is answered exactly as what does not exist
(404, the same words), so a guessed id tells nothing about another tenant.

A principal of every organisation (the one-municipality store) asks nothing here.
Lists are narrowed by their readers (``projections.tenancy.plans_within``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from uuid import UUID

from domain.errors import NotFoundError, register_messages
from domain.policy import Principal
from domain.words import Words
from projections.tenancy import TenancyReader, shares

_KINDS: dict[str, tuple[Words, Callable[[TenancyReader, str], str | None]]] = {
    "plan_id": (Words("แผน", "plan"), lambda r, v: r.of_plan(UUID(v))),
    "plan": (Words("แผน", "plan"), lambda r, v: r.of_plan(UUID(v))),
    "activity_id": (Words("กิจกรรม", "activity"), lambda r, v: r.of_activity(UUID(v))),
    "activity": (Words("กิจกรรม", "activity"), lambda r, v: r.of_activity(UUID(v))),
    "project": (Words("โครงการ", "project"), lambda r, v: r.of_project(UUID(v))),
    "flag_id": (Words("การแจ้งเตือน", "alert"), lambda r, v: r.of_flag(v)),
}
_FILTERS = ("plan", "project", "activity")
"""The query's filters that name something by id (each one of ``_KINDS``)."""


def needs_check(who: Principal | None, path: Mapping[str, str], query: Mapping[str, str]) -> bool:
    """Whether the request names something a principal of some organisations only must be
    checked for (cheap: no database), so the API asks a worker thread only then."""
    if who is None or who.organisations is None:
        return False
    return any(k in path for k in (*_KINDS, "username")) or any(query.get(k) for k in _FILTERS)


def check_reach(
    reader: TenancyReader, who: Principal, path: Mapping[str, str], query: Mapping[str, str]
) -> None:
    """Refuse (as not found) a request naming what lies outside ``who``'s organisations."""
    if who.organisations is None:
        return
    named = [(k, str(v)) for k, v in path.items() if k in _KINDS]
    named += [(k, v) for k in _FILTERS if (v := query.get(k, "").strip())]
    for key, value in named:
        what, find = _KINDS[key]
        try:
            code = find(reader, value)
        except ValueError:  # not an id at all: nothing anyone could reach
            code = None
        if code is None or not who.reaches(code):
            raise NotFoundError("not_within_reach", what=what, key=value[:80])
    if (username := path.get("username")) is not None:
        _check_person(reader, who, str(username))


def _check_person(reader: TenancyReader, who: Principal, username: str) -> None:
    """Oneself, or a person of one of ``who``'s organisations (never one whose grants
    hold in every organisation: that is the store's, not a tenant's)."""
    if username == who.username:
        return
    theirs = reader.of_user(username)
    if theirs == "" or not shares(who.organisations, theirs or ()):
        raise NotFoundError("user_not_found", username=username[:80])


register_messages(
    {
        "not_within_reach": ("ไม่พบ{what} {key}", "no {what} {key}"),
    }
)

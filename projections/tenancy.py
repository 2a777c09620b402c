"""Whose is it: the organisation a plan, an activity, a flag or a person belongs to.

Every route that names something by id asks here before it reads, for a principal
whose roles hold in some organisations only (``Principal.organisations``): what lies
outside them is answered as not found. One indexed query a question, on the views
the routes read anyway; a principal of every organisation never asks.

Lists are narrowed instead, with :func:`plans_within`: the same SQL fragment in every
list's query, so a feed, a search or an alerts page cannot forget a tenant; lists of
people with :func:`shares`.
"""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from storage.view_database import ViewDatabase

Reach = frozenset[str] | None
"""Organisation codes a principal's roles hold in; None: every organisation."""


def plans_within(reach: Reach, column: str = "plan_id") -> tuple[str, tuple[str, ...]]:
    """A SQL condition (and its parameters) keeping rows whose ``column`` names a plan
    of the organisations ``reach`` names; always true for every organisation."""
    if reach is None:
        return "1 = 1", ()
    marks = ",".join("?" * len(reach)) or "NULL"
    return (
        f"{column} IN (SELECT plan_id FROM view_plans WHERE organisation_code IN ({marks}))",
        tuple(sorted(reach)),
    )


def shares(reach: Reach, theirs: Collection[str]) -> bool:
    """Whether a person whose roles hold in ``theirs`` (none: every organisation) is
    within ``reach``: for a principal of some organisations, a person sharing one of them,
    never one of every organisation (the installation's, not a tenant's)."""
    return reach is None or bool(reach.intersection(theirs))


class TenancyReader:
    """The organisation (its code) each kind of thing belongs to; None where the views
    know no such thing."""

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def of_plan(self, plan_id: UUID) -> str | None:
        return self._code("SELECT organisation_code FROM view_plans WHERE plan_id = ?", plan_id)

    def of_activity(self, activity_id: UUID) -> str | None:
        return self._code(
            "SELECT p.organisation_code FROM view_activities a"
            " JOIN view_plans p ON p.plan_id = a.plan_id WHERE a.activity_id = ?",
            activity_id,
        )

    def of_project(self, project_id: UUID) -> str | None:
        return self._code(
            "SELECT p.organisation_code FROM view_projects j"
            " JOIN view_plans p ON p.plan_id = j.plan_id WHERE j.project_id = ?",
            project_id,
        )

    def of_flag(self, flag_id: str) -> str | None:
        return self._code(
            "SELECT p.organisation_code FROM view_flags f"
            " JOIN view_plans p ON p.plan_id = f.plan_id WHERE f.flag_id = ?",
            flag_id,
        )

    def of_user(self, username: str) -> Reach | str:
        """The organisations a user's roles hold in (None: every one); ``""`` for no
        such user."""
        with self.db.reading() as cur:
            row = cur.execute(
                "SELECT organisations FROM view_users WHERE username = ?", (username,)
            ).fetchone()
        if row is None:
            return ""
        codes = frozenset(c for c in str(row[0]).split(",") if c)
        return codes or None

    def _code(self, sql: str, key: object) -> str | None:
        with self.db.reading() as cur:
            row = cur.execute(sql, (str(key),)).fetchone()
        return None if row is None else str(row[0])

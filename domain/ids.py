"""Identities derived from natural keys, so importing the same plan twice finds the
same aggregates instead of creating new ones.

A plan is known by its organisation, fiscal year and place in the strategy
(one municipality publishes one table per strategy guideline, and each table
numbers its projects from 1); a project or activity by its plan and its code.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from domain.calendar import FiscalYear
from domain.thai import name_key

NAMESPACE = UUID("6f1d5c5e-2b0a-4c1e-9a57-7469647461d1")
"""Tidtam's uuid5 namespace. Never change it: stored ids are derived from it."""


def plan_id(organisation: str, fiscal_year: FiscalYear, strategy_path: str) -> UUID:
    return uuid5(
        NAMESPACE, f"plan|{name_key(organisation)}|{fiscal_year.be}|{name_key(strategy_path)}"
    )


def project_id(plan: UUID, code: str) -> UUID:
    return uuid5(NAMESPACE, f"project|{plan}|{code}")


def activity_id(plan: UUID, code: str) -> UUID:
    return uuid5(NAMESPACE, f"activity|{plan}|{code}")

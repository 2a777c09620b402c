"""Identities derived from natural keys, so importing the same plan twice finds the
same aggregates instead of creating new ones.

A plan is an organisation's action plan for a fiscal year; a section is known within
its plan by its place in the strategy (``section_key`` of the path down to its
guideline or แผนงาน), and a project or activity by its plan, its section and its code
(each section numbers its projects from 1).

Plans imported before plans had sections were one guideline's table each, known by
organisation, year *and* path (`guideline_plan_id`); their one section has the key
``""``, and ``""`` keeps their projects' and activities' ids as they were.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from domain.calendar import FiscalYear
from domain.thai import name_key

NAMESPACE = UUID("6f1d5c5e-2b0a-4c1e-9a57-7469647461d1")
"""Tidtam's uuid5 namespace. Never change it: stored ids are derived from it."""

GUIDELINE_SECTION = ""
"""The key of the one section of a plan imported before plans had sections."""


def plan_id(organisation: str, fiscal_year: FiscalYear, code: str = "") -> UUID:
    """An organisation's action plan for a fiscal year: known by the organisation's code
    where it was imported into one (names repeat across provinces), else, as before
    organisations, by the name its document gives."""
    if code:
        return uuid5(NAMESPACE, f"plan|org:{code}|{fiscal_year.be}")
    return uuid5(NAMESPACE, f"plan|{name_key(organisation)}|{fiscal_year.be}")


def guideline_plan_id(organisation: str, fiscal_year: FiscalYear, strategy_path: str) -> UUID:
    """A plan imported before plans had sections: one guideline's table."""
    return uuid5(
        NAMESPACE, f"plan|{name_key(organisation)}|{fiscal_year.be}|{name_key(strategy_path)}"
    )


def section_key(strategy_path: str) -> str:
    """A section's key within its plan: its path, compared ignoring spacing."""
    return name_key(strategy_path)


def project_id(plan: UUID, code: str, section: str = GUIDELINE_SECTION) -> UUID:
    if section == GUIDELINE_SECTION:
        return uuid5(NAMESPACE, f"project|{plan}|{code}")
    return uuid5(NAMESPACE, f"project|{plan}|{section}|{code}")


def activity_id(plan: UUID, code: str, section: str = GUIDELINE_SECTION) -> UUID:
    if section == GUIDELINE_SECTION:
        return uuid5(NAMESPACE, f"activity|{plan}|{code}")
    return uuid5(NAMESPACE, f"activity|{plan}|{section}|{code}")

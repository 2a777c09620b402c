"""The example table, ``examples/thungsong-2552-strategy5.txt``, as it reads back once
imported: stated once, so the command line's tests and the API's check the same facts.

Both doors give a plan as the same JSON (``tidtam plan --json`` and
``GET /api/v1/plans/{id}``); these are its facts the table itself fixes.
"""

from __future__ import annotations

from typing import Any

from api.runtime import EXAMPLES
from domain.draft import PlanDraft
from domain.plan_table import read_plan

EXAMPLE_TABLE = EXAMPLES / "thungsong-2552-strategy5.txt"


def example_draft() -> PlanDraft:
    """The table as the importer reads it: what a test imports straight into a tracker."""
    return read_plan(EXAMPLE_TABLE.read_bytes(), EXAMPLE_TABLE.name)


def example_upload() -> tuple[str, bytes, str]:
    """The table as the file part of a multipart upload, as a client sends it."""
    return (EXAMPLE_TABLE.name, EXAMPLE_TABLE.read_bytes(), "text/plain")


ACTIVITIES = {
    "1.1": ("30000.00", ["2009-01", "2009-03"]),
    "1.2": ("100000.00", ["2009-03"]),
    "2.1": ("100000.00", ["2009-02", "2009-04", "2009-07"]),
    "2.2": ("50000.00", ["2009-02"]),
    "3": ("178000.00", ["2008-11", "2009-01"]),
}
"""Each activity's budget and planned months, by code."""


def activities_of(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A plan's activities by code, from every project."""
    return {a["code"]: a for p in plan["projects"] for a in p["activities"]}


def assert_reads_as_the_table(plan: dict[str, Any]) -> None:
    """The plan's organisation, year and total, and each activity's budget and months,
    are what the table says."""
    assert (plan["organisation"], plan["fiscal_year"], plan["total_budget"]) == (
        "เทศบาลเมืองทุ่งสง",
        2552,
        "458000.00",
    )
    activities = activities_of(plan)
    assert {c: (a["budget"], a["planned_months"]) for c, a in activities.items()} == ACTIVITIES

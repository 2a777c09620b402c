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


MARCH_TO_APRIL = ("\t\t\t\t\t\t↔\t\t\t\t\t\t", "\t\t\t\t\t\t\t↔\t\t\t\t\t")


def example_revision_upload() -> tuple[str, bytes, str]:
    """The example table edited as an office would for แก้ไขครั้งที่ 1/2552: project 2's
    budget cut from 150,000 to 120,000 baht with activity 2.2's from 50,000 to 20,000,
    activity 1.2 moved from มี.ค. to เม.ย., and project 3 (its last page) withdrawn."""
    name, data, kind = example_upload()
    text = data.decode("utf-8")
    last_page = text.rindex("ลำดับที่")
    text = text[:last_page].rstrip("\n") + "\n"
    text = text.replace("\t150,000\t", "\t120,000\t", 1)
    text = text.replace("จำนวน 1 ครั้ง/1 วัน\t50,000\t", "จำนวน 1 ครั้ง/1 วัน\t20,000\t", 1)
    one_two = next(line for line in text.splitlines() if "1.2 กิจกรรมพัฒนาศักยภาพ" in line)
    assert one_two.count(MARCH_TO_APRIL[0]) == 1, "the table's 1.2 row is as expected"
    text = text.replace(one_two, one_two.replace(*MARCH_TO_APRIL), 1)
    return f"revised-{name}", text.encode("utf-8"), kind


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

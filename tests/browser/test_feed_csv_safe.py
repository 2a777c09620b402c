"""No cell of the events CSV is run by a spreadsheet (hardening, finding 4): a unit named
``=HYPERLINK(…)`` in an imported plan came out of ``/events.csv`` as a live formula."""

from __future__ import annotations

import csv
import io

from domain.plan_table import read_plan
from tests.browser.conftest import Pages
from tests.browser.world import PR_UNIT
from tests.example_table import EXAMPLE_TABLE

FORMULA = '=HYPERLINK("http://example.invalid/steal","ดูรายละเอียด")'


def test_a_unit_named_as_a_formula_is_written_as_text(pages: Pages) -> None:
    table = EXAMPLE_TABLE.read_text(encoding="utf-8")
    table = table.replace("3.5 เพิ่มประสิทธิภาพ", "3.6 เพิ่มประสิทธิภาพ").replace(PR_UNIT, FORMULA)
    runtime = pages.world.runtime
    runtime.tracker.import_plan(read_plan(table.encode(), "formula.txt"), actor="admin")
    runtime.projections.catch_up()
    pages.sign_in("kanya")
    text = pages.http.get("/events.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    units = {row[7] for row in rows[1:]}
    assert "'" + FORMULA in units
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )

"""Writing a whole-year plan as a table and reading it back gives the same plan.

The plans are drawn by `tests.plan_documents.plans`: strategies whose sections are
guidelines, แผนงาน or the strategy itself, projects numbered from 1 in each section,
activities with steps, budgets with satang, marked months; written with section and
grand totals and, in some, page breaks that repeat the header and the headings.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.draft import PlanDraft
from domain.plan_table import parse_plan, read_grid
from tests.plan_documents import (
    ORGANISATION,
    csv_text,
    document_rows,
    plans,
    tsv_text,
    without_rows,
)


def read_back(text: str, name: str) -> PlanDraft:
    return parse_plan(read_grid(text.encode("utf-8"), name), organisation=ORGANISATION)


@settings(max_examples=40, deadline=None)
@given(plans(), st.sampled_from([0, 1, 3]), st.booleans())
def test_a_plan_written_as_tsv_reads_back_the_same(
    plan: PlanDraft, page_every: int, totals: bool
) -> None:
    rows = document_rows(plan, page_every=page_every, totals=totals)
    assert without_rows(read_back(tsv_text(rows), "plan.tsv")) == plan


@settings(max_examples=40, deadline=None)
@given(plans(), st.sampled_from([0, 2]))
def test_a_plan_written_as_csv_reads_back_the_same(plan: PlanDraft, page_every: int) -> None:
    rows = document_rows(plan, page_every=page_every)
    assert without_rows(read_back(csv_text(rows), "plan.csv")) == plan

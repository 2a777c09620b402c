"""Reports of a plan: the summary by strategy (ผด.01), as JSON, a document or a workbook."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from api.deps import Reader, ServicesDep
from api.reports.formats import MEDIA, Format, chosen, download
from api.reports.pdf import to_pdf
from api.reports.summary import summary_document, summary_workbook
from api.routes.common import (
    AsAdopted,
    AsOf,
    MinPosition,
    On,
    Revision,
    edition,
    instant,
    plan_snapshot,
    read_your_writes,
)
from projections.editions import edition_of
from projections.imprint import imprint
from projections.plan_summary import PlanSummary, SummaryRow, plan_summary

router = APIRouter(prefix="/api/v1/plans", tags=["reports"])
PlanId = Annotated[UUID, Path(description="The plan's id")]
FormatQuery = Annotated[
    str | None,
    Query(alias="format", max_length=10, description="json, html, xlsx or pdf (else by Accept)"),
]


class SummaryRowOut(BaseModel):
    level: str
    code: str
    name: str
    projects: int
    project_share: Decimal
    budget: Decimal
    budget_share: Decimal
    units: list[str]


class SummaryOut(BaseModel):
    plan_id: UUID
    organisation: str
    fiscal_year: int
    on: date
    rows: list[SummaryRowOut]
    total: SummaryRowOut


@router.get(
    "/{plan_id}/reports/summary",
    response_model=SummaryOut,
    responses={200: {"content": {MEDIA["html"]: {}, MEDIA["xlsx"]: {}, MEDIA["pdf"]: {}}}},
)
def summary_report(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    request: Request,
    fmt: FormatQuery = None,
    on: On = None,
    as_of: AsOf = None,
    as_adopted: AsAdopted = False,
    revision: Revision = None,
    min_position: MinPosition = None,
) -> Response:
    """The plan summary by strategy (ผด.01): per strategy and guideline/แผนงาน, projects
    and their share, budget and its share, responsible units; on business date ``on``,
    as known at ``as_of``, of any edition."""
    name: Format = chosen(fmt, request.headers.get("accept", ""))
    read_your_writes(svc, min_position)
    moment = instant(as_of)
    snapshot, day = plan_snapshot(svc, plan_id, moment, on)
    snapshot = edition_of(snapshot, edition(as_adopted, revision))
    summary = plan_summary(snapshot, day)
    if name == "json":
        return download(_json(summary).model_dump_json(), name, "")
    stamp = imprint(svc.runtime.reader, snapshot, day, moment)
    filename = f"pd01-{summary.plan.fiscal_year}-{day.isoformat()}"
    if name == "xlsx":
        return download(summary_workbook(summary, stamp), name, filename)
    document = summary_document(summary, stamp)
    return download(to_pdf(document) if name == "pdf" else document, name, filename)


def _row(row: SummaryRow) -> SummaryRowOut:
    return SummaryRowOut(
        level=row.level, code=row.code, name=row.name, projects=row.projects,
        project_share=row.project_share, budget=row.budget, budget_share=row.budget_share,
        units=list(row.units),
    )  # fmt: skip


def _json(summary: PlanSummary) -> SummaryOut:
    return SummaryOut(
        plan_id=summary.plan.id, organisation=summary.plan.organisation,
        fiscal_year=summary.plan.fiscal_year, on=summary.on,
        rows=[_row(r) for r in summary.rows], total=_row(summary.total),
    )  # fmt: skip

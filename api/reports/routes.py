"""Reports of a plan: the summary by strategy (ผด.01), as JSON, a document or a workbook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import Reader, Reporter, ServicesDep
from api.freshness import read_your_writes
from api.routes.common import (
    AsAdopted,
    AsOf,
    MinPosition,
    On,
    Revision,
    edition,
    instant,
    plan_snapshot,
    run_command,
)
from api.schemas.commands import CommandIn, PlanCommandOut, Text
from api.services import Services
from api.web.reports.filing import file_monitoring
from api.web.reports.formats import MEDIA, Format, chosen, download
from api.web.reports.monitoring import monitoring_document, monitoring_workbook
from api.web.reports.monitoring_out import MonitoringOut, monitoring_out
from api.web.reports.pdf import to_pdf
from api.web.reports.plan_table import plan_table_workbook
from api.web.reports.summary import summary_document, summary_workbook
from domain.errors import NotFoundError, register_messages
from domain.periods import Period
from domain.plan_findings import FINDINGS_LIMIT
from projections.editions import edition_of
from projections.imprint import imprint
from projections.monitoring import monitoring_report
from projections.plan_draft import draft_of
from projections.plan_summary import PlanSummary, SummaryRow, plan_summary
from projections.queries import PlanSnapshot

router = APIRouter(prefix="/api/v1/plans", tags=["reports"])
PlanId = Annotated[UUID, Path(description="The plan's id")]
FormatQuery = Annotated[
    str | None,
    Query(alias="format", max_length=10, description="json, html, xlsx or pdf (else by Accept)"),
]


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """What every report read is asked: its format, day, instant and edition."""

    fmt: str | None
    on: date | None
    as_of: datetime | None
    edition: int | None
    min_position: int | None


def report_query(
    fmt: FormatQuery = None, on: On = None, as_of: AsOf = None, as_adopted: AsAdopted = False,
    revision: Revision = None, min_position: MinPosition = None,
) -> ReportQuery:  # fmt: skip
    return ReportQuery(fmt, on, instant(as_of), edition(as_adopted, revision), min_position)


Asked = Annotated[ReportQuery, Depends(report_query)]


def _read(
    svc: Services, plan_id: UUID, asked: ReportQuery
) -> tuple[PlanSnapshot, date, datetime | None]:
    """The plan as the report asks for it: now or as known at an instant, of an edition,
    and the business date to read it on."""
    read_your_writes(svc, asked.min_position)
    snapshot, day = plan_snapshot(svc, plan_id, asked.as_of, asked.on)
    return edition_of(snapshot, asked.edition), day, asked.as_of


def _answer(
    name: Format, filename: str, data: Callable[[], str], workbook: Callable[[], bytes],
    document: Callable[[], str],
) -> Response:  # fmt: skip
    """The report in the format asked: JSON, a workbook, a document or its PDF."""
    if name == "json":
        return download(data(), name, "")
    if name == "xlsx":
        return download(workbook(), name, filename)
    made = document()
    return download(to_pdf(made) if name == "pdf" else made, name, filename)


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
    plan_id: PlanId, svc: ServicesDep, who: Reader, request: Request, asked: Asked
) -> Response:
    """The plan summary by strategy (ผด.01): per strategy and guideline/แผนงาน, projects
    and their share, budget and its share, responsible units; on business date ``on``,
    as known at ``as_of``, of any edition."""
    name: Format = chosen(asked.fmt, request.headers.get("accept", ""))
    snapshot, day, moment = _read(svc, plan_id, asked)
    summary = plan_summary(snapshot, day)
    stamp = imprint(svc.runtime.reader, snapshot, day, moment)
    return _answer(
        name, f"pd01-{summary.plan.fiscal_year}-{day.isoformat()}",
        lambda: _json(summary).model_dump_json(), lambda: summary_workbook(summary, stamp),
        lambda: summary_document(summary, stamp),
    )  # fmt: skip


@router.get(
    "/{plan_id}/reports/monitoring",
    response_model=MonitoringOut,
    responses={200: {"content": {MEDIA["html"]: {}, MEDIA["xlsx"]: {}, MEDIA["pdf"]: {}}}},
)
def monitoring(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    request: Request,
    period: Annotated[Period, Query(description="q1, q2, q3, q4, half (Oct–Mar) or year")],
    asked: Asked,
) -> Response:
    """The monitoring report of a period: projects by status and money per strategy and
    for the plan, each project, late work with its reasons, the committee's findings.
    Cut-off: the period's last day, or ``on`` when earlier; as known at ``as_of``."""
    name: Format = chosen(asked.fmt, request.headers.get("accept", ""))
    snapshot, _, moment = _read(svc, plan_id, asked)
    report = monitoring_report(snapshot, period, asked.on)
    stamp = imprint(svc.runtime.reader, snapshot, report.on, moment)
    return _answer(
        name, f"monitoring-{report.plan.fiscal_year}-{period.value}-{report.on.isoformat()}",
        lambda: monitoring_out(report).model_dump_json(),
        lambda: monitoring_workbook(report, stamp), lambda: monitoring_document(report, stamp),
    )  # fmt: skip


@router.get(
    "/{plan_id}/reports/plan-table",
    responses={200: {"content": {MEDIA["xlsx"]: {}}}},
    response_class=Response,
)
def plan_table(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    request: Request,
    asked: Asked,
    actual: Annotated[bool, Query(description="Add a sheet of the actual work on `on`")] = False,
) -> Response:
    """The plan table in Excel, laid out as the plan came in (ผด.02: sections, projects,
    activities, steps, budget, area, unit, the BE years over the twelve months): the plan
    as it stands on ``on`` (or of an edition), as known at ``as_of``; importing it back
    gives the same plan."""
    name = chosen(asked.fmt, request.headers.get("accept", ""), ("xlsx",))
    snapshot, day, moment = _read(svc, plan_id, asked)
    stamp = imprint(svc.runtime.reader, snapshot, day, moment)
    beside = snapshot.versus_actual(day) if actual else None
    workbook = plan_table_workbook(draft_of(snapshot, day), stamp, beside)
    return download(workbook, name, f"pd02-{snapshot.plan.fiscal_year}-{day.isoformat()}")


class FindingsIn(CommandIn):
    period: Period
    findings: str = Field(max_length=FINDINGS_LIMIT)
    suggestions: str = Field("", max_length=FINDINGS_LIMIT)
    reason: Text | None = None


@router.post("/{plan_id}/reports/monitoring/findings", response_model=PlanCommandOut)
def record_findings(
    plan_id: PlanId, body: FindingsIn, svc: ServicesDep, who: Reporter, response: Response
) -> PlanCommandOut:
    """The monitoring committee's findings and suggestions for a period (managers);
    written again for the same period, they replace what the report shows (a reason
    is required; the earlier text stays in the log)."""
    return PlanCommandOut.of(
        run_command(
            svc, "findings", lambda: svc.runtime.tracker.record_findings(
                plan_id, body.period.value, findings=body.findings, suggestions=body.suggestions,
                reason=body.reason, actor=who.username, occurred_on=body.occurred_on,
            ), response,
        )
    )  # fmt: skip


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


class FilingIn(CommandIn):
    period: Period
    on: date | None = Field(None, description="An earlier cut-off than the period's end")


class FilingOut(BaseModel):
    number: int
    report: str
    period: str
    cut_off: date
    known_at: datetime
    data_digest: str
    files: dict[str, str]
    chain_position: int
    chain_link: str
    actor: str
    on: date
    position: int | None = None


@router.post("/{plan_id}/reports/monitoring/filings", response_model=FilingOut)
def file_monitoring_report(
    plan_id: PlanId, body: FilingIn, svc: ServicesDep, who: Reporter
) -> FilingOut:
    """File the monitoring report of a period as known now: its JSON, document, workbook
    and PDF are kept, and the filing (who, period, cut-off, instant, digests, chain link)
    is recorded; the same report as known at that instant always has the same digest."""
    with svc.metrics.counted("filing"):
        filed = file_monitoring(svc.runtime, plan_id, body.period, body.on, who.username)
    svc.runtime.projections.nudge()
    return FilingOut(
        number=filed.number, report="monitoring", period=body.period.value,
        cut_off=filed.cut_off, known_at=filed.known_at, data_digest=filed.data_digest,
        files=filed.files, chain_position=filed.chain_position, chain_link=filed.chain_link,
        actor=who.username, on=filed.on, position=filed.outcome.position,
    )  # fmt: skip


@router.get("/{plan_id}/reports/filings", response_model=list[FilingOut])
def filings(
    plan_id: PlanId, svc: ServicesDep, who: Reader, min_position: MinPosition = None
) -> list[FilingOut]:
    """Every report filed for the plan, in number order."""
    read_your_writes(svc, min_position)
    plan = svc.runtime.reader.snapshot(plan_id).plan
    return [FilingOut.model_validate(asdict(f)) for f in plan.filings]


@router.get(
    "/{plan_id}/reports/filings/{number}/{name}",
    response_class=Response,
    responses={200: {"content": {MEDIA[n]: {} for n in MEDIA}}},
)
def filed_file(
    plan_id: PlanId,
    number: Annotated[int, Path(ge=1, le=1_000_000)],
    name: Annotated[Format, Path(description="json, html, xlsx or pdf")],
    svc: ServicesDep,
    who: Reader,
) -> Response:
    """A filed report's file, exactly as filed."""
    plan = svc.runtime.reader.snapshot(plan_id).plan
    filing = next((f for f in plan.filings if f.number == number), None)
    digest = filing.files.get(name) if filing else None
    data = svc.runtime.files.get(digest) if digest else None
    if filing is None or data is None:
        raise NotFoundError("filing_not_found", number=number, format=name)
    filename = f"monitoring-{plan.fiscal_year}-{filing.period}-filing-{number}"
    return download(data, name, filename)


register_messages(
    {
        "filing_not_found": (
            "ไม่พบไฟล์ {format} ของรายงานที่ยื่นฉบับที่ {number}",
            "no {format} file of filing {number}",
        ),
    }
)

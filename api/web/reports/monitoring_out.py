"""The monitoring report as the API's JSON (amounts as decimal strings, dates ISO)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from projections.monitoring import Block, Count, Money, MonitoringReport


class CountOut(BaseModel):
    number: int
    percent: Decimal


class CountsOut(BaseModel):
    planned: int
    completed: CountOut
    in_progress: CountOut
    not_started: CountOut
    cancelled: CountOut
    added_by_revision: CountOut


class MoneyOut(BaseModel):
    planned: Decimal
    allocated: Decimal
    committed: Decimal
    disbursed: Decimal
    disbursed_in_period: Decimal
    remaining: Decimal
    disbursed_percent: Decimal


class BlockOut(BaseModel):
    code: str
    name: str
    counts: CountsOut
    money: MoneyOut


class ProjectLineOut(BaseModel):
    section: str
    code: str
    name: str
    status: str
    revision: int
    progress: int
    started_on: date | None
    completed_on: date | None
    money: MoneyOut
    source: str


class SourceOut(BaseModel):
    source: str
    """"" when no one has set the projects' source."""
    money: MoneyOut


class LateLineOut(BaseModel):
    section: str
    code: str
    name: str
    unit: str
    status: str
    days_late: int
    progress: int
    expected_progress: int
    reasons: list[str]


class OutputOut(BaseModel):
    section: str
    code: str
    name: str
    unit: str
    planned: Decimal
    delivered: Decimal
    percent: Decimal
    confirmed: bool


class FindingsOut(BaseModel):
    findings: str
    suggestions: str
    actor: str
    on: date


class MonitoringOut(BaseModel):
    plan_id: UUID
    organisation: str
    fiscal_year: int
    period: str
    start: date
    on: date
    strategies: list[BlockOut]
    total: BlockOut
    projects: list[ProjectLineOut]
    late: list[LateLineOut]
    sources: list[SourceOut]
    outputs: list[OutputOut]
    findings: FindingsOut | None


def _count(count: Count) -> CountOut:
    return CountOut(number=count.number, percent=count.percent)


def _money(money: Money) -> MoneyOut:
    return MoneyOut(
        planned=money.planned, allocated=money.allocated, committed=money.committed,
        disbursed=money.disbursed,
        disbursed_in_period=money.disbursed_in_period, remaining=money.remaining,
        disbursed_percent=money.disbursed_percent,
    )  # fmt: skip


def _block(block: Block) -> BlockOut:
    c = block.counts
    counts = CountsOut(
        planned=c.planned, completed=_count(c.completed), in_progress=_count(c.in_progress),
        not_started=_count(c.not_started), cancelled=_count(c.cancelled),
        added_by_revision=_count(c.added_by_revision),
    )  # fmt: skip
    return BlockOut(code=block.code, name=block.name, counts=counts, money=_money(block.money))


def monitoring_out(report: MonitoringReport) -> MonitoringOut:
    said = report.plan.findings_of(report.period.value)
    return MonitoringOut(
        plan_id=report.plan.id, organisation=report.plan.organisation,
        fiscal_year=report.plan.fiscal_year, period=report.period.value, start=report.start,
        on=report.on, strategies=[_block(b) for b in report.strategies],
        total=_block(report.total),
        projects=[
            ProjectLineOut(
                section=p.section, code=p.code, name=p.name, status=p.status.value,
                revision=p.revision, progress=p.progress, started_on=p.started_on,
                completed_on=p.completed_on, money=_money(p.money), source=p.source,
            )
            for p in report.projects
        ],
        late=[
            LateLineOut(
                section=r.section, code=r.code, name=r.name, unit=r.unit, status=r.status.value,
                days_late=r.days_late, progress=r.progress,
                expected_progress=r.expected_progress, reasons=list(r.reasons),
            )
            for r in report.late
        ],
        sources=[SourceOut(source=name, money=_money(m)) for name, m in report.sources],
        outputs=[
            OutputOut(
                section=o.section, code=o.code, name=o.name, unit=o.unit, planned=o.planned,
                delivered=o.delivered, percent=o.percent, confirmed=o.confirmed,
            )
            for o in report.outputs
        ],
        findings=(
            FindingsOut(findings=said.findings, suggestions=said.suggestions, actor=said.actor,
                        on=said.on) if said else None
        ),
    )  # fmt: skip

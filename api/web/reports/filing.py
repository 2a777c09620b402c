"""Filing a report: made as known at one instant, kept, and recorded with its digests.

The data digest is the SHA-256 of the report's canonical JSON (keys sorted, no
spaces): read again as known at the same instant, the report gives the same bytes, so
the same digest, whatever was recorded since. Each file (JSON, HTML, XLSX and, where
WeasyPrint runs, PDF) is kept by its digest; the filing event names them all, so a
file in hand can be told to be the one filed (:func:`filing_of`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from api.runtime import Runtime
from api.web.reports.monitoring import monitoring_document, monitoring_workbook
from api.web.reports.monitoring_out import monitoring_out
from api.web.reports.pdf import pdf_available, to_pdf
from application.outcome import Outcome
from domain.clock import BANGKOK
from domain.periods import Period
from projections.facts import FilingFact, PlanFacts
from projections.imprint import imprint
from projections.monitoring import MonitoringReport, monitoring_report


@dataclass(frozen=True, slots=True)
class Filed:
    number: int
    cut_off: date
    on: date
    """The business date of the filing."""
    known_at: datetime
    data_digest: str
    files: dict[str, str]
    chain_position: int
    chain_link: str
    outcome: Outcome


def report_data(report: MonitoringReport) -> bytes:
    """The report's canonical JSON: what its data digest is taken over."""
    data = monitoring_out(report).model_dump(mode="json")
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def data_digest(report: MonitoringReport) -> str:
    return hashlib.sha256(report_data(report)).hexdigest()


def monitoring_as_known(
    runtime: Runtime, plan_id: UUID, period: Period, on: date | None, known_at: datetime
) -> MonitoringReport:
    """The monitoring report as the log stood at ``known_at`` (folded from the events)."""
    snapshot = runtime.reader.snapshot_as_of(plan_id, known_at)
    return monitoring_report(snapshot, period, on)


def file_monitoring(
    runtime: Runtime, plan_id: UUID, period: Period, on: date | None, actor: str
) -> Filed:
    """File the monitoring report of ``period`` as known now: make, keep and record it."""
    runtime.projections.catch_up()  # the chain link at this instant must be in the views
    known_at = runtime.tracker.clock.now()
    snapshot = runtime.reader.snapshot_as_of(plan_id, known_at)
    report = monitoring_report(snapshot, period, on)
    stamp = imprint(runtime.reader, snapshot, report.on, known_at)
    document = monitoring_document(report, stamp)
    made = {
        "json": report_data(report),
        "html": document.encode(),
        "xlsx": monitoring_workbook(report, stamp),
    }
    if pdf_available():
        made["pdf"] = to_pdf(document)
    digests = {name: runtime.files.put(data) for name, data in made.items()}
    outcome = runtime.tracker.file_report(
        plan_id, "monitoring", period.value, cut_off=report.on, known_at=known_at,
        data_digest=digests["json"], files=digests, chain_position=stamp.chain_position,
        chain_link=stamp.chain_link, actor=actor,
    )  # fmt: skip
    number = runtime.tracker.get_plan(plan_id).filings
    return Filed(number, report.on, known_at.astimezone(BANGKOK).date(), known_at,
                 digests["json"], digests, stamp.chain_position, stamp.chain_link,
                 outcome)  # fmt: skip


def filing_of(plans: list[PlanFacts], data: bytes) -> tuple[PlanFacts, FilingFact, str] | None:
    """The plan, filing and format a file in hand was filed as, if it was."""
    digest = hashlib.sha256(data).hexdigest()
    for plan in plans:
        for filing in plan.filings:
            for name, filed in filing.files.items():
                if filed == digest:
                    return plan, filing, name
    return None

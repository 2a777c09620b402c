"""A report filed: what the municipality handed to the executive and the council.

Filing records who filed which report, for which period and cut-off, as known at which
instant, the digest of its data and of each file, and the log's chain link at that
instant. The same report read again as known at that instant has the same data digest,
whatever was recorded since; a file in hand is the one filed when its digest is one a
filing names. Filings are numbered 1, 2, … within the plan; a round may be filed again
(a corrected report), each filing keeping its own number.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Protocol

from domain.calendar import FiscalYear
from domain.errors import RuleViolation, register_messages
from domain.periods import Period, period_bounds
from domain.recorded import Byline, Recorded, check_business_date, trigger

REPORTS = ("monitoring",)
FORMATS = ("json", "html", "xlsx", "pdf")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


class ReportFiled(Recorded):
    """A report was filed (see the module docstring)."""

    TOPIC = "tidtam.ReportFiled"
    number: int
    report: str
    period: str
    cut_off: date
    known_at: datetime
    data_digest: str
    files: dict[str, str]
    chain_position: int
    chain_link: str

    def apply(self, plan: Files) -> None:
        plan.filings = self.number


class Files(Protocol):
    fiscal_year: FiscalYear
    filings: int
    """How many filings the plan has: the next is numbered one more. What was filed is
    read from the events (``projections.facts.FilingFact``)."""


def file_report(
    plan: Files,
    report: str,
    period: str,
    *,
    cut_off: date,
    known_at: datetime,
    data_digest: str,
    files: dict[str, str],
    chain_position: int,
    chain_link: str,
    by: Byline,
) -> int:
    """Record the filing; its number."""
    if report not in REPORTS:
        raise RuleViolation("report_unknown", field="report", report=report, known=list(REPORTS))
    try:
        chosen = Period(period)
    except ValueError:
        raise RuleViolation(
            "period_unknown", field="period", period=period, known=[p.value for p in Period]
        ) from None
    start, end = period_bounds(plan.fiscal_year, chosen)
    if not start <= cut_off <= end:
        raise RuleViolation("cut_off_outside_period", field="on", cut_off=cut_off, start=start,
                            end=end)  # fmt: skip
    if known_at > by.recorded_at:
        raise RuleViolation("filing_known_later", field="known_at", known_at=known_at)
    digests = [data_digest, *files.values()]
    if set(files) - set(FORMATS) or not all(_DIGEST.match(d) for d in digests):
        raise RuleViolation("filing_digest", field="files")
    check_business_date(by, plan.fiscal_year)
    number = plan.filings + 1
    fields = {
        "number": number, "report": report, "period": chosen.value, "cut_off": cut_off,
        "known_at": known_at, "data_digest": data_digest, "files": dict(files),
        "chain_position": chain_position, "chain_link": chain_link,
    }  # fmt: skip
    trigger(plan, ReportFiled, by, **fields)  # type: ignore[arg-type]
    return number


register_messages(
    {
        "report_unknown": (
            "ไม่มีรายงาน '{report}' ที่ยื่นได้ (มี: {known})",
            "no report '{report}' to file (known: {known})",
        ),
        "cut_off_outside_period": (
            "วันตัดข้อมูล {cut_off} อยู่นอกรอบรายงาน ({start} ถึง {end})",
            "the cut-off {cut_off} lies outside the period ({start} to {end})",
        ),
        "filing_known_later": (
            "ยื่นรายงานตามข้อมูล ณ {known_at} ซึ่งยังมาไม่ถึงไม่ได้",
            "a report cannot be filed as known at {known_at}, which has not come yet",
        ),
        "filing_digest": (
            "ค่าตรวจสอบ (SHA-256) ของรายงานที่ยื่นไม่ถูกต้อง",
            "the filing's SHA-256 digests are not valid",
        ),
    }
)

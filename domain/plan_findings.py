"""The monitoring committee's findings and suggestions for a period of the plan.

The committee writes them in Tidtam so the report carries them with who wrote them and
when; they are events of the plan's stream like any other. Writing them again for the
same period replaces what the report shows, says why, and keeps the earlier text in
the log: a filed report keeps reading what was known when it was filed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from domain.calendar import FiscalYear
from domain.errors import RuleViolation, register_messages
from domain.periods import PERIOD_WORDS, Period, period_bounds
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.words import Words

FINDINGS_LIMIT = 20_000
"""Characters of findings, and of suggestions: pages of a report, not a book."""


@dataclass(frozen=True, slots=True)
class Findings:
    period: Period
    findings: str
    suggestions: str
    actor: str
    on: date


class FindingsRecorded(Recorded):
    """The committee's findings and suggestions for a period (a later one replaces it)."""

    TOPIC = "tidtam.FindingsRecorded"
    period: str
    findings: str
    suggestions: str
    reason: str
    """Empty the first time; why, when it replaces what was written before."""

    def apply(self, plan: HasFindings) -> None:
        period = Period(self.period)
        plan.findings[period] = Findings(
            period, self.findings, self.suggestions, self.actor, self.occurred_on
        )


class HasFindings(Protocol):
    fiscal_year: FiscalYear
    findings: dict[Period, Findings]


def record_findings(
    plan: HasFindings,
    period: str,
    *,
    findings: str,
    suggestions: str,
    reason: str | None,
    by: Byline,
) -> None:
    """Write the committee's findings for ``period``: after the period began, with some
    findings; replacing earlier ones needs a reason and a change."""
    try:
        chosen = Period(period)
    except ValueError:
        raise RuleViolation(
            "period_unknown", field="period", period=period, known=[p.value for p in Period]
        ) from None
    wrote = Words("ผลการติดตาม", "findings")
    text = _paragraphs(require_text(findings, what=wrote, field="findings"))
    advice = _paragraphs(suggestions or "")
    for field, value in (("findings", text), ("suggestions", advice)):
        if len(value) > FINDINGS_LIMIT:
            raise RuleViolation("text_too_long", field=field, limit=FINDINGS_LIMIT)
    check_business_date(by, plan.fiscal_year)
    start, _ = period_bounds(plan.fiscal_year, chosen)
    if by.occurred_on < start:
        raise RuleViolation(
            "findings_before_period", field="occurred_on", period=PERIOD_WORDS[chosen], start=start
        )
    earlier = plan.findings.get(chosen)
    why = ""
    if earlier is not None:
        if (earlier.findings, earlier.suggestions) == (text, advice):
            raise RuleViolation(
                "no_change", field="findings", what=Words("ผลการติดตาม", "the findings"),
                value=PERIOD_WORDS[chosen],
            )  # fmt: skip
        replacing = Words("การแก้ไขผลการติดตาม", "replacing findings")
        why = require_text(reason, what=replacing, field="reason")
    fields = {"period": chosen.value, "findings": text, "suggestions": advice, "reason": why}
    trigger(plan, FindingsRecorded, by, **fields)  # type: ignore[arg-type]


def _paragraphs(text: str) -> str:
    """The text as written, paragraphs kept: NFC, each line trimmed, blank runs folded."""
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


register_messages(
    {
        "period_unknown": (
            "ไม่รู้จักรอบ '{period}' (ใช้ได้: {known})",
            "no period '{period}' (known: {known})",
        ),
        "findings_before_period": (
            "บันทึกผลการติดตาม{period}ได้ตั้งแต่ {start} เป็นต้นไป",
            "findings for the {period} can be recorded from {start} on",
        ),
        "text_too_long": (
            "ข้อความยาวเกิน {limit} ตัวอักษร",
            "the text is longer than {limit} characters",
        ),
    }
)

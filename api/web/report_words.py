"""Sentences the reports' pages and documents share, composed from the page texts."""

from __future__ import annotations

from decimal import Decimal

from api.web import i18n
from domain.periods import PERIOD_WORDS
from projections.monitoring import MonitoringReport


def monitoring_subtitle(report: MonitoringReport, lang: str) -> str:
    """``รอบ 6 เดือน (ต.ค.–มี.ค.) ปีงบประมาณ พ.ศ. 2552 (ข้อมูลตั้งแต่ … ถึง …)``."""
    return i18n.text(
        "monitoring.subtitle", lang, period=PERIOD_WORDS[report.period].in_(lang),
        year=report.plan.fiscal_year, start=i18n.day(report.start, lang),
        end=i18n.day(report.on, lang),
    )  # fmt: skip


def quantity(value: Decimal) -> str:
    """``3``, ``1.5``, ``1,200``: a count of outputs as people write it."""
    whole = value == value.to_integral_value()
    return f"{value:,.0f}" if whole else f"{value.normalize():,f}"

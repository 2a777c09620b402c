"""The monitoring report as a document and as a workbook."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from api.spreadsheet import safe_row
from api.web import i18n
from api.web.report_words import monitoring_subtitle
from api.web.reports.documents import document
from api.web.reports.summary import FONT, imprint_lines
from projections.imprint import Imprint
from projections.monitoring import Block, Money, MonitoringReport

Say = Callable[..., str]
"""A page text in the report's language: ``t("monitoring.title")``."""
_COUNTS = ("completed", "in_progress", "not_started", "cancelled", "added")
_MONEY = (
    "money_planned", "money_allocated", "committed", "disbursed", "disbursed_in_period",
    "remaining", "disbursed_percent",
)  # fmt: skip


def monitoring_document(report: MonitoringReport, imprint: Imprint, lang: str = "th") -> str:
    return document(
        "reports/_monitoring_body.html", imprint, form="",
        title="monitoring.title", subtitle=monitoring_subtitle(report, lang), lang=lang,
        orientation="landscape", report=report, i18n=i18n,
    )  # fmt: skip


def monitoring_workbook(report: MonitoringReport, imprint: Imprint, lang: str = "th") -> bytes:
    """Five sheets: the figures per strategy, each project, late work, outputs, findings."""

    def t(key: str, **values: object) -> str:
        return i18n.text(key, lang, **values)

    book = Workbook()
    figures = book.active
    assert isinstance(figures, Worksheet)
    figures.title = "สรุป" if lang == "th" else "Summary"
    heading = [t("monitoring.title"), report.plan.organisation, monitoring_subtitle(report, lang)]
    _rows(figures, ([line] for line in heading))
    _rows(figures, [[], [t("monitoring.strategy"), t("monitoring.planned"), *_pairs(t)]])
    _rows(figures, (_count_row(b) for b in (*report.strategies, _total(report, t))))
    _rows(figures, [[], [t("monitoring.strategy"), *(t(f"monitoring.{k}") for k in _MONEY)]])
    _rows(
        figures, (_money_row(_label(b), b.money) for b in (*report.strategies, _total(report, t)))
    )
    _rows(figures, [[], [t("monitoring.source"), *(t(f"monitoring.{k}") for k in _MONEY)]])
    unset = t("monitoring.source_unset")
    _rows(figures, (_money_row(s or unset, m) for s, m in report.sources))
    lines: list[list[object]] = [[line] for line in imprint_lines(imprint, lang)]
    _rows(figures, [[], *lines])
    _detail_sheets(book, report, t, lang)
    _findings_sheet(book.create_sheet("ข้อเสนอแนะ" if lang == "th" else "Findings"), report, t,
                    lang)  # fmt: skip
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.font = Font(name=FONT, size=14)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    book.properties.creator = "Tidtam"
    book.properties.created = book.properties.modified = imprint.known_at.replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _detail_sheets(book: Workbook, report: MonitoringReport, t: Say, lang: str) -> None:
    """Each project, the late work, and the outputs, a sheet each."""
    projects = book.create_sheet("โครงการ" if lang == "th" else "Projects")
    heads = ("code", "project", "status", "progress", "started", "finished", "budget", "spent")
    _rows(projects, [[t(f"monitoring.{k}") for k in heads]])
    _rows(projects, (
        [p.code, p.name, t(f"project_status.{p.status.value}"), p.progress, p.started_on,
         p.completed_on, p.money.allocated, p.money.disbursed]
        for p in report.projects
    ))  # fmt: skip

    late = book.create_sheet("ล่าช้า" if lang == "th" else "Late")
    keys = ("activity", "unit", "status", "days_late", "expected", "reasons")
    _rows(late, [[t(f"monitoring.{k}") for k in keys]])
    _rows(late, (
        [f"{r.code} {r.name}", r.unit, i18n.status_name(r.status.value, lang), r.days_late,
         f"{r.progress}/{r.expected_progress}", "; ".join(r.reasons)]
        for r in report.late
    ))  # fmt: skip

    outputs = book.create_sheet("ผลผลิต" if lang == "th" else "Outputs")
    output_heads = ("activity", "output_planned", "output_delivered", "percent")
    head: list[object] = [t(f"monitoring.{k}") for k in output_heads]
    _rows(outputs, [[*head, t("monitoring.unit"), ""]])
    _rows(outputs, (
        [f"{o.code} {o.name}", o.planned, o.delivered, o.percent, o.unit,
         "" if o.confirmed else t("monitoring.output_proposed")]
        for o in report.outputs
    ))  # fmt: skip


def _findings_sheet(findings: Worksheet, report: MonitoringReport, t: Say, lang: str) -> None:
    """The committee's findings and suggestions for the period, and who wrote them."""
    said = report.plan.findings_of(report.period.value)
    if said is None:
        _rows(findings, [[t("monitoring.no_findings")]])
    else:
        by = t("monitoring.findings_by", actor=said.actor, day=i18n.day(said.on, lang))
        _rows(findings, [[t("monitoring.findings")], [said.findings], [t("monitoring.suggestions")],
                         [said.suggestions], [by]])  # fmt: skip


def _pairs(t: Say) -> list[str]:
    units = ("count", "percent")
    return [f"{t(f'monitoring.{k}')} {t(f'monitoring.{u}')}" for k in _COUNTS for u in units]


def _total(report: MonitoringReport, t: Say) -> Block:
    return Block(t("summary.total"), "", report.total.counts, report.total.money)


def _label(block: Block) -> str:
    return f"{block.code} {block.name}".strip()


def _count_row(block: Block) -> list[object]:
    c = block.counts
    row: list[object] = [_label(block), c.planned]
    for item in (c.completed, c.in_progress, c.not_started, c.cancelled, c.added_by_revision):
        row += [item.number, item.percent]
    return row


def _money_row(label: str, m: Money) -> list[object]:
    return [label, m.planned, m.allocated, m.committed, m.disbursed, m.disbursed_in_period,
            m.remaining, m.disbursed_percent]  # fmt: skip


def _rows(sheet: Worksheet, rows: Iterable[list[object]]) -> None:
    for row in rows:
        sheet.append(safe_row(row))

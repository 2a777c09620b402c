"""The plan summary by strategy (ผด.01) as a document and as a workbook."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from api.spreadsheet import safe_row
from api.web import i18n
from api.web.reports.documents import document
from projections.imprint import Imprint
from projections.plan_summary import PlanSummary, SummaryRow

FONT = "TH Sarabun New"
"""The government's document font; Excel falls back where a machine lacks it."""
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADINGS = (
    "summary.strategy",
    "summary.projects",
    "summary.project_share",
    "summary.budget",
    "summary.budget_share",
    "summary.units",
)


def summary_document(summary: PlanSummary, imprint: Imprint, lang: str = "th") -> str:
    return document(
        "reports/_summary_table.html",
        imprint,
        form="summary.form",
        title="summary.title",
        subtitle=i18n.text("summary.subtitle", lang, year=summary.plan.fiscal_year),
        lang=lang,
        summary=summary,
    )


def summary_workbook(summary: PlanSummary, imprint: Imprint, lang: str = "th") -> bytes:
    """One sheet laid out as the printed form: its name, title, the table, the imprint."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has its one sheet
    sheet.title = "ผด.01"

    def t(key: str, **values: object) -> str:
        return i18n.text(key, lang, **values)

    sheet.append(["", "", "", "", "", t("summary.form")])
    sheet.append([t("summary.title")])
    sheet.append([t("summary.subtitle", year=summary.plan.fiscal_year)])
    sheet.append([summary.plan.organisation])
    sheet.append([t("report.cut_off", day=i18n.day(summary.on, lang))])
    sheet.append([t(key) for key in _HEADINGS])
    header = sheet.max_row
    for row in summary.rows:
        sheet.append(_cells(row, row.level == "section"))
    sheet.append(_cells(summary.total, False, label=t("summary.total")))
    last = sheet.max_row
    sheet.append([])
    for line in imprint_lines(imprint, lang):
        sheet.append(safe_row([line]))
    _style(sheet, header, last)
    book.properties.creator = "Tidtam"
    book.properties.created = book.properties.modified = imprint.known_at.replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cells(row: SummaryRow, indent: bool, label: str = "") -> list[object]:
    name = label or f"{row.code} {row.name}".strip()
    return safe_row(
        [
            ("    " if indent else "") + name,
            row.projects,
            row.project_share,
            Decimal(row.budget),
            row.budget_share,
            ", ".join(row.units),
        ]
    )


def imprint_lines(imprint: Imprint, lang: str) -> list[str]:
    known = i18n.text("report.known_at", lang, instant=i18n.instant(imprint.known_at, lang))
    if imprint.chain_position < 0:
        chain = i18n.text("report.chain_unknown", lang)
    else:
        chain = i18n.text(
            "report.chain", lang, position=imprint.chain_position, link=imprint.chain_link
        )
    return [line for line in (imprint.edition, known, chain) if line]


def _style(sheet: Worksheet, header: int, last: int) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = Font(name=FONT, size=14, bold=cell.row in (2, header, last))
    for row in sheet.iter_rows(min_row=header, max_row=last):
        for cell in row:
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column in (1, 6))
    for row in sheet.iter_rows(min_row=header + 1, max_row=last, min_col=2, max_col=5):
        for cell in row:
            cell.number_format = "#,##0" if cell.column == 2 else "#,##0.00"
    for letter, width in zip("ABCDEF", (48, 12, 14, 18, 14, 36), strict=True):
        sheet.column_dimensions[letter].width = width

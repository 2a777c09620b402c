"""A plan laid out as the municipal table (the ผด.02 layout), as rows of cell text.

The inverse of the reader: a title line, the header with its BE year cells, the month
row, then each section's headings (every level of its path), its projects numbered from
1 (a project tracked as its one activity on the project's own row; otherwise activity
rows ``p.k …``), numbered steps on continuation rows with their own month marks, and a
total closing each section and the plan; where any project has a funding source, a last
column (after the months) gives it on the project's row. Reading the rows back gives the same plan,
exactly (tests hold it to that over generated plans); so the XLSX Tidtam hands out can
be edited and imported again as a revision.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from domain.calendar import THAI_MONTH_ABBREVIATIONS, FiscalYear, Month, be_year
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft, SectionDraft
from domain.money import format_baht

Rows = list[list[str]]
MARK = "↔"
KNOWN_COLUMNS = (
    "ลำดับที่",
    "โครงการ/กิจกรรม",
    "รายละเอียดของกิจกรรม (ผลผลิต)",
    "งบประมาณ",
    "พื้นที่",
    "หน่วยดำเนินการ",
)
WIDTH = len(KNOWN_COLUMNS) + 12
FIRST_MONTH = len(KNOWN_COLUMNS)
"""The column (0-based) of ต.ค.; the twelve fiscal months follow it."""
SOURCE_HEADING = "แหล่งงบประมาณ"
"""The optional column after the months, written only when some project has a source."""


def title_line(fiscal_year: FiscalYear) -> str:
    return f"แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. {fiscal_year.be}"


def header_rows(fiscal_year: FiscalYear, *, sourced: bool = False) -> Rows:
    """The header (headings, and the BE year over ต.ค. and over ม.ค.) and the month row."""
    months = fiscal_year.months
    header = [*KNOWN_COLUMNS] + [""] * 12 + ([SOURCE_HEADING] if sourced else [])
    header[FIRST_MONTH] = f"พ.ศ.{be_year(months[0].year)}"
    header[FIRST_MONTH + 3] = f"พ.ศ.{be_year(months[3].year)}"
    month_row = [""] * FIRST_MONTH + [THAI_MONTH_ABBREVIATIONS[m.month - 1] for m in months]
    return [header, month_row]


def table_width(plan: PlanDraft) -> int:
    """How many columns the plan's table has: the source column only when it says something."""
    return WIDTH + 1 if any(p.funding_source for p in plan.projects) else WIDTH


def table_rows(plan: PlanDraft, *, page_every: int = 0, totals: bool = True) -> Rows:
    """The plan as its table; every ``page_every`` projects a page break repeats the
    header and the section's headings, as a printed plan does."""
    year = plan.fiscal_year
    width = table_width(plan)
    sourced = width > WIDTH
    rows: Rows = [[title_line(year)], *header_rows(year, sourced=sourced)]
    written, page = 0, 1
    for section in plan.sections:
        rows += [[line] for line in heading_lines(section)]
        if section.objective:
            rows.append([f"วัตถุประสงค์ {section.objective}"])
        for project in section.projects:
            if page_every and written and written % page_every == 0:
                page += 1
                rows += [[f"- {page} -"], *header_rows(year, sourced=sourced)]
                rows += [[line] for line in heading_lines(section)]
            own = project_rows(project, year)
            if sourced:
                own[0].append(project.funding_source)
            rows += own
            written += 1
        if totals:
            budget = sum((p.budget for p in section.projects), Decimal("0.00"))
            rows.append(_row(year, "", f"รวม {len(section.projects)} โครงการ", "", _baht(budget)))
    if totals:
        count = f"รวมทั้งสิ้น {len(plan.projects)} โครงการ"
        rows.append(_row(year, "", count, "", _baht(plan.total_budget)))
    return [cells + [""] * (width - len(cells)) for cells in rows]


def heading_lines(section: SectionDraft) -> list[str]:
    """Each level of the section's path as its heading line (a แผนงาน is its own name)."""
    return [
        level.code if level.code.startswith("แผนงาน") else f"{level.code} {level.name}".strip()
        for level in section.strategy
    ]


def project_rows(project: ProjectDraft, year: FiscalYear) -> Rows:
    (first, *_) = project.activities
    if first.code == project.code:  # a project tracked as its one activity
        rows = [
            _row(year, project.code, project.name, first.details, _baht(project.budget),
                 first.area, first.unit, _own_months(first))
        ]  # fmt: skip
        return rows + _step_rows(first, year)
    rows = [_row(year, project.code, project.name, "", _baht(project.budget), first.area,
                 first.unit)]  # fmt: skip
    for activity in project.activities:
        rows.append(
            _row(year, "", f"{activity.code} {activity.name}", activity.details,
                 _baht(activity.budget), activity.area, activity.unit, _own_months(activity))
        )  # fmt: skip
        rows += _step_rows(activity, year)
    return rows


def _step_rows(activity: ActivityDraft, year: FiscalYear) -> Rows:
    return [
        _row(year, "", "", f"{s.number}.{s.text}", months=s.planned_months) for s in activity.steps
    ]


def _own_months(activity: ActivityDraft) -> tuple[Month, ...]:
    """The months to mark on the activity's own row: those no step holds, or the first."""
    stepped = {m for step in activity.steps for m in step.planned_months}
    own = tuple(m for m in activity.planned_months if m not in stepped)
    return own or activity.planned_months[:1]


def _baht(amount: Decimal) -> str:
    return "-" if amount == 0 else format_baht(amount)


def _row(year: FiscalYear, number: str, name: str, details: str = "", budget: str = "",
         area: str = "", unit: str = "", months: Sequence[Month] = ()) -> list[str]:  # fmt: skip
    cells = [""] * 12
    for month in months:
        cells[year.index(month)] = MARK
    return [number, name, details, budget, area, unit, *cells]

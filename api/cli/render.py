"""The plan grid and plan versus actual, drawn in the terminal.

Both are drawn from models built in ``projections`` (:mod:`projections.plan_grid`,
:func:`projections.assess.plan_versus_actual`); nothing here computes a figure,
so the terminal shows what the pages show. Columns follow the municipal form:
ที่, โครงการ/กิจกรรม, งบประมาณ, พื้นที่, หน่วยดำเนินการ, then the twelve fiscal
months with Buddhist-era years; planned cells carry ↔ as in the original, in green
once work was recorded that month (a step: once it was done), • for work outside
the planned months.
"""

from __future__ import annotations

from decimal import Decimal

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from domain.calendar import THAI_MONTH_ABBREVIATIONS, Month, be_year, thai_date
from domain.money import format_baht
from domain.words import STATUSES, Words
from projections.assess import PlanVersusActual
from projections.edition_compare import EditionComparisonOut
from projections.editions import edition_words
from projections.plan_grid import ActivityRow, Cell, PlanGrid, ProjectRow, Row, SectionRow, StepRow

STATUS_STYLE = {
    "late_start": "yellow",
    "behind": "yellow",
    "overdue": "bold red",
    "completed_on_time": "green",
    "completed_late": "dark_orange",
    "cancelled": "dim strike",
    "completed": "green",
}
"""Terminal colours of lifecycles and schedule statuses (their words: ``STATUSES``)."""

_GLYPHS = {
    "both": ("↔", "bold green"),
    "planned": ("↔", ""),
    "worked": ("•", "yellow"),
    "none": ("", ""),
}
"""Each state of a month cell as the terminal marks it (the legend says what they mean)."""

_NO_MONTHS = ("",) * 12


def month_header(month: Month) -> str:
    return f"{THAI_MONTH_ABBREVIATIONS[month.month - 1]}\n{be_year(month.year) % 100:02d}"


def plan_grid_table(grid: PlanGrid, *, banner: str = "") -> Group:
    """The grid under its heading (organisation, year, strategy path), with a legend."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False, expand=False)
    table.add_column("ที่", no_wrap=True)
    table.add_column("โครงการ/กิจกรรม · พื้นที่ · หน่วยดำเนินการ", min_width=36, overflow="fold")
    table.add_column("งบประมาณ", justify="right", no_wrap=True)
    table.add_column("ใช้ไป", justify="right", no_wrap=True)
    for month in grid.fiscal_year.months:
        table.add_column(month_header(month), justify="center", no_wrap=True)
    table.add_column("สถานะ", min_width=10)
    for row in grid.rows:
        table.add_row(*_row(row))
    table.add_row("", Text("รวม", style="bold"), Text(format_baht(grid.budget), style="bold"),
                  format_baht(grid.spent), *_NO_MONTHS, "")  # fmt: skip
    return Group(_heading(grid, banner), table, _legend())


def _heading(grid: PlanGrid, banner: str) -> Text:
    title = Text()
    if banner:
        title.append(banner + "\n", style="bold reverse")
    title.append(f"{grid.plan.organisation} · {grid.fiscal_year.thai()}\n", style="bold")
    sections = grid.plan.sections_on(grid.on)
    if len(sections) == 1:  # several sections are headed in the grid itself
        for code, name in sections[0].strategy:
            title.append(f"{code} {name}\n")
    title.append(f"ข้อมูล ณ วันที่ {thai_date(grid.on)}", style="dim")
    return title


def _legend() -> Text:
    legend = Text("↔ วางแผนไว้   ", style="dim")
    legend.append("↔", style="bold green")
    legend.append(" วางแผนและมีการดำเนินงาน   ", style="dim")
    legend.append("•", style="yellow")
    legend.append(" ดำเนินงานนอกแผน", style="dim")
    return legend


def _row(row: Row) -> list[Text | str]:
    match row:
        case SectionRow():
            heading = Text(" › ".join(f"{code} {name}" for code, name in row.section.strategy))
            heading.stylize("bold reverse")
            return [
                "",
                heading,
                Text(format_baht(row.rollup.allocated), style="bold"),
                format_baht(row.rollup.spent),
                *_NO_MONTHS,
                "",
            ]
        case ProjectRow():
            return [
                Text(row.code, style="bold"),
                Text(row.name, style="bold"),
                _budget(row.budget, row.original_budget, style="bold"),
                format_baht(row.rollup.spent),
                *_NO_MONTHS,
                "",
            ]
        case ActivityRow():
            return _activity(row)
        case StepRow():
            done = row.done_on is not None
            return [
                "",
                Text(f"  {row.details}", style="green" if done else "dim"),
                "",
                "",
                *(_cell(c) for c in row.cells),
                Text("✓ เสร็จ" if done else "", style="green"),
            ]


def _activity(row: ActivityRow) -> list[Text | str]:
    a, style = row.assessment, "bold" if row.is_project else ""
    name = Text(a.name, style=style)
    name.append(f"\n{a.area} · {a.unit}", style="dim")
    return [
        Text(a.code, style=style),
        name,
        _budget(a.allocated, a.original_budget),
        format_baht(a.spent),
        *(_cell(c) for c in row.cells),
        Text(f"{STATUSES[a.lifecycle].th} {a.progress}%", style=STATUS_STYLE.get(a.lifecycle, "")),
    ]


def _budget(budget: Decimal, original: Decimal, *, style: str = "") -> Text:
    """The budget on the date, and the original one beneath it once it was revised."""
    text = Text(format_baht(budget), style=style)
    if original != budget:
        text.append(f"\n(เดิม {format_baht(original)})")
    return text


def _cell(cell: Cell) -> Text:
    return Text(*_GLYPHS[cell.state])


def plan_vs_actual_table(report: PlanVersusActual) -> Table:
    """Every activity's status, progress against expected, days late and money, then
    the whole plan's roll-up, as :func:`~projections.assess.plan_versus_actual` made them."""
    table = Table(box=box.SIMPLE_HEAD, title=f"แผนเทียบผล ณ วันที่ {thai_date(report.on)}")
    for header, justify in (
        ("กิจกรรม", "left"),
        ("สถานะ", "left"),
        ("ผล/แผน %", "right"),
        ("ช้า (วัน)", "right"),
        ("จัดสรร", "right"),
        ("ใช้ไป", "right"),
        ("เบิกจ่าย %", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for r in report.rows:
        table.add_row(
            f"{r.code} {r.name}",
            Text(STATUSES[r.status].th, style=STATUS_STYLE.get(r.status.value, "")),
            f"{r.progress}/{r.expected_progress}",
            str(r.days_late or ""),
            format_baht(r.allocated),
            format_baht(r.spent),
            str(r.disbursed_percent),
        )
    t = report.total
    table.add_row(
        Text("รวมทั้งแผน", style="bold"), "", f"{t.progress}/{t.expected_progress}", "",
        format_baht(t.allocated), format_baht(t.spent), str(t.disbursed_percent),
    )  # fmt: skip
    return table


_DIFFERENCES = {
    "added": Words("เพิ่ม", "added"),
    "withdrawn": Words("ถอนออก", "withdrawn"),
    "budget": Words("งบประมาณ", "budget"),
    "months": Words("เดือน", "months"),
}


def editions_table(result: EditionComparisonOut) -> Table:
    """Two editions of the plan, activity by activity, beside the actual as it stands."""
    first, second = edition_words(result.from_).th, edition_words(result.to).th
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"{first} เทียบกับ {second} · ผล ณ วันที่ {thai_date(result.on)}",
    )
    for header, justify in (
        ("กิจกรรม", "left"),
        ("ต่างกัน", "left"),
        (f"เดือน ({first})", "left"),
        (f"เดือน ({second})", "left"),
        (f"งบ ({first})", "right"),
        (f"งบ ({second})", "right"),
        ("สถานะ", "left"),
        ("ผล %", "right"),
        ("ใช้ไป", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for row in result.rows:
        sides = [row.before, row.after]
        table.add_row(
            f"{row.code} {row.name}",
            ", ".join(_DIFFERENCES[d].th for d in row.differences),
            *(_thai_months(side.months) if side else "-" for side in sides),
            *(format_baht(Decimal(side.budget)) if side else "-" for side in sides),
            STATUSES[row.lifecycle].th,
            str(row.progress),
            format_baht(Decimal(row.spent)),
        )
    table.add_row(
        Text("รวมทั้งแผน", style="bold"), "", "", "",
        format_baht(Decimal(result.budget_before)), format_baht(Decimal(result.budget_after)),
        "", "", format_baht(Decimal(result.spent)),
    )  # fmt: skip
    return table


def _thai_months(isos: list[str]) -> str:
    return " ".join(Month.from_iso(m).thai() for m in isos) or "-"

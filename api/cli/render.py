"""The plan as the source table's grid, in the terminal.

Columns follow the municipal form: ที่, โครงการ/กิจกรรม, งบประมาณ, พื้นที่,
หน่วยดำเนินการ, then the twelve fiscal months with Buddhist-era years; planned
cells carry ↔ as in the original, in green once work was recorded that month.
"""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from domain.calendar import THAI_MONTH_ABBREVIATIONS, FiscalYear, Month, be_year, thai_date
from domain.money import ZERO, format_baht
from domain.words import STATUSES
from projections.assess import PlanVersusActual, code_key
from projections.facts import ActivityFacts
from projections.queries import PlanSnapshot

STATUS_STYLE = {
    "late_start": "yellow",
    "behind": "yellow",
    "overdue": "bold red",
    "completed_on_time": "green",
    "completed_late": "dark_orange",
    "cancelled": "dim strike",
    "completed": "green",
}


def month_header(month: Month) -> str:
    return f"{THAI_MONTH_ABBREVIATIONS[month.month - 1]}\n{be_year(month.year) % 100:02d}"


def plan_grid(snapshot: PlanSnapshot, on: date, *, banner: str = "") -> Group:
    plan = snapshot.plan
    fiscal_year = FiscalYear(plan.fiscal_year)
    title = Text()
    if banner:
        title.append(banner + "\n", style="bold reverse")
    title.append(f"{plan.organisation} · {fiscal_year.thai()}\n", style="bold")
    for code, name in plan.strategy:
        title.append(f"{code} {name}\n")
    title.append(f"ข้อมูล ณ วันที่ {thai_date(on)}", style="dim")

    table = Table(box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False, expand=False)
    table.add_column("ที่", no_wrap=True)
    table.add_column("โครงการ/กิจกรรม · พื้นที่ · หน่วยดำเนินการ", min_width=36, overflow="fold")
    table.add_column("งบประมาณ", justify="right", no_wrap=True)
    table.add_column("ใช้ไป", justify="right", no_wrap=True)
    for month in fiscal_year.months:
        table.add_column(month_header(month), justify="center", no_wrap=True)
    table.add_column("สถานะ", min_width=10)

    total, spent_total = ZERO, ZERO
    activities = sorted(
        (a for a in snapshot.activities if a.exists_on(on)), key=lambda a: code_key(a.code)
    )
    for project in sorted(snapshot.projects, key=lambda p: code_key(p.code)):
        own = [a for a in activities if a.project_id == project.id]
        spent = sum((a.spent_on(on) for a in own), ZERO)
        total += project.budget_on(on)
        spent_total += spent
        if len(own) == 1 and own[0].code == project.code:
            _activity_rows(table, own[0], fiscal_year, on, bold=True)  # a project without x.y
            continue
        table.add_row(
            Text(project.code, style="bold"),
            Text(project.name, style="bold"),
            Text(format_baht(project.budget_on(on)), style="bold"),
            format_baht(spent),
            *([""] * 12),
            "",
        )
        for activity in own:
            _activity_rows(table, activity, fiscal_year, on)
    table.add_row("", Text("รวม", style="bold"), Text(format_baht(total), style="bold"),
                  format_baht(spent_total), *([""] * 12), "")  # fmt: skip
    legend = Text("↔ วางแผนไว้   ", style="dim")
    legend.append("↔", style="bold green")
    legend.append(" วางแผนและมีการดำเนินงาน   ", style="dim")
    legend.append("•", style="yellow")
    legend.append(" ดำเนินงานนอกแผน", style="dim")
    return Group(title, table, legend)


def _activity_rows(
    table: Table, a: ActivityFacts, fiscal_year: FiscalYear, on: date, *, bold: bool = False
) -> None:
    planned = set(a.months_on(on))
    worked = a.worked_months_on(on)
    status = a.lifecycle_on(on)
    allocation = a.allocation_on(on)
    budget = format_baht(allocation)
    if allocation != a.original_allocation:
        budget = f"{budget}\n(เดิม {format_baht(a.original_allocation)})"
    name = Text(a.name, style="bold" if bold else "")
    name.append(f"\n{a.area} · {a.unit}", style="dim")
    table.add_row(
        Text(a.code, style="bold" if bold else ""),
        name,
        budget,
        format_baht(a.spent_on(on)),
        *(_cell(m in planned, m in worked) for m in fiscal_year.months),
        Text(f"{STATUSES[status].th} {a.progress_on(on)}%", style=STATUS_STYLE.get(status, "")),
    )
    for step in a.steps:
        step_months = set(a.step_months_on(step, on))
        done = step.completed_on is not None and step.completed_on <= on
        table.add_row(
            "",
            Text(f"  {step.number}. {step.text}", style="dim" if not done else "green"),
            "",
            "",
            *(_cell(m in step_months, False) for m in fiscal_year.months),
            Text("✓ เสร็จ" if done else "", style="green"),
        )


def _cell(planned: bool, worked: bool) -> Text:
    if planned:
        return Text("↔", style="bold green" if worked else "")
    return Text("•", style="yellow") if worked else Text("")


def plan_vs_actual_table(report: PlanVersusActual) -> Table:
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

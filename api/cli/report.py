"""``tidtam report``: the reports a municipality files, written to a file.

The file's suffix says its format (``.html`` a printable document, ``.xlsx`` a
workbook, ``.pdf`` the document as PDF); the figures are the API's and the pages',
from the same model.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import (
    business_date,
    console,
    default_actor,
    fail,
    instant,
    lang,
    opened,
    today_in_bangkok,
)
from api.cli.plans import AsAdoptedOption, PlanOption, RevisionOption, chosen_edition
from api.runtime import Runtime
from api.web.reports.filing import file_monitoring, filing_of
from api.web.reports.formats import SUFFIX
from api.web.reports.monitoring import monitoring_document, monitoring_workbook
from api.web.reports.pdf import to_pdf
from api.web.reports.plan_table import plan_table_workbook
from api.web.reports.summary import summary_document, summary_workbook
from domain.clock import BANGKOK
from domain.periods import PERIOD_WORDS, Period
from projections.editions import Edition, edition_of
from projections.imprint import imprint
from projections.monitoring import monitoring_report
from projections.plan_draft import draft_of
from projections.plan_summary import plan_summary
from projections.queries import PlanSnapshot

app = typer.Typer(
    help="Reports: the plan table (ผด.02), the summary by strategy (ผด.01), monitoring.",
    no_args_is_help=True,
)

OnOption = Annotated[str | None, typer.Option("--on", help="Business date of the figures")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Read the log as known at this instant (ISO)")
]
OutOption = Annotated[Path, typer.Option("-o", "--output", help="FILE.html, FILE.xlsx or FILE.pdf")]


@app.command("summary")
def summary(
    output: OutOption,
    plan: PlanOption = None,
    on: OnOption = None,
    as_of: AsOfOption = None,
    as_adopted: AsAdoptedOption = False,
    revision: RevisionOption = None,
) -> None:
    """The plan summary by strategy (ผด.01): projects and budget per strategy and
    guideline, their shares, the responsible units."""
    moment, day = instant(as_of), business_date(on)
    with opened() as runtime:
        snapshot, known_on = _snapshot(runtime, plan, moment, chosen_edition(as_adopted, revision))
        report = plan_summary(snapshot, day or known_on)
        stamp = imprint(runtime.reader, snapshot, report.on, moment)
        _write(
            output,
            lambda: summary_workbook(report, stamp, lang()),
            lambda: summary_document(report, stamp, lang()),
        )


@app.command("monitoring")
def monitoring(
    output: OutOption,
    period: Annotated[Period, typer.Option("--period", help="q1, q2, q3, q4, half or year")],
    plan: PlanOption = None,
    on: OnOption = None,
    as_of: AsOfOption = None,
    as_adopted: AsAdoptedOption = False,
    revision: RevisionOption = None,
) -> None:
    """The monitoring report of a period: projects by status and money per strategy, each
    project, late work and its reasons, the committee's findings; cut off at the period's
    end (or --on, earlier)."""
    moment, day = instant(as_of), business_date(on)
    with opened() as runtime:
        snapshot, _ = _snapshot(runtime, plan, moment, chosen_edition(as_adopted, revision))
        report = monitoring_report(snapshot, period, day)
        stamp = imprint(runtime.reader, snapshot, report.on, moment)
        _write(
            output,
            lambda: monitoring_workbook(report, stamp, lang()),
            lambda: monitoring_document(report, stamp, lang()),
        )


ActualOption = Annotated[bool, typer.Option("--actual", help="Add a sheet of the actual work")]


@app.command("plan-table")
def plan_table(
    output: OutOption,
    plan: PlanOption = None,
    on: OnOption = None,
    as_of: AsOfOption = None,
    as_adopted: AsAdoptedOption = False,
    revision: RevisionOption = None,
    actual: Annotated[
        bool, typer.Option("--actual", help="Add a sheet of the actual work")
    ] = False,
) -> None:
    """The plan table in Excel, laid out as the plan came in (ผด.02); importing it back
    gives the same plan."""
    if output.suffix.lower() != ".xlsx":
        raise fail(
            f"ตารางแผนเขียนเป็น .xlsx เท่านั้น ไม่ใช่ '{output.suffix}' "
            f"(the plan table is written as .xlsx, not '{output.suffix}')",
            "report_format_unknown",
        )
    moment, day = instant(as_of), business_date(on)
    with opened() as runtime:
        snapshot, known_on = _snapshot(runtime, plan, moment, chosen_edition(as_adopted, revision))
        when = day or known_on
        stamp = imprint(runtime.reader, snapshot, when, moment)
        beside = snapshot.versus_actual(when) if actual else None
        output.write_bytes(plan_table_workbook(draft_of(snapshot, when), stamp, beside, lang()))
    console.print(f"เขียน {output} แล้ว (written)")


filing = typer.Typer(help="File a report: kept, and recorded with its digests.")
app.add_typer(filing, name="file")


@filing.command("monitoring")
def file_monitoring_report(
    period: Annotated[Period, typer.Option("--period", help="q1, q2, q3, q4, half or year")],
    plan: PlanOption = None,
    on: OnOption = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Who files it")] = None,
) -> None:
    """File the monitoring report of a period as known now; prints the filing's number,
    its data digest, each file's digest and the chain link."""
    with opened() as runtime:
        facts = runtime.plan(plan)
        filed = file_monitoring(
            runtime, facts.id, period, business_date(on), actor or default_actor()
        )
    console.print(f"ยื่นรายงานฉบับที่ {filed.number} แล้ว (filing {filed.number})", markup=False)
    console.print(f"ข้อมูล ณ (as known at) {filed.known_at.isoformat()}", markup=False)
    console.print(f"data   {filed.data_digest}", markup=False)
    for name, digest in sorted(filed.files.items()):
        console.print(f"{name:<6} {digest}", markup=False)
    console.print(f"chain  {filed.chain_position}:{filed.chain_link}", markup=False)


@app.command("verify")
def verify_file(
    path: Annotated[Path, typer.Argument(help="A PDF, XLSX, HTML or JSON report")],
) -> None:
    """Whether a report file in hand is one that was filed: when, by whom, which round.
    Exits 0 only for a filed file, unchanged to the byte."""
    data = path.read_bytes()
    with opened() as runtime:
        found = filing_of(runtime.reader.plans(), data)
    if found is None:
        raise fail(
            f"{path.name} ไม่ใช่ไฟล์รายงานที่ยื่นไว้ หรือถูกแก้ไขหลังยื่น "
            f"(not a filed report, or changed since it was filed)",
            "report_not_filed",
        )
    plan, filed, name = found
    known = filed.known_at.isoformat()
    console.print(
        f"{path.name}: รายงาน{'ติดตามผล' if filed.report == 'monitoring' else filed.report} "
        f"{PERIOD_WORDS[Period(filed.period)].th} ของ {plan.organisation} ({plan.fiscal_year}) "
        f"ฉบับที่ {filed.number} ({name}) ยื่นเมื่อ {filed.on.isoformat()} โดย {filed.actor}; "
        f"ข้อมูล ณ {known} (filed {filed.on.isoformat()} by {filed.actor}, as known at {known})",
        markup=False,
    )


def _snapshot(
    runtime: Runtime, plan: str | None, moment: datetime | None, edition: Edition
) -> tuple[PlanSnapshot, date]:
    """The plan now or as known at ``moment``, of ``edition``, and the day it is read on."""
    facts = runtime.plan(plan)
    if moment is None:
        snapshot, known_on = runtime.reader.snapshot(facts.id), today_in_bangkok()
    else:
        snapshot = runtime.reader.snapshot_as_of(facts.id, moment)
        known_on = moment.astimezone(BANGKOK).date()
    return edition_of(snapshot, edition), known_on


def _write(output: Path, workbook: Callable[[], bytes], document: Callable[[], str]) -> None:
    """The report in the format the file's suffix names."""
    fmt = SUFFIX.get(output.suffix.lower())
    if fmt is None:
        raise fail(
            f"เขียนรายงานเป็น '{output.suffix}' ไม่ได้ ใช้ .html, .xlsx หรือ .pdf "
            f"(cannot write '{output.suffix}': use .html, .xlsx or .pdf)",
            "report_format_unknown",
        )
    if fmt == "xlsx":
        output.write_bytes(workbook())
    elif fmt == "pdf":
        output.write_bytes(to_pdf(document()))
    else:
        output.write_text(document(), encoding="utf-8")
    console.print(f"เขียน {output} แล้ว (written)")

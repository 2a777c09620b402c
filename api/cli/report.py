"""``tidtam report``: the reports a municipality files, written to a file.

The file's suffix says its format (``.html`` a printable document, ``.xlsx`` a
workbook, ``.pdf`` the document as PDF); the figures are the API's and the pages',
from the same model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import business_date, console, fail, instant, lang, opened, today_in_bangkok
from api.reports.formats import SUFFIX
from api.reports.pdf import to_pdf
from api.reports.summary import summary_document, summary_workbook
from domain.clock import BANGKOK
from projections.editions import edition_of
from projections.imprint import imprint
from projections.plan_summary import plan_summary

app = typer.Typer(help="Reports: the plan summary by strategy (ผด.01).", no_args_is_help=True)

PlanOption = Annotated[
    str | None, typer.Option("--plan", help="Plan id, fiscal year or strategy code (e.g. 3.5)")
]
OnOption = Annotated[str | None, typer.Option("--on", help="Business date of the figures")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Read the log as known at this instant (ISO)")
]
OutOption = Annotated[Path, typer.Option("-o", "--output", help="FILE.html, FILE.xlsx or FILE.pdf")]
AsAdoptedOption = Annotated[
    bool, typer.Option("--as-adopted", help="The plan as adopted, before any revision")
]
RevisionOption = Annotated[
    int | None, typer.Option("--revision", min=1, help="The plan as of revision N")
]


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
    fmt = SUFFIX.get(output.suffix.lower())
    if fmt is None:
        raise fail(
            f"เขียนรายงานเป็น '{output.suffix}' ไม่ได้ ใช้ .html, .xlsx หรือ .pdf "
            f"(cannot write '{output.suffix}': use .html, .xlsx or .pdf)",
            "report_format_unknown",
        )
    if as_adopted and revision is not None:
        raise fail(
            "เลือก --as-adopted หรือ --revision อย่างใดอย่างหนึ่ง (choose one)", "edition_chosen_twice"
        )
    moment, day = instant(as_of), business_date(on)
    with opened() as runtime:
        facts = runtime.plan(plan)
        if moment is None:
            snapshot, known_on = runtime.reader.snapshot(facts.id), today_in_bangkok()
        else:
            snapshot = runtime.reader.snapshot_as_of(facts.id, moment)
            known_on = moment.astimezone(BANGKOK).date()
        snapshot = edition_of(snapshot, 0 if as_adopted else revision)
        report = plan_summary(snapshot, day or known_on)
        stamp = imprint(runtime.reader, snapshot, report.on, moment)
        if fmt == "xlsx":
            output.write_bytes(summary_workbook(report, stamp, lang()))
        elif fmt == "pdf":
            output.write_bytes(to_pdf(summary_document(report, stamp, lang())))
        else:
            output.write_text(summary_document(report, stamp, lang()), encoding="utf-8")
    console.print(f"เขียน {output} แล้ว (written)")

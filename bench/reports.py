"""``reports``: the year's monitoring report of a large plan, as a page, XLSX and PDF.

What a manager waits for at the year's end: a 1,000-activity plan with a year of work
recorded (``--events-per-activity`` events each), its monitoring report for the whole
year read from the live views and drawn three ways. *page* is the snapshot, the
report's figures and its HTML document (the page draws the same templates); *xlsx*
adds the four-sheet workbook to the figures; *pdf* adds WeasyPrint's drawing of the
document and the text layer put right; *pdf_collecting* is the same drawing with
Python's cycle collector left running throughout, as it was before ``to_pdf`` paused
it. The ผด.01 summary of the same plan is timed beside them as the baseline: the
smallest report there is. Each figure is the median of ``--repeat`` runs; the targets
are the issue's: page under 1 s, PDF under 5 s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from api.web.reports.monitoring import monitoring_document, monitoring_workbook
from api.web.reports.pdf import drawn, pdf_available, to_pdf
from api.web.reports.summary import summary_document
from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, median_seconds
from bench.options import HistoryLength, PlanSize, asked
from bench.synthetic import early_clock, plan_with_history
from domain.periods import Period
from projections.imprint import Imprint, imprint
from projections.monitoring import MonitoringReport, monitoring_report
from projections.plan_summary import plan_summary
from projections.queries import PlanReader
from projections.service import Projections

NAME = "reports"
SUMMARY = "the year's monitoring report of a 1,000-activity plan as page, XLSX and PDF"
PAGE_SECONDS = 1.0
PDF_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Options:
    """The plan and its history (``python -m bench reports --help``)."""

    activities: PlanSize = 1000
    events_per_activity: HistoryLength = 12
    repeat: Annotated[int, "runs of each measure (the median is reported)"] = 3


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the plan's year, then time each report's drawing from the live views."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    with Tracker(backend.store, clock=clock) as tracker:
        plan_id, events = plan_with_history(
            tracker, clock, options.activities, options.events_per_activity
        )
        projections = Projections(tracker)
        try:
            projections.catch_up()
            reader = PlanReader(projections.db, tracker)
            say(f"log: {events:,} events; {options.activities:,} activities")

            def figures() -> tuple[MonitoringReport, Imprint]:
                snapshot = reader.snapshot(plan_id)
                made = monitoring_report(snapshot, Period.YEAR)
                return made, imprint(reader, snapshot, made.on, None)

            def summary() -> str:
                snapshot = reader.snapshot(plan_id)
                made = plan_summary(snapshot, snapshot.plan.planned_on)
                return summary_document(made, imprint(reader, snapshot, made.on, None))

            def page() -> str:
                made, stamp = figures()
                return monitoring_document(made, stamp)

            def xlsx() -> bytes:
                made, stamp = figures()
                return monitoring_workbook(made, stamp)

            measures: dict[str, Callable[[], object]] = {
                "summary": summary, "page": page, "xlsx": xlsx,
            }  # fmt: skip
            if pdf_available():
                measures["pdf"] = lambda: to_pdf(page())
                measures["pdf_collecting"] = lambda: drawn(page())
            else:
                report.notes.append("PDF not measured: WeasyPrint cannot run here")
            for label, once in measures.items():
                seconds = median_seconds(options.repeat, once)
                report.figures[label] = {"seconds": round(seconds, 4)}
                say(f"  {label:8} {seconds:.3f} s")
            base = report.figures["summary"]["seconds"]
            report.figures["ratios_to_summary"] = {
                k: round(v["seconds"] / base, 2) for k, v in report.figures.items()
                if isinstance(v, dict) and "seconds" in v
            }  # fmt: skip
            report.targets.append(
                Target("page seconds", report.figures["page"]["seconds"], PAGE_SECONDS, False, " s")
            )
            if "pdf" in report.figures:
                report.targets.append(
                    Target(
                        "PDF seconds", report.figures["pdf"]["seconds"], PDF_SECONDS, False, " s"
                    )
                )
        finally:
            projections.close()
    return report

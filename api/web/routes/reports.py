"""The reports' pages: each report as the printed form draws it, with its downloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response

from api.routes.common import AsAdopted, Revision, edition
from api.routes.events import event_page
from api.web import reading
from api.web.commands import answer
from api.web.context import FormDep, Page, Posted, Reading, who_of, with_query
from api.web.render import PageRoute, render
from api.web.report_words import monitoring_subtitle
from api.web.reports.filing import file_monitoring
from api.web.timeline import entry
from application.outcome import Outcome
from domain.calendar import FiscalYear
from domain.errors import NotFoundError, TidtamError
from domain.parsing import parse_date
from domain.periods import PERIOD_WORDS, Period, period_bounds
from domain.policy import Action
from projections.editions import edition_of
from projections.imprint import imprint
from projections.monitoring import monitoring_report
from projections.plan_summary import plan_summary
from projections.rounds import rounds_of

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/plans/{plan_id}/reports/summary", name="summary_page")
def summary_page(
    plan_id: UUID,
    page: Reading,
    as_adopted: AsAdopted = False,
    revision: Revision = None,
) -> Response:
    """The plan summary by strategy (ผด.01) on the page's business date (``?on=``)."""
    chosen = edition(as_adopted, revision)
    snapshot = edition_of(reading.snapshot(page, plan_id), chosen)
    day = page.day
    summary = plan_summary(snapshot, day)
    query = {
        "on": day.isoformat(),
        "as_of": page.as_of_text or None,
        "as_adopted": 1 if chosen == 0 else None,
        "revision": chosen or None,
    }
    return render(
        page, "reports/summary.html", plan=snapshot.plan, summary=summary,
        imprint=imprint(page.svc.runtime.reader, snapshot, day, page.as_of),
        downloads=_downloads(plan_id, "summary", query),
        plan_table=with_query(f"/api/v1/plans/{plan_id}/reports/plan-table",
                              {**query, "actual": 1}),
    )  # fmt: skip


def _downloads(plan_id: UUID, report: str, query: Mapping[str, object]) -> dict[str, str]:
    """The API's addresses of the report's files, with the page's own reading of it."""
    path = f"/api/v1/plans/{plan_id}/reports/{report}"
    return {name: with_query(path, {**query, "format": name}) for name in ("html", "xlsx", "pdf")}


@router.get("/plans/{plan_id}/reports/monitoring", name="monitoring_page")
def monitoring_page(
    plan_id: UUID,
    page: Reading,
    period: Period = Period.HALF,
    on: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    """The monitoring report of a period, as of the page's instant; managers write the
    committee's findings under it."""
    return _monitoring(page, plan_id, period, on)


@router.post("/plans/{plan_id}/reports/monitoring/findings", name="findings_post")
def findings_post(plan_id: UUID, page: Posted, form: FormDep) -> Response:
    """The committee's findings for the period, from the form under the report."""
    who_of(page).require(Action.REPORT)
    typed = {key: str(form.get(key, "")) for key in ("findings", "suggestions", "reason")}
    period = str(form.get("period", ""))
    return answer(
        page, "findings", lambda: page.svc.runtime.tracker.record_findings(
            plan_id, period, findings=typed["findings"], suggestions=typed["suggestions"],
            reason=typed["reason"] or None, actor=who_of(page).username,
        ),
        redraw=lambda error, status: _monitoring(
            page, plan_id, _period(period), "", error=error, typed=typed, status=status
        ),
        done_url=lambda: page.url(
            "monitoring_page", plan_id=plan_id, period=_period(period).value
        ),
        flash_code=lambda: "",
    )  # fmt: skip


def _period(text: str) -> Period:
    try:
        return Period(text)
    except ValueError:
        return Period.HALF


def _monitoring(
    page: Page, plan_id: UUID, period: Period, on_text: str, *,
    error: TidtamError | None = None, typed: Mapping[str, str] | None = None, status: int = 200,
) -> Response:  # fmt: skip
    snapshot = reading.snapshot(page, plan_id)
    cut_off = parse_date(on_text) if on_text.strip() else None
    report = monitoring_report(snapshot, period, cut_off)
    query = {"period": period.value, "on": cut_off.isoformat() if cut_off else None,
             "as_of": page.as_of_text or None}  # fmt: skip
    said = snapshot.plan.findings_of(period.value)
    kept = typed or {
        "findings": said.findings if said else "",
        "suggestions": said.suggestions if said else "",
        "reason": "",
    }
    return render(
        page, "reports/monitoring.html", status_code=status, plan=snapshot.plan,
        report=report, subtitle=monitoring_subtitle(report, page.lang), on_text=on_text,
        periods=[(p.value, PERIOD_WORDS[p]) for p in Period],
        imprint=imprint(page.svc.runtime.reader, snapshot, report.on, page.as_of),
        downloads=_downloads(plan_id, "monitoring", query),
        can_write=page.can("report") and page.as_of is None, error=error, typed=kept,
    )  # fmt: skip


@router.get("/plans/{plan_id}/reports", name="reports_page")
def reports_page(plan_id: UUID, page: Reading) -> Response:
    """The year's calendar of reports: each round, its cut-off, due day and state; every
    filing with its files."""
    plan = reading.snapshot(page, plan_id).plan
    rounds = rounds_of(plan, page.day, page.svc.settings.rounds)
    return render(
        page, "reports/calendar.html", plan=plan, rounds=rounds, period_words=PERIOD_WORDS,
        filings=list(reversed(plan.filings)),
    )  # fmt: skip


@router.post("/plans/{plan_id}/reports/monitoring/filings", name="filing_post")
def filing_post(plan_id: UUID, page: Posted, form: FormDep) -> Response:
    """File the round shown, as known now (the form under the monitoring report)."""
    who_of(page).require(Action.REPORT)
    period = _period(str(form.get("period", "")))
    on_text = str(form.get("on", ""))
    cut_off = parse_date(on_text) if on_text.strip() else None
    filed: list[int] = []

    def run() -> Outcome:
        made = file_monitoring(page.svc.runtime, plan_id, period, cut_off, who_of(page).username)
        filed.append(made.number)
        return made.outcome

    return answer(
        page, "filing", run,
        redraw=lambda error, status: _monitoring(
            page, plan_id, period, on_text, error=error, status=status
        ),
        done_url=lambda: page.url("filing_page", plan_id=plan_id, number=filed[0]),
        flash_code=lambda: str(filed[0]),
    )  # fmt: skip


@router.get("/plans/{plan_id}/reports/filings/{number}", name="filing_page")
def filing_page(plan_id: UUID, number: Annotated[int, Path(ge=1, le=1_000_000)],
                page: Reading) -> Response:  # fmt: skip
    """A filed report: what was filed, its files, and what has been recorded about its
    period since it was filed (late entries the filed copy does not hold)."""
    plan = reading.snapshot(page, plan_id).plan
    filing = next((f for f in plan.filings if f.number == number), None)
    if filing is None:
        raise NotFoundError("filing_not_found", number=number, format="")
    start, _ = period_bounds(FiscalYear(plan.fiscal_year), Period(filing.period))
    since = event_page(
        page.svc, reach=page.reach, plan=plan_id, recorded_from=filing.known_at, limit=1000
    )
    later = [
        entry(e, page.lang)
        for e in since.items
        if e.recorded_at > filing.known_at and start <= e.occurred_on <= filing.cut_off
    ]
    files = {
        name: f"/api/v1/plans/{plan_id}/reports/filings/{number}/{name}" for name in filing.files
    }
    return render(
        page, "reports/filing.html", plan=plan, filing=filing, files=files, later=later,
        period_words=PERIOD_WORDS[Period(filing.period)], more=since.next is not None,
    )  # fmt: skip

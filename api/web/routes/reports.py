"""The reports' pages: each report as the printed form draws it, with its downloads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from api.routes.common import AsAdopted, On, Revision, edition
from api.web import reading
from api.web.commands import answer
from api.web.context import FormDep, Page, Posted, Reading, who_of, with_query
from api.web.render import PageRoute, render
from api.web.report_words import monitoring_subtitle
from domain.errors import TidtamError
from domain.parsing import parse_date
from domain.periods import PERIOD_WORDS, Period
from domain.policy import Action
from projections.editions import edition_of
from projections.imprint import imprint
from projections.monitoring import monitoring_report
from projections.plan_summary import plan_summary

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/plans/{plan_id}/reports/summary", name="summary_page")
def summary_page(
    plan_id: UUID,
    page: Reading,
    on: On = None,
    as_adopted: AsAdopted = False,
    revision: Revision = None,
) -> Response:
    """The plan summary by strategy (ผด.01) on the page's business date (or ``on``)."""
    chosen = edition(as_adopted, revision)
    snapshot = edition_of(reading.snapshot(page, plan_id), chosen)
    day = on or page.day
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

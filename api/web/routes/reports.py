"""The reports' pages: each report as the printed form draws it, with its downloads."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from fastapi import APIRouter, Response

from api.routes.common import AsAdopted, On, Revision, edition
from api.web import reading
from api.web.context import Reading, with_query
from api.web.render import PageRoute, render
from projections.editions import edition_of
from projections.imprint import imprint
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
    )  # fmt: skip


def _downloads(plan_id: UUID, report: str, query: Mapping[str, object]) -> dict[str, str]:
    """The API's addresses of the report's files, with the page's own reading of it."""
    path = f"/api/v1/plans/{plan_id}/reports/{report}"
    return {name: with_query(path, {**query, "format": name}) for name in ("html", "xlsx", "pdf")}

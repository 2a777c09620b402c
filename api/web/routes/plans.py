"""The plan as its source table, and plan versus actual with its charts.

Both read the plan's fact sheets once (live, or folded as of the page's
instant) and assess them on the page's business date, as the CLI's ``plan`` and
``plan-vs-actual`` do, so a page, the terminal and the API agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from api.routes.common import AsAdopted, Revision, edition
from api.web import reading
from api.web.charts import month_points, project_bars, s_curve
from api.web.context import Page, Reading
from api.web.render import PageRoute, render
from domain.calendar import FiscalYear
from domain.thai import name_key
from domain.words import Words
from projections.assess import assess
from projections.edition_compare import compare_editions
from projections.editions import (
    EDITION_PATTERN,
    Edition,
    edition_label,
    edition_of,
    edition_words,
    parse_edition,
)
from projections.facts import PlanFacts
from projections.plan_grid import STATUS_ORDER, plan_grid

router = APIRouter(route_class=PageRoute, include_in_schema=False)
UnitFilter = Annotated[str, Query(max_length=200)]
StatusFilter = Annotated[str, Query(max_length=40)]
ScopeFilter = Annotated[str, Query(max_length=300)]


@router.get("/plans/{plan_id}", name="plan_page")
def plan_page(
    plan_id: UUID,
    page: Reading,
    unit: UnitFilter = "",
    status: StatusFilter = "",
    scope: ScopeFilter = "",
    as_adopted: AsAdopted = False,
    revision: Revision = None,
) -> Response:
    """The plan grid: projects, activities and steps by fiscal month, work laid over it;
    as it stands, as adopted, or as of a revision."""
    whole = reading.snapshot(page, plan_id)
    snapshot = edition_of(whole, edition(as_adopted, revision))
    # The plan as it stands shares the API's remembered rows (per activity version and
    # day); an edition's or a past instant's sheets are assessed afresh.
    live = page.as_of is None and snapshot.edition is None
    judge = page.svc.rows.assess if live else assess
    grid = plan_grid(snapshot, page.day, unit=unit, status=status, scope=scope, judge=judge)
    return render(
        page, "plan.html", plan=snapshot.plan, grid=grid, unit=unit, status=status,
        scope=scope, statuses=STATUS_ORDER,
        editions=_editions(page, whole.plan, snapshot.edition),
    )  # fmt: skip


@router.get("/plans/{plan_id}/editions", name="editions_page")
def editions_page(
    plan_id: UUID,
    page: Reading,
    first: Annotated[str, Query(alias="from", pattern=EDITION_PATTERN)] = "adopted",
    second: Annotated[str, Query(alias="to", pattern=EDITION_PATTERN)] = "current",
) -> Response:
    """Two editions of the plan side by side, beside the actual as it stands."""
    snapshot = reading.snapshot(page, plan_id)
    result = compare_editions(snapshot, parse_edition(first), parse_edition(second), page.day)
    return render(
        page, "editions.html", plan=snapshot.plan, result=result,
        editions=_editions(page, snapshot.plan, None), first=first, second=second,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class EditionLink:
    label: str
    words: Words
    url: str
    current: bool


def _editions(page: Page, plan: PlanFacts, shown: Edition) -> list[EditionLink]:
    """The plan's editions, linked, ``shown`` marked (none for a plan never revised)."""
    if not plan.revisions:
        return []
    labels = ["adopted", *(f"revision-{r.number}" for r in plan.revisions), "current"]
    return [
        EditionLink(
            label,
            edition_words(label),
            page.url(
                "plan_page",
                plan_id=plan.id,
                as_adopted=1 if label == "adopted" else None,
                revision=parse_edition(label) if label.startswith("revision-") else None,
            ),
            label == edition_label(shown),
        )
        for label in labels
    ]


@router.get("/plans/{plan_id}/vs-actual", name="vs_actual_page")
def vs_actual_page(plan_id: UUID, page: Reading, unit: UnitFilter = "") -> Response:
    """Late and overdue first, then the whole plan, the S-curves, projects and units."""
    snapshot = reading.snapshot(page, plan_id)
    activities = [a for a in snapshot.activities if not unit or name_key(a.unit) == name_key(unit)]
    report = snapshot.versus_actual(page.day, unit=unit)
    fiscal_year = FiscalYear(snapshot.plan.fiscal_year)
    points = month_points(activities, snapshot.projects, fiscal_year, page.day)
    return render(
        page, "vs_actual.html", plan=snapshot.plan, report=report, unit=unit,
        units=sorted({a.unit for a in snapshot.activities}),
        curve=s_curve(points, fiscal_year, page.day, report.total.allocated),
        bars=project_bars([p for p in report.projects if p.activities]),
    )  # fmt: skip

"""The plan as its source table, and plan versus actual with its charts.

Both read the plan's fact sheets once (live, or folded as of the page's
instant) and assess them on the page's business date, as the CLI's ``plan`` and
``plan-vs-actual`` do, so a page, the terminal and the API agree.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from api.web import reading
from api.web.charts import month_points, project_bars, s_curve
from api.web.context import Reading
from api.web.render import PageRoute, render
from domain.calendar import FiscalYear
from domain.thai import name_key
from projections.plan_grid import STATUS_ORDER, plan_grid

router = APIRouter(route_class=PageRoute, include_in_schema=False)
UnitFilter = Annotated[str, Query(max_length=200)]
StatusFilter = Annotated[str, Query(max_length=40)]


@router.get("/plans/{plan_id}", name="plan_page")
def plan_page(
    plan_id: UUID, page: Reading, unit: UnitFilter = "", status: StatusFilter = ""
) -> Response:
    """The plan grid: projects, activities and steps by fiscal month, work laid over it."""
    snapshot = reading.snapshot(page, plan_id)
    grid = plan_grid(snapshot, page.day, unit=unit, status=status)
    return render(
        page, "plan.html", plan=snapshot.plan, grid=grid, unit=unit, status=status,
        statuses=STATUS_ORDER,
    )  # fmt: skip


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

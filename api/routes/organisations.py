"""Organisations: those a principal reaches, and the overseer's roll-up across them.

``GET /api/v1/organisations`` is a list anyone signed in may read (their own
organisations, or every one for a principal of every organisation); the figures are a
sibling, ``GET /api/v1/organisations/rollup``, for overseers (``Action.OVERSEE``), so the
list keeps one shape for everyone and the roll-up's cost is paid only where asked.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import Overseer, Reader, ServicesDep
from api.freshness import read_your_writes
from api.routes.common import AsOf, MinPosition, On, reading_day
from api.schemas.organisations import OrganisationOut, OverviewOut, overview_out
from api.services import Services
from domain.calendar import BE_OFFSET, EARLIEST_YEAR, LATEST_YEAR, FiscalYear
from domain.policy import Principal
from projections.overview import Overview, read_overview

router = APIRouter(prefix="/api/v1/organisations", tags=["organisations"])
FiscalYearQuery = Annotated[
    int | None,
    Query(
        ge=EARLIEST_YEAR + BE_OFFSET,
        le=LATEST_YEAR + BE_OFFSET,
        description="The fiscal year (BE, e.g. 2552); default: the one the business date is in",
    ),
]


@router.get("", response_model=list[OrganisationOut])
def organisations(
    svc: ServicesDep, who: Reader, min_position: MinPosition = None
) -> list[OrganisationOut]:
    """The organisations the caller's roles hold in (every one for a grant of every
    organisation), by code."""
    read_your_writes(svc, min_position)
    return [
        OrganisationOut(code=o.code, name=o.name, province=o.province)
        for o in svc.auth.people.organisations(who.organisations)
    ]


@router.get("/rollup", response_model=OverviewOut)
def rollup(
    svc: ServicesDep,
    who: Overseer,
    fiscal_year: FiscalYearQuery = None,
    on: On = None,
    as_of: AsOf = None,
    min_position: MinPosition = None,
) -> OverviewOut:
    """Overseers: per organisation and per strategy, projects and activities by status,
    progress against expected, money planned, allocated and disbursed, late work, and
    the reporting rounds each plan has filed or owes; a total per province and in all.
    On business date ``on`` (default: ``as_of``'s day, else today), as known at
    ``as_of`` (default: now). An organisation without a plan of the year is listed with
    ``has_plan: false``."""
    read_your_writes(svc, min_position)
    return overview_out(rolled_up(svc, who, fiscal_year, on, as_of))


def rolled_up(
    svc: Services, who: Principal, fiscal_year: int | None, on: date | None, as_of: datetime | None
) -> Overview:
    """The roll-up the API and the overseer's page both read."""
    day = reading_day(svc, on, as_of)
    year = fiscal_year or FiscalYear.of(day).be
    return read_overview(
        svc.runtime.reader, svc.auth.people, who.organisations, fiscal_year=year, on=day,
        periods=svc.settings.rounds, as_of=as_of, judge=svc.rows.assess, memo=svc.overview,
    )  # fmt: skip

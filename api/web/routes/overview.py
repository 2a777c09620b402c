"""The overseer's page (``/overview``): progress, money, late work and reporting rounds
per organisation and per strategy, with a province total, on the page's business date
and as known at its instant.

It reads the same roll-up as ``GET /api/v1/organisations/rollup``
(:func:`api.routes.organisations.rolled_up`), so the page and the API never disagree.
An instant is picked here as on the history page (a date and a time, Bangkok), and
travels in ``as_of`` like every page's; overseers may read the past, though they may
not open the audit pages.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import RedirectResponse

from api.routes.organisations import FiscalYearQuery, rolled_up
from api.web.context import Page, allowed, who_of
from api.web.render import PageRoute, render
from api.web.routes.history import picked_instant
from domain.clock import BANGKOK
from domain.errors import TidtamError
from domain.periods import PERIOD_WORDS
from domain.policy import Action

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Overseeing = Annotated[Page, Depends(allowed(Action.OVERSEE))]
Text = Annotated[str, Query(max_length=40)]


@router.get("/overview", name="overview_page")
def overview_page(
    page: Overseeing, year: FiscalYearQuery = None, known_day: Text = "", known_at: Text = ""
) -> Response:
    """Each organisation the overseer reaches, its strategies and its rounds; a date and
    time typed in the form (``known_day``, ``known_at``) lead to the same page as known
    at that instant."""
    errors: dict[str, str] = {}
    if known_day.strip() or known_at.strip():
        try:
            moment = picked_instant(known_day, known_at, "known_day", "known_at")
        except TidtamError as error:
            errors[error.field or "known_day"] = error.message(page.lang)
        else:
            chosen = moment.astimezone(BANGKOK).isoformat(timespec="minutes")
            target = page.url("overview_page", as_of=chosen, year=year)
            return RedirectResponse(target, status_code=303)
    who = who_of(page)
    found = rolled_up(page.svc, who, year, page.day, page.as_of)
    reader = page.svc.runtime.reader
    years = {p.fiscal_year for p in reader.plans(who.organisations)} | {found.fiscal_year}
    return render(
        page, "overview.html", overview=found, years=sorted(years, reverse=True),
        period_words=PERIOD_WORDS, errors=errors, known_day=known_day, known_at=known_at,
        as_of_day=page.as_of.astimezone(BANGKOK).date() if page.as_of else None,
    )  # fmt: skip

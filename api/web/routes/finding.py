"""The search page: ``/search?q=`` finds projects and activities across the plans by code
or words (:mod:`projections.search`), as known at the page's instant."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.web import reading
from api.web.context import Reading
from api.web.render import PageRoute, render
from projections.search import RESULTS_SHOWN, search

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/search", name="search_page")
def search_page(page: Reading, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    plans = reading.plans(page)
    found = search(
        ((p, (s := reading.snapshot(page, p.id)).projects, s.activities) for p in plans), q
    )
    return render(page, "search.html", nav="search", q=q, hits=found, limit=RESULTS_SHOWN)

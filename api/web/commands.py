"""How a page's form becomes a command and its answer, the same for every page.

A refused rule re-draws the page (422) with the message at its field; a form drawn
before someone else's change re-draws it (409) with the newer state, after the
views have caught up with that change; success waits for the views to fold the
command and redirects to the page with a flash (POST-redirect-GET). Every outcome
is counted in the commands metric (``Metrics.counted``), as the JSON API counts its own.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Response
from fastapi.responses import RedirectResponse

from api.web import reading
from api.web.context import Page, set_flash
from application.outcome import Outcome
from domain.errors import ConflictError, InputError, RuleViolation, TidtamError

Redraw = Callable[[TidtamError, int], Response]
"""Draws the form's page again with the error and the status to answer with."""


def answer(
    page: Page,
    name: str,
    run: Callable[[], Outcome],
    redraw: Redraw,
    done_url: Callable[[], str],
    flash_code: Callable[[], str],
    counted_as: str = "",
    settle: Callable[[Outcome], object] | None = None,
) -> Response:
    """Run the form ``name``'s command and answer the browser; ``counted_as`` is the
    command's label in the metric, where the API names it otherwise. ``settle`` waits
    for the views to fold the outcome (default: the plan's views, ``reading.catch_up``;
    the people pages wait for the people view instead)."""
    try:
        with page.svc.metrics.counted(counted_as or name):
            outcome = run()
    except ConflictError as error:
        reading.catch_up(page)
        return redraw(error, 409)
    except (RuleViolation, InputError) as error:
        return redraw(error, 422)
    page.svc.metrics.events.inc(len(outcome.events))
    if settle is None:
        reading.catch_up(page, outcome.position)
    else:
        settle(outcome)
    response = RedirectResponse(done_url(), status_code=303)
    set_flash(response, f"done.{name}", flash_code())
    return response

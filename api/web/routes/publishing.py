"""Publishing a plan's public page from the pages: the admins' form under the plan's
heading, and its own page, where a refused form is drawn again with the message and a
person can read who published and withdrew the page, when and why."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response

from api.web import reading
from api.web.commands import answer
from api.web.context import FormDep, Page, Posted, allowed, who_of
from api.web.render import PageRoute, render
from domain.errors import TidtamError
from domain.policy import Action

router = APIRouter(route_class=PageRoute, include_in_schema=False)


Publishing = Annotated[Page, Depends(allowed(Action.PUBLISH))]


@router.get("/plans/{plan_id}/publication", name="publication_page")
def publication_page(plan_id: UUID, page: Publishing) -> Response:
    """The plan's public page: whether it is published, since when, by whom; the form."""
    return _draw(page, plan_id)


@router.post("/plans/{plan_id}/publication", name="publication_post")
def publication_post(plan_id: UUID, page: Posted, form: FormDep) -> Response:
    """Publish the plan's public page (``published=1``) or withdraw it (with a reason)."""
    who = who_of(page)
    who.require(Action.PUBLISH)
    reason = str(form.get("reason", "")).strip()
    published = form.get("published") == "1"
    return answer(
        page, "publication", lambda: page.svc.runtime.tracker.set_publication(
            plan_id, published, reason=reason or None, actor=who.username
        ),
        redraw=lambda error, status: _draw(page, plan_id, error, status, reason),
        done_url=lambda: page.url("plan_page", plan_id=plan_id) + "#publication",
        flash_code=lambda: "",
    )  # fmt: skip


def _draw(
    page: Page, plan_id: UUID, error: TidtamError | None = None, status: int = 200,
    reason: str = "",
) -> Response:  # fmt: skip
    plan = reading.snapshot(page, plan_id).plan
    return render(
        page, "publication.html", status_code=status, plan=plan, error=error, reason=reason
    )

"""Turning a page's data into HTML, and every refusal into a page rather than JSON.

The app's exception handlers answer in problem+json for the API; a person in a
browser should see a page in their language instead, so the pages' routes use
:class:`PageRoute`, which renders the same domain errors as HTML (and sends
people who are not signed in to the sign-in page). Responses are never cached
and carry a strict Content-Security-Policy: pages use only their own CSS and
script, with no inline styles or scripts.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.web import date_picker, i18n, report_words
from api.web.context import FLASH_COOKIE, LANG_COOKIE, Page, with_query
from api.web.grid_cells import month_cells
from domain.calendar import Month
from domain.errors import InputError, NotSignedInError, TidtamError, register_messages

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@cache
def environment() -> Environment:
    """The template environment, built on first use (nothing is built at import)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "svg"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        baht=i18n.baht,
        money=lambda text: i18n.baht(Decimal(str(text))),
        month_of=lambda text: Month.from_iso(str(text)),
        quantity=report_words.quantity,
        month_cells=month_cells,
    )
    env.globals.update(
        i18n=i18n,
        date_picker=date_picker.settings,
    )
    return env


def render(page: Page, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The page ``template`` rendered with ``page`` and ``context``; the flash is shown once."""
    html = environment().get_template(template).render(page=page, t=page.t, **context)
    response = HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)
    response.headers["Content-Language"] = page.lang
    if page.flash:
        response.delete_cookie(FLASH_COOKIE)
    return response


def error_page(request: Request, error: TidtamError, status: int | None = None) -> Response:
    """A refusal as a page in the reader's language."""
    page: Page | None = getattr(request.state, "page", None)
    if page is None:
        page = _bare_page(request)
    return render(
        page,
        "error.html",
        status_code=status or error.http_status,
        message=error.message(page.lang),
        rule=error.rule,
    )


def _bare_page(request: Request) -> Page:
    """A page context for errors raised before the page's own dependency ran."""
    svc = request.app.state.services
    lang = request.cookies.get(LANG_COOKIE, "th")
    return Page(
        request=request,
        svc=svc,
        who=None,
        lang=lang if lang in i18n.LANGUAGES else "th",
        csrf="",
        as_of=None,
        today=svc.runtime.tracker.clock.today(),
    )


class PageRoute(APIRoute):
    """A route whose refusals are pages: sign-in redirects, 403/404/422 in HTML."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except NotSignedInError:
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                if request.method != "GET":
                    target = "/"
                return RedirectResponse(with_query("/sign-in", {"next": target}), status_code=303)
            except TidtamError as error:
                return error_page(request, error)
            except RequestValidationError as error:
                return error_page(request, _invalid(error), status=422)

        return guarded


def _invalid(error: RequestValidationError) -> TidtamError:
    first = error.errors()[0] if error.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("path", "query", "body"))
    return InputError("page_request_invalid", field=where or None, detail=where or "?")


register_messages(
    {
        "page_request_invalid": (
            "ที่อยู่หน้านี้ไม่ถูกต้อง ({detail}) กรุณากลับไปแล้วเลือกจากลิงก์",
            "the address is not valid ({detail}); go back and follow a link instead",
        ),
    }
)

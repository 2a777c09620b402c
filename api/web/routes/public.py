"""A plan's public page, ``/public/plans/{id}``: no sign-in, for the municipality's website.

It answers 404 unless an admin published the plan, with the very page an unknown or
malformed id gets, so nobody can tell a private plan exists. It shows the figures of
:mod:`projections.public_plan` and nothing of the signed-in app: no navigation, no
names, no notes, no links but its own language switch. It is drawn once per plan view
position, day and language (:class:`api.public_cache.PublicPages`), carries an ETag
(304 for a client that kept it) and may be kept by caches for a minute.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import ServicesDep
from api.public_cache import RETRY_SECONDS, PublicBusyError
from api.routes.common import business_today, tags_asked
from api.web import i18n
from api.web.context import with_query
from api.web.render import SECURITY_HEADERS, environment
from domain.calendar import FiscalYear
from domain.errors import InputError, NotFoundError, register_messages
from domain.parsing import parse_date
from projections.assess import assess
from projections.public_plan import public_plan

router = APIRouter(include_in_schema=False)
CACHED_SECONDS = 60
"""How long a browser or proxy may keep a public page: a withdrawal shows within this."""
Text = Annotated[str, Query(max_length=40)]


@router.get("/public/plans/{plan_id}", name="public_plan_page")
def public_plan_page(
    plan_id: str, request: Request, svc: ServicesDep, on: Text = "", lang: Text = "th"
) -> Response:
    """The plan's progress and money by strategy and project, as of today or ``on``."""
    lang = "en" if lang == "en" else "th"
    reader, today = svc.runtime.reader, business_today(svc)
    try:
        ident = _plan_id(plan_id)
        plan = reader.plan(ident)
        if not plan.published:
            raise _missing(ident)
        day = _day(on, FiscalYear(plan.fiscal_year), today)

        def build() -> tuple[int, bytes]:
            snapshot, position = reader.snapshot_at(ident)
            if not snapshot.plan.published:  # withdrawn since the check above
                raise _missing(ident)
            judge = svc.rows.assess if day == today else assess  # the live rows' memo is today's
            figures = public_plan(snapshot, day, judge)
            kept = {"on": day.isoformat()} if on.strip() else {}  # the language switch keeps it
            html = _draw(
                "public/plan.html",
                lang,
                plan=figures,
                fiscal_year=FiscalYear(figures.fiscal_year),
                other=with_query("", {**kept, "lang": _OTHER[lang]}),
            )
            return position, html.encode()

        rendered = svc.public.serve(
            lambda position: ("public", ident, day, lang, position), reader.position(), build
        )
    except NotFoundError:
        return _page("public/missing.html", lang, 404)  # the same for unknown and private
    except PublicBusyError as error:
        wait = {"Retry-After": str(RETRY_SECONDS)}
        return _page("public/refused.html", lang, 503, wait, message=error.message(lang))
    except InputError as error:
        return _page("public/refused.html", lang, 422, message=error.message(lang))
    headers = {**_HEADERS, "ETag": rendered.etag, "Content-Language": lang}
    if rendered.etag in tags_asked(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(rendered.body, headers=headers)


_OTHER = {"th": "en", "en": "th"}
_HEADERS = {**SECURITY_HEADERS, "Cache-Control": f"public, max-age={CACHED_SECONDS}"}


def _plan_id(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise NotFoundError("plan_not_found", plan=text[:40]) from None


def _missing(ident: UUID) -> NotFoundError:
    """A plan that is not public reads exactly as one that does not exist."""
    return NotFoundError("plan_not_found", plan=str(ident))


def _day(text: str, fiscal_year: FiscalYear, today: date) -> date:
    """Today, or the day ``?on=`` names: within the plan's fiscal year or after it, up
    to today (the public page reports what happened, not a forecast)."""
    if not text.strip():
        return today
    day = parse_date(text, field="on")
    if not fiscal_year.start <= day <= today:
        raise InputError(
            "public_day_out_of_range", field="on", day=day, start=fiscal_year.start, today=today
        )
    return day


def _draw(template: str, lang: str, **context: Any) -> str:
    def t(key: str, **values: object) -> str:
        return i18n.text(key, lang, **values)

    return environment().get_template(template).render(lang=lang, t=t, **context)


def _page(
    template: str, lang: str, status: int, headers: dict[str, str] | None = None, **shown: Any
) -> HTMLResponse:
    """A public refusal: the public layout, no link into the signed-in app, not kept."""
    sent = {**SECURITY_HEADERS, "Content-Language": lang, **(headers or {})}
    return HTMLResponse(_draw(template, lang, **shown), status_code=status, headers=sent)


register_messages(
    {
        "public_day_out_of_range": (
            "แสดงข้อมูลได้ตั้งแต่ {start} ถึง {today} (ขอ {day})",
            "figures can be shown from {start} to {today} (asked for {day})",
        ),
    }
)

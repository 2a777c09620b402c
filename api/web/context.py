"""What every page request knows: who is asking, in which language, as of when.

A page is read with the session cookie the JSON API also honours. Forms carry
the session's CSRF token in a hidden ``csrf`` field, checked here against the
signed cookie (the sign-in form, made before any session exists, uses a
double-submit cookie instead). ``as_of`` travels in the query string of every
link while it is set, so an auditor who picked an instant stays in it.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Annotated
from urllib.parse import quote, unquote, urlencode

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData
from starlette.routing import NoMatchFound

from api.deps import SESSION_COOKIE, ServicesDep
from api.services import Services
from api.tenancy import check_reach
from api.web import i18n
from domain.clock import BANGKOK
from domain.errors import ForbiddenError, InputError, NotSignedInError, register_messages
from domain.parsing import checked_instant, parse_date
from domain.policy import Action, Principal
from projections.facts import PlanFacts
from projections.tenancy import Reach

LANG_COOKIE = "tidtam_lang"
FLASH_COOKIE = "tidtam_flash"
ANON_CSRF_COOKIE = "tidtam_signin_csrf"


@dataclass
class Page:
    """The request as the templates see it."""

    request: Request
    svc: Services
    who: Principal | None
    lang: str
    csrf: str
    as_of: datetime | None
    today: date
    flash: str | None = None
    path_params: dict[str, str] = field(default_factory=dict)
    on: date | None = None
    """The business date asked for in ``?on=`` (ISO, or BE as the date fields write it)."""

    @property
    def reach(self) -> Reach:
        """The organisations whose things this page may list: the principal's (None:
        every one); nothing for someone not signed in."""
        return self.who.organisations if self.who is not None else frozenset()

    @cached_property
    def newest_plan(self) -> PlanFacts | None:
        """The plan the navigation links to on pages of no plan (alerts, the feed):
        the newest fiscal year's of the principal's organisations, as known at the
        page's instant."""
        reader = self.svc.runtime.reader
        if self.as_of is None:
            known = reader.plans(self.reach)
        else:
            known = reader.plans_as_of(self.as_of, self.reach)
        return known[0] if known else None

    @property
    def day(self) -> date:
        """The business date pages assess on: ``?on=`` if given, else the instant's day in
        the past, else today."""
        if self.on is not None:
            return self.on
        return self.as_of.astimezone(BANGKOK).date() if self.as_of else self.today

    @property
    def on_another_day(self) -> bool:
        """Whether the page assesses on a business date other than today's (a banner says so)."""
        return self.on is not None and self.on != self.today

    def t(self, key: str, **values: object) -> str:
        return i18n.text(key, self.lang, **values)

    def can(self, action: str, unit: str | None = None) -> bool:
        return self.who is not None and self.who.can(Action(action), unit)

    def has_route(self, name: str) -> bool:
        """Whether the app has a route ``name`` without path parameters (e.g. ``alerts_page``)."""
        try:
            self.request.app.url_path_for(name)
        except NoMatchFound:
            return False
        return True

    def url(self, name: str, **params: object) -> str:
        """The path of route ``name``: path parameters filled in, the rest as the query;
        ``as_of`` is carried along while it is set (pass ``as_of=None`` to drop it)."""
        route: APIRoute | None = self.request.app.state.page_routes.get(name)
        names = set(route.param_convertors) if route else set()
        path = {k: str(v) for k, v in params.items() if k in names}
        query = {k: v for k, v in params.items() if k not in names}
        if self.as_of is not None and "as_of" not in query:
            query["as_of"] = self.as_of_text
        if self.on is not None and "on" not in query and name in DAY_PAGES:
            query["on"] = self.on.isoformat()
        found = route.url_path_for(name, **path) if route else self.request.app.url_path_for(name)
        return with_query(str(found), query)

    @property
    def flash_message(self) -> str:
        """The message a redirect left behind (``key`` or ``key|code``), in this language."""
        if not self.flash:
            return ""
        key, _, code = unquote(self.flash).partition("|")
        return self.t(key, code=code) if key in FLASH_KEYS else ""

    @property
    def secure(self) -> bool:
        """Whether cookies may be sent over HTTPS only (when the page was served over it)."""
        return self.request.url.scheme == "https"

    @property
    def as_of_text(self) -> str:
        """The instant as it appears in URLs: ISO, Bangkok time with its offset."""
        return self.as_of.astimezone(BANGKOK).isoformat(timespec="minutes") if self.as_of else ""

    @property
    def present(self) -> str:
        """This page without ``as_of``: the way back from the past."""
        query = {k: v for k, v in self.request.query_params.items() if k not in ("as_of", "after")}
        return with_query(self.request.url.path, dict(query))

    @property
    def without_on(self) -> str:
        """This page on today's date: the way back from another business date."""
        query = {k: v for k, v in self.request.query_params.items() if k != "on"}
        return with_query(self.request.url.path, dict(query))

    @property
    def here(self) -> str:
        """This page's path and query, for ``next`` after signing in or switching language."""
        query = self.request.url.query
        return self.request.url.path + (f"?{query}" if query else "")


DAY_PAGES = frozenset(
    {
        "plans_page",
        "plan_page",
        "vs_actual_page",
        "editions_page",
        "reports_page",
        "summary_page",
        "overview_page",
    }
)
"""The pages that read the plan on a business date: links between them keep ``?on=``.
An activity's or a project's page shows its state on that date too, but without
forms (commands act on the present), so links there leave it behind."""

FLASH_KEYS = frozenset({"signed_out"} | {k for k in i18n.TEXT if k.startswith("done.")})


def set_flash(response: Response, key: str, code: str = "") -> None:
    """Leave a message for the page the redirect leads to (shown once, then deleted)."""
    response.set_cookie(
        FLASH_COOKIE, quote(f"{key}|{code}"), max_age=60, httponly=True, samesite="lax"
    )


def with_query(path: str, query: Mapping[str, object]) -> str:
    pairs = [(k, str(v)) for k, v in query.items() if v not in (None, "", False)]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def local_path(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path on this site (never another host), else ``default``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def parse_instant(text: str) -> datetime:
    """An ISO instant from a URL; without an offset it is Bangkok time (as people think)."""
    try:
        value = datetime.fromisoformat(text.strip().replace(" ", "+"))
    except ValueError:
        raise InputError("as_of_format", field="as_of", text=text) from None
    return checked_instant(value if value.tzinfo else value.replace(tzinfo=BANGKOK), field="as_of")


def page_context(request: Request, svc: ServicesDep) -> Page:
    """Who asks (if anyone), the language, the instant and the flash message of a page."""
    who, csrf = _session(request, svc)
    lang = request.cookies.get(LANG_COOKIE, "th")
    lang = lang if lang in i18n.LANGUAGES else "th"
    raw = request.query_params.get("as_of")
    page = Page(
        request=request,
        svc=svc,
        who=who,
        lang=lang,
        csrf=csrf or request.cookies.get(ANON_CSRF_COOKIE) or "",
        as_of=None,
        today=svc.runtime.tracker.clock.today(),
        flash=request.cookies.get(FLASH_COOKIE),
        path_params={k: str(v) for k, v in request.path_params.items()},
    )
    request.state.page = page  # the error pages render with it
    if who is not None:  # nothing of another organisation, before anything is read
        check_reach(svc.tenancy, who, page.path_params, request.query_params)
    if on := request.query_params.get("on", "").strip():
        page.on = parse_date(on[:40], field="on")
    if raw:
        page.as_of = parse_instant(raw)
        if who is not None and not who.can(Action.OVERSEE):
            who.require(Action.AUDIT)  # time travel: auditors, managers and overseers
    return page


def _session(request: Request, svc: Services) -> tuple[Principal | None, str | None]:
    cookie = request.cookies.get(SESSION_COOKIE)
    session = svc.sessions.read(cookie) if cookie else None
    if session is None:
        return None, None
    return svc.auth.by_session(session.username, session.began_at), session.csrf


PageDep = Annotated[Page, Depends(page_context)]


def signed_in(page: PageDep) -> Page:
    """A page for signed-in people only; others are sent to sign in."""
    if page.who is None:
        raise NotSignedInError("not_signed_in")
    return page


SignedIn = Annotated[Page, Depends(signed_in)]


def allowed(action: Action) -> Callable[[Page], Awaitable[Page]]:
    """A page for those who may take ``action``: others see the error page naming the
    rule (403), and those not signed in are sent to sign in."""

    async def may(page: SignedIn) -> Page:
        who_of(page).require(action)
        return page

    return may


Reading = Annotated[Page, Depends(allowed(Action.READ))]
Auditing = Annotated[Page, Depends(allowed(Action.AUDIT))]


async def form_data(request: Request) -> AsyncIterator[FormData]:
    """The posted form; its uploaded files (spooled to disk) are closed after the page."""
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()


FormDep = Annotated[FormData, Depends(form_data)]


def posted(page: SignedIn, form: FormDep) -> Page:
    """A form post from a signed-in person: its ``csrf`` field must match the session's."""
    if not csrf_matches(form.get("csrf"), page.csrf):
        raise ForbiddenError("csrf_failed")
    return page


Posted = Annotated[Page, Depends(posted)]


def csrf_matches(sent: object, expected: str) -> bool:
    return isinstance(sent, str) and bool(expected) and hmac.compare_digest(sent, expected)


def new_csrf() -> str:
    return secrets.token_urlsafe(16)


def who_of(page: Page) -> Principal:
    """The signed-in principal of a page that requires one."""
    if page.who is None:
        raise NotSignedInError("not_signed_in")
    return page.who


register_messages(
    {
        "as_of_format": (
            "'{text}' ไม่ใช่เวลา ให้เขียนเช่น 2009-02-01T12:00 (เวลาประเทศไทย)",
            "'{text}' is not an instant: write e.g. 2009-02-01T12:00 (Bangkok time)",
        ),
    }
)

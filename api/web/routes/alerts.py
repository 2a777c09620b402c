"""Alerts: the flags the scheduler raised, grouped by unit. Managers acknowledge or snooze
them, each an event on the activity with the manager as actor (as `api.routes.alerts` does
over JSON); auditors read the same page without the forms, to see who quieted what.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby
from uuid import UUID

from fastapi import APIRouter, Response
from fastapi.responses import RedirectResponse

from api.web import reading
from api.web.context import FormDep, Posted, SignedIn, set_flash, who_of
from api.web.render import PageRoute, render
from domain.calendar import parse_date
from domain.errors import InputError, NotFoundError, RuleViolation, TidtamError, Words
from domain.flags import RESOLUTION_WORDS, RULE_WORDS, Rule
from domain.policy import Action
from projections.alerts_view import AlertReader, AlertRow
from projections.assess import code_key

router = APIRouter(route_class=PageRoute, include_in_schema=False)
RESOLVED_SHOWN = 20


@router.get("/alerts", name="alerts_page")
def alerts_page(page: SignedIn) -> Response:
    """Open flags by unit (acknowledged and snoozed ones marked), then the latest resolved."""
    who = who_of(page)
    if not who.can(Action.AUDIT):
        who.require(Action.ALERTS)
    return _render(page)


@router.post("/alerts/{flag_id}/ack", name="alerts_ack")
def acknowledge(flag_id: UUID, page: Posted, form: FormDep) -> Response:
    row = _flag(page, flag_id)
    try:
        outcome = page.svc.runtime.tracker.acknowledge_flag(
            row.activity_id, flag_id, actor=who_of(page).username, note=str(form.get("note", ""))
        )
    except RuleViolation as error:  # resolved by a scan since the page was drawn
        return _render(page, error=error, failed=flag_id, status=422)
    return _done(page, outcome.position, "done.ack", row.code)


@router.post("/alerts/{flag_id}/snooze", name="alerts_snooze")
def snooze(flag_id: UUID, page: Posted, form: FormDep) -> Response:
    row = _flag(page, flag_id)
    try:
        until = parse_date(str(form.get("until", "")))
        outcome = page.svc.runtime.tracker.snooze_flag(
            row.activity_id, flag_id, until=until, actor=who_of(page).username,
            note=str(form.get("note", "")),
        )  # fmt: skip
    except (InputError, RuleViolation) as error:
        return _render(page, error=error, failed=flag_id, status=422)
    return _done(page, outcome.position, "done.snooze", row.code)


def _flag(page: Posted, flag_id: UUID) -> AlertRow:
    who_of(page).require(Action.ALERTS)
    row = AlertReader(page.svc.runtime.projections.db).flag(flag_id)
    if row is None:
        raise NotFoundError("flag_unknown", code="", flag=str(flag_id))
    return row


def _done(page: Posted, position: int, key: str, code: str) -> Response:
    reading.catch_up(page, position)
    response = RedirectResponse(page.url("alerts_page"), status_code=303)
    set_flash(response, key, code)
    return response


def _render(
    page: SignedIn, *, error: TidtamError | None = None, failed: UUID | None = None,
    status: int = 200,
) -> Response:  # fmt: skip
    rows = AlertReader(page.svc.runtime.projections.db).flags()
    live = sorted(
        (r for r in rows if r.resolved_on is None),
        key=lambda r: (r.unit, code_key(r.code), r.rule, r.step),
    )
    units = [(unit, list(items)) for unit, items in groupby(live, key=lambda r: r.unit)]
    failed_live = failed is not None and any(r.flag_id == failed for r in live)
    resolved = sorted(
        (r for r in rows if r.resolved_on is not None),
        key=lambda r: r.resolved_position or 0,
        reverse=True,
    )[:RESOLVED_SHOWN]
    return render(
        page, "alerts.html", status_code=status, units=units, resolved=resolved,
        open_count=sum(1 for r in live if r.state_on(page.today) == "open"),
        rule_of=lambda r: _say(RULE_WORDS[Rule(r.rule)], page.lang),
        reason_of=lambda r: _say(RESOLUTION_WORDS.get(r.resolved_reason or ""), page.lang)
        or r.resolved_reason,
        error=error, failed=str(failed) if failed else "", failed_live=failed_live,
        suggested_until=page.today + timedelta(days=7),
    )  # fmt: skip


def _say(words: Words | None, lang: str) -> str:
    if words is None:
        return ""
    return words.th if lang == "th" else words.en

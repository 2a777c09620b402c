"""Alerts: the flags the scheduler raised, grouped by unit. Managers acknowledge or snooze
them, each an event on the activity with the manager as actor (as `api.routes.alerts` does
over JSON); auditors read the same page without the forms, to see who quieted what.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import groupby
from uuid import UUID

from fastapi import APIRouter, Response

from api.web.commands import answer
from api.web.context import FormDep, Posted, SignedIn, who_of
from api.web.render import PageRoute, render
from application.outcome import Outcome
from domain.errors import NotFoundError, TidtamError
from domain.parsing import parse_date
from domain.policy import Action
from domain.words import RESOLUTIONS, RULES
from projections.alerts_view import AlertReader, AlertRow
from projections.assess import code_key

router = APIRouter(route_class=PageRoute, include_in_schema=False)
RESOLVED_SHOWN = 20


@router.get("/alerts", name="alerts_page")
def alerts_page(page: SignedIn) -> Response:
    """Open flags by unit (acknowledged and snoozed ones marked), then the latest resolved:
    of the plans of the principal's organisations."""
    who = who_of(page)
    if not who.can(Action.AUDIT):
        who.require(Action.ALERTS)
    return _render(page)


@router.post("/alerts/{flag_id}/ack", name="alerts_ack")
def acknowledge(flag_id: UUID, page: Posted, form: FormDep) -> Response:
    row = _flag(page, flag_id)
    return _answer(
        page, "ack", row, lambda: page.svc.runtime.tracker.acknowledge_flag(
            row.activity_id, flag_id, actor=who_of(page).username,
            note=str(form.get("note", "")),
        ),
    )  # fmt: skip


@router.post("/alerts/{flag_id}/snooze", name="alerts_snooze")
def snooze(flag_id: UUID, page: Posted, form: FormDep) -> Response:
    row = _flag(page, flag_id)
    return _answer(
        page, "snooze", row, lambda: page.svc.runtime.tracker.snooze_flag(
            row.activity_id, flag_id, until=parse_date(str(form.get("until", ""))),
            actor=who_of(page).username, note=str(form.get("note", "")),
        ),
    )  # fmt: skip


def _flag(page: Posted, flag_id: UUID) -> AlertRow:
    who_of(page).require(Action.ALERTS)
    row = AlertReader(page.svc.runtime.projections.db).flag(flag_id)
    if row is None:
        raise NotFoundError("flag_unknown", code="", flag=str(flag_id))
    return row


def _answer(page: Posted, name: str, row: AlertRow, run: Callable[[], Outcome]) -> Response:
    """As every form is answered (``api.web.commands``); a flag resolved by a scan since
    the page was drawn is refused, and the page is drawn again with the message there."""
    return answer(
        page, name, run,
        redraw=lambda error, status: _render(page, error=error, failed=row.flag_id, status=status),
        done_url=lambda: page.url("alerts_page"),
        flash_code=lambda: row.code,
    )  # fmt: skip


def _render(
    page: SignedIn, *, error: TidtamError | None = None, failed: UUID | None = None,
    status: int = 200,
) -> Response:  # fmt: skip
    rows = AlertReader(page.svc.runtime.projections.db).flags(reach=page.reach)
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
        rule_of=lambda r: RULES[r.rule].in_(page.lang),
        reason_of=lambda r: _resolution(r, page.lang),
        error=error, failed=str(failed) if failed else "", failed_live=failed_live,
        suggested_until=page.today + timedelta(days=7),
    )  # fmt: skip


def _resolution(row: AlertRow, lang: str) -> str | None:
    """Why the flag was resolved, in words; a reason the catalogue does not name, as stored."""
    words = RESOLUTIONS.get(row.resolved_reason or "")
    return words.in_(lang) if words else row.resolved_reason

"""Alerts: the flags the scheduler raised, and managers acknowledging or snoozing them.

Acknowledging and snoozing are events on the activity, with the manager as actor;
so their ``If-Match`` names the activity's version (its ETag), and they return it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, cast
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AlertHandler, CurrentUser, Reader, ServicesDep
from api.freshness import read_your_writes
from api.routes.common import (
    IfMatch,
    MinPosition,
    business_today,
    expected_version,
    run_command,
)
from api.schemas.commands import CommandOut
from domain.errors import NotFoundError
from domain.flags import Rule
from domain.policy import Action
from domain.words import RULES
from projections.alerts_view import AlertReader, AlertRow

router = APIRouter(prefix="/api/v1/alerts", tags=["alerts"])
State = Literal["open", "acknowledged", "snoozed", "resolved"]


class AlertOut(BaseModel):
    flag_id: UUID
    activity_id: UUID
    plan_id: UUID | None
    code: str
    name: str
    unit: str
    rule: Rule
    rule_th: str
    step: int | None
    period: str
    details: str
    state: State
    detected_on: date
    due_on: date | None
    acknowledged_by: str | None
    snoozed_until: date | None
    resolved_on: date | None
    resolved_reason: str | None
    place: str = Field(description="Where the activity sits in the plan")


class AckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field("", max_length=2000)


class SnoozeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    until: date = Field(description="Stay quiet until this business date (ISO)")
    note: str = Field("", max_length=2000)


def alert_out(row: AlertRow, today: date) -> AlertOut:
    return AlertOut(
        flag_id=row.flag_id,
        activity_id=row.activity_id,
        plan_id=row.plan_id,
        code=row.code,
        name=row.name,
        unit=row.unit,
        rule=Rule(row.rule),
        rule_th=RULES[row.rule].th,
        step=row.step or None,
        period=row.period,
        details=row.details,
        state=cast(State, row.state_on(today)),
        detected_on=row.detected_on,
        due_on=row.due_on,
        acknowledged_by=row.acknowledged_by,
        snoozed_until=row.snoozed_until,
        resolved_on=row.resolved_on,
        resolved_reason=row.resolved_reason,
        place=row.place_th(),
    )


@router.get("", response_model=list[AlertOut])
def alerts(
    svc: ServicesDep,
    who: Reader,
    state: Annotated[State | None, Query()] = None,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    plan: Annotated[UUID | None, Query()] = None,
    activity: Annotated[UUID | None, Query()] = None,
    min_position: MinPosition = None,
) -> list[AlertOut]:
    """Flags of the principal's organisations' plans, newest last: open, acknowledged,
    snoozed or resolved. Staff see their units'."""
    read_your_writes(svc, min_position)
    today = business_today(svc)
    rows = AlertReader(svc.runtime.projections.db).flags(
        unit=unit, plan=plan, activity=activity, reach=who.organisations
    )
    out = [alert_out(r, today) for r in rows if who.can(Action.RECORD, r.unit) or _sees_all(who)]
    return [a for a in out if state is None or a.state == state]


@router.post("/{flag_id}/ack", response_model=CommandOut)
def acknowledge(
    flag_id: Annotated[UUID, Path()], body: AckIn, svc: ServicesDep, who: AlertHandler,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Acknowledge a flag (managers)."""
    row = _flag(svc, flag_id)
    return CommandOut.of(
        run_command(
            svc, "ack", lambda: svc.runtime.tracker.acknowledge_flag(
                row.activity_id, flag_id, actor=who.username, note=body.note,
                expected_version=expected_version(if_match),
            ), response,
        )
    )  # fmt: skip


@router.post("/{flag_id}/snooze", response_model=CommandOut)
def snooze(
    flag_id: Annotated[UUID, Path()], body: SnoozeIn, svc: ServicesDep, who: AlertHandler,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Keep a flag quiet until a date (managers)."""
    row = _flag(svc, flag_id)
    return CommandOut.of(
        run_command(
            svc, "snooze", lambda: svc.runtime.tracker.snooze_flag(
                row.activity_id, flag_id, until=body.until, actor=who.username, note=body.note,
                expected_version=expected_version(if_match),
            ), response,
        )
    )  # fmt: skip


def _flag(svc: ServicesDep, flag_id: UUID) -> AlertRow:
    row = AlertReader(svc.runtime.projections.db).flag(flag_id)
    if row is None:
        raise NotFoundError("flag_unknown", code="", flag=str(flag_id))
    return row


def _sees_all(who: CurrentUser) -> bool:
    return Action.ALERTS in who.actions or Action.AUDIT in who.actions

"""The page of one's own work (``/my-work``): what a person owes on their units'
activities today (:mod:`projections.work_owed`), each with a one-tap progress form, and
the open alerts of those units.

Staff see their own units, managers every unit, grouped by unit: in the plans of their
own organisations only (a unit's name, กองช่าง, repeats in every municipality). Auditors
and admins are refused (403, ``role_forbidden``): they record nothing, so no work is
theirs to owe, and what is late across the office they read on plan versus actual and
the alerts page.

The page reads the present: today in Bangkok from the runtime's clock, never ``?on=`` nor
an instant in the past, since its forms act on the present. Each form is the activity
page's progress form (``forms.BY_NAME["progress"]``), posted to the same route with the
version the item was read at and ``next`` leading back here: one way of recording, whose
refusals are drawn on the activity's page beside the field, as there.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from api.web.context import Page, allowed, who_of
from api.web.forms import BY_NAME, default_day
from api.web.render import PageRoute, render
from domain.policy import Action
from domain.thai import name_key
from domain.words import RULES
from projections.alerts_view import AlertReader, AlertRow
from projections.assess import code_key
from projections.work_owed import OwedWork, WorkOwedReader

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Recording = Annotated[Page, Depends(allowed(Action.RECORD))]


@dataclass(slots=True)
class UnitWork:
    """One unit's part of the page: the work it owes and its open alerts."""

    unit: str
    work: list[OwedWork] = field(default_factory=list)
    alerts: list[AlertRow] = field(default_factory=list)


@router.get("/my-work", name="my_work_page")
def my_work_page(page: Recording) -> Response:
    page.as_of = page.on = None  # the present: the forms act on it
    units = who_of(page).units_for(Action.RECORD)
    db = page.svc.runtime.projections.db
    stale_days = page.svc.settings.stale_days
    owed = WorkOwedReader(db).owed(page.today, units=units, stale_days=stale_days, reach=page.reach)
    alerts = [
        r
        for r in AlertReader(db).flags(open_only=True, reach=page.reach)
        if units is None or r.unit_key in units
    ]
    return render(
        page, "my_work.html", nav="my_work", groups=by_unit(owed, alerts),
        everyone=units is None, no_units=units is not None and not units,
        stale_days=stale_days, form=BY_NAME["progress"], default_day=default_day,
        rule_of=lambda r: RULES[r.rule].in_(page.lang),
    )  # fmt: skip


def by_unit(owed: Collection[OwedWork], alerts: Collection[AlertRow]) -> list[UnitWork]:
    """The work and alerts of each unit (compared as keys), units in name order; the
    work in the reader's order (the latest first), alerts in the plan's code order."""
    groups: dict[str, UnitWork] = {}
    for work in owed:
        groups.setdefault(name_key(work.unit), UnitWork(work.unit)).work.append(work)
    for alert in sorted(alerts, key=lambda r: (code_key(r.code), r.rule, r.step)):
        groups.setdefault(alert.unit_key, UnitWork(alert.unit)).alerts.append(alert)
    return [groups[key] for key in sorted(groups)]

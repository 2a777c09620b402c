"""The JSON shapes people and programs read: the plan resource and plan versus actual.

The CLI's ``--json`` and the HTTP API serve exactly these, so a script written
against one works against the other. Amounts are decimal strings, months and
dates ISO (CE); Thai labels are for pages, not for data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from domain.calendar import Month
from domain.money import ZERO
from projections.assess import (
    ActivityAssessment,
    PlanVersusActual,
    Rollup,
    code_key,
    plan_versus_actual,
)
from projections.facts import ActivityFacts
from projections.queries import PlanSnapshot


def money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def months(values: tuple[Month, ...]) -> list[str]:
    return [m.iso for m in values]


def plan_resource(snapshot: PlanSnapshot, on: date) -> dict[str, Any]:
    """The plan tree as it stands on ``on``: budgets, months, status, progress, spent."""
    plan = snapshot.plan
    projects = sorted(
        (p for p in snapshot.projects if p.planned_on <= on), key=lambda p: code_key(p.code)
    )
    activities = sorted(
        (a for a in snapshot.activities if a.exists_on(on)), key=lambda a: code_key(a.code)
    )
    return {
        "id": str(plan.id),
        "organisation": plan.organisation,
        "fiscal_year": plan.fiscal_year,
        "strategy": plan.strategy_path,
        "strategy_levels": [{"code": c, "name": n} for c, n in plan.strategy],
        "title": plan.title,
        "objective": plan.objective,
        "source": plan.source,
        "on": on.isoformat(),
        "total_budget": money(sum((p.budget_on(on) for p in projects), ZERO)),
        "projects": [
            {
                "id": str(p.id),
                "code": p.code,
                "name": p.name,
                "budget": money(p.budget_on(on)),
                "original_budget": money(p.original_budget),
                "activities": [
                    activity_resource(a, on) for a in activities if a.project_id == p.id
                ],
            }
            for p in projects
        ],
    }


def activity_resource(a: ActivityFacts, on: date) -> dict[str, Any]:
    return {
        "id": str(a.id),
        "code": a.code,
        "name": a.name,
        "details": a.details,
        "area": a.area,
        "unit": a.unit,
        "budget": money(a.allocation_on(on)),
        "original_budget": money(a.original_allocation),
        "planned_months": months(a.months_on(on)),
        "original_months": months(a.original_months),
        "steps": [
            {
                "number": s.number,
                "text": s.text,
                "planned_months": months(a.step_months_on(s, on)),
                "completed": s.completed_on is not None and s.completed_on <= on,
                "completed_on": (
                    s.completed_on.isoformat() if s.completed_on and s.completed_on <= on else None
                ),
            }
            for s in a.steps
        ],
        "status": a.lifecycle_on(on),
        "progress": a.progress_on(on),
        "spent": money(a.spent_on(on)),
        "started_on": _iso(a.started_by(on)),
        "version": a.version,
    }


def assessment_row(r: ActivityAssessment) -> dict[str, Any]:
    return {
        "id": r.id,
        "code": r.code,
        "name": r.name,
        "project": r.project_code,
        "unit": r.unit,
        "area": r.area,
        "lifecycle": r.lifecycle,
        "status": r.status.value,
        "progress": r.progress,
        "expected_progress": r.expected_progress,
        "expected_basis": r.expected_basis,
        "original_budget": money(r.original_budget),
        "allocated": money(r.allocated),
        "spent": money(r.spent),
        "remaining": money(r.remaining),
        "disbursed_percent": str(r.disbursed_percent),
        "planned_months": months(r.planned_months),
        "actual_start": _iso(r.actual_start),
        "actual_end": _iso(r.actual_end),
        "days_late": r.days_late,
        "grid": [
            {"month": c.month.iso, "planned": c.planned, "worked": c.worked, "state": c.state}
            for c in r.grid
        ],
        "steps": [
            {
                "number": s.number,
                "text": s.text,
                "planned_months": months(s.planned_months),
                "due_on": _iso(s.due_on),
                "completed_on": _iso(s.completed_on),
            }
            for s in r.steps
        ],
        "version": r.version,
    }


def rollup_row(r: Rollup) -> dict[str, Any]:
    return {
        "key": r.key,
        "label": r.label,
        "activities": r.activities,
        "by_status": dict(sorted(r.by_status.items())),
        "late": r.late,
        "progress": r.progress,
        "expected_progress": r.expected_progress,
        "original_budget": money(r.original_budget),
        "allocated": money(r.allocated),
        "spent": money(r.spent),
        "remaining": money(r.remaining),
        "disbursed_percent": str(r.disbursed_percent),
    }


def plan_vs_actual_resource(snapshot: PlanSnapshot, on: date) -> dict[str, Any]:
    report: PlanVersusActual = plan_versus_actual(snapshot.activities, snapshot.projects, on)
    return {
        "plan_id": str(snapshot.plan.id),
        "fiscal_year": snapshot.plan.fiscal_year,
        "strategy": snapshot.plan.strategy_path,
        "on": on.isoformat(),
        "rows": [assessment_row(r) for r in report.rows],
        "late": [r.code for r in report.late_first],
        "projects": [rollup_row(r) for r in report.projects],
        "units": [rollup_row(r) for r in report.units],
        "total": rollup_row(report.total),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None

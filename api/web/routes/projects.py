"""One project: its budget, what its activities hold of it, and the managers' forms.

Managers revise a project's budget or call the project off here, as the JSON API
and the CLI do. A form carries the project's version; another manager's change,
or an activity's allocation reserved meanwhile (it moves the project too), is
refused with ``ConflictError`` and the page comes back with the newer figures and
what was typed. A refused rule re-draws the form with the message at its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response

from api.web import reading
from api.web.commands import answer
from api.web.context import FormDep, Page, Posted, Reading, who_of
from api.web.forms import (
    PROJECT_FORMS,
    PROJECT_FORMS_BY_NAME,
    ProjectCommand,
    default_day,
    values_of,
)
from api.web.render import PageRoute, render
from application.outcome import Outcome
from domain.calendar import FiscalYear
from domain.errors import ConflictError, NotFoundError, RuleViolation, TidtamError
from domain.plan import Project
from domain.policy import Action
from projections.assess import ActivityAssessment, assess, code_key, rollup
from projections.facts import ActivityFacts, ProjectFacts

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ProjectCode = Annotated[str, Path(max_length=20)]
FormName = Annotated[str, Path(pattern="^(" + "|".join(PROJECT_FORMS_BY_NAME) + ")$")]


@dataclass(frozen=True, slots=True)
class Holding:
    """One activity of the project, as the page lists it."""

    facts: ActivityFacts
    assessment: ActivityAssessment


SectionKey = Annotated[str, Query(max_length=300)]
"""The project's section, where its code repeats from section to section ("": the only
one that holds the code)."""


@router.get("/plans/{plan_id}/projects/{code}", name="project_page")
def project_page(
    plan_id: UUID, code: ProjectCode, page: Reading, section: SectionKey = ""
) -> Response:
    return _page(page, plan_id, code, section)


@router.post("/plans/{plan_id}/projects/{code}/{form_name}", name="project_command")
def project_command(
    plan_id: UUID, code: ProjectCode, form_name: FormName, page: Posted, form: FormDep,
    section: SectionKey = "",
) -> Response:  # fmt: skip
    """Run one of the project's forms; refusals re-draw the page, success redirects to it."""
    who = who_of(page)
    spec = PROJECT_FORMS_BY_NAME[form_name]
    values = values_of([(k, v) for k, v in form.multi_items() if isinstance(v, str)])
    page.as_of = page.on = None  # the past is read-only: commands always act on the present

    def run() -> Outcome:
        who.require(Action.MANAGE)
        return spec.run(
            ProjectCommand.of(
                values,
                tracker=page.svc.runtime.tracker,
                actor=who.username,
                plan_id=plan_id,
                code=code,
                today=page.today,
                fiscal_year=page.svc.runtime.reader.snapshot(plan_id).plan.fiscal_year,
                section=section or None,
            )
        )

    return answer(
        page, spec.name, run,
        redraw=lambda error, status: _page(
            page, plan_id, code, section, form_name, values, error, status=status
        ),
        done_url=lambda: page.url(
            "project_page", plan_id=plan_id, code=code, section=section or None
        ),
        flash_code=lambda: code,
    )  # fmt: skip


def _page(
    page: Page,
    plan_id: UUID,
    code: str,
    section: str = "",
    form_name: str = "",
    values: dict[str, str | list[str]] | None = None,
    error: TidtamError | None = None,
    *,
    status: int = 200,
) -> Response:
    snapshot = reading.snapshot(page, plan_id)
    project = _project(snapshot.projects, plan_id, code, section)
    own = [a for a in snapshot.activities if a.project_id == project.id]
    own.sort(key=lambda a: code_key(a.code))
    holdings = [Holding(a, found) for a in own if (found := assess(a, page.day)) is not None]
    budget = project.budget_on(page.day)
    sums = rollup(project.code, project.name, (h.assessment for h in holdings))
    # Forms act on the present: none while the page reads the past or another business date.
    live = page.as_of is None and not page.on_another_day and project.cancelled_on is None
    conflict = error if isinstance(error, ConflictError) else None
    return render(
        page, "project.html", status_code=status,
        plan=snapshot.plan, facts=project, holdings=holdings, budget=budget,
        held=sums.allocated, free=budget - sums.allocated, spent=sums.spent,
        revisions=_revisions(page, project),
        forms=PROJECT_FORMS if live and page.can(Action.MANAGE.value) else (),
        form_name=form_name, values=values or {},
        error=error if conflict is None else None, conflict=conflict,
        form_version=project.version,
        fiscal_year=FiscalYear(snapshot.plan.fiscal_year),
        default_day=default_day(page.today, snapshot.plan.fiscal_year),
        command_url=lambda name: page.url(
            "project_command", plan_id=plan_id, code=code, form_name=name, as_of=None,
            section=section or None,
        ),
    )  # fmt: skip


def _revisions(page: Page, project: ProjectFacts) -> list[Project.ProjectBudgetRevised]:
    """The project's budget revisions, with who made them: from its own stream (a few
    events), as known at the page's instant and in force by its business date."""
    return [
        e
        for e in page.svc.runtime.tracker.history(project.id)
        if isinstance(e, Project.ProjectBudgetRevised)
        and e.occurred_on <= page.day
        and (page.as_of is None or e.timestamp <= page.as_of)
    ]


def _project(
    projects: tuple[ProjectFacts, ...], plan_id: UUID, code: str, section: str
) -> ProjectFacts:
    """The project with ``code`` (in ``section``, where codes repeat across sections)."""
    found = [p for p in projects if p.code == code and (not section or p.section == section)]
    if not found:
        raise NotFoundError("project_not_found", code=code, plan=str(plan_id))
    if len(found) > 1:
        raise RuleViolation(
            "code_in_several_sections", field="section", code=code,
            sections=[p.section for p in found],
        )  # fmt: skip
    return found[0]

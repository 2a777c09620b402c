"""One activity: everything about it, its timeline, and the forms to record on it.

A form carries the activity's version it was drawn at and passes it as
``expected_version``: if someone recorded in between, the tracker refuses with
``ConflictError`` and the page comes back with the newer state and the typed
values, never overwriting. A refused rule re-draws the form with the message
beside the field the error names. Success is POST-redirect-GET with a flash.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Response
from starlette.datastructures import UploadFile

from api.activity_commands import Asked
from api.evidence import read_upload, served
from api.web import reading
from api.web.commands import answer
from api.web.context import FormDep, Page, Posted, Reading, local_path, who_of
from api.web.forms import BY_NAME, FORMS, default_day, text, values_of, version_of
from api.web.render import PageRoute, render
from api.web.report_words import quantity
from api.web.timeline import attached, entry
from application.outcome import Outcome
from domain.calendar import FiscalYear
from domain.errors import ConflictError, TidtamError
from domain.evidence import megabytes
from domain.outputs import propose_output
from projections.assess import assess
from projections.facts import ActivityFacts

router = APIRouter(route_class=PageRoute, include_in_schema=False)
FormName = Annotated[str, Path(pattern="^(" + "|".join(BY_NAME) + ")$")]


@router.get("/activities/{activity_id}", name="activity_page")
def activity_page(activity_id: UUID, page: Reading) -> Response:
    return _page(page, activity_id)


@router.get("/activities/{activity_id}/evidence/{sha256}", name="evidence_file")
def evidence_file(
    activity_id: UUID, sha256: Annotated[str, Path(pattern="^[0-9a-f]{64}$")], page: Reading
) -> Response:
    """An evidence file of the activity, for the timeline's thumbnails and links."""
    return served(page.svc, activity_id, sha256)


@router.post("/activities/{activity_id}/{form_name}", name="activity_command")
def activity_command(
    activity_id: UUID, form_name: FormName, page: Posted, form: FormDep
) -> Response:
    """Run one form's command; refusals re-draw the page, success redirects to it, or to
    the page of this site the form names in ``next`` (one's own work: ``/my-work``)."""
    who = who_of(page)
    spec = BY_NAME[form_name]
    values = values_of([(k, v) for k, v in form.multi_items() if isinstance(v, str)])
    uploads = [v for v in form.getlist("files") if isinstance(v, UploadFile) and v.filename]
    page.as_of = page.on = None  # the past is read-only: commands always act on the present
    runtime = page.svc.runtime

    def run() -> Outcome:
        spec.command.permit(who, runtime, activity_id)
        fiscal_year = runtime.reader.activity(activity_id).fiscal_year
        body, number = spec.read(values, page.today, fiscal_year)
        limit = page.svc.settings.evidence_limit_bytes
        files = tuple(read_upload(u.file, u.filename or "", limit, field="files") for u in uploads)
        return spec.command.run(
            Asked(runtime.tracker, activity_id, body, who.username, version_of(values), number,
                  attached=files)
        )  # fmt: skip

    return answer(
        page, spec.name, run,
        redraw=lambda error, status: _page(
            page, activity_id, form_name, values, error, status=status
        ),
        done_url=lambda: local_path(
            text(values, "next"), page.url("activity_page", activity_id=activity_id)
        ),
        flash_code=lambda: reading.activity(page, activity_id).facts.code,
        counted_as=spec.command.name,
    )  # fmt: skip


def _page(
    page: Page,
    activity_id: UUID,
    form_name: str = "",
    values: dict[str, str | list[str]] | None = None,
    error: TidtamError | None = None,
    *,
    status: int = 200,
) -> Response:
    found = reading.activity(page, activity_id)
    facts = found.facts
    entries = [entry(e, page.lang) for e in reading.activity_events(page, activity_id)]
    live = page.as_of is None and not page.on_another_day  # forms act on the present
    usable = [f for f in FORMS if page.can(f.action.value, facts.unit)]
    # The form just posted is drawn again whatever the activity's state, so its refusal
    # is read beside what was typed, never lost with a form the page would not offer.
    forms = [f for f in usable if live and (f.shown(facts, page.day) or f.name == form_name)]
    evidence = attached(entries)
    if not any(not x.removed for x in evidence.values()):
        forms = [f for f in forms if f.name != "remove_evidence" or f.name == form_name]
    conflict = error if isinstance(error, ConflictError) else None
    field_error = error if error is not None and conflict is None else None
    return render(
        page, "activity.html", status_code=status,
        facts=facts, plan=found.plan, project=found.project,
        assessment=assess(facts, page.day), entries=list(reversed(entries)),
        fiscal_year=FiscalYear(facts.fiscal_year), forms=forms,
        default_day=default_day(page.today, facts.fiscal_year),
        may_record=bool(usable), form_name=form_name, values=values or {},
        error=field_error, conflict=conflict,
        fresh_after=conflict.expected_version if conflict and conflict.expected_version else None,
        form_version=facts.version, output=_output_words(facts, page),
        evidence=evidence, evidence_limit=megabytes(page.svc.settings.evidence_limit_bytes),
        command_url=lambda name: page.url(
            "activity_command", activity_id=activity_id, form_name=name, as_of=None
        ),
    )  # fmt: skip


def _output_words(facts: ActivityFacts, page: Page) -> str:
    """The output line of the activity's facts: as set, else as the plan's text proposes."""
    planned = facts.output_on(page.day)
    if planned is not None:
        delivered = quantity(facts.delivered_on(page.day))
        return page.t("act.output_set", planned=f"{quantity(planned.quantity)} {planned.unit}",
                      delivered=f"{delivered} {planned.unit}")  # fmt: skip
    proposed = propose_output(facts.details, [s.text for s in facts.steps])
    if proposed is None:
        return ""
    return page.t("act.output_proposed", planned=f"{quantity(proposed.quantity)} {proposed.unit}")

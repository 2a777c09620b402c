"""Importing a plan document from the browser: upload, see what it would do, confirm.

The preview is the dry run ``tidtam import --dry-run`` makes, with the document drawn
as the plan page will draw it (sections, projects, activities, budgets, the months
marked), or the reader's refusal naming its row and column. A document for a plan
already imported shows how it differs first; confirming it then needs the revision's
name and date. Admins import; admins and managers record revisions. Nothing is
appended until the confirmation, which names the upload by its digest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Response
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData, UploadFile

from api.routes.plans import UploadTooLargeError
from api.web import reading
from api.web.context import FormDep, Page, Posted, Reading, set_flash, who_of
from api.web.render import PageRoute, render
from domain.draft import PlanDraft
from domain.errors import ForbiddenError, InputError, RuleViolation, TidtamError, register_messages
from domain.organisations import Organisation
from domain.parsing import parse_date
from domain.plan_changes import Change
from domain.plan_import import ImportReport, default_planning_date
from domain.plan_table import read_plan
from domain.policy import Action
from domain.recorded import Byline
from projections.document_preview import document_snapshot
from projections.plan_grid import PlanGrid, plan_grid

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Upload:
    """What the form says about the document: the upload itself is kept by its digest."""

    digest: str
    filename: str
    organisation: str
    revision: str
    on: str
    org: str = ""
    """The code of the organisation (tenant) it is imported into."""

    @classmethod
    def of(cls, form: FormData, digest: str = "", filename: str = "") -> Upload:
        def text(name: str) -> str:
            value = form.get(name)
            return value.strip() if isinstance(value, str) else ""

        return cls(
            digest or text("digest"),
            filename or text("filename"),
            text("organisation"),
            text("revision"),
            text("on"),
            text("org")[:40],
        )

    def revision_date(self) -> date | None:
        return parse_date(self.on) if self.on else None


@dataclass(frozen=True, slots=True)
class Preview:
    """The document read, how it differs from its plan, and what confirming would append
    (or why it would be refused)."""

    draft: PlanDraft
    grid: PlanGrid
    changes: list[Change]
    report: ImportReport | None
    """The dry run; None while a document that differs has no revision name, or when
    the dry run was refused."""
    refusal: TidtamError | None = None


def _may_import(page: Page) -> None:
    who = who_of(page)
    if not (who.can(Action.IMPORT) or who.can(Action.REVISE)):
        who.require(Action.IMPORT)


@router.get("/admin/import", name="import_page")
def import_page(page: Reading) -> Response:
    _may_import(page)
    return _page(page, Upload("", "", "", "", ""))


@router.post("/admin/import", name="import_preview")
async def import_preview(page: Posted, form: FormDep) -> Response:
    """Keep the upload and show what it would do (nothing is appended)."""
    _may_import(page)
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _page(page, Upload.of(form), InputError("import_file_required", field="file"))
    limit = page.svc.settings.upload_limit_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        error = UploadTooLargeError("upload_too_large", field="file", limit=limit)
        return _page(page, Upload.of(form), error)
    upload = Upload.of(form, page.svc.uploads.keep(data), file.filename)
    try:
        preview = _read(page, upload, data)
    except TidtamError as error:  # the document itself cannot be read
        return _page(page, upload, error)
    return _page(page, upload, preview=preview)


def _read(page: Page, upload: Upload, data: bytes) -> Preview:
    """Read the document (refused as a whole when it cannot be), draw it, compare it with
    its plan and dry-run the import (its refusal, if any, goes with the preview)."""
    draft = read_plan(data, upload.filename, organisation=upload.organisation or None)
    tracker = page.svc.runtime.tracker
    by = Byline(
        who_of(page).username, default_planning_date(draft, page.today), tracker.clock.now()
    )
    grid = plan_grid(document_snapshot(draft, by=by), draft.fiscal_year.end)
    changes = tracker.import_differences(draft, _tenant(page, upload))
    if changes and not upload.revision:
        return Preview(draft, grid, changes, None)
    try:
        return Preview(draft, grid, changes, _import(page, upload, draft, dry_run=True))
    except TidtamError as refusal:
        return Preview(draft, grid, changes, None, refusal)


@router.post("/admin/import/check", name="import_check")
def import_check(page: Posted, form: FormDep) -> Response:
    """The kept upload previewed again, now named as a revision (nothing is appended)."""
    _may_import(page)
    upload = Upload.of(form)
    data = page.svc.uploads.read(upload.digest)
    if data is None:
        return _page(page, upload, InputError("import_upload_expired", field="file"))
    try:
        preview = _read(page, upload, data)
    except TidtamError as error:
        return _page(page, upload, error)
    return _page(page, upload, preview=preview)


@router.post("/admin/import/confirm", name="import_confirm")
def import_confirm(page: Posted, form: FormDep) -> Response:
    """Import the kept upload the preview showed; then to the plan, with a flash."""
    _may_import(page)
    upload = Upload.of(form)
    data = page.svc.uploads.read(upload.digest)
    if data is None:
        return _page(page, upload, InputError("import_upload_expired", field="file"))
    try:
        draft = read_plan(data, upload.filename, organisation=upload.organisation or None)
        with page.svc.metrics.counted("import"):
            report = _import(page, upload, draft, dry_run=False)
    except (RuleViolation, InputError, ForbiddenError) as error:
        try:
            preview: Preview | None = _read(page, upload, data)
        except TidtamError:
            preview = None
        return _page(page, upload, error, preview=preview)
    page.svc.uploads.discard(upload.digest)
    page.svc.runtime.projections.nudge()
    reading.catch_up(page, report.position)
    response = RedirectResponse(page.url("plan_page", plan_id=report.plan_id), status_code=303)
    if report.revision_number:
        set_flash(response, "done.import_revision", str(report.revision_number))
    else:
        set_flash(response, "done.import", draft.organisation)
    return response


def _import(page: Page, upload: Upload, draft: PlanDraft, *, dry_run: bool) -> ImportReport:
    who = who_of(page)
    who.require(Action.REVISE if upload.revision else Action.IMPORT)
    return page.svc.runtime.tracker.import_plan(
        draft,
        actor=who.username,
        dry_run=dry_run,
        revision=upload.revision or None,
        occurred_on=upload.revision_date(),
        organisation=_tenant(page, upload),
    )


def _tenant(page: Page, upload: Upload) -> Organisation | None:
    return page.svc.runtime.directory.import_tenant(upload.org or None, who_of(page).organisations)


def _page(
    page: Page,
    upload: Upload,
    error: TidtamError | None = None,
    *,
    preview: Preview | None = None,
) -> Response:
    return render(
        page, "import.html", status_code=422 if error else 200,
        upload=upload, error=error, preview=preview,
        may_revise=page.can("revise"), may_import=page.can("import"),
        organisations=page.svc.auth.people.organisations(who_of(page).organisations),
    )  # fmt: skip


register_messages(
    {
        "import_file_required": (
            "เลือกไฟล์แผนดำเนินงานที่จะนำเข้า (.xlsx .xls .ods .csv .txt)",
            "choose the action-plan document to import (.xlsx .xls .ods .csv .txt)",
        ),
        "import_upload_expired": (
            "ไม่พบไฟล์ที่อัปโหลดไว้สำหรับการนำเข้านี้แล้ว (เก็บไว้ 1 วัน) กรุณาอัปโหลดอีกครั้ง",
            "the upload this import named is no longer kept (uploads are kept a day):"
            " upload the document again",
        ),
    }
)

"""The activity page's forms submit the JSON API's commands: the same rows, read from text.

Each form names a row of ``api.activity_commands``; what a person types is read into
that command's input, so a form cannot ask for a field its command does not take,
and what the input refuses is named at the field it concerns.
"""

from __future__ import annotations

from api.activity_commands import COMMANDS
from api.web.forms import FORMS
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import MANAGER, STAFF, post_form


def test_every_form_asks_only_what_its_command_takes() -> None:
    for form in FORMS:
        command = form.command
        taken = set(command.body.model_fields) | ({command.item.name} if command.item else set())
        assert command in COMMANDS, form.name
        typed = {f.name for f in form.fields if f.kind != "files"}  # files go beside the input
        assert typed | {"occurred_on"} <= taken, form.name


def test_the_progress_forms_reason_records_a_correction(pages: Pages) -> None:
    pages.sign_in(STAFF)
    tracker = pages.world.runtime.tracker
    activity_id = pages.world.activity_id("2.1")
    before = tracker.get_activity(activity_id).progress

    response = post_form(
        pages, "2.1", "progress", percent="10", reason="นับรวมงานของกิจกรรม 2.2", evidence="ภาพ 7"
    )

    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    last = list(tracker.history(activity_id))[-1]
    assert type(last).__name__ == "ProgressCorrected"
    assert (last.percent, last.reason, last.evidence) == (10, "นับรวมงานของกิจกรรม 2.2", "ภาพ 7")  # type: ignore[attr-defined]
    assert (before, tracker.get_activity(activity_id).progress) == (66, 10)
    pages.sign_in(MANAGER)  # the metrics are for those who may audit
    counted = pages.http.get("/metrics").text  # under the API's name: the progress route
    assert '{command="progress",outcome="ok"}' in counted


def test_what_the_commands_input_refuses_is_named_at_its_field(pages: Pages) -> None:
    pages.sign_in(STAFF)
    before = list(pages.world.runtime.tracker.history(pages.world.activity_id("2.1")))

    response = post_form(pages, "2.1", "progress", percent="95", note="ก" * 2001)

    assert response.status_code == 422  # type: ignore[attr-defined]
    field = response.text.split('id="progress-note-err"')[1].split("</p>")[0]  # type: ignore[attr-defined]
    assert "ข้อมูลที่กรอกไม่ถูกต้อง" in field and "2000" in field
    after = list(pages.world.runtime.tracker.history(pages.world.activity_id("2.1")))
    assert len(after) == len(before)  # nothing recorded

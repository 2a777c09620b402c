"""Who may open the pages added for issues 18 and 19: a role × page matrix.

Each cell signs in as one person of the example world (or nobody) and opens the page;
the answer is the page (200), the sign-in page (303) or the refusal naming the rule
(403); the public page of a plan answers 404 to everyone, signed in or not, until an
admin publishes it, and 200 to everyone after. The overseer (of every organisation,
as the example's store is one municipality's) reads, and alone opens the roll-up
across organisations. Every cell is listed, so a page added without its row fails here.
"""

from __future__ import annotations

import pytest

from domain.evidence import EvidenceFile
from tests.browser.conftest import Pages
from tests.browser.test_pages_http import ADMIN, AUDITOR, MANAGER, OUTSIDER, OVERSEER, STAFF
from tests.evidence_files import png

PLAN = "PLAN"
EVIDENCE = "EVIDENCE"
"""An evidence file of activity 2.1 (attached by the test first): anyone who may read."""
PUBLISHED = "PUBLISHED"
"""The public page of the plan once an admin published it (the cell publishes it first)."""
PAGES = {
    "/help": {
        None: 200, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    "/search?q=2.1": {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    f"{PLAN}?on=2009-03-31": {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    f"{PLAN}/vs-actual?on=2009-03-31": {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    f"{PLAN}?on=2009-03-31&as_of=2009-02-01T12:00": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    "/search?q=2.1&as_of=2009-02-01T12:00": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    # One's own work: staff and managers record; auditors, admins and overseers own none.
    "/my-work": {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 403, ADMIN: 403, OVERSEER: 403,
    },
    EVIDENCE: {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    f"/public{PLAN}": {
        None: 404, STAFF: 404, OUTSIDER: 404, MANAGER: 404, AUDITOR: 404, ADMIN: 404, OVERSEER: 404,
    },
    f"/public{PUBLISHED}?on=2009-03-31": {
        None: 200, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200, OVERSEER: 200,
    },
    f"{PLAN}/publication": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 200, OVERSEER: 403,
    },
    "/admin/people": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 200, OVERSEER: 403,
    },
    "/admin/people/somsak": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 200, OVERSEER: 403,
    },
    # The roll-up across organisations: overseers alone, in the present or the past.
    "/overview?on=2009-03-31": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 403, OVERSEER: 200,
    },
    "/overview?as_of=2009-02-01T12:00": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 403, OVERSEER: 200,
    },
}  # fmt: skip
CELLS = [(path, who, status) for path, row in PAGES.items() for who, status in row.items()]


@pytest.mark.parametrize(("path", "who", "status"), CELLS)
def test_who_may_open_each_new_page(pages: Pages, path: str, who: str | None, status: int) -> None:
    if PUBLISHED in path:
        pages.world.runtime.tracker.publish_plan(pages.world.plan_id, actor=ADMIN)
        pages.world.runtime.projections.catch_up()
    if who is not None:
        pages.sign_in(who)
    url = path.replace(PLAN, f"/plans/{pages.world.plan_id}")
    if path == EVIDENCE:
        url = evidence_of(pages, "2.1")
    url = url.replace(PUBLISHED, f"/plans/{pages.world.plan_id}")
    response = pages.http.get(url, follow_redirects=False)
    assert response.status_code == status, (path, who)
    if status == 303:
        assert response.headers["location"].startswith("/sign-in")
    if status == 403:
        assert "ไม่มีสิทธิ์" in response.text


def evidence_of(pages: Pages, code: str) -> str:
    """The path of a photo attached to activity ``code``'s progress."""
    photo = EvidenceFile.of(png(), "sign.png", field="files")
    activity_id = pages.world.activity_id(code)
    pages.world.runtime.tracker.record_progress(activity_id, 70, actor="manee", attached=(photo,))
    return f"/activities/{activity_id}/evidence/{photo.sha256}"

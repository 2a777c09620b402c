"""Who may open the pages added for issue 18: a role × page matrix.

Each cell signs in as one person of the example world (or nobody) and opens the page;
the answer is the page (200), the sign-in page (303) or the refusal naming the rule
(403). Every cell is listed, so a page added without its row fails here.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import Pages
from tests.browser.test_pages_http import ADMIN, AUDITOR, MANAGER, OUTSIDER, STAFF

PLAN = "PLAN"
PAGES = {
    "/help": {None: 200, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200},
    "/search?q=2.1": {None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200},
    f"{PLAN}?on=2009-03-31": {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200,
    },
    f"{PLAN}/vs-actual?on=2009-03-31": {
        None: 303, STAFF: 200, OUTSIDER: 200, MANAGER: 200, AUDITOR: 200, ADMIN: 200,
    },
    f"{PLAN}?on=2009-03-31&as_of=2009-02-01T12:00": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 200, AUDITOR: 200, ADMIN: 200,
    },
    "/search?q=2.1&as_of=2009-02-01T12:00": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 200, AUDITOR: 200, ADMIN: 200,
    },
    "/admin/people": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 200,
    },
    "/admin/people/somsak": {
        None: 303, STAFF: 403, OUTSIDER: 403, MANAGER: 403, AUDITOR: 403, ADMIN: 200,
    },
}  # fmt: skip
CELLS = [(path, who, status) for path, row in PAGES.items() for who, status in row.items()]


@pytest.mark.parametrize(("path", "who", "status"), CELLS)
def test_who_may_open_each_new_page(pages: Pages, path: str, who: str | None, status: int) -> None:
    if who is not None:
        pages.sign_in(who)
    url = path.replace(PLAN, f"/plans/{pages.world.plan_id}")
    response = pages.http.get(url, follow_redirects=False)
    assert response.status_code == status, (path, who)
    if status == 303:
        assert response.headers["location"].startswith("/sign-in")
    if status == 403:
        assert "ไม่มีสิทธิ์" in response.text

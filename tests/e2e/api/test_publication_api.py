"""A plan's public page through the API (issue 18): an admin publishes it and withdraws
it with a reason; the page answers anyone while published and 404 before and after,
on SQLite and PostgreSQL alike."""

from __future__ import annotations

from uuid import uuid4

from tests.e2e.api.conftest import Api, problem


def publication(api: Api) -> str:
    return f"/api/v1/plans/{api.plan_id}/publication"


def test_an_admin_publishes_the_page_and_withdraws_it_with_a_reason(api: Api) -> None:
    public = f"/public/plans/{api.plan_id}"
    api.settle()
    assert api.get(public, who=None).status_code == 404

    published = api.post(publication(api), who="admin", json={"published": True})
    assert published.status_code == 200, published.text
    body = published.json()
    assert body["events"] == ["PlanPublished"] and body["plan_id"] == str(api.plan_id)
    assert published.headers["etag"] == f'"{body["version"]}"'
    api.settle()
    page = api.get(public, who=None)
    assert page.status_code == 200 and "ข้อมูล ณ วันที่ 30 ก.ย. 2552" in page.text

    head = api.head()
    problem(api.post(publication(api), who="admin", json={"published": False}), 422,
            "reason_required")  # fmt: skip
    problem(api.post(publication(api), who="admin", json={"published": True}), 422, "no_change")
    stale = {"If-Match": '"1"'}
    problem(
        api.post(publication(api), who="admin", headers=stale,
                 json={"published": False, "reason": "ตรวจทาน"}),
        409, "version_conflict",
    )  # fmt: skip
    assert api.head() == head

    withdrawn = api.post(
        publication(api), who="admin", json={"published": False, "reason": "ตรวจทานตัวเลข"}
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["events"] == ["PlanUnpublished"]
    api.settle()
    assert api.get(public, who=None).status_code == 404


def test_what_the_route_is_sent_is_checked_before_anything_is_recorded(api: Api) -> None:
    head = api.head()
    problem(api.post(publication(api), who="admin", json={"published": True, "colour": "x"}),
            422, "request_invalid")  # fmt: skip
    problem(api.post(publication(api), who="admin", json={"reason": "ไม่มีสถานะ"}), 422,
            "request_invalid")  # fmt: skip
    unknown = f"/api/v1/plans/{uuid4()}/publication"
    problem(api.post(unknown, who="admin", json={"published": True}), 404, "plan_not_found")
    problem(api.post(publication(api), who="manager", json={"published": True}), 403,
            "role_forbidden")  # fmt: skip
    assert api.head() == head

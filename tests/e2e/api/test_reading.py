"""Plans through HTTP: the import, and reading back what was recorded (plan versus
actual, time travel, read-your-writes).

Each test runs on SQLite and on PostgreSQL through the real app with its
lifespan, signed in with bearer tokens of the people in ``conftest.PEOPLE``.
"""

from __future__ import annotations

from tests.e2e.api.conftest import Api, OpenApi, problem
from tests.e2e.api.example_plan import PLANS, imported, upload
from tests.example_table import activities_of, assert_reads_as_the_table

# ----------------------------------------------------------------- importing


def test_a_dry_run_appends_nothing_and_an_import_appends_the_plan_once(open_api: OpenApi) -> None:
    api = open_api(example=False)

    dry = upload(api, dry_run=True)
    assert dry.status_code == 200, dry.text
    assert dry.json()["dry_run"] is True and dry.json()["plan_created"] is True
    assert dry.json()["events"] == 19 and dry.json()["position"] is None
    assert api.head() == 0
    assert api.get(PLANS).json() == []

    real = upload(api).json()
    assert (real["dry_run"], real["plan_created"], real["events"]) == (False, True, 19)
    assert real["projects_added"] == ["1", "2", "3"]
    assert real["activities_added"] == ["1.1", "1.2", "2.1", "2.2", "3"]
    plans = api.get(PLANS, params={"min_position": real["position"]}, who="staff").json()
    assert [(p["id"], p["fiscal_year"]) for p in plans] == [(real["plan_id"], 2552)]

    again = upload(api).json()
    assert (again["plan_created"], again["events"], again["activities_added"]) == (False, 0, [])
    assert api.head() == real["position"] == 19


def test_the_imported_plan_reads_back_as_the_table_says(open_api: OpenApi) -> None:
    api = open_api(example=False)
    plan_id = imported(api)

    plan = api.get(f"{PLANS}/{plan_id}", who="auditor").json()

    assert_reads_as_the_table(plan)
    assert plan["on"] == "2009-09-30"  # the runtime's today, not the machine's
    activities = activities_of(plan)
    assert {a["status"] for a in activities.values()} == {"planned"}
    assert {a["version"] for a in activities.values()} == {2}


def test_reads_with_min_position_see_every_write(open_api: OpenApi) -> None:
    api = open_api(example=False)
    imported(api)
    api.post(api.activity_path("3", "start"), who="staff", json={})

    for percent in range(10, 60, 10):
        wrote = api.post(api.activity_path("3", "progress"), who="staff", json={"percent": percent})
        position = wrote.json()["position"]
        read = api.get(api.activity_path("3"), who="staff", params={"min_position": position})
        assert read.json()["activity"]["progress"] == percent
        pva = api.get(
            f"{PLANS}/{api.plan_id}/plan-vs-actual", params={"min_position": position}
        ).json()
        assert {r["code"]: r["progress"] for r in pva["rows"]}["3"] == percent


def test_plan_versus_actual_is_built_once_per_state_and_revalidates(api: Api) -> None:
    pva = f"{PLANS}/{api.plan_id}/plan-vs-actual"
    first = api.get(pva)
    tag = first.headers["ETag"]
    again = api.get(pva)
    unchanged = api.get(pva, headers={"If-None-Match": tag})

    assert again.content == first.content and again.headers["ETag"] == tag
    assert {r["code"]: r["lifecycle"] for r in first.json()["rows"]}["2.2"] == "cancelled"
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    other_day = api.get(pva, params={"on": "2009-03-31"})
    assert other_day.headers["ETag"] != tag and other_day.json()["on"] == "2009-03-31"

    wrote = api.post(api.activity_path("2.2", "reopen"), json={"reason": "ได้รับงบประมาณเพิ่ม"}).json()
    moved = api.get(pva, headers={"If-None-Match": tag}, params={"min_position": wrote["position"]})
    assert moved.status_code == 200 and moved.headers["ETag"] != tag
    assert {r["code"]: r["lifecycle"] for r in moved.json()["rows"]}["2.2"] != "cancelled"


def test_a_position_never_written_is_refused_at_once(api: Api) -> None:
    beyond = api.get(api.activity_path("3"), params={"min_position": api.head() + 1})

    body = problem(beyond, 422, "position_unknown")
    assert body["field"] == "min_position" and body["values"]["head"] == api.head()


def test_a_read_waiting_for_views_that_do_not_move_is_a_503(open_api: OpenApi) -> None:
    api = open_api(read_your_writes_timeout=0.2)
    projections = api.runtime.projections
    projections.stop()
    projections.catch_up = lambda: 0  # type: ignore[method-assign]  # the views stall
    written = api.runtime.tracker.reopen(api.activity_id("2.2"), actor="setup", reason="x")

    behind = api.get(api.activity_path("2.2"), params={"min_position": written.position})

    assert problem(behind, 503, "view_behind")["values"]["position"] == written.position


# ----------------------------------------------------------------- reading the example year


def test_plan_versus_actual_on_a_business_date_and_filtered(shared_api: Api) -> None:
    api = shared_api
    pva = f"{PLANS}/{api.plan_id}/plan-vs-actual"

    year_end = api.get(pva, who="auditor").json()
    february = api.get(pva, params={"on": "2009-02-28"}, who="auditor").json()
    cancelled = api.get(pva, params={"status": "cancelled"}).json()
    by_unit = api.get(pva, params={"unit": "งานประชาสัมพันธ์กองวิชาการฯ"}).json()
    other_unit = api.get(pva, params={"unit": "กองช่าง"}).json()

    statuses = {r["code"]: r["status"] for r in year_end["rows"]}
    assert year_end["on"] == "2009-09-30"
    assert statuses == {
        "1.1": "completed_on_time",
        "1.2": "completed_late",
        "2.1": "completed_on_time",  # rescheduled to August, done in August
        "2.2": "cancelled",
        "3": "completed_on_time",
    }
    assert february["on"] == "2009-02-28"
    assert {r["code"]: r["progress"] for r in february["rows"]}["2.1"] == 33
    assert [r["code"] for r in cancelled["rows"]] == ["2.2"]
    assert len(by_unit["rows"]) == 5 and other_unit["rows"] == []
    assert year_end["total"]["spent"] == "367000.00"


def test_time_travel_answers_as_the_store_knew_it_then(shared_api: Api) -> None:
    api = shared_api
    code3 = api.activity_path("3")
    now = api.get(code3)
    then = api.get(code3, params={"as_of": "2009-02-01T00:00:00+07:00"})
    on_new_year = api.get(code3, params={"on": "2009-01-01"})

    assert now.json()["activity"]["status"] == "completed"
    assert then.json()["activity"]["status"] == "started"
    assert then.json()["activity"]["progress"] == 70
    assert then.headers["etag"] == f'"{then.json()["activity"]["version"]}"'
    assert then.json()["activity"]["version"] < now.json()["activity"]["version"]
    assert on_new_year.json()["activity"]["progress"] == 40
    assert on_new_year.headers["etag"] == now.headers["etag"]  # the live version

    plan = f"{PLANS}/{api.plan_id}"
    adopted = api.get(plan, params={"as_of": "2008-10-20T00:00:00+07:00"}).json()
    assert {a["status"] for a in activities_of(adopted).values()} == {"planned"}
    assert adopted["on"] == "2008-10-20"
    problem(api.get(plan, params={"as_of": "2008-10-01T00:00:00+07:00"}), 404, "plan_not_found")


def test_compare_lists_what_changed_between_two_instants(shared_api: Api) -> None:
    api = shared_api
    compared = api.get(
        f"{PLANS}/{api.plan_id}/compare",
        params={"from": "2009-01-01T00:00:00+07:00", "to": "2009-06-01T00:00:00+07:00"},
    )

    assert compared.status_code == 200, compared.text
    changes = {
        (c["code"], c["what"]): (c["before"], c["after"]) for c in compared.json()["changes"]
    }
    assert changes[("2.2", "status")] == ("not_due", "cancelled")
    assert changes[("3", "progress")] == (40, 100)
    assert changes[("1.1", "spending")] == ("0.00", "28500.00")
    before_the_plan = api.get(
        f"{PLANS}/{api.plan_id}/compare",
        params={"from": "2008-01-01T00:00:00Z", "to": "2008-12-01T00:00:00Z"},
    )
    assert before_the_plan.status_code == 200, before_the_plan.text


def test_the_plan_resource_is_built_once_per_state_and_revalidates(api: Api) -> None:
    path = f"{PLANS}/{api.plan_id}"
    first = api.get(path)
    tag = first.headers["ETag"]
    unchanged = api.get(path, headers={"If-None-Match": tag})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert api.get(path, params={"as_adopted": 1}).headers["ETag"] != tag
    wrote = api.post(api.activity_path("2.2", "reopen"), json={"reason": "ได้รับงบประมาณเพิ่ม"}).json()
    moved = api.get(
        path, headers={"If-None-Match": tag}, params={"min_position": wrote["position"]}
    )
    assert moved.status_code == 200 and moved.headers["ETag"] != tag
    assert moved.json()["id"] == first.json()["id"] == str(api.plan_id)
    known = api.get(path, params={"as_of": "2009-09-29T12:00:00+07:00"})
    assert known.status_code == 200 and "ETag" not in known.headers

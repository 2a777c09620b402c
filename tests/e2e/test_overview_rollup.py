"""An overseer's roll-up worked out by hand for two organisations, read from the API
and from the page, now and as known at an earlier instant.

The province is :mod:`tests.overview_world`: ทุ่งสง (``tsg``, two strategies), ปากพนัง
(``ppn``, one), ขนอม (``khn``, no plan) in นครศรีธรรมราช, and กะทู้ (``ktu``) in ภูเก็ต.
Every figure below is worked out from that module's story on business date
15 Apr 2009 (``ON``); the arithmetic is in the comments. Progress is weighted by
allocation over the activities not cancelled, rounded half up (the plan's own rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from api.settings import Settings
from domain.clock import FixedClock
from projections.overview import Overview, read_overview
from projections.people_view import PeopleReader
from storage.store import Store
from tests import pg
from tests.browser.world import PASSWORD
from tests.overview_world import EARLIER, ON, OverviewWorld, build


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OverviewWorld]:
    """The province on SQLite and on PostgreSQL (a schema of its own, dropped after)."""
    directory = tmp_path_factory.mktemp("overview")
    with ExitStack() as stack:
        store = None
        if request.param == "postgres":
            database: str = request.getfixturevalue("postgres_database")
            env = stack.enter_context(pytest.MonkeyPatch.context())
            env.setenv("TIDTAM_FILES", str(directory / "files"))
            store = Store.from_url(pg.url_for(database, stack.enter_context(
                pg.throwaway_schema(database))))  # fmt: skip
        built = build(directory, store)
        stack.callback(built.close)
        yield built


@pytest.fixture(scope="module")
def app_settings(world: OverviewWorld, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(secret_file=str(tmp_path_factory.mktemp("secret") / "secret.key"))


@pytest.fixture
def http(world: OverviewWorld, app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings, world.runtime)) as client:
        yield client


def sign_in(http: TestClient, username: str) -> None:
    response = http.post("/api/v1/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text


def rollup(http: TestClient, **params: str) -> dict[str, Any]:
    response = http.get("/api/v1/organisations/rollup", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def figures(line: dict[str, Any]) -> tuple[object, ...]:
    """Activities, late, progress/expected, planned, allocated, spent, disbursed %."""
    return (
        line["activities"], line["late"], line["progress"], line["expected_progress"],
        line["original_budget"], line["allocated"], line["spent"], line["disbursed_percent"],
    )  # fmt: skip


def projects(line: dict[str, Any]) -> tuple[int, ...]:
    """Planned, completed, in progress, not started, cancelled."""
    p = line["projects"]
    return p["planned"], p["completed"], p["in_progress"], p["not_started"], p["cancelled"]


def by_code(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["code"]: o for o in body["organisations"]}


def test_the_roll_up_of_two_organisations_is_the_one_worked_out_by_hand(http: TestClient) -> None:
    sign_in(http, "nakhon")
    body = rollup(http, on=ON.isoformat())
    assert (body["fiscal_year"], body["on"], body["as_of"]) == (2552, "2009-04-15", None)
    orgs = by_code(body)
    assert list(orgs) == ["khn", "ppn", "tsg"]  # กะทู้ is in another province: not theirs
    tsg, ppn = orgs["tsg"], orgs["ppn"]
    # ทุ่งสง, strategy 1: 1.1 (60,000, Nov–Dec) completed 20 Dec: 100 of 100, spent 55,000;
    # 1.2 (40,000, Mar) at 50 %, not done after March: overdue, 50 of 100, spent 10,000.
    # Progress (100·60,000 + 50·40,000) / 100,000 = 80; expected 100. Spent 65,000 of
    # 100,000 = 65.0 %. Its project: one activity done, one started → in progress.
    (s1, s2) = tsg["plans"][0]["strategies"]
    assert s1["key"] == "ยุทธศาสตร์ที่ 1" and s2["key"] == "ยุทธศาสตร์ที่ 2"
    assert figures(s1) == (2, 1, 80, 100, "100000.00", "100000.00", "65000.00", "65.0")
    assert s1["by_status"] == {"completed_on_time": 1, "overdue": 1}
    assert projects(s1) == (1, 0, 1, 0, 0)
    # Strategy 2: 1.1 (50,000, Jan) never started: overdue, 0 of 100, nothing spent.
    assert figures(s2) == (1, 1, 0, 100, "50000.00", "50000.00", "0.00", "0.0")
    assert projects(s2) == (1, 0, 0, 1, 0)
    # ทุ่งสง in all: (100·60,000 + 50·40,000 + 0·50,000) / 150,000 = 53.3 → 53; expected
    # 100; spent 65,000 of 150,000 = 43.33 → 43.3 %; late: 1.2 and 2's 1.1 = 2.
    assert figures(tsg["total"]) == (3, 2, 53, 100, "150000.00", "150000.00", "65000.00", "43.3")
    assert projects(tsg["total"]) == (2, 0, 1, 1, 0)
    # ปากพนัง: 1.1 (200,000, all twelve months) at 45 %; expected on 15 Apr: 197 of 365
    # days (Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 + 15) = 53.97 → 54;
    # 45 + 10 ≥ 54, so on track. 2.1 (100,000) cancelled: its money counts, its progress
    # not. Spent 80,000 of 300,000 = 26.67 → 26.7 %. Projects: 1 in progress, 2 cancelled.
    assert figures(ppn["total"]) == (2, 0, 45, 54, "300000.00", "300000.00", "80000.00", "26.7")
    assert ppn["total"]["by_status"] == {"cancelled": 1, "on_track": 1}
    assert projects(ppn["total"]) == (2, 0, 1, 0, 1)
    assert [figures(s) for s in ppn["plans"][0]["strategies"]] == [figures(ppn["total"])]
    # ขนอม has no plan for 2552: listed all the same.
    khn = orgs["khn"]
    assert (khn["has_plan"], khn["total"], khn["plans"]) == (False, None, [])
    # The province: progress (8,000,000 + 45·200,000) / (150,000 + 200,000) = 48.57 → 49;
    # expected (100·150,000 + 54·200,000) / 350,000 = 73.71 → 74; spent 145,000 of
    # 450,000 = 32.22 → 32.2 %; late 2 + 0.
    (province,) = body["provinces"]
    assert (province["province"], province["organisations"], province["without_plan"]) == (
        "นครศรีธรรมราช", 3, 1,
    )  # fmt: skip
    assert figures(province["total"]) == (
        5, 2, 49, 74, "450000.00", "450000.00", "145000.00", "32.2",
    )  # fmt: skip
    assert projects(province["total"]) == (4, 0, 2, 1, 1)
    whole = body["total"]["total"]
    assert (figures(whole), projects(whole)) == (figures(province["total"]), (4, 0, 2, 1, 1))


def test_the_rounds_each_has_filed_or_owes(http: TestClient) -> None:
    sign_in(http, "nakhon")
    orgs = by_code(rollup(http, on=ON.isoformat()))
    # The six-month round (Oct–Mar) is due by 30 Apr: ทุ่งสง filed it on 10 Apr, ปากพนัง
    # owes it, 15 days left; the year's round is still open for both.
    tsg_half, tsg_year = orgs["tsg"]["plans"][0]["rounds"]
    assert (tsg_half["period"], tsg_half["state"], tsg_half["filing"]["on"]) == (
        "half", "filed", "2009-04-10",
    )  # fmt: skip
    assert (tsg_year["period"], tsg_year["state"]) == ("year", "open")
    ppn_half, _ = orgs["ppn"]["plans"][0]["rounds"]
    assert (ppn_half["state"], ppn_half["days"], ppn_half["due"]) == ("due", 15, "2009-04-30")
    (province,) = rollup(http, on=ON.isoformat())["provinces"]
    assert province["rounds"] == [
        {"period": "half", "filed": 1, "open": 0, "due": 1, "late": 0},
        {"period": "year", "filed": 0, "open": 2, "due": 0, "late": 0},
    ]


def test_as_known_at_an_earlier_instant_the_roll_up_is_the_earlier_one(http: TestClient) -> None:
    sign_in(http, "nakhon")
    body = rollup(http, on=ON.isoformat(), as_of=EARLIER.isoformat())
    orgs = by_code(body)
    # On 20 Mar nobody had yet recorded ทุ่งสง 1.2's 50 % and 10,000 (entered on 5 Apr),
    # nor the filing: strategy 1 is (100·60,000 + 0·40,000) / 100,000 = 60, spent 55,000
    # (55.0 %); ทุ่งสง 100·60,000 / 150,000 = 40, 55,000 of 150,000 = 36.67 → 36.7 %.
    s1, _ = orgs["tsg"]["plans"][0]["strategies"]
    assert figures(s1) == (2, 1, 60, 100, "100000.00", "100000.00", "55000.00", "55.0")
    assert figures(orgs["tsg"]["total"]) == (
        3, 2, 40, 100, "150000.00", "150000.00", "55000.00", "36.7",
    )  # fmt: skip
    assert orgs["tsg"]["plans"][0]["rounds"][0]["state"] == "due"
    # ปากพนัง's were all recorded by then: the same. The province: (6,000,000 + 9,000,000)
    # / 350,000 = 42.86 → 43; spent 135,000 of 450,000 = 30.0 %; nobody had filed.
    assert figures(orgs["ppn"]["total"]) == (
        2, 0, 45, 54, "300000.00", "300000.00", "80000.00", "26.7",
    )  # fmt: skip
    (province,) = body["provinces"]
    assert figures(province["total"]) == (
        5, 2, 43, 74, "450000.00", "450000.00", "135000.00", "30.0",
    )  # fmt: skip
    assert province["rounds"][0] == {"period": "half", "filed": 0, "open": 0, "due": 2, "late": 0}


def test_an_overseer_of_every_organisation_sees_each_province_and_the_whole(
    http: TestClient,
) -> None:
    sign_in(http, "national")
    body = rollup(http, on=ON.isoformat())
    assert list(by_code(body)) == ["khn", "ppn", "tsg", "ktu"]  # by province, then code
    assert [p["province"] for p in body["provinces"]] == ["นครศรีธรรมราช", "ภูเก็ต"]
    # กะทู้: one activity of 10,000 planned for September, not yet due: 0 of 0.
    assert figures(body["provinces"][1]["total"]) == (
        1, 0, 0, 0, "10000.00", "10000.00", "0.00", "0.0",
    )  # fmt: skip
    # The whole: (17,000,000 + 0) / 360,000 = 47.2 → 47; (25,800,000 + 0) / 360,000
    # = 71.67 → 72; spent 145,000 of 460,000 = 31.52 → 31.5 %.
    assert figures(body["total"]["total"]) == (
        6, 2, 47, 72, "460000.00", "460000.00", "145000.00", "31.5",
    )  # fmt: skip
    assert body["total"]["organisations"] == 4


def test_a_year_without_plans_lists_every_organisation_as_without_one(http: TestClient) -> None:
    sign_in(http, "nakhon")
    body = rollup(http, fiscal_year="2553")
    assert body["fiscal_year"] == 2553
    assert [(o["code"], o["has_plan"]) for o in body["organisations"]] == [
        ("khn", False), ("ppn", False), ("tsg", False),
    ]  # fmt: skip
    assert body["provinces"][0]["without_plan"] == 3
    assert body["total"]["total"]["activities"] == 0


def test_the_list_of_organisations_is_each_principal_s_own(http: TestClient) -> None:
    listed = {}
    for who in ("nakhon", "national", "manee"):
        sign_in(http, who)
        response = http.get("/api/v1/organisations")
        assert response.status_code == 200, response.text
        listed[who] = [(o["code"], o["name"], o["province"]) for o in response.json()]
    assert [code for code, _, _ in listed["nakhon"]] == ["khn", "ppn", "tsg"]
    assert [code for code, _, _ in listed["national"]] == ["khn", "ktu", "ppn", "tsg"]
    assert listed["manee"] == [("tsg", "เทศบาลเมืองทุ่งสง", "นครศรีธรรมราช")]


def test_only_overseers_read_the_roll_up(http: TestClient) -> None:
    sign_in(http, "manee")
    response = http.get("/api/v1/organisations/rollup")
    assert response.status_code == 403
    assert response.json()["rule"] == "role_forbidden"
    assert http.get("/overview", follow_redirects=False).status_code == 403
    http.cookies.clear()
    assert http.get("/api/v1/organisations/rollup").status_code == 401
    assert http.get("/api/v1/organisations").status_code == 401


def row_text(html: str, row_id: str) -> str:
    """The text of the table row ``row_id``, tags dropped, spaces squeezed."""
    found = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)
    assert found, row_id
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_the_page_shows_the_figures_worked_out_by_hand(http: TestClient) -> None:
    sign_in(http, "nakhon")
    html = http.get("/overview", params={"on": ON.isoformat()}).text
    assert "ปีงบประมาณ พ.ศ. 2552" in html and "15 เม.ย. 2552" in html  # BE, Thai months
    tsg = row_text(html, "sum-tsg")
    # 2 projects, 3 activities, 2 late, 53/100, planned and allocated 150,000, spent
    # 65,000, 43.3 %, the six-month round filed and nothing owed.
    for shown in ("3", "2", "53/100", "150,000", "65,000", "43.3%", "ยื่นแล้ว 1 · ค้าง 0"):
        assert shown in tsg, (shown, tsg)
    ppn = row_text(html, "sum-ppn")
    for shown in ("45/54", "300,000", "80,000", "26.7%", "ยื่นแล้ว 0 · ค้าง 1"):
        assert shown in ppn, (shown, ppn)
    assert "ยังไม่มีแผนดำเนินงานประจำปีงบประมาณ พ.ศ. 2552" in row_text(html, "sum-khn")
    province = html.split('class="province-total"')[1].split("</tr>")[0]
    assert "49/74" in province and "145,000" in province and "32.2%" in province
    assert "กะทู้" not in html
    # Each organisation's plan is a link away, on the same business date.
    plan = world_plan_link(html, "tsg")
    assert http.get(plan).status_code == 200


def world_plan_link(html: str, code: str) -> str:
    section = html.split(f'id="org-{code}"')[1].split("</section>")[0]
    found = re.search(r'<a href="([^"]+)" class="to-plan"', section)
    assert found, section[:300]
    link = found.group(1).replace("&amp;", "&")
    assert "on=2009-04-15" in link
    return link


def test_the_page_as_known_earlier_shows_the_earlier_figures(http: TestClient) -> None:
    sign_in(http, "nakhon")
    # The form's date and time (BE, Bangkok) lead to the page as known then.
    picked = http.get(
        "/overview",
        params={"on": ON.isoformat(), "known_day": "20/03/2552", "known_at": "12:00"},
        follow_redirects=False,
    )
    assert picked.status_code == 303
    target = picked.headers["location"]
    assert "as_of=2009-03-20T12%3A00%2B07%3A00" in target and "on=2009-04-15" in target
    html = http.get(target).text
    tsg = row_text(html, "sum-tsg")
    for shown in ("40/100", "55,000", "36.7%", "ยื่นแล้ว 0 · ค้าง 1"):
        assert shown in tsg, (shown, tsg)
    assert "as-of-banner" in html


def test_a_time_without_a_day_is_refused_on_the_form(http: TestClient) -> None:
    sign_in(http, "nakhon")
    response = http.get("/overview", params={"known_at": "12:00"})
    assert response.status_code == 200
    assert 'id="f-known_day-err"' in response.text


def test_an_overseer_s_home_is_the_overview(http: TestClient) -> None:
    sign_in(http, "nakhon")
    response = http.get("/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/overview")
    assert 'href="/overview"' in http.get("/overview").text.split("</nav>")[0]


def test_a_plan_of_another_province_is_not_the_overseer_s(
    http: TestClient, world: OverviewWorld
) -> None:
    sign_in(http, "nakhon")
    assert http.get(f"/plans/{world.plans['ktu']}").status_code == 404
    assert http.get(f"/api/v1/plans/{world.plans['ktu']}/plan-vs-actual").status_code == 404
    assert http.get(f"/api/v1/plans/{world.plans['tsg']}/plan-vs-actual").status_code == 200


def test_the_store_s_own_plans_are_a_line_of_their_own(tmp_path: Path) -> None:
    """A store from before organisations: its plan (code "") is listed for an overseer of
    every organisation, named as the plan names it; nobody narrower sees it."""
    runtime = Runtime.open(
        Store.sqlite(tmp_path / "own.db"), clock=FixedClock.at_bangkok(ON), poll_interval=0.1
    )
    try:
        play(runtime.tracker, EXAMPLES / "thungsong-2552-year.tsv")
        runtime.projections.catch_up()
        people = PeopleReader(runtime.projections.db)

        def read(reach: frozenset[str] | None) -> Overview:
            return read_overview(runtime.reader, people, reach, fiscal_year=2552, on=ON, periods=())

        found = read(None)
        (own,) = found.organisations
        assert (own.code, own.name, own.province) == ("", "เทศบาลเมืองทุ่งสง", "")
        assert own.total is not None
        whole, alone = found.total.total.activities, own.total.activities
        assert whole.activities == alone.activities > 0
        assert (whole.progress, whole.allocated, whole.spent) == (
            alone.progress, alone.allocated, alone.spent,
        )  # fmt: skip
        assert read(frozenset({"x"})).organisations == ()
    finally:
        runtime.close()

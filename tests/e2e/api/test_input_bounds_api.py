"""No input makes a 500 on the API; each bound is named in a 422 problem (hardening, 1).

Before: a 30-digit amount raised ``decimal.InvalidOperation``; a 25-digit budget was
accepted; a 5,000-digit ``If-Match`` and ``as_of=9999-12-31T23:59:59Z`` (an
``OverflowError``) were 500s, and the keep-alive connection dropped with them.
"""

from __future__ import annotations

import pytest

from tests.e2e.api.conftest import Api, problem

HUGE = "9" * 30


def test_an_expenditure_of_thirty_digits_is_refused_naming_the_bound(shared_api: Api) -> None:
    answer = shared_api.post(shared_api.activity_path("2.1", "expenditures"), json={"amount": HUGE})
    body = problem(answer, 422, "money_format")
    assert body["field"] == "amount"


@pytest.mark.parametrize("amount", [HUGE, "9" * 25, "1,000,000,000,000"])
def test_a_project_budget_beyond_twelve_digits_is_refused(shared_api: Api, amount: str) -> None:
    path = f"/api/v1/plans/{shared_api.plan_id}/projects/1/budget"
    answer = shared_api.post(path, json={"amount": amount, "reason": "ทดสอบ"})
    problem(answer, 422, "money_format")


@pytest.mark.parametrize("header", ['"' + "9" * 5000 + '"', "9" * 40, '"-1"', '"7.5"'])
def test_an_if_match_that_is_no_version_is_refused(shared_api: Api, header: str) -> None:
    answer = shared_api.post(
        shared_api.activity_path("2.1", "progress"),
        json={"percent": 10},
        headers={"If-Match": header},
    )
    problem(answer, 422, "if_match_format")


@pytest.mark.parametrize(
    "query",
    [
        {"as_of": "9999-12-31T23:59:59Z"},
        {"as_of": "0001-01-01T00:00:00Z"},
        {"on": "9999-12-31"},
        {"on": "0001-01-01"},
    ],
)
def test_instants_and_dates_outside_the_represented_years_are_refused(
    shared_api: Api, query: dict[str, str]
) -> None:
    for path in (
        f"/api/v1/plans/{shared_api.plan_id}",
        f"/api/v1/plans/{shared_api.plan_id}/plan-vs-actual",
    ):
        problem(shared_api.get(path, params=query), 422, "date_out_of_range")


def test_a_comparison_across_the_calendar_is_refused(shared_api: Api) -> None:
    path = f"/api/v1/plans/{shared_api.plan_id}/compare"
    answer = shared_api.get(
        path, params={"from": "0001-01-01T00:00:00Z", "to": "9999-12-31T23:59:00Z"}
    )
    problem(answer, 422, "date_out_of_range")


def test_the_event_feed_refuses_instants_outside_the_represented_years(shared_api: Api) -> None:
    for query in ({"from": "0001-01-01T00:00:00Z"}, {"to": "9999-12-31T23:59:59Z"}):
        problem(
            shared_api.get("/api/v1/events", who="auditor", params=query), 422, "date_out_of_range"
        )

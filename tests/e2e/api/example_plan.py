"""Importing the example table through HTTP, as the plan and command tests begin."""

from __future__ import annotations

from uuid import UUID

import httpx

from tests.e2e.api.conftest import Api
from tests.example_table import example_upload

PLANS = "/api/v1/plans"


def upload(api: Api, *, dry_run: bool = False, who: str = "admin") -> httpx.Response:
    return api.post(
        f"{PLANS}/import",
        who=who,
        params={"dry_run": str(dry_run).lower()},
        files={"file": example_upload()},
    )


def imported(api: Api) -> UUID:
    """Import the example table (no history) and wait for the views; the plan's id."""
    response = upload(api)
    assert response.status_code == 200, response.text
    api.plan_id = UUID(response.json()["plan_id"])
    api.settle()
    return api.plan_id

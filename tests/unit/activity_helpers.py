"""What the activity rule tests share: the small plan, its people, and how a refusal reads.

Kept out of conftest so each test module says what it uses.
"""

from __future__ import annotations

from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.errors import RuleViolation
from tests.builders import small_plan

STAFF = "somchai"
MANAGER = "manee"


def import_small_plan(tracker: Tracker) -> UUID:
    return tracker.import_plan(small_plan(), actor="admin").plan_id


def code(tracker: Tracker, plan_id: UUID, activity_code: str) -> UUID:
    return tracker.find_activity(plan_id, activity_code).id


def events_of(tracker: Tracker, activity_id: UUID) -> list[str]:
    return [type(e).__name__ for e in tracker.history(activity_id)]


def refused(rule: str, call: object, *args: object, **kwargs: object) -> RuleViolation:
    assert callable(call)
    with pytest.raises(RuleViolation) as caught:
        call(*args, **kwargs)
    assert caught.value.rule == rule, caught.value
    return caught.value

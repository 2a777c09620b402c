"""What the activity rule tests share: their people, and how a refusal reads.

The plan they act on is the ``plan_id`` fixture (``tests/unit/conftest.py``).
"""

from __future__ import annotations

from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.errors import RuleViolation

STAFF = "somchai"
MANAGER = "manee"


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

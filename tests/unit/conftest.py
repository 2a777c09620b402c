"""What the activity rule tests (``test_activity_*``) act on: the small plan, imported."""

from __future__ import annotations

from uuid import UUID

import pytest

from application.tracker import Tracker
from tests.builders import small_plan


@pytest.fixture
def plan_id(tracker: Tracker) -> UUID:
    """The plan of ``tests.builders.small_plan``, imported on the test's backend."""
    return tracker.import_plan(small_plan(), actor="admin").plan_id

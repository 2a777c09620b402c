"""A plan's public page is opted into by an admin (issue 18): events of the plan, a
withdrawal says why, nothing is recorded twice, and the fact sheet knows the state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.errors import RuleViolation
from domain.plan_publication import REASON_LIMIT, is_published
from projections.fold import Fold
from projections.time_travel import plan_then
from storage.store import Store
from tests.builders import small_plan


@pytest.fixture
def tracker() -> Iterator[Tracker]:
    opened = Tracker(Store.memory())
    yield opened
    opened.close()


def folded(tracker: Tracker, plan_id: UUID) -> Fold:
    fold = Fold()
    for position, event in enumerate(tracker.history(plan_id), 1):
        fold.apply(position, event)
    return fold


def test_a_plan_is_private_until_published_and_again_after_withdrawing(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    assert not is_published(tracker.get_plan(plan_id))
    assert not folded(tracker, plan_id).plans[plan_id].published

    tracker.publish_plan(plan_id, reason="  มติผู้บริหาร 3/2552 ", actor="prasit")
    assert is_published(tracker.get_plan(plan_id))
    assert folded(tracker, plan_id).plans[plan_id].published

    outcome = tracker.unpublish_plan(plan_id, reason="ตรวจทานตัวเลข", actor="prasit")
    assert outcome.events == ("PlanUnpublished",)
    assert not is_published(tracker.get_plan(plan_id))
    facts = folded(tracker, plan_id).plans[plan_id]
    assert not facts.published
    assert [(p.published, p.reason, p.actor) for p in facts.publications] == [
        (True, "มติผู้บริหาร 3/2552", "prasit"),
        (False, "ตรวจทานตัวเลข", "prasit"),
    ]


def test_time_travel_sees_the_page_as_published_then(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    tracker.publish_plan(plan_id, actor="prasit")
    tracker.unpublish_plan(plan_id, reason="ถอนไว้ก่อน", actor="prasit")
    facts = folded(tracker, plan_id).plans[plan_id]
    published_at = facts.publications[0].recorded_at
    then = plan_then(facts, published_at)
    assert then is not None and not isinstance(then, str)
    assert then.published and [p.published for p in then.publications] == [True]


@pytest.mark.parametrize(
    ("first", "then", "reason", "rule", "field"),
    [
        (False, False, "ไม่มีอะไร", "no_change", "published"),  # withdrawing a private page
        (True, True, None, "no_change", "published"),  # publishing it twice
        (True, False, None, "reason_required", "reason"),
        (True, False, "   ", "reason_required", "reason"),
        (True, False, "ก" * (REASON_LIMIT + 1), "text_too_long", "reason"),
        (False, True, "ก" * (REASON_LIMIT + 1), "text_too_long", "reason"),
    ],
)
def test_what_is_refused_names_its_rule_and_records_nothing(
    tracker: Tracker, first: bool, then: bool, reason: str | None, rule: str, field: str
) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    if first:
        tracker.publish_plan(plan_id, actor="prasit")
    version = tracker.get_plan(plan_id).version
    command = tracker.publish_plan if then else tracker.unpublish_plan
    with pytest.raises(RuleViolation) as refused:
        command(plan_id, reason=reason, actor="prasit")
    assert (refused.value.rule, refused.value.field) == (rule, field)
    assert refused.value.message("th") != refused.value.message("en")
    assert tracker.get_plan(plan_id).version == version


def test_a_publication_cannot_be_dated_in_the_future(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    tomorrow = tracker.clock.today() + timedelta(days=1)
    with pytest.raises(RuleViolation) as refused:
        tracker.publish_plan(plan_id, actor="prasit", occurred_on=tomorrow)
    assert refused.value.rule == "business_date_not_in_future"
    # before the plan's fiscal year is fine: a plan may be made public once adopted
    tracker.publish_plan(plan_id, actor="prasit", occurred_on=date(2008, 9, 15))
    assert is_published(tracker.get_plan(plan_id))

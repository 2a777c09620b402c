"""Events recorded today must still load in ten years.

Every event class has a stored-event fixture, captured once and never rewritten,
under ``tests/fixtures/stored_events/<topic>@v<class_version>.json``. These
tests load each one with today's code: a field added, renamed or dropped
without a ``class_version`` upcaster breaks them. Topics are explicit names
(``tidtam.ProgressRecorded``), not module paths, so moving code moves nothing.

To change an event: raise its ``class_version``, add ``upcast_vN_vN+1`` that
turns the old stored state into the new one, and capture the new version's
fixture with ``python -m tests.fixtures.capture_stored_events``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, ClassVar
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from application.tracker import Tracker
from domain.activity import Activity
from domain.deliveries import Delivery, DigestLog, ScanLog
from domain.organisations import Organisation
from domain.people import User
from domain.plan import Plan, Project
from domain.recorded import Recorded
from domain.reminders import ReminderLog
from storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stored_events"
_BASE = {"originator_id", "originator_version", "timestamp", "originator_topic"}


def event_classes() -> list[type[Recorded]]:
    found = []
    for aggregate in (
        Plan, Project, Activity, User, Organisation, Delivery, ScanLog, DigestLog, ReminderLog
    ):  # fmt: skip
        for name, value in vars(aggregate).items():
            if (
                isinstance(value, type)
                and issubclass(value, Recorded)
                and name not in ("Event", "Created")
            ):
                found.append(value)
    return found


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.json"))


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return Tracker(Store.memory())


def test_every_event_class_has_a_fixture_at_its_current_version() -> None:
    missing = [
        f"{cls.TOPIC}@v{getattr(cls, 'class_version', 1)}"  # type: ignore[attr-defined]
        for cls in event_classes()
        if not (
            FIXTURES / f"{cls.TOPIC}@v{getattr(cls, 'class_version', 1)}.json"  # type: ignore[attr-defined]
        ).exists()
    ]
    assert not missing, f"capture fixtures for {missing} (see this module's docstring)"
    assert (
        len(event_classes()) == 64
    )  # OrganisationRegistered; PlanPublished, PlanUnpublished, the reminder log's three;
    # BudgetTransferred too;
    # SignedOut, SectionAdded, PlanRevised, two withdrawals, FindingsRecorded, ReportFiled,
    # CommitmentRecorded, CommitmentCorrected, FundingSourceSet, OutputPlanned,
    # OutputDelivered, DeliveryCorrected, EvidenceAttached, EvidenceRemoved


def test_topics_do_not_depend_on_module_paths() -> None:
    for cls in event_classes():
        topic = cls.TOPIC  # type: ignore[attr-defined]
        assert topic.startswith("tidtam.") and ":" not in topic
        assert resolve_topic(topic) is cls


@pytest.mark.parametrize("path", fixtures(), ids=[p.stem for p in fixtures()])
def test_a_stored_event_loads_with_todays_code(tracker: Tracker, path: Path) -> None:
    stored = json.loads(path.read_text(encoding="utf-8"))
    event = tracker.mapper.to_domain_event(
        StoredEvent(
            originator_id=UUID(stored["originator_id"]),
            originator_version=stored["originator_version"],
            topic=stored["topic"],
            state=stored["state"].encode("utf-8"),
        )
    )
    cls = type(event)
    assert stored["topic"] == cls.TOPIC  # type: ignore[attr-defined]
    declared = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    assert set(vars(event)) == declared, "fields changed without an upcaster"
    assert isinstance(event, Recorded) and event.actor and event.occurred_on


class Sign(Aggregate):
    """A test-only aggregate whose event evolved: v1 had no ``colour``."""

    class Painted(Aggregate.Event):
        class_version: ClassVar[int] = 2
        text: str
        colour: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["colour"] = "ขาว"  # v1 signs were all white


def test_an_upcaster_turns_old_stored_state_into_the_new_shape(tracker: Tracker) -> None:
    v1 = StoredEvent(
        originator_id=UUID(int=1),
        originator_version=2,
        topic=f"{Sign.Painted.__module__}:{Sign.Painted.__qualname__}",
        state=b'{"timestamp":{"_type_":"datetime_iso","_data_":"2009-01-01T00:00:00+00:00"},'
        b'"text":"\xe0\xb8\x97\xe0\xb8\xb8\xe0\xb9\x88\xe0\xb8\x87\xe0\xb8\xaa\xe0\xb8\x87"}',
    )
    event = tracker.mapper.to_domain_event(v1)
    assert (event.text, event.colour) == ("ทุ่งสง", "ขาว")  # type: ignore[attr-defined]
    restored = tracker.mapper.to_domain_event(tracker.mapper.to_stored_event(event))
    assert vars(restored) == vars(event)


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("tidtam.ProjectPlanned", 0),  # in the plan as adopted
        ("tidtam.ActivityPlanned", 0),
        ("tidtam.BudgetRevised", None),  # a manager's change, between revisions
        ("tidtam.ProjectBudgetRevised", None),
        ("tidtam.ActivityRescheduled", None),
        ("tidtam.StepRescheduled", None),
    ],
)
def test_events_stored_before_revisions_load_as_the_adopted_plan_or_a_managers(
    tracker: Tracker, topic: str, expected: int | None
) -> None:
    stored = json.loads((FIXTURES / f"{topic}@v1.json").read_text(encoding="utf-8"))
    assert "revision" not in json.loads(stored["state"])
    event = tracker.mapper.to_domain_event(
        StoredEvent(
            originator_id=UUID(stored["originator_id"]),
            originator_version=stored["originator_version"],
            topic=stored["topic"],
            state=stored["state"].encode("utf-8"),
        )
    )
    assert event.revision == expected  # type: ignore[attr-defined]

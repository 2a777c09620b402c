"""The audit trail renders events from their stored JSON as decoding them would.

The audit view skips decoding (`projections.stored`): it reads the stored facts
with their tags and writes them out itself. Every event class's stored fixture,
and random values of every registered type, must come out as the trail showed
them when it rendered decoded events (`tests.integration.views` keeps that
reading, the reference the view is compared with on random histories too).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification
from eventsourcing.utils import resolve_topic
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import from_json

from application.tracker import Tracker
from domain import deliveries, people  # noqa: F401 - registers their topics, told apart below
from domain.activity import Activity, PlannedStep
from domain.calendar import Month
from domain.draft import StrategyLevel
from domain.plan import Plan, Project
from domain.recorded import Recorded
from projections import audit_view
from projections.audit_view import (
    Owner,
    audit_row,
    is_late_entry,
    is_late_entry_text,
    jsonable,
    owner_of,
)
from projections.stored import read_stored
from storage.store import Store
from storage.transcodings import EventTranscoder
from tests.integration.views import expected_audit_row, expected_owner
from tests.unit.test_stored_events import Sign

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stored_events"
TRACKER_KINDS = ("plan", "project", "activity")


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return Tracker(Store.memory())


def _notification(path: Path, position: int = 7) -> Notification:
    stored = json.loads(path.read_text(encoding="utf-8"))
    return Notification(
        id=position,
        originator_id=UUID(stored["originator_id"]),
        originator_version=stored["originator_version"],
        topic=stored["topic"],
        state=stored["state"].encode("utf-8"),
    )


def _kind(topic: str) -> str:
    """The aggregate that names the event's class among its own."""
    cls = resolve_topic(topic)
    owners = (Plan, Project, Activity)
    return next((a.__name__.lower() for a in owners if cls in vars(a).values()), "")


def _tracker_fixtures() -> list[Path]:
    """The fixtures of the tracker's events: people and deliveries have logs of their own."""
    return [
        path
        for path in sorted(FIXTURES.glob("*.json"))
        if _kind(json.loads(path.read_text(encoding="utf-8"))["topic"]) in TRACKER_KINDS
    ]


@pytest.mark.parametrize("path", _tracker_fixtures(), ids=[p.stem for p in _tracker_fixtures()])
def test_every_stored_event_renders_as_its_decoded_event(tracker: Tracker, path: Path) -> None:
    notification = _notification(path)
    event = tracker.mapper.to_domain_event(notification)
    assert isinstance(event, Recorded)
    [(position, stored)] = read_stored(tracker, [notification])
    kind = _kind(notification.topic)
    owner = Owner("a-plan", "a-project", "1.1", "a-unit")
    if event.originator_version == 1:
        owner = owner_of(stored, kind)
        assert owner == expected_owner(event)
    row = audit_row(position, stored, kind, str(notification.originator_id), owner)
    expected = expected_audit_row(position, event, owner)
    assert row[:-1] == expected[:-1]
    assert json.loads(row[-1]) == json.loads(expected[-1])
    assert row[-1] == json.dumps(json.loads(row[-1]), ensure_ascii=False, separators=(",", ":"))


_VALUES = st.one_of(
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.uuids(),
    st.builds(Month, st.integers(1990, 2100), st.integers(1, 12)),
    st.builds(StrategyLevel, st.text(max_size=5), st.text(alphabet="กขคงจ abc", max_size=20)),
    st.builds(
        PlannedStep,
        st.integers(1, 30),
        st.text(max_size=20),
        st.lists(st.builds(Month, st.just(2009), st.integers(1, 12)), max_size=3).map(tuple),
    ),
)


@given(st.lists(_VALUES, max_size=4))
def test_tagged_values_render_as_jsonable_shows_them_decoded(values: list[Any]) -> None:
    stored = from_json(EventTranscoder().encode({"values": values}))
    assert audit_view.rendered(stored["values"]) == jsonable(values)


@given(_VALUES)
def test_a_tag_without_a_fast_renderer_is_decoded_and_shown_the_same(value: Any) -> None:
    tagged = from_json(EventTranscoder().encode({"value": value}))["value"]
    saved = dict(audit_view._TAGGED)
    audit_view._TAGGED.clear()
    try:
        assert audit_view.rendered(tagged) == jsonable(value)
    finally:
        audit_view._TAGGED.update(saved)


_BANGKOK_OR_ELSEWHERE = st.sampled_from(
    [UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5)), timezone(timedelta(0))]
)


@given(
    st.dates(date(2008, 1, 1), date(2012, 12, 31)),
    st.datetimes(datetime(2008, 1, 1), datetime(2012, 12, 31), timezones=_BANGKOK_OR_ELSEWHERE),
)
def test_late_entry_from_text_agrees_with_the_dates(occurred_on: date, recorded: datetime) -> None:
    assert is_late_entry_text(occurred_on.isoformat(), recorded.isoformat()) == is_late_entry(
        occurred_on, recorded
    )


@pytest.mark.parametrize(
    ("occurred_on", "recorded_at", "late"),
    [
        ("2009-01-31", "2009-01-31T16:59:59+00:00", False),  # 23:59:59 in Bangkok
        ("2009-01-31", "2009-01-31T17:00:00+00:00", True),  # 1 February in Bangkok
        ("2009-01-15", "2009-01-20T18:00:00+00:00", False),  # next day, same month
        ("2008-12-31", "2009-01-01T00:00:00+00:00", True),
    ],
)
def test_late_entry_at_a_month_end_in_bangkok(
    occurred_on: str, recorded_at: str, late: bool
) -> None:
    assert is_late_entry_text(occurred_on, recorded_at) is late


def test_stored_facts_of_an_older_version_come_in_the_current_shape(tracker: Tracker) -> None:
    topic = f"{Sign.Painted.__module__}:{Sign.Painted.__qualname__}"
    stamp = b'{"timestamp":{"_type_":"datetime_iso","_data_":"2009-01-01T00:00:00+00:00"},'
    old = Notification(UUID(int=1), 2, topic, stamp + b'"text":"old"}', id=1)
    new = Notification(
        UUID(int=1), 3, topic, stamp + b'"text":"new","colour":"red","class_version":2}', id=2
    )
    read = read_stored(tracker, [old, new])
    assert [facts.facts for _, facts in read] == [
        {
            "timestamp": {"_type_": "datetime_iso", "_data_": "2009-01-01T00:00:00+00:00"},
            "text": "old",
            "colour": "ขาว",
        },
        {
            "timestamp": {"_type_": "datetime_iso", "_data_": "2009-01-01T00:00:00+00:00"},
            "text": "new",
            "colour": "red",
        },
    ]
    assert [facts.event_class for _, facts in read] == [Sign.Painted, Sign.Painted]


class Note(Aggregate):
    def __init__(self, text: str) -> None:
        self.text = text


def test_stored_facts_are_read_through_compression() -> None:
    plain = Application[UUID]()
    squeezed = Application[UUID](
        env={"COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor"}
    )
    for app in (plain, squeezed):
        app.save(Note("ทุ่งสง " * 20))
    [(_, read_plain)] = read_stored(plain, plain.recorder.select_notifications(1, 10))
    [(_, read_squeezed)] = read_stored(squeezed, squeezed.recorder.select_notifications(1, 10))
    notification = squeezed.recorder.select_notifications(1, 10)[0]
    assert not notification.state.startswith(b"{")  # it really is compressed
    assert read_squeezed.facts["text"] == read_plain.facts["text"] == "ทุ่งสง " * 20

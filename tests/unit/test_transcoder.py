"""The event transcoder's fast reading path gives what the library's own path gives.

``EventTranscoder.decode`` parses with pydantic-core and untags values itself
instead of the standard library's ``object_hook``: random trees of tagged values,
lists and objects, encoded by the transcoder, must decode to the very same values
(and types) as a plain library ``JSONTranscoder`` with the same transcodings
reads them, top-level arrays turned into tuples as ever.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)
from hypothesis import given
from hypothesis import strategies as st

from domain.calendar import Month
from domain.draft import StrategyLevel
from storage.transcodings import (
    DateAsISO,
    EventTranscoder,
    MonthAsISO,
    PlannedStepAsDict,
    StrategyLevelAsList,
    cached_uuid,
)


def fast() -> EventTranscoder:
    transcoder = EventTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    return transcoder


def reference() -> JSONTranscoder:
    transcoder = JSONTranscoder()
    for transcoding in (
        UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO(), MonthAsISO(),
        PlannedStepAsDict(), StrategyLevelAsList(),
    ):  # fmt: skip
        transcoder.register(transcoding)
    return transcoder


def reference_decode(data: bytes) -> Any:
    state = reference().decode(data)
    if type(state) is dict:
        for key, value in state.items():
            if type(value) is list:
                state[key] = tuple(value)
    return state


def typed(value: Any) -> Any:
    """The value with every leaf's type beside it, so ``1 == 1.0 == True`` can't hide."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(v) for v in value])
    return (type(value).__name__, value)


leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(max_size=12),
    st.uuids(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.dates(),
    st.datetimes(timezones=st.just(UTC)),
    st.builds(Month, st.integers(1900, 2200), st.integers(1, 12)),
    st.builds(StrategyLevel, st.text(max_size=5), st.text(max_size=12)),
)
trees = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
states = st.dictionaries(st.text(max_size=10), trees, max_size=8)


@given(states)
def test_fast_path_reads_what_the_library_reads(state: dict[str, Any]) -> None:
    data = fast().encode(state)
    assert typed(fast().decode(data)) == typed(reference_decode(data))


def test_a_stored_event_decodes_to_its_values() -> None:
    when = datetime(2009, 1, 5, 3, 0, tzinfo=UTC)
    ident = UUID("0bba2f97-5176-5b0f-910e-409349970f3a")
    state = {
        "timestamp": when,
        "occurred_on": date(2009, 1, 5),
        "activity_id": ident,
        "amount": Decimal("60000.00"),
        "months": [Month(2009, 1), Month(2009, 2)],
        "note": "ซ่อมถนน",
    }
    decoded = fast().decode(fast().encode(state))
    assert decoded == {**state, "months": (Month(2009, 1), Month(2009, 2))}
    assert decoded["timestamp"] - when == timedelta(0)


def test_an_unknown_tag_is_refused_as_the_library_refuses_it() -> None:
    data = json.dumps({"x": {"_type_": "no_such_type", "_data_": "1"}}).encode()
    with pytest.raises(TranscodingNotRegisteredError, match="no_such_type"):
        fast().decode(data)


def test_text_that_is_not_json_fails_as_before() -> None:
    with pytest.raises(json.JSONDecodeError):
        fast().decode(b"{not json")


def test_ids_read_back_are_shared_not_rebuilt() -> None:
    text = "0bba2f9751765b0f910e409349970f3a"
    assert cached_uuid(text) is cached_uuid(text) == UUID(text)

"""Events as stored: for views that re-render an event's facts instead of folding them.

Decoding a notification into a domain event turns every tagged JSON value
(``{"_type_": "date", "_data_": "2009-03-13"}``) back into a Python value and
builds the event object. A view that only writes those facts out again as
text, such as the audit trail, can skip that round trip: it reads the stored
JSON with the tags left in place and renders them itself. On the audit trail's
rebuild the decode was over a third of the time.

The stored state is made plain first (deciphered, decompressed, as the mapper
does), and an event whose class has moved on since it was stored (a
``class_version`` in its state) is decoded, upcast and encoded again, so a view
reading stored facts always sees the current shape of every event.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Notification
from eventsourcing.utils import resolve_topic
from pydantic_core import from_json


class StoredFacts(NamedTuple):
    """One event as stored: its class, its aggregate and version, its facts as JSON.

    A named tuple: made once per event of a rebuild, at a third of a frozen
    dataclass's cost."""

    event_class: type
    originator_id: UUID | str
    originator_version: int
    facts: dict[str, Any]
    """The stored state parsed, tagged values left tagged (``{"_type_", "_data_"}``);
    includes ``timestamp`` and every field of the event but the originator's id and
    version, which are above."""


def read_stored(
    app: Application[UUID], notifications: Sequence[Notification]
) -> list[tuple[int, StoredFacts]]:
    """(position, facts) for each notification, in log order."""
    mapper = app.mapper
    plain = mapper.cipher is None and mapper.compressor is None
    read = []
    for n in notifications:
        state = n.state if plain else _plain_state(app, n.state)
        cls = event_class(n.topic)
        facts = from_json(state)
        if facts.pop("class_version", 1) < getattr(cls, "class_version", 1):
            facts = _upcast(app, n)
        read.append((n.id, StoredFacts(cls, n.originator_id, n.originator_version, facts)))
    return read


@lru_cache(maxsize=1024)
def event_class(topic: str) -> type:
    """The class a topic names (renamed topics included), remembered: a log has few."""
    return cast(type, resolve_topic(topic))


def _plain_state(app: Application[UUID], state: bytes) -> bytes:
    mapper = app.mapper
    if mapper.cipher is not None:
        state = mapper.cipher.decrypt(state)
    if mapper.compressor is not None:
        state = mapper.compressor.decompress(state)
    return state


def _upcast(app: Application[UUID], notification: Notification) -> dict[str, Any]:
    """The facts of an event stored in an older shape, in the shape its class has now."""
    event = app.mapper.to_domain_event(notification)
    state = {
        key: value
        for key, value in vars(event).items()
        if key not in ("originator_id", "originator_version")
    }
    return cast(dict[str, Any], from_json(app.mapper.transcoder.encode(state)))

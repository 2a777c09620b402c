"""How Tidtam's value types are written into stored events (JSON).

The library knows UUID, Decimal and datetime; dates, months and the small value
objects inside events are registered here. Names are part of the stored format:
never rename one, add a new transcoding instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Transcoding,
    UUIDAsHex,
)
from pydantic_core import from_json

from domain.activity import PlannedStep
from domain.calendar import Month
from domain.draft import StrategyLevel
from domain.plan_section import PlanSection


class DateAsISO(Transcoding):
    type = date
    name = "date"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class MonthAsISO(Transcoding):
    type = Month
    name = "month"

    def encode(self, obj: Month) -> str:
        return obj.iso

    def decode(self, data: str) -> Month:
        return Month.from_iso(data)


class PlannedStepAsDict(Transcoding):
    type = PlannedStep
    name = "planned_step"

    def encode(self, obj: PlannedStep) -> dict[str, Any]:
        return {"number": obj.number, "text": obj.text, "planned_months": obj.planned_months}

    def decode(self, data: dict[str, Any]) -> PlannedStep:
        return PlannedStep(data["number"], data["text"], tuple(data["planned_months"]))


class StrategyLevelAsList(Transcoding):
    type = StrategyLevel
    name = "strategy_level"

    def encode(self, obj: StrategyLevel) -> list[str]:
        return [obj.code, obj.name]

    def decode(self, data: list[str]) -> StrategyLevel:
        return StrategyLevel(data[0], data[1])


class PlanSectionAsDict(Transcoding):
    type = PlanSection
    name = "plan_section"

    def encode(self, obj: PlanSection) -> dict[str, Any]:
        return {"key": obj.key, "strategy": obj.strategy, "objective": obj.objective}

    def decode(self, data: dict[str, Any]) -> PlanSection:
        return PlanSection(data["key"], tuple(data["strategy"]), data["objective"])


class EventTranscoder(JSONTranscoder):
    """JSON with Tidtam's value types, reading arrays back as tuples.

    Event fields are immutable sequences (``tuple[Month, ...]``); JSON has only
    arrays, which Python reads as lists. Reading an event's array fields back as
    tuples makes a stored event equal to the event as it was triggered (arrays
    nested inside a field are the business of that field's own transcoding).
    """

    def __init__(self) -> None:
        self._decoders: dict[str, Callable[[Any], Any]] = {}
        super().__init__()
        # The library's own (which applications register again) too: so that a transcoder
        # made outside an application, as the audit trail's, reads every stored value.
        for transcoding in (
            UUIDAsHex(),
            DecimalAsStr(),
            DatetimeAsISO(),
            DateAsISO(),
            MonthAsISO(),
            PlannedStepAsDict(),
            StrategyLevelAsList(),
            PlanSectionAsDict(),
        ):
            self.register(transcoding)

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        self._decoders[transcoding.name] = _FAST_DECODERS.get(transcoding.name, transcoding.decode)

    def _decode_obj(self, d: dict[str, Any]) -> Any:
        """The library's hook, minus its layers: called for every JSON object of every
        event read (rebuilds, time travel and each command's replay), it was a tenth of
        decoding. An unregistered name still raises the library's error."""
        if len(d) == 2 and "_data_" in d:
            name = d.get("_type_")
            if type(name) is str:
                decode = self._decoders.get(name)
                if decode is None:
                    return super()._decode_obj(d)
                return decode(d["_data_"])
        return d

    def decode(self, data: bytes) -> Any:
        """Parse with pydantic-core's JSON reader (a third of the standard library's
        time on our events), then turn tagged objects back into values innermost
        first, as the library's ``object_hook`` does. Text the fast reader refuses
        goes through the library's own path, so errors read as they always did."""
        try:
            parsed = from_json(data)
        except ValueError:
            parsed = super().decode(data)
        else:
            parsed = self._untag(parsed)
        if type(parsed) is dict:
            for key, value in parsed.items():
                if type(value) is list:
                    parsed[key] = tuple(value)
        return parsed

    def _untag(self, value: Any) -> Any:
        kind = type(value)
        if kind is dict:
            decoders = self._decoders
            for key, item in value.items():
                kind = type(item)
                if kind is dict:
                    # the common case inline: a tagged value whose data is text
                    data = item.get("_data_") if len(item) == 2 else None
                    name = item.get("_type_")
                    if type(data) is str and type(name) is str:
                        decode = decoders.get(name)
                        if decode is not None:
                            value[key] = decode(data)
                            continue
                    value[key] = self._untag(item)
                elif kind is list:
                    value[key] = self._untag(item)
            return self._decode_obj(value)
        if kind is list:
            return [
                self._untag(item) if type(item) is dict or type(item) is list else item
                for item in value
            ]
        return value


@lru_cache(maxsize=65536)
def cached_uuid(text: str) -> UUID:
    """A UUID from its text, remembered: a store holds far fewer aggregates than events,
    and building a ``UUID`` from text costs more than decoding the rest of an event's
    fields."""
    return UUID(text)


_FAST_DECODERS: dict[str, Callable[[Any], Any]] = {
    "uuid_hex": cached_uuid,
    "decimal_str": Decimal,
    "datetime_iso": datetime.fromisoformat,
    DateAsISO.name: date.fromisoformat,
    MonthAsISO.name: Month.from_iso,
}
"""Decoders of the library's and our own names that skip a method call; each does what
the registered transcoding's ``decode`` does."""

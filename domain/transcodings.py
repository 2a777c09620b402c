"""How Tidtam's value types are written into stored events (JSON).

The library knows UUID, Decimal and datetime; dates, months and the small value
objects inside events are registered here. Names are part of the stored format:
never rename one, add a new transcoding instead.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.activity import PlannedStep
from domain.calendar import Month
from domain.draft import StrategyLevel


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


class EventTranscoder(JSONTranscoder):
    """JSON with Tidtam's value types, reading arrays back as tuples.

    Event fields are immutable sequences (``tuple[Month, ...]``); JSON has only
    arrays, which Python reads as lists. Reading an event's array fields back as
    tuples makes a stored event equal to the event as it was triggered (arrays
    nested inside a field are the business of that field's own transcoding).
    """

    def __init__(self) -> None:
        super().__init__()
        for transcoding in (DateAsISO(), MonthAsISO(), PlannedStepAsDict(), StrategyLevelAsList()):
            self.register(transcoding)

    def decode(self, data: bytes) -> Any:
        state = super().decode(data)
        if type(state) is dict:
            for key, value in state.items():
                if type(value) is list:
                    state[key] = tuple(value)
        return state

"""Immutable values inside aggregates, shared rather than rebuilt when an aggregate is copied.

The application hands each command a deep copy of the aggregate it keeps between
commands (so a refused command leaves the kept one untouched). An activity recorded on
every week for years holds hundreds of spending entries and progress points; rebuilt
field by field, copying them cost more than replaying the stream had. A frozen value
cannot be changed through any copy, so a copy may share it: a correction replaces the
entry in its list, never the entry's fields.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def shared_in_copies(cls: T) -> T:
    """Mark a frozen dataclass so ``copy.deepcopy`` returns the instance itself."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"{cls.__name__} must be a frozen dataclass to be shared in copies")
    cls.__deepcopy__ = _itself  # type: ignore[attr-defined]
    return cls


def _itself(value: object, memo: dict[int, Any]) -> object:
    """``copy.deepcopy``'s hook: the value itself, as nothing can change it."""
    return value

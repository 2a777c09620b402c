"""A list's first items, read in place: how a sheet cut back to an instant keeps its facts.

A sheet's facts are appended in log order, so what a sheet held at an instant is a
prefix of each of its lists (:mod:`projections.time_travel`). Copying those prefixes
made a cut cost many times the read of the current sheet: a slice touches every
item it keeps (each one's reference count, one object at a time across memory), and
a plan of 1,000 activities with 200 events each keeps some 600,000 of them. A
:class:`Prefix` keeps a reference to the current list and where it ends instead, and
finds that end only when first read; reading it costs what reading the list costs.

It is read-only and reads as the list it stands for: length, indexing (negative
too), slices (as lists), iteration both ways, and equality with a list or another
prefix. Nothing mutates a sheet once read from the views (only the fold does, on its
own sheets), so the list under a prefix does not move while the prefix is read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, SupportsIndex, TypeVar, overload

T = TypeVar("T")


class Prefix(Sequence[T]):
    """The items of ``items`` up to log position ``cut``: those whose ``key`` (their
    position) is at most ``cut``, searched in ``by`` (``items`` itself unless another
    list of positions runs beside it)."""

    __slots__ = ("_by", "_cut", "_end", "_items", "_key")

    def __init__(
        self,
        items: list[T],
        cut: int,
        key: Callable[[Any], int] | None = None,
        by: list[int] | None = None,
    ) -> None:
        self._items = items
        self._cut = cut
        self._key = key
        self._by = by
        self._end = -1

    @classmethod
    def first(cls, items: list[T], count: int) -> Prefix[T]:
        """The first ``count`` items, where the caller already knows how many."""
        kept: Prefix[T] = cls(items, 0)
        kept._end = count
        return kept

    @property
    def whole(self) -> list[T]:
        """The list this is a prefix of."""
        return self._items

    def __len__(self) -> int:
        if self._end < 0:  # found once; finding it again would give the same
            by: list[Any] = self._items if self._by is None else self._by
            key, cut = self._key, self._cut
            self._end = bisect_right(by, cut) if key is None else bisect_right(by, cut, key=key)
        return self._end

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | list[T]:
        end = len(self)
        if isinstance(index, slice):
            return self._items[:end][index]
        at = index.__index__()
        if at < 0:
            at += end
        if not 0 <= at < end:
            raise IndexError("prefix index out of range")
        return self._items[at]

    def __iter__(self) -> Iterator[T]:
        return islice(self._items, len(self))

    def __reversed__(self) -> Iterator[T]:
        items = self._items
        return islice(reversed(items), len(items) - len(self), None)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, list | Prefix):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # as a list's: it compares by its items

    def __repr__(self) -> str:
        return repr(list(self))

"""What a spreadsheet says besides its text: merged cells and cell fills.

People draw a plan in a spreadsheet, not only type it: one arrow typed in the first
month and merged across the months it covers, months shaded instead of marked, a
year cell merged over the months of its year. Every format reader (.xlsx, .xls,
.ods) hands over a :class:`Sheet`: the text of each cell (a merged range's text in
its top-left cell only, as the spreadsheet stores it), which cells have a solid,
non-white fill, and the merged ranges. Plain text formats have none of these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MAX_MERGES = 100_000
"""Merged ranges a workbook may hold (a plan's has a few hundred)."""

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_WHITE = frozenset({"FFFFFF", "FFFFFFFF", "00FFFFFF"})


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range: 1-based rows, 0-based columns, both ends included."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def rows(self) -> int:
        return self.last_row - self.first_row + 1

    def covers(self, row: int, column: int) -> bool:
        return (
            self.first_row <= row <= self.last_row
            and self.first_column <= column <= self.last_column
        )


@dataclass(slots=True)
class Sheet:
    """One worksheet as a format reader gives it."""

    rows: list[list[str]] = field(default_factory=list)
    fills: set[tuple[int, int]] = field(default_factory=set)
    """(1-based row, 0-based column) of cells with a solid, non-white fill."""
    merges: list[Merge] = field(default_factory=list)


def column_index(letters: str) -> int:
    """``A`` → 0, ``AA`` → 26 (the inverse of ``column_letter``)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def merge_from_ref(ref: str) -> Merge | None:
    """``G13:I13`` → Merge(13, 6, 13, 8); None for a reference that is not a range."""
    parts = ref.split(":")
    if len(parts) != 2:
        return None
    ends = [_REF.fullmatch(part.strip()) for part in parts]
    if ends[0] is None or ends[1] is None:
        return None
    (c1, r1), (c2, r2) = ((column_index(m[1]), int(m[2])) for m in (ends[0], ends[1]))
    if r1 < 1 or r2 < 1:
        return None
    return Merge(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def is_white(rgb: str | None) -> bool:
    """Whether a fill colour (``FFFFFF``, ``#ffffff``, ``FFFFFFFF``) is white or none."""
    if not rgb:
        return True
    return rgb.lstrip("#").upper() in _WHITE


def anchored(merges: Iterable[Merge]) -> dict[tuple[int, int], Merge]:
    """Merged ranges by their top-left cell, where a spreadsheet keeps their text."""
    return {(m.first_row, m.first_column): m for m in merges}


def spread_fills(
    fills: set[tuple[int, int]] | frozenset[tuple[int, int]],
    anchors: Mapping[tuple[int, int], Merge],
    rows: int,
    columns: int,
) -> set[tuple[int, int]]:
    """The filled cells with each filled anchor's fill spread over its merged range,
    clipped to ``rows`` × ``columns`` (a range may run to the sheet's far corner).

    Ranges of a real sheet do not overlap, so they cover at most ``rows`` × ``columns``
    cells in all; overlapping ranges of a crafted file stop spreading there."""
    spread = set(fills)
    work = rows * columns
    for (row, column), merge in anchors.items():
        if (row, column) not in fills:
            continue
        for r in range(row, min(merge.last_row, rows) + 1):
            last = min(merge.last_column, columns - 1)
            work -= last - column + 1
            if work < 0:
                return spread
            spread.update((r, c) for c in range(column, last + 1))
    return spread

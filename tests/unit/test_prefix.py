"""A Prefix reads as the list slice it stands for, in every way a reader reads a list.

Time travel hands readers prefixes where it used to hand them slices
(:mod:`projections.time_travel`), and the property test that holds every cut to a
re-fold compares them with ``==``: so equality must be able to fail, and every
other way of reading must give what the slice gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter, itemgetter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projections.prefix import Prefix


@dataclass
class Fact:
    seq: int
    value: str


positions = st.lists(st.integers(1, 40), max_size=12, unique=True).map(sorted)


def _facts(seqs: list[int]) -> list[Fact]:
    return [Fact(seq, f"v{seq}") for seq in seqs]


@given(seqs=positions, cut=st.integers(0, 41))
def test_a_prefix_reads_as_the_slice_up_to_its_cut(seqs: list[int], cut: int) -> None:
    facts = _facts(seqs)
    kept = [f for f in facts if f.seq <= cut]
    prefix = Prefix(facts, cut, attrgetter("seq"))
    assert len(prefix) == len(kept) and bool(prefix) == bool(kept)
    assert list(prefix) == kept and list(reversed(prefix)) == kept[::-1]
    for at in range(-len(kept), len(kept)):
        assert prefix[at] is kept[at]
    for outside in (len(kept), -len(kept) - 1):
        with pytest.raises(IndexError):
            prefix[outside]
    for part in (slice(None), slice(1, None), slice(None, -1), slice(None, None, -1)):
        assert prefix[part] == kept[part]
    assert all(f in prefix for f in kept) and all(f not in prefix for f in facts[len(kept) :])
    assert [prefix.index(f) for f in kept] == list(range(len(kept)))
    assert prefix == kept and kept == prefix and (prefix != kept) is False
    assert repr(prefix) == repr(kept)


@given(seqs=positions, cut=st.integers(0, 41))
def test_a_prefix_differs_from_a_list_that_holds_anything_else(seqs: list[int], cut: int) -> None:
    facts = _facts(seqs)
    prefix = Prefix(facts, cut, attrgetter("seq"))
    kept = facts[: len(prefix)]
    if len(kept) < len(facts):
        assert prefix != facts and facts != prefix  # one more
    if kept:
        assert prefix != kept[:-1]  # one fewer
        assert prefix != [*kept[:-1], Fact(kept[-1].seq, "other")]  # one changed
    assert prefix != tuple(kept)  # a tuple is not a list, as for a list


def test_pairs_and_plain_positions_and_a_list_beside_them() -> None:
    pairs = [(3, "a"), (5, "b"), (9, "c")]
    assert Prefix(pairs, 5, itemgetter(0)) == pairs[:2]
    seqs, days = [2, 4, 8], ["mon", "tue", "wed"]
    assert Prefix(seqs, 7) == [2, 4]
    assert Prefix(days, 7, by=seqs) == ["mon", "tue"]
    assert Prefix(days, 1, by=seqs) == [] and not Prefix(days, 1, by=seqs)
    assert Prefix.first(pairs, 1) == [(3, "a")]
    assert Prefix(seqs, 7) == Prefix(seqs, 5) and Prefix(seqs, 7) != Prefix(seqs, 9)

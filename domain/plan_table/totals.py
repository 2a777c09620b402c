"""Total rows: ``รวม``, ``รวม 3 โครงการ``, ``รวม 3 โครงการ 1,234,000 บาท``, ``รวมทั้งสิ้น …``.

A total repeats what the rows above already say, so it adds nothing to the plan; but
when it states a number of projects or an amount, it is a check the document's author
made, and a plan whose rows do not add up to its own totals is refused rather than
imported with one of the two silently wrong. ``รวม`` closes a section (after the last
section it may also sum the whole plan); ``รวมทั้งสิ้น`` and ``รวมทั้งหมด`` sum every
section above them. A total that states nothing is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.draft import SectionDraft, strategy_path
from domain.money import format_baht
from domain.plan_table.budgets import read_budget
from domain.plan_table.cells import is_total
from domain.plan_table.errors import Locator
from domain.thai import clean_text, name_key, to_arabic_digits
from domain.words import Words

_WORD = re.compile(r"(รวมทั้งสิ้น|รวมทั้งหมด|รวมงบประมาณ|รวม|total)(?=[\s\d]|$)\s*(.*)", re.I)
_GRAND = frozenset({"รวมทั้งสิ้น", "รวมทั้งหมด"})
_AMOUNT = r"\d[\d,]*(?:\.\d+)?"
_REST = re.compile(
    rf"(?:(\d[\d,]*)\s*โครงการ)?\s*(?:(?:งบประมาณ|เป็นเงิน|จำนวนเงิน)\s*)?"
    rf"(?:({_AMOUNT})\s*(?:บาท)?\s*(?:\.-|-)?)?"
)
_COUNT = re.compile(r"(\d[\d,]*)\s*โครงการ")


@dataclass(frozen=True, slots=True)
class TotalRow:
    """What a total row states, where, and which section it follows (its index)."""

    row: int
    grand: bool
    section: int
    count: int | None = None
    count_column: int | None = None
    amount: Decimal | None = None
    amount_column: int | None = None

    @property
    def states_something(self) -> bool:
        return self.count is not None or self.amount is not None


def _cell(cells: Sequence[str], column: int) -> str:
    return to_arabic_digits(clean_text(cells[column])) if column < len(cells) else ""


def read_total(
    row: int,
    cells: Sequence[str],
    columns: Mapping[str, int],
    where: Locator,
    section: int,
) -> TotalRow | None:
    """The total a row states, None if it is no total row; refused if unreadable."""
    number, name = columns["number"], columns["name"]
    texts = [(c, _cell(cells, c)) for c in (number, name) if _cell(cells, c)]
    for start in range(len(texts)):  # a number may stand before the word
        phrase = " ".join(text for _, text in texts[start:])
        if (match := _WORD.fullmatch(phrase)) is not None:
            column = texts[start][0]
            break
    else:
        return None
    if is_total(phrase):  # the word alone, however spaced: รวม ทั้งสิ้น
        grand, rest = name_key(phrase) in _GRAND, None
    elif (rest := _REST.fullmatch(match[2])) is None:
        raise where.error("section_total_unreadable", row, column, text=phrase)
    else:
        grand = match[1] in _GRAND
    count = int(rest[1].replace(",", "")) if rest is not None and rest[1] else None
    count_column = column if count is not None else None
    details = _cell(cells, columns["details"])
    if count is None and (said := _COUNT.fullmatch(details)) is not None:
        count, count_column = int(said[1].replace(",", "")), columns["details"]
    amount, amount_column = _amount(row, cells, columns, where, rest[2] if rest else None, column)
    return TotalRow(row, grand, section, count, count_column, amount, amount_column)


def _amount(
    row: int,
    cells: Sequence[str],
    columns: Mapping[str, int],
    where: Locator,
    in_phrase: str | None,
    phrase_column: int,
) -> tuple[Decimal | None, int | None]:
    """The amount in the budget cell, or in the phrase; both must agree."""
    budget = columns["budget"]
    text = _cell(cells, budget)
    in_cell = read_budget(text, where, row, budget) if text else None
    said = read_budget(in_phrase, where, row, phrase_column) if in_phrase else None
    if in_cell is not None and said is not None and in_cell != said:
        raise where.error("section_total_unreadable", row, budget, text=f"{in_phrase} / {text}")
    if in_cell is not None:
        return in_cell, budget
    return (said, phrase_column) if said is not None else (None, None)


def check_totals(
    totals: Sequence[TotalRow], sections: Sequence[SectionDraft], where: Locator
) -> None:
    """Refuse the first total that does not agree with the rows above it."""
    last_project = max((p.source_row for s in sections for p in s.projects), default=0)
    for total in totals:
        section = sections[total.section]
        above = sections[: total.section + 1]
        whole = _Sums(
            sum(len(s.projects) for s in above),
            sum((p.budget for s in above for p in s.projects), Decimal("0.00")),
        )
        own = _Sums(len(section.projects), sum((p.budget for p in section.projects), _ZERO))
        closing = total.row > last_project and len(sections) > 1
        if total.grand or (closing and own.miss(total) and not whole.miss(total)):
            scope, sums = _WHOLE, whole
        else:
            scope, sums = _scope(section), own
        sums.check(total, scope, where)


_ZERO = Decimal("0.00")
_WHOLE = Words("ทั้งแผน", "the whole plan")


def _scope(section: SectionDraft) -> Words:
    path = strategy_path(section.strategy)
    if not path:
        return Words("ตาราง", "the table")
    return Words(f"หมวด {path}", f"the section {path}")


@dataclass(frozen=True, slots=True)
class _Sums:
    count: int
    amount: Decimal

    def miss(self, total: TotalRow) -> bool:
        return (total.count is not None and total.count != self.count) or (
            total.amount is not None and total.amount != self.amount
        )

    def check(self, total: TotalRow, scope: Words, where: Locator) -> None:
        if total.count is not None and total.count != self.count:
            raise where.error(
                "section_total_mismatch",
                total.row,
                total.count_column,
                stated=Words(f"{total.count} โครงการ", f"{total.count} projects"),
                computed=Words(f"{self.count} โครงการ", f"{self.count} projects"),
                scope=scope,
            )
        if total.amount is not None and total.amount != self.amount:
            raise where.error(
                "section_total_mismatch",
                total.row,
                total.amount_column,
                stated=_baht(total.amount),
                computed=_baht(self.amount),
                scope=scope,
            )


def _baht(amount: Decimal) -> Words:
    return Words(f"{format_baht(amount)} บาท", f"{format_baht(amount)} baht")

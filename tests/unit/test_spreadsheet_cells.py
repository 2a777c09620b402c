"""No cell Tidtam writes is run by a spreadsheet (hardening, finding 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from api.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_text_a_spreadsheet_would_run_is_kept_as_text(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["กองวิชาการ ฯ", "1.1", "", " =1", "ฎ.3/52", 7, Decimal("-5")])
def test_other_values_are_written_as_they_are(value: object) -> None:
    assert safe_cell(value) == value


def test_every_cell_of_a_row_is_made_safe() -> None:
    assert safe_row(["=1", "x", 3]) == ["'=1", "x", 3]

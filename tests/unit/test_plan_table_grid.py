"""Every file format and text encoding a plan arrives in becomes the same grid of cells."""

from __future__ import annotations

import io
import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.plan_table import Grid, PlanTableError, read_grid
from domain.plan_table.errors import column_letter
from domain.plan_table.xlsx import cell_text, number_text
from domain.thai import clean_text
from tests.unit.plan_table_helpers import (
    EXAMPLE,
    HEADER,
    csv_bytes,
    example_bytes,
    example_rows,
    tsv_bytes,
    write,
    xlsx_bytes,
)


def trimmed(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    """Rows as a Grid keeps them: no trailing empty cells, no trailing empty rows."""
    out = []
    for cells in rows:
        end = len(cells)
        while end and not clean_text(cells[end - 1]):
            end -= 1
        out.append(tuple(cells[:end]))
    while out and not out[-1]:
        out.pop()
    return tuple(out)


def workbook(*sheets: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for index, rows in enumerate(sheets):
        sheet = book.create_sheet(f"sheet {index}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("index", "letter"),
    [(0, "A"), (3, "D"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")],
)
def test_columns_are_lettered_like_a_spreadsheet(index: int, letter: str) -> None:
    assert column_letter(index) == letter


def test_negative_column_has_no_letter() -> None:
    with pytest.raises(ValueError, match="negative"):
        column_letter(-1)


def test_example_rows_are_numbered_from_one() -> None:
    grid = read_grid(example_bytes(), EXAMPLE.name)
    assert grid.filename == EXAMPLE.name
    assert len(grid.rows) == 31
    assert grid.cell(13, 0) == "ลำดับที่"
    assert grid.cell(14, 6) == "ต.ค."
    assert grid.cell(15, 3) == "130,000 30,000"
    assert grid.cell(16, 9) == "↔"
    assert grid.cell(99, 0) == grid.cell(1, 99) == ""
    assert grid.rows[0] == ()  # a blank line is a row without cells
    assert grid.width == 18
    assert [n for n, _ in grid.numbered(30)] == [30, 31]


def test_grid_is_immutable() -> None:
    grid = Grid("x.txt", (("a",),))
    with pytest.raises(AttributeError):
        grid.filename = "y.txt"  # type: ignore[misc]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp874"])
def test_text_encodings_read_the_same(encoding: str) -> None:
    rows = [[("x" if cell == "↔" else cell) for cell in cells] for cells in example_rows()]
    text = "\n".join("\t".join(cells) for cells in rows)
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # with their BOM, as Windows writes them
        data = "\ufeff".encode(encoding) + data
    assert read_grid(data, "plan.txt").rows == trimmed(rows)


def test_csv_quotes_commas_quotes_and_line_breaks() -> None:
    data = b'a,"b, c","say ""x""","two\nlines"\r\n1,2,3,4\r\n'
    assert read_grid(data, "plan.csv").rows == (
        ("a", "b, c", 'say "x"', "two\nlines"),
        ("1", "2", "3", "4"),
    )


def test_csv_delimiter_is_the_one_that_finds_the_header(tmp_path: Path) -> None:
    rows = example_rows()
    for delimiter in (",", ";", "\t"):
        path = write(tmp_path, "plan.csv", csv_bytes(rows, delimiter=delimiter))
        assert read_grid(path.read_bytes(), path.name).rows == trimmed(rows)


def test_text_without_a_header_is_read_with_the_extensions_delimiter() -> None:
    assert read_grid(b"a;b,c\td", "notes.csv").rows == (("a;b", "c\td"),)
    assert read_grid(b"a;b,c\td", "notes.txt").rows == (("a;b,c", "d"),)


def test_xlsx_of_the_example_has_the_same_cells_with_merged_cells_empty(tmp_path: Path) -> None:
    rows = example_rows()
    path = write(tmp_path, "plan.xlsx", xlsx_bytes(rows))
    grid = read_grid(path.read_bytes(), path.name)
    assert grid.cell(13, 6) == "พ.ศ.2551" and grid.cell(13, 7) == ""  # G13:I13 merged
    assert grid.cell(15, 3) == "130,000 30,000"
    assert grid.cell(23, 3) == "100000"  # typed as a number in Excel
    assert grid.cell(15, 0) == "1"
    assert grid.cell(16, 9) == "↔"


def test_xlsx_takes_the_first_sheet_that_holds_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.xlsx", xlsx_bytes(example_rows(), sheets_before=2))
    assert read_grid(path.read_bytes(), path.name).cell(13, 0) == "ลำดับที่"


def test_xlsx_without_a_header_gives_its_first_sheet() -> None:
    data = workbook([["first"]], [["second"]])
    assert read_grid(data, "plan.xlsx").rows == (("first",),)


def test_xlsx_values_become_text_as_a_person_reads_them() -> None:
    values: list[object] = [130000, 238613.38, 0.1 + 0.2, 1.5e16, True, date(2009, 1, 31), "x"]
    data = workbook([values])
    assert read_grid(data, "plan.xlsx").rows == (
        ("130000", "238613.38", "0.3", "15000000000000000", "TRUE", "2009-01-31T00:00:00", "x"),
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [(130000.0, "130000"), (238613.38, "238613.38"), (30000.000000000004, "30000"),
     (0.30000000000000004, "0.3"), (-0.0, "0"), (1e-7, "0.0000001"), (math.inf, "inf")],
)  # fmt: skip
def test_numbers_lose_their_float_noise(value: float, text: str) -> None:
    assert number_text(value) == text


def test_empty_cells_are_empty_text() -> None:
    assert cell_text(None) == ""


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**13))
def test_amounts_with_satang_survive_excel_floats(satang: int) -> None:
    amount = Decimal(satang) / 100
    assert Decimal(number_text(float(amount))) == amount


cell_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"), max_size=8
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(cell_texts, max_size=5), max_size=6), st.sampled_from(",;\t"))
def test_csv_round_trips_any_cells_below_a_header(rows: list[list[str]], delimiter: str) -> None:
    rows = [list(HEADER), *rows]
    grid = read_grid(csv_bytes(rows, delimiter=delimiter), "plan.csv")
    assert grid.rows == trimmed(rows)


@pytest.mark.parametrize(
    "data", [b"", b"  \r\n", ",,,\r\n,\u200b,\r\n".encode(), "\ufeff".encode("utf-16")]
)
def test_a_file_without_any_text_is_empty(data: bytes) -> None:
    with pytest.raises(PlanTableError) as caught:
        read_grid(data, "plan.csv")
    assert caught.value.rule == "table_empty"


def test_tsv_round_trips_the_example() -> None:
    rows = example_rows()
    assert read_grid(tsv_bytes(rows), "plan.tsv").rows == trimmed(rows)

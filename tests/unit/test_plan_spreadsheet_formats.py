"""The same plan drawn in .xlsx, .xls (Excel 97–2003) and .ods (LibreOffice Calc) reads the
same, merged cells and shaded months included; text files in every encoding Thai
offices save read the same too (issue 15)."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from decimal import Decimal

import pytest

from domain.calendar import Month
from domain.draft import PlanDraft
from domain.plan_table import PlanTableError, read_grid, read_plan
from domain.plan_table.ods import MAX_FILLED_RUN
from domain.plan_table.xlsx import MAX_ROWS
from tests.spreadsheet_files import WRITERS, Drawing, ods_file
from tests.unit.plan_table_helpers import (
    EXAMPLE,
    body_row,
    example_bytes,
    example_rows,
    table,
    without_source,
)

FORMATS = sorted(WRITERS)
G = 6
"""The column of ต.ค.; month index i is in column G + i."""


def months(*isos: str) -> tuple[Month, ...]:
    return tuple(Month.from_iso(iso) for iso in isos)


def drawn() -> Drawing:
    """Three projects: an arrow merged over ม.ค.–มี.ค.; ก.ค. shaded and a shaded range
    merged over ส.ค.–ก.ย.; a name merged down over its two rows with a typed mark."""
    rows = table(
        [
            body_row("1", "โครงการหนึ่ง", "ประชุม", "1,000", marks={3: "←――→"}),
            body_row("2", "โครงการสอง", "อบรม", "2,500.50"),
            body_row("3", "โครงการสาม", "จัดซื้อ", "700", marks={1: "x"}),
            body_row(details="วัสดุ"),
        ]
    )
    fills = {(4, G + 9), (4, G + 10)}
    merges = [(1, G, 1, G + 2), (1, G + 3, 1, G + 11), (3, G + 3, 3, G + 5)]
    merges += [(4, G + 10, 4, G + 11), (5, 1, 6, 1)]
    return Drawing(rows, fills, merges)


def read(extension: str, drawing: Drawing) -> PlanDraft:
    return read_plan(WRITERS[extension](drawing), f"plan{extension}")


@pytest.mark.parametrize("extension", FORMATS)
def test_the_example_reads_the_same_from_every_spreadsheet_format(extension: str) -> None:
    plan = read(extension, Drawing(example_rows()))
    assert without_source(plan) == without_source(read_plan(example_bytes(), EXAMPLE.name))
    assert plan.source == f"plan{extension}"


@pytest.mark.parametrize(
    ("written", "named"),
    [(".xlsx", ".xls"), (".xls", ".xlsx"), (".ods", ".xlsx"), (".xlsx", ".ods")],
)
def test_a_spreadsheet_saved_under_another_formats_name_is_read_as_what_it_is(
    written: str, named: str
) -> None:
    plan = read_plan(WRITERS[written](drawn()), f"plan{named}")
    assert without_source(plan) == without_source(read(written, drawn()))


@pytest.mark.parametrize("extension", FORMATS)
def test_merged_and_shaded_months_read_exactly_in_every_format(extension: str) -> None:
    plan = read(extension, drawn())
    assert [(a.code, a.name, a.details, a.budget, a.planned_months) for a in plan.activities] == [
        ("1", "โครงการหนึ่ง", "ประชุม", Decimal("1000.00"), months("2009-01", "2009-02", "2009-03")),
        ("2", "โครงการสอง", "อบรม", Decimal("2500.50"), months("2009-07", "2009-08", "2009-09")),
        ("3", "โครงการสาม", "จัดซื้อ วัสดุ", Decimal("700.00"), months("2008-11")),
    ]


def test_every_format_gives_the_same_draft() -> None:
    drafts = {extension: without_source(read(extension, drawn())) for extension in FORMATS}
    assert drafts[".xls"] == drafts[".xlsx"] == drafts[".ods"]


@pytest.mark.parametrize("extension", FORMATS)
def test_a_mark_merged_down_is_refused_in_every_format(extension: str) -> None:
    drawing = drawn()
    drawing.merges[2] = (3, G + 3, 4, G + 3)
    with pytest.raises(PlanTableError) as refused:
        read(extension, drawing)
    assert (refused.value.rule, refused.value.row, refused.value.column) == (
        "month_mark_merged_rows",
        3,
        "J",
    )


# .ods as LibreOffice saves it


def test_an_empty_row_repeated_a_million_times_costs_nothing() -> None:
    data = ods_file(Drawing(example_rows(), trailing_empty_rows=1_048_576))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        grid = read_grid(data, "plan.ods")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(grid.rows) == 31
    assert time.perf_counter() - started < 5
    assert peak < 16 * 1024 * 1024


def test_rows_repeated_beyond_any_plan_are_refused() -> None:
    content = _content(
        f'<table:table-row table:number-rows-repeated="{MAX_ROWS + 1}">'
        "<table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"
    )
    with pytest.raises(PlanTableError) as refused:
        read_grid(_ods(content), "plan.ods")
    assert (refused.value.rule, refused.value.values["limit"]) == ("table_too_large", "250,000")


def test_a_shaded_empty_cell_repeated_across_the_sheet_is_cut_to_the_tables_width() -> None:
    content = _content(
        "<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell>"
        '<table:table-cell table:style-name="shade" table:number-columns-repeated="16384"/>'
        "</table:table-row>"
    )
    grid = read_grid(_ods(content), "plan.ods")
    assert grid.styled and len(grid.fills) == MAX_FILLED_RUN
    assert grid.rows == (("x",),)


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("plan.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 600, "table_xls_unreadable"),
        ("plan.xls", b"\xd0\xcf\x11\xe0 cut short", "table_xls_unreadable"),
        ("plan.ods", b"PK\x03\x04 cut short", "table_ods_unreadable"),
        ("plan.ods", b"not a zip at all", "table_ods_unreadable"),
    ],
    ids=["damaged-xls", "cut-short-xls", "damaged-ods", "no-zip"],
)
def test_a_damaged_spreadsheet_is_refused_by_its_format(name: str, data: bytes, rule: str) -> None:
    with pytest.raises(PlanTableError) as refused:
        read_grid(data, name)
    assert refused.value.rule == rule


def test_an_ods_with_an_entity_bomb_is_refused_not_expanded() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    with pytest.raises(PlanTableError) as refused:
        read_grid(_ods(bomb), "plan.ods")
    assert refused.value.rule == "table_ods_unreadable"


def test_an_unknown_file_type_is_told_every_format_read() -> None:
    with pytest.raises(PlanTableError) as refused:
        read_grid(b"data", "plan.numbers")
    message = refused.value.message("en")
    assert refused.value.rule == "table_file_type"
    assert all(ext in message for ext in (".xlsx", ".xls", ".ods", ".csv", ".txt"))


# Text in the encodings Thai offices save


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp874", "tis-620"], ids=str)
def test_text_in_every_encoding_reads_the_same_plan(encoding: str) -> None:
    text = example_bytes().decode("utf-8").replace("↔", "x")
    plan = read_plan(text.encode(encoding), "plan.txt")
    expected = read_plan(text.encode("utf-8"), "plan.txt")
    assert plan == expected


def test_windows_874_punctuation_beyond_tis_620_is_read() -> None:
    text = example_bytes().decode("utf-8").replace("↔", "x").replace("ฯ", "ฯ…")
    plan = read_plan(text.encode("cp874"), "plan.txt")
    assert plan.activities[0].unit.endswith("ฯ…")


def _content(rows: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">'
        '<office:automatic-styles><style:style style:name="shade" style:family="table-cell">'
        '<style:table-cell-properties fo:background-color="#c0c0c0"/></style:style>'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        f'<table:table table:name="t">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )


def _ods(content: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return out.getvalue()

"""A workbook beyond any plan is refused fast and in bounded memory (hardening, finding 6).

Before these limits, a 1.7 MB workbook unpacking to six million rows took 433 s to be
refused by the CLI and grew the server by 600–800 MB. The workbooks here are written
by hand, part by part, so each one is exactly the shape under test.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest

from domain.plan_table import read_plan
from domain.plan_table.errors import PlanTableError
from domain.plan_table.xlsx import MAX_CELLS, MAX_ENTRIES, MAX_ROWS, MAX_UNPACKED_BYTES

_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
        '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument'
        '.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas'
        '.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
        '"xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets><sheet name="plan" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas'
        '.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target='
        '"worksheets/sheet1.xml"/></Relationships>'
    ),
}
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)
_SHEET_CLOSE = "</sheetData></worksheet>"


def workbook(rows: Iterator[str], *, extra_entries: int = 0, compresslevel: int = 1) -> bytes:
    """An .xlsx whose one sheet holds ``rows`` (``<row>`` elements), streamed into the zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as container:
        for name, text in _PARTS.items():
            container.writestr(name, text)
        with container.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_OPEN.encode())
            chunk: list[str] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk.clear()
            sheet.write(("".join(chunk) + _SHEET_CLOSE).encode())
        for number in range(extra_entries):
            container.writestr(f"xl/media/extra{number}.bin", b"")
    return buffer.getvalue()


def text_rows(count: int) -> Iterator[str]:
    for number in range(1, count + 1):
        yield f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>x</t></is></c></row>'


def same_rows(count: int) -> Iterator[str]:
    """Rows alike to the byte (``r`` is optional): what packs six million into 1 MB."""
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    for _ in range(count):
        yield row


def refusal(data: bytes) -> tuple[PlanTableError, float]:
    started = time.perf_counter()
    with pytest.raises(PlanTableError) as refused:
        read_plan(data, "bomb.xlsx")
    return refused.value, time.perf_counter() - started


def test_xml_is_read_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.slow
def test_a_zip_bomb_of_six_million_rows_is_refused_within_seconds_in_bounded_memory() -> None:
    data = workbook(same_rows(6_000_000), compresslevel=9)
    assert len(data) < 2 * 1024 * 1024  # under 2 MB on the wire …
    tracemalloc.start()
    try:
        error, seconds = refusal(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (error.rule, error.values["limit"]) == ("table_too_large", f"{MAX_ROWS:,}")
    assert seconds < 10
    assert peak < 64 * 1024 * 1024  # … and neither the sheet nor its rows are ever held


@pytest.mark.slow
def test_a_sheet_unpacking_beyond_the_byte_limit_is_refused_whatever_its_rows() -> None:
    long_text = "x" * (1024 * 1024)
    rows = (
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{long_text}</t></is></c></row>'
        for n in range(1, MAX_UNPACKED_BYTES // len(long_text) + 2)
    )
    error, seconds = refusal(workbook(rows))
    assert (error.rule, error.values["limit"]) == ("table_too_large", f"{MAX_UNPACKED_BYTES:,}")
    assert "bytes unpacked" in error.message("en")
    assert seconds < 10


def test_more_rows_than_any_plan_are_refused_by_count() -> None:
    data = workbook(f'<row r="{n}"/>' for n in range(1, MAX_ROWS + 2))
    error, _ = refusal(data)
    assert (error.rule, error.values["limit"]) == ("table_too_large", f"{MAX_ROWS:,}")
    assert "แถว" in error.message("th")


def test_more_cells_than_any_plan_are_refused_by_count() -> None:
    wide = "".join("<c/>" for _ in range(50_000))
    rows = (f'<row r="{n}">{wide}</row>' for n in range(1, MAX_CELLS // 50_000 + 2))
    error, _ = refusal(workbook(rows))
    assert (error.rule, error.values["limit"]) == ("table_too_large", f"{MAX_CELLS:,}")


def test_a_zip_of_more_entries_than_a_workbook_has_is_refused() -> None:
    error, _ = refusal(workbook(text_rows(3), extra_entries=MAX_ENTRIES))
    assert (error.rule, error.values["limit"]) == ("table_too_large", f"{MAX_ENTRIES:,}")


def test_a_small_hand_made_workbook_is_read_and_refused_only_for_its_content() -> None:
    error, _ = refusal(workbook(text_rows(3)))
    assert error.rule == "table_header_missing"  # it was read: three cells of "x"

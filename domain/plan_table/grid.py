"""A file's bytes as a grid of cell strings, whatever format the table came in.

Plans reach Tidtam as Excel workbooks (.xlsx, and .xls from Excel 97–2003),
LibreOffice Calc sheets (.ods), CSV exports and text copied out of PDFs, saved by
Thai Windows (TIS-620) as often as by anything UTF-8. Reducing them all to the same
grid of strings, rows numbered as the spreadsheet numbers them, lets one parser read
every format and lets errors point at the cell a person can find. Spreadsheets also
say things by merging and shading cells; the grid keeps those too
(:mod:`domain.plan_table.sheets`), and says whether the format could say them.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from domain.plan_table.errors import PlanTableError, column_letter
from domain.plan_table.header import find_header
from domain.plan_table.ods import read_ods_sheets
from domain.plan_table.sheets import Merge, Sheet
from domain.plan_table.xls import read_xls_sheets
from domain.plan_table.xlsx import read_xlsx_sheets
from domain.thai import clean_text
from domain.words import Words

__all__ = ["Grid", "column_letter", "decode_text", "make_grid", "read_grid", "sheet_grid"]

_TEXT_EXTENSIONS = {".txt": "\t", ".tsv": "\t", ".tab": "\t", ".csv": ","}
_SHEET_READERS = {
    ".xlsx": read_xlsx_sheets,
    ".xlsm": read_xlsx_sheets,
    ".xls": read_xls_sheets,
    ".ods": read_ods_sheets,
}
_DELIMITERS = ("\t", ",", ";")
_OLE, _ZIP = b"\xd0\xcf\x11\xe0", b"PK\x03\x04"
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


@dataclass(frozen=True, slots=True)
class Grid:
    """The cells of one table; rows as in the file, trailing empty cells dropped.

    Row numbers are 1-based and columns are lettered A, B, … Z, AA as a
    spreadsheet shows them, because that is how errors name a cell. ``fills`` and
    ``merges`` are what a spreadsheet format says besides text; ``styled`` is whether
    the format could say it (plain text cannot).
    """

    filename: str
    rows: tuple[tuple[str, ...], ...]
    fills: frozenset[tuple[int, int]] = frozenset()
    merges: tuple[Merge, ...] = ()
    styled: bool = False

    def cell(self, row: int, column: int) -> str:
        """The text at 1-based ``row`` and 0-based ``column``; empty outside the grid."""
        if not 1 <= row <= len(self.rows):
            return ""
        cells = self.rows[row - 1]
        return cells[column] if 0 <= column < len(cells) else ""

    def numbered(self, start: int = 1) -> Iterator[tuple[int, tuple[str, ...]]]:
        """``(row number, cells)`` from row ``start`` on."""
        for number in range(max(start, 1), len(self.rows) + 1):
            yield number, self.rows[number - 1]

    @property
    def width(self) -> int:
        return max((len(cells) for cells in self.rows), default=0)

    @property
    def is_empty(self) -> bool:
        return not any(_filled(cell) for cells in self.rows for cell in cells)


def make_grid(filename: str, rows: Sequence[Sequence[str]]) -> Grid:
    """A grid with trailing empty cells and trailing empty rows removed."""
    tidy = [_trim(cells) for cells in rows]
    while tidy and not tidy[-1]:
        tidy.pop()
    return Grid(filename, tuple(tidy))


def sheet_grid(filename: str, sheet: Sheet) -> Grid:
    """A spreadsheet's grid, keeping rows that hold only filled cells."""
    tidy = [_trim(cells) for cells in sheet.rows]
    last_filled = max((row for row, _ in sheet.fills), default=0)
    while len(tidy) > last_filled and not tidy[-1]:
        tidy.pop()
    tidy += [()] * (last_filled - len(tidy))
    return Grid(filename, tuple(tidy), frozenset(sheet.fills), tuple(sheet.merges), True)


def _filled(cell: str) -> bool:
    """Whether a cell holds text; a stray BOM or zero-width space is not text."""
    return bool(clean_text(cell))


def _trim(cells: Sequence[str]) -> tuple[str, ...]:
    end = len(cells)
    while end and not _filled(cells[end - 1]):
        end -= 1
    return tuple(cells[:end])


def read_grid(data: bytes, filename: str) -> Grid:
    """Read a table file's bytes; the format comes from the file name's extension."""
    extension = os.path.splitext(filename)[1].casefold()
    if not data.strip():
        raise PlanTableError("table_empty", file=filename)
    if extension in _SHEET_READERS:
        sheets = _sheet_reader(extension, data)(data, filename)
        grid = _with_header(sheet_grid(filename, sheet) for sheet in sheets)
    elif extension in _TEXT_EXTENSIONS:
        text = decode_text(data, filename)
        first = _TEXT_EXTENSIONS[extension]
        order = (first, *(d for d in _DELIMITERS if d != first))
        grid = _with_header(_split(text, delimiter, filename) for delimiter in order)
    else:
        raise PlanTableError("table_file_type", file=filename, extension=extension or filename)
    if grid.is_empty:
        raise PlanTableError("table_empty", file=filename)
    return grid


def _sheet_reader(extension: str, data: bytes) -> Callable[[bytes, str], list[Sheet]]:
    """The reader the bytes call for: offices save .xlsx as .xls and the other way round,
    and the bytes say which it is: an old Office file, or a zip holding an .ods's
    content.xml or a workbook's [Content_Types].xml."""
    if data.startswith(_OLE):
        return read_xls_sheets
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as container:
                names = set(container.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
            names = set()
        if "content.xml" in names:
            return read_ods_sheets
        if "[Content_Types].xml" in names:
            return read_xlsx_sheets
    return _SHEET_READERS[extension]


def _with_header(candidates: Iterable[Grid]) -> Grid:
    """The first candidate (a sheet, or a reading with one delimiter) holding a header
    row; the first candidate when none does, so the parser can say what is missing."""
    tried: list[Grid] = []
    for grid in candidates:
        if find_header(grid.rows) is not None:
            return grid
        tried.append(grid)
    return tried[0]


def _split(text: str, delimiter: str, filename: str) -> Grid:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        reason = Words(f"รูปแบบ CSV ไม่ถูกต้อง ({error})", f"it is not valid CSV ({error})")
        raise PlanTableError("table_not_text", file=filename, reason=reason) from error
    return make_grid(filename, rows)


_MAGIC = (
    (
        b"%PDF",
        Words(
            "เป็นเอกสาร PDF ให้ส่งออกตารางจากต้นฉบับเป็น .xlsx .xls .ods หรือ .csv",
            "it is a PDF document: export the table from its source as .xlsx, .xls, .ods or .csv",
        ),
    ),
    (
        b"PK\x03\x04",
        Words(
            "เป็นไฟล์ zip (ไฟล์ Excel หรือ LibreOffice หรือไม่) ให้ตั้งชื่อให้ลงท้ายด้วย .xlsx หรือ .ods",
            "it is a zip archive (a workbook?): name it .xlsx (Excel) or .ods (LibreOffice)",
        ),
    ),
    (
        b"\xd0\xcf\x11\xe0",
        Words(
            "เป็นไฟล์ Office รุ่นเก่า (.xls หรือ .doc) ถ้าเป็นตาราง Excel ให้ตั้งชื่อลงท้ายด้วย .xls",
            "it is an old Office file (.xls or .doc): if it is an Excel workbook, name it .xls",
        ),
    ),
)


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (BOM or not), else UTF-16 with a BOM, else TIS-620 as Windows writes it."""
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            raise PlanTableError("table_not_text", file=filename, reason=reason)
    text = _decode(data)
    if text is None:
        raise PlanTableError(
            "table_not_text",
            file=filename,
            reason=Words(
                "ไม่ใช่ข้อความแบบ UTF-8, UTF-16 หรือ TIS-620 (Windows ภาษาไทย)",
                "its bytes are not UTF-8, UTF-16 or TIS-620 (Thai Windows) text",
            ),
        )
    binary = next((c for c in text if ord(c) < 32 and c not in _ALLOWED_CONTROLS), None)
    if binary is not None:
        raise PlanTableError(
            "table_not_text",
            file=filename,
            reason=Words(
                f"มีข้อมูลไบนารี (อักขระควบคุม {ord(binary):#04x})",
                f"it holds binary data (control character {ord(binary):#04x})",
            ),
        )
    return text


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("cp874")
    except UnicodeDecodeError:
        return None

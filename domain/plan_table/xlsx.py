"""Excel workbooks as rows of text, the way a person reads the cells.

openpyxl gives numbers as ``int`` or ``float``; a budget typed as 238613.38 comes
back as the float nearest to it, so numbers are turned back into the shortest
text a spreadsheet would show (15 significant digits, as Excel does), never into
``238613.37999999998``. Merged cells keep their value in the top-left cell only,
which is what openpyxl gives and what the parser expects of every format; the
merged ranges themselves (which read-only mode does not give) are read from each
sheet's ``<mergeCells>`` as it streams by, and each cell's fill from its style.

A workbook is a zip of XML: 1.7 MB can unpack to six million rows. Before openpyxl
sees it, the container is measured — entries, and the bytes each really unpacks to,
read with a cap (declared sizes can lie) — and the sheets are streamed (openpyxl's
read-only mode) with caps on rows and cells, so a workbook beyond any plan is refused
within a second and in bounded memory. XML is parsed through ``defusedxml`` (openpyxl
uses it when it is installed, as it is with Tidtam).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any

from domain.plan_table.errors import PlanTableError
from domain.plan_table.sheets import MAX_MERGES, Merge, Sheet, is_white, merge_from_ref
from domain.words import Words

MAX_ENTRIES = 2_000
"""Files a workbook's zip may hold (a plan's has a dozen or two)."""
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""What a workbook may unpack to in all: a plan of 10,000 projects is well under it."""
MAX_ROWS = 250_000
MAX_CELLS = 5_000_000
"""Rows and cells a workbook's sheets may hold together (non-empty or not)."""
_CHUNK = 1024 * 1024
_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_OVERLAP = 16
"""Bytes of a chunk's end carried into the next, so a tag split between them counts once."""
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([^\"]{1,40})\"")
_MERGE_OVERLAP = 256
_WHITE_INDEXES = frozenset({1, 9, 64, 65})
"""Indexed colours that are white or the system's background."""


def read_xlsx_sheets(data: bytes, filename: str) -> list[Sheet]:
    """Every worksheet of a workbook: its cell text, fills and merged ranges."""
    # Imported here: openpyxl takes a while to import and only this path needs it.
    from openpyxl import load_workbook

    check_zip(data, filename, "table_xlsx_unreadable")
    try:
        with warnings.catch_warnings():
            # Style and extension warnings are about looks, not about the cells we read.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
            budget = Budget(filename)
            sheets = [_sheet(sheet, budget, filename) for sheet in workbook.worksheets]
            workbook.close()
    except PlanTableError:
        raise
    except Exception as error:  # a damaged file can fail anywhere inside openpyxl
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        raise PlanTableError("table_xlsx_unreadable", file=filename, reason=reason) from error
    if not sheets:
        raise PlanTableError("table_empty", file=filename)
    return sheets


def check_zip(data: bytes, filename: str, rule: str, sheets: str = "xl/worksheets/") -> None:
    """Refuse a zip with too many entries, unpacking to more than the limit, or whose
    sheets hold more rows or cells than any plan: every entry is unpacked (and thrown
    away) with running counts, since the sizes a zip declares are written by whoever
    made it, and counting tags in the XML is a hundred times faster than parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            entries = container.infolist()
            if len(entries) > MAX_ENTRIES:
                raise too_large(filename, Words("แฟ้มย่อย", "entries"), MAX_ENTRIES)
            budget = Budget(filename)
            for entry in entries:
                with container.open(entry) as member:
                    _measure(member, budget, sheet=entry.filename.startswith(sheets))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        raise PlanTableError(rule, file=filename, reason=reason) from error


def _measure(member: IO[bytes], budget: Budget, *, sheet: bool) -> None:
    """Unpack ``member`` chunk by chunk, spending the budget's bytes (and, in a sheet,
    its rows and cells) as it goes."""
    tail = b""
    while chunk := member.read(_CHUNK):
        budget.unpacked(len(chunk))
        if sheet:
            window = tail + chunk
            cut = len(window) - _OVERLAP  # tags starting before the cut are counted now
            rows = sum(1 for m in _ROW.finditer(window) if m.start() < cut)
            cells = sum(1 for m in _CELL.finditer(window) if m.start() < cut)
            budget.spend(rows, cells)
            tail = window[cut:]
    if sheet and tail:
        budget.spend(len(_ROW.findall(tail)), len(_CELL.findall(tail)))


class Budget:
    """Bytes, rows and cells left to read across a workbook."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.bytes = MAX_UNPACKED_BYTES
        self.rows = MAX_ROWS
        self.cells = MAX_CELLS

    def unpacked(self, size: int) -> None:
        self.bytes -= size
        if self.bytes < 0:
            what = Words("ไบต์เมื่อแตกไฟล์", "bytes unpacked")
            raise too_large(self.filename, what, MAX_UNPACKED_BYTES)

    def spend(self, rows: int, cells: int) -> None:
        self.rows -= rows
        self.cells -= cells
        if self.rows < 0:
            raise too_large(self.filename, Words("แถว", "rows"), MAX_ROWS)
        if self.cells < 0:
            raise too_large(self.filename, Words("เซลล์", "cells"), MAX_CELLS)


def _sheet(sheet: Any, budget: Budget, filename: str) -> Sheet:
    fills: set[tuple[int, int]] = set()
    rows = list(_sheet_rows(sheet, budget, fills))
    return Sheet(rows, fills, _merges(sheet, filename))


def _sheet_rows(sheet: Any, budget: Budget, fills: set[tuple[int, int]]) -> Iterator[list[str]]:
    """A sheet's rows as text, still counted: openpyxl pads rows the XML leaves short.
    Cells with a solid, non-white fill are added to ``fills``."""
    filled_styles: dict[int, bool] = {}
    for number, row in enumerate(sheet.iter_rows(), start=1):
        budget.spend(1, len(row))
        texts = []
        for column, cell in enumerate(row):
            texts.append(cell_text(cell.value))
            style = getattr(cell, "_style_id", 0)
            if style:
                if style not in filled_styles:
                    filled_styles[style] = _is_filled(cell.fill)
                if filled_styles[style]:
                    fills.add((number, column))
        yield texts


def _is_filled(fill: Any) -> bool:
    """A solid pattern in a colour that is not white (theme colour 0 is the background)."""
    if getattr(fill, "fill_type", None) != "solid":
        return False
    colour = fill.fgColor
    kind = getattr(colour, "type", "rgb")
    if kind == "rgb":
        return not is_white(str(colour.rgb)[-6:])
    if kind == "indexed":
        return colour.indexed not in _WHITE_INDEXES
    if kind == "theme":
        return not (colour.theme == 0 and not colour.tint)
    return False


def _merges(sheet: Any, filename: str) -> list[Merge]:
    """The sheet's merged ranges, scanned from its XML in chunks (read-only mode keeps
    no ranges, and parsing the whole sheet again would hold it in memory)."""
    found: list[Merge] = []
    tail = b""
    with sheet.parent._archive.open(sheet._worksheet_path) as source:
        while chunk := source.read(_CHUNK):
            window = tail + chunk
            cut = len(window) - _MERGE_OVERLAP
            for match in _MERGE.finditer(window):
                if match.start() < cut:
                    merge = merge_from_ref(match[1].decode("ascii", "replace"))
                    found += [merge] if merge is not None else []
            if len(found) > MAX_MERGES:
                raise too_large(filename, Words("ช่วงเซลล์ที่ผสาน", "merged ranges"), MAX_MERGES)
            tail = window[max(cut, 0) :]
    found += [m for m in map(_tail_merge, _MERGE.findall(tail)) if m is not None]
    return found


def _tail_merge(ref: bytes) -> Merge | None:
    return merge_from_ref(ref.decode("ascii", "replace"))


def too_large(filename: str, what: Words, limit: int) -> PlanTableError:
    return PlanTableError("table_too_large", file=filename, what=what, limit=f"{limit:,}")


def cell_text(value: object) -> str:
    """A cell value as text: numbers without float noise, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def number_text(value: float) -> str:
    """``130000.0`` → ``130000``; ``238613.38`` → ``238613.38``; no exponent notation."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    plain = format(Decimal(format(value, ".15g")), "f")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain

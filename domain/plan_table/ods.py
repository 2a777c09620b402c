"""LibreOffice Calc sheets (.ods) as rows of text, with their fills and merged cells.

An .ods file is a zip holding ``content.xml``; it is read here directly, streamed
through ``defusedxml`` (no office suite is run). The format compresses runs of
alike cells and rows with ``number-columns-repeated`` / ``number-rows-repeated``:
a sheet LibreOffice saves often ends in an empty row repeated a million times. Runs
of empty cells and rows are only counted, and written out when something follows
them, so that row costs nothing; what is written out is charged to the same row and
cell limits as a workbook's. Merged cells are ``number-columns-spanned`` /
``number-rows-spanned`` on the top-left cell; a cell is shaded when its own style
(``table:style-name``, with the styles it inherits from) has a non-white
``fo:background-color``. Column and row default styles are not read, as a
workbook's column styles are not.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from domain.plan_table.errors import PlanTableError
from domain.plan_table.sheets import MAX_MERGES, Merge, Sheet, is_white
from domain.plan_table.xlsx import Budget, check_zip, number_text, too_large
from domain.words import Words

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
MAX_FILLED_RUN = 1_024
"""Cells of one run of empty, shaded cells that are kept (a plan is far narrower)."""


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_TABLE, _ROW, _CELL, _COVERED = (
    _q("table:table"),
    _q("table:table-row"),
    _q("table:table-cell"),
    _q("table:covered-table-cell"),
)
_STYLE, _CELL_PROPS = _q("style:style"), _q("style:table-cell-properties")
_P, _S, _TAB, _BREAK = _q("text:p"), _q("text:s"), _q("text:tab"), _q("text:line-break")
_VALUE_KINDS = {
    "float": "office:value",
    "percentage": "office:value",
    "currency": "office:value",
    "date": "office:date-value",
    "time": "office:time-value",
}


def read_ods_sheets(data: bytes, filename: str) -> list[Sheet]:
    """Every table of an .ods file: its cell text, fills and merged ranges."""
    check_zip(data, filename, "table_ods_unreadable", sheets="content.xml")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as container:
            names = set(container.namelist())
            styles: dict[str, tuple[str | None, str | None]] = {}
            if "styles.xml" in names:
                with container.open("styles.xml") as source:
                    _read_styles(source, styles, stop_at=None)
            with container.open("content.xml") as source:
                sheets = list(_Reader(filename, styles).sheets(source))
    except PlanTableError:
        raise
    except Exception as error:  # a damaged file can fail anywhere in the zip or the XML
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        raise PlanTableError("table_ods_unreadable", file=filename, reason=reason) from error
    if not sheets:
        raise PlanTableError("table_empty", file=filename)
    return sheets


def _iterparse(source: IO[bytes]) -> Iterator[tuple[str, Any]]:
    from defusedxml.ElementTree import iterparse

    return iterparse(source, events=("start", "end"))  # type: ignore[no-any-return]


def _read_styles(
    source: IO[bytes], styles: dict[str, tuple[str | None, str | None]], stop_at: str | None
) -> None:
    """Cell styles by name: (parent style, background colour)."""
    for event, element in _iterparse(source):
        if event == "end" and element.tag == _STYLE:
            _add_style(element, styles)
            element.clear()
        elif event == "start" and element.tag == stop_at:
            return


def _add_style(element: Any, styles: dict[str, tuple[str | None, str | None]]) -> None:
    name = element.get(_q("style:name"))
    if name is None:
        return
    props = element.find(_CELL_PROPS)
    colour = None if props is None else props.get(_q("fo:background-color"))
    styles[name] = (element.get(_q("style:parent-style-name")), colour)


class _Row:
    """The cells of one row element as they are read."""

    def __init__(self) -> None:
        self.cells: list[str] = []
        self.gap = 0
        self.fills: list[int] = []
        self.spans: list[tuple[int, int, int]] = []  # (column, rows, columns)


class _Reader:
    """Streams content.xml into sheets, counting what it writes out."""

    def __init__(self, filename: str, styles: dict[str, tuple[str | None, str | None]]) -> None:
        self.filename = filename
        self.styles = styles
        self.shaded: dict[str, bool] = {}
        self.budget = Budget(filename)
        self.merges = 0

    def sheets(self, source: IO[bytes]) -> Iterator[Sheet]:
        stack: list[Any] = []
        sheet: Sheet | None = None
        pending = 0  # empty rows not yet written out
        for event, element in _iterparse(source):
            if event == "start":
                stack.append(element)
                if element.tag == _TABLE:
                    sheet, pending = Sheet(), 0
                continue
            stack.pop()
            if element.tag == _STYLE:
                _add_style(element, self.styles)
            elif element.tag == _ROW and sheet is not None:
                pending = self._row(sheet, element, pending)
                if stack:
                    stack[-1].remove(element)
            elif element.tag == _TABLE and sheet is not None:
                yield sheet
                sheet = None
                if stack:
                    stack[-1].remove(element)

    def _row(self, sheet: Sheet, element: Any, pending: int) -> int:
        """Read one row element; returns the empty rows still pending after it."""
        row = _Row()
        for cell in element:
            if cell.tag in (_CELL, _COVERED):
                self._cell(cell, row)
        repeat = _count(element, "table:number-rows-repeated")
        if not row.cells:
            return pending + repeat
        self.budget.spend(pending, 0)
        sheet.rows += [[] for _ in range(pending)]
        for _ in range(repeat):
            self.budget.spend(1, len(row.cells))
            number = len(sheet.rows) + 1
            sheet.rows.append(list(row.cells))
            sheet.fills.update((number, column) for column in row.fills)
            for column, rows, columns in row.spans:
                self._merge(sheet, Merge(number, column, number + rows - 1, column + columns - 1))
        return 0

    def _cell(self, cell: Any, row: _Row) -> None:
        repeat = _count(cell, "table:number-columns-repeated")
        text = _cell_text(cell) if cell.tag == _CELL else ""
        shaded = cell.tag == _CELL and self._shaded(cell.get(_q("table:style-name")))
        if not text and not shaded:
            row.gap += repeat  # written out only if a filled cell follows
            return
        repeat = repeat if text else min(repeat, MAX_FILLED_RUN)
        self.budget.spend(0, row.gap + repeat)
        row.cells.extend([""] * row.gap)
        row.gap = 0
        start = len(row.cells)
        row.cells.extend([text] * repeat)
        if shaded:
            row.fills.extend(range(start, start + repeat))
        rows = _count(cell, "table:number-rows-spanned")
        columns = _count(cell, "table:number-columns-spanned")
        if rows > 1 or columns > 1:
            row.spans.append((start, rows, columns))

    def _merge(self, sheet: Sheet, merge: Merge) -> None:
        self.merges += 1
        if self.merges > MAX_MERGES:
            raise too_large(self.filename, Words("ช่วงเซลล์ที่ผสาน", "merged ranges"), MAX_MERGES)
        sheet.merges.append(merge)

    def _shaded(self, name: str | None) -> bool:
        if name is None:
            return False
        if name not in self.shaded:
            self.shaded[name] = False  # a style naming itself as its parent ends here
            parent, colour = self.styles.get(name, (None, None))
            if colour is not None and colour != "transparent":
                self.shaded[name] = not is_white(colour)
            else:
                self.shaded[name] = self._shaded(parent)
        return self.shaded[name]


def _count(element: Any, attribute: str) -> int:
    try:
        return max(1, int(element.get(_q(attribute), "1")))
    except ValueError:
        return 1


def _cell_text(cell: Any) -> str:
    kind = cell.get(_q("office:value-type"))
    attribute = _VALUE_KINDS.get(kind or "")
    value = cell.get(_q(attribute)) if attribute else None
    if value is not None:
        if attribute == "office:value":
            try:
                return number_text(float(value))
            except ValueError:
                return str(value)
        return str(value)
    if kind == "boolean":
        return "TRUE" if cell.get(_q("office:boolean-value")) == "true" else "FALSE"
    # Only the cell's own paragraphs: a comment (office:annotation) holds its own.
    return "\n".join(_paragraph(p) for p in cell.findall(_P))


def _paragraph(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _S:
            parts.append(" " * _count(child, "text:c"))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)

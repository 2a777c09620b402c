"""Real spreadsheet files for the importer's tests: .xlsx (openpyxl), .xls (xlwt) and
.ods (a zip with content.xml, written here), each with the same cells, merged ranges
and shaded cells, as an office's spreadsheet program would save them.

A :class:`Drawing` says what to write: rows of text (amounts typed as numbers, as a
person typing into a spreadsheet stores them), shaded cells and merged ranges with
1-based rows and 0-based columns, as :mod:`domain.plan_table.sheets` counts them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?")
SHADE = "FFFF00"
"""The yellow an office shades planned months with."""


@dataclass
class Drawing:
    """What a spreadsheet shows: text, shaded cells and merged ranges."""

    rows: Sequence[Sequence[str]]
    fills: set[tuple[int, int]] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column): rows 1-based, columns 0-based."""
    trailing_empty_rows: int = 0
    """.ods only: an empty row repeated this often after the table, as Calc saves it."""


def typed(text: str) -> float | str | None:
    """What a person typing into a spreadsheet stores: amounts as numbers."""
    if _AMOUNT.fullmatch(text):
        return float(text.replace(",", ""))
    return text if text else None


def _covered(drawing: Drawing) -> set[tuple[int, int]]:
    """Cells inside a merged range other than its top-left one."""
    cells = set()
    for r1, c1, r2, c2 in drawing.merges:
        cells |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    return cells


def xlsx_file(drawing: Drawing) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    book = Workbook()
    sheet = book.active
    for cells in drawing.rows:
        sheet.append([typed(text) for text in cells])
    shade = PatternFill("solid", fgColor=SHADE)
    for row, column in drawing.fills:
        sheet.cell(row=row, column=column + 1).fill = shade
    for r1, c1, r2, c2 in drawing.merges:
        sheet.merge_cells(start_row=r1, start_column=c1 + 1, end_row=r2, end_column=c2 + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls_file(drawing: Drawing) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("plan", cell_overwrite_ok=True)
    plain = xlwt.XFStyle()
    shade = xlwt.easyxf("pattern: pattern solid, fore_colour yellow;")
    covered = _covered(drawing)
    for r1, c1, r2, c2 in drawing.merges:
        style = shade if (r1, c1) in drawing.fills else plain
        sheet.merge(r1 - 1, r2 - 1, c1, c2, style)
    width = max((len(cells) for cells in drawing.rows), default=0)
    for index in range(len(drawing.rows)):
        cells = list(drawing.rows[index])
        for column in range(max(width, len(cells))):
            text = cells[column] if column < len(cells) else ""
            filled = (index + 1, column) in drawing.fills
            if (index + 1, column) in covered or not (text or filled):
                continue
            value = typed(text)
            sheet.write(index, column, "" if value is None else value, shade if filled else plain)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
    'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def ods_file(drawing: Drawing) -> bytes:
    covered = _covered(drawing)
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in drawing.merges}
    width = max((len(cells) for cells in drawing.rows), default=0)
    rows = []
    for number, cells in enumerate(drawing.rows, start=1):
        parts = []
        for column in range(max(width, len(cells))):
            text = cells[column] if column < len(cells) else ""
            if (number, column) in covered:
                parts.append("<table:covered-table-cell/>")
                continue
            filled = (number, column) in drawing.fills
            parts.append(_ods_cell(text, filled, spans.get((number, column))))
        rows.append(f"<table:table-row>{''.join(parts)}</table:table-row>")
    if drawing.trailing_empty_rows:
        rows.append(
            f'<table:table-row table:number-rows-repeated="{drawing.trailing_empty_rows}">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        'office:version="1.2"><office:automatic-styles><style:style style:name="ce1" '
        'style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties '
        'fo:background-color="#ffffff"/></style:style><style:style style:name="ce2" '
        'style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties '
        f'fo:background-color="#{SHADE.lower()}"/></style:style></office:automatic-styles>'
        '<office:body><office:spreadsheet><table:table table:name="plan">'
        '<table:table-column table:number-columns-repeated="1024"/>'
        f"{''.join(rows)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", content)
    return out.getvalue()


def _ods_cell(text: str, filled: bool, span: tuple[int, int] | None) -> str:
    attributes = ' table:style-name="ce2"' if filled else ' table:style-name="ce1"'
    if span is not None:
        attributes += (
            f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
        )
    value = typed(text)
    if isinstance(value, float):
        attributes += f' office:value-type="float" office:value="{value!r}"'
    elif text:
        attributes += ' office:value-type="string"'
    body = f"<text:p>{escape(text)}</text:p>" if text else ""
    return f"<table:table-cell{attributes}>{body}</table:table-cell>"


WRITERS: dict[str, Callable[[Drawing], bytes]] = {
    ".xlsx": xlsx_file,
    ".xls": xls_file,
    ".ods": ods_file,
}
"""Each spreadsheet format by the extension its files carry."""

__all__ = ["SHADE", "WRITERS", "Drawing", "ods_file", "xls_file", "xlsx_file"]

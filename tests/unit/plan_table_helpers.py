"""Building plan tables for the importer's tests: the Thung Song example as rows to
edit, and the same rows written out as real TSV, CSV and XLSX files.

Kept out of conftest so each test says what it uses.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from domain.draft import PlanDraft
from domain.plan_table import read_grid
from domain.thai import to_thai_digits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "thungsong-2552-strategy5.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "plan_tables"
WIDTH = 18  # A … R: six columns, then ต.ค. … ก.ย.
MONTHS = (
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
)
HEADER = ["ลำดับที่", "โครงการ/กิจกรรม", "รายละเอียดของกิจกรรม (ผลผลิต)", "งบประมาณ"]
HEADER += ["พื้นที่", "หน่วย ดำเนินการ", "พ.ศ.2551", "", "", "พ.ศ.2552"]
HEADER += [""] * (WIDTH - len(HEADER))
MONTH_ROW = [""] * 6 + list(MONTHS)
HEADER_ROWS = (13, 20, 28)  # the example's header repeats at each page break
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?")

Rows = list[list[str]]


def example_bytes() -> bytes:
    return EXAMPLE.read_bytes()


def example_rows() -> Rows:
    """The example as an editable list of rows, each padded to the table's width."""
    grid = read_grid(example_bytes(), EXAMPLE.name)
    return [list(cells) + [""] * (WIDTH - len(cells)) for cells in grid.rows]


def column(letter: str) -> int:
    """0-based index of a column letter (A → 0)."""
    return ord(letter) - ord("A")


def set_cell(rows: Rows, row: int, letter: str, text: str) -> None:
    """Write ``text`` at 1-based ``row`` and column ``letter``."""
    cells = rows[row - 1]
    index = column(letter)
    cells.extend([""] * (index + 1 - len(cells)))
    cells[index] = text


def tsv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """Rows as the example is written: tab-separated UTF-8, no quoting."""
    return "\n".join("\t".join(cells) for cells in rows).encode("utf-8")


def csv_bytes(
    rows: Iterable[Sequence[str]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def _typed(text: str) -> object:
    """What a person typing into Excel would store: amounts and numbers as numbers."""
    if _AMOUNT.fullmatch(text):
        number = text.replace(",", "")
        return float(number) if "." in number else int(number)
    return text if text else None


def xlsx_bytes(rows: Sequence[Sequence[str]], *, sheets_before: int = 0) -> bytes:
    """Rows as a workbook shaped like a real plan: amounts as numbers, header cells
    merged downwards over the month row, year cells merged over their months."""
    from openpyxl import Workbook

    book = Workbook()
    for index in range(sheets_before):
        book.create_sheet(f"notes {index}", 0).append(["บันทึก", "ไม่ใช่ตาราง"])
    sheet = book.worksheets[sheets_before]
    for cells in rows:
        sheet.append([_typed(text) for text in cells])
    for number, cells in enumerate(rows, start=1):
        if cells and cells[0] in ("ลำดับที่", "ที่"):
            for index in range(6):
                sheet.merge_cells(
                    start_row=number, end_row=number + 1, start_column=index + 1,
                    end_column=index + 1,
                )  # fmt: skip
            sheet.merge_cells(start_row=number, end_row=number, start_column=7, end_column=9)
            sheet.merge_cells(start_row=number, end_row=number, start_column=10, end_column=18)
        elif len([c for c in cells if c]) == 1 and cells[0]:
            sheet.merge_cells(start_row=number, end_row=number, start_column=1, end_column=18)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def without_source(draft: PlanDraft) -> PlanDraft:
    return dataclasses.replace(draft, source="")


def table(body: Sequence[Sequence[str]], *, titles: Sequence[str] = ()) -> Rows:
    """A small table with the standard header for FY 2552, rows padded to width."""
    rows: Rows = [[title] for title in titles]
    rows += [list(HEADER), list(MONTH_ROW)]
    rows += [list(cells) + [""] * (WIDTH - len(cells)) for cells in body]
    return rows


def body_row(
    number: str = "",
    name: str = "",
    details: str = "",
    budget: str = "",
    area: str | None = None,
    unit: str | None = None,
    marks: dict[int, str] | None = None,
) -> list[str]:
    """A body row; ``marks`` maps a fiscal month index (0 = ต.ค.) to its mark text.

    Project and activity rows get Thung Song's area and a unit unless told otherwise;
    continuation rows (no number, no name) get none, as in a real table."""
    item = bool(number or name)
    area = ("เทศบาลเมืองทุ่งสง" if item else "") if area is None else area
    unit = ("กองวิชาการ" if item else "") if unit is None else unit
    cells = [number, name, details, budget, area, unit] + [""] * 12
    for index, text in (marks or {}).items():
        cells[6 + index] = text
    return cells


def thai_code(text: str) -> str:
    """Thai digits for the leading number or code of a cell (``1.1 กิจกรรม`` → ``๑.๑ …``)."""
    return re.sub(r"^[\d.,]+", lambda m: to_thai_digits(m.group(0)), text)


def variant_rows() -> Rows:
    """The example as another municipality might lay it out: columns reordered, other
    headings, Thai digits, ``x``/``✓`` marks, month labels without their final dot,
    satang amounts (2.2 is 49,999.50; project 3 is 238,613.38) and a remarks column
    that the importer does not know and must ignore."""
    rows = example_rows()
    set_cell(rows, 26, "D", "49,999.50")
    set_cell(rows, 30, "D", "238,613.38")
    renamed = {
        "ลำดับที่": "ที่",
        "รายละเอียดของกิจกรรม (ผลผลิต)": "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ",
        "งบประมาณ": "งบประมาณ (บาท)",
        "พื้นที่": "สถานที่ดำเนินการ",
        "หน่วย ดำเนินการ": "หน่วยงานรับผิดชอบหลัก",
    }
    order = [1, 0, 5, 3, 2, 4, *range(6, 18)]
    marks = iter(["x", "✓"] * 20)
    out: Rows = []
    for number, cells in enumerate(rows, start=1):
        if not any(cells[1:]):  # title and blank lines stay in column A
            out.append([to_thai_digits(cells[0]), *cells[1:]])
            continue
        new = [renamed.get(cells[i], cells[i]) for i in order]
        if number in HEADER_ROWS:
            new = [to_thai_digits(t) if t.startswith("พ.ศ.") else t for t in new]
            new.append("หมายเหตุ")
        elif number - 1 in HEADER_ROWS:
            new = [t.removesuffix(".") for t in new]
        else:
            new[0], new[1], new[4] = (thai_code(new[i]) for i in (0, 1, 4))
            new[0] = new[0].replace(" 1.1 ", " ๑.๑ ")  # the activity sharing its project's cell
            new[3] = to_thai_digits(new[3])
            new = [next(marks) if t == "↔" else t for t in new]
            new.append("งบเทศบาล" if number == 25 else "")
        out.append(new)
    return out

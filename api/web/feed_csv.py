"""The event feed as a CSV file a clerk opens in Excel: Thai headers, BE dates, no JSON.

The file is what an auditor hands on (to the council's committee, to the province),
so it reads as the page does: the reader's language in the header row, dates in the
Buddhist era as the forms write them (``30/09/2552``), ``ใช่`` for a late entry. The
payload itself is not a column: each event's description says it in words, and the
JSON API (``/api/v1/events``) serves the payload for machines. The activity's and
project's ids stay as the last columns so a row can be matched with the API.
Every cell passes :func:`api.spreadsheet.safe_row`: no text from an imported plan
becomes a live formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

from api.spreadsheet import safe_row
from api.web.i18n import date_input
from api.web.timeline import Entry
from domain.calendar import be_year
from domain.clock import BANGKOK

# (Thai, English) for each column, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("ลำดับที่บันทึก", "Position"),
    ("บันทึกเมื่อ", "Recorded at"),
    ("วันที่ตามเรื่อง", "Business date"),
    ("บันทึกย้อนหลัง", "Late entry"),
    ("ผู้บันทึก", "Recorded by"),
    ("โครงการ", "Project"),
    ("รหัสกิจกรรม", "Activity code"),
    ("หน่วยดำเนินการ", "Unit"),
    ("ชนิดเหตุการณ์", "Event type"),
    ("รายละเอียด", "Description"),
    ("รหัสโครงการในระบบ", "Project id"),
    ("รหัสกิจกรรมในระบบ", "Activity id"),
)
YES = ("ใช่", "yes")


def header(lang: str) -> list[str]:
    return [thai if lang == "th" else english for thai, english in COLUMNS]


def row(e: Entry, lang: str, project_code: str, unit_name: str) -> list[object]:
    """One event's cells, in the order of :data:`COLUMNS`."""
    return safe_row(
        [e.position, stamp(e.recorded_at, lang), date_input(e.occurred_on, lang),
         (YES[0] if lang == "th" else YES[1]) if e.late_entry else "", e.actor, project_code,
         e.code, unit_name, e.event_type, e.text(), e.project_id, e.activity_id]
    )  # fmt: skip


def stamp(moment: datetime, lang: str) -> str:
    """When an event was recorded, Bangkok time: ``30/09/2552 10:00`` (ISO in English)."""
    local = moment.astimezone(BANGKOK)
    if lang != "th":
        return local.isoformat(timespec="seconds")
    return f"{date_input(local.date(), lang)} {local:%H:%M:%S}"


def document(rows: Iterable[list[object]], lang: str) -> bytes:
    """The file: a byte-order mark (so Excel reads UTF-8), the header, every row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(lang))
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def file_name(today: date) -> str:
    return f"tidtam-events-{be_year(today.year)}-{today:%m-%d}.csv"

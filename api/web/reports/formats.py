"""Which format a report is asked for: ``format=`` first, else the ``Accept`` header."""

from __future__ import annotations

from typing import Literal

from fastapi import Response

from domain.errors import InputError, register_messages

Format = Literal["json", "html", "xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("json", "html", "xlsx", "pdf")
MEDIA: dict[Format, str] = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
SUFFIX: dict[str, Format] = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".pdf": "pdf"}
DOCUMENT_HEADERS = {
    # A report document is a file to keep, not a page of the app: it runs nothing.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


class ReportFormatError(InputError):
    """Raised when a report is asked for in a format Tidtam cannot give."""

    http_status = 406


def chosen(asked: str | None, accept: str, made: tuple[Format, ...] = FORMATS) -> Format:
    """The format asked for by name, else the first of ``Accept`` the report is ``made``
    in; else its first."""
    if asked:
        if asked not in made:
            choose = ", ".join(made)
            raise ReportFormatError("report_format_unknown", field="format", asked=asked,
                                    made=choose)  # fmt: skip
        return asked
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        for name in made:
            if media == MEDIA[name].split(";")[0]:
                return name
    return made[0]


def download(body: bytes | str, name: Format, filename: str) -> Response:
    """The report as a file to save (JSON is answered as the API's own)."""
    headers = dict(DOCUMENT_HEADERS)
    if name != "json":
        headers["Content-Disposition"] = f'attachment; filename="{filename}.{name}"'
    return Response(body, media_type=MEDIA[name], headers=headers)


register_messages(
    {
        "report_format_unknown": (
            "รายงานนี้ไม่มีในรูปแบบ '{asked}' เลือกได้: {made}",
            "this report is not made as '{asked}': choose {made}",
        ),
        "report_pdf_unavailable": (
            "เครื่องนี้ออกรายงานเป็น PDF ไม่ได้ ({reason}) ให้ติดตั้ง Pango และฟอนต์ Laksaman "
            "(make run ติดตั้งให้เมื่อทำได้) หรือใช้ html (พิมพ์จากเบราว์เซอร์) หรือ xlsx",
            "this machine cannot make PDF ({reason}): install Pango and the Laksaman font "
            "(make run does when it can), or use html (print it from a browser) or xlsx",
        ),
    }
)

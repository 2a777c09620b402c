"""Events as sentences people read: the activity's timeline and the global feed.

The audit view keeps each event's payload as stored (amounts as decimal strings,
months as CE ``YYYY-MM``); here they become ``30,000 บาท`` and ``ม.ค. 2552``,
with the note, reason, voucher or evidence that came with them, and a flag's rule
and why it was resolved read in the words of :mod:`domain.words` (``เกินกำหนด``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from api.schemas.events import EventOut
from api.web import i18n
from api.web.event_texts import EVENT_TEXT
from domain.calendar import Month
from domain.evidence import IMAGE_TYPES
from domain.money import format_baht
from domain.words import EVIDENCE_SUBJECTS, RESOLUTIONS, RULES, Words

_MONEY = {"amount", "previous", "budget"}
_MONTHS = {"planned_months", "previous"}
_EXTRA = ("note", "reason", "reference", "evidence")
_DATES = {"previous_start", "previous_completion", "until"}
_NAMES: dict[tuple[str, str], dict[str, Words]] = {
    ("EvidenceAttached", "subject"): EVIDENCE_SUBJECTS,
    ("ActivityFlagged", "rule"): RULES,
    ("FlagResolved", "rule"): RULES,
    ("FlagResolved", "reason"): RESOLUTIONS,
}
"""Payload values that are stored names (``overdue``, ``started``): read in the words
of :mod:`domain.words`, as the alerts page, the digest and the CLI name them."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One event, ready for a page or a CSV row."""

    position: int
    version: int
    event_type: str
    code: str
    plan_id: str
    project_id: str
    activity_id: str
    unit_key: str
    actor: str
    occurred_on: date
    recorded_at: datetime
    late_entry: bool
    summary: str
    extras: tuple[tuple[str, str], ...]
    payload: dict[str, Any]

    def text(self) -> str:
        """The summary and its extras on one line (the CSV's description)."""
        return " · ".join([self.summary, *(f"{k}: {v}" for k, v in self.extras)])


@dataclass(slots=True)
class Attached:
    """An evidence file as the timeline shows it: a thumbnail, or struck through with the
    reason it was removed."""

    number: int
    sha256: str
    media_type: str
    name: str
    size: int
    removed: bool = False
    reason: str = ""

    @property
    def drawn(self) -> bool:
        """Whether a browser draws it (a photo), else it is shown as a file with its name."""
        return self.media_type in IMAGE_TYPES


def attached(entries: list[Entry]) -> dict[int, Attached]:
    """The activity's evidence files by number, from its timeline, removals applied."""
    found: dict[int, Attached] = {}
    for e in entries:
        p = e.payload
        if e.event_type == "EvidenceAttached":
            found[int(p["number"])] = Attached(
                int(p["number"]), str(p["sha256"]), str(p["media_type"]), str(p["name"]),
                int(p["size"]),
            )  # fmt: skip
        elif e.event_type == "EvidenceRemoved" and int(p["number"]) in found:
            found[int(p["number"])].removed = True
            found[int(p["number"])].reason = str(p.get("reason", ""))
    return found


def entry(event: EventOut, lang: str) -> Entry:
    thai, english = EVENT_TEXT.get(event.event_type, (event.event_type, event.event_type))
    template = thai if lang == "th" else english
    values = {k: _value(event.event_type, k, v, lang) for k, v in event.payload.items()}
    try:
        summary = template.format(**values)
    except (KeyError, IndexError):
        summary = template.split(" {")[0]
    summary = summary[:1].upper() + summary[1:]  # English sentences start with a capital
    extras = tuple(
        (i18n.text(_EXTRA_LABEL[k], lang), _value(event.event_type, k, event.payload[k], lang))
        for k in _EXTRA
        if event.payload.get(k)
    )
    return Entry(
        position=event.position,
        version=event.aggregate_version,
        event_type=event.event_type,
        code=event.code or "",
        plan_id=str(event.plan_id or ""),
        project_id=str(event.project_id or ""),
        activity_id=str(event.activity_id or ""),
        unit_key=event.unit_key or "",
        actor=event.actor,
        occurred_on=event.occurred_on,
        recorded_at=event.recorded_at,
        late_entry=event.late_entry,
        summary=summary,
        extras=extras,
        payload=event.payload,
    )


_EXTRA_LABEL = {
    "note": "form.note",
    "reason": "form.reason",
    "reference": "form.reference",
    "evidence": "form.evidence",
}


def _value(event_type: str, key: str, value: Any, lang: str) -> str:
    names = _NAMES.get((event_type, key))
    if names is not None and isinstance(value, str) and value in names:
        return names[value].in_(lang)
    if key in _DATES and isinstance(value, str):
        try:
            return i18n.day(date.fromisoformat(value), lang)
        except ValueError:
            return value
    if key in _MONTHS and isinstance(value, list):
        try:
            return i18n.months([Month.from_iso(str(m)) for m in value], lang)
        except ValueError:
            return ", ".join(str(m) for m in value)
    if key in _MONEY and isinstance(value, str | int):
        try:
            return format_baht(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)

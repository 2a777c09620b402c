"""The pages' words: every text exists in Thai and English, with the same blanks to fill.

A key a template names but the catalogue lacks would be a 500 on that page,
and a placeholder in one language only would fail in the other; both are found
here without rendering anything.
"""

from __future__ import annotations

import re
import string

from api.web import i18n
from api.web.render import TEMPLATES

LITERAL_KEYS = re.compile(r"""\bt\(\s*['"]([a-z0-9_.]+)['"]""")


def blanks(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_each_text_has_both_languages_with_the_same_blanks() -> None:
    wrong = []
    for key, (thai, english) in i18n.TEXT.items():
        if key == "col.year":  # Thai headers name the BE year alone; English gives both eras
            same = blanks(thai) < blanks(english)
        else:
            same = blanks(thai) == blanks(english)
        if not (thai.strip() and english.strip() and same):
            wrong.append(key)
    assert wrong == []


def test_every_activity_form_says_when_it_is_done() -> None:
    """After a form's redirect the page says what was recorded; a form without its
    ``done.`` text redirected in silence (the start and completion corrections did)."""
    from api.web.context import FLASH_KEYS
    from api.web.forms import FORMS

    assert [f.name for f in FORMS if f"done.{f.name}" not in FLASH_KEYS] == []


def test_every_key_a_template_names_is_in_the_catalogue() -> None:
    named = {
        key
        for path in TEMPLATES.glob("*.html")
        for key in LITERAL_KEYS.findall(path.read_text(encoding="utf-8"))
    }
    assert named, "no t('…') calls found: the pattern is out of date"
    prefixes = {key for key in named if key.endswith((".", "_"))}  # t('cell.' ~ state)
    assert named - prefixes - set(i18n.TEXT) == set()
    assert all(any(k.startswith(p) for k in i18n.TEXT) for p in prefixes)


def test_every_status_has_a_thai_and_an_english_name() -> None:
    from projections.assess import ScheduleStatus

    for status in [*ScheduleStatus, "planned", "started", "completed"]:
        assert i18n.status_name(str(status), "th") and i18n.status_name(str(status), "en")


def test_dates_read_as_people_read_them() -> None:
    from datetime import date

    assert i18n.day(date(2009, 1, 31), "th") == "31 ม.ค. 2552"
    assert i18n.day(date(2009, 1, 31), "en") == "31 Jan 2009"
    assert i18n.date_input(date(2009, 9, 30), "th") == "30/09/2552"


def test_each_event_text_has_both_languages_with_the_same_blanks() -> None:
    """A blank in one language only would leave a ``{…}`` or a missing value on a timeline."""
    from api.web.event_texts import EVENT_TEXT

    wrong = [
        kind
        for kind, (thai, english) in EVENT_TEXT.items()
        if not (thai.strip() and english.strip() and blanks(thai) == blanks(english))
    ]
    assert wrong == []


def test_a_timeline_names_a_flags_rule_and_resolution_as_everywhere_else() -> None:
    """The stored names (``overdue``, ``started``) read as the alerts page and the
    digest say them, from ``domain.words``; a free-text reason stays as written."""
    from datetime import UTC, date, datetime
    from uuid import uuid4

    from api.schemas.events import EventOut
    from api.web.timeline import entry

    def event(event_type: str, **payload: object) -> EventOut:
        return EventOut(
            position=1, event_type=event_type, kind="activity", aggregate_id=uuid4(),
            aggregate_version=3, plan_id=None, project_id=None, activity_id=None, code="2.1",
            unit_key=None, actor="scheduler", occurred_on=date(2009, 4, 1),
            recorded_at=datetime(2009, 4, 1, tzinfo=UTC), late_entry=False, payload=payload,
        )  # fmt: skip

    flagged = event("ActivityFlagged", rule="overdue", step=0, period="2009-03", details="")
    assert entry(flagged, "th").summary == "แจ้งเตือน: เกินกำหนด 2009-03"
    assert entry(flagged, "en").summary == "Flagged: overdue 2009-03"
    resolved = event("FlagResolved", rule="late_start", step=0, period="2009-02", reason="started")
    assert entry(resolved, "th").summary == "การแจ้งเตือน เริ่มล่าช้า แก้ไขแล้ว (เริ่มดำเนินการแล้ว)"
    assert entry(resolved, "en").summary == "Alert late start resolved (work started)"
    cancelled = event("ActivityCancelled", reason="started")
    assert entry(cancelled, "th").extras == (("เหตุผล", "started"),)

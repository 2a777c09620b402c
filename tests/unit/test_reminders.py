"""The reminder log's arithmetic and the reminders' words, without a database.

Who is due another reminder, how many went unanswered, whom they step up to, and the
Thai lines that say why: the scheduler's decisions rest on these alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from domain.recorded import Byline
from domain.reminders import ReminderLog
from projections.people_view import Member
from projections.work_owed import OwedWork
from scheduler.reminder_text import why
from scheduler.reminding import unit_managers

ACTIVITY = UUID(int=7)


def at(day: int, hour: int = 2) -> datetime:
    return datetime(2009, 2, day, hour, tzinfo=UTC)


def log_with(*reminders: tuple[int, str]) -> ReminderLog:
    """A log with a reminder to each person on each day of February 2009 (09:00 Bangkok)."""
    first = Byline("scheduler", date(2009, 2, 1), at(1))
    log = ReminderLog._create(
        ReminderLog.ReminderLogStarted, id=UUID(int=8), activity_id=ACTIVITY,
        **first.event_fields(),
    )  # fmt: skip
    for day, username in reminders:
        by = Byline("scheduler", date(2009, 2, day), at(day))
        log.remind(by, username=username, day=date(2009, 2, day), reasons=("late",),
                   due_on=None, days_late=0, deliveries=())  # fmt: skip
    return log


def test_a_person_is_due_again_only_after_the_set_days() -> None:
    log = log_with((1, "somsak"))
    assert not log.due_for("somsak", date(2009, 2, 7), 7)
    assert log.due_for("somsak", date(2009, 2, 8), 7)
    assert log.due_for("malee", date(2009, 2, 2), 7)  # never reminded about it


def test_reminders_before_the_last_work_are_answered() -> None:
    log = log_with((1, "somsak"), (8, "somsak"), (8, "malee"))
    assert log.ignored(None) == (2, ("somsak", "malee"))
    assert log.ignored(at(1, hour=5)) == (1, ("somsak", "malee"))  # worked after the first
    assert log.ignored(at(8, hour=5)) == (0, ())


def test_the_count_starts_again_after_an_escalation() -> None:
    log = log_with((1, "somsak"), (8, "somsak"), (15, "somsak"))
    log.escalate(
        Byline("scheduler", date(2009, 2, 15), at(15)), day=date(2009, 2, 15),
        managers=("manee",), staff=("somsak",), ignored=2, deliveries=(),
    )  # fmt: skip
    assert log.ignored(None) == (0, ())
    by = Byline("scheduler", date(2009, 2, 22), at(22))
    log.remind(by, username="somsak", day=date(2009, 2, 22), reasons=("late",), due_on=None,
               days_late=0, deliveries=())  # fmt: skip
    assert log.ignored(None) == (1, ("somsak",))
    assert log.unanswered(None) == 4  # what the fifth reminder calls itself, less one
    assert log.unanswered(at(15, hour=5)) == 1


def member(username: str, *units: str) -> Member:
    return Member(username, username, f"{username}@example.go.th", frozenset(units))


def test_a_units_managers_are_those_naming_it_else_those_naming_none() -> None:
    head, director, works = member("head", "pr"), member("director"), member("works", "civil")
    assert unit_managers([head, director, works], "pr") == [head]
    assert unit_managers([head, director, works], "finance") == [director]
    assert unit_managers([head, works], "finance") == []


def owed(reasons: tuple[str, ...], due_on: date | None, days_late: int,
         last: date | None) -> OwedWork:  # fmt: skip
    return OwedWork(ACTIVITY, ACTIVITY, "1.1", "กิจกรรม", "งาน", reasons, due_on, days_late, last, 1)


def test_each_reason_says_why_with_buddhist_era_dates_as_the_page_does() -> None:
    work = owed(("due", "late", "stale"), date(2009, 1, 31), 15, date(2008, 12, 1))
    assert why(work, date(2009, 2, 15)) == [
        "ถึงกำหนดในเดือนนี้ (กำหนด 31 ม.ค. 2552)",
        "ล่าช้า 15 วัน (กำหนด 31 ม.ค. 2552)",
        "ไม่ได้บันทึกผลมา 76 วัน (บันทึกล่าสุด 1 ธ.ค. 2551)",
    ]
    never = owed(("stale",), None, 0, None)
    assert why(never, date(2009, 2, 15)) == ["ยังไม่เคยบันทึกผล"]


def test_work_behind_plan_but_not_past_its_due_day_is_called_behind_not_0_days_late() -> None:
    assert why(owed(("late",), date(2009, 3, 31), 0, date(2009, 2, 1)), date(2009, 2, 15)) == [
        "ช้ากว่าแผน (กำหนด 31 มี.ค. 2552)"
    ]

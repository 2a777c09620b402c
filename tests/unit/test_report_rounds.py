"""The year's calendar of reports (issue 16): due days, where each round stands, and
the reminder a manager's digest carries a week before a round is due."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from domain.calendar import FiscalYear
from domain.periods import Period, due_day, parse_rounds
from projections.facts import FilingFact, PlanFacts
from projections.rounds import reminders, rounds_of
from scheduler.digest import digest

FY = FiscalYear(2552)
ROUNDS = (Period.HALF, Period.YEAR)


def _plan(*filed: tuple[str, date]) -> PlanFacts:
    plan = PlanFacts(uuid4(), "เทศบาลเมืองทุ่งสง", 2552, "แผน", "", date(2008, 10, 1))
    at = datetime(2009, 4, 20, tzinfo=UTC)
    for number, (period, on) in enumerate(filed, start=1):
        cut_off = date(2009, 3, 31)
        filing = FilingFact(
            number, "monitoring", period, cut_off, at, "d" * 64, {}, 1, "l", "manee", on, at
        )
        plan.filings.append(filing)
    return plan


def test_rounds_are_due_the_month_after_they_end() -> None:
    assert due_day(FY, Period.Q1) == date(2009, 1, 31)
    assert due_day(FY, Period.HALF) == date(2009, 4, 30)
    assert due_day(FY, Period.Q3) == date(2009, 7, 31)
    assert due_day(FY, Period.YEAR) == date(2009, 10, 31)


def test_where_each_round_stands() -> None:
    plan = _plan(("half", date(2009, 4, 20)))
    on_march = [(r.period, r.state, r.days) for r in rounds_of(plan, date(2009, 3, 31), ROUNDS)]
    assert on_march == [(Period.HALF, "open", 0), (Period.YEAR, "open", 0)]
    april = rounds_of(_plan(), date(2009, 4, 10), ROUNDS)
    assert [(r.state, r.days) for r in april] == [("due", 20), ("open", 0)]
    may = rounds_of(_plan(), date(2009, 5, 3), ROUNDS)
    assert [(r.state, r.days) for r in may] == [("late", 3), ("open", 0)]
    filed = rounds_of(plan, date(2009, 11, 2), ROUNDS)
    assert [(r.period, r.state, r.days) for r in filed] == [
        (Period.HALF, "filed", 0),
        (Period.YEAR, "late", 2),
    ]
    assert filed[0].filing is not None and filed[0].filing.actor == "manee"


def test_a_digest_reminds_once_a_week_before_a_round_is_due() -> None:
    plan = _plan()
    due = reminders([plan], date(2009, 4, 22), date(2009, 4, 23), ROUNDS)
    assert [r.period for _, r in due] == [Period.HALF]
    assert reminders([plan], date(2009, 4, 23), date(2009, 4, 24), ROUNDS) == []
    # a digest that covers several days (the scheduler was down) still carries it
    assert len(reminders([plan], date(2009, 4, 20), date(2009, 4, 25), ROUNDS)) == 1
    # a round filed before its reminder day is not reminded of
    filed = _plan(("half", date(2009, 4, 20)))
    assert reminders([filed], date(2009, 4, 22), date(2009, 4, 23), ROUNDS) == []
    told = digest("มณี หัวหน้า", date(2009, 4, 23), [], [], "http://x/alerts", due)
    assert told is not None
    subject, body = told
    assert "รายงานครบกำหนดยื่น 1 รอบ" in subject
    assert (
        "  - เทศบาลเมืองทุ่งสง ปีงบประมาณ 2552: รอบ 6 เดือน (ต.ค.–มี.ค.) "
        "ข้อมูล ณ 31 มี.ค. 2552 ยื่นภายใน 30 เม.ย. 2552"
    ) in body.splitlines()


def test_rounds_are_read_from_the_setting_or_refused() -> None:
    assert parse_rounds("year, q1,half") == (Period.Q1, Period.HALF, Period.YEAR)
    with pytest.raises(ValueError, match="q5"):
        parse_rounds("half,q5")

"""The year's calendar of reports: each round an office reports, its cut-off, the day
it is due, and where it stands (not yet due, due in N days, filed on … by …, late);
and the rounds a manager's digest reminds of, a week before they are due."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.calendar import FiscalYear
from domain.periods import REMINDER_DAYS, Period, due_day, period_bounds
from projections.facts import FilingFact, PlanFacts


@dataclass(frozen=True, slots=True)
class Round:
    period: Period
    start: date
    cut_off: date
    due: date
    state: str
    """``open`` (the round has not ended), ``due`` (ended, not filed, not late), ``late``
    (past its due day, not filed) or ``filed``."""
    days: int
    """Days left to the due day (``due``), or days past it (``late``); else 0."""
    filing: FilingFact | None
    """The latest filing of the round, if filed."""


def rounds_of(plan: PlanFacts, today: date, periods: Sequence[Period]) -> list[Round]:
    """The plan's rounds on ``today``, in the year's order."""
    year = FiscalYear(plan.fiscal_year)
    found = []
    for period in periods:
        start, end = period_bounds(year, period)
        due = due_day(year, period)
        filings = [f for f in plan.filings if f.period == period.value and f.on <= today]
        filing = filings[-1] if filings else None
        if filing is not None:
            state, days = "filed", 0
        elif today <= end:
            state, days = "open", 0
        elif today <= due:
            state, days = "due", (due - today).days
        else:
            state, days = "late", (today - due).days
        found.append(Round(period, start, end, due, state, days, filing))
    return found


def reminders(
    plans: Iterable[PlanFacts], since: date, day: date, periods: Sequence[Period]
) -> list[tuple[PlanFacts, Round]]:
    """Rounds not filed by ``day`` whose reminder day (a week before due) falls after
    ``since`` and by ``day``: what a digest covering (since, day] reminds of, once."""
    found = []
    for plan in plans:
        for round_ in rounds_of(plan, day, periods):
            remind_on = round_.due - timedelta(days=REMINDER_DAYS)
            if round_.state != "filed" and since < remind_on <= day:
                found.append((plan, round_))
    return found

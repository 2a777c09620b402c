"""The schedule's facts, day by day: due days, days late, expected progress, lifecycle.

Every expected figure is worked out by hand in its row's comment; none is computed
with the arithmetic under test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

import pytest

from domain.calendar import FiscalYear, Month
from domain.schedule import (
    Basis,
    Lifecycle,
    days_late,
    due_by,
    expected_by_days,
    expected_by_steps,
    expected_progress,
    finish_due,
    half_up,
    late_start_days,
    lifecycle,
    overdue_days,
    start_due,
    starts_on,
    step_due,
)

FEB_2008 = FiscalYear(2551).month(2)  # a leap February, in fiscal year 2551
FEB_2012 = FiscalYear(2555).month(2)  # a leap February, in fiscal year 2555
FEB_APR_JUL = (Month(2009, 2), Month(2009, 4), Month(2009, 7))  # ก.พ., เม.ย., ก.ค. 2552
"""Not contiguous: 28 + 30 + 31 = 89 planned days."""
THIRTY_DAY_MONTHS = (Month(2008, 11), Month(2009, 4), Month(2009, 6), Month(2009, 9))
"""พ.ย., เม.ย., มิ.ย., ก.ย. 2552: 120 planned days, so 3 of them are exactly 2.5%."""

Judge = Callable[[Sequence[Month], date], int]


def _not_started(months: Sequence[Month], on: date) -> int:
    return late_start_days(months, on, None)


@pytest.mark.parametrize(
    ("month", "due"),
    [
        pytest.param(Month(2009, 1), date(2009, 1, 31), id="31-day month"),
        pytest.param(Month(2009, 4), date(2009, 4, 30), id="30-day month"),
        pytest.param(Month(2009, 2), date(2009, 2, 28), id="february of a common year"),
        pytest.param(FEB_2008, date(2008, 2, 29), id="leap february 2008, FY 2551"),
        pytest.param(FEB_2012, date(2012, 2, 29), id="leap february 2012"),
        pytest.param(Month(2008, 12), date(2008, 12, 31), id="december, mid fiscal year"),
    ],
)
def test_work_planned_in_a_month_falls_due_on_its_last_day(month: Month, due: date) -> None:
    assert due_by(month) == due


@pytest.mark.parametrize(
    ("day_of", "months", "day"),
    [
        pytest.param(starts_on, FEB_APR_JUL, date(2009, 2, 1), id="window opens on 1 feb"),
        pytest.param(start_due, FEB_APR_JUL, date(2009, 2, 28), id="start due end of feb"),
        pytest.param(finish_due, FEB_APR_JUL, date(2009, 7, 31), id="finish due end of jul"),
        pytest.param(start_due, (FEB_2008,), date(2008, 2, 29), id="one leap month: start"),
        pytest.param(finish_due, (FEB_2008,), date(2008, 2, 29), id="one leap month: finish"),
        pytest.param(
            finish_due, FiscalYear(2552).months, date(2009, 9, 30), id="whole year: 30 sep"
        ),
        pytest.param(
            start_due, FiscalYear(2552).months, date(2008, 10, 31), id="whole year: 31 oct"
        ),
    ],
)
def test_an_activity_starts_and_finishes_by_the_ends_of_its_first_and_last_months(
    day_of: Callable[[Sequence[Month]], date], months: tuple[Month, ...], day: date
) -> None:
    assert day_of(months) == day


@pytest.mark.parametrize(
    ("step_months", "activity_months", "due"),
    [
        pytest.param(
            (Month(2008, 11), Month(2009, 1)), FEB_APR_JUL, date(2009, 1, 31), id="own last month"
        ),
        pytest.param((), FEB_APR_JUL, date(2009, 7, 31), id="no months: the activity's last"),
        pytest.param((FEB_2012,), (Month(2012, 3),), date(2012, 2, 29), id="leap february 2012"),
        pytest.param(
            (Month(2009, 3), Month(2008, 12)), FEB_APR_JUL, date(2009, 3, 31), id="latest month"
        ),
    ],
)
def test_a_step_falls_due_at_the_end_of_its_last_month_or_else_of_the_activity(
    step_months: tuple[Month, ...], activity_months: tuple[Month, ...], due: date
) -> None:
    assert step_due(step_months, activity_months) == due


@pytest.mark.parametrize(
    ("due", "on", "late"),
    [
        pytest.param(date(2009, 1, 31), date(2009, 1, 30), 0, id="the day before"),
        pytest.param(date(2009, 1, 31), date(2009, 1, 31), 0, id="the due day itself"),
        pytest.param(date(2009, 1, 31), date(2009, 2, 1), 1, id="the day after"),
        pytest.param(date(2009, 2, 28), date(2009, 3, 1), 1, id="1 mar after a common feb"),
        pytest.param(date(2008, 2, 29), date(2008, 3, 1), 1, id="1 mar after a leap feb"),
        pytest.param(date(2009, 2, 28), date(2009, 3, 31), 31, id="a whole month later"),
        pytest.param(date(2009, 9, 30), date(2009, 10, 1), 1, id="into the next fiscal year"),
    ],
)
def test_days_late_count_from_the_day_after_the_due_day(due: date, on: date, late: int) -> None:
    assert days_late(due, on) == late


@pytest.mark.parametrize(
    ("on", "started_on", "late"),
    [
        pytest.param(date(2009, 1, 15), None, 0, id="before the first month"),
        pytest.param(date(2009, 2, 28), None, 0, id="not started, last day of the first month"),
        pytest.param(date(2009, 3, 1), None, 1, id="not started, the day after it"),
        pytest.param(date(2009, 3, 5), date(2009, 3, 10), 5, id="started only after the day"),
        pytest.param(date(2009, 3, 10), date(2009, 3, 10), 0, id="started that very day"),
        pytest.param(date(2009, 6, 1), date(2009, 3, 10), 0, id="a late start is over once made"),
    ],
)
def test_the_start_is_late_once_the_first_month_is_over_and_nothing_has_started(
    on: date, started_on: date | None, late: int
) -> None:
    assert late_start_days(FEB_APR_JUL, on, started_on) == late


@pytest.mark.parametrize(
    ("months", "on", "closed_on", "late"),
    [
        pytest.param(FEB_APR_JUL, date(2009, 7, 31), None, 0, id="open, last day of last month"),
        pytest.param(FEB_APR_JUL, date(2009, 8, 1), None, 1, id="open, the day after"),
        pytest.param(FEB_APR_JUL, date(2009, 3, 1), None, 0, id="between planned months"),
        pytest.param((FEB_2012,), date(2012, 3, 1), None, 1, id="open, after a leap february"),
        pytest.param((FEB_2012,), date(2012, 2, 29), None, 0, id="open, on 29 feb 2012"),
        pytest.param(FEB_APR_JUL, date(2009, 8, 5), date(2009, 8, 3), 0, id="closed by the day"),
        pytest.param(
            FEB_APR_JUL, date(2009, 8, 5), date(2009, 8, 10), 5, id="closed only after the day"
        ),
    ],
)
def test_the_finish_is_overdue_once_the_last_month_is_over_and_it_is_not_closed(
    months: tuple[Month, ...], on: date, closed_on: date | None, late: int
) -> None:
    assert overdue_days(months, on, closed_on) == late


@pytest.mark.parametrize(
    ("months", "on", "expected"),
    [
        pytest.param((Month(2009, 1),), date(2008, 12, 31), 0, id="before the first month"),
        pytest.param((Month(2009, 1),), date(2009, 1, 1), 3, id="first day counts: 1/31"),
        pytest.param((Month(2009, 4),), date(2009, 4, 15), 50, id="half of a 30-day month"),
        pytest.param((Month(2009, 2),), date(2009, 2, 14), 50, id="half of a common feb"),
        pytest.param((Month(2009, 2),), date(2009, 2, 28), 100, id="all of a common feb"),
        pytest.param((FEB_2008,), date(2008, 2, 28), 97, id="28/29 of a leap feb, 96.55"),
        pytest.param((FEB_2008,), date(2008, 2, 29), 100, id="all of a leap feb"),
        pytest.param((FEB_2012,), date(2012, 3, 1), 100, id="after the last month"),
        pytest.param(FEB_APR_JUL, date(2009, 2, 28), 31, id="end of feb: 28/89, 31.46"),
        pytest.param(FEB_APR_JUL, date(2009, 3, 15), 31, id="mid march adds nothing"),
        pytest.param(FEB_APR_JUL, date(2009, 3, 31), 31, id="end of march adds nothing"),
        pytest.param(FEB_APR_JUL, date(2009, 4, 1), 33, id="1 apr: 29/89, 32.58"),
        pytest.param(FEB_APR_JUL, date(2009, 7, 31), 100, id="end of jul: all"),
        pytest.param(THIRTY_DAY_MONTHS, date(2008, 11, 3), 3, id="3/120 is 2.5: half up"),
        pytest.param((), date(2009, 1, 1), 0, id="no months: nothing expected"),
    ],
)
def test_expected_progress_grows_with_the_planned_days_gone_by(
    months: tuple[Month, ...], on: date, expected: int
) -> None:
    assert expected_by_days(months, on) == expected


STEP_DUES = (date(2009, 1, 31), date(2009, 2, 28), date(2009, 3, 31))
EIGHT_STEP_DUES = (date(2008, 10, 31), *(date(2009, 9, 30),) * 7)


@pytest.mark.parametrize(
    ("dues", "on", "expected"),
    [
        pytest.param(STEP_DUES, date(2009, 1, 30), 0, id="no step due yet"),
        pytest.param(STEP_DUES, date(2009, 1, 31), 33, id="a step counts on its due day"),
        pytest.param(STEP_DUES, date(2009, 2, 28), 67, id="two of three: 66.67"),
        pytest.param(STEP_DUES, date(2009, 3, 31), 100, id="all three"),
        pytest.param(EIGHT_STEP_DUES, date(2008, 10, 31), 13, id="one of eight is 12.5: half up"),
        pytest.param((), date(2009, 3, 31), 0, id="no steps: nothing expected"),
    ],
)
def test_expected_progress_by_steps_counts_each_step_equally_from_its_due_day(
    dues: tuple[date, ...], on: date, expected: int
) -> None:
    assert expected_by_steps(dues, on) == expected


@pytest.mark.parametrize(
    ("dues", "expected"),
    [
        # Linear over ม.ค.–มี.ค. 2552 it would be 59/90 = 66 on 28 Feb; the one step
        # is due only at the end of March.
        pytest.param((date(2009, 3, 31),), (0, "steps"), id="steps outweigh the days"),
        pytest.param((), (66, "linear"), id="no steps: the days"),
    ],
)
def test_expected_progress_goes_by_the_steps_where_there_are_any(
    dues: tuple[date, ...], expected: tuple[int, Basis]
) -> None:
    months = (Month(2009, 1), Month(2009, 2), Month(2009, 3))
    assert expected_progress(months, dues, date(2009, 2, 28)) == expected


@pytest.mark.parametrize(
    ("numerator", "denominator", "whole"),
    [
        pytest.param(5, 2, 3, id="2.5 up, not to the even 2"),
        pytest.param(25, 2, 13, id="12.5 up, not to the even 12"),
        pytest.param(1, 2, 1, id="0.5 up"),
        pytest.param(1249, 100, 12, id="just under a half, down"),
        pytest.param(199, 2, 100, id="99.5 up to 100"),
        pytest.param(Decimal("250.00"), Decimal("20.00"), 13, id="decimals: 12.5 up"),
        pytest.param(Decimal("2499.99"), Decimal("200.00"), 12, id="decimals: 12.49995 down"),
    ],
)
def test_percents_round_half_up_as_people_round(
    numerator: int | Decimal, denominator: int | Decimal, whole: int
) -> None:
    assert half_up(numerator, denominator) == whole


RESCHEDULES = (
    (date(2008, 10, 1), (Month(2009, 1), Month(2009, 2))),  # planned in ม.ค.–ก.พ. 2552
    (date(2009, 2, 15), (Month(2009, 4), Month(2009, 5))),  # moved to เม.ย.–พ.ค. on 15 Feb
)


def months_on(day: date) -> tuple[Month, ...]:
    """The months in force on ``day``, as a fact sheet's ``months_on`` gives them."""
    return [months for since, months in RESCHEDULES if since <= day][-1]


@pytest.mark.parametrize(
    ("on", "judge", "value"),
    [
        pytest.param(date(2009, 2, 14), expected_by_days, 76, id="old months: 45/59 expected"),
        pytest.param(date(2009, 2, 15), expected_by_days, 0, id="new months: nothing yet"),
        pytest.param(date(2009, 3, 1), overdue_days, 0, id="the old finish no longer counts"),
        pytest.param(date(2009, 3, 1), _not_started, 0, id="the old start no longer counts"),
        pytest.param(date(2009, 5, 1), _not_started, 1, id="late after the new first month"),
        pytest.param(date(2009, 6, 1), overdue_days, 1, id="overdue after the new last month"),
    ],
)
def test_a_reschedule_judges_each_day_by_the_months_in_force_that_day(
    on: date, judge: Judge, value: int
) -> None:
    assert judge(months_on(on), on) == value


DAY = date(2009, 3, 1)


@pytest.mark.parametrize(
    ("started_on", "completed_on", "cancelled_on", "stands"),
    [
        pytest.param(None, None, None, "planned", id="nothing recorded"),
        pytest.param(DAY, None, None, "started", id="started"),
        pytest.param(DAY, DAY, None, "completed", id="completed beats started"),
        pytest.param(None, DAY, None, "completed", id="completed without a recorded start"),
        pytest.param(DAY, None, DAY, "cancelled", id="cancelled beats started"),
        pytest.param(DAY, DAY, DAY, "cancelled", id="cancelled beats completed"),
    ],
)
def test_an_activity_has_one_lifecycle_cancelled_before_completed_before_started(
    started_on: date | None,
    completed_on: date | None,
    cancelled_on: date | None,
    stands: Lifecycle,
) -> None:
    found = lifecycle(started_on=started_on, completed_on=completed_on, cancelled_on=cancelled_on)
    assert found == stands

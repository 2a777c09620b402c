"""The monitoring report on the example year, worked out by hand from the script
(examples/thungsong-2552-year.tsv) at two cut-offs (issue 16).

Projects: 1 (1.1 of 30,000 and 1.2 of 100,000; budget 130,000), 2 (2.1 of 100,000 and
2.2 of 50,000; 150,000), 3 (one activity of 178,000). Spending: 3 150,000 on 15 Jan;
2.1 30,000 on 27 Feb, 32,000 on 24 Apr, 31,500 on 21 Aug; 1.2 95,000 on 20 Mar (its
10,000 of 25 Mar was refused); 1.1 28,500 on 27 Mar.

Six months (to 31 Mar 2552): 3 completed on 30 Jan; 1 in progress (1.1 completed on
27 Mar, 1.2 started 13 Mar, completed only on 3 Apr); 2 in progress (2.1 started on
20 Feb, 2.2 cancelled on 25 Feb). Disbursed 150,000 + 30,000 + 95,000 + 28,500 =
303,500 of 458,000: 66.27%. 1.2, planned for March alone with no progress recorded, is
behind on the last day of March (expected 100%).

The year (to 30 Sep 2552): all three completed (2.1 on 28 Aug as corrected; 2.2 stays
cancelled, so project 2 is complete); disbursed 367,000: 80.13%; 1.2 completed 3 days
late (its month ended on 31 Mar).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from domain.calendar import FiscalYear
from domain.periods import Period, period_bounds
from projections.monitoring import Count, ProjectStatus, monitoring_report
from projections.queries import PlanSnapshot
from projections.resources import assessment_out
from storage.store import Store


@pytest.fixture(scope="module")
def snapshot() -> Iterator[PlanSnapshot]:
    runtime = Runtime.open(Store.memory())
    played = play(runtime.tracker, EXAMPLES / "thungsong-2552-year.tsv")
    runtime.projections.catch_up()
    yield runtime.reader.snapshot(played.plan_id)
    runtime.close()


def test_periods_of_the_fiscal_year() -> None:
    year = FiscalYear(2552)
    assert period_bounds(year, Period.Q1) == (date(2008, 10, 1), date(2008, 12, 31))
    assert period_bounds(year, Period.Q2) == (date(2009, 1, 1), date(2009, 3, 31))
    assert period_bounds(year, Period.HALF) == (date(2008, 10, 1), date(2009, 3, 31))
    assert period_bounds(year, Period.Q4) == (date(2009, 7, 1), date(2009, 9, 30))
    assert period_bounds(year, Period.YEAR) == (date(2008, 10, 1), date(2009, 9, 30))


def test_the_six_month_round(snapshot: PlanSnapshot) -> None:
    report = monitoring_report(snapshot, Period.HALF)
    assert (report.start, report.on) == (date(2008, 10, 1), date(2009, 3, 31))
    counts = report.total.counts
    assert counts.planned == 3
    assert counts.completed == Count(1, Decimal("33.33"))
    assert counts.in_progress == Count(2, Decimal("66.67"))
    assert counts.not_started == Count(0, Decimal("0.00"))
    assert counts.cancelled == Count(0, Decimal("0.00"))
    assert counts.added_by_revision == Count(0, Decimal("0.00"))
    money = report.total.money
    assert (money.planned, money.allocated, money.disbursed) == (
        Decimal("458000.00"),
        Decimal("458000.00"),
        Decimal("303500.00"),
    )
    assert money.disbursed_in_period == Decimal("303500.00")
    assert (money.remaining, money.disbursed_percent) == (Decimal("154500.00"), Decimal("66.27"))
    assert [(p.code, p.status, p.started_on, p.completed_on) for p in report.projects] == [
        ("1", ProjectStatus.IN_PROGRESS, date(2009, 1, 12), None),
        ("2", ProjectStatus.IN_PROGRESS, date(2009, 2, 20), None),
        ("3", ProjectStatus.COMPLETED, date(2008, 11, 5), date(2009, 1, 30)),
    ]
    assert [p.money.disbursed for p in report.projects] == [
        Decimal("123500.00"),
        Decimal("30000.00"),
        Decimal("150000.00"),
    ]
    assert [(r.code, r.status.value, r.progress, r.expected_progress) for r in report.late] == [
        ("1.2", "behind", 0, 100)
    ]
    assert [b.code for b in report.strategies] == ["ยุทธศาสตร์ที่ 5"]
    assert report.strategies[0].counts == counts


def test_the_year(snapshot: PlanSnapshot) -> None:
    report = monitoring_report(snapshot, Period.YEAR)
    assert report.total.counts.completed == Count(3, Decimal("100.00"))
    money = report.total.money
    assert (money.disbursed, money.disbursed_percent) == (Decimal("367000.00"), Decimal("80.13"))
    assert [(p.code, p.completed_on) for p in report.projects] == [
        ("1", date(2009, 4, 3)),
        ("2", date(2009, 8, 28)),
        ("3", date(2009, 1, 30)),
    ]
    assert [(r.code, r.status.value, r.days_late) for r in report.late] == [
        ("1.2", "completed_late", 3)
    ]
    assert report.late[0].reasons == ("อบรมครบทุกรุ่น",)


def test_a_quarter_counts_only_its_own_spending(snapshot: PlanSnapshot) -> None:
    first = monitoring_report(snapshot, Period.Q1).total.money
    assert (first.disbursed, first.disbursed_in_period) == (Decimal("0"), Decimal("0"))
    third = monitoring_report(snapshot, Period.Q3).total.money
    assert (third.disbursed, third.disbursed_in_period) == (
        Decimal("335500.00"),
        Decimal("32000.00"),
    )


def test_an_earlier_cut_off_inside_the_period(snapshot: PlanSnapshot) -> None:
    report = monitoring_report(snapshot, Period.HALF, date(2009, 1, 31))
    assert report.on == date(2009, 1, 31)
    assert report.total.counts.completed == Count(1, Decimal("33.33"))
    assert report.total.counts.in_progress == Count(1, Decimal("33.33"))
    assert report.total.counts.not_started == Count(1, Decimal("33.33"))
    assert report.total.money.disbursed == Decimal("150000.00")


def test_money_by_stage_and_by_funding_source_at_two_cut_offs() -> None:
    """Project 1 is paid from accumulated funds (เงินสะสม), project 3 from the annual
    budget; no one named project 2's source. A contract of 6,000 on 2.1, dated 20 Aug
    (recorded late), binds money in the year but not in the six-month round."""
    runtime = Runtime.open(Store.memory())
    try:
        plan_id = play(runtime.tracker, EXAMPLES / "thungsong-2552-year.tsv").plan_id
        tracker = runtime.tracker
        tracker.set_funding_source(plan_id, "1", "เงินสะสม", actor="manee")
        tracker.set_funding_source(plan_id, "3", "งบประมาณรายจ่าย", actor="manee")
        two_one = tracker.find_activity(plan_id, "2.1").id
        tracker.record_commitment(two_one, "6000", number="ใบสั่งจ้าง 44/2552", actor="somsak",
                                  occurred_on=date(2009, 8, 20))  # fmt: skip
        runtime.projections.catch_up()
        snapshot = runtime.reader.snapshot(plan_id)
        half = monitoring_report(snapshot, Period.HALF)
        assert half.total.money.committed == Decimal("0")
        year = monitoring_report(snapshot, Period.YEAR)
        assert year.total.money.committed == Decimal("6000.00")
        assert [(source, m.planned, m.committed, m.disbursed) for source, m in year.sources] == [
            ("เงินสะสม", Decimal("130000.00"), Decimal("0"), Decimal("123500.00")),
            ("", Decimal("150000.00"), Decimal("6000.00"), Decimal("93500.00")),
            ("งบประมาณรายจ่าย", Decimal("178000.00"), Decimal("0"), Decimal("150000.00")),
        ]
        assert [(s, m.disbursed) for s, m in half.sources] == [
            ("เงินสะสม", Decimal("123500.00")),
            ("", Decimal("30000.00")),
            ("งบประมาณรายจ่าย", Decimal("150000.00")),
        ]
    finally:
        runtime.close()


def test_outputs_planned_and_delivered_at_two_cut_offs() -> None:
    """The plan's text proposes 1 ครั้ง for 1.1 and 2.2, 3 ครั้ง for 2.1 and 2 ป้าย for 3;
    1.2 says none. A manager confirms 2.1's three press meetings; staff record the ones held
    on 27 Feb and 24 Apr (as the script's progress notes say), and the third on 21 Aug."""
    runtime = Runtime.open(Store.memory())
    try:
        plan_id = play(runtime.tracker, EXAMPLES / "thungsong-2552-year.tsv").plan_id
        tracker = runtime.tracker
        two_one = tracker.find_activity(plan_id, "2.1").id
        tracker.plan_output(two_one, 3, "ครั้ง", actor="manee", occurred_on=date(2008, 10, 1))
        for day in (date(2009, 2, 27), date(2009, 4, 24), date(2009, 8, 21)):
            tracker.deliver_output(two_one, 1, actor="somsak", occurred_on=day)
        runtime.projections.catch_up()
        snapshot = runtime.reader.snapshot(plan_id)
        half = monitoring_report(snapshot, Period.HALF)
        assert [(o.code, o.planned, o.unit, o.delivered, o.confirmed) for o in half.outputs] == [
            ("1.1", Decimal(1), "ครั้ง", Decimal(0), False),
            ("2.1", Decimal(3), "ครั้ง", Decimal(1), True),
            ("2.2", Decimal(1), "ครั้ง", Decimal(0), False),
            ("3", Decimal(2), "ป้าย", Decimal(0), False),
        ]
        assert half.outputs[1].percent == Decimal("33.33")
        year = monitoring_report(snapshot, Period.YEAR)
        assert (year.outputs[1].delivered, year.outputs[1].percent) == (
            Decimal(3),
            Decimal("100.00"),
        )
        # plan versus actual carries the same: planned beside delivered, on its day
        row = next(r for r in snapshot.versus_actual(date(2009, 4, 30)).rows if r.code == "2.1")
        out = assessment_out(row)
        assert (out.output_planned, out.output_unit, out.output_delivered) == ("3", "ครั้ง", "2")
    finally:
        runtime.close()

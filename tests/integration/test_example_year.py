"""The example year (examples/thungsong-2552-year.tsv) gives the plan versus actual
worked out by hand from the script, on every backend.

The figures below were computed from the script row by row, not read back from
the code: allocations from the plan, spending summed from the vouchers, statuses
from the planned months and the business dates of starts and completions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from api.runtime import EXAMPLES
from api.scenario import PlayedScript, play
from application.tracker import Tracker
from domain.clock import BANGKOK
from projections.compare import compare
from projections.editions import edition_of
from projections.queries import PlanReader
from projections.remembered import ActivityMemo, RowMemo, plan_json, plan_vs_actual_json
from projections.resources import PlanVsActualOut, plan_resource, plan_vs_actual_resource
from projections.service import Projections
from storage.store import Store

YEAR = EXAMPLES / "thungsong-2552-year.tsv"


@dataclass
class Year:
    tracker: Tracker
    projections: Projections
    reader: PlanReader
    played: PlayedScript

    @property
    def plan_id(self) -> UUID:
        return self.played.plan_id


@pytest.fixture
def year(store: Store) -> Iterator[Year]:
    tracker = Tracker(store)
    played = play(tracker, YEAR)
    projections = Projections(tracker)
    projections.catch_up()
    yield Year(tracker, projections, PlanReader(projections.db, tracker), played)
    projections.close()
    tracker.close()


def rows_by_code(resource: PlanVsActualOut) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in resource.model_dump(mode="json")["rows"]}


def test_the_script_records_49_events_and_refuses_one_expenditure(year: Year) -> None:
    assert year.tracker.recorder.max_notification_id() == 49
    assert (year.played.commands, year.played.refused) == (32, 1)
    assert year.tracker.find_activity(year.plan_id, "1.2").spent == Decimal("95000.00")


YEAR_END = date(2009, 9, 30)
AT_YEAR_END = {
    # code: status, days late, allocated, spent, remaining, % disbursed, start, end
    "1.1": (
        "completed_on_time", 0, "30000.00", "28500.00", "1500.00", "95.0",
        "2009-01-12", "2009-03-27",
    ),
    "1.2": (
        "completed_late", 3, "100000.00", "95000.00", "5000.00", "95.0",
        "2009-03-13",  # corrected: the first session began on the 13th, not the 16th
        "2009-04-03",
    ),
    "2.1": (
        "completed_on_time", 0, "100000.00", "93500.00", "6500.00", "93.5",
        "2009-02-20",
        "2009-08-28",  # corrected: the last report was handed in on the 28th
    ),
    "2.2": ("cancelled", 0, "50000.00", "0.00", "50000.00", "0.0", None, "2009-02-25"),
    "3": (
        "completed_on_time", 0, "178000.00", "150000.00", "28000.00", "84.3",
        "2008-11-05", "2009-01-30",
    ),
}  # fmt: skip


@pytest.mark.parametrize("code", AT_YEAR_END)
def test_each_activity_at_the_end_of_the_fiscal_year(year: Year, code: str) -> None:
    resource = plan_vs_actual_resource(year.reader.snapshot(year.plan_id), YEAR_END)
    row = rows_by_code(resource)[code]
    status, late, allocated, spent, remaining, disbursed, start, end = AT_YEAR_END[code]
    assert (row["status"], row["days_late"]) == (status, late)
    assert (row["allocated"], row["spent"], row["remaining"]) == (allocated, spent, remaining)
    assert row["disbursed_percent"] == disbursed
    assert (row["actual_start"], row["actual_end"]) == (start, end)


def test_month_grids_at_the_end_of_the_fiscal_year(year: Year) -> None:
    rows = rows_by_code(plan_vs_actual_resource(year.reader.snapshot(year.plan_id), YEAR_END))
    assert rows["2.1"]["planned_months"] == ["2009-02", "2009-04", "2009-08"]
    none, both = "none", "both"  # Oct … Sep: met in Feb, Apr and (rescheduled) Aug
    assert [c["state"] for c in rows["2.1"]["grid"]] == [
        none, none, none, none, both, none, both, none, none, none, both, none,
    ]  # fmt: skip
    assert [c["state"] for c in rows["1.1"]["grid"]][3:6] == ["both", "worked", "both"]


def test_the_plan_rolls_up_at_the_end_of_the_fiscal_year(year: Year) -> None:
    resource = plan_vs_actual_resource(year.reader.snapshot(year.plan_id), YEAR_END)
    report = resource.model_dump(mode="json")
    projects = {p["key"]: (p["activities"], p["allocated"], p["spent"]) for p in report["projects"]}
    assert projects == {
        "1": (2, "130000.00", "123500.00"),
        "2": (2, "150000.00", "93500.00"),
        "3": (1, "178000.00", "150000.00"),
    }
    assert [u["activities"] for u in report["units"]] == [5]
    total = report["total"]
    assert (total["allocated"], total["spent"], total["disbursed_percent"]) == (
        "458000.00",
        "367000.00",
        "80.1",
    )
    assert total["progress"] == 100  # the cancelled activity counts in money, not in progress
    assert total["by_status"] == {"cancelled": 1, "completed_late": 1, "completed_on_time": 3}


def test_mid_february_as_known_now(year: Year) -> None:
    rows = rows_by_code(
        plan_vs_actual_resource(year.reader.snapshot(year.plan_id), date(2009, 2, 15))
    )
    summary = {c: (r["status"], r["progress"], r["expected_progress"]) for c, r in rows.items()}
    assert summary == {
        "1.1": ("behind", 50, 75),  # steps 1–3 were due by 31 Jan; the 60 % was corrected to 50
        "1.2": ("not_due", 0, 0),
        "2.1": ("on_track", 0, 17),  # 15 of the 89 days of Feb, Apr and Jul (as then planned)
        "2.2": ("on_track", 0, 54),  # 15 of February's 28 days; cancelled only on the 25th
        "3": ("completed_on_time", 100, 100),
    }


def test_as_known_on_1_february_the_late_entries_were_not_there_yet(year: Year) -> None:
    then = datetime(2009, 2, 1, 12, 0, tzinfo=BANGKOK)
    snapshot = year.reader.snapshot_as_of(year.plan_id, then)
    rows = rows_by_code(plan_vs_actual_resource(snapshot, then.date()))
    assert (rows["3"]["status"], rows["3"]["days_late"], rows["3"]["progress"]) == (
        "overdue",
        1,
        70,
    )
    assert (rows["1.1"]["status"], rows["1.1"]["progress"]) == ("behind", 60)


def test_compare_february_with_march(year: Year) -> None:
    t1 = datetime(2009, 2, 1, 12, 0, tzinfo=BANGKOK)
    t2 = datetime(2009, 3, 1, 12, 0, tzinfo=BANGKOK)
    changes = compare(
        year.reader.snapshot_as_of(year.plan_id, t1),
        year.reader.snapshot_as_of(year.plan_id, t2),
        t1,
        t2,
    )
    assert [(c.code, c.what, c.before, c.after) for c in changes] == [
        ("1.1", "progress", 60, 50),
        ("1.2", "status", "not_due", "on_track"),
        ("2.1", "progress", 0, 33),
        ("2.1", "spending", "0.00", "30000.00"),
        ("2.2", "status", "on_track", "cancelled"),
        ("3", "progress", 70, 100),
        ("3", "status", "overdue", "completed_on_time"),
    ]


def test_late_entries_are_marked_in_the_audit_trail(year: Year) -> None:
    with year.projections.db.reading() as cur:
        late = cur.execute(
            "SELECT code, event_type, occurred_on, substr(recorded_at, 1, 10) FROM view_audit"
            " WHERE late_entry = 1 ORDER BY position"
        ).fetchall()
    assert [tuple(r) for r in late] == [
        ("1.1", "ProgressCorrected", "2009-01-25", "2009-02-02"),
        ("3", "StepCompleted", "2009-01-30", "2009-02-06"),
        ("3", "ActivityCompleted", "2009-01-30", "2009-02-06"),
        ("2.1", "CompletionCorrected", "2009-08-28", "2009-09-03"),
    ]


def test_remembered_rows_give_the_report_byte_for_byte(year: Year) -> None:
    """The API's serialised plan versus actual (rows remembered per activity version and
    day, spliced into the envelope) is the resource's own JSON, through writes and days."""
    memo = RowMemo()
    days = [date(2009, 2, 28), date(2009, 9, 30), date(2009, 2, 28), date(2009, 6, 15)]

    def both(day: date, keep: Any = None) -> tuple[bytes, bytes]:
        snapshot = year.reader.snapshot(year.plan_id)
        expected = plan_vs_actual_resource(snapshot, day)
        if keep is not None:
            assessed = snapshot.versus_actual(day).rows
            expected.rows = [out for out, a in zip(expected.rows, assessed, strict=True) if keep(a)]
        return plan_vs_actual_json(snapshot, day, memo, keep), expected.model_dump_json().encode()

    reports = {}
    for day in days:
        reports[day] = both(day)
        assert len(set(reports[day])) == 1, day
    late = both(date(2009, 9, 30), lambda a: a.status.value == "completed_late")
    assert len(set(late)) == 1 and late[0].count(b'"code"') == 1
    year.tracker.reopen(
        year.tracker.find_activity(year.plan_id, "2.2").id, actor="manee", reason="งบเพิ่ม"
    )
    year.projections.catch_up()
    after, expected = both(date(2009, 9, 30))
    assert after == expected and after != reports[date(2009, 9, 30)][0]  # 2.2's new version


def test_remembered_parts_give_the_plan_resource_byte_for_byte(year: Year) -> None:
    """The API's serialised plan resource (each activity's part remembered per version and
    day, joined into its project and the plan) is the resource's own JSON, through days,
    a write, and an edition (which takes parts of its own)."""
    memo = ActivityMemo()
    for day in [date(2009, 2, 28), date(2009, 9, 30), date(2009, 2, 28)]:
        snapshot = year.reader.snapshot(year.plan_id)
        expected = plan_resource(snapshot, day).model_dump_json().encode()
        assert plan_json(snapshot, day, memo) == expected, day
        assert expected.count(b'"activities":[{') >= 2
    before = plan_json(year.reader.snapshot(year.plan_id), date(2009, 9, 30), memo)
    year.tracker.reopen(
        year.tracker.find_activity(year.plan_id, "2.2").id, actor="manee", reason="งบเพิ่ม"
    )
    year.projections.catch_up()
    snapshot = year.reader.snapshot(year.plan_id)
    after = plan_json(snapshot, date(2009, 9, 30), memo)
    assert after == plan_resource(snapshot, date(2009, 9, 30)).model_dump_json().encode()
    assert after != before
    adopted = edition_of(snapshot, 0)  # as adopted
    expected = plan_resource(adopted, date(2009, 9, 30)).model_dump_json().encode()
    assert plan_json(adopted, date(2009, 9, 30), ActivityMemo()) == expected

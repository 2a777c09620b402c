"""Filed means fixed (issue 16): a filed round keeps its data digest as known at its
instant, whatever is recorded after; its files are kept; a file in hand is told to be
the one filed, and a one-byte change is not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest

from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from api.web.reports.filing import data_digest, file_monitoring, filing_of, monitoring_as_known
from domain.clock import BANGKOK, FixedClock
from domain.errors import RuleViolation
from domain.periods import Period
from storage.store import Store

FILED_AT = datetime(2009, 4, 20, 10, 0, tzinfo=BANGKOK)


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    opened = Runtime.open(Store.memory(), clock=FixedClock(FILED_AT))
    play(opened.tracker, EXAMPLES / "thungsong-2552-year.tsv")
    opened.tracker.clock = FixedClock(FILED_AT)
    yield opened
    opened.close()


def test_a_filed_round_keeps_its_digest_after_a_late_entry(runtime: Runtime) -> None:
    runtime.projections.catch_up()
    plan_id = runtime.reader.plans()[0].id
    filed = file_monitoring(runtime, plan_id, Period.HALF, None, "manee")
    assert (filed.number, filed.cut_off, filed.known_at) == (1, date(2009, 3, 31), FILED_AT)
    assert set(filed.files) >= {"json", "html", "xlsx"}
    assert filed.files["json"] == filed.data_digest

    # A late entry about March, recorded after the filing.
    runtime.tracker.clock = FixedClock(datetime(2009, 5, 2, 9, 0, tzinfo=BANGKOK))
    one_two = runtime.tracker.find_activity(plan_id, "1.2").id
    runtime.tracker.record_expenditure(
        one_two, Decimal("5000"), actor="somsak", occurred_on=date(2009, 3, 30)
    )
    runtime.projections.catch_up()

    then = monitoring_as_known(runtime, plan_id, Period.HALF, None, filed.known_at)
    assert data_digest(then) == filed.data_digest
    now = monitoring_as_known(runtime, plan_id, Period.HALF, None, runtime.tracker.clock.now())
    assert data_digest(now) != filed.data_digest
    assert now.total.money.disbursed - then.total.money.disbursed == Decimal("5000")

    facts = runtime.reader.plans()[0]
    assert [(f.number, f.period, f.actor, f.chain_position) for f in facts.filings] == [
        (1, "half", "manee", filed.chain_position)
    ]
    kept = runtime.files.get(filed.files["xlsx"])
    assert kept is not None
    assert filing_of(runtime.reader.plans(), kept) is not None
    changed = bytearray(kept)
    changed[len(changed) // 2] ^= 1
    assert filing_of(runtime.reader.plans(), bytes(changed)) is None


def test_a_cut_off_outside_the_period_is_refused_and_nothing_is_filed(runtime: Runtime) -> None:
    runtime.projections.catch_up()
    plan_id = runtime.reader.plans()[0].id
    with pytest.raises(RuleViolation) as refused:
        runtime.tracker.file_report(
            plan_id, "monitoring", "q1", cut_off=date(2009, 1, 31), known_at=FILED_AT,
            data_digest="0" * 64, files={"json": "0" * 64}, chain_position=0,
            chain_link="", actor="manee",
        )  # fmt: skip
    assert (refused.value.rule, refused.value.field) == ("cut_off_outside_period", "on")
    assert runtime.tracker.get_plan(plan_id).filings == 0  # nothing filed

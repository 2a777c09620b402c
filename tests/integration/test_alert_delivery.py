"""Alerts reach managers once, reliably: a real SMTP server and a real HTTP receiver.

The scheduler's jobs are driven directly with an injected clock (no test sleeps
for the clock): ``tick`` scans the days since the last scan, owes webhook calls
and digests, and sends what is due.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import BANGKOK, FixedClock
from projections.service import Projections
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.example_table import example_draft
from tests.integration.sinks import Mailbox, Receiver, http_receiver, smtp_server

MANAGER = "มณี (ผู้อำนวยการกองวิชาการ)"
PLACE = "ยุทธศาสตร์ที่ 5 › 5.1 › แนวทางที่ 3 › 3.5"
ONE_ONE = "1.1 กิจกรรมจัดทำแผนกลยุทธ์การสื่อสารและประชาสัมพันธ์ขององค์กรประจำปี"
THREE = "3 โครงการก่อสร้างป้าย ประชาสัมพันธ์โครงการหลัก"


@dataclass
class Alerting:
    tracker: Tracker
    directory: Directory
    projections: Projections
    scheduler: AlertScheduler
    clock: FixedClock
    mailbox: Mailbox
    receiver: Receiver
    plan_id: UUID

    def at(self, day: date, hour: int = 8, minute: int = 30) -> datetime:
        moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)
        self.clock.set(moment)
        return moment

    def tick(self, day: date, hour: int = 8, minute: int = 30) -> None:
        self.scheduler.tick(self.at(day, hour, minute))


def build(store: Store, smtp_port: int, hook: str, tmp: Path) -> Alerting:
    clock = FixedClock.at_bangkok(date(2008, 10, 15))
    tracker = Tracker(store, clock=clock)
    directory = Directory(store, clock=clock)
    plan_id = tracker.import_plan(example_draft(), actor="admin").plan_id
    directory.register(
        "manee", roles=("manager",), display_name=MANAGER, email="manee@thungsong.go.th",
        actor="admin",
    )  # fmt: skip
    directory.register("nok", roles=("auditor",), email="nok@thungsong.go.th", actor="admin")
    projections = Projections(tracker, directory=directory)
    settings = SchedulerSettings(
        smtp_host="127.0.0.1", smtp_port=smtp_port, webhook_urls=[hook],
        webhook_secret="s3cret", lock_file=str(tmp / "lock"),
    )  # fmt: skip
    scheduler = AlertScheduler(tracker, projections, settings, clock=clock)
    return Alerting(tracker, directory, projections, scheduler, clock, None, None, plan_id)  # type: ignore[arg-type]


@pytest.fixture
def alerting(store: Store, tmp_path: Path) -> Iterator[Alerting]:
    with smtp_server() as (mailbox, port), http_receiver() as (receiver, hook):
        world = build(store, port, hook, tmp_path)
        world.mailbox, world.receiver = mailbox, receiver
        world.at(date(2009, 2, 1), hour=7)  # it first leads before the day's digest hour
        assert world.scheduler.lead()
        yield world
        world.scheduler.stop()
        world.projections.close()
        world.directory.close()
        world.tracker.close()


EXPECTED_DIGEST = f"""\
เรียน {MANAGER}

สรุปการแจ้งเตือนกิจกรรมตามแผนดำเนินงาน ประจำวันที่ 1 ก.พ. 2552

การแจ้งเตือนใหม่ 8 รายการ

■ งานประชาสัมพันธ์ กองวิชาการ ฯ
  เริ่มล่าช้า
  - {ONE_ONE}
    ควรเริ่มภายใน 31 ม.ค. 2552
    ตำแหน่งในแผน: {PLACE} › โครงการ 1 (ปีงบประมาณ พ.ศ. 2552)
  - {THREE}
    ควรเริ่มภายใน 30 พ.ย. 2551
    ตำแหน่งในแผน: {PLACE} › โครงการ 3 (ปีงบประมาณ พ.ศ. 2552)
  เกินกำหนด
  - {THREE}
    ควรเสร็จภายใน 31 ม.ค. 2552
    ตำแหน่งในแผน: {PLACE} › โครงการ 3 (ปีงบประมาณ พ.ศ. 2552)
  ขั้นตอนเกินกำหนด
  - {ONE_ONE}
    ขั้นตอนที่ 1 ควรเสร็จภายใน 31 ม.ค. 2552
    ขั้นตอนที่ 2 ควรเสร็จภายใน 31 ม.ค. 2552
    ขั้นตอนที่ 3 ควรเสร็จภายใน 31 ม.ค. 2552
    ตำแหน่งในแผน: {PLACE} › โครงการ 1 (ปีงบประมาณ พ.ศ. 2552)
  - {THREE}
    ขั้นตอนที่ 1 ควรเสร็จภายใน 30 พ.ย. 2551
    ขั้นตอนที่ 2 ควรเสร็จภายใน 31 ม.ค. 2552
    ตำแหน่งในแผน: {PLACE} › โครงการ 3 (ปีงบประมาณ พ.ศ. 2552)

ดูรายละเอียดและรับทราบการแจ้งเตือน: http://127.0.0.1:8000/alerts

--
ระบบติดตามแผนดำเนินงาน (Tidtam) · ข้อความนี้ส่งโดยอัตโนมัติ
"""


def test_the_digest_for_the_example_says_exactly_this(alerting: Alerting) -> None:
    alerting.tick(date(2009, 2, 1))
    assert alerting.mailbox.subjects() == [
        "[ติดตาม] สรุปการแจ้งเตือน 1 ก.พ. 2552: ใหม่ 8 รายการ แก้ไขแล้ว 0 รายการ"
    ]
    assert alerting.mailbox.bodies() == [EXPECTED_DIGEST]
    message = alerting.mailbox.messages[0]
    assert message["To"] == "manee@thungsong.go.th"  # managers only, not the auditor
    assert message["Message-ID"].endswith("@tidtam>")


def test_no_digest_before_the_hour_and_none_when_nothing_is_new(alerting: Alerting) -> None:
    alerting.tick(date(2009, 2, 1), hour=7, minute=59)
    assert alerting.mailbox.messages == []
    alerting.tick(date(2009, 2, 1))
    alerting.tick(date(2009, 2, 1), hour=17)
    alerting.tick(date(2009, 2, 2))  # nothing new on the 2nd
    assert len(alerting.mailbox.messages) == 1


def test_a_resolved_item_is_reported_once(alerting: Alerting) -> None:
    alerting.tick(date(2009, 2, 1))
    alerting.at(date(2009, 2, 2), hour=10)
    alerting.tracker.start(
        alerting.tracker.find_activity(alerting.plan_id, "1.1").id, actor="somsak"
    )
    alerting.tick(date(2009, 2, 3))
    alerting.tick(date(2009, 2, 4))
    assert len(alerting.mailbox.messages) == 2
    second = alerting.mailbox.bodies()[1]
    assert "แก้ไขแล้ว 1 รายการ" in second
    assert "  - 1.1 เริ่มล่าช้า: เริ่มดำเนินการแล้ว (2 ก.พ. 2552)" in second
    assert "การแจ้งเตือนใหม่" not in second


def test_a_snoozed_flag_stays_quiet_until_its_date(alerting: Alerting) -> None:
    alerting.tick(date(2009, 2, 1))
    alerting.at(date(2009, 2, 2), hour=10)
    alerting.projections.catch_up()
    from projections.alerts_view import AlertReader

    late = next(r for r in AlertReader(alerting.projections.db).flags() if r.rule == "overdue")
    alerting.tracker.snooze_flag(
        late.activity_id, late.flag_id, until=date(2009, 2, 5), actor="manee"
    )
    alerting.tick(date(2009, 2, 3))
    alerting.tick(date(2009, 2, 4))
    assert len(alerting.mailbox.messages) == 1
    alerting.tick(date(2009, 2, 5))
    assert len(alerting.mailbox.messages) == 2
    assert "ควรเสร็จภายใน 31 ม.ค. 2552" in alerting.mailbox.bodies()[1]


def test_webhooks_are_signed_and_carry_an_idempotency_key(alerting: Alerting) -> None:
    alerting.tick(date(2009, 2, 1))
    calls = alerting.receiver.calls
    assert len(calls) == 8
    keys = {headers["idempotency-key"] for headers, _ in calls}
    assert len(keys) == 8
    for headers, body in calls:
        expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        assert headers["x-tidtam-signature"] == expected
        payload = json.loads(body)
        assert payload["kind"] == "flag_raised" == headers["x-tidtam-event"]
        assert payload["delivery_id"] == headers["idempotency-key"]
        assert payload["activity"]["unit"] == "งานประชาสัมพันธ์ กองวิชาการ ฯ"
    alerting.tick(date(2009, 2, 1), hour=9)
    assert len(calls) == 8  # nothing sent twice


def test_a_failing_webhook_is_retried_with_backoff_and_delivered_once(
    store: Store, tmp_path: Path
) -> None:
    with smtp_server() as (_, port), http_receiver(fail_first=2) as (receiver, hook):
        world = build(store, port, hook, tmp_path)
        moment = world.at(date(2009, 2, 1), hour=6)
        assert world.scheduler.lead()  # scans 1 February, owes and tries 8 webhook calls
        assert len(receiver.calls) == 8  # the first two failed
        world.scheduler.deliver(moment + timedelta(seconds=30))
        assert len(receiver.calls) == 8  # not yet: backing off
        world.scheduler.deliver(moment + timedelta(seconds=61))
        assert len(receiver.calls) == 10
        assert len({h["idempotency-key"] for h, _ in receiver.calls}) == 8
        with world.projections.db.reading() as cur:
            states = cur.execute(
                "SELECT state, COUNT(*) FROM view_deliveries GROUP BY state"
            ).fetchall()
        assert dict(states) == {"sent": 8}
        world.scheduler.stop()
        world.projections.close()
        world.directory.close()
        world.tracker.close()


def test_no_alerts_for_activities_of_a_cancelled_project(alerting: Alerting) -> None:
    alerting.at(date(2009, 1, 20), hour=10)
    alerting.tracker.cancel_project(alerting.plan_id, "3", actor="manee", reason="ไม่ได้รับอนุมัติ")
    alerting.tick(date(2009, 2, 1))
    body = alerting.mailbox.bodies()[0]
    assert "โครงการก่อสร้างป้าย" not in body
    assert "การแจ้งเตือนใหม่ 4 รายการ" in body


def test_the_digest_reminds_of_the_six_month_round_a_week_before_it_is_due(
    alerting: Alerting,
) -> None:
    alerting.tick(date(2009, 2, 1))
    for day in range(2, 23):  # every day to 22 April: nothing of the round yet
        alerting.tick(date(2009, 4, day))
    assert not any("รายงานครบกำหนดยื่น" in s for s in alerting.mailbox.subjects())
    alerting.tick(date(2009, 4, 23))  # a week before 30 April, the round's due day
    alerting.tick(date(2009, 4, 24))
    reminded = [s for s in alerting.mailbox.subjects() if "รายงานครบกำหนดยื่น" in s]
    assert reminded == [
        "[ติดตาม] สรุปการแจ้งเตือน 23 เม.ย. 2552: ใหม่ 0 รายการ แก้ไขแล้ว 0 รายการ รายงานครบกำหนดยื่น 1 รอบ"
    ]
    assert "ยื่นภายใน 30 เม.ย. 2552" in alerting.mailbox.bodies()[-1]

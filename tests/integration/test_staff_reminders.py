"""Reminders reach the people who do the work, once, and step up to their manager when
ignored: the scheduler's own path (``tick``: scan, notify, digests, reminders, deliver)
against a real SMTP server and a real HTTP receiver.

The example plan's unit is the PR unit; somsak is its staff member with an e-mail, manee
the manager (of every unit). On 1 February 2009 activity 1.1 is late (its start and its
steps fell due on 31 January) and nothing was ever recorded on it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from application.directory import Directory
from domain.clock import BANGKOK, FixedClock
from domain.reminders import ReminderLog
from scheduler.jobs import AlertScheduler
from storage.store import Store
from tests.integration.sinks import http_receiver, smtp_server
from tests.integration.test_alert_delivery import MANAGER, Alerting, build
from tests.integration.test_two_schedulers import World, fire, two_nodes, world  # noqa: F401 (a fixture)

PR = "งานประชาสัมพันธ์ กองวิชาการ ฯ"
SOMSAK = "สมศักดิ์ ใจดี"
ONE_ONE = "1.1 กิจกรรมจัดทำแผนกลยุทธ์การสื่อสารและประชาสัมพันธ์ขององค์กรประจำปี"
FIRST = date(2009, 2, 1)


@pytest.fixture
def reminding(sqlite_store: Store, tmp_path: Path) -> Iterator[Alerting]:
    with staffed_world(sqlite_store, tmp_path) as built:
        yield built


@contextmanager
def staffed_world(store: Store, tmp: Path) -> Iterator[Alerting]:
    with smtp_server() as (mailbox, port), http_receiver() as (receiver, hook):
        built = build(store, port, hook, tmp)
        built.directory.register(
            "somsak", roles=("staff",), units=(PR,), display_name=SOMSAK,
            email="somsak@thungsong.go.th", actor="admin",
        )  # fmt: skip
        built.directory.register("wichai", roles=("staff",), units=("กองช่าง",), actor="admin",
                                 email="wichai@thungsong.go.th")  # fmt: skip
        built.mailbox, built.receiver = mailbox, receiver
        built.at(FIRST, hour=7)
        assert built.scheduler.lead()  # leads before the digest and reminder hours
        yield built
        built.scheduler.stop()
        built.projections.close()
        built.directory.close()
        built.tracker.close()


def mail_to(alerting: Alerting, address: str, *about: str) -> list[tuple[str, str]]:
    """(subject, body) of each e-mail ``address`` received whose subject names activity 1.1
    and each of ``about``."""
    return [
        (subject, body)
        for message, subject, body in zip(
            alerting.mailbox.messages,
            alerting.mailbox.subjects(),
            alerting.mailbox.bodies(),
            strict=True,
        )
        if message["To"] == address and all(a in subject for a in (f"{ONE_ONE} ", *about))
    ]


def hooks(alerting: Alerting, kind: str, code: str = "1.1") -> list[dict[str, Any]]:
    """The JSON of each webhook call of ``kind`` about the activity ``code``."""
    calls = [json.loads(body) for _, body in alerting.receiver.calls]
    return [c for c in calls if c["kind"] == kind and c["activity"]["code"] == code]


def log_of(alerting: Alerting) -> list[object]:
    one_one = alerting.tracker.find_activity(alerting.plan_id, "1.1").id
    log = alerting.scheduler.outbox.reminder_log(one_one)
    assert log is not None
    return list(alerting.scheduler.outbox.repository.event_store.get(log.id))


def expected_reminder(alerting: Alerting, number: int, day: str) -> str:
    one_one = alerting.tracker.find_activity(alerting.plan_id, "1.1").id
    return f"""\
เรียน {SOMSAK}

การเตือนบันทึกผลการดำเนินงาน ประจำวันที่ {day} (ครั้งที่ {number})

กิจกรรม {ONE_ONE}
หน่วยงาน: {PR}
เหตุที่เตือน:
  - ล่าช้า 1 วัน (กำหนด 31 ม.ค. 2552)
  - ยังไม่เคยบันทึกผล

บันทึกความก้าวหน้า ขั้นตอนที่เสร็จ การเบิกจ่าย หรือการเสร็จสิ้นได้ที่
  หน้ากิจกรรม: http://127.0.0.1:8000/activities/{one_one}
  งานของฉัน: http://127.0.0.1:8000/my-work

หากไม่มีการบันทึกผลหลังการเตือน 2 ครั้ง ระบบจะแจ้งผู้บริหารของหน่วยงานทราบ

--
ระบบติดตามแผนดำเนินงาน (Tidtam) · ข้อความนี้ส่งโดยอัตโนมัติ
"""


def test_the_staff_member_is_reminded_once_in_thai_by_mail_and_webhook(
    store: Store, tmp_path: Path
) -> None:
    with staffed_world(store, tmp_path) as alerting:
        alerting.tick(FIRST, hour=8, minute=59)
        assert mail_to(alerting, "somsak@thungsong.go.th") == []  # not before the hour
        alerting.tick(FIRST, hour=9, minute=30)
        assert mail_to(alerting, "somsak@thungsong.go.th") == [
            (
                f"[ติดตาม] กรุณาบันทึกผล {ONE_ONE} (ล่าช้า, ไม่ได้บันทึกผล)",
                expected_reminder(alerting, 1, "1 ก.พ. 2552"),
            )
        ]
        (call,) = hooks(alerting, "staff_reminded")
        assert call["people"] == [{"username": "somsak", "display_name": SOMSAK}]
        assert call["reasons"] == ["late", "stale"]
        assert str(call["text"]).startswith("[ติดตาม] กรุณาบันทึกผล 1.1")
        assert [
            m for m in alerting.mailbox.messages if m["To"] == "wichai@thungsong.go.th"
        ] == []  # another unit's staff
        for later in (FIRST, FIRST + timedelta(days=1), FIRST + timedelta(days=6)):
            alerting.tick(later, hour=17)  # again that day, and within the week
        assert len(mail_to(alerting, "somsak@thungsong.go.th")) == 1
        assert len(hooks(alerting, "staff_reminded")) == 1
        started, reminded = log_of(alerting)
        assert isinstance(started, ReminderLog.ReminderLogStarted)
        assert isinstance(reminded, ReminderLog.StaffReminded)
        assert (reminded.username, reminded.day, reminded.reasons, reminded.actor) == (
            "somsak", FIRST, ("late", "stale"), "scheduler",
        )  # fmt: skip
        assert len(reminded.deliveries) == 2  # the e-mail and the webhook call


def test_ignored_reminders_step_up_to_the_units_manager_once(reminding: Alerting) -> None:
    for week in range(3):  # 1, 8 and 15 February: the third follows two unanswered
        reminding.tick(FIRST + timedelta(days=7 * week), hour=9, minute=30)
        reminding.tick(FIRST + timedelta(days=7 * week), hour=18)
    bodies = [body for _, body in mail_to(reminding, "somsak@thungsong.go.th")]
    numbers = [body.split("(ครั้งที่ ")[1][0] for body in bodies]
    assert numbers == ["1", "2", "3"]
    ((subject, body),) = mail_to(reminding, "manee@thungsong.go.th", "ยังไม่บันทึกผล")
    assert subject == f"[ติดตาม] ยังไม่บันทึกผลหลังเตือน 2 ครั้ง: {ONE_ONE} ({SOMSAK})"
    assert body.startswith(f"เรียน {MANAGER}\n\nผู้รับผิดชอบยังไม่บันทึกผลการดำเนินงาน")
    assert "หลังได้รับการเตือน 2 ครั้ง (ณ วันที่ 15 ก.พ. 2552)" in body
    assert f"ผู้รับผิดชอบที่ได้รับการเตือน: {SOMSAK}" in body
    assert f"กิจกรรม {ONE_ONE}" in body
    (call,) = hooks(reminding, "reminder_escalated")
    assert call["ignored"] == 2
    assert call["people"] == [{"username": "somsak", "display_name": SOMSAK}]
    escalated = [e for e in log_of(reminding) if isinstance(e, ReminderLog.ReminderEscalated)]
    assert [(e.day, e.managers, e.staff, e.ignored) for e in escalated] == [
        (date(2009, 2, 15), ("manee",), ("somsak",), 2)
    ]
    reminding.tick(FIRST + timedelta(days=21), hour=9, minute=30)  # one unanswered since
    assert len(mail_to(reminding, "manee@thungsong.go.th", "ยังไม่บันทึกผล")) == 1
    (*_, (_, fourth)) = mail_to(reminding, "somsak@thungsong.go.th")
    assert "(ครั้งที่ 4)" in fourth  # the person's count goes on; the managers' starts again


def test_work_recorded_after_a_reminder_answers_it(reminding: Alerting) -> None:
    reminding.tick(FIRST, hour=9, minute=30)
    reminding.tick(FIRST + timedelta(days=7), hour=9, minute=30)
    reminding.at(FIRST + timedelta(days=8), hour=11)
    one_one = reminding.tracker.find_activity(reminding.plan_id, "1.1").id
    reminding.tracker.start(one_one, actor="somsak")
    reminding.tick(FIRST + timedelta(days=14), hour=9, minute=30)
    reminding.tick(FIRST + timedelta(days=21), hour=9, minute=30)
    assert len(mail_to(reminding, "somsak@thungsong.go.th")) == 4  # its steps are still late
    assert mail_to(reminding, "manee@thungsong.go.th", "ยังไม่บันทึกผล") == []
    assert not hooks(reminding, "reminder_escalated")


def test_a_restarted_scheduler_neither_reminds_again_nor_forgets(
    reminding: Alerting, tmp_path: Path
) -> None:
    reminding.tick(FIRST, hour=9, minute=30)
    reminding.tick(FIRST + timedelta(days=7), hour=9, minute=30)
    reminding.scheduler.stop()
    again = AlertScheduler(
        reminding.tracker, reminding.projections, reminding.scheduler.settings,
        clock=reminding.clock,
    )  # fmt: skip
    reminding.scheduler = again
    reminding.at(FIRST + timedelta(days=7), hour=10)
    assert again.lead()  # catches up on leading: nothing new that day
    assert len(mail_to(reminding, "somsak@thungsong.go.th")) == 2
    reminding.tick(FIRST + timedelta(days=14), hour=9, minute=30)
    assert len(mail_to(reminding, "somsak@thungsong.go.th")) == 3
    assert len(mail_to(reminding, "manee@thungsong.go.th", "ยังไม่บันทึกผล")) == 1


def test_staff_without_an_email_are_reminded_by_the_webhook_only(reminding: Alerting) -> None:
    reminding.directory.register("malee", roles=("staff",), units=(PR,), actor="admin")
    reminding.tick(FIRST, hour=9, minute=30)
    people = [c["people"] for c in hooks(reminding, "staff_reminded")]
    assert sorted(p[0]["username"] for p in people) == ["malee", "somsak"]
    assert {m["To"] for m in reminding.mailbox.messages} == {
        "somsak@thungsong.go.th", "manee@thungsong.go.th",
    }  # fmt: skip
    reminded = [e for e in log_of(reminding) if isinstance(e, ReminderLog.StaffReminded)]
    assert {(e.username, len(e.deliveries)) for e in reminded} == {("somsak", 2), ("malee", 1)}


@pytest.fixture
def staffed(world: World) -> World:  # noqa: F811 (the imported fixture)
    """The two schedulers' world with somsak, the PR unit's staff member, in it."""
    directory = Directory(world.store, clock=FixedClock.at_bangkok(date(2008, 10, 15)))
    directory.register("somsak", roles=("staff",), units=(PR,), display_name=SOMSAK,
                       email="somsak@thungsong.go.th", actor="admin")  # fmt: skip
    directory.close()
    return world


def test_two_schedulers_both_leading_remind_and_step_up_once(
    staffed: World, tmp_path: Path
) -> None:
    with two_nodes(staffed, tmp_path, split_brain=True) as nodes:
        for week in range(3):
            day = FIRST + timedelta(days=7 * week)
            now = datetime(day.year, day.month, day.day, 9, 30, tzinfo=BANGKOK)
            threads = [threading.Thread(target=fire, args=(n, now)) for n in nodes]
            for n, thread in zip(nodes, threads, strict=True):
                n.clock.set(now)
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
    to = Counter(
        (m["To"], "ยังไม่บันทึกผล" in s)
        for m, s in zip(staffed.mailbox.messages, staffed.mailbox.subjects(), strict=True)
        if f"{ONE_ONE} " in s
    )
    assert to == {("somsak@thungsong.go.th", False): 3, ("manee@thungsong.go.th", True): 1}
    idempotency = Counter(h["idempotency-key"] for h, _ in staffed.receiver.calls)
    assert max(idempotency.values()) == 1
